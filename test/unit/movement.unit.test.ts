import { describe, expect, it } from '@jest/globals';
import {
  alreadyRecorded,
  overlapping,
  planProblems,
  plannedReviews,
  ranked,
  reminderAt,
  reviewProblems,
  type MovementPlan,
} from '../../domain/movement.js';
import { vietnamDay } from '../../domain/deadlines.js';
import { DomainError } from '../../domain/errors.js';
import {
  decide,
  evolve,
  initialState,
  type MovementEvent,
  type MovementLaunched,
  type MovementReviewState,
  type RecordReview,
} from '../../domain/movement-review.js';

const plan: MovementPlan = {
  name: 'Lao động giỏi, Lao động sáng tạo',
  targetGroup: 'Công nhân, lao động các doanh nghiệp',
  startsOn: '2027-01-01',
  endsOn: '2027-12-31',
  criteria: [
    { name: 'Năng suất lao động', maxScore: 40 },
    { name: 'Sáng kiến, cải tiến', maxScore: 30 },
  ],
  interimReviews: ['2027-06-30'],
  finalReview: '2027-12-15',
};

describe('a movement’s plan', () => {
  it('holds together: dates in order, concrete criteria with scores, reviews inside the period', () => {
    expect(planProblems(plan)).toEqual([]);
    expect(planProblems({ ...plan, endsOn: '2026-12-31' }).map((p) => p.field)).toEqual(['endsOn']);
    expect(planProblems({ ...plan, criteria: [] }).map((p) => p.field)).toEqual(['criteria']);
    expect(planProblems({ ...plan, criteria: [{ name: '', maxScore: 0 }] }).map((p) => p.field)).toEqual([
      'criteria/0/name',
      'criteria/0/maxScore',
    ]);
    expect(planProblems({ ...plan, interimReviews: ['2028-01-10'] }).map((p) => p.field)).toEqual([
      'interimReviews/0',
    ]);
    expect(planProblems({ ...plan, startsOn: '1/1/2027' }).map((p) => p.field)).toEqual(['startsOn']);
  });

  it('finds the active movements whose periods overlap, and only those', () => {
    const existing = [
      {
        id: 'a',
        name: 'Xanh - Sạch - Đẹp',
        startsOn: '2026-07-01',
        endsOn: '2027-03-31',
        status: 'active' as const,
      },
      {
        id: 'b',
        name: 'Giỏi việc nước, đảm việc nhà',
        startsOn: '2026-01-01',
        endsOn: '2026-12-31',
        status: 'active' as const,
      },
      {
        id: 'c',
        name: 'Năng suất cao hơn',
        startsOn: '2027-05-01',
        endsOn: '2027-08-31',
        status: 'closed' as const,
      },
      {
        id: 'd',
        name: 'Tham mưu giỏi, phục vụ tốt',
        startsOn: '2027-12-31',
        endsOn: '2028-06-30',
        status: 'active' as const,
      },
    ];
    expect(overlapping(plan, existing).map((m) => m.id)).toEqual(['a', 'd']);
  });
});

describe('a movement’s reviews', () => {
  const reviewPlan = {
    criteria: [
      { name: 'Năng suất', maxScore: 60 },
      { name: 'An toàn', maxScore: 40 },
    ],
    interimReviews: ['2027-06-30', '2027-03-31', '2027-06-30'],
    finalReview: '2027-12-15',
  };
  const scope = new Set(['CS0001', 'CS0002']);
  const sheet = (unitId: string, a: number, b: number) => ({
    unitId,
    scores: { 'Năng suất': a, 'An toàn': b },
  });

  it('lists the planned reviews in date order, once each, the final one last', () => {
    expect(plannedReviews(reviewPlan)).toEqual([
      { kind: 'interim', on: '2027-03-31' },
      { kind: 'interim', on: '2027-06-30' },
      { kind: 'final', on: '2027-12-15' },
    ]);
  });

  it('reminds at 08:00 Vietnam time the given days before', () => {
    expect(new Date(reminderAt({ kind: 'interim', on: '2027-06-30' }, 7)).toISOString()).toBe(
      '2027-06-23T01:00:00.000Z',
    );
    expect(vietnamDay(Date.parse('2027-06-29T17:30:00Z'))).toBe('2027-06-30');
    expect(vietnamDay(Date.parse('2027-06-29T16:59:59Z'))).toBe('2027-06-29');
  });

  it('accepts scores of units in scope on every criterion within its scale, once the review is held', () => {
    const review = { kind: 'interim' as const, on: '2027-06-30', results: [sheet('CS0001', 60, 0)] };
    expect(reviewProblems(reviewPlan, scope, review, '2027-06-30')).toEqual([]);
    expect(reviewProblems(reviewPlan, scope, review, '2027-06-29').map((p) => p.field)).toEqual(['on']);
  });

  it('names each problem of a review', () => {
    const problems = reviewProblems(
      reviewPlan,
      scope,
      {
        kind: 'interim',
        on: '2027-07-01',
        results: [
          sheet('CS0001', 61, 10),
          sheet('CS0001', 1, 1),
          { unitId: 'CS0009', scores: { 'Năng suất': 1, 'Sáng kiến': 3 } },
        ],
      },
      '2027-12-31',
    );
    expect(problems.map((p) => p.field)).toEqual([
      'on',
      'results/0/scores',
      'results/1/unitId',
      'results/2/unitId',
      'results/2/scores',
      'results/2/scores',
    ]);
    expect(problems[1]?.problem).toContain('from 0 to 60');
    expect(problems[4]?.problem).toContain('no score on “An toàn”');
    expect(problems[5]?.problem).toContain('“Sáng kiến” is not one of the criteria');
    expect(
      reviewProblems(reviewPlan, scope, { kind: 'final', on: '2027-12-15', results: [] }, '2027-12-31'),
    ).toEqual([
      { field: 'results', problem: expect.stringContaining('at least one unit') as unknown as string },
    ]);
  });

  it('records each planned review once; nothing after the final one', () => {
    const interim = { kind: 'interim' as const, on: '2027-06-30' };
    expect(alreadyRecorded([], interim)).toBeNull();
    expect(alreadyRecorded([interim], interim)).toContain('already recorded');
    expect(alreadyRecorded([{ kind: 'final', on: '2027-12-15' }], interim)).toContain('closed');
  });

  it('ranks units by their total, ties by unit', () => {
    expect(ranked([sheet('CS0002', 30, 20), sheet('CS0003', 50, 10), sheet('CS0001', 40, 20)])).toEqual([
      { ...sheet('CS0001', 40, 20), total: 60 },
      { ...sheet('CS0003', 50, 10), total: 60 },
      { ...sheet('CS0002', 30, 20), total: 50 },
    ]);
  });
});

