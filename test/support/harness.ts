/**
 * Per-test-file access to the run's real servers: a fresh, migrated database of the file's own and a task
 * queue of its own on the shared Temporal dev server, so files can run in parallel without seeing each
 * other's data or workflows.
 */
import { randomBytes } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { NativeConnection, Runtime, DefaultLogger, type Worker } from '@temporalio/worker';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { createDb, migrateToLatest } from '../../db/connect.js';
import type { Database } from '../../db/schema.js';
import { loadConfig } from '../../infra/config.js';
import { createDatabaseIfMissing } from '../../infra/embedded-postgres.js';
import { payloadDataConverter } from '../../infra/payload-codec.js';
import { findTemporalTool } from '../../infra/temporal-tools.js';
import { defaultTiming } from '../../domain/deadlines.js';
import type { ServiceDeps } from '../../services/deps.js';
import { createNominationWorker, type NominationWorkerOptions } from '../../workers/nomination-worker.js';

function required(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === '') {
    throw new Error(
      `${name} is not set: integration tests need the jest global setup (run them with npm test)`,
    );
  }
  return value;
}

let runtimeInstalled = false;

/**
 * The payload codec the tests' clients and workers share, as every process of the project does: the development key
 * (jest runs with NODE_ENV=test), or PAYLOAD_KEYS when set.
 */
export const testDataConverter: DataConverter = payloadDataConverter(loadConfig());

export interface TestEnvironment {
  db: Kysely<Database>;
  databaseUrl: string;
  databaseName: string;
  temporalAddress: string;
  client: Client;
  taskQueue: string;
  /** What the API and the nomination service need: this file's database, client, task queue and the default deadlines. */
  deps: ServiceDeps;
  /** A worker on this file's task queue (or another), with the real activities over this file's database. */
  createWorker(
    options?: Partial<
      Pick<NominationWorkerOptions, 'mailer' | 'afterCommit' | 'dataConverter' | 'taskQueue'>
    >,
  ): Promise<Worker>;
  teardown(): Promise<void>;
}

export async function createTestEnvironment(label: string): Promise<TestEnvironment> {
  if (!runtimeInstalled) {
    Runtime.install({ logger: new DefaultLogger('WARN'), shutdownSignals: [] });
    runtimeInstalled = true;
  }
  const suffix = randomBytes(4).toString('hex');
  const databaseName = `test_${label.replace(/[^a-z0-9]/gi, '_').toLowerCase()}_${suffix}`;
  const maintenanceUrl = required('TEST_PG_URL');
  await createDatabaseIfMissing(maintenanceUrl, databaseName);
  const url = new URL(maintenanceUrl);
  url.pathname = `/${databaseName}`;
  const databaseUrl = url.toString();
  const db = createDb(databaseUrl);
  await migrateToLatest(db);

  const temporalAddress = required('TEST_TEMPORAL_ADDRESS');
  const connection = await Connection.connect({ address: temporalAddress });
  const client = new Client({ connection, dataConverter: testDataConverter });
  const taskQueue = `${label}-${suffix}`;
  const nativeConnections: NativeConnection[] = [];

  return {
    db,
    databaseUrl,
    databaseName,
    temporalAddress,
    client,
    taskQueue,
    // The address printed papers point to, as an installation without PUBLIC_URL has it.
    deps: { db, temporal: client, taskQueue, timing: defaultTiming, publicUrl: 'http://localhost:3000' },
    async createWorker(options = {}) {
      const native = await NativeConnection.connect({ address: temporalAddress });
      nativeConnections.push(native);
      return createNominationWorker({
        connection: native,
        namespace: 'default',
        taskQueue,
        db,
        workflowBundle: { codePath: required('WORKFLOW_BUNDLE') },
        dataConverter: testDataConverter,
        ...options,
      });
    },
    async teardown() {
      await connection.close();
      for (const native of nativeConnections) await native.close();
      await db.destroy();
      const admin = new pg.Client({ connectionString: maintenanceUrl });
      await admin.connect();
      try {
        await admin.query(`DROP DATABASE IF EXISTS ${admin.escapeIdentifier(databaseName)} WITH (FORCE)`);
      } finally {
        await admin.end();
      }
    },
  };
}

/** The time-skipping test server (from the tools folder) with a worker on it over this file's database, running. */
export interface TimeSkipping {
  server: TestWorkflowEnvironment;
  stop(): Promise<void>;
}

export async function startTimeSkipping(
  db: Kysely<Database>,
  taskQueue: string,
  prepare: (server: TestWorkflowEnvironment) => Promise<void> = async () => undefined,
): Promise<TimeSkipping> {
  const tool = await findTemporalTool('test-server', { toolsDir: loadConfig().toolsDir });
  const server = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: tool.path } },
    client: { dataConverter: testDataConverter },
  });
  await prepare(server);
  const worker = await createNominationWorker({
    connection: server.nativeConnection,
    namespace: 'default',
    taskQueue,
    db,
    workflowBundle: { codePath: required('WORKFLOW_BUNDLE') },
    dataConverter: testDataConverter,
  });
  const running = worker.run();
  return {
    server,
    async stop() {
      worker.shutdown();
      await running;
      await server.teardown();
    },
  };
}
