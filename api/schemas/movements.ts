/** The shapes of the movements' requests and answers (TypeBox), for validation and the OpenAPI document. */
import { Type } from 'typebox';
import { ProblemDetails } from '../problem.js';

const DateString = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });
const Id = Type.String({ minLength: 1, maxLength: 64 });

export const MovementParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

export const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
});

export const PlanSchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 300 }),
    targetGroup: Type.String({ minLength: 1, maxLength: 300 }),
    startsOn: DateString,
    endsOn: DateString,
    criteria: Type.Array(
      Type.Object(
        { name: Type.String({ maxLength: 300 }), maxScore: Type.Number({ minimum: 0, maximum: 1000 }) },
        { additionalProperties: false },
      ),
      { maxItems: 50 },
    ),
    interimReviews: Type.Array(DateString, { maxItems: 12 }),
    finalReview: DateString,
    /** The units the movement is for; the launching unit's subtree by default. */
    scopeUnitIds: Type.Optional(Type.Array(Id, { maxItems: 1000 })),
  },
  { additionalProperties: false },
);

export const MovementSchema = Type.Object({
  id: Type.String(),
  launchingUnitId: Type.String(),
  name: Type.String(),
  targetGroup: Type.String(),
  startsOn: Type.String(),
  endsOn: Type.String(),
  criteria: Type.Unknown(),
  interimReviews: Type.Unknown(),
  finalReview: Type.String(),
  status: Type.String(),
  scopeSize: Type.Integer(),
});

export const LaunchedSchema = Type.Object({
  movement: MovementSchema,
  warnings: Type.Array(
    Type.Object({
      code: Type.String(),
      detail: Type.String(),
      movements: Type.Array(Type.Object({ id: Type.String(), name: Type.String() })),
    }),
  ),
});

export const MovementDetailSchema = Type.Object({
  ...MovementSchema.properties,
  reviews: Type.Array(
    Type.Object({
      kind: Type.String(),
      on: Type.String(),
      results: Type.Unknown({
        description: 'Each unit’s scores on the criteria and its total, highest first',
      }),
      summary: Type.String(),
      recordedBy: Type.String(),
      recordedAt: Type.String({ format: 'date-time' }),
    }),
  ),
  registrations: Type.Object({ units: Type.Integer(), members: Type.Integer() }),
  nominationIds: Type.Array(Type.String()),
});

export const RegistrationBody = Type.Object(
  { memberIds: Type.Array(Id, { maxItems: 5000 }) },
  { additionalProperties: false },
);

export const RegistrationSchema = Type.Object({
  unitRegistered: Type.Boolean(),
  membersRegistered: Type.Integer(),
});

const ScoreSheetSchema = Type.Object(
  {
    unitId: Id,
    scores: Type.Record(Type.String({ maxLength: 300 }), Type.Number({ minimum: 0, maximum: 1000 })),
  },
  { additionalProperties: false },
);

export const ReviewSchema = Type.Object(
  {
    kind: Type.Union([Type.Literal('interim'), Type.Literal('final')]),
    on: DateString,
    results: Type.Array(ScoreSheetSchema, { maxItems: 2000 }),
    summary: Type.String({ maxLength: 20_000 }),
  },
  { additionalProperties: false },
);

export const RecordedReviewSchema = Type.Object({
  kind: Type.String(),
  on: Type.String(),
  results: Type.Array(Type.Object({ ...ScoreSheetSchema.properties, total: Type.Number() })),
  summary: Type.String(),
  recordedBy: Type.String(),
  recordedAt: Type.String({ format: 'date-time' }),
});

const RowSchema = Type.Object(
  {
    memberId: Type.Optional(Id),
    unitId: Type.Optional(Id),
    awardFormCode: Type.String({ minLength: 1, maxLength: 64 }),
    achievement: Type.String({ maxLength: 5000 }),
    councilPresent: Type.Integer({ minimum: 0, maximum: 1000 }),
    councilInFavour: Type.Integer({ minimum: 0, maximum: 1000 }),
    documents: Type.Optional(Type.Array(Type.String({ maxLength: 100 }), { maxItems: 20 })),
  },
  { additionalProperties: false },
);

export const RowsBody = Type.Object(
  { rows: Type.Array(RowSchema, { minItems: 1, maxItems: 2000 }) },
  { additionalProperties: false },
);

export const batchResponses = {
  201: Type.Object({
    batchId: Type.String(),
    created: Type.Array(Type.Object({ row: Type.Integer(), nominationId: Type.String() })),
  }),
  401: ProblemDetails,
  403: ProblemDetails,
  404: ProblemDetails,
  409: ProblemDetails,
  422: Type.Object(
    {
      ...ProblemDetails.properties,
      rows: Type.Optional(
        Type.Array(
          Type.Object({
            row: Type.Integer(),
            field: Type.String(),
            code: Type.String(),
            problem: Type.String(),
          }),
        ),
      ),
    },
    { additionalProperties: true },
  ),
};
