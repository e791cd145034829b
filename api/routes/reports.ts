import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Kysely } from 'kysely';
import { Type, type Static } from 'typebox';
import type { Database } from '../../db/schema.js';
import { correctionProblems, emptyCounts, figuresOf, type Corrections } from '../../domain/report.js';
import { deciderRoles, officerRoles } from '../../domain/roles.js';
import { loadConsolidation, reportContentOf, type ReportContent } from '../../reports/consolidation.js';
import {
  exportFileName,
  loadReportExport,
  renderReportPdf,
  renderReportXlsx,
  type ReportExport,
} from '../../reports/export.js';
import type { AppDeps } from '../app.js';
import { officerOf, requireOfficer, subtreeOf, type Officer } from '../auth.js';
import { notFound, ProblemDetails, ProblemError } from '../problem.js';
import {
  ConsolidationSchema,
  CorrectionsSchema,
  ReportSchema,
  ReportStatusSchema,
} from '../report-schemas.js';

/** Reports with their period's kind, year, deadline and state. */
const reportsQuery = (db: Kysely<Database>) =>
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

type ReportRow = Awaited<ReturnType<ReturnType<typeof reportsQuery>['executeTakeFirstOrThrow']>>;

function reportView(r: ReportRow): Static<typeof ReportSchema> {
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

const PeriodParams = Type.Object({ periodId: Type.String({ minLength: 1, maxLength: 200 }) });

const UnitQuery = Type.Object(
  {
    unitId: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 64,
        description: 'A unit in the caller’s subtree; the caller’s own unit when left out',
      }),
    ),
  },
  { additionalProperties: false },
);

const IfMatchHeaders = Type.Object({
  'if-match': Type.Optional(
    Type.String({
      maxLength: 40,
      description: 'The report version seen (its ETag); a stale one gets 412',
    }),
  ),
});

/** Parses If-Match: `"7"`, `W/"7"` or `7`. */
function expectedVersion(ifMatch: string | undefined): number | undefined {
  if (ifMatch === undefined) return undefined;
  const match = /^(?:W\/)?"?(\d+)"?$/.exec(ifMatch.trim());
  if (match?.[1] === undefined)
    throw new ProblemError(
      400,
      'invalid-if-match',
      'Invalid If-Match',
      'If-Match carries the report version, e.g. "3", as in its ETag.',
    );
  return Number(match[1]);
}

const staleVersion = (expected: number, current: number): ProblemError => {
  const problem = new ProblemError(
    412,
    'stale-version',
    'StaleVersion',
    `The report changed since version ${expected} (it is now at version ${current}): reload it and apply your changes again.`,
  );
  problem.extensions = { currentVersion: current };
  return problem;
};

const reportClosed = (report: { status: string; period_status: string }): ProblemError =>
  new ProblemError(
    409,
    'report-closed',
    'Report closed',
    report.status === 'submitted'
      ? 'This report was already submitted: it can no longer be changed.'
      : 'The period is closed: its reports can no longer be changed.',
  );

/** Only the unit's officers write its report; auditors and administrators read. */
function assertReportWriter(officer: Officer): void {
  if (officer.role === 'auditor')
    throw new ProblemError(
      403,
      'read-only',
      'Read-only role',
      'Auditors read reports; they do not write them.',
    );
  if (!officerRoles(officer.unitLevel).includes(officer.role))
    throw new ProblemError(
      403,
      'wrong-role',
      'Wrong role',
      `Only the unit’s officers (${officerRoles(officer.unitLevel).join(', ')}) write its report.`,
    );
}

/** Consolidated reports and exports are for the unit's officers, its head and the auditors. */
function assertReportReader(officer: Officer): void {
  const roles = new Set([...officerRoles(officer.unitLevel), ...deciderRoles(officer.unitLevel), 'auditor']);
  if (!roles.has(officer.role))
    throw new ProblemError(
      403,
      'wrong-role',
      'Wrong role',
      'Consolidated reports and their exports are for officers, heads and auditors.',
    );
}

