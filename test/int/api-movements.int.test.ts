import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { buildApp, type App } from '../../api/app.js';
import { loadDemoData } from '../../scripts/demo/load.js';
import { as, type ApiClient } from '../support/api.js';
import { createTestEnvironment, type TestEnvironment } from '../support/harness.js';

const plan = {
  name: 'Lao động giỏi, Lao động sáng tạo năm 2027',
  targetGroup: 'Công nhân, lao động trong các doanh nghiệp',
  startsOn: '2027-01-01',
  endsOn: '2027-12-31',
  criteria: [
    { name: 'Năng suất lao động vượt kế hoạch', maxScore: 40 },
    { name: 'Sáng kiến được công nhận', maxScore: 30 },
  ],
  interimReviews: ['2027-06-30'],
  finalReview: '2027-12-15',
};

describe('movements through the API', () => {
  let env: TestEnvironment;
  let app: App;
  let district: ApiClient;
  let base: ApiClient;
  let otherBase: ApiClient;

  beforeAll(async () => {
    env = await createTestEnvironment('movements');
    await loadDemoData(env.db);
    app = await buildApp(env.deps);
    district = await as(app, 'h01.canbo');
    base = await as(app, 'cs.h01.canbo');
    otherBase = await as(app, 'cs.h02.canbo');
  });
  afterAll(async () => {
    await app.close();
    await env.teardown();
  });

  it('launches a movement for the district’s subtree, and warns when another runs in the same period', async () => {
    const first = await district.post('/api/movements', plan);
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({
      movement: { launchingUnitId: 'AL-H01', startsOn: '2027-01-01', status: 'active' },
      warnings: [],
    });
    const subtree = await env.db
      .selectFrom('units')
      .select('id')
      .where((eb) => eb.or([eb('id', '=', 'AL-H01'), eb('parent_id', '=', 'AL-H01')]))
      .execute();
    expect(first.json<{ movement: { scopeSize: number } }>().movement.scopeSize).toBe(subtree.length);

    const second = await district.post('/api/movements', {
      ...plan,
      name: 'Xanh - Sạch - Đẹp, bảo đảm an toàn vệ sinh lao động',
      startsOn: '2027-03-01',
      endsOn: '2027-09-30',
      interimReviews: [],
      finalReview: '2027-09-15',
    });
    expect(second.statusCode).toBe(201);
    const warnings = second.json<{ warnings: { code: string; movements: { name: string }[] }[] }>().warnings;
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ code: 'OverlappingMovements', movements: [{ name: plan.name }] });
  });

  it('refuses a plan that does not hold together, naming the fields', async () => {
    const response = await district.post('/api/movements', { ...plan, endsOn: '2026-06-30', criteria: [] });
    expect(response.statusCode).toBe(422);
    expect(response.json<{ errors: { pointer: string }[] }>().errors.map((e) => e.pointer)).toEqual(
      expect.arrayContaining(['/body/endsOn', '/body/criteria']),
    );
  });

  it('registers a base union and its members; a unit outside the scope cannot', async () => {
    const list = (await base.get('/api/movements')).json<{ items: { id: string; name: string }[] }>().items;
    const movement = list.find((m) => m.name === plan.name);
    expect(movement).toBeDefined();
    const members = await env.db
      .selectFrom('members')
      .select('id')
      .where('unit_id', '=', 'CS0001')
      .limit(3)
      .execute();
    const registered = await base.post(`/api/movements/${movement?.id ?? ''}/registrations`, {
      memberIds: members.map((m) => m.id),
    });
    expect(registered.json()).toEqual({ unitRegistered: true, membersRegistered: 3 });
    const rows = await env.db
      .selectFrom('registrations')
      .select(['member_id', 'year'])
      .where('movement_id', '=', movement?.id ?? '')
      .execute();
    expect(rows.filter((r) => r.member_id !== null)).toHaveLength(3);
    expect(rows.every((r) => r.year === 2027)).toBe(true);
    expect(
      (await otherBase.post(`/api/movements/${movement?.id ?? ''}/registrations`, { memberIds: [] }))
        .statusCode,
    ).toBe(404);
    const stranger = await env.db
      .selectFrom('members')
      .select('id')
      .where('unit_id', '=', 'CS0002')
      .executeTakeFirstOrThrow();
    expect(
      (await base.post(`/api/movements/${movement?.id ?? ''}/registrations`, { memberIds: [stranger.id] }))
        .statusCode,
    ).toBe(422);
  });
});
