/**
 * The shapes of periodic reports in the API: the pre-filled figures with the plan indicators, the unit's corrections
 * and notes, and the consolidation of a subtree; and what the report routes take (the period, the unit, the version
 * seen). One schema each drives validation, serialization and the OpenAPI document; the compile-time checks below
 * keep them in step with the domain's types.
 */
import { Type, type Static } from 'typebox';
import type { Corrections, ReportFigures } from '../../domain/report.js';
import { ProblemError } from '../problem.js';

const Share = Type.Union([Type.Number(), Type.Null()], {
  description: 'value / of, or null when there is nothing to count',
});

export const IndicatorSchema = Type.Object(
  {
    value: Type.Integer({ description: 'How many meet it' }),
    of: Type.Integer({ description: 'Out of how many' }),
    share: Share,
    target: Type.Number({ description: 'The share to reach, e.g. 0.85' }),
  },
  { description: 'One indicator against its target' },
);

const count = (description: string) => Type.Integer({ minimum: 0, description });

export const PlanCountsSchema = Type.Object({
  upperUnions: count('Upper-level unions (district, sector) in the subtree'),
  upperUnionsWithPlan: count('… that launched a movement starting in the year or registered for one'),
  baseUnions: count('Base unions in the subtree'),
  baseUnionsWithPlan: count('… that launched a movement starting in the year or registered for one'),
  movementsLaunched: count('Movements launched in the subtree that start in the year'),
  movementsReviewed: count('… with at least one review (sơ kết or tổng kết)'),
  movementsFinalReviewed: count('… with their final review (tổng kết)'),
  movementsPastFinalReview: count('… whose final review date had passed when the period opened'),
  movementsPastFinalReviewReviewed: count('… of those, reviewed'),
  officers: count('Officer accounts doing emulation and commendation work (auditors excluded)'),
  officersTrained: count('… trained in the year'),
});

export const ReportFiguresSchema = Type.Object(
  {
    byForm: Type.Record(Type.String(), Type.Record(Type.String(), Type.Integer()), {
      description: 'Nominations by award form and outcome, e.g. { "GK-LDLD": { "approved": 3 } }',
    }),
    individualsCommended: Type.Integer(),
    directWorkersOrNonLeaders: Type.Integer(),
    nonLeaders: Type.Integer(),
    bonusVnd: Type.Optional(
      Type.Integer({
        minimum: 0,
        description:
          'Tiền thưởng of the awards that stand, in đồng (absent in reports stored before it was counted)',
      }),
    ),
    directWorkerShare: Share,
    directWorkerFloor: Type.Number(),
    nonLeaderShare: Share,
    nonLeaderFloor: Type.Number(),
    plan: PlanCountsSchema,
    indicators: Type.Object({
      upperUnionsWithPlan: IndicatorSchema,
      baseUnionsWithPlan: IndicatorSchema,
      movementsReviewed: IndicatorSchema,
      officersTrained: IndicatorSchema,
    }),
  },
  { description: 'Counted over the unit and its subtree when the period opened' },
);

const correction = Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000_000 }));

export const CorrectionsSchema = Type.Object(
  {
    individualsCommended: correction,
    directWorkersOrNonLeaders: correction,
    nonLeaders: correction,
    upperUnions: correction,
    upperUnionsWithPlan: correction,
    baseUnions: correction,
    baseUnionsWithPlan: correction,
    movementsLaunched: correction,
    movementsReviewed: correction,
    movementsFinalReviewed: correction,
    movementsPastFinalReview: correction,
    movementsPastFinalReviewReviewed: correction,
    officers: correction,
    officersTrained: correction,
  },
  {
    additionalProperties: false,
    description:
      'Counts the unit reports where it knows better than the pre-filled figures (which stay as they were)',
  },
);

export const ReportContentSchema = Type.Object({
  figures: Type.Union([ReportFiguresSchema, Type.Null()]),
  notes: Type.String(),
  corrections: CorrectionsSchema,
});

export const ReportStatusSchema = Type.Union([
  Type.Literal('due'),
  Type.Literal('submitted'),
  Type.Literal('overdue'),
]);

export const ReportSchema = Type.Object({
  periodId: Type.String(),
  kind: Type.String(),
  year: Type.Integer(),
  dueAt: Type.String({ format: 'date-time' }),
  unitId: Type.String(),
  upperUnitId: Type.String(),
  status: ReportStatusSchema,
  submittedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  version: Type.Integer({ description: 'The version to send back in If-Match (also the ETag)' }),
  content: ReportContentSchema,
});

export const ChildReportSchema = Type.Object({
  unitId: Type.String(),
  unitName: Type.String(),
  level: Type.String(),
  status: ReportStatusSchema,
  submittedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  notes: Type.String(),
  corrections: CorrectionsSchema,
});

export const ConsolidationSchema = Type.Object({
  period: Type.Object({
    id: Type.String(),
    kind: Type.String(),
    year: Type.Integer(),
    name: Type.String(),
    openedAt: Type.String({ format: 'date-time' }),
    dueAt: Type.String({ format: 'date-time' }),
    status: Type.String(),
  }),
  unit: Type.Object({
    id: Type.String(),
    name: Type.String(),
    level: Type.String(),
    upperUnitId: Type.String(),
  }),
  report: Type.Object({
    status: ReportStatusSchema,
    submittedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    version: Type.Integer(),
    figures: Type.Union([ReportFiguresSchema, Type.Null()]),
    notes: Type.String(),
    corrections: CorrectionsSchema,
  }),
  reportedFigures: Type.Union([ReportFiguresSchema, Type.Null()], {
    description: 'The roll-up figures with the unit’s own corrections applied',
  }),
  subtree: Type.Object(
    { due: Type.Integer(), submitted: Type.Integer(), overdue: Type.Integer(), total: Type.Integer() },
    { description: 'Reports owed by every unit below this one, by status' },
  ),
  children: Type.Array(ChildReportSchema, { description: 'Reports owed directly to this unit' }),
});

export const PeriodParams = Type.Object({ periodId: Type.String({ minLength: 1, maxLength: 200 }) });

export const UnitQuery = Type.Object(
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

export const ReportListQuery = Type.Object(
  {
    periodId: Type.Optional(Type.String({ maxLength: 200 })),
    status: Type.Optional(ReportStatusSchema),
  },
  { additionalProperties: false },
);

export const DraftBody = Type.Object(
  { notes: Type.String({ maxLength: 20_000 }), corrections: Type.Optional(CorrectionsSchema) },
  { additionalProperties: false },
);

export const SubmitBody = Type.Object(
  { notes: Type.Optional(Type.String({ maxLength: 20_000 })) },
  { additionalProperties: false },
);

export const IfMatchHeaders = Type.Object({
  'if-match': Type.Optional(
    Type.String({
      maxLength: 40,
      description: 'The report version seen (its ETag); a stale one gets 412',
    }),
  ),
});

/** The version an If-Match names: `"7"`, `W/"7"` or `7`. */
export function versionOf(ifMatch: string | undefined): number | undefined {
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

// The domain's types must fit the schemas: a figure added on one side and not the other fails to compile.
const _figuresFit = (f: ReportFigures): Static<typeof ReportFiguresSchema> => f;
const _correctionsFit = (c: Corrections): Static<typeof CorrectionsSchema> => c;
const _correctionsBack = (c: Static<typeof CorrectionsSchema>): Corrections => c;
