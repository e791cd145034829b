import { existsSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { DataConverter } from '@temporalio/common';
import { bundleWorkflowCode, NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import type { Kysely } from 'kysely';
import { createActivities, type ActivityDeps } from '../activities/index.js';
import { createMovementActivities } from '../activities/movement.js';
import { createReportingActivities } from '../activities/reporting.js';
import type { Database } from '../db/schema.js';
import { activityAlerts } from './activity-alerts.js';
import { activityHeartbeats } from './activity-heartbeats.js';

/** The workflows' entry file, from sources (tsx, tests) or from the compiled build (node dist/). */
export function workflowsPath(): string {
  for (const ext of ['.ts', '.js']) {
    const candidate = fileURLToPath(new URL(`../workflows/index${ext}`, import.meta.url));
    if (existsSync(candidate)) return candidate;
  }
  throw new Error('workflows/index.ts (or .js) not found beside workers/');
}

/** The workflows for a worker or a replayer: the bundle built beforehand when there is one (WORKFLOW_BUNDLE), else the sources. */
export function workflowCode(
  bundle: string | undefined,
): { workflowBundle: { codePath: string } } | { workflowsPath: string } {
  return bundle !== undefined ? { workflowBundle: { codePath: bundle } } : { workflowsPath: workflowsPath() };
}

/**
 * Bundles the workflows once into `file`, for WORKFLOW_BUNDLE (`npm run bundle:workflows`, and the tests' setup): a
 * worker given it starts at once instead of bundling at every start. Only the bundler's errors are printed.
 */
export async function writeWorkflowBundle(file: string): Promise<void> {
  const quiet = (): undefined => undefined;
  const bundle = await bundleWorkflowCode({
    workflowsPath: workflowsPath(),
    logger: {
      log: quiet,
      trace: quiet,
      debug: quiet,
      info: quiet,
      warn: quiet,
      error: (m) => console.error(m),
    },
  });
  writeFileSync(file, bundle.code);
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
  /** Where the mail sender reports what an operator must see. */
  log?: ActivityDeps['log'];
  afterCommit?: ActivityDeps['afterCommit'];
  overrides?: Partial<WorkerOptions>;
}

export async function createNominationWorker(options: NominationWorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    dataConverter: options.dataConverter,
    ...workflowCode(options.workflowBundle?.codePath),
    activities: {
      ...createActivities({
        db: options.db,
        mailer: options.mailer ?? null,
        ...(options.log !== undefined ? { log: options.log } : {}),
        ...(options.afterCommit !== undefined ? { afterCommit: options.afterCommit } : {}),
      }),
      ...createReportingActivities(options.db),
      ...createMovementActivities(options.db),
    },
    interceptors: { activity: [activityHeartbeats, activityAlerts] },
    ...options.overrides,
  });
}
