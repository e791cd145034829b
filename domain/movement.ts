/**
 * Emulation movements (phong trào thi đua): a unit launches one for a scope of units, a target group and a period,
 * with concrete, scored criteria (seed 003: "thang điểm") and review dates (sơ kết, tổng kết). Pure rules: a plan's
 * own consistency, and the movements it would run alongside — seed 004 III.1 asks not to launch many at once.
 */
import { DomainError } from './errors.js';
import type { UnitLevel } from './organisation.js';
import { officerRoles, type Role } from './roles.js';

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

export type ReviewKind = 'interim' | 'final';

/** A review on the movement's calendar: an interim review (sơ kết) or the final review (tổng kết), by its date. */
export interface PlannedReview {
  kind: ReviewKind;
  on: string;
}

/** One unit's scores on the movement's criteria, as entered at a review. */
export interface ScoreSheet {
  unitId: string;
  scores: Record<string, number>;
}

export interface ScoredUnit extends ScoreSheet {
  total: number;
}

/** The reviews in the order they fall; the final one last. */
export function plannedReviews(plan: Pick<MovementPlan, 'interimReviews' | 'finalReview'>): PlannedReview[] {
  return [
    ...[...new Set(plan.interimReviews)].sort().map((on): PlannedReview => ({ kind: 'interim', on })),
    { kind: 'final', on: plan.finalReview },
  ];
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * When the units in scope are reminded of a review: at 08:00 Vietnam time (UTC+7, no daylight saving) the given
 * number of days before it — the start of a working morning, not midnight.
 */
export function reminderAt(review: PlannedReview, daysBefore: number): number {
  return Date.parse(`${review.on}T08:00:00+07:00`) - daysBefore * DAY_MS;
}

/** The end of a review's day in Vietnam time: a reminder after it would be about a review already past. */
export const endOfReviewDay = (review: PlannedReview): number => Date.parse(`${review.on}T23:59:59+07:00`);

export interface ReviewToRecord {
  kind: ReviewKind;
  on: string;
  results: ScoreSheet[];
}

/**
 * Why a review cannot be recorded any more, or null: each planned review is recorded once, and the final one closes
 * the movement, so nothing comes after it.
 */
export function alreadyRecorded(recorded: readonly PlannedReview[], review: PlannedReview): string | null {
  if (recorded.some((p) => p.kind === 'final'))
    return 'The final review is recorded: the movement is closed.';
  if (recorded.some((p) => p.kind === review.kind && p.on === review.on))
    return `The ${review.kind} review of ${review.on} is already recorded.`;
  return null;
}

/**
 * What is wrong with a review's record, each as a field and a reason: it must be one of the planned reviews, score
 * only units in the movement's scope, each once, on exactly the plan's criteria, each score between 0 and the
 * criterion's maximum.
 */
export function reviewProblems(
  plan: Pick<MovementPlan, 'criteria' | 'interimReviews' | 'finalReview'>,
  scope: ReadonlySet<string>,
  review: ReviewToRecord,
  /** Today in Vietnam (YYYY-MM-DD): a review's results are recorded once it has been held, not before. */
  today: string,
): { field: string; problem: string }[] {
  const problems: { field: string; problem: string }[] = [];
  if (review.on > today)
    problems.push({
      field: 'on',
      problem: `the review is held on ${review.on}; its results are recorded from that day on`,
    });
  const planned = plannedReviews(plan).some((p) => p.kind === review.kind && p.on === review.on);
  if (!planned)
    problems.push({
      field: 'on',
      problem: `no ${review.kind} review is planned on ${review.on}; planned: ${plannedReviews(plan)
        .map((p) => `${p.kind} ${p.on}`)
        .join(', ')}`,
    });
  if (review.results.length === 0)
    problems.push({ field: 'results', problem: 'a review records the scores of at least one unit' });
  const seen = new Set<string>();
  const criteria = new Map(plan.criteria.map((c) => [c.name, c.maxScore]));
  review.results.forEach((sheet, i) => {
    if (!scope.has(sheet.unitId))
      problems.push({
        field: `results/${i}/unitId`,
        problem: `${sheet.unitId} is not in the movement's scope`,
      });
    if (seen.has(sheet.unitId))
      problems.push({ field: `results/${i}/unitId`, problem: `${sheet.unitId} is scored twice` });
    seen.add(sheet.unitId);
    for (const [name, max] of criteria) {
      const score = sheet.scores[name];
      if (score === undefined)
        problems.push({ field: `results/${i}/scores`, problem: `no score on “${name}”` });
      else if (!(score >= 0 && score <= max))
        problems.push({
          field: `results/${i}/scores`,
          problem: `the score on “${name}” is ${score}; the scale runs from 0 to ${max}`,
        });
    }
    for (const name of Object.keys(sheet.scores))
      if (!criteria.has(name))
        problems.push({ field: `results/${i}/scores`, problem: `“${name}” is not one of the criteria` });
  });
  return problems;
}

/** Each unit's total on the scale, highest first (ties by unit id, so the order is stable). */
export function ranked(results: readonly ScoreSheet[]): ScoredUnit[] {
  return results
    .map((r) => ({ ...r, total: Object.values(r.scores).reduce((sum, s) => sum + s, 0) }))
    .sort((a, b) => b.total - a.total || a.unitId.localeCompare(b.unitId));
}

/** What an officer does with a unit's movements; each is the work of that unit's own officers. */
export type MovementWork = 'launch' | 'recordReview' | 'proposeNominations';

const work: Record<MovementWork, string> = {
  launch: 'launch movements for',
  recordReview: 'record the reviews of the movements of',
  proposeNominations: 'propose nominations from the final reviews of the movements of',
};

/**
 * Who runs a unit's movements — launches them, records their reviews (sơ kết, tổng kết) and proposes nominations from
 * the final review: the officers of that very unit, as they work its nominations. Not another unit, not an auditor or
 * an administrator. Throws the refusal; registering for a movement is open to every unit in its scope.
 */
export function requireMovementOfficer(
  who: { role: Role | 'system'; unitId: string },
  unit: { id: string; level: UnitLevel },
  what: MovementWork,
): void {
  if (who.unitId !== unit.id)
    throw new DomainError(
      'WrongUnit',
      `Only the officers of ${unit.id} ${work[what]} it, not ${who.unitId}.`,
      {
        expectedUnit: unit.id,
        actorUnit: who.unitId,
      },
    );
  const allowed = officerRoles(unit.level);
  if (who.role === 'system' || !allowed.includes(who.role))
    throw new DomainError(
      'WrongRole',
      `The role ${who.role} does not ${work[what]} the unit: it takes ${allowed.join(' or ')}.`,
      { role: who.role, allowed },
    );
}
