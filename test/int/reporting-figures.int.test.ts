import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Worker } from '@temporalio/worker';
import { prefilledFigures } from '../../services/report-figures.js';
import type { Role, UnitLevel } from '../../db/schema.js';
import { loadDemoData } from '../../scripts/demo/load.js';
import { generateProvince } from '../../scripts/demo/province.js';
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
      // Individuals all: a certificate pays 0.3 and a diploma 0.6 of the base salary of 2,340,000 đồng, rounded up
      // to ten thousand (the demo's multiples); a revoked award pays nothing.
      let bonus = 0;
      for (const [path, ids] of Object.entries(year.byPath)) {
        const [form, status] = outcome[path] ?? ['', ''];
        for (const id of ids) {
          if (upperOf.get(id) !== district) continue;
          (expected[form] ??= {})[status] = (expected[form][status] ?? 0) + 1;
          if (status === 'approved') {
            commended++;
            bonus += form === 'GK-LDLD' ? 710_000 : 1_410_000;
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
      expect(got?.bonusVnd).toBe(bonus);
    }
    // The province's report adds up its districts and sectors.
    const province = figures.get('AL');
    const sum = ['AL-H01', 'AL-H02', 'AL-N01'].reduce(
      (n, d) => n + (figures.get(d)?.individualsCommended ?? 0),
      0,
    );
    expect(province?.individualsCommended).toBe(sum);
    expect(province?.bonusVnd).toBe(
      ['AL-H01', 'AL-H02', 'AL-N01'].reduce((n, d) => n + (figures.get(d)?.bonusVnd ?? 0), 0),
    );
    expect(province?.bonusVnd).toBeGreaterThan(0);
    expect(sum).toBe((year.byPath.certificate?.length ?? 0) + (year.byPath.diploma?.length ?? 0));
  });

  /** Who works nominations at each level, restated here rather than taken from the code under test. */
  const officerRolesByLevel: Record<UnitLevel, Role[]> = {
    base: ['base_officer'],
    district: ['district_officer', 'district_head'],
    sector: ['district_officer', 'district_head'],
    province: ['province_officer', 'board_member'],
    tld: ['province_officer', 'board_member'],
  };

  /** The units of the tree, and for each its subtree, worked out here from the parent links. */
  async function tree(): Promise<{ level: Map<string, UnitLevel>; subtree: (id: string) => Set<string> }> {
    const units = await env.db.selectFrom('units').select(['id', 'parent_id', 'level']).execute();
    const level = new Map(units.map((u) => [u.id, u.level]));
    const subtree = (id: string): Set<string> => {
      const found = new Set([id]);
      for (let grew = true; grew;) {
        grew = false;
        for (const u of units)
          if (u.parent_id !== null && found.has(u.parent_id) && !found.has(u.id)) {
            found.add(u.id);
            grew = true;
          }
      }
      return found;
    };
    return { level, subtree };
  }

  it('count the plan indicators of a year: units with a plan, movements reviewed, officers trained', async () => {
    const db = env.db;
    const before = new Date();
    const basesUnder = async (upper: string): Promise<string[]> =>
      (await db.selectFrom('units').select('id').where('parent_id', '=', upper).orderBy('id').execute()).map(
        (u) => u.id,
      );
    const h01 = await basesUnder('AL-H01');
    const h02 = await basesUnder('AL-H02');
    const lastOfH01 = h01[h01.length - 1] ?? '';
    // The year 2027 as made here: who registered, which movements were launched and reviewed, who was trained.
    const registered = [...h01.slice(0, 20), ...h02.slice(0, 10), 'AL-N01'];
    const movements: {
      unit: string;
      startsOn: string;
      finalReview: string;
      reviews: ('interim' | 'final')[];
    }[] = [
      { unit: 'AL', startsOn: '2027-01-01', finalReview: '2027-12-20', reviews: ['final'] },
      { unit: 'AL-H01', startsOn: '2027-01-15', finalReview: '2027-12-10', reviews: ['interim', 'final'] },
      { unit: 'AL-H01', startsOn: '2027-03-01', finalReview: '2027-11-30', reviews: [] },
      // Its final review is still ahead when the period opens: not yet judged.
      { unit: lastOfH01, startsOn: '2027-02-01', finalReview: '2028-02-15', reviews: ['interim'] },
      // Started the year before: not one of 2027's.
      { unit: 'AL-H02', startsOn: '2026-10-01', finalReview: '2027-09-30', reviews: ['final'] },
    ];
    await db
      .insertInto('accounts')
      .values({
        username: 'h01.kiemtra',
        password_hash: 'x',
        display_name: 'Kiểm tra viên LĐLĐ Thành phố An Lạc',
        role: 'auditor',
        unit_id: 'AL-H01',
      })
      .execute();
    const trained = ['tinh.canbo', 'h01.canbo', 'cs.h01.canbo', 'h01.kiemtra'];

    await db
      .insertInto('registrations')
      .values(registered.map((unitId) => ({ year: 2027, unit_id: unitId, member_id: null })))
      .execute();
    for (const m of movements) {
      const { id } = await db
        .insertInto('movements')
        .values({
          launching_unit_id: m.unit,
          name: 'Lao động giỏi, Lao động sáng tạo',
          target_group: 'Đoàn viên, người lao động',
          starts_on: m.startsOn,
          ends_on: m.finalReview,
          criteria: JSON.stringify([{ name: 'Năng suất', maxScore: 100 }]),
          interim_reviews: JSON.stringify([]),
          final_review: m.finalReview,
          status: 'active',
          launched_by: 'test',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      for (const [i, kind] of m.reviews.entries())
        await db
          .insertInto('movement_reviews')
          .values({
            movement_id: id,
            kind,
            held_on: kind === 'final' ? m.finalReview : `2027-06-${String(10 + i).padStart(2, '0')}`,
            results: JSON.stringify([]),
            summary: kind === 'final' ? 'Tổng kết phong trào' : 'Sơ kết 6 tháng',
            recorded_by: 'test',
          })
          .execute();
    }
    const accountIds = await db
      .selectFrom('accounts')
      .select(['id', 'username'])
      .where('username', 'in', trained)
      .execute();
    await db
      .insertInto('officer_trainings')
      .values(
        accountIds.map((a) => ({
          account_id: a.id,
          year: 2027,
          course: 'Tập huấn nghiệp vụ thi đua, khen thưởng 2027',
          held_on: '2027-03-20',
          recorded_by: 'tinh.canbo',
        })),
      )
      .execute();

    // Counted on 5 January 2028 (in Vietnam): every 2027 final review date but one is past.
    const figures = await prefilledFigures(db, { year: 2027, openedAt: '2028-01-05T03:00:00.000Z' });

    const { level, subtree } = await tree();
    const accounts = await db.selectFrom('accounts').select(['username', 'unit_id', 'role']).execute();
    const of2027 = movements.filter((m) => m.startsOn.startsWith('2027'));
    const planned = (u: string) => registered.includes(u) || of2027.some((m) => m.unit === u);
    for (const unit of ['AL', 'AL-H01', 'AL-H02', 'AL-N01', lastOfH01, h02[0] ?? '']) {
      const inside = subtree(unit);
      const uppers = [...inside].filter((u) => level.get(u) === 'district' || level.get(u) === 'sector');
      const bases = [...inside].filter((u) => level.get(u) === 'base');
      const launched = of2027.filter((m) => inside.has(m.unit));
      const past = launched.filter((m) => m.finalReview < '2028-01-05');
      const officers = accounts.filter(
        (a) => inside.has(a.unit_id) && officerRolesByLevel[level.get(a.unit_id) ?? 'tld'].includes(a.role),
      );
      const expected = {
        upperUnions: uppers.length,
        upperUnionsWithPlan: uppers.filter(planned).length,
        baseUnions: bases.length,
        baseUnionsWithPlan: bases.filter(planned).length,
        movementsLaunched: launched.length,
        movementsReviewed: launched.filter((m) => m.reviews.length > 0).length,
        movementsFinalReviewed: launched.filter((m) => m.reviews.includes('final')).length,
        movementsPastFinalReview: past.length,
        movementsPastFinalReviewReviewed: past.filter((m) => m.reviews.length > 0).length,
        officers: officers.length,
        officersTrained: officers.filter((a) => trained.includes(a.username)).length,
      };
      expect({ unit, plan: figures.get(unit)?.plan }).toEqual({ unit, plan: expected });
      const share = (value: number, of: number) => (of === 0 ? null : value / of);
      expect(figures.get(unit)?.indicators).toEqual({
        upperUnionsWithPlan: {
          value: expected.upperUnionsWithPlan,
          of: expected.upperUnions,
          share: share(expected.upperUnionsWithPlan, expected.upperUnions),
          target: 1,
        },
        baseUnionsWithPlan: {
          value: expected.baseUnionsWithPlan,
          of: expected.baseUnions,
          share: share(expected.baseUnionsWithPlan, expected.baseUnions),
          target: 0.85,
        },
        movementsReviewed: {
          value: expected.movementsPastFinalReviewReviewed,
          of: expected.movementsPastFinalReview,
          share: share(expected.movementsPastFinalReviewReviewed, expected.movementsPastFinalReview),
          target: 1,
        },
        officersTrained: {
          value: expected.officersTrained,
          of: expected.officers,
          share: share(expected.officersTrained, expected.officers),
          target: 1,
        },
      });
    }
    // The same answers, spelled out for one district: 20 registered base unions and the one that launched its own.
    expect(figures.get('AL-H01')?.indicators.baseUnionsWithPlan).toMatchObject({ value: 21, of: 25 });
    expect(figures.get('AL-H01')?.plan).toMatchObject({
      upperUnionsWithPlan: 1,
      movementsLaunched: 3,
      movementsPastFinalReview: 2,
      movementsPastFinalReviewReviewed: 1,
    });
    expect(figures.get('AL')?.indicators.upperUnionsWithPlan).toMatchObject({ value: 2, of: 12 });

    // Counted as things stood before any of it was recorded: none of it shows.
    const earlier = await prefilledFigures(db, { year: 2027, openedAt: before.toISOString() });
    expect(earlier.get('AL')?.plan).toMatchObject({
      upperUnionsWithPlan: 0,
      baseUnionsWithPlan: 0,
      movementsLaunched: 0,
      officersTrained: 0,
    });
  });

  it('show the demo’s trainings: most officers trained this year, not all', async () => {
    const figures = await prefilledFigures(env.db, { year: 2026, openedAt: new Date().toISOString() });
    const { level } = await tree();
    const accounts = await env.db.selectFrom('accounts').select(['username', 'unit_id', 'role']).execute();
    const officers = accounts.filter((a) =>
      officerRolesByLevel[level.get(a.unit_id) ?? 'tld'].includes(a.role),
    );
    const trainedInDemo = new Set(
      generateProvince()
        .trainings.filter((t) => t.year === 2026)
        .map((t) => t.username),
    );
    const trained = officers.filter((a) => trainedInDemo.has(a.username)).length;
    expect(figures.get('AL')?.indicators.officersTrained).toEqual({
      value: trained,
      of: officers.length,
      share: trained / officers.length,
      target: 1,
    });
    expect(trained).toBeGreaterThan(0);
    expect(trained).toBeLessThan(officers.length);
    // Every base union registered for the year in the demo.
    expect(figures.get('AL')?.indicators.baseUnionsWithPlan).toMatchObject({ value: 300, of: 300, share: 1 });
  });
});
