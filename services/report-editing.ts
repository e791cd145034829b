/**
 * Writing a unit's periodic report: its officers save a draft (notes, and corrections beside the pre-filled figures)
 * and submit it. Each write names the version the officer saw; a stale one is refused, so that two officers saving at
 * once cannot overwrite each other.
 */
import { DomainError } from '../domain/errors.js';
import {
  assertReportWriter,
  correctionProblems,
  emptyCounts,
  figuresOf,
  type Corrections,
} from '../domain/report.js';
import type { Viewer } from '../domain/viewer.js';
import { reportContentOf, type ReportContent } from '../reports/consolidation.js';
import type { ServiceDeps } from './deps.js';
import { noReport, reportsQuery, reportView, type ReportRow, type ReportView } from './reports.js';

/** What a write sends: the changes, and the version the officer saw (left out: whatever is current). */
interface Write<Changes> {
  periodId: string;
  expectedVersion?: number;
  changes: Changes;
}

/** Saves the draft of the viewer's unit's report: its notes and its corrections to the pre-filled figures. */
export async function saveReportDraft(
  deps: ServiceDeps,
  viewer: Viewer,
  write: Write<{ notes: string; corrections?: Corrections }>,
): Promise<ReportView> {
  assertReportWriter(viewer);
  const report = await ownReport(deps, viewer, write.periodId);
  const current = reportContentOf(report.content);
  const corrections = write.changes.corrections ?? {};
  const problems = correctionProblems(current.figures ?? figuresOf(emptyCounts()), corrections);
  if (problems.length > 0)
    throw new DomainError(
      'InconsistentCorrections',
      `The corrected figures do not hold together: ${problems.map((p) => p.problem).join('; ')}.`,
      { errors: problems.map((p) => ({ pointer: `/body/corrections/${p.figure}`, detail: p.problem })) },
    );
  return reportView(
    await writeReport(
      deps,
      report,
      write.expectedVersion,
      { figures: current.figures, notes: write.changes.notes, corrections },
      false,
    ),
  );
}

/** Submits the viewer's unit's report with its saved draft; notes sent here replace the draft's. */
export async function submitReport(
  deps: ServiceDeps,
  viewer: Viewer,
  write: Write<{ notes?: string }>,
): Promise<ReportView> {
  assertReportWriter(viewer);
  const report = await ownReport(deps, viewer, write.periodId);
  const current = reportContentOf(report.content);
  return reportView(
    await writeReport(
      deps,
      report,
      write.expectedVersion,
      { ...current, notes: write.changes.notes ?? current.notes },
      true,
    ),
  );
}

/** The viewer's unit's report for the period, for writing: none when it owes none. */
async function ownReport(deps: ServiceDeps, viewer: Viewer, periodId: string): Promise<ReportRow> {
  const report = await reportsQuery(deps.db)
    .where('period_id', '=', periodId)
    .where('unit_id', '=', viewer.unitId)
    .executeTakeFirst();
  if (report === undefined) throw noReport(viewer.unitId, periodId);
  return report;
}

const staleVersion = (expected: number, current: number): DomainError =>
  new DomainError(
    'StaleVersion',
    `The report changed since version ${expected} (it is now at version ${current}): reload it and apply your changes again.`,
    { currentVersion: current },
  );

const reportClosed = (report: { status: string; period_status: string }): DomainError =>
  new DomainError(
    'ReportClosed',
    report.status === 'submitted'
      ? 'This report was already submitted: it can no longer be changed.'
      : 'The period is closed: its reports can no longer be changed.',
  );

/**
 * Writes the report's new content if it is still the version the officer saw and still open: one conditional
 * update, so that two officers saving at once cannot both win.
 */
async function writeReport(
  deps: ServiceDeps,
  report: ReportRow,
  expected: number | undefined,
  content: ReportContent,
  submit: boolean,
): Promise<ReportRow> {
  if (report.period_status === 'closed' || report.status !== 'due') throw reportClosed(report);
  if (expected !== undefined && expected !== report.version) throw staleVersion(expected, report.version);
  const submittedAt = submit ? new Date() : null;
  const updated = await deps.db
    .updateTable('reports')
    .set((eb) => ({
      content: JSON.stringify(content),
      version: eb('version', '+', 1),
      ...(submittedAt !== null ? { status: 'submitted' as const, submitted_at: submittedAt } : {}),
    }))
    .where('period_id', '=', report.period_id)
    .where('unit_id', '=', report.unit_id)
    .where('status', '=', 'due')
    .where('version', '=', report.version)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('reporting_periods')
          .select('reporting_periods.id')
          .where('reporting_periods.id', '=', report.period_id)
          .where('reporting_periods.status', '=', 'open'),
      ),
    )
    .returning(['version', 'status', 'submitted_at'])
    .executeTakeFirst();
  if (updated === undefined) {
    // Someone else got there first: closed, or only changed.
    const now = await reportsQuery(deps.db)
      .where('period_id', '=', report.period_id)
      .where('unit_id', '=', report.unit_id)
      .executeTakeFirstOrThrow();
    if (now.period_status === 'closed' || now.status !== 'due') throw reportClosed(now);
    throw staleVersion(expected ?? report.version, now.version);
  }
  return { ...report, ...updated, content };
}
