import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Worker } from '@temporalio/worker';
import { buildApp, type App } from '../../api/app.js';
import type { NominationDetail } from '../../services/nomination-view.js';
import { loadFixtureProvince } from '../support/province.js';
import { as, type ApiClient } from '../support/api.js';
import { createTestEnvironment, type TestEnvironment } from '../support/harness.js';
import { eventTypes, fullDossier, givenPastAwards } from '../support/nominations.js';

// Repeated and simultaneous requests through the API: an Idempotency-Key acts once, If-Match lets one of two officers
// win, bulk actions answer per item, and the inbox and quota figures tell officers what waits and what approving does.
describe('repeated and concurrent requests, inbox, bulk and quotas', () => {
  let env: TestEnvironment;
  let app: App;
  let worker: Worker;
  let running: Promise<void>;
  let base: ApiClient;
  let district: ApiClient;
  let districtHead: ApiClient;
  let board: ApiClient;
  let members: { id: string; is_leader: boolean }[] = [];
  let n = 0;

  const create = async (memberId?: string): Promise<NominationDetail> => {
    const id = memberId ?? members[n % members.length]?.id;
    const response = await base.post('/api/nominations', {
      nominee: { memberId: id },
      awardFormCode: 'BK-LDLD-TINH',
      year: 2026,
      dossier: { ...fullDossier, theme: `đợt ${n++}` },
    });
    expect(response.statusCode).toBe(201);
    return response.json<NominationDetail>();
  };

  beforeAll(async () => {
    env = await createTestEnvironment('apiconc');
    await loadFixtureProvince(env.db);
    members = await env.db
      .selectFrom('members')
      .innerJoin('registrations', 'registrations.member_id', 'members.id')
      .select(['members.id', 'members.is_leader'])
      .where('members.unit_id', '=', 'CS0001')
      .where('registrations.year', '=', 2026)
      .orderBy('members.id')
      .execute();
    for (const m of members) await givenPastAwards(env.db, m.id, 'CS0001', 'GK-LDLD', [2024, 2025]);
    members = members.filter((m) => !m.is_leader);
    worker = await env.createWorker();
    running = worker.run();
    app = await buildApp(env.deps);
    base = await as(app, 'cs.h01.canbo');
    district = await as(app, 'h01.canbo');
    districtHead = await as(app, 'h01.truong');
    board = await as(app, 'tinh.btv');
  });

  afterAll(async () => {
    await app.close();
    worker.shutdown();
    await running;
    await env.teardown();
  });

  it('ten simultaneous submissions with one Idempotency-Key act once and all get the first answer', async () => {
    const { id } = await create();
    const responses = await Promise.all(
      Array.from({ length: 10 }, () =>
        base.post(`/api/nominations/${id}/submit`, {}, { 'idempotency-key': `submit-${id}` }),
      ),
    );
    expect(responses.map((r) => r.statusCode)).toEqual(Array.from({ length: 10 }, () => 200));
    expect(new Set(responses.map((r) => r.json<NominationDetail>().version))).toEqual(new Set([2]));
    expect(responses.filter((r) => r.headers['idempotent-replayed'] === 'true')).toHaveLength(9);
    expect(await eventTypes(env.db, id)).toEqual(['NominationCreated', 'NominationSubmitted']);

    // The same key later still answers the same; reused for another request, it is refused.
    const again = await base.post(`/api/nominations/${id}/submit`, {}, { 'idempotency-key': `submit-${id}` });
    expect(again.statusCode).toBe(200);
    const reused = await base.post(
      `/api/nominations/${id}/withdraw`,
      {},
      { 'idempotency-key': `submit-${id}` },
    );
    expect(reused.statusCode).toBe(422);
    expect(reused.json<{ type: string }>().type).toMatch(/idempotency-key-reused$/);
  });

  it('a repeated creation with one Idempotency-Key makes one nomination', async () => {
    const body = {
      nominee: { memberId: members[0]?.id },
      awardFormCode: 'BK-LDLD-TINH',
      year: 2026,
      dossier: { ...fullDossier, theme: 'lặp' },
    };
    const [a, b] = await Promise.all([
      base.post('/api/nominations', body, { 'idempotency-key': 'create-once' }),
      base.post('/api/nominations', body, { 'idempotency-key': 'create-once' }),
    ]);
    expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
    expect(a.json<NominationDetail>().id).toBe(b.json<NominationDetail>().id);
    const count = await env.db
      .selectFrom('nominations')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('theme', '=', 'lặp')
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
  });

  it('two officers acting on the same version at once: one wins, the other gets 412 and changes nothing', async () => {
    const created = await create();
    await base.post(`/api/nominations/${created.id}/submit`);
    const [endorse, giveBack] = await Promise.all([
      district.post(`/api/nominations/${created.id}/endorse`, {}, { 'if-match': '"2"' }),
      districtHead.post(
        `/api/nominations/${created.id}/return`,
        { comment: 'Cần bổ sung' },
        { 'if-match': '"2"' },
      ),
    ]);
    const statuses = [endorse.statusCode, giveBack.statusCode].sort();
    expect(statuses).toEqual([200, 412]);
    const types = await eventTypes(env.db, created.id);
    expect(types).toHaveLength(3);
    expect(['NominationEndorsed', 'NominationReturned']).toContain(types[2]);
  });

  it('without If-Match, simultaneous actions are applied one after the other, never both on the same version', async () => {
    const created = await create();
    await base.post(`/api/nominations/${created.id}/submit`);
    const responses = await Promise.all([
      district.post(`/api/nominations/${created.id}/endorse`),
      districtHead.post(`/api/nominations/${created.id}/return`, { comment: 'Cần bổ sung' }),
      district.post(`/api/nominations/${created.id}/reject`, { comment: 'Không đạt' }),
    ]);
    // The first to get the workflow's lock acts; the others then find the nomination no longer at the district: moved
    // on or back (refused by the rules), or, when the rejection won, ended (refused before reaching its workflow).
    expect(responses.filter((r) => r.statusCode === 200)).toHaveLength(1);
    const refusals = responses
      .filter((r) => r.statusCode !== 200)
      .map((r) => r.json<{ code: string }>().code);
    expect(refusals).toHaveLength(2);
    for (const code of refusals) expect(['WrongUnit', 'WrongStage', 'NominationClosed']).toContain(code);
    expect(await eventTypes(env.db, created.id)).toHaveLength(3);
  });

  it('the inbox lists what waits for the unit, soonest deadline first, with each approval’s quota effect', async () => {
    const first = await create();
    const second = await create();
    for (const { id } of [first, second]) {
      await base.post(`/api/nominations/${id}/submit`);
      await district.post(`/api/nominations/${id}/endorse`);
    }
    const inbox = await board.get('/api/inbox');
    expect(inbox.statusCode).toBe(200);
    const items = inbox.json<{
      items: {
        id: string;
        deadlineAt: string;
        quotaEffect: { findings: { ruleId: string; text: string }[] } | null;
      }[];
    }>().items;
    const deadlines = items.map((i) => Date.parse(i.deadlineAt));
    expect(deadlines).toEqual([...deadlines].sort((a, b) => a - b));
    const item = items.find((i) => i.id === first.id);
    const floor = item?.quotaEffect?.findings.find((f) => f.ruleId === 'direct-worker-floor');
    expect(floor?.text).toMatch(/^Ít nhất 15% cá nhân.*: approving keeps the share at \d+%, floor 15%$/);
    // The district's inbox no longer holds them.
    const districtInbox = (await district.get('/api/inbox'))
      .json<{ items: { id: string }[] }>()
      .items.map((i) => i.id);
    expect(districtInbox).not.toContain(first.id);
  });

  it('a bulk approval answers per item, and one refusal does not undo the others', async () => {
    const ready = [await create(), await create(), await create()];
    for (const { id } of ready) {
      await base.post(`/api/nominations/${id}/submit`);
      await district.post(`/api/nominations/${id}/endorse`);
    }
    const draft = await create(); // not at the province: refused
    const response = await board.post('/api/bulk/approve', {
      items: [...ready.map((r) => ({ id: r.id })), { id: draft.id }],
    });
    expect(response.statusCode).toBe(200);
    const body = response.json<{
      succeeded: number;
      failed: number;
      results: { id: string; ok: boolean; status: number }[];
    }>();
    expect(body).toMatchObject({ succeeded: 3, failed: 1 });
    expect(body.results.map((r) => r.id)).toEqual([...ready.map((r) => r.id), draft.id]);
    expect(body.results.at(-1)).toMatchObject({ ok: false, status: 409 });
    for (const { id } of ready) expect((await eventTypes(env.db, id)).at(-1)).toBe('NominationApproved');
  });

  it('quota figures for a unit and year, and what approving a pending nomination would do', async () => {
    const pending = await create();
    await base.post(`/api/nominations/${pending.id}/submit`);
    await district.post(`/api/nominations/${pending.id}/endorse`);
    const response = await board.get(`/api/quotas?unitId=AL&year=2026&nominationId=${pending.id}`);
    expect(response.statusCode).toBe(200);
    const body = response.json<{
      rules: { ruleId: string; total: number; inCategory: number; share: number | null }[];
      effect: { outcome: string; findings: { ruleId: string; after: { total: number } }[] };
    }>();
    const floor = body.rules.find((r) => r.ruleId === 'direct-worker-floor');
    const approvedAtProvince = await env.db
      .selectFrom('award_history')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('deciding_unit_id', '=', 'AL')
      .executeTakeFirstOrThrow();
    expect(floor?.total).toBe(Number(approvedAtProvince.n));
    expect(body.effect.findings.find((f) => f.ruleId === 'direct-worker-floor')?.after.total).toBe(
      Number(approvedAtProvince.n) + 1,
    );
    expect((await district.get('/api/quotas?unitId=AL&year=2026')).statusCode).toBe(404);
  });
});