// Given the events so far, when an officer records a review, then this event, or this refusal. No I/O.
describe('the movement review decider', () => {
  const launched: MovementLaunched = {
    type: 'MovementLaunched',
    launchingUnit: { id: 'AL-H01', level: 'district' },
    plan: {
      criteria: [
        { name: 'Năng suất', maxScore: 60 },
        { name: 'An toàn', maxScore: 40 },
      ],
      interimReviews: ['2027-06-30'],
      finalReview: '2027-12-15',
    },
    scopeUnitIds: ['CS0001', 'CS0002'],
  };
  const officer = { id: 'h01.canbo', role: 'district_officer' as const, unitId: 'AL-H01' };
  const interim: RecordReview = {
    type: 'recordReview',
    actor: officer,
    kind: 'interim',
    on: '2027-06-30',
    summary: 'Sơ kết 6 tháng',
    results: [
      { unitId: 'CS0001', scores: { 'Năng suất': 50, 'An toàn': 30 } },
      { unitId: 'CS0002', scores: { 'Năng suất': 55, 'An toàn': 38 } },
    ],
    // 09:00 in Vietnam the day after the interim review.
    at: '2027-07-01T02:00:00.000Z',
  };
  const final: RecordReview = { ...interim, kind: 'final', on: '2027-12-15', at: '2027-12-16T02:00:00.000Z' };

  const given = (...events: MovementEvent[]): MovementReviewState => events.reduce(evolve, initialState());
  /** The events a command decides in a state: what recording it would write. */
  const recorded = (state: MovementReviewState, command: RecordReview): MovementEvent[] =>
    decide(command, state);
  function refusal(state: MovementReviewState, command: RecordReview): DomainError {
    try {
      decide(command, state);
    } catch (err) {
      if (err instanceof DomainError) return err;
      throw err;
    }
    throw new Error('the command was accepted');
  }

  it('given a launched movement, when its officer records a held interim review, then it is recorded, ranked', () => {
    expect(recorded(given(launched), interim)).toEqual([
      {
        type: 'MovementReviewRecorded',
        kind: 'interim',
        on: '2027-06-30',
        results: [
          { unitId: 'CS0002', scores: { 'Năng suất': 55, 'An toàn': 38 }, total: 93 },
          { unitId: 'CS0001', scores: { 'Năng suất': 50, 'An toàn': 30 }, total: 80 },
        ],
        summary: 'Sơ kết 6 tháng',
        recordedBy: 'h01.canbo',
        recordedAt: '2027-07-01T02:00:00.000Z',
      },
    ]);
  });

  it('given a movement not yet written, when a review comes, then it is refused as not found', () => {
    expect(refusal(given(), interim).code).toBe('NotFound');
  });

  it('given a launched movement, when another unit or a role that does not run movements records, then it is refused', () => {
    const state = given(launched);
    expect(refusal(state, { ...interim, actor: { ...officer, unitId: 'AL-H02' } }).code).toBe('WrongUnit');
    expect(refusal(state, { ...interim, actor: { ...officer, role: 'auditor' } }).code).toBe('WrongRole');
    expect(refusal(state, { ...interim, actor: { ...officer, role: 'system' } }).code).toBe('WrongRole');
  });

  it('given a launched movement, when a review is not held yet or scores out of scale, then each field is named', () => {
    const state = given(launched);
    const early = refusal(state, { ...interim, at: '2027-06-29T02:00:00.000Z' });
    expect(early.code).toBe('InvalidReview');
    expect(early.details).toEqual({ problems: [expect.objectContaining({ field: 'on' })] });
    const tooHigh = refusal(state, {
      ...interim,
      results: [{ unitId: 'CS0001', scores: { 'Năng suất': 61, 'An toàn': 0 } }],
    });
    expect(tooHigh.message).toContain('from 0 to 60');
    expect(tooHigh.details).toEqual({ problems: [expect.objectContaining({ field: 'results/0/scores' })] });
  });

  it('given the interim review recorded, when it is recorded again, then it is refused as already there', () => {
    const state = given(launched, ...recorded(given(launched), interim));
    expect(state).toMatchObject({ status: 'active', recorded: [{ kind: 'interim', on: '2027-06-30' }] });
    expect(refusal(state, interim).code).toBe('AlreadyExists');
  });

  it('given the final review recorded, then the movement is closed and nothing more is recorded', () => {
    const state = given(launched, ...recorded(given(launched), final));
    expect(state.status).toBe('closed');
    const after = refusal(state, interim);
    expect(after.code).toBe('AlreadyExists');
    expect(after.message).toContain('closed');
  });
});
