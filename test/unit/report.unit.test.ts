import { describe, expect, it } from '@jest/globals';
import {
  assertReportReader,
  assertReportWriter,
  correctedFigures,
  correctionProblems,
  emptyCounts,
  figuresOf,
  hasPlan,
  indicator,
  isPastFinalReview,
  ownPlanCounts,
  planTargets,
  rollUpReports,
  type UnitCounts,
  type UnitPlanFacts,
} from '../../domain/report.js';
import { vietnamDay } from '../../domain/deadlines.js';

const facts = (over: Partial<UnitPlanFacts>): UnitPlanFacts => ({
  level: 'base',
  launched: [],
  registered: false,
  accounts: [],
  ...over,
});

describe('the yearly plan indicators (seed 004 II)', () => {
  it('count a unit as having a plan when it launched a movement in the year or registered for one', () => {
    expect(hasPlan(facts({}))).toBe(false);
    expect(hasPlan(facts({ registered: true }))).toBe(true);
    expect(
      hasPlan(facts({ launched: [{ finalReview: '2026-12-15', reviewed: false, finalReviewed: false }] })),
    ).toBe(true);
  });

  it('count upper-level and base unions apart, and neither the province nor the TLĐ', () => {
    const counted = (level: UnitPlanFacts['level']) =>
      ownPlanCounts(facts({ level, registered: true }), '2026-07-01');
    expect(counted('district')).toMatchObject({ upperUnions: 1, upperUnionsWithPlan: 1, baseUnions: 0 });
    expect(counted('sector')).toMatchObject({ upperUnions: 1, upperUnionsWithPlan: 1, baseUnions: 0 });
    expect(counted('base')).toMatchObject({ upperUnions: 0, baseUnions: 1, baseUnionsWithPlan: 1 });
    expect(counted('province')).toMatchObject({ upperUnions: 0, baseUnions: 0 });
    expect(ownPlanCounts(facts({ level: 'base' }), '2026-07-01')).toMatchObject({
      baseUnions: 1,
      baseUnionsWithPlan: 0,
    });
  });

  it('judge reviews only of movements whose final review day is over by the counting day', () => {
    expect(isPastFinalReview('2026-06-30', '2026-07-01')).toBe(true);
    expect(isPastFinalReview('2026-07-01', '2026-07-01')).toBe(false);
    const counts = ownPlanCounts(
      facts({
        level: 'district',
        launched: [
          { finalReview: '2026-06-15', reviewed: true, finalReviewed: true },
          { finalReview: '2026-06-20', reviewed: false, finalReviewed: false },
          { finalReview: '2026-12-15', reviewed: true, finalReviewed: false },
          { finalReview: '2026-12-20', reviewed: false, finalReviewed: false },
        ],
      }),
      '2026-07-01',
    );
    expect(counts).toMatchObject({
      movementsLaunched: 4,
      movementsReviewed: 2,
      movementsFinalReviewed: 1,
      movementsPastFinalReview: 2,
      movementsPastFinalReviewReviewed: 1,
    });
    expect(figuresOf({ ...emptyCounts(), plan: counts }).indicators.movementsReviewed).toEqual({
      value: 1,
      of: 2,
      share: 0.5,
      target: 1,
    });
  });

  it('count as officers only the roles that work nominations at the unit’s level: not auditors, not admins', () => {
    const counts = ownPlanCounts(
      facts({
        level: 'district',
        accounts: [
          { role: 'district_officer', trained: true },
          { role: 'district_head', trained: false },
          { role: 'auditor', trained: true },
          { role: 'admin', trained: false },
          // A base role on a district's account does not do the district's work.
          { role: 'base_officer', trained: true },
        ],
      }),
      '2026-07-01',
    );
    expect(counts).toMatchObject({ officers: 2, officersTrained: 1 });
  });

  it('roll the counts up the tree and weigh them against 100%, 85%, 100%, 100%', () => {
    const own = new Map<string, UnitCounts>();
    const withPlan = (level: UnitPlanFacts['level'], planned: boolean, trained = 0, untrained = 0) => ({
      ...emptyCounts(),
      plan: ownPlanCounts(
        facts({
          level,
          registered: planned,
          accounts: [
            ...Array.from({ length: trained }, () => ({ role: 'base_officer' as const, trained: true })),
            ...Array.from({ length: untrained }, () => ({ role: 'base_officer' as const, trained: false })),
          ],
        }),
        '2026-07-01',
      ),
    });
    own.set('D1', withPlan('district', true));
    own.set('D2', withPlan('district', false));
    own.set('B1', withPlan('base', true, 1, 0));
    own.set('B2', withPlan('base', true, 1, 1));
    own.set('B3', withPlan('base', false, 0, 1));
    const figures = rollUpReports(
      [
        { id: 'P', parentId: null },
        { id: 'D1', parentId: 'P' },
        { id: 'D2', parentId: 'P' },
        { id: 'B1', parentId: 'D1' },
        { id: 'B2', parentId: 'D1' },
        { id: 'B3', parentId: 'D2' },
      ],
      own,
    );
    expect(figures.get('P')?.indicators).toEqual({
      upperUnionsWithPlan: { value: 1, of: 2, share: 0.5, target: 1 },
      baseUnionsWithPlan: { value: 2, of: 3, share: 2 / 3, target: 0.85 },
      movementsReviewed: { value: 0, of: 0, share: null, target: 1 },
      officersTrained: { value: 2, of: 4, share: 0.5, target: 1 },
    });
    expect(figures.get('D1')?.indicators.baseUnionsWithPlan).toEqual({
      value: 2,
      of: 2,
      share: 1,
      target: planTargets.baseUnionsWithPlan,
    });
    expect(figures.get('B3')?.plan).toMatchObject({ baseUnions: 1, baseUnionsWithPlan: 0, officers: 1 });
  });

  it('give no share when there is nothing to count', () => {
    expect(indicator(0, 0, 1)).toEqual({ value: 0, of: 0, share: null, target: 1 });
    expect(indicator(17, 20, 0.85).share).toBeCloseTo(0.85);
  });

  it('count the days in Vietnam, seven hours ahead of UTC', () => {
    expect(vietnamDay('2026-06-30T16:59:59Z')).toBe('2026-06-30');
    expect(vietnamDay('2026-06-30T17:00:00Z')).toBe('2026-07-01');
  });
});

