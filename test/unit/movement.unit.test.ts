import { describe, expect, it } from '@jest/globals';
import { overlapping, planProblems, type MovementPlan } from '../../domain/movement.js';

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
