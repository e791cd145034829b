import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Kysely } from 'kysely';
import { Type, type Static } from 'typebox';
import type { Database } from '../../db/schema.js';
import type { AppDeps } from '../app.js';
import { officerOf, requireOfficer, subtreeOf } from '../auth.js';
import { notFound, ProblemDetails, ProblemError } from '../problem.js';

const ReportSchema = Type.Object({
  periodId: Type.String(),
  kind: Type.String(),
  year: Type.Integer(),
  dueAt: Type.String({ format: 'date-time' }),
  unitId: Type.String(),
  upperUnitId: Type.String(),
  status: Type.String(),
  submittedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  content: Type.Unknown({ description: 'The pre-filled figures and the unit’s notes' }),
});

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
    content: r.content,
  };
}

/** Periodic reports: what the caller's unit owes, what its subtree owes it, and submitting one. */
export const reportRoutes =
  (deps: AppDeps): FastifyPluginAsyncTypebox =>
  async (app) => {
    const auth = requireOfficer(deps.db);

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
              status: Type.Optional(
                Type.Union([Type.Literal('due'), Type.Literal('submitted'), Type.Literal('overdue')]),
              ),
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

    app.post(
      '/api/reports/:periodId/submit',
      {
        onRequest: auth,
        schema: {
          summary:
            'Submit the caller’s unit’s report for a period, with its notes (the figures are pre-filled)',
          tags: ['reports'],
          params: Type.Object({ periodId: Type.String({ minLength: 1, maxLength: 200 }) }),
          body: Type.Object({ notes: Type.String({ maxLength: 20_000 }) }, { additionalProperties: false }),
          response: {
            200: ReportSchema,
            401: ProblemDetails,
            403: ProblemDetails,
            404: ProblemDetails,
            409: ProblemDetails,
          },
        },
      },
      async (request) => {
        const officer = officerOf(request);
        if (officer.role === 'auditor')
          throw new ProblemError(
            403,
            'read-only',
            'Read-only role',
            'Auditors read reports; they do not submit them.',
          );
        const report = await reportsQuery(deps.db)
          .where('period_id', '=', request.params.periodId)
          .where('unit_id', '=', officer.unitId)
          .executeTakeFirst();
        if (report === undefined)
          throw notFound(`A report of unit ${officer.unitId} for period ${request.params.periodId}`);
        if (report.period_status === 'closed' || report.status === 'submitted') {
          throw new ProblemError(
            409,
            'report-closed',
            'Report closed',
            report.status === 'submitted' ? 'This report was already submitted.' : 'The period is closed.',
          );
        }
        const content = { ...(report.content as Record<string, unknown>), notes: request.body.notes };
        const submittedAt = new Date();
        await deps.db
          .updateTable('reports')
          .set({ status: 'submitted', submitted_at: submittedAt, content: JSON.stringify(content) })
          .where('period_id', '=', request.params.periodId)
          .where('unit_id', '=', officer.unitId)
          .where('status', '=', 'due')
          .execute();
        return reportView({ ...report, status: 'submitted', submitted_at: submittedAt, content });
      },
    );
  };
