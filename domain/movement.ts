/**
 * Emulation movements (phong trào thi đua): a unit launches one for a scope of units, a target group and a period,
 * with concrete, scored criteria (seed 003: "thang điểm") and review dates (sơ kết, tổng kết). Pure rules: a plan's
 * own consistency, and the movements it would run alongside — seed 004 III.1 asks not to launch many at once.
 */

export interface Criterion {
  name: string;
  maxScore: number;
}

export interface MovementPlan {
  name: string;
  targetGroup: string;
  /** Calendar dates, YYYY-MM-DD. */
  startsOn: string;
  endsOn: string;
  criteria: Criterion[];
  interimReviews: string[];
  finalReview: string;
}

export interface ExistingMovement {
  id: string;
  name: string;
  startsOn: string;
  endsOn: string;
  status: 'active' | 'closed';
}

const isDate = (d: string): boolean =>
  /^\d{4}-\d{2}-\d{2}$/.test(d) && !Number.isNaN(Date.parse(`${d}T00:00:00Z`));

/** What is wrong with a plan, each as a field and a reason; empty when it holds together. */
export function planProblems(plan: MovementPlan): { field: string; problem: string }[] {
  const problems: { field: string; problem: string }[] = [];
  for (const [field, value] of [
    ['startsOn', plan.startsOn],
    ['endsOn', plan.endsOn],
    ['finalReview', plan.finalReview],
  ] as const) {
    if (!isDate(value)) problems.push({ field, problem: `not a date (YYYY-MM-DD): ${value}` });
  }
  if (problems.length > 0) return problems;
  if (plan.endsOn < plan.startsOn)
    problems.push({ field: 'endsOn', problem: 'the movement ends before it starts' });
  if (plan.criteria.length === 0)
    problems.push({
      field: 'criteria',
      problem: 'criteria must be concrete: at least one, with its scoring scale',
    });
  plan.criteria.forEach((c, i) => {
    if (c.name.trim() === '')
      problems.push({ field: `criteria/${i}/name`, problem: 'a criterion needs a name' });
    if (!(c.maxScore > 0))
      problems.push({
        field: `criteria/${i}/maxScore`,
        problem: 'a criterion needs a positive maximum score',
      });
  });
  plan.interimReviews.forEach((d, i) => {
    if (!isDate(d)) problems.push({ field: `interimReviews/${i}`, problem: `not a date (YYYY-MM-DD): ${d}` });
    else if (d < plan.startsOn || d > plan.finalReview)
      problems.push({
        field: `interimReviews/${i}`,
        problem: 'an interim review falls between the start and the final review',
      });
  });
  if (plan.finalReview < plan.startsOn)
    problems.push({ field: 'finalReview', problem: 'the final review comes after the start' });
  return problems;
}

/** The launching unit's active movements whose periods overlap the new one's. */
export function overlapping(plan: MovementPlan, existing: ExistingMovement[]): ExistingMovement[] {
  return existing.filter(
    (m) => m.status === 'active' && m.startsOn <= plan.endsOn && plan.startsOn <= m.endsOn,
  );
}