/** The unit asked about: the caller's own, or one in its subtree (anything else does not exist for the caller). */
async function unitInView(
  db: Kysely<Database>,
  officer: Officer,
  unitId: string | undefined,
): Promise<string> {
  if (unitId === undefined || unitId === officer.unitId) return officer.unitId;
  if (!(await subtreeOf(db, officer.unitId)).has(unitId)) throw notFound(`Unit ${unitId}`);
  return unitId;
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const documentResponse = (contentType: string, description: string) => ({
  description,
  content: { [contentType]: { schema: Type.Unsafe<Buffer>(Type.String({ format: 'binary' })) } },
});

/** Periodic reports: what the caller's unit owes, what its subtree owes it, editing, submitting, compiling, exporting. */
export const reportRoutes =
  (deps: AppDeps): FastifyPluginAsyncTypebox =>
  async (app) => {
    const auth = requireOfficer(deps.db);

    /** The caller's unit's report for the period, for writing: 404 when it owes none. */
    const ownReport = async (officer: Officer, periodId: string): Promise<ReportRow> => {
      const report = await reportsQuery(deps.db)
        .where('period_id', '=', periodId)
        .where('unit_id', '=', officer.unitId)
        .executeTakeFirst();
      if (report === undefined) throw notFound(`A report of unit ${officer.unitId} for period ${periodId}`);
      return report;
    };

    /**
     * Writes the report's new content if it is still the version the officer saw and still open: one conditional
     * update, so that two officers saving at once cannot both win.
     */
    const writeReport = async (
      report: ReportRow,
      expected: number | undefined,
      content: ReportContent,
      submit: boolean,
    ): Promise<ReportRow> => {
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
        // Someone else got there first: closed (409) or only changed (412).
        const now = await reportsQuery(deps.db)
          .where('period_id', '=', report.period_id)
          .where('unit_id', '=', report.unit_id)
          .executeTakeFirstOrThrow();
        if (now.period_status === 'closed' || now.status !== 'due') throw reportClosed(now);
        throw staleVersion(expected ?? report.version, now.version);
      }
      return { ...report, ...updated, content };
    };

    app.get(
      '/api/reports',
      {
        onRequest: auth,
        schema: {
          summary: 'Reports of the caller’s unit and its subtree, newest period first',
          tags: ['reports'],
          querystring: Type.Object(
            {
              periodId: Type.Optional(Type.String({ maxLength: 200 })),
              status: Type.Optional(ReportStatusSchema),
            },
            { additionalProperties: false },
          ),
          response: { 200: Type.Object({ items: Type.Array(ReportSchema) }), 401: ProblemDetails },
        },
      },
      async (request) => {
        const officer = officerOf(request);
        const subtree = [...(await subtreeOf(deps.db, officer.unitId))];
        let query = reportsQuery(deps.db).where('unit_id', 'in', subtree);
        if (request.query.periodId !== undefined)
          query = query.where('reports.period_id', '=', request.query.periodId);
        if (request.query.status !== undefined)
          query = query.where('reports.status', '=', request.query.status);
        const rows = await query.orderBy('opened_at', 'desc').orderBy('unit_id').limit(1000).execute();
        return { items: rows.map(reportView) };
      },
    );

    app.get(
      '/api/reports/:periodId',
      {
        onRequest: auth,
        schema: {
          summary: 'One report of a period: the caller’s unit’s, or one in its subtree (with its ETag)',
          tags: ['reports'],
          params: PeriodParams,
          querystring: UnitQuery,
          response: { 200: ReportSchema, 401: ProblemDetails, 404: ProblemDetails },
        },
      },
      async (request, reply) => {
        const officer = officerOf(request);
        const unitId = await unitInView(deps.db, officer, request.query.unitId);
        const report = await reportsQuery(deps.db)
          .where('period_id', '=', request.params.periodId)
          .where('unit_id', '=', unitId)
          .executeTakeFirst();
        if (report === undefined)
          throw notFound(`A report of unit ${unitId} for period ${request.params.periodId}`);
        void reply.header('etag', `"${report.version}"`);
        return reportView(report);
      },
    );

    app.put(
      '/api/reports/:periodId',
      {
        onRequest: auth,
        schema: {
          summary:
            'Save the draft of the caller’s unit’s report: its notes and its corrections to the figures',
          description:
            'The pre-filled figures stay as they were; corrections are reported beside them. Send If-Match with the ' +
            'version seen (a stale one gets 412). A submitted report or a closed period cannot change (409).',
          tags: ['reports'],
          params: PeriodParams,
          headers: IfMatchHeaders,
          body: Type.Object(
            { notes: Type.String({ maxLength: 20_000 }), corrections: Type.Optional(CorrectionsSchema) },
            { additionalProperties: false },
          ),
          response: {
            200: ReportSchema,
            400: ProblemDetails,
            401: ProblemDetails,
            403: ProblemDetails,
            404: ProblemDetails,
            409: ProblemDetails,
            412: ProblemDetails,
            422: ProblemDetails,
          },
        },
      },
      async (request, reply) => {
        const officer = officerOf(request);
        assertReportWriter(officer);
        const expected = expectedVersion(request.headers['if-match']);
        const report = await ownReport(officer, request.params.periodId);
        const current = reportContentOf(report.content);
        const corrections: Corrections = request.body.corrections ?? {};
        const problems = correctionProblems(current.figures ?? figuresOf(emptyCounts()), corrections);
        if (problems.length > 0)
          throw new ProblemError(
            422,
            'inconsistent-corrections',
            'Inconsistent corrections',
            `The corrected figures do not hold together: ${problems.map((p) => p.problem).join('; ')}.`,
            problems.map((p) => ({ pointer: `/body/corrections/${p.figure}`, detail: p.problem })),
          );
        const saved = await writeReport(
          report,
          expected,
          { figures: current.figures, notes: request.body.notes, corrections },
          false,
        );
        void reply.header('etag', `"${saved.version}"`);
        return reportView(saved);
      },
    );

    app.post(
      '/api/reports/:periodId/submit',
      {
        onRequest: auth,
        schema: {
          summary:
            'Submit the caller’s unit’s report for a period, with its saved draft (the figures are pre-filled)',
          description:
            'Notes sent here replace the draft’s; corrections stay as saved. Send If-Match with the version seen ' +
            '(a stale one gets 412). Submitting twice, or in a closed period, gets 409.',
          tags: ['reports'],
          params: PeriodParams,
          headers: IfMatchHeaders,
          body: Type.Object(
            { notes: Type.Optional(Type.String({ maxLength: 20_000 })) },
            { additionalProperties: false },
          ),
          response: {
            200: ReportSchema,
            400: ProblemDetails,
            401: ProblemDetails,
            403: ProblemDetails,
            404: ProblemDetails,
            409: ProblemDetails,
            412: ProblemDetails,
          },
        },
        // Submitting the saved draft needs no body at all.
        preValidation: async (request) => {
          if ((request.body as unknown) === undefined) request.body = {};
        },
      },
      async (request, reply) => {
        const officer = officerOf(request);
        assertReportWriter(officer);
        const expected = expectedVersion(request.headers['if-match']);
        const report = await ownReport(officer, request.params.periodId);
        const current = reportContentOf(report.content);
        const saved = await writeReport(
          report,
          expected,
          { ...current, notes: request.body.notes ?? current.notes },
          true,
        );
        void reply.header('etag', `"${saved.version}"`);
        return reportView(saved);
      },
    );

    app.get(
      '/api/reports/:periodId/consolidated',
      {
        onRequest: auth,
        schema: {
          summary:
            'The consolidated report of a unit’s subtree (tổng hợp): its figures and the reports owed to it',
          description:
            'For a district, sector or provincial unit: the caller’s own, or one in its subtree (unitId). The figures ' +
            'are rolled up over the subtree; each unit reporting directly to it is listed with its status and notes. ' +
            'A base union has nothing below it to consolidate: 404 (problem type nothing-to-consolidate). For ' +
            'officers, heads and auditors.',
          tags: ['reports'],
          params: PeriodParams,
          querystring: UnitQuery,
          response: {
            200: ConsolidationSchema,
            401: ProblemDetails,
            403: ProblemDetails,
            404: ProblemDetails,
          },
        },
      },
      async (request) => {
        const officer = officerOf(request);
        assertReportReader(officer);
        const unitId = await unitInView(deps.db, officer, request.query.unitId);
        const consolidation = await loadConsolidation(deps.db, request.params.periodId, unitId);
        if (consolidation === undefined)
          throw notFound(`A report of unit ${unitId} for period ${request.params.periodId}`);
        if (consolidation.unit.level === 'base')
          throw new ProblemError(
            404,
            'nothing-to-consolidate',
            'Nothing to consolidate',
            `${consolidation.unit.name} is a base union: no unit reports to it, so it has no consolidated report. ` +
              'Its own report is at GET /api/reports/{periodId}.',
          );
        return consolidation;
      },
    );

    const exportRoute = (
      extension: 'xlsx' | 'pdf',
      contentType: string,
      summary: string,
      render: (exported: ReportExport) => Promise<Buffer>,
    ): void => {
      app.get(
        `/api/reports/:periodId/export.${extension}`,
        {
          onRequest: auth,
          schema: {
            summary,
            description:
              'The caller’s unit’s report, or one in its subtree (unitId), with the figures against their targets, ' +
              'the corrections and notes, and the state of the reports owed to it. For officers, heads and auditors.',
            tags: ['reports'],
            params: PeriodParams,
            querystring: UnitQuery,
            produces: [contentType, 'application/problem+json'],
            response: {
              200: documentResponse(contentType, summary),
              401: ProblemDetails,
              403: ProblemDetails,
              404: ProblemDetails,
            },
          },
        },
        async (request, reply) => {
          const officer = officerOf(request);
          assertReportReader(officer);
          const unitId = await unitInView(deps.db, officer, request.query.unitId);
          const exported = await loadReportExport(deps.db, request.params.periodId, unitId);
          if (exported === undefined)
            throw notFound(`A report of unit ${unitId} for period ${request.params.periodId}`);
          const file = await render(exported);
          return reply
            .type(contentType)
            .header(
              'content-disposition',
              `attachment; filename="${exportFileName(request.params.periodId, unitId, extension)}"`,
            )
            .send(file);
        },
      );
    };
    exportRoute(
      'xlsx',
      XLSX,
      'The report as a workbook: “Tổng hợp” (indicators and counts), “Khen thưởng”, “Đơn vị”',
      renderReportXlsx,
    );
    exportRoute(
      'pdf',
      'application/pdf',
      'The report as a printable Vietnamese document, with its signature block',
      renderReportPdf,
    );
  };
