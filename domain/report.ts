/**
 * The pre-filled figures of a unit's periodic report (báo cáo định kỳ): nominations by form and outcome, the
 * commended individuals' shares against their floors (15% direct workers, 70% non-leaders), and the yearly plan
 * indicators of seed 004 II (plans, reviewed movements, trained officers) against their targets, for the unit and
 * every unit below it. Pure: the reporting activity gathers per-unit facts, this counts them and rolls them up the
 * tree; the officer's corrections are checked and applied here too, and who may write and read reports.
 */
import { DomainError } from './errors.js';
import type { UnitLevel } from './organisation.js';
import { deciderRoles, officerRoles, type Role } from './roles.js';
import type { Viewer } from './viewer.js';

/** A period's name in Vietnamese, as reports and notices say it. */
export const periodName = (kind: 'halfYear' | 'year', year: number): string =>
  kind === 'halfYear' ? `6 tháng đầu năm ${year}` : `năm ${year}`;

/** Counts behind the yearly plan indicators (chỉ tiêu phấn đấu hằng năm, seed 004 II). */
export interface PlanCounts {
  /** Upper-level unions (district, sector) and those that have a plan for the year. */
  upperUnions: number;
  upperUnionsWithPlan: number;
  baseUnions: number;
  baseUnionsWithPlan: number;
  /** Movements launched that start in the year, those with at least one review (sơ kết or tổng kết), with a final one. */
  movementsLaunched: number;
  movementsReviewed: number;
  movementsFinalReviewed: number;
  /** Of the launched movements, those whose final review date has passed by the counting date, and of those the reviewed. */
  movementsPastFinalReview: number;
  movementsPastFinalReviewReviewed: number;
  /** Officer accounts doing emulation and commendation work, and those trained in the year. */
  officers: number;
  officersTrained: number;
}

export interface UnitCounts {
  /** Nominations by award form and outcome (status), e.g. { 'GK-LDLD': { approved: 3, rejected: 1 } }. */
  byForm: Record<string, Record<string, number>>;
  /** Approved individuals (not revoked). */
  individualsCommended: number;
  directWorkersOrNonLeaders: number;
  nonLeaders: number;
  /**
   * The bonus money (tiền thưởng) of the awards that stand, in đồng, at each decision's figures. Reports stored before
   * it was counted have none.
   */
  bonusVnd?: number;
  plan: PlanCounts;
}

/** One indicator against its target: `value` of `of`, their share (null when there is nothing to count). */
export interface Indicator {
  value: number;
  of: number;
  share: number | null;
  target: number;
}

export interface PlanIndicators {
  /** 100% of upper-level unions have a plan and launch the movements handed down. */
  upperUnionsWithPlan: Indicator;
  /** 85% of base unions do. */
  baseUnionsWithPlan: Indicator;
  /** 100% of launched movements are reviewed — among those whose final review date has passed. */
  movementsReviewed: Indicator;
  /** 100% of officers doing this work are trained. */
  officersTrained: Indicator;
}

export interface ReportFigures extends UnitCounts {
  directWorkerShare: number | null;
  directWorkerFloor: number;
  nonLeaderShare: number | null;
  nonLeaderFloor: number;
  indicators: PlanIndicators;
}

/** The targets of seed 004 II ("100% công đoàn cấp trên cơ sở và 85% công đoàn cơ sở …"). */
export const planTargets = {
  upperUnionsWithPlan: 1,
  baseUnionsWithPlan: 0.85,
  movementsReviewed: 1,
  officersTrained: 1,
} as const satisfies Record<keyof PlanIndicators, number>;

export type PlanTargets = Record<keyof PlanIndicators, number>;

export const emptyPlanCounts = (): PlanCounts => ({
  upperUnions: 0,
  upperUnionsWithPlan: 0,
  baseUnions: 0,
  baseUnionsWithPlan: 0,
  movementsLaunched: 0,
  movementsReviewed: 0,
  movementsFinalReviewed: 0,
  movementsPastFinalReview: 0,
  movementsPastFinalReviewReviewed: 0,
  officers: 0,
  officersTrained: 0,
});

