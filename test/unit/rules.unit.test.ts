import { describe, expect, it } from '@jest/globals';
import { addWorkingDays, reminderTime, stageDeadline, defaultTiming } from '../../domain/deadlines.js';
import { decisionYear, formatDecisionNumber } from '../../domain/decision-number.js';
import { DomainError } from '../../domain/errors.js';
import { routeFor } from '../../domain/organisation.js';
import { combineFindings, evaluateRule, ruleApplies, type QuotaRule } from '../../domain/quota.js';
import { reviewNomination, type ReviewInput } from '../../domain/review.js';
import { dossier, forms, leader, units, worker } from '../support/fixtures.js';

describe('routes from the unit tree', () => {
  it('goes from the base union up to the level that decides the form', () => {
    expect(routeFor(units, 'CS0001', 'district').map((s) => s.unitId)).toEqual(['CS0001', 'AL-H01']);
    expect(routeFor(units, 'CS0001', 'province').map((s) => s.unitId)).toEqual(['CS0001', 'AL-H01', 'AL']);
    expect(routeFor(units, 'CS0001', 'tld').map((s) => s.unitId)).toEqual(['CS0001', 'AL-H01', 'AL', 'TLD']);
  });
  it('treats a sector union as the upper union that decides certificates', () => {
    expect(routeFor(units, 'CS0002', 'district')).toEqual([
      { unitId: 'CS0002', level: 'base' },
      { unitId: 'AL-N01', level: 'sector' },
    ]);
  });
  it('refuses an unknown unit, and a form no unit above decides', () => {
    expect(() => routeFor(units, 'CS9999', 'district')).toThrow(DomainError);
    expect(() => routeFor(units, 'AL', 'district')).toThrow(/No unit at level district above AL/);
  });
});

describe('working-day deadlines in Vietnam time', () => {
  it('skips weekends', () => {
    // Friday 09:00 in Vietnam + 1 working day = Monday 09:00.
    expect(addWorkingDays('2026-03-06T02:00:00.000Z', 1)).toBe('2026-03-09T02:00:00.000Z');
    // Monday + 10 working days = Monday two weeks on.
    expect(addWorkingDays('2026-03-02T02:00:00.000Z', 10)).toBe('2026-03-16T02:00:00.000Z');
    expect(addWorkingDays('2026-03-16T02:00:00.000Z', -2)).toBe('2026-03-12T02:00:00.000Z');
  });
  it('counts the weekday in Vietnam, not in UTC', () => {
    // Friday 23:00 UTC is already Saturday 06:00 in Vietnam: +1 working day lands on Monday.
    expect(addWorkingDays('2026-03-06T23:00:00.000Z', 1)).toBe('2026-03-08T23:00:00.000Z'); // Monday 06:00 in Vietnam
  });
  it('puts the reminder before the deadline and shortens both on the fast track', () => {
    const deadline = stageDeadline('2026-03-02T02:00:00.000Z', defaultTiming, false);
    expect(reminderTime(deadline, defaultTiming, false)).toBe('2026-03-12T02:00:00.000Z');
    expect(stageDeadline('2026-03-02T02:00:00.000Z', defaultTiming, true)).toBe('2026-03-05T02:00:00.000Z');
  });
});

describe('decision numbers', () => {
  it('are formatted per unit and restart with the calendar year in Vietnam', () => {
    expect(formatDecisionNumber(15, 'LĐLĐ')).toBe('15/QĐ-LĐLĐ');
    expect(decisionYear('2026-12-31T18:00:00.000Z')).toBe(2027); // 01:00 on 1 January in Vietnam
    expect(decisionYear('2026-12-31T16:00:00.000Z')).toBe(2026);
  });
});

