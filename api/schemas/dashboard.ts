/** The shape of a unit's dashboard in the API, and what its route takes. */
import { Type } from 'typebox';
import { IndicatorSchema, ReportStatusSchema } from './reports.js';

export const DashboardQuery = Type.Object(
  {
    unitId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })),
  },
  { additionalProperties: false },
);

export const DashboardSchema = Type.Object({
  unit: Type.Object({ id: Type.String(), name: Type.String(), level: Type.String() }),
  year: Type.Integer(),
  children: Type.Array(Type.Object({ id: Type.String(), name: Type.String() }), {
    description: 'Units directly below, to look at one of them instead',
  }),
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
    owedToUnit: Type.Array(
      Type.Object({
        unitId: Type.String(),
        unitName: Type.String(),
        status: ReportStatusSchema,
        submittedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
      }),
      { description: 'The reports owed directly to this unit' },
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
      nextReview: Type.Union([Type.Object({ kind: Type.String(), on: Type.String() }), Type.Null()], {
        description: 'The next planned review not yet recorded',
      }),
      reviewsLate: Type.Integer({ description: 'Planned reviews whose day has passed without results' }),
    }),
  ),
});