export const emptyCounts = (): UnitCounts => ({
  byForm: {},
  individualsCommended: 0,
  directWorkersOrNonLeaders: 0,
  nonLeaders: 0,
  bonusVnd: 0,
  plan: emptyPlanCounts(),
});

export const indicator = (value: number, of: number, target: number): Indicator => ({
  value,
  of,
  share: of === 0 ? null : value / of,
  target,
});

/** A movement a unit launched in the year, as the plan indicators see it. */
export interface LaunchedMovement {
  /** The final review date (tổng kết), YYYY-MM-DD. */
  finalReview: string;
  /** At least one review (interim or final) was recorded. */
  reviewed: boolean;
  finalReviewed: boolean;
}

/** What one unit did in the year, before rolling up. */
export interface UnitPlanFacts {
  level: UnitLevel;
  /** Movements the unit launched that start in the year. */
  launched: LaunchedMovement[];
  /** The unit registered to compete in the year (a unit-level registration, đăng ký thi đua). */
  registered: boolean;
  /** The unit's accounts, with whether each was trained in the year. */
  accounts: { role: Role; trained: boolean }[];
}

/**
 * A unit has a plan for the year when it launched a movement starting in the year or registered (as a unit) to
 * compete in one: either shows it took up the movements of the year (seed 004 II.1, "xây dựng kế hoạch, tổ chức
 * phát động").
 */
export const hasPlan = (facts: Pick<UnitPlanFacts, 'launched' | 'registered'>): boolean =>
  facts.launched.length > 0 || facts.registered;

/**
 * The target asks that every movement be reviewed; one whose final review date is still ahead cannot have failed it
 * yet, so the indicator counts only movements whose final review date has passed by the counting date (the day the
 * period opens). The review day itself has not passed until it is over.
 */
export const isPastFinalReview = (finalReview: string, countedOn: string): boolean => finalReview < countedOn;

/**
 * A unit's own plan counts. Officers are the accounts whose role works nominations at the unit's level (cán bộ làm
 * công tác thi đua, khen thưởng): auditors, administrators and roles of another level are not counted.
 */
export function ownPlanCounts(facts: UnitPlanFacts, countedOn: string): PlanCounts {
  const counts = emptyPlanCounts();
  const planned = hasPlan(facts) ? 1 : 0;
  if (facts.level === 'district' || facts.level === 'sector') {
    counts.upperUnions = 1;
    counts.upperUnionsWithPlan = planned;
  } else if (facts.level === 'base') {
    counts.baseUnions = 1;
    counts.baseUnionsWithPlan = planned;
  }
  for (const m of facts.launched) {
    counts.movementsLaunched++;
    if (m.reviewed) counts.movementsReviewed++;
    if (m.finalReviewed) counts.movementsFinalReviewed++;
    if (isPastFinalReview(m.finalReview, countedOn)) {
      counts.movementsPastFinalReview++;
      if (m.reviewed) counts.movementsPastFinalReviewReviewed++;
    }
  }
  const working = officerRoles(facts.level);
  for (const a of facts.accounts) {
    if (!working.includes(a.role)) continue;
    counts.officers++;
    if (a.trained) counts.officersTrained++;
  }
  return counts;
}

function add(into: UnitCounts, from: UnitCounts): void {
  for (const [form, outcomes] of Object.entries(from.byForm)) {
    const target = (into.byForm[form] ??= {});
    for (const [outcome, n] of Object.entries(outcomes)) target[outcome] = (target[outcome] ?? 0) + n;
  }
  into.individualsCommended += from.individualsCommended;
  into.directWorkersOrNonLeaders += from.directWorkersOrNonLeaders;
  into.nonLeaders += from.nonLeaders;
  if (from.bonusVnd !== undefined) into.bonusVnd = (into.bonusVnd ?? 0) + from.bonusVnd;
  for (const key of Object.keys(from.plan) as (keyof PlanCounts)[]) into.plan[key] += from.plan[key];
}

