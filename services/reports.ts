/**
 * Reading periodic reports (báo cáo định kỳ): the reports of the viewer's unit and its subtree, one of them, the
 * consolidation of a subtree (tổng hợp) and its exports. Editing and submitting are in services/report-editing.ts.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { subtreeOf } from '../db/units.js';
import { DomainError } from '../domain/errors.js';
import { assertReportReader } from '../domain/report.js';
import type { Viewer } from '../domain/viewer.js';
import {
  loadConsolidation,
  reportContentOf,
  type Consolidation,
  type ReportContent,
  type ReportStatus,
} from '../reports/consolidation.js';
import { exportFileName, loadReportExport, renderReportPdf, renderReportXlsx } from '../reports/export.js';
import type { ServiceDeps } from './deps.js';
import { notVisible, unitInView } from './visibility.js';

/** A unit's report for a period, as its officers and the upper levels read it. */
export interface ReportView {
  periodId: string;
  kind: 'halfYear' | 'year';
  year: number;
  dueAt: string;
  unitId: string;
  upperUnitId: string;
  status: ReportStatus;
  submittedAt: string | null;
  /** Bumped by every save and the submission: what a writer sends back to say which version it saw. */
  version: number;
  content: ReportContent;
}

/** Reports with their period's kind, year, deadline and state. */
export const reportsQuery = (db: Kysely<Database>) =>
  db
    .selectFrom('reports')
    .innerJoin('reporting_periods', 'reporting_periods.id', 'reports.period_id')
    .select([
      'reports.period_id',
      'kind',
      'year',
      'due_at',
      'unit_id',
      'upper_unit_id',
      'reports.status',
      'submitted_at',
      'content',
      'version',
      'reporting_periods.status as period_status',
    ]);

export type ReportRow = Awaited<ReturnType<ReturnType<typeof reportsQuery>['executeTakeFirstOrThrow']>>;

export function reportView(r: ReportRow): ReportView {
  return {
    periodId: r.period_id,
    kind: r.kind,
    year: r.year,
    dueAt: r.due_at.toISOString(),
    unitId: r.unit_id,
    upperUnitId: r.upper_unit_id,
    status: r.status,
    submittedAt: r.submitted_at?.toISOString() ?? null,
    version: r.version,
    content: reportContentOf(r.content),
  };
}

export const noReport = (unitId: string, periodId: string): DomainError =>
  notVisible(`A report of unit ${unitId} for period ${periodId}`, { unitId, periodId });

/** Reports of the viewer's unit and its subtree, newest period first. */
export async function listReports(
  deps: ServiceDeps,
  viewer: Viewer,
  filter: { periodId?: string; status?: ReportStatus },
): Promise<ReportView[]> {
  const subtree = [...(await subtreeOf(deps.db, viewer.unitId))];
  let query = reportsQuery(deps.db).where('unit_id', 'in', subtree);
  if (filter.periodId !== undefined) query = query.where('reports.period_id', '=', filter.periodId);
  if (filter.status !== undefined) query = query.where('reports.status', '=', filter.status);
  const rows = await query.orderBy('opened_at', 'desc').orderBy('unit_id').limit(1000).execute();
  return rows.map(reportView);
}

/** One report of a period: the viewer's unit's, or one in its subtree. */
export async function reportOf(
  deps: ServiceDeps,
  viewer: Viewer,
  periodId: string,
  unitId?: string,
): Promise<ReportView> {
  const unit = await unitInView(deps.db, viewer, unitId);
  const report = await reportsQuery(deps.db)
    .where('period_id', '=', periodId)
    .where('unit_id', '=', unit)
    .executeTakeFirst();
  if (report === undefined) throw noReport(unit, periodId);
  return reportView(report);
}

/**
 * The consolidated report of a unit's subtree: the viewer's own unit or one in its subtree. A base union has no unit
 * reporting to it, so nothing to consolidate.
 */
export async function consolidatedReport(
  deps: ServiceDeps,
  viewer: Viewer,
  periodId: string,
  unitId?: string,
): Promise<Consolidation> {
  assertReportReader(viewer);
  const unit = await unitInView(deps.db, viewer, unitId);
  const consolidation = await loadConsolidation(deps.db, periodId, unit);
  if (consolidation === undefined) throw noReport(unit, periodId);
  if (consolidation.unit.level === 'base')
    throw new DomainError(
      'NothingToConsolidate',
      `${consolidation.unit.name} is a base union: no unit reports to it, so it has no consolidated report. ` +
        'Its own report is at GET /api/reports/{periodId}.',
      { unitId: unit, periodId },
    );
  return consolidation;
}

export type ReportFormat = 'xlsx' | 'pdf';

const renderers = { xlsx: renderReportXlsx, pdf: renderReportPdf } satisfies Record<ReportFormat, unknown>;

/** A report of the viewer's unit or one in its subtree as a file: a workbook or a printable document. */
export async function exportReport(
  deps: ServiceDeps,
  viewer: Viewer,
  periodId: string,
  format: ReportFormat,
  unitId?: string,
): Promise<{ fileName: string; file: Buffer }> {
  assertReportReader(viewer);
  const unit = await unitInView(deps.db, viewer, unitId);
  const exported = await loadReportExport(deps.db, periodId, unit);
  if (exported === undefined) throw noReport(unit, periodId);
  return { fileName: exportFileName(periodId, unit, format), file: await renderers[format](exported) };
}
