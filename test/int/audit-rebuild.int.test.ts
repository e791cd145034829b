import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Worker } from '@temporalio/worker';
import { dropScratch, rebuildProjections, swapIn } from '../../audit/rebuild.js';
import { verifyScope } from '../../audit/verify.js';
import { loadFixtureProvince } from '../support/province.js';
import { createTestEnvironment, type TestEnvironment } from '../support/harness.js';
import { generateYear, type GeneratedYear } from '../support/year.js';

describe('rebuilding the read models from the events', () => {
  let env: TestEnvironment;
  let worker: Worker;
  let running: Promise<void>;
  let year: GeneratedYear;

  beforeAll(async () => {
    env = await createTestEnvironment('rebuild');
    await loadFixtureProvince(env.db);
    worker = await env.createWorker();
    running = worker.run();
    year = await generateYear(env.deps, env.db, 24);
  });

  afterAll(async () => {
    worker.shutdown();
    await running;
    await env.teardown();
  });

  it('gives read models identical to the live ones after normal operation', async () => {
    const result = await rebuildProjections(env.db);
    expect(result.streams).toBe(24);
    expect(result.diffs.map((d) => [d.table, d.differing])).toEqual([
      ['nominations', []],
      ['award_history', []],
      ['decisions', []],
    ]);
    expect(result.identical).toBe(true);
    await dropScratch(env.db, result.schema);
  });

  it('shows a tampered projection, and swapping the rebuild in repairs it', async () => {
    const approved = year.byPath.certificate?.[0] ?? '';
    const revoked = year.byPath.revoked?.[0] ?? '';
    await env.db
      .updateTable('nominations')
      .set({ holding_unit_id: 'AL-H02', status: 'draft' })
      .where('id', '=', approved)
      .execute();
    await env.db
      .updateTable('award_history')
      .set({ revoked_at: null })
      .where('nomination_id', '=', revoked)
      .execute();
    const result = await rebuildProjections(env.db);
    expect(result.identical).toBe(false);
    expect(result.diffs.find((d) => d.table === 'nominations')?.differing).toEqual([approved]);
    expect(result.diffs.find((d) => d.table === 'award_history')?.differing).toEqual([revoked]);

    await swapIn(env.db, result.schema);
    const again = await rebuildProjections(env.db);
    expect(again.identical).toBe(true);
    await dropScratch(env.db, again.schema);
    expect((await verifyScope(env.db)).issues).toEqual([]);
  });
});
