/**
 * What every benchmark runs on, started by the bench itself: an embedded PostgreSQL and a Temporal dev server, our
 * worker and the bare workflow's worker in this process, the use cases' dependencies and the HTTP API on a local
 * port. Nothing is mocked; the scratch folder goes when the bench stops.
 */
import { mkdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client, Connection } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import getPort from 'get-port';
import { sql, type Kysely } from 'kysely';
import { buildApp } from '../api/app.js';
import { createDb, migrateToLatest } from '../db/connect.js';
import type { Database } from '../db/schema.js';
import { loadConfig } from '../infra/config.js';
import { createDatabaseIfMissing, startEmbeddedPostgres } from '../infra/embedded-postgres.js';
import { APP_DATABASE, startLocalServices } from '../infra/local-services.js';
import { payloadDataConverter } from '../infra/payload-codec.js';
import { loadDemoData } from '../scripts/demo/load.js';
import type { ServiceDeps } from '../services/deps.js';
import { createNominationWorker } from '../workers/nomination-worker.js';
import { bareActivities } from './bare/activities.js';

Runtime.install({ logger: new DefaultLogger('ERROR'), shutdownSignals: [] });

export const OUR_QUEUE = 'bench';
export const BARE_QUEUE = 'bench-bare';

export interface BenchStack {
  deps: ServiceDeps;
  db: Kysely<Database>;
  temporal: Client;
  /** The API's address, for the figures taken over HTTP. */
  api: string;
  databaseUrl: string;
  /** The payload codec the clients and workers share (for replaying their histories). */
  dataConverter: DataConverter;
  /** A further database on the same server, migrated, with the demo province at `scale` (for the reads at scale). */
  database(name: string, scale: number): Promise<Kysely<Database>>;
  stop(): Promise<void>;
}

export async function startBenchStack(log: (line: string) => void): Promise<BenchStack> {
  const scratch = path.join(os.tmpdir(), `thidua-bench-${process.pid}`);
  mkdirSync(scratch, { recursive: true, mode: 0o755 });
  const stops: (() => Promise<void>)[] = [];
  const stop = async (): Promise<void> => {
    for (const s of stops.reverse()) await s().catch((err: unknown) => log(`stop: ${String(err)}`));
    rmSync(scratch, { recursive: true, force: true });
  };
  try {
    log('starting PostgreSQL and the Temporal dev server…');
    // PostgreSQL started here rather than by startLocalServices: with pg_stat_statements loaded, so that the engine
    // section can say which statements one nomination's time goes to.
    const pg = await startEmbeddedPostgres({
      dataDir: path.join(scratch, 'pg'),
      port: await getPort(),
      persistent: false,
      settings: ['shared_preload_libraries=pg_stat_statements', 'pg_stat_statements.track=all'],
    });
    stops.push(() => pg.stop());
    await createDatabaseIfMissing(pg.url, APP_DATABASE);
    const config = loadConfig({
      ...process.env,
      DATABASE_URL: pg.databaseUrl(APP_DATABASE),
      TEMPORAL_ADDRESS: '',
      DATA_DIR: scratch,
      TEMPORAL_PORT: String(await getPort()),
    });
    const services = await startLocalServices(config, {
      persistent: false,
      withUi: false,
      log: () => undefined,
    });
    stops.push(() => services.stop());
    const db = createDb(services.databaseUrl, { max: 20 });
    stops.push(() => db.destroy());
    await migrateToLatest(db);
    await loadDemoData(db);
    await sql`create extension if not exists pg_stat_statements`.execute(db);

    const connection = await Connection.connect({ address: services.temporalAddress });
    stops.push(() => connection.close());
    const dataConverter = payloadDataConverter(config);
    const temporal = new Client({ connection, dataConverter });
    const native = await NativeConnection.connect({ address: services.temporalAddress });
    stops.push(() => native.close());
    log('bundling and starting the workers…');
    const ours = await createNominationWorker({
      connection: native,
      namespace: 'default',
      taskQueue: OUR_QUEUE,
      db,
      dataConverter,
      // The tests' shared bundle when there is one (WORKFLOW_BUNDLE); otherwise bundled from the sources.
      ...(config.workflowBundle !== undefined ? { workflowBundle: { codePath: config.workflowBundle } } : {}),
    });
    const bare = await Worker.create({
      connection: native,
      namespace: 'default',
      taskQueue: BARE_QUEUE,
      // The same codec as ours: the client encrypts every payload, and the comparison pays for it on both sides.
      dataConverter,
      workflowsPath: fileURLToPath(new URL('./bare/workflows.ts', import.meta.url)),
      activities: bareActivities,
    });
    for (const worker of [ours, bare]) {
      const running = worker.run();
      stops.push(async () => {
        worker.shutdown();
        await running;
      });
    }
    const deps: ServiceDeps = {
      db,
      temporal,
      taskQueue: OUR_QUEUE,
      timing: config.timing,
      publicUrl: config.publicUrl,
    };
    const app = await buildApp(deps);
    const port = await getPort();
    await app.listen({ host: '127.0.0.1', port });
    stops.push(() => app.close());

    const database = async (name: string, scale: number): Promise<Kysely<Database>> => {
      await createDatabaseIfMissing(pg.url, name);
      const other = createDb(pg.databaseUrl(name), { max: 8 });
      stops.push(() => other.destroy());
      await migrateToLatest(other);
      await loadDemoData(other, { scale });
      return other;
    };
    return {
      deps,
      db,
      temporal,
      api: `http://127.0.0.1:${port}`,
      databaseUrl: services.databaseUrl,
      dataConverter,
      database,
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
