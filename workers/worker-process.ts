/**
 * What every process that works the task queue runs, `npm run worker` and `npm start` alike: the supervised worker
 * (started again by itself after an outage) and, beside it, the mail outbox's sweep, which needs only PostgreSQL and
 * so runs whether or not the worker is connected to Temporal.
 */
import type { DataConverter } from '@temporalio/common';
import type { NativeConnection, WorkerOptions } from '@temporalio/worker';
import type { Kysely } from 'kysely';
import { startMailOutboxSweeper } from '../activities/mail-outbox.js';
import type { Database } from '../db/schema.js';
import type { Config } from '../infra/config.js';
import type { Logger } from '../infra/logger.js';
import { createMailer } from '../infra/mailer.js';
import { createNominationWorker } from './nomination-worker.js';
import { superviseWorker, type SupervisedWorker } from './supervise.js';

export interface WorkerProcessOptions {
  config: Config;
  db: Kysely<Database>;
  dataConverter: DataConverter;
  /** Connects to Temporal, with whatever must precede each (re)start. */
  connect: () => Promise<NativeConnection>;
  overrides?: Partial<WorkerOptions>;
  log: Logger;
}

export interface WorkerProcess {
  supervised: SupervisedWorker;
  /** Stops the worker (draining it) and the sweep. */
  stop(): Promise<void>;
}

export function startWorkerProcess(options: WorkerProcessOptions): WorkerProcess {
  const { config, db, log } = options;
  const mailer = createMailer(config.smtp);
  const outboxLog = { warn: (message: string, fields: Record<string, unknown>) => log.warn(fields, message) };
  const supervised = superviseWorker(
    {
      connect: options.connect,
      create: (connection) =>
        createNominationWorker({
          connection,
          namespace: config.temporalNamespace,
          taskQueue: config.taskQueue,
          db,
          dataConverter: options.dataConverter,
          mailer,
          log: outboxLog,
          ...(config.workflowBundle !== undefined
            ? { workflowBundle: { codePath: config.workflowBundle } }
            : {}),
          ...(options.overrides !== undefined ? { overrides: options.overrides } : {}),
        }),
    },
    { info: (m) => log.info(m), error: (err, m) => log.error({ err }, m) },
  );
  // E-mails whose send was interrupted become `unknown` for an operator; due ones (re-queued, retried) go out
  // (activities/mail-outbox.ts).
  const sweeper = startMailOutboxSweeper(db, {
    timeoutMinutes: config.mailSendingTimeoutMinutes,
    mailer,
    log: outboxLog,
  });
  return {
    supervised,
    async stop() {
      await supervised.stop();
      await sweeper.stop();
    },
  };
}
