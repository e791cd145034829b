import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import proto from '@temporalio/proto';
import type { Worker } from '@temporalio/worker';
import getPort from 'get-port';
import { projectRoot } from '../../infra/config.js';
import { createTestEnvironment, type TestEnvironment } from '../support/harness.js';
import { eligibleForDiploma, nominate, officer, step } from '../support/nominations.js';
import { loadFixtureProvince } from '../support/province.js';
import { until } from '../support/until.js';
import { startMailbox, type TestMailbox } from '../support/smtp.js';

const { TimeoutType, TaskQueueType } = proto.temporal.api.enums.v1;

/** An SMTP server that takes connections and never greets: a send through it hangs until its client gives up. */
async function startSilentSmtp(): Promise<{
  port: number;
  connections: () => number;
  close(): Promise<void>;
}> {
  let connections = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    connections++;
    sockets.add(socket);
    socket.on('error', () => undefined);
  });
  const port = await getPort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    port,
    connections: () => connections,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

// A worker process killed (SIGKILL) while an activity runs on it: Temporal must notice at the activity's heartbeat
// timeout, not wait out its start-to-close timeout (a minute for a notice), and retry it on a worker that lives.
describe('an activity caught on a worker that dies', () => {
  let env: TestEnvironment;
  let mailbox: TestMailbox;
  let silent: Awaited<ReturnType<typeof startSilentSmtp>>;
  let child: ChildProcess | undefined;
  let worker: Worker | undefined;
  let running: Promise<void> | undefined;
  let output = '';

  beforeAll(async () => {
    env = await createTestEnvironment('worker_death');
    await loadFixtureProvince(env.db);
    mailbox = await startMailbox();
    silent = await startSilentSmtp();
  });

  afterAll(async () => {
    child?.kill('SIGKILL');
    worker?.shutdown();
    await running;
    await silent.close();
    await mailbox.close();
    await env.teardown();
  });

  it('is retried on a live worker after the heartbeat timeout, and its notices are written once', async () => {
    // The worker as a deployment runs it, its own process, mailing through the server that never answers.
    child = spawn(process.execPath, ['--import', 'tsx', 'workers/main.ts'], {
      cwd: projectRoot,
      env: {
        ...process.env,
        LOG_LEVEL: 'warn',
        DATABASE_URL: env.databaseUrl,
        TEMPORAL_ADDRESS: env.temporalAddress,
        TEMPORAL_TASK_QUEUE: env.taskQueue,
        SMTP_HOST: '127.0.0.1',
        SMTP_PORT: String(silent.port),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
    const exited = new Promise<void>((resolve) => child?.once('exit', () => resolve()));
    await until(
      `the worker process polls (its output: ${output})`,
      async () => {
        const described = await env.client.connection.workflowService.describeTaskQueue({
          namespace: 'default',
          taskQueue: { name: env.taskQueue },
          taskQueueType: TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
        });
        return described.pollers.length > 0;
      },
      60_000,
    );

    const [memberId] = await eligibleForDiploma(env.db, { limit: 1 });
    const { id } = await nominate(
      env.deps,
      await officer(env.db, 'cs.h01.canbo'),
      memberId ?? '',
      'BK-LDLD-TINH',
    );
    await step(env.deps, id, 'submit', { actor: await officer(env.db, 'cs.h01.canbo') });
    // The notice of the submission is on its way out through the silent server: kill the worker mid-send.
    await until('the notice reaches the SMTP server', () => silent.connections() > 0, 60_000);
    child.kill('SIGKILL');
    await exited;

    worker = await env.createWorker({ mailer: mailbox.mailer });
    running = worker.run();
    const handle = env.client.workflow.getHandle(id);
    // Temporal writes an activity's start to the history only with its outcome: the last attempt's, with why the one
    // before it ended. One notice per event: the creation's (nobody to tell) and the submission's (the one caught).
    const notices = async () => {
      const events = (await handle.fetchHistory()).events ?? [];
      const scheduled = events.filter(
        (e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'notifyNomination',
      );
      return scheduled.map(({ eventId }) => {
        const of = (scheduledEventId: unknown) => Number(scheduledEventId) === Number(eventId);
        const started = events.find((e) =>
          of(e.activityTaskStartedEventAttributes?.scheduledEventId),
        )?.activityTaskStartedEventAttributes;
        return {
          completed: events.some((e) => of(e.activityTaskCompletedEventAttributes?.scheduledEventId)),
          attempt: started?.attempt,
          lastTimeout: started?.lastFailure?.timeoutFailureInfo?.timeoutType ?? null,
        };
      });
    };
    await until(
      'the notices complete on the live worker',
      async () => {
        const all = await notices();
        return all.length === 2 && all.every((n) => n.completed);
      },
      60_000,
    );
    expect(await notices()).toEqual([
      { completed: true, attempt: 1, lastTimeout: null },
      { completed: true, attempt: 2, lastTimeout: TimeoutType.TIMEOUT_TYPE_HEARTBEAT },
    ]);

    // The notices of the submission are there, once each.
    const rows = await env.db
      .selectFrom('notifications')
      .select(['id', 'email_status'])
      .where('nomination_id', '=', id)
      .execute();
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((n) => n.id)).size).toBe(rows.length);
  }, 120_000);
});