/** The indicators of some counts against the targets. */
export function planIndicators(plan: PlanCounts, targets: PlanTargets = planTargets): PlanIndicators {
  return {
    upperUnionsWithPlan: indicator(plan.upperUnionsWithPlan, plan.upperUnions, targets.upperUnionsWithPlan),
    baseUnionsWithPlan: indicator(plan.baseUnionsWithPlan, plan.baseUnions, targets.baseUnionsWithPlan),
    movementsReviewed: indicator(
      plan.movementsPastFinalReviewReviewed,
      plan.movementsPastFinalReview,
      targets.movementsReviewed,
    ),
    officersTrained: indicator(plan.officersTrained, plan.officers, targets.officersTrained),
  };
}

export interface Floors {
  directWorker: number;
  nonLeader: number;
}

const defaultFloors: Floors = { directWorker: 0.15, nonLeader: 0.7 };

/** Shares and indicators of some counts: what a report shows of them. */
export function figuresOf(
  t: UnitCounts,
  floors: Floors = defaultFloors,
  targets: PlanTargets = planTargets,
): ReportFigures {
  return {
    ...t,
    directWorkerShare:
      t.individualsCommended === 0 ? null : t.directWorkersOrNonLeaders / t.individualsCommended,
    directWorkerFloor: floors.directWorker,
    nonLeaderShare: t.individualsCommended === 0 ? null : t.nonLeaders / t.individualsCommended,
    nonLeaderFloor: floors.nonLeader,
    indicators: planIndicators(t.plan, targets),
  };
}

/** Each unit's figures: its own counts plus those of every unit below it. */
export function rollUpReports(
  units: { id: string; parentId: string | null }[],
  own: ReadonlyMap<string, UnitCounts>,
  floors: Floors = defaultFloors,
  targets: PlanTargets = planTargets,
): Map<string, ReportFigures> {
  const children = new Map<string, string[]>();
  for (const u of units)
    if (u.parentId !== null) children.set(u.parentId, [...(children.get(u.parentId) ?? []), u.id]);
  const totals = new Map<string, UnitCounts>();
  const total = (id: string): UnitCounts => {
    const known = totals.get(id);
    if (known !== undefined) return known;
    const sum = emptyCounts();
    const mine = own.get(id);
    if (mine !== undefined) add(sum, mine);
    for (const child of children.get(id) ?? []) add(sum, total(child));
    totals.set(id, sum);
    return sum;
  };
  const result = new Map<string, ReportFigures>();
  for (const u of units) result.set(u.id, figuresOf(total(u.id), floors, targets));
  return result;
}

/** The counts a unit may correct where it knows better than the system (e.g. a training held outside it). */
export const correctableFigures = [
  'individualsCommended',
  'directWorkersOrNonLeaders',
  'nonLeaders',
  ...(Object.keys(emptyPlanCounts()) as (keyof PlanCounts)[]),
] as const;
export type CorrectableFigure =
  'individualsCommended' | 'directWorkersOrNonLeaders' | 'nonLeaders' | keyof PlanCounts;
export type Corrections = Partial<Record<CorrectableFigure, number>>;

/** Each part with the whole it cannot exceed. */
const partOf: [CorrectableFigure, CorrectableFigure][] = [
  ['directWorkersOrNonLeaders', 'individualsCommended'],
  ['nonLeaders', 'directWorkersOrNonLeaders'],
  ['upperUnionsWithPlan', 'upperUnions'],
  ['baseUnionsWithPlan', 'baseUnions'],
  ['movementsReviewed', 'movementsLaunched'],
  ['movementsFinalReviewed', 'movementsReviewed'],
  ['movementsPastFinalReview', 'movementsLaunched'],
  ['movementsPastFinalReviewReviewed', 'movementsPastFinalReview'],
  ['movementsPastFinalReviewReviewed', 'movementsReviewed'],
  ['officersTrained', 'officers'],
];

