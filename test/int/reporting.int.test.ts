import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Client } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { loadConfig } from '../../infra/config.js';
import { applySchedules, listSchedules } from '../../infra/schedules.js';
import { ensureSearchAttributes } from '../../infra/temporal-connection.js';
import { loadFixtureProvince } from '../support/province.js';
import { createNominationWorker } from '../../workers/nomination-worker.js';
import { reportingPeriodWorkflow } from '../../workflows/reporting-period.js';
import {
  createTestEnvironment,
  startTimeSkipping,
  testDataConverter,
  type TestEnvironment,
  type TimeSkipping,
} from '../support/harness.js';

const DAY = 24 * 60 * 60 * 1000;

describe('reporting periods', () => {
  let env: TestEnvironment;

  beforeAll(async () => {
    env = await createTestEnvironment('reporting');
    await loadFixtureProvince(env.db);
  });
  afterAll(async () => {
    await env.teardown();
  });

  describe('a period on the time-skipping test server', () => {
    let timeSkipping: TimeSkipping;
    let testServer: TestWorkflowEnvironment;

    beforeAll(async () => {
      timeSkipping = await startTimeSkipping(env.db, 'periods', (server) =>
        ensureSearchAttributes(server.connection, 'default'),
      );
      testServer = timeSkipping.server;
    });
    afterAll(async () => {
      await timeSkipping.stop();
    });

    it('tells every unit what it owes, reminds those still owing 3 days before, escalates and closes on the due day', async () => {
      const handle = await testServer.client.workflow.start(reportingPeriodWorkflow, {
        workflowId: 'period-test',
        taskQueue: 'periods',
        args: [{ kind: 'halfYear', dueInDays: 15, reminderDaysBefore: 3 }],
      });
      await testServer.sleep(DAY);
      const period = await env.db
        .selectFrom('reporting_periods')
        .selectAll()
        .where('id', '=', 'period-test')
        .executeTakeFirstOrThrow();
      const opened = period.opened_at.getTime();
      expect(period.due_at.getTime() - opened).toBe(15 * DAY);
      const reports = await env.db
        .selectFrom('reports')
        .selectAll()
        .where('period_id', '=', 'period-test')
        .execute();
      // Every unit but the TLĐ owes one to the unit directly above it: base unions to their district or sector, those to the province.
      const units = await env.db.selectFrom('units').select(['id', 'parent_id', 'level']).execute();
      expect(reports).toHaveLength(units.filter((u) => u.level !== 'tld').length);
      expect(reports.find((r) => r.unit_id === 'CS0001')?.upper_unit_id).toBe('AL-H01');
      expect(reports.find((r) => r.unit_id === 'AL-H01')?.upper_unit_id).toBe('AL');

      // Two units report in time.
      await env.db
        .updateTable('reports')
        .set({ status: 'submitted', submitted_at: new Date() })
        .where('period_id', '=', 'period-test')
        .where('unit_id', 'in', ['CS0001', 'AL-H02'])
        .execute();

      await testServer.sleep(12 * DAY);
      const notices = async (kind: string) =>
        env.db
          .selectFrom('notifications')
          .select(['recipient_unit_id', 'created_at'])
          .where('period_id', '=', 'period-test')
          .where('kind', '=', kind)
          .execute();
      const reminders = await notices('report-remind');
      expect(reminders.length).toBeGreaterThan(0);
      for (const r of reminders)
        expect(Math.abs(r.created_at.getTime() - (opened + 12 * DAY))).toBeLessThan(60_000);
      expect(reminders.map((r) => r.recipient_unit_id)).not.toContain('CS0001');
      expect(reminders.map((r) => r.recipient_unit_id)).toContain('CS0026');
      expect(await notices('report-escalate')).toHaveLength(0);

      const result = await handle.result();
      expect(result.overdue).toBe(reports.length - 2);
      const escalations = await notices('report-escalate');
      for (const e of escalations)
        expect(Math.abs(e.created_at.getTime() - (opened + 15 * DAY))).toBeLessThan(60_000);
      // The head of the district whose base unions are overdue hears of it; the province's board too.
      expect(new Set(escalations.map((e) => e.recipient_unit_id))).toEqual(new Set(['AL-H01', 'AL']));
      // The notices name the late units and the due time as people read them: no unit codes, no ISO times.
      const words = await env.db
        .selectFrom('notifications')
        .select(['kind', 'body'])
        .where('period_id', '=', 'period-test')
        .where('kind', 'in', ['report-open', 'report-escalate'])
        .execute();
      expect(words.some((w) => w.kind === 'report-open')).toBe(true);
      for (const { kind, body } of words) {
        expect(body).not.toMatch(/\d{4}-\d{2}-\d{2}T|\bCS\d{4}\b/);
        if (kind === 'report-open') expect(body).toMatch(/trước \d{2}:\d{2} \d{2}\/\d{2}\/\d{4}\.$/);
        else expect(body).toMatch(/^Các đơn vị chưa gửi báo cáo: \S/);
      }
      const closed = await env.db
        .selectFrom('reporting_periods')
        .selectAll()
        .where('id', '=', 'period-test')
        .executeTakeFirstOrThrow();
      expect(closed.status).toBe('closed');
      expect(
        (
          await env.db
            .selectFrom('reports')
            .select('status')
            .where('period_id', '=', 'period-test')
            .where('unit_id', '=', 'CS0001')
            .executeTakeFirstOrThrow()
        ).status,
      ).toBe('submitted');
    });
  });

  describe('schedules on the dev server', () => {
    let worker: Worker;
    let running: Promise<void>;
    // A namespace of this test's own (test/setup/servers.ts): other tests' worker processes apply the schedules too.
    const namespace = process.env.TEST_SCHEDULES_NAMESPACE ?? '';
    const config = loadConfig({
      ...process.env,
      TEMPORAL_TASK_QUEUE: 'reporting-schedules',
      TEMPORAL_NAMESPACE: namespace,
    });
    let client: Client;

    beforeAll(async () => {
      client = new Client({ connection: env.client.connection, namespace, dataConverter: testDataConverter });
      worker = await createNominationWorker({
        connection: await (
          await import('@temporalio/worker')
        ).NativeConnection.connect({ address: env.temporalAddress }),
        namespace,
        taskQueue: 'reporting-schedules',
        db: env.db,
        workflowBundle: { codePath: process.env.WORKFLOW_BUNDLE ?? '' },
        dataConverter: testDataConverter,
      });
      running = worker.run();
    });
    afterAll(async () => {
      for (const id of ['reporting-halfYear', 'reporting-year'])
        await client.schedule
          .getHandle(id)
          .delete()
          .catch(() => undefined);
      worker.shutdown();
      await running;
    });

    it('are created once and updated after, show their next times in Vietnam time, and a triggered run opens a period', async () => {
      expect(await applySchedules(client, config)).toEqual({
        created: ['reporting-halfYear', 'reporting-year'],
        updated: [],
      });
      expect(await applySchedules(client, config)).toEqual({
        created: [],
        updated: ['reporting-halfYear', 'reporting-year'],
      });
      const listed = await listSchedules(client);
      expect(listed.map((s) => s.scheduleId)).toEqual(['reporting-halfYear', 'reporting-year']);
      const [halfYear, year] = listed;
      expect(halfYear?.nextActionTimes[0]).toMatch(/^08:00 01\/06\/\d{4}$/);
      expect(year?.nextActionTimes[0]).toMatch(/^08:00 01\/11\/\d{4}$/);

      await client.schedule.getHandle('reporting-halfYear').trigger();
      const deadline = Date.now() + 30_000;
      let opened;
      while (Date.now() < deadline) {
        opened = await env.db
          .selectFrom('reporting_periods')
          .selectAll()
          .where('id', 'like', 'reporting-halfYear%')
          .executeTakeFirst();
        if (opened !== undefined) break;
        await new Promise((r) => setTimeout(r, 200));
      }
      expect(opened).toMatchObject({ kind: 'halfYear', status: 'open' });
    });
  });
});
