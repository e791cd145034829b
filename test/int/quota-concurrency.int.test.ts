import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Worker } from '@temporalio/worker';
import { buildApp } from '../../api/app.js';
import { rowToEvent } from '../../db/event-store.js';
import type { Actor } from '../../domain/nomination/events.js';
import type { QuotaFinding, QuotaRule } from '../../domain/quota.js';
import { loadDemoData } from '../../scripts/demo/load.js';
import { as } from '../support/api.js';
import { createTestEnvironment, type TestEnvironment } from '../support/harness.js';
import { givenPastAwards, nominate, officer, officerAt, refusalOf, step } from '../support/nominations.js';

/** Runs tasks with at most `limit` at once. */
async function inBatches<T, R>(items: T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += limit)
    results.push(...(await Promise.all(items.slice(i, i + limit).map(task))));
  return results;
}

// Many officers approving at once: a cap is never exceeded and decision numbers stay gap-free, because the quota
// figures, the number and the approval event are one PostgreSQL transaction under the scope's lock.
describe('quotas and decision numbers under concurrent approvals', () => {
  let env: TestEnvironment;
  let worker: Worker;
  let running: Promise<void>;
  let board: Actor;
  let district: Actor;
  let districtHead: Actor;

  /**
   * Nominations of `count` registered non-leaders from the base unions under AL-H01, brought to the deciding unit;
   * `given` sets up what each member needs first.
   */
  async function prepare(
    count: number,
    formCode: string,
    offset: number,
    given: (m: { id: string; unit_id: string }) => Promise<void> = async () => undefined,
  ): Promise<string[]> {
    const candidates = await env.db
      .selectFrom('members')
      .innerJoin('units', 'units.id', 'members.unit_id')
      .innerJoin('registrations', 'registrations.member_id', 'members.id')
      .select(['members.id', 'members.unit_id'])
      .where('units.parent_id', '=', 'AL-H01')
      .where('members.is_leader', '=', false)
      .where('registrations.year', '=', 2026)
      .orderBy('members.id')
      .offset(offset)
      .limit(count)
      .execute();
    expect(candidates).toHaveLength(count);
    return inBatches(candidates, 10, async (m) => {
      await given(m);
      const baseOfficer = await officerAt(env.db, m.unit_id, 'base_officer');
      const { id } = await nominate(env.deps, baseOfficer, m.id, formCode);
      await step(env.deps, id, 'submit', { actor: baseOfficer });
      if (formCode !== 'GK-LDLD') await step(env.deps, id, 'endorse', { actor: district });
      return id;
    });
  }

  beforeAll(async () => {
    env = await createTestEnvironment('quota');
    await loadDemoData(env.db);
    board = await officer(env.db, 'tinh.btv');
    district = await officer(env.db, 'h01.canbo');
    districtHead = await officer(env.db, 'h01.truong');
    worker = await env.createWorker();
    running = worker.run();
  });

  afterAll(async () => {
    worker.shutdown();
    await running;
    await env.teardown();
  });

  it('a cap of K admits exactly K of 50 concurrent approvals, numbered 1..K without gaps', async () => {
    const K = 7;
    const cap: QuotaRule = {
      id: 'adhoc-cap',
      kind: 'maxCount',
      description: 'At most 7 ad-hoc diplomas per year',
      scope: 'decidingUnitYearForm',
      count: K,
      enforcement: 'block',
      appliesTo: { forms: ['BK-DOT-XUAT'] },
    };
    await env.db
      .insertInto('quota_rules')
      .values({ id: cap.id, rule: JSON.stringify(cap) })
      .execute();
    const ids = await prepare(50, 'BK-DOT-XUAT', 0);

    const outcomes = await Promise.allSettled(
      ids.map((id) => step(env.deps, id, 'approve', { actor: board })),
    );
    const approved = outcomes.filter((o) => o.status === 'fulfilled');
    expect(approved).toHaveLength(K);
    const refusals = await Promise.all(
      outcomes
        .filter((o) => o.status === 'rejected')
        .map((o) => refusalOf(Promise.reject(o.reason as Error))),
    );
    expect(refusals).toHaveLength(50 - K);
    for (const r of refusals) expect(r.code).toBe('QuotaBlocked');

    const decisions = await env.db
      .selectFrom('decisions')
      .selectAll()
      .where('unit_id', '=', 'AL')
      .orderBy('sequence')
      .execute();
    expect(decisions.map((d) => d.sequence)).toEqual(Array.from({ length: K }, (_, i) => i + 1));
    expect(new Set(decisions.map((d) => d.number)).size).toBe(K);
    expect(new Set(decisions.map((d) => d.nomination_id)).size).toBe(K);
    const approvedRows = await env.db
      .selectFrom('nominations')
      .select('id')
      .where('status', '=', 'approved')
      .where('award_form_code', '=', 'BK-DOT-XUAT')
      .execute();
    expect(approvedRows.map((r) => r.id).sort()).toEqual(decisions.map((d) => d.nomination_id).sort());
    // The refused ones are still waiting at the province, unchanged.
    const waiting = await env.db
      .selectFrom('nominations')
      .select('id')
      .where('status', '=', 'inReview')
      .where('award_form_code', '=', 'BK-DOT-XUAT')
      .execute();
    expect(waiting).toHaveLength(50 - K);
  });

  it('keeps decision numbers gap-free and unique when 30 approvals at a district run at once', async () => {
    const ids = await prepare(30, 'GK-LDLD', 50);
    const outcomes = await Promise.allSettled(
      ids.map((id) => step(env.deps, id, 'approve', { actor: districtHead })),
    );
    expect(outcomes.filter((o) => o.status === 'rejected')).toEqual([]);
    const decisions = await env.db
      .selectFrom('decisions')
      .selectAll()
      .where('unit_id', '=', 'AL-H01')
      .orderBy('sequence')
      .execute();
    expect(decisions.map((d) => d.sequence)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(decisions.map((d) => d.number)).toEqual(Array.from({ length: 30 }, (_, i) => `${i + 1}/QĐ-LĐLĐ`));
    expect(new Set(decisions.map((d) => d.nomination_id))).toEqual(new Set(ids));
  });

  it('shows on GET /api/quotas the per-form figures the approvals judged, not the unit’s other forms', async () => {
    // Two approvals of another form at the province: a per-form cap must not count them.
    // The province's diploma asks for two years of the district's certificate before it.
    const others = await prepare(2, 'BK-LDLD-TINH', 80, (m) =>
      givenPastAwards(env.db, m.id, m.unit_id, 'GK-LDLD', [2024, 2025]),
    );
    for (const id of others) await step(env.deps, id, 'approve', { actor: board });

    const approvals = (
      await env.db
        .selectFrom('nomination_events')
        .selectAll()
        .where('type', '=', 'NominationApproved')
        .execute()
    ).map(rowToEvent);
    const capFindings = approvals
      .flatMap((e) => (e.type === 'NominationApproved' ? e.data.quota.findings : []))
      .filter((f: QuotaFinding) => f.ruleId === 'adhoc-cap');
    expect(capFindings).toHaveLength(7);
    const scopeKey = 'decider:AL:2026:form:BK-DOT-XUAT';
    expect(new Set(capFindings.map((f) => f.scopeKey))).toEqual(new Set([scopeKey]));
    const last = capFindings.reduce((a, b) => (b.after.total > a.after.total ? b : a));

    const app = await buildApp(env.deps);
    try {
      const boardApi = await as(app, 'tinh.btv');
      const waiting = await env.db
        .selectFrom('nominations')
        .select('id')
        .where('status', '=', 'inReview')
        .where('award_form_code', '=', 'BK-DOT-XUAT')
        .executeTakeFirstOrThrow();
      const response = await boardApi.get(`/api/quotas?unitId=AL&year=2026&nominationId=${waiting.id}`);
      expect(response.statusCode).toBe(200);
      const body = response.json<{
        rules: {
          ruleId: string;
          scopeKey: string;
          formCode: string | null;
          total: number;
          inCategory: number;
        }[];
        effect: { findings: QuotaFinding[] };
      }>();
      // One row per form the cap names: the figures the last approval left, as the approval counted them.
      expect(body.rules.filter((r) => r.ruleId === 'adhoc-cap')).toEqual([
        expect.objectContaining({ scopeKey, formCode: 'BK-DOT-XUAT', ...last.after }),
      ]);
      // And what approving one more would do is judged on the same figures.
      expect(body.effect.findings.find((f) => f.ruleId === 'adhoc-cap')).toMatchObject({
        scopeKey,
        before: last.after,
        outcome: 'block',
      });
      // The per-unit floor counts every individual the province approved, of both forms.
      const floor = body.rules.find((r) => r.ruleId === 'direct-worker-floor');
      expect(floor?.total).toBe(7 + others.length);
    } finally {
      await app.close();
    }
  });
});
