/**
 * A unit's report for a period as the upper levels read it: its pre-filled figures (already rolled up over its
 * subtree when the period opened), its notes and corrections, and the state of the reports owed to it and below it
 * (tổng hợp báo cáo). Shared by the consolidation, the exports and the dashboard.
 */
import type { Kysely } from 'kysely';
import type { Database, UnitLevel } from '../db/schema.js';
import { subtreeOf } from '../db/units.js';
import {
  correctableFigures,
  correctedFigures,
  emptyPlanCounts,
  periodName,
  planIndicators,
  type Corrections,
  type ReportFigures,
} from '../domain/report.js';

export type ReportStatus = 'due' | 'submitted' | 'overdue';

/** What a report row's content holds: the figures as pre-filled, the unit's notes and its corrections. */
export interface ReportContent {
  figures: ReportFigures | null;
  notes: string;
  corrections: Corrections;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/**
 * The content of a stored report. Reports of periods opened before the plan indicators existed have figures without
 * them: they read as zero of zero (no share), not as a missing field.
 */
export function reportContentOf(raw: unknown): ReportContent {
  const content = isRecord(raw) ? raw : {};
  const corrections: Corrections = {};
  if (isRecord(content.corrections))
    for (const name of correctableFigures) {
      const value = content.corrections[name];
      if (typeof value === 'number') corrections[name] = value;
    }
  let figures: ReportFigures | null = null;
  if (isRecord(content.figures)) {
    const stored = content.figures as unknown as ReportFigures;
    figures = isRecord(content.figures.plan)
      ? stored
      : { ...stored, plan: emptyPlanCounts(), indicators: planIndicators(emptyPlanCounts()) };
  }
  return { figures, notes: typeof content.notes === 'string' ? content.notes : '', corrections };
}

export interface ChildReport {
  unitId: string;
  unitName: string;
  level: UnitLevel;
  status: ReportStatus;
  submittedAt: string | null;
  notes: string;
  corrections: Corrections;
}

export interface Consolidation {
  period: {
    id: string;
    kind: 'halfYear' | 'year';
    year: number;
    /** In Vietnamese, e.g. "6 tháng đầu năm 2026". */
    name: string;
    openedAt: string;
    dueAt: string;
    status: 'open' | 'closed';
  };
  unit: { id: string; name: string; level: UnitLevel; upperUnitId: string };
  report: ReportContent & { status: ReportStatus; submittedAt: string | null; version: number };
  /** The figures as the unit reports them: pre-filled, with its corrections applied. */
  reportedFigures: ReportFigures | null;
  /** Reports owed by the units below this one (not its own), by status. */
  subtree: Record<ReportStatus, number> & { total: number };
  /** The reports owed directly to this unit. */
  children: ChildReport[];
}

/** The reports of some units for a period, by unit, with each unit's name and level. */
export async function reportsOfUnits(db: Kysely<Database>, periodId: string, unitIds: readonly string[]) {
  if (unitIds.length === 0) return [];
  return db
    .selectFrom('reports')
    .innerJoin('units', 'units.id', 'reports.unit_id')
    .select([
      'reports.unit_id',
      'reports.upper_unit_id',
      'reports.status',
      'reports.submitted_at',
      'reports.content',
      'units.name',
      'units.level',
    ])
    .where('reports.period_id', '=', periodId)
    .where('reports.unit_id', 'in', unitIds)
    .orderBy('reports.unit_id')
    .execute();
}

/** The unit's report for the period with the state of those below it; undefined when the unit owes none. */
export async function loadConsolidation(
  db: Kysely<Database>,
  periodId: string,
  unitId: string,
): Promise<Consolidation | undefined> {
  const own = await db
    .selectFrom('reports')
    .innerJoin('reporting_periods', 'reporting_periods.id', 'reports.period_id')
    .innerJoin('units', 'units.id', 'reports.unit_id')
    .select([
      'reporting_periods.id as period_id',
      'reporting_periods.kind',
      'reporting_periods.year',
      'reporting_periods.opened_at',
      'reporting_periods.due_at',
      'reporting_periods.status as period_status',
      'units.name',
      'units.level',
      'reports.upper_unit_id',
      'reports.status',
      'reports.submitted_at',
      'reports.content',
      'reports.version',
    ])
    .where('reports.period_id', '=', periodId)
    .where('reports.unit_id', '=', unitId)
    .executeTakeFirst();
  if (own === undefined) return undefined;
  const below = [...(await subtreeOf(db, unitId))].filter((id) => id !== unitId);
  const rows = await reportsOfUnits(db, periodId, below);
  const subtree = { due: 0, submitted: 0, overdue: 0, total: rows.length };
  for (const r of rows) subtree[r.status]++;
  const content = reportContentOf(own.content);
  return {
    period: {
      id: own.period_id,
      kind: own.kind,
      year: own.year,
      name: periodName(own.kind, own.year),
      openedAt: own.opened_at.toISOString(),
      dueAt: own.due_at.toISOString(),
      status: own.period_status,
    },
    unit: { id: unitId, name: own.name, level: own.level, upperUnitId: own.upper_unit_id },
    report: {
      ...content,
      status: own.status,
      submittedAt: own.submitted_at?.toISOString() ?? null,
      version: own.version,
    },
    reportedFigures: content.figures === null ? null : correctedFigures(content.figures, content.corrections),
    subtree,
    children: rows
      .filter((r) => r.upper_unit_id === unitId)
      .map((r) => {
        const child = reportContentOf(r.content);
        return {
          unitId: r.unit_id,
          unitName: r.name,
          level: r.level,
          status: r.status,
          submittedAt: r.submitted_at?.toISOString() ?? null,
          notes: child.notes,
          corrections: child.corrections,
        };
      }),
  };
}