const countOf = (counts: UnitCounts, name: CorrectableFigure): number =>
  name === 'individualsCommended' || name === 'directWorkersOrNonLeaders' || name === 'nonLeaders'
    ? counts[name]
    : counts.plan[name];

/** The counts with the unit's corrections in place of the pre-filled ones. */
export function correctedCounts(counts: UnitCounts, corrections: Corrections): UnitCounts {
  const result: UnitCounts = { ...counts, plan: { ...counts.plan } };
  for (const name of correctableFigures) {
    const value = corrections[name];
    if (value === undefined) continue;
    if (name === 'individualsCommended' || name === 'directWorkersOrNonLeaders' || name === 'nonLeaders')
      result[name] = value;
    else result.plan[name] = value;
  }
  return result;
}

/** What is inconsistent in the corrected counts: a part larger than its whole, or a count that is not one. */
export function correctionProblems(
  counts: UnitCounts,
  corrections: Corrections,
): { figure: CorrectableFigure; problem: string }[] {
  const problems: { figure: CorrectableFigure; problem: string }[] = [];
  for (const name of correctableFigures) {
    const value = corrections[name];
    if (value !== undefined && !(Number.isInteger(value) && value >= 0))
      problems.push({ figure: name, problem: 'a count is a whole number, zero or more' });
  }
  if (problems.length > 0) return problems;
  const corrected = correctedCounts(counts, corrections);
  for (const [part, whole] of partOf) {
    // Only what the unit changed can be wrong: the pre-filled counts hold together by construction.
    if (corrections[part] === undefined && corrections[whole] === undefined) continue;
    if (countOf(corrected, part) > countOf(corrected, whole))
      problems.push({
        figure: corrections[part] !== undefined ? part : whole,
        problem: `${part} (${countOf(corrected, part)}) cannot exceed ${whole} (${countOf(corrected, whole)})`,
      });
  }
  return problems;
}

/** The figures as the unit reports them: the pre-filled counts with its corrections, and their shares recomputed. */
export function correctedFigures(figures: ReportFigures, corrections: Corrections): ReportFigures {
  return figuresOf(
    correctedCounts(figures, corrections),
    { directWorker: figures.directWorkerFloor, nonLeader: figures.nonLeaderFloor },
    {
      upperUnionsWithPlan: figures.indicators.upperUnionsWithPlan.target,
      baseUnionsWithPlan: figures.indicators.baseUnionsWithPlan.target,
      movementsReviewed: figures.indicators.movementsReviewed.target,
      officersTrained: figures.indicators.officersTrained.target,
    },
  );
}

/** Who is asking, as the report rules see them. */
type ReportViewer = Pick<Viewer, 'role' | 'unitLevel'>;

/** Only the unit's officers write its report; auditors and administrators read. */
export function assertReportWriter(viewer: ReportViewer): void {
  if (viewer.role === 'auditor')
    throw new DomainError('ReadOnly', 'Auditors read reports; they do not write them.');
  const writers = officerRoles(viewer.unitLevel);
  if (!writers.includes(viewer.role))
    throw new DomainError('WrongRole', `Only the unit’s officers (${writers.join(', ')}) write its report.`);
}

/** Consolidated reports and their exports are for the unit's officers, its head and the auditors. */
export function assertReportReader(viewer: ReportViewer): void {
  const readers = [...officerRoles(viewer.unitLevel), ...deciderRoles(viewer.unitLevel), 'auditor'];
  if (!readers.includes(viewer.role))
    throw new DomainError(
      'WrongRole',
      'Consolidated reports and their exports are for officers, heads and auditors.',
    );
}
