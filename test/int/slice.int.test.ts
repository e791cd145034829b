import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Worker } from '@temporalio/worker';
import { buildApp, type App } from '../../api/app.js';
import { loadDemoData } from '../../scripts/demo/load.js';
import { awardYear, holdingUnit } from '../../workflows/search-attributes.js';
import { dossier } from '../support/fixtures.js';
import { createTestEnvironment, type TestEnvironment } from '../support/harness.js';

// The wiring end to end, on the real servers: an API request starts a nomination workflow, its activity appends the
// event to PostgreSQL, and a read through the API returns it.
describe('creating a nomination through the API', () => {
  let env: TestEnvironment;
  let app: App;
  let worker: Worker;
  let running: Promise<void>;

  beforeAll(async () => {
    env = await createTestEnvironment('slice');
    await loadDemoData(env.db);
    worker = await env.createWorker();
    running = worker.run();
    app = await buildApp(env.deps);
  });

  afterAll(async () => {
    await app.close();
    worker.shutdown();
    await running;
    await env.teardown();
  });

  it('starts its workflow and reads back the chained creation event', async () => {
    const member = await env.db
      .selectFrom('members')
      .selectAll()
      .where('unit_id', '=', 'CS0001')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const created = await app.inject({
      method: 'POST',
      url: '/api/nominations',
      payload: {
        submittingUnitId: 'CS0001',
        nominee: { memberId: member.id },
        awardFormCode: 'BK-LDLD-TINH',
        year: 2026,
        dossier,
      },
    });
    expect(created.statusCode).toBe(201);
    const body = created.json<{ id: string }>();
    expect(created.headers.location).toBe(`/api/nominations/${body.id}`);

    const read = await app.inject({ method: 'GET', url: `/api/nominations/${body.id}` });
    expect(read.statusCode).toBe(200);
    const nomination = read.json<{
      status: string;
      nomineeName: string;
      holdingUnitId: string;
      route: { unitId: string }[];
      version: number;
      events: { position: number; type: string; prevHash: string; hash: string }[];
    }>();
    expect(nomination).toMatchObject({
      status: 'draft',
      nomineeName: member.full_name,
      holdingUnitId: 'CS0001',
      version: 1,
    });
    expect(nomination.route.map((s) => s.unitId)).toEqual(['CS0001', 'AL-H01', 'AL']);
    expect(nomination.events).toHaveLength(1);
    expect(nomination.events[0]).toMatchObject({
      position: 1,
      type: 'NominationCreated',
      prevHash: '0'.repeat(64),
    });
    expect(nomination.events[0]?.hash).toMatch(/^[0-9a-f]{64}$/);

    // The workflow runs on Temporal under the nomination's id, waiting for the submitter, with its search attributes.
    const description = await env.client.workflow.getHandle(body.id).describe();
    expect(description.status.name).toBe('RUNNING');
    expect(description.taskQueue).toBe(env.taskQueue);
    expect(description.typedSearchAttributes.get(holdingUnit)).toBe('CS0001');
    expect(description.typedSearchAttributes.get(awardYear)).toBe(2026);
  });

  it('refuses a nomination naming an unknown unit or form with a problem document, starting nothing', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/nominations',
      payload: {
        submittingUnitId: 'CS9999',
        nominee: { memberId: 'DV000001' },
        awardFormCode: 'KHONG-CO',
        year: 2026,
        dossier,
      },
    });
    expect(response.statusCode).toBe(422);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json<{ errors: { pointer: string }[] }>().errors.map((e) => e.pointer)).toEqual([
      '/body/submittingUnitId',
    ]);
  });

  it('refuses, as the decider does, a nominee from another unit', async () => {
    const outsider = await env.db
      .selectFrom('members')
      .select('id')
      .where('unit_id', '=', 'CS0026')
      .executeTakeFirstOrThrow();
    const response = await app.inject({
      method: 'POST',
      url: '/api/nominations',
      payload: {
        submittingUnitId: 'CS0001',
        nominee: { memberId: outsider.id },
        awardFormCode: 'GK-LDLD',
        year: 2026,
        dossier,
      },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json<{ type: string }>().type).toMatch(/wrong-unit$/);
  });

  it('answers 404 as a problem document for a nomination that does not exist', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/api/nominations/nom-00000000-0000-0000-0000-000000000000',
    });
    expect(response.statusCode).toBe(404);
    expect(response.json<{ status: number }>().status).toBe(404);
  });
});
