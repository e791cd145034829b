import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Worker } from '@temporalio/worker';
import { buildApp, type App } from '../../api/app.js';
import type { NominationDetail } from '../../services/nomination-view.js';
import { loadFixtureProvince } from '../support/province.js';
import { as, type ApiClient } from '../support/api.js';
import { createTestEnvironment, type TestEnvironment } from '../support/harness.js';
import { fullDossier, eligibleForDiploma } from '../support/nominations.js';

// Auditors through the API: the history of a nomination, the state and the quota figures as they stood at a moment,
// and the verification of a scope.
describe('the auditor’s API', () => {
  let env: TestEnvironment;
  let app: App;
  let worker: Worker;
  let running: Promise<void>;
  let base: ApiClient;
  let district: ApiClient;
  let board: ApiClient;
  let auditor: ApiClient;
  let otherDistrict: ApiClient;
  /** The state the API answered after each step, to compare with the as-of answers later. */
  const recorded: NominationDetail[] = [];
  let id = '';

  beforeAll(async () => {
    env = await createTestEnvironment('apiaudit');
    await loadFixtureProvince(env.db);
    worker = await env.createWorker();
    running = worker.run();
    app = await buildApp(env.deps);
    base = await as(app, 'cs.h01.canbo');
    district = await as(app, 'h01.canbo');
    board = await as(app, 'tinh.btv');
    auditor = await as(app, 'tinh.kiemtra');
    otherDistrict = await as(app, 'h02.canbo');
    const [memberId] = await eligibleForDiploma(env.db, { limit: 1 });
    const member = { id: memberId ?? '' };
    const created = await base.post('/api/nominations', {
      nominee: { memberId: member.id },
      awardFormCode: 'BK-LDLD-TINH',
      year: 2026,
      dossier: fullDossier,
    });
    recorded.push(created.json<NominationDetail>());
    id = recorded[0]?.id ?? '';
    for (const [client, action, body] of [
      [base, 'submit', {}],
      [district, 'endorse', { comment: 'Đề nghị tỉnh khen' }],
      [board, 'approve', {}],
    ] as const) {
      await new Promise((r) => setTimeout(r, 20)); // distinct moments
      const response = await client.post(`/api/nominations/${id}/${action}`, body);
      expect(response.statusCode).toBe(200);
      recorded.push(response.json<NominationDetail>());
    }
  });

  afterAll(async () => {
    await app.close();
    worker.shutdown();
    await running;
    await env.teardown();
  });

  it('gives the whole history: actor, role, unit, action, comment, vote, the figures each check saw, hashes', async () => {
    const response = await auditor.get(`/api/nominations/${id}/history`);
    expect(response.statusCode).toBe(200);
    const { events } = response.json<{
      events: {
        action: string;
        actor: { id: string; role: string; unitId: string };
        comment: string | null;
        councilVote: unknown;
        review: unknown;
        quota: unknown;
        prevHash: string;
        hash: string;
      }[];
    }>();
    expect(events.map((e) => e.action)).toEqual([
      'NominationCreated',
      'NominationSubmitted',
      'NominationEndorsed',
      'NominationApproved',
    ]);
    expect(events[0]?.councilVote).toEqual({ present: 9, inFavour: 9 });
    expect(events[1]?.review).toMatchObject({
      passed: true,
      checks: expect.arrayContaining([
        expect.objectContaining({ check: 'prerequisite', passed: true }),
      ]) as unknown,
    });
    expect(events[2]).toMatchObject({
      actor: { id: 'h01.canbo', role: 'district_officer', unitId: 'AL-H01' },
      comment: 'Đề nghị tỉnh khen',
    });
    expect(events[3]?.quota).toMatchObject({
      outcome: 'ok',
      findings: expect.arrayContaining([
        expect.objectContaining({ ruleId: 'direct-worker-floor' }),
      ]) as unknown,
    });
    for (let i = 1; i < events.length; i++) expect(events[i]?.prevHash).toBe(events[i - 1]?.hash);
    expect((await otherDistrict.get(`/api/nominations/${id}/history`)).statusCode).toBe(404);
  });

  it('answers as of each moment with the state recorded at that moment', async () => {
    for (const then of recorded) {
      const at = then.events.at(-1)?.occurredAt ?? then.updatedAt;
      const response = await auditor.get(`/api/nominations/${id}?asOf=${encodeURIComponent(at)}`);
      expect(response.statusCode).toBe(200);
      const body = response.json<NominationDetail & { allowedActions: unknown[] }>();
      expect(body).toMatchObject({
        status: then.status,
        stage: then.stage,
        holdingUnitId: then.holdingUnitId,
        version: then.version,
        decisionNumber: then.decisionNumber,
      });
      expect(body.events).toHaveLength(then.version);
      expect(body.allowedActions).toEqual([]);
    }
    const before = new Date(Date.parse(recorded[0]?.createdAt ?? '') - 60_000).toISOString();
    expect((await auditor.get(`/api/nominations/${id}?asOf=${encodeURIComponent(before)}`)).statusCode).toBe(
      404,
    );
  });

  it('gives the quota figures as they stood before and after the approval', async () => {
    const approvedAt = recorded.at(-1)?.decidedAt ?? '';
    const justBefore = new Date(Date.parse(approvedAt) - 1).toISOString();
    const figures = async (asOf: string) =>
      (await auditor.get(`/api/quotas?unitId=AL&year=2026&asOf=${encodeURIComponent(asOf)}`))
        .json<{ rules: { ruleId: string; total: number }[] }>()
        .rules.find((r) => r.ruleId === 'direct-worker-floor')?.total;
    expect(await figures(justBefore)).toBe(0);
    expect(await figures(approvedAt)).toBe(1);
  });

  it('verifies a scope: the auditor’s province passes, a unit outside the subtree is not found', async () => {
    const response = await auditor.get('/api/audit/verify?year=2026');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ passed: true, streams: 1, events: 4, decisions: 1, issues: [] });
    expect((await otherDistrict.get('/api/audit/verify?unitId=AL-H01')).statusCode).toBe(404);
  });
});
