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
