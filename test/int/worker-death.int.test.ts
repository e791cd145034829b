import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import proto from '@temporalio/proto';
import type { Worker } from '@temporalio/worker';
import { sql } from 'kysely';
import type { App } from '../../api/app.js';
import { buildApp } from '../../api/app.js';
import { projectRoot } from '../../infra/config.js';
import { decisionWorkflowId, type decisionWorkflow } from '../../workflows/decision.js';
import { as } from '../support/api.js';
import { createTestEnvironment, type TestEnvironment } from '../support/harness.js';
import { eligibleForDiploma, eventTypes, nominate, officer, step } from '../support/nominations.js';
import { loadFixtureProvince } from '../support/province.js';
import { until } from '../support/until.js';

const { TimeoutType, TaskQueueType, EventType } = proto.temporal.api.enums.v1;

// A worker process killed (SIGKILL) in the middle of an officer's action and of a decision's issuing, each caught
// inside its database transaction. The action runs as a local activity inside a workflow task: another worker takes the
// task over once it times out (seconds) and runs the action again, finding nothing committed. The issuing is an
// ordinary activity that beats: Temporal notices at its heartbeat timeout, not at its start-to-close timeout, and
// retries it on the live worker. Either way the work is done once.
describe('work caught on a worker that dies', () => {
  let env: TestEnvironment;
  let app: App;
  let child: ChildProcess | undefined;
  let worker: Worker | undefined;
  let running: Promise<void> | undefined;
  let output = '';

  beforeAll(async () => {
    env = await createTestEnvironment('worker_death');
    await loadFixtureProvince(env.db);
    app = await buildApp(env.deps);
  });

  afterAll(async () => {
    child?.kill('SIGKILL');
    worker?.shutdown();
    await running;
    await app.close();
    await env.teardown();
  });

  it('a local action is taken over after the workflow task timeout, an issuing after the heartbeat timeout; each once', async () => {
    // The worker as a deployment runs it, its own process.
    child = spawn(process.execPath, ['--import', 'tsx', 'workers/main.ts'], {
      cwd: projectRoot,
      env: {
        ...process.env,
        LOG_LEVEL: 'warn',
        DATABASE_URL: env.databaseUrl,
        TEMPORAL_ADDRESS: env.temporalAddress,
        TEMPORAL_TASK_QUEUE: env.taskQueue,
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

    // On the doomed worker: one diploma waits for the province's decision, another is a draft.
    const base = await officer(env.db, 'cs.h01.canbo');
    const [first, second] = await eligibleForDiploma(env.db, { limit: 2 });
    const waiting = await nominate(env.deps, base, first ?? '', 'BK-LDLD-TINH');
    await step(env.deps, waiting.id, 'submit', { actor: base });
    await step(env.deps, waiting.id, 'endorse', { actor: await officer(env.db, 'h01.canbo') });
    const draft = await nominate(env.deps, base, second ?? '', 'BK-LDLD-TINH');
    const drafted = await (
      await as(app, 'tinh.canbo')
    ).post('/api/decisions', { year: 2026, title: 'Về việc tặng Bằng khen', nominationIds: [waiting.id] });
    expect(drafted.statusCode).toBe(201);
    const decisionId = drafted.json<{ id: string }>().id;

    // Hold both streams' locks, so that the submission and the issuing stop inside their transactions.
    let release = (): void => undefined;
    let held = false;
    const holding = env.db.transaction().execute(async (trx) => {
      for (const id of [draft.id, waiting.id])
        await sql`select pg_advisory_xact_lock(hashtextextended(${'stream:' + id}, 0))`.execute(trx);
      held = true;
      await new Promise<void>((resolve) => (release = resolve));
    });
    const waiters = async (): Promise<number> =>
      Number(
        (
          await sql<{
            n: string;
          }>`select count(*) as n from pg_locks where locktype = 'advisory' and not granted`.execute(env.db)
        ).rows[0]?.n ?? 0,
      );
    await until('the lock holder holds both streams', () => held);
    const submitted = step(env.deps, draft.id, 'submit', { actor: base });
    const board = await as(app, 'tinh.btv');
    const issuing = board.post(`/api/decisions/${decisionId}/issue`);
    await until(
      'the submission and the issuing wait on their streams',
      async () => (await waiters()) === 2,
      60_000,
    );

    child.kill('SIGKILL');
    await exited;
    worker = await env.createWorker();
    running = worker.run();
    release();
    await holding;

    // The officer's action is answered (the update survived its worker), and the decision issues.
    expect((await submitted).status).toBe('inReview');
    await issuing;
    const issued = await env.client.workflow
      .getHandle<typeof decisionWorkflow>(decisionWorkflowId(decisionId))
      .result();
    expect(issued).toMatchObject({ sequence: 1 });

    // The action: its workflow task timed out on the dead worker and was taken over; the submission is stored once.
    const actionHistory = (await env.client.workflow.getHandle(draft.id).fetchHistory()).events ?? [];
    expect(actionHistory.some((e) => e.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_TIMED_OUT)).toBe(
      true,
    );
    expect(await eventTypes(env.db, draft.id)).toEqual(['NominationCreated', 'NominationSubmitted']);

    // The issuing: Temporal writes an activity's start with its outcome, the last attempt's, with why the one before
    // it ended: the heartbeat timeout.
    const issueHistory =
      (await env.client.workflow.getHandle(decisionWorkflowId(decisionId)).fetchHistory()).events ?? [];
    const started = issueHistory.find(
      (e) => e.activityTaskStartedEventAttributes,
    )?.activityTaskStartedEventAttributes;
    expect(started?.attempt).toBe(2);
    expect(started?.lastFailure?.timeoutFailureInfo?.timeoutType).toBe(TimeoutType.TIMEOUT_TYPE_HEARTBEAT);
    await until('the approval is folded into its nomination', async () =>
      (await eventTypes(env.db, waiting.id)).includes('NominationApproved'),
    );
    expect(await eventTypes(env.db, waiting.id)).toEqual([
      'NominationCreated',
      'NominationSubmitted',
      'NominationEndorsed',
      'NominationApproved',
    ]);

    // Each notice once.
    const rows = await env.db
      .selectFrom('notifications')
      .select('id')
      .where('nomination_id', 'in', [draft.id, waiting.id])
      .execute();
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((n) => n.id)).size).toBe(rows.length);
  }, 150_000);
});
