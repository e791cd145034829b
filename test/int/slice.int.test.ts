import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Worker } from '@temporalio/worker';
import { buildApp, type App } from '../../api/app.js';
import { loadDemoData } from '../../scripts/demo/load.js';
import { awardYear, holdingUnit } from '../../workflows/search-attributes.js';
import { createTestEnvironment, type TestEnvironment } from '../support/harness.js';

// The foundation's vertical slice, on the real servers: an API request starts a nomination workflow, its
// activity appends the event to PostgreSQL, and a read through the API returns it.
describe('nomination slice: API → workflow → activity → PostgreSQL → API', () => {
  let env: TestEnvironment;
  let app: App;
  let worker: Worker;
  let running: Promise<void>;

  beforeAll(async () => {
    env = await createTestEnvironment('slice');
    await loadDemoData(env.db);
    worker = await env.createWorker();
    running = worker.run();
    app = await buildApp({ db: env.db, temporal: env.client, taskQueue: env.taskQueue });
  });

  afterAll(async () => {
    await app.close();
    worker.shutdown();
    await running;
    await env.teardown();
  });

  it('creates a nomination through its workflow and reads back its chained event', async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/api/nominations',
      payload: {
        nomineeName: 'Nguyễn Thị Hồng Nhung',
        awardFormCode: 'GK-LDLD',
        year: 2026,
        submittingUnitId: 'CS0001',
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
      version: number;
      events: { position: number; type: string; prevHash: string; hash: string; data: unknown }[];
    }>();
    expect(nomination).toMatchObject({
      status: 'draft',
      nomineeName: 'Nguyễn Thị Hồng Nhung',
      holdingUnitId: 'CS0001',
      version: 1,
    });
    expect(nomination.events).toHaveLength(1);
    expect(nomination.events[0]).toMatchObject({
      position: 1,
      type: 'NominationCreated',
      prevHash: '0'.repeat(64),
    });
    expect(nomination.events[0]?.hash).toMatch(/^[0-9a-f]{64}$/);

    // The workflow really ran on Temporal, under the nomination's id, and set its search attributes.
    const handle = env.client.workflow.getHandle(body.id);
    const description = await handle.describe();
    expect(description.status.name).toBe('COMPLETED');
    expect(description.taskQueue).toBe(env.taskQueue);
    expect(description.typedSearchAttributes.get(holdingUnit)).toBe('CS0001');
    expect(description.typedSearchAttributes.get(awardYear)).toBe(2026);

    // Exactly one row in the store: nothing written twice.
    const rows = await env.db
      .selectFrom('nomination_events')
      .selectAll()
      .where('nomination_id', '=', body.id)
      .execute();
    expect(rows).toHaveLength(1);
  });

  it('refuses a nomination naming an unknown unit or form with a problem document, starting nothing', async () => {
    const before = await env.db
      .selectFrom('nomination_events')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    const response = await app.inject({
      method: 'POST',
      url: '/api/nominations',
      payload: {
        nomineeName: 'Trần Văn Bình',
        awardFormCode: 'KHONG-CO',
        year: 2026,
        submittingUnitId: 'CS9999',
      },
    });
    expect(response.statusCode).toBe(422);
    expect(response.headers['content-type']).toContain('application/problem+json');
    const problem = response.json<{ type: string; errors: { pointer: string }[] }>();
    expect(problem.type).toMatch(/invalid-reference$/);
    expect(problem.errors.map((e) => e.pointer).sort()).toEqual([
      '/body/awardFormCode',
      '/body/submittingUnitId',
    ]);
    const after = await env.db
      .selectFrom('nomination_events')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
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
