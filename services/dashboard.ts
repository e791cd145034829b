/**
 * The dashboard of a unit (the province, or a district and below): the latest reporting period's reports due,
 * submitted and overdue in its subtree; the year's indicators against their targets; its movements and how far their
 * reviews have got. Everything is counted live from the same data the reports are pre-filled from
 * (services/report-figures.ts), so that the dashboard and the next report agree.
 */
import { sql } from 'kysely';
import { inSubtree } from '../db/units.js';
import { vietnamDay } from '../domain/deadlines.js';
import { plannedReviews } from '../domain/movement.js';
import { emptyCounts, figuresOf, indicator, type Indicator, type PlanIndicators } from '../domain/report.js';
import type { Viewer } from '../domain/viewer.js';
import type { ReportStatus } from '../reports/consolidation.js';
import type { ServiceDeps } from './deps.js';
import { prefilledFigures } from './report-figures.js';
import { unitInView } from './visibility.js';

export interface MovementProgress {
  id: string;
  name: string;
  launchingUnitId: string;
  status: string;
  startsOn: string;
  endsOn: string;
  reviewsPlanned: number;
  reviewsRecorded: number;
  /** The next planned review not yet recorded. */
  nextReview: { kind: string; on: string } | null;
  /** Planned reviews whose day has passed without results. */
  reviewsLate: number;
}

export interface Dashboard {
  unit: { id: string; name: string; level: string };
  year: number;
  /** Units directly below, to look at one of them instead. */
  children: { id: string; name: string }[];
  period: { id: string; kind: string; year: number; dueAt: string; status: string } | null;
  reports: Record<ReportStatus, number> & {
    /** The reports owed directly to this unit. */
    owedToUnit: { unitId: string; unitName: string; status: ReportStatus; submittedAt: string | null }[];
  };
  indicators: PlanIndicators & { directWorkers: Indicator; nonLeaders: Indicator };
  movements: MovementProgress[];
}

/** The dashboard of the viewer's unit, or of one in its subtree, for a year (the current one in Vietnam by default). */
export async function dashboardOf(
  deps: ServiceDeps,
  viewer: Viewer,
  ask: { unitId?: string; year?: number },
): Promise<Dashboard> {
  const unitId = await unitInView(deps.db, viewer, ask.unitId);
  const today = vietnamDay(Date.now());
  const year = ask.year ?? Number(today.slice(0, 4));
  const [unit, children, period, figures, movements] = await Promise.all([
    deps.db
      .selectFrom('units')
      .select(['id', 'name', 'level'])
      .where('id', '=', unitId)
      .executeTakeFirstOrThrow(),
    deps.db
      .selectFrom('units')
      .select(['id', 'name'])
      .where('parent_id', '=', unitId)
      .orderBy('id')
      .execute(),
    deps.db
      .selectFrom('reporting_periods')
      .select(['id', 'kind', 'year', 'due_at', 'status'])
      .orderBy('opened_at', 'desc')
      .limit(1)
      .executeTakeFirst(),
    prefilledFigures(deps.db, { year, openedAt: new Date().toISOString() }, unitId),
    movementsOf(deps, unitId, year, today),
  ]);
  const reports =
    period === undefined
      ? { counts: new Map<string, number>(), owed: [] }
      : await reportsBelow(deps, unitId, period.id);
  const count = (status: ReportStatus) => reports.counts.get(status) ?? 0;
  const own = figures.get(unitId) ?? figuresOf(emptyCounts());
  return {
    unit,
    year,
    children,
    period:
      period === undefined
        ? null
        : {
            id: period.id,
            kind: period.kind,
            year: period.year,
            dueAt: period.due_at.toISOString(),
            status: period.status,
          },
    reports: {
      due: count('due'),
      submitted: count('submitted'),
      overdue: count('overdue'),
      owedToUnit: reports.owed.map((r) => ({
        unitId: r.unit_id,
        unitName: r.name,
        status: r.status,
        submittedAt: r.submitted_at?.toISOString() ?? null,
      })),
    },
    indicators: {
      ...own.indicators,
      directWorkers: indicator(
        own.directWorkersOrNonLeaders,
        own.individualsCommended,
        own.directWorkerFloor,
      ),
      nonLeaders: indicator(own.nonLeaders, own.individualsCommended, own.nonLeaderFloor),
    },
    movements,
  };
}

/**
 * The period's reports of the units below `unitId`: how many are in each state (counted in SQL over the subtree), and
 * the ones owed directly to the unit.
 */
async function reportsBelow(
  deps: ServiceDeps,
  unitId: string,
  periodId: string,
): Promise<{
  counts: Map<string, number>;
  owed: { unit_id: string; name: string; status: ReportStatus; submitted_at: Date | null }[];
}> {
  const [counts, owed] = await Promise.all([
    deps.db
      .selectFrom('reports')
      .select((eb) => ['status', eb.fn.countAll<string>().as('n')])
      .where('period_id', '=', periodId)
      .where('unit_id', '!=', unitId)
      .where(inSubtree('unit_id', unitId))
      .groupBy('status')
      .execute(),
    deps.db
      .selectFrom('reports')
      .innerJoin('units', 'units.id', 'reports.unit_id')
      .select(['reports.unit_id', 'units.name', 'reports.status', 'reports.submitted_at'])
      .where('reports.period_id', '=', periodId)
      .where('reports.upper_unit_id', '=', unitId)
      .orderBy('reports.unit_id')
      .execute(),
  ]);
  return {
    counts: new Map(counts.map((c) => [c.status, Number(c.n)])),
    owed,
  };
}

/** The movements launched in the subtree that run in the year, newest first, with how far their reviews have got. */
async function movementsOf(
  deps: ServiceDeps,
  rootUnitId: string,
  year: number,
  today: string,
): Promise<MovementProgress[]> {
  const rows = await deps.db
    .selectFrom('movements')
    .select([
      'id',
      'name',
      'launching_unit_id',
      'status',
      sql<string>`to_char(starts_on, 'YYYY-MM-DD')`.as('starts_on'),
      sql<string>`to_char(ends_on, 'YYYY-MM-DD')`.as('ends_on'),
      'interim_reviews',
      sql<string>`to_char(final_review, 'YYYY-MM-DD')`.as('final_review'),
      sql<
        { kind: string; on: string }[]
      >`coalesce((select json_agg(json_build_object('kind', r.kind, 'on', to_char(r.held_on, 'YYYY-MM-DD'))) from movement_reviews r where r.movement_id = movements.id), '[]')`.as(
        'recorded',
      ),
    ])
    .where(inSubtree('launching_unit_id', rootUnitId))
    .where(sql<boolean>`extract(year from starts_on) <= ${year} and extract(year from ends_on) >= ${year}`)
    .orderBy('starts_on', 'desc')
    .limit(100)
    .execute();
  return rows.map((m) => {
    const planned = plannedReviews({
      interimReviews: m.interim_reviews as string[],
      finalReview: m.final_review,
    });
    const isRecorded = (p: { kind: string; on: string }) =>
      m.recorded.some((r) => r.kind === p.kind && r.on === p.on);
    const open = planned.filter((p) => !isRecorded(p));
    return {
      id: m.id,
      name: m.name,
      launchingUnitId: m.launching_unit_id,
      status: m.status,
      startsOn: m.starts_on,
      endsOn: m.ends_on,
      reviewsPlanned: planned.length,
      reviewsRecorded: planned.length - open.length,
      nextReview: m.status === 'closed' ? null : (open[0] ?? null),
      reviewsLate: m.status === 'closed' ? 0 : open.filter((p) => p.on < today).length,
    };
  });
}
