import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Worker } from '@temporalio/worker';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { WithStartWorkflowOperation } from '@temporalio/client';
import { ensureSearchAttributes } from '../../infra/temporal-connection.js';
import { loadConfig } from '../../infra/config.js';
import { findTemporalTool } from '../../infra/temporal-tools.js';
import { addWorkingDays, defaultTiming, reminderTime } from '../../domain/deadlines.js';
import { formatDateTime } from '../../messages/format.js';
import type { Actor } from '../../domain/nomination/events.js';
import { loadFixtureProvince } from '../support/province.js';
import { prepareCreate, type NominationServiceDeps } from '../../services/nominations.js';
import { createNominationWorker } from '../../workers/nomination-worker.js';
import { actionUpdates, createdUpdate, nominationWorkflow } from '../../workflows/nomination.js';
import { createTestEnvironment, testDataConverter, type TestEnvironment } from '../support/harness.js';
import { fullDossier, officer } from '../support/nominations.js';

const HOUR = 3_600_000;

// Stage deadlines on Temporal's time-skipping test server: days pass in milliseconds, the workflow's timers fire on
// the days they are set for, and the activities write to the real PostgreSQL.
describe('stage deadlines with time skipping', () => {
  let env: TestEnvironment;
  let testServer: TestWorkflowEnvironment;
  let worker: Worker;
  let running: Promise<void>;
  let deps: NominationServiceDeps;
  let base: Actor;
  const taskQueue = 'deadlines';

  beforeAll(async () => {
    env = await createTestEnvironment('deadlines');
    await loadFixtureProvince(env.db);
    base = await officer(env.db, 'cs.h01.canbo');
    const server = await findTemporalTool('test-server', { toolsDir: loadConfig().toolsDir });
    testServer = await TestWorkflowEnvironment.createTimeSkipping({
      server: { executable: { type: 'existing-path', path: server.path } },
      client: { dataConverter: testDataConverter },
    });
    // The test server starts with no custom search attributes; the workflow upserts ours.
    await ensureSearchAttributes(testServer.connection, testServer.namespace ?? 'default');
    worker = await createNominationWorker({
      connection: testServer.nativeConnection,
      namespace: testServer.namespace ?? 'default',
      taskQueue,
      db: env.db,
      workflowBundle: { codePath: process.env.WORKFLOW_BUNDLE ?? '' },
      dataConverter: testDataConverter,
    });
    running = worker.run();
    deps = { db: env.db, temporal: testServer.client, taskQueue, timing: defaultTiming };
  });

  afterAll(async () => {
    worker.shutdown();
    await running;
    await testServer.teardown();
    await env.teardown();
  });

  /** Creates and submits a nomination on the test server; answers with its id and the submission's deadline. */
  async function submitted(formCode: string): Promise<{ id: string; submittedAt: string; deadline: string }> {
    const member = await env.db
      .selectFrom('members')
      .innerJoin('registrations', 'registrations.member_id', 'members.id')
      .select('members.id')
      .where('members.unit_id', '=', 'CS0001')
      .where('registrations.year', '=', 2026)
      .where('members.is_leader', '=', false)
      .offset(formCode === 'GK-LDLD' ? 0 : 1)
      .executeTakeFirstOrThrow();
    const create = await prepareCreate(
      deps,
      {
        actor: base,
        nominee: { memberId: member.id },
        awardFormCode: formCode,
        year: 2026,
        dossier: fullDossier,
      },
      new Date().toISOString(),
    );
    const id = `nom-${crypto.randomUUID()}`;
    const start = new WithStartWorkflowOperation(nominationWorkflow, {
      workflowId: id,
      taskQueue,
      args: [{ create }],
      workflowIdConflictPolicy: 'FAIL',
    });
    await testServer.client.workflow.executeUpdateWithStart(createdUpdate, { startWorkflowOperation: start });
    const state = await testServer.client.workflow
      .getHandle(id)
      .executeUpdate(actionUpdates.submit, { args: [{ actor: base }] });
    const event = await env.db
      .selectFrom('nomination_events')
      .selectAll()
      .where('nomination_id', '=', id)
      .where('type', '=', 'NominationSubmitted')
      .executeTakeFirstOrThrow();
    if (state.deadline === null) throw new Error('no deadline');
    return { id, submittedAt: event.occurred_at.toISOString(), deadline: state.deadline };
  }

  const eventsOf = (id: string) =>
    env.db
      .selectFrom('nomination_events')
      .selectAll()
      .where('nomination_id', '=', id)
      .orderBy('position')
      .execute();

  it('reminds the district two working days before its ten-day deadline, then escalates to its head (it decides this form)', async () => {
    const { id, submittedAt, deadline } = await submitted('GK-LDLD');
    expect(deadline).toBe(addWorkingDays(submittedAt, 10));
    const reminderAt = reminderTime(deadline, defaultTiming, false);
    expect(reminderAt).toBe(addWorkingDays(deadline, -2));

    // Just before the reminder is due: nothing yet.
    await testServer.sleep(Date.parse(reminderAt) - Date.parse(submittedAt) - HOUR);
    expect((await eventsOf(id)).map((e) => e.type)).toEqual(['NominationCreated', 'NominationSubmitted']);

    await testServer.sleep(2 * HOUR);
    const afterReminder = await eventsOf(id);
    const reminder = afterReminder.find((e) => e.type === 'DeadlineReminderSent');
    expect(reminder?.data).toMatchObject({ holder: 'AL-H01', deadline });
    expect(Math.abs((reminder?.occurred_at.getTime() ?? 0) - Date.parse(reminderAt))).toBeLessThan(60_000);
    expect(afterReminder.some((e) => e.type === 'DeadlineEscalated')).toBe(false);

    await testServer.sleep(Date.parse(deadline) - Date.parse(reminderAt));
    const escalation = (await eventsOf(id)).find((e) => e.type === 'DeadlineEscalated');
    expect(escalation?.data).toMatchObject({ holder: 'AL-H01', escalatedTo: 'AL-H01', deadline });
    expect(Math.abs((escalation?.occurred_at.getTime() ?? 0) - Date.parse(deadline))).toBeLessThan(60_000);

    // Each went into the inbox of whom it concerns: the district's officers, then the head of the next level.
    const inbox = await env.db
      .selectFrom('notifications')
      .select(['kind', 'recipient_unit_id'])
      .where('nomination_id', '=', id)
      .execute();
    expect(inbox.filter((n) => n.kind === 'reminder').map((n) => n.recipient_unit_id)).toContain('AL-H01');
    expect(inbox.filter((n) => n.kind === 'escalation').length).toBeGreaterThan(0);

    // People read the deadline in Vietnam time and the late unit by its name, never an ISO time or a unit code.
    const bodies = await env.db
      .selectFrom('notifications')
      .select(['kind', 'body'])
      .where('nomination_id', '=', id)
      .where('kind', 'in', ['reminder', 'escalation'])
      .execute();
    const district = await env.db
      .selectFrom('units')
      .select('name')
      .where('id', '=', 'AL-H01')
      .executeTakeFirstOrThrow();
    for (const { kind, body } of bodies) {
      expect(body).toContain(formatDateTime(deadline));
      expect(body).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
      if (kind === 'escalation') {
        expect(body).toContain(`tại đơn vị ${district.name}`);
        expect(body).not.toContain('AL-H01');
      }
    }
    expect(bodies.map((b) => b.kind).sort()).toEqual(expect.arrayContaining(['escalation', 'reminder']));
  });

  it('gives an ad-hoc nomination the fast track: three working days, reminded one day before', async () => {
    const { id, submittedAt, deadline } = await submitted('BK-DOT-XUAT');
    expect(deadline).toBe(addWorkingDays(submittedAt, 3));
    await testServer.sleep(Date.parse(deadline) - Date.parse(submittedAt) + HOUR);
    const events = await eventsOf(id);
    const reminder = events.find((e) => e.type === 'DeadlineReminderSent');
    const escalation = events.find((e) => e.type === 'DeadlineEscalated');
    expect(
      Math.abs((reminder?.occurred_at.getTime() ?? 0) - Date.parse(addWorkingDays(deadline, -1))),
    ).toBeLessThan(60_000);
    expect(escalation?.data).toMatchObject({ holder: 'AL-H01', escalatedTo: 'AL' });
    expect(Math.abs((escalation?.occurred_at.getTime() ?? 0) - Date.parse(deadline))).toBeLessThan(60_000);
  });
});