describe('a unit’s corrections to its pre-filled figures', () => {
  const prefilled = figuresOf({
    ...emptyCounts(),
    individualsCommended: 10,
    directWorkersOrNonLeaders: 6,
    nonLeaders: 5,
    plan: { ...emptyCounts().plan, officers: 4, officersTrained: 2, baseUnions: 20, baseUnionsWithPlan: 15 },
  });

  it('recompute the shares from the corrected counts and leave the pre-filled figures as they were', () => {
    const reported = correctedFigures(prefilled, { officersTrained: 4, baseUnionsWithPlan: 18 });
    expect(reported.indicators.officersTrained).toEqual({ value: 4, of: 4, share: 1, target: 1 });
    expect(reported.indicators.baseUnionsWithPlan.share).toBeCloseTo(0.9);
    expect(reported.directWorkerShare).toBeCloseTo(0.6);
    expect(prefilled.indicators.officersTrained.value).toBe(2);
    expect(prefilled.plan.baseUnionsWithPlan).toBe(15);
  });

  it('refuse a part larger than its whole, naming the figure the unit changed', () => {
    expect(correctionProblems(prefilled, { officersTrained: 4 })).toEqual([]);
    expect(correctionProblems(prefilled, { officersTrained: 5 })).toEqual([
      { figure: 'officersTrained', problem: 'officersTrained (5) cannot exceed officers (4)' },
    ]);
    expect(correctionProblems(prefilled, { officers: 1 }).map((p) => p.figure)).toEqual(['officers']);
    expect(correctionProblems(prefilled, { nonLeaders: 7 }).map((p) => p.figure)).toEqual(['nonLeaders']);
    expect(correctionProblems(prefilled, { officers: 1.5 })).toEqual([
      { figure: 'officers', problem: 'a count is a whole number, zero or more' },
    ]);
  });
});

describe('who writes and who reads reports', () => {
  const refusal = (check: () => void): string | undefined => {
    try {
      check();
      return undefined;
    } catch (err) {
      return (err as { code?: string }).code;
    }
  };

  it('let only the unit’s officers write its report; auditors only read', () => {
    expect(refusal(() => assertReportWriter({ role: 'base_officer', unitLevel: 'base' }))).toBeUndefined();
    expect(
      refusal(() => assertReportWriter({ role: 'district_head', unitLevel: 'district' })),
    ).toBeUndefined();
    expect(refusal(() => assertReportWriter({ role: 'auditor', unitLevel: 'province' }))).toBe('ReadOnly');
    expect(refusal(() => assertReportWriter({ role: 'admin', unitLevel: 'province' }))).toBe('WrongRole');
    expect(refusal(() => assertReportWriter({ role: 'district_officer', unitLevel: 'base' }))).toBe(
      'WrongRole',
    );
  });

  it('let officers, heads and auditors read consolidated reports, and nobody else', () => {
    expect(
      refusal(() => assertReportReader({ role: 'board_member', unitLevel: 'province' })),
    ).toBeUndefined();
    expect(refusal(() => assertReportReader({ role: 'auditor', unitLevel: 'district' }))).toBeUndefined();
    expect(refusal(() => assertReportReader({ role: 'admin', unitLevel: 'province' }))).toBe('WrongRole');
    expect(refusal(() => assertReportReader({ role: 'base_officer', unitLevel: 'district' }))).toBe(
      'WrongRole',
    );
  });
});
