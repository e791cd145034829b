/**
 * `npm run worker`: the Temporal worker alone, against an external Temporal (TEMPORAL_ADDRESS) and
 * PostgreSQL (DATABASE_URL). This is how the compose deployment runs it.
 */
import { writeFileSync } from 'node:fs';
import { Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { keysOrExit, loadConfig } from '../infra/config.js';
import { createLogger } from '../infra/logger.js';
import { prepareNamespace } from '../infra/temporal-connection.js';
import { createDb, migrateToLatest, warnOfLostConnections } from '../db/connect.js';
import { startWorkerProcess } from './worker-process.js';

const config = loadConfig();
const log = createLogger('worker', config.logLevel);
const databaseUrl = config.databaseUrl;
const address = config.temporalAddress ?? `127.0.0.1:${config.temporalPort}`;
if (databaseUrl === undefined) {
  log.error(
    'DATABASE_URL is not set: `npm run worker` runs against an external PostgreSQL (use `npm start` for everything embedded)',
  );
  process.exit(2);
}
// Before anything connects: a deployment without its keys must not come up at all.
const dataConverter = keysOrExit(config, (message) => log.error(message));

const db = createDb(databaseUrl, {
  onConnectionError: warnOfLostConnections(log),
});

const worker = startWorkerProcess({
  config,
  db,
  dataConverter,
  // Migrations and the namespace's preparation run before each (re)start: both are idempotent, and a start that found
  // PostgreSQL or Temporal down retries them until they are back.
  async connect() {
    await migrateToLatest(db);
    const admin = await Connection.connect({ address });
    try {
      // Search attributes and the reporting calendar, created or brought up to the configuration.
      await prepareNamespace(admin, config);
    } finally {
      await admin.close();
    }
    return NativeConnection.connect({ address });
  },
  log,
});
log.info({ address, taskQueue: config.taskQueue }, 'worker starting');
// A worker has no HTTP port; the compose health check reads this file's age instead.
const heartbeatFile = process.env.WORKER_HEARTBEAT_FILE;
const heartbeat =
  heartbeatFile === undefined || heartbeatFile === ''
    ? undefined
    : setInterval(() => {
        if (worker.supervised.current()?.getState() === 'RUNNING')
          writeFileSync(heartbeatFile, new Date().toISOString());
      }, 10_000);
// The SDK's runtime turns SIGINT/SIGTERM into a shutdown of the running worker, which drains and ends the loop.
await worker.supervised.done;
clearInterval(heartbeat);
await worker.stop();
await db.destroy();
log.info('worker stopped');
