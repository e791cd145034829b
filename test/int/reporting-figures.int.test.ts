import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Worker } from '@temporalio/worker';
import { prefilledFigures } from '../../activities/reporting.js';
import { loadDemoData } from '../../scripts/demo/load.js';
import { createTestEnvironment, type TestEnvironment } from '../support/harness.js';
import { generateYear, type GeneratedYear } from '../support/year.js';

// The pre-filled report figures of a generated year, against answers worked out here from the year as it was made.
describe('pre-filled report figures', () => {
  let env: TestEnvironment;
  let worker: Worker;
  let running: Promise<void>;
  let year: GeneratedYear;

  beforeAll(async () => {
    env = await createTestEnvironment('repfig');
    await loadDemoData(env.db);
    worker = await env.createWorker();
    running = worker.run();
    year = await generateYear(env.deps, env.db, 36);
  });

  afterAll(async () => {
    worker.shutdown();
    await running;
    await env.teardown();
  });

  it('count each district’s nominations by form and outcome, and its commended individuals’ shares', async () => {
    const figures = await prefilledFigures(env.db, { year: 2026, openedAt: new Date().toISOString() });
    // Independently: the generator's paths say how each nomination ended; its members' flags say who they are.
    const nominations = await env.db
      .selectFrom('nominations')
      .innerJoin('units', 'units.id', 'nominations.submitting_unit_id')
      .select(['nominations.id', 'units.parent_id', 'nominations.nominee_member_id'])
      .execute();
    const upperOf = new Map(nominations.map((n) => [n.id, n.parent_id]));
    const memberOf = new Map(nominations.map((n) => [n.id, n.nominee_member_id]));
    const outcome: Record<string, [string, string]> = {
      certificate: ['GK-LDLD', 'approved'],
      diploma: ['BK-LDLD-TINH', 'approved'],
      returned: ['BK-LDLD-TINH', 'inReview'],
      rejected: ['BK-LDLD-TINH', 'rejected'],
      withdrawn: ['BK-LDLD-TINH', 'withdrawn'],
      revoked: ['BK-LDLD-TINH', 'revoked'],
    };
    for (const district of ['AL-H01', 'AL-H02', 'AL-N01']) {
      const expected: Record<string, Record<string, number>> = {};
      let commended = 0;
      let direct = 0;
      for (const [path, ids] of Object.entries(year.byPath)) {
        const [form, status] = outcome[path] ?? ['', ''];
        for (const id of ids) {
          if (upperOf.get(id) !== district) continue;
          (expected[form] ??= {})[status] = (expected[form][status] ?? 0) + 1;
          if (status === 'approved') {
            commended++;
            const member = await env.db
              .selectFrom('members')
              .select(['is_leader', 'is_direct_worker'])
              .where('id', '=', memberOf.get(id) ?? '')
              .executeTakeFirstOrThrow();
            if (member.is_direct_worker || !member.is_leader) direct++;
          }
        }
      }
      const got = figures.get(district);
      expect(got?.byForm).toEqual(expected);
      expect(got?.individualsCommended).toBe(commended);
      expect(got?.directWorkerShare).toBe(commended === 0 ? null : direct / commended);
      expect(got?.directWorkerFloor).toBe(0.15);
    }
    // The province's report adds up its districts and sectors.
    const province = figures.get('AL');
    const sum = ['AL-H01', 'AL-H02', 'AL-N01'].reduce(
      (n, d) => n + (figures.get(d)?.individualsCommended ?? 0),
      0,
    );
    expect(province?.individualsCommended).toBe(sum);
    expect(sum).toBe((year.byPath.certificate?.length ?? 0) + (year.byPath.diploma?.length ?? 0));
  });
});