describe('review', () => {
  const input: ReviewInput = {
    form: forms.provinceDiploma,
    nominee: worker,
    dossier,
    year: 2026,
    facts: { registered: true, awardHistory: [] },
  };

  it('passes a complete dossier with a carried vote', () => {
    expect(reviewNomination(input)).toMatchObject({ passed: true });
  });

  it('names each failed check', () => {
    const result = reviewNomination({
      ...input,
      form: {
        ...forms.provinceDiploma,
        eligibility: { registrationRequired: true, prerequisite: { form: 'GK-LDLD', consecutiveYears: 2 } },
      },
      dossier: { ...dossier, documents: ['coverLetter'], councilVote: { present: 10, inFavour: 4 } },
      facts: {
        registered: false,
        awardHistory: [
          { formCode: 'GK-LDLD', decidingLevel: 'district', year: 2025, theme: null, nominationId: 'n1' },
          { formCode: 'X', decidingLevel: 'province', year: 2026, theme: null, nominationId: 'n2' },
        ],
      },
    });
    expect(result.passed).toBe(false);
    const failed = Object.fromEntries(result.checks.filter((c) => !c.passed).map((c) => [c.check, c.detail]));
    expect(Object.keys(failed).sort()).toEqual([
      'councilVote',
      'documents',
      'noDoubleAward',
      'prerequisite',
      'registration',
    ]);
    expect(failed.documents).toBe('thiếu: Biên bản họp Hội đồng');
    expect(failed.prerequisite).toBe('chưa có GK-LDLD năm 2024');
    expect(failed.noDoubleAward).toContain('n2');
  });

  it('compares the vote strictly for "more than half" and inclusively for "at least"', () => {
    const half = { ...dossier, councilVote: { present: 10, inFavour: 5 } };
    expect(reviewNomination({ ...input, dossier: half }).passed).toBe(true);
    const moreThanHalf = { ...forms.provinceDiploma, eligibility: { voteComparison: 'moreThan' as const } };
    expect(reviewNomination({ ...input, form: moreThanHalf, dossier: half }).passed).toBe(false);
  });

  /** An initiative award with two benefit tiers. */
  const creative = {
    ...forms.tldDiploma,
    eligibility: {
      benefitTiers: [
        {
          who: 'nonLeaderUpToCollege' as const,
          minBenefitVnd: 80_000_000,
          orOverThreeYearsVnd: 120_000_000,
        },
        { who: 'leader' as const, minBenefitVnd: 200_000_000 },
      ],
    },
  };

  it('applies the benefit-value tier of the nominee for an initiative award', () => {
    const withInitiative = (benefitVnd: number, threeYearBenefitVnd?: number) => ({
      ...dossier,
      initiative: {
        benefitVnd,
        education: 'upToCollege' as const,
        ...(threeYearBenefitVnd !== undefined ? { threeYearBenefitVnd } : {}),
      },
    });
    expect(reviewNomination({ ...input, form: creative, dossier: withInitiative(80_000_000) }).passed).toBe(
      true,
    );
    expect(
      reviewNomination({ ...input, form: creative, dossier: withInitiative(70_000_000, 125_000_000) }).passed,
    ).toBe(true);
    expect(reviewNomination({ ...input, form: creative, dossier: withInitiative(70_000_000) }).passed).toBe(
      false,
    );
    expect(
      reviewNomination({ ...input, form: creative, nominee: leader, dossier: withInitiative(150_000_000) })
        .passed,
    ).toBe(false);
  });

  it('says what each check found in Vietnamese, with Vietnamese numbers and money', () => {
    const result = reviewNomination({
      ...input,
      form: creative,
      dossier: {
        ...dossier,
        councilVote: { present: 1200, inFavour: 1000 },
        initiative: { benefitVnd: 70_000_000, education: 'upToCollege' as const },
      },
    });
    const detail = Object.fromEntries(result.checks.map((c) => [c.check, c.detail]));
    expect(detail.councilVote).toMatch(
      /^1\.000\/1\.200 phiếu đồng ý \(83,3%\), cần (trên|ít nhất) \d+(,\d)?%$/,
    );
    expect(detail.benefitValue).toBe(
      'làm lợi 70.000.000 đồng, mức cho người không giữ chức vụ lãnh đạo, trình độ cao đẳng trở xuống cần ' +
        '80.000.000 đồng (hoặc 120.000.000 đồng trong 3 năm liền)',
    );
    expect(detail.noDoubleAward).toBe('chưa được khen cùng thành tích ở cấp này');
  });
});

describe('quota rules', () => {
  const floor: QuotaRule = {
    id: 'f',
    kind: 'minShare',
    description: 'floor',
    scope: 'decidingUnitYear',
    category: 'directWorker',
    share: 0.15,
    enforcement: 'warn',
  };
  const cap: QuotaRule = {
    id: 'c',
    kind: 'maxCount',
    description: 'cap',
    scope: 'decidingUnitYearTheme',
    count: 4,
    enforcement: 'block',
  };
  const ceiling: QuotaRule = {
    id: 'm',
    kind: 'maxShare',
    description: 'ceiling',
    scope: 'decidingUnitYear',
    category: 'nonLeader',
    share: 0.9,
    enforcement: 'block',
  };

  it('a floor warns when approving a leader would bring the share under it, never for someone in the category', () => {
    expect(evaluateRule(floor, 'k', leader, { total: 6, inCategory: 1 })).toMatchObject({
      outcome: 'warn',
      after: { total: 7, inCategory: 1 },
    });
    expect(evaluateRule(floor, 'k', leader, { total: 5, inCategory: 1 }).outcome).toBe('ok'); // 1/6 = 16.7%
    expect(evaluateRule(floor, 'k', worker, { total: 50, inCategory: 0 }).outcome).toBe('ok');
  });

  it('a cap admits up to its count', () => {
    expect(evaluateRule(cap, 'k', worker, { total: 3, inCategory: 3 }).outcome).toBe('ok');
    expect(evaluateRule(cap, 'k', worker, { total: 4, inCategory: 4 })).toMatchObject({
      outcome: 'block',
      limit: 4,
    });
  });

  it('a ceiling on a share blocks when one more in the category would pass it', () => {
    expect(evaluateRule(ceiling, 'k', worker, { total: 9, inCategory: 9 }).outcome).toBe('block');
    expect(evaluateRule(ceiling, 'k', leader, { total: 9, inCategory: 9 }).outcome).toBe('ok');
  });

  it('the worst finding decides, and shares concern individuals only', () => {
    const findings = [
      evaluateRule(floor, 'a', leader, { total: 10, inCategory: 0 }),
      evaluateRule(cap, 'b', leader, { total: 4, inCategory: 4 }),
    ];
    expect(combineFindings(findings).outcome).toBe('block');
    expect(combineFindings([]).outcome).toBe('ok');
    const collective = { ...worker, kind: 'collective' as const, memberId: null };
    const context = { decidingLevel: 'province', submittingLevel: 'base', formCode: 'X' };
    expect(ruleApplies(floor, { ...context, nominee: collective })).toBe(false);
    expect(ruleApplies(cap, { ...context, nominee: collective })).toBe(true);
    expect(
      ruleApplies(
        { ...floor, appliesTo: { submittingLevels: ['base'] } },
        { ...context, submittingLevel: 'district', nominee: worker },
      ),
    ).toBe(false);
  });
});
