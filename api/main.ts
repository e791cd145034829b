/**
 * `npm run api`: the HTTP API alone, against an external Temporal (TEMPORAL_ADDRESS) and PostgreSQL
 * (DATABASE_URL). This is how the compose deployment runs it.
 */
import { keysOrExit, loadConfig } from '../infra/config.js';
import { createLogger } from '../infra/logger.js';
import { connectClient } from '../infra/temporal-connection.js';
import { createDb, warnOfLostConnections } from '../db/connect.js';
import { buildApp } from './app.js';
import { securitySettings } from './security.js';

const config = loadConfig();
const log = createLogger('api', config.logLevel);
if (config.databaseUrl === undefined) {
  log.error(
    'DATABASE_URL is not set: `npm run api` runs against an external PostgreSQL (use `npm start` for everything embedded)',
  );
  process.exit(2);
}
const dataConverter = keysOrExit(config, (message) => log.error(message));
const db = createDb(config.databaseUrl, {
  // A request never waits on a silent database beyond this: it answers 503 instead.
  queryTimeoutMs: 10_000,
  onConnectionError: warnOfLostConnections(log),
});
const temporal = connectClient(
  config.temporalAddress ?? `127.0.0.1:${config.temporalPort}`,
  config.temporalNamespace,
  dataConverter,
);
const app = await buildApp(
  {
    db,
    temporal,
    taskQueue: config.taskQueue,
    timing: config.timing,
    movementReminderDays: config.movementReminderDays,
    publicUrl: config.publicUrl,
    ...securitySettings(config),
  },
  { logger: { level: config.logLevel } },
);
await app.listen({ host: config.apiHost, port: config.apiPort });

const shutdown = async (): Promise<void> => {
  await app.close();
  await temporal.connection.close();
  await db.destroy();
  process.exit(0);
};
process.once('SIGINT', () => void shutdown());
process.once('SIGTERM', () => void shutdown());
