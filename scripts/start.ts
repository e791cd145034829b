/**
 * `npm start`: the whole system on this machine, on embedded defaults. Starts PostgreSQL and the Temporal
 * dev server (unless DATABASE_URL / TEMPORAL_ADDRESS point elsewhere), migrates, loads the demo province
 * once, runs the worker and the API in this process, and prints where everything is. Ctrl-C stops it all.
 */
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { buildApp } from '../api/app.js';
import { securitySettings } from '../api/security.js';
import { createDb, migrateToLatest, warnOfLostConnections } from '../db/connect.js';
import { loadConfig } from '../infra/config.js';
import { recordRunningSystem, startLocalServices } from '../infra/local-services.js';
import { createLogger } from '../infra/logger.js';
import { payloadDataConverter } from '../infra/payload-codec.js';
import { interactiveConnectionOptions, prepareNamespace } from '../infra/temporal-connection.js';
import { startWorkerProcess } from '../workers/worker-process.js';
import { loadDemoData } from './demo/load.js';

const startedAt = performance.now();
// Everything here runs on this machine, on its development defaults (the audit anchor key among them).
process.env.NODE_ENV ??= 'development';
const config = loadConfig();
const log = createLogger('start', config.logLevel);
// Refuse before starting any server when the payload keys are missing (outside development only).
const dataConverter = payloadDataConverter(config);
const say = (message: string): void => log.info(message);
// The SDK's own chatter (bundler output, state changes) is noise here; warnings and errors still show.
// No shutdown signals for the SDK: this process orders the shutdown itself (API, worker, then the servers),
// and the SDK's handler would re-raise the signal and end the process before the servers are stopped.
Runtime.install({ logger: new DefaultLogger('WARN'), shutdownSignals: [] });

const services = await startLocalServices(config, { persistent: true, withUi: true, log: say });
let stopping: Promise<void> | undefined;
const cleanups: { name: string; run: () => Promise<void> }[] = [
  { name: 'servers', run: () => services.stop() },
];
const shutdown = async (code: number): Promise<void> => {
  stopping ??= (async () => {
    say('stopping…');
    for (const { name, run } of cleanups.reverse()) {
      log.debug(`stopping ${name}`);
      await run().catch((err: unknown) => log.warn({ err }, `stopping ${name} failed`));
    }
    say('stopped');
  })();
  await stopping;
  process.exit(code);
};
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    say(stopping === undefined ? `${signal} received` : `${signal} received again: still stopping`);
    void shutdown(0);
  });
}

try {
  const db = createDb(services.databaseUrl, {
    onConnectionError: warnOfLostConnections(log),
  });
  cleanups.push({ name: 'database pool', run: () => db.destroy() });
  const migrated = await migrateToLatest(db);
  say(`database migrated (${migrated.results?.length ?? 0} new migration(s))`);
  const demo = await loadDemoData(db, { scale: config.demoScale });
  say(
    demo.loaded
      ? `demo province loaded: ${demo.units} units, ${demo.members} members`
      : 'demo data already loaded',
  );

  const connection = await Connection.connect(interactiveConnectionOptions(services.temporalAddress));
  const temporal = new Client({ connection, namespace: config.temporalNamespace, dataConverter });
  cleanups.push({ name: 'Temporal client', run: () => connection.close() });
  await prepareNamespace(connection, config);

  // Supervised: a worker that fails through a long outage of Temporal or PostgreSQL is started again by itself.
  const worker = startWorkerProcess({
    config,
    db,
    dataConverter,
    connect: () => NativeConnection.connect({ address: services.temporalAddress }),
    // Our own SIGINT handler orders the shutdown: API first, then the worker, then the servers.
    overrides: { shutdownGraceTime: '5s' },
    log,
  });
  cleanups.push({ name: 'worker and mail outbox sweep', run: () => worker.stop() });

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
    { logger: { level: 'warn' } },
  );
  await app.listen({ host: config.apiHost, port: config.apiPort });
  cleanups.push({ name: 'API', run: () => app.close() });

  const api = `http://${config.apiHost}:${config.apiPort}`;
  const lines = [
    '',
    `Ready in ${((performance.now() - startedAt) / 1000).toFixed(1)} s`,
    `  Web page      ${api}/`,
    `  API           ${api}/api`,
    `  Health        ${api}/api/health`,
    `  OpenAPI docs  ${api}/api/docs   (document: ${api}/api/openapi.json)`,
    `  Temporal UI   ${services.temporalUiUrl ?? '(external Temporal: see its own UI)'}`,
    '',
    `Demo logins (password for all: ${demo.accounts[0]?.password ?? ''})`,
    ...demo.accounts.map(
      (a) => `  ${a.username.padEnd(14)} ${a.role.padEnd(17)} ${a.unitId.padEnd(8)} ${a.displayName}`,
    ),
    '',
    'Ctrl-C stops everything.',
  ];
  // Where the other commands (npm run audit, schedules:*, …) find these servers to join, until we stop.
  cleanups.push({ name: 'runtime file', run: recordRunningSystem(config, services) });
  process.stdout.write(`${lines.join('\n')}\n`);
} catch (err) {
  log.error({ err }, 'start failed');
  await shutdown(1);
}
