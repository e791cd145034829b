import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { DataConverter } from '@temporalio/common';
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import type { Kysely } from 'kysely';
import { createActivities, type ActivityDeps } from '../activities/index.js';
import { createMovementActivities } from '../activities/movement.js';
import { createReportingActivities } from '../activities/reporting.js';
import type { Database } from '../db/schema.js';
import { activityAlerts } from './activity-alerts.js';

/** The workflows' entry file, from sources (tsx, tests) or from the compiled build (node dist/). */
export function workflowsPath(): string {
  for (const ext of ['.ts', '.js']) {
    const candidate = fileURLToPath(new URL(`../workflows/index${ext}`, import.meta.url));
    if (existsSync(candidate)) return candidate;
  }
  throw new Error('workflows/index.ts (or .js) not found beside workers/');
}

export interface NominationWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  db: Kysely<Database>;
  /**
   * The payload codec (infra/payload-codec.ts `payloadDataConverter`). Required, not defaulted: a worker without it
   * could not read the encrypted histories the clients write, and would write clear ones.
   */
  dataConverter: DataConverter;
  /** A pre-built bundle (tests bundle once per run); otherwise the worker bundles from source. */
  workflowBundle?: { codePath: string };
  mailer?: ActivityDeps['mailer'];
  afterCommit?: ActivityDeps['afterCommit'];
  overrides?: Partial<WorkerOptions>;
}

export async function createNominationWorker(options: NominationWorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    dataConverter: options.dataConverter,
    ...(options.workflowBundle !== undefined
      ? { workflowBundle: options.workflowBundle }
      : { workflowsPath: workflowsPath() }),
    activities: {
      ...createActivities({
        db: options.db,
        mailer: options.mailer ?? null,
        ...(options.afterCommit !== undefined ? { afterCommit: options.afterCommit } : {}),
      }),
      ...createReportingActivities(options.db),
      ...createMovementActivities(options.db),
    },
    interceptors: { activity: [activityAlerts] },
    ...options.overrides,
  });
}
