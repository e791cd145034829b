import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { sql } from 'kysely';
import { Type, type Static } from 'typebox';
import { prefilledFigures } from '../../activities/reporting.js';
import { plannedReviews } from '../../domain/movement.js';
import { indicator, type Indicator } from '../../domain/report.js';
import type { AppDeps } from '../app.js';
import { officerOf, requireOfficer, subtreeOf } from '../auth.js';
import { notFound, ProblemDetails } from '../problem.js';
import { vietnamDay } from '../../domain/deadlines.js';

const IndicatorSchema = Type.Object({
  value: Type.Integer(),
  of: Type.Integer(),
  share: Type.Union([Type.Number(), Type.Null()]),
  target: Type.Number(),
});

const DashboardSchema = Type.Object({
  unit: Type.Object({ id: Type.String(), name: Type.String(), level: Type.String() }),
  year: Type.Integer(),
  /** Units directly below, to look at one of them instead. */
  children: Type.Array(Type.Object({ id: Type.String(), name: Type.String() })),
  period: Type.Union([
    Type.Object({
      id: Type.String(),
      kind: Type.String(),
      year: Type.Integer(),
      dueAt: Type.String({ format: 'date-time' }),
      status: Type.String(),
    }),
    Type.Null(),
  ]),
  reports: Type.Object({
    due: Type.Integer(),
    submitted: Type.Integer(),
    overdue: Type.Integer(),
    /** The reports owed directly to this unit. */
    owedToUnit: Type.Array(
      Type.Object({
        unitId: Type.String(),
        unitName: Type.String(),
        status: Type.String(),
        submittedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
      }),
    ),
  }),
  indicators: Type.Object({
    upperUnionsWithPlan: IndicatorSchema,
    baseUnionsWithPlan: IndicatorSchema,
    movementsReviewed: IndicatorSchema,
    officersTrained: IndicatorSchema,
    directWorkers: IndicatorSchema,
    nonLeaders: IndicatorSchema,
  }),
  movements: Type.Array(
    Type.Object({
      id: Type.String(),
      name: Type.String(),
      launchingUnitId: Type.String(),
      status: Type.String(),
      startsOn: Type.String(),
      endsOn: Type.String(),
      reviewsPlanned: Type.Integer(),
      reviewsRecorded: Type.Integer(),
      /** The next planned review not yet recorded. */
      nextReview: Type.Union([Type.Object({ kind: Type.String(), on: Type.String() }), Type.Null()]),
      /** Planned reviews whose day has passed without results. */
      reviewsLate: Type.Integer(),
    }),
  ),
});

/**
 * The dashboard of a unit (the province, or a district and below): the latest reporting period's reports due,
 * submitted and overdue in its subtree; the year's indicators against their targets; its movements and how far their
 * reviews have got. Everything is counted live from the same data the reports are pre-filled from.
 */
export const dashboardRoutes =
  (deps: AppDeps): FastifyPluginAsyncTypebox =>
  async (app) => {
    const auth = requireOfficer(deps.db);

    app.get(
      '/api/dashboard',
      {
        onRequest: auth,
        schema: {
          summary:
            'Reports due / submitted / overdue, indicators against targets, and movements with their reviews',
          tags: ['reports'],
          querystring: Type.Object(
            {
              unitId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
              year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })),
            },
            { additionalProperties: false },
          ),
          response: { 200: DashboardSchema, 401: ProblemDetails, 404: ProblemDetails },
        },
      },
      async (request): Promise<Static<typeof DashboardSchema>> => {
        const officer = officerOf(request);
        const unitId = request.query.unitId ?? officer.unitId;
        if (!(await subtreeOf(deps.db, officer.unitId)).has(unitId)) throw notFound(`Unit ${unitId}`);
        const subtree = [...(await subtreeOf(deps.db, unitId))];
        const today = vietnamDay(Date.now());
        const year = request.query.year ?? Number(today.slice(0, 4));
        const [unit, children, period] = await Promise.all([
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
        ]);
        const reports =
          period === undefined
            ? []
            : await deps.db
                .selectFrom('reports')
                .innerJoin('units', 'units.id', 'reports.unit_id')
                .select([
                  'reports.unit_id',
                  'units.name',
                  'reports.status',
                  'reports.submitted_at',
                  'upper_unit_id',
                ])
                .where('period_id', '=', period.id)
                .where('reports.unit_id', 'in', subtree)
                .where('reports.unit_id', '!=', unitId)
                .orderBy('reports.unit_id')
                .execute();
        const count = (status: string) => reports.filter((r) => r.status === status).length;

        const figures = (await prefilledFigures(deps.db, { year, openedAt: new Date().toISOString() })).get(
          unitId,
        );
        const none = (target: number): Indicator => indicator(0, 0, target);
        const indicators = {
          upperUnionsWithPlan: figures?.indicators.upperUnionsWithPlan ?? none(1),
          baseUnionsWithPlan: figures?.indicators.baseUnionsWithPlan ?? none(0.85),
          movementsReviewed: figures?.indicators.movementsReviewed ?? none(1),
          officersTrained: figures?.indicators.officersTrained ?? none(1),
          directWorkers: indicator(
            figures?.directWorkersOrNonLeaders ?? 0,
            figures?.individualsCommended ?? 0,
            figures?.directWorkerFloor ?? 0.15,
          ),
          nonLeaders: indicator(
            figures?.nonLeaders ?? 0,
            figures?.individualsCommended ?? 0,
            figures?.nonLeaderFloor ?? 0.7,
          ),
        };

        const movements = await deps.db
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
          .where('launching_unit_id', 'in', subtree)
          .where(
            sql<boolean>`extract(year from starts_on) <= ${year} and extract(year from ends_on) >= ${year}`,
          )
          .orderBy('starts_on', 'desc')
          .limit(100)
          .execute();

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
            owedToUnit: reports
              .filter((r) => r.upper_unit_id === unitId)
              .map((r) => ({
                unitId: r.unit_id,
                unitName: r.name,
                status: r.status,
                submittedAt: r.submitted_at?.toISOString() ?? null,
              })),
          },
          indicators,
          movements: movements.map((m) => {
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
          }),
        };
      },
    );
  };
