import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createReportingActivities } from '../../activities/reporting.js';
import { buildApp, type App } from '../../api/app.js';
import { loadDemoData } from '../../scripts/demo/load.js';
import { as, type ApiClient } from '../support/api.js';
import { createTestEnvironment, type TestEnvironment } from '../support/harness.js';

describe('periodic reports through the API', () => {
  let env: TestEnvironment;
  let app: App;
  let base: ApiClient;
  let district: ApiClient;
  let otherDistrict: ApiClient;
  let auditor: ApiClient;

  beforeAll(async () => {
    env = await createTestEnvironment('apireports');
    await loadDemoData(env.db);
    const now = new Date();
    await createReportingActivities(env.db).openReportingPeriod({
      periodId: 'ky-6-thang-2026',
      kind: 'halfYear',
      year: 2026,
      openedAt: now.toISOString(),
      dueAt: new Date(now.getTime() + 15 * 86_400_000).toISOString(),
    });
    app = await buildApp(env.deps);
    base = await as(app, 'cs.h01.canbo');
    district = await as(app, 'h01.canbo');
    otherDistrict = await as(app, 'h02.canbo');
    auditor = await as(app, 'tinh.kiemtra');
  });

  afterAll(async () => {
    await app.close();
    await env.teardown();
  });

  it('shows a unit its pre-filled report, lets it submit once with its notes, and keeps other districts out', async () => {
    const mine = (await base.get('/api/reports')).json<{
      items: {
        unitId: string;
        upperUnitId: string;
        status: string;
        content: { figures: { directWorkerFloor: number } };
      }[];
    }>().items;
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      unitId: 'CS0001',
      upperUnitId: 'AL-H01',
      status: 'due',
      content: { figures: { directWorkerFloor: 0.15 } },
    });

    const submitted = await base.post('/api/reports/ky-6-thang-2026/submit', {
      notes: 'Đơn vị đã phát động 2 phong trào, sơ kết đúng hạn.',
    });
    expect(submitted.statusCode).toBe(200);
    expect(submitted.json()).toMatchObject({
      status: 'submitted',
      content: { notes: 'Đơn vị đã phát động 2 phong trào, sơ kết đúng hạn.' },
    });
    expect((await base.post('/api/reports/ky-6-thang-2026/submit', { notes: 'lần hai' })).statusCode).toBe(
      409,
    );

    const districtView = (await district.get('/api/reports?periodId=ky-6-thang-2026')).json<{
      items: { unitId: string; status: string }[];
    }>().items;
    expect(districtView.find((r) => r.unitId === 'CS0001')?.status).toBe('submitted');
    expect(districtView.length).toBeGreaterThan(20);
    const otherView = (await otherDistrict.get('/api/reports')).json<{ items: { unitId: string }[] }>().items;
    expect(otherView.map((r) => r.unitId)).not.toContain('CS0001');
    expect((await auditor.post('/api/reports/ky-6-thang-2026/submit', { notes: 'x' })).statusCode).toBe(403);
  });
});
