import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { reminderAt, type PlannedReview } from '../../domain/movement.js';
import { loadFixtureProvince } from '../support/province.js';
import { movementWorkflow, recordReviewUpdate, type ReviewRequest } from '../../workflows/movement.js';
import {
  createTestEnvironment,
  startTimeSkipping,
  type TestEnvironment,
  type TimeSkipping,
} from '../support/harness.js';
import { vietnamDay } from '../../domain/deadlines.js';

const DAY = 24 * 60 * 60 * 1000;

/** The failure type a refused update carries (the rule's code), or the error itself if it was not a refusal. */
async function refusalOf(promise: Promise<unknown>): Promise<{ type: string; message: string }> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof WorkflowUpdateFailedError && err.cause !== undefined)
      return { type: (err.cause as { type?: string }).type ?? '', message: err.cause.message };
    throw err;
  }
  throw new Error('the update was accepted');
}

describe('a movement’s life on the time-skipping test server', () => {
  let env: TestEnvironment;
  let timeSkipping: TimeSkipping;
  let testServer: TestWorkflowEnvironment;

  beforeAll(async () => {
    env = await createTestEnvironment('movementwf');
    await loadFixtureProvince(env.db);
    timeSkipping = await startTimeSkipping(env.db, 'movements');
    testServer = timeSkipping.server;
  });
  afterAll(async () => {
    await timeSkipping.stop();
    await env.teardown();
  });

  it('reminds the units in scope 7 days before each review, records scored reviews, and closes after the final one', async () => {
    const startedAt = await testServer.currentTimeMs();
    const interim: PlannedReview = { kind: 'interim', on: vietnamDay(startedAt + 20 * DAY) };
    const final: PlannedReview = { kind: 'final', on: vietnamDay(startedAt + 40 * DAY) };
    const scope = (
      await env.db
        .selectFrom('units')
        .select('id')
        .where((eb) => eb.or([eb('id', '=', 'AL-H01'), eb('parent_id', '=', 'AL-H01')]))
        .execute()
    ).map((u) => u.id);
    const criteria = [
      { name: 'Năng suất lao động', maxScore: 60 },
      { name: 'An toàn vệ sinh lao động', maxScore: 40 },
    ];
    const movementId = randomUUID();
    const handle = await testServer.client.workflow.start(movementWorkflow, {
      workflowId: `movement-${movementId}`,
      taskQueue: 'movements',
      args: [
        {
          launchingUnit: { id: 'AL-H01', level: 'district' },
          plan: {
            name: 'Xanh - Sạch - Đẹp, bảo đảm an toàn vệ sinh lao động',
            targetGroup: 'Đoàn viên các công đoàn cơ sở',
            startsOn: vietnamDay(startedAt),
            endsOn: final.on,
            criteria,
            interimReviews: [interim.on],
            finalReview: final.on,
          },
          scopeUnitIds: scope,
          launchedBy: 'h01.canbo',
          reminderDaysBefore: 7,
        },
      ],
    });
    const officer = { id: 'h01.canbo', role: 'district_officer' as const, unitId: 'AL-H01' };
    const review = (over: Partial<ReviewRequest>): ReviewRequest => ({
      actor: officer,
      kind: 'interim',
      on: interim.on,
      summary: 'Sơ kết 6 tháng',
      results: [
        { unitId: 'CS0001', scores: { 'Năng suất lao động': 50, 'An toàn vệ sinh lao động': 30 } },
        { unitId: 'CS0002', scores: { 'Năng suất lao động': 55, 'An toàn vệ sinh lao động': 38 } },
      ],
      ...over,
    });
    const record = (request: ReviewRequest) => handle.executeUpdate(recordReviewUpdate, { args: [request] });
    const reminders = async (about: PlannedReview) =>
      env.db
        .selectFrom('notifications')
        .select(['recipient_unit_id', 'created_at'])
        .where('kind', '=', 'movement-review-remind')
        .where('id', 'like', `movement-${movementId}:remind:${about.kind}:${about.on}:%`)
        .execute();

    await testServer.sleep(DAY);
    const launched = await env.db
      .selectFrom('movements')
      .select(['status', 'launching_unit_id'])
      .where('id', '=', movementId)
      .executeTakeFirstOrThrow();
    expect(launched).toEqual({ status: 'active', launching_unit_id: 'AL-H01' });
    expect(await reminders(interim)).toHaveLength(0);
    // Recorded before it is held: refused.
    expect((await refusalOf(record(review({})))).type).toBe('InvalidReview');

    // The interim reminder: 08:00 Vietnam time, 7 days before the review, to the officers of units in scope.
    await testServer.sleep(reminderAt(interim, 7) - (await testServer.currentTimeMs()) + 60_000);
    const interimReminders = await reminders(interim);
    expect(interimReminders.length).toBeGreaterThan(0);
    for (const r of interimReminders) {
      expect(Math.abs(r.created_at.getTime() - reminderAt(interim, 7))).toBeLessThan(60_000);
      expect(scope).toContain(r.recipient_unit_id);
    }
    expect(interimReminders.map((r) => r.recipient_unit_id)).toEqual(
      expect.arrayContaining(['AL-H01', 'CS0001']),
    );
    expect(await reminders(final)).toHaveLength(0);

    // Past the interim review's day: recorded, ranked by total; the rules refuse what does not fit.
    await testServer.sleep(8 * DAY);
    expect(
      (await refusalOf(record(review({ actor: { ...officer, id: 'h02.canbo', unitId: 'AL-H02' } })))).type,
    ).toBe('WrongUnit');
    const overMax = await refusalOf(
      record(
        review({
          results: [
            { unitId: 'CS0001', scores: { 'Năng suất lao động': 61, 'An toàn vệ sinh lao động': 0 } },
          ],
        }),
      ),
    );
    expect(overMax).toMatchObject({ type: 'InvalidReview' });
    expect(overMax.message).toContain('from 0 to 60');
    const outside = await refusalOf(
      record(
        review({
          results: [{ unitId: 'AL-H02', scores: { 'Năng suất lao động': 1, 'An toàn vệ sinh lao động': 1 } }],
        }),
      ),
    );
    expect(outside.message).toContain('not in the movement');
    const recorded = await record(review({}));
    expect(recorded.results.map((r) => [r.unitId, r.total])).toEqual([
      ['CS0002', 93],
      ['CS0001', 80],
    ]);
    expect((await refusalOf(record(review({})))).type).toBe('AlreadyExists');

    // The final reminder, then the final review closes the movement and ends its workflow.
    await testServer.sleep(reminderAt(final, 7) - (await testServer.currentTimeMs()) + 60_000);
    const finalReminders = await reminders(final);
    expect(finalReminders.length).toBe(interimReminders.length);
    for (const r of finalReminders)
      expect(Math.abs(r.created_at.getTime() - reminderAt(final, 7))).toBeLessThan(60_000);
    await testServer.sleep(8 * DAY);
    await record(review({ kind: 'final', on: final.on, summary: 'Tổng kết phong trào' }));
    const progress = await handle.result();
    expect(progress.status).toBe('closed');
    expect(progress.reminded).toEqual([interim, final]);
    const stored = await env.db
      .selectFrom('movement_reviews')
      .select(['kind', 'results'])
      .where('movement_id', '=', movementId)
      .orderBy('held_on')
      .execute();
    expect(stored.map((r) => r.kind)).toEqual(['interim', 'final']);
    expect(stored[0]?.results[0]).toMatchObject({ unitId: 'CS0002', total: 93 });
    expect(
      (
        await env.db
          .selectFrom('movements')
          .select('status')
          .where('id', '=', movementId)
          .executeTakeFirstOrThrow()
      ).status,
    ).toBe('closed');
  });
});
