/** The nominations API's request and answer schemas (TypeBox): what the routes declare and the OpenAPI document shows. */
import { Type, type Static } from 'typebox';
import { actionPaths } from '../../services/nomination-view.js';

export const NominationId = Type.String({
  pattern: '^nom-[0-9a-f-]{36}$',
  description: 'Nomination id (also its workflow id)',
});

export const RouteStepSchema = Type.Object({ unitId: Type.String(), level: Type.String() });

export const NominationSummary = Type.Object({
  id: Type.String(),
  status: Type.String(),
  stage: Type.String(),
  nomineeName: Type.String(),
  nomineeKind: Type.String(),
  nomineeUnitId: Type.Union([Type.String(), Type.Null()]),
  isLeader: Type.Boolean(),
  isDirectWorker: Type.Boolean(),
  awardFormCode: Type.String(),
  year: Type.Integer(),
  theme: Type.Union([Type.String(), Type.Null()]),
  submittingUnitId: Type.String(),
  holdingUnitId: Type.String(),
  decidingUnitId: Type.Union([Type.String(), Type.Null()]),
  route: Type.Array(RouteStepSchema),
  decisionNumber: Type.Union([Type.String(), Type.Null()]),
  decidedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  deadlineAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  fastTrack: Type.Boolean(),
  returnCount: Type.Integer(),
  version: Type.Integer({ description: 'Send it back in If-Match to act on this version' }),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});
export type NominationSummary = Static<typeof NominationSummary>;

export const StoredEvent = Type.Object({
  position: Type.Integer(),
  type: Type.String(),
  occurredAt: Type.String({ format: 'date-time' }),
  actor: Type.Object({ id: Type.String(), role: Type.String(), unitId: Type.String() }),
  comment: Type.Union([Type.String(), Type.Null()]),
  data: Type.Unknown(),
  prevHash: Type.String(),
  hash: Type.String(),
});

export const NominationDetail = Type.Intersect([
  NominationSummary,
  Type.Object({ dossier: Type.Unknown(), events: Type.Array(StoredEvent) }),
]);
export type NominationDetail = Static<typeof NominationDetail>;

export const NominationDetailWithActions = Type.Intersect([
  NominationDetail,
  Type.Object({
    allowedActions: Type.Array(Type.Object({ action: Type.String(), needsComment: Type.Boolean() }), {
      description: 'What the caller may do now, as the rules see it',
    }),
  }),
]);

export const DossierSchema = Type.Object(
  {
    documents: Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 50 }),
    councilVote: Type.Object(
      {
        present: Type.Integer({ minimum: 1, maximum: 1000 }),
        inFavour: Type.Integer({ minimum: 0, maximum: 1000 }),
      },
      { additionalProperties: false },
    ),
    achievement: Type.String({ minLength: 1, maxLength: 10_000 }),
    theme: Type.Union([Type.String({ maxLength: 200 }), Type.Null()]),
    initiative: Type.Union([
      Type.Object(
        {
          benefitVnd: Type.Integer({ minimum: 0 }),
          threeYearBenefitVnd: Type.Optional(Type.Integer({ minimum: 0 })),
          education: Type.Union([Type.Literal('university'), Type.Literal('upToCollege')]),
        },
        { additionalProperties: false },
      ),
      Type.Null(),
    ]),
  },
  { additionalProperties: false },
);

export const CreateNominationBody = Type.Object(
  {
    nominee: Type.Union([
      Type.Object(
        { memberId: Type.String({ minLength: 1, maxLength: 64 }) },
        { additionalProperties: false },
      ),
      Type.Object(
        { collectiveUnitId: Type.String({ minLength: 1, maxLength: 64 }) },
        { additionalProperties: false },
      ),
    ]),
    awardFormCode: Type.String({ minLength: 1, maxLength: 64 }),
    year: Type.Integer({ minimum: 2000, maximum: 2100 }),
    dossier: DossierSchema,
  },
  { additionalProperties: false },
);

export const ActionBodySchema = Type.Object(
  {
    comment: Type.Optional(Type.Union([Type.String({ maxLength: 2000 }), Type.Null()])),
    dossier: Type.Optional(DossierSchema),
    toFormCode: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  },
  { additionalProperties: false },
);
export type ActionBody = Static<typeof ActionBodySchema>;

export const ActionPathSchema = Type.Union(Object.keys(actionPaths).map((a) => Type.Literal(a)));

export const ListQuery = Type.Object(
  {
    stage: Type.Optional(Type.String({ maxLength: 50 })),
    status: Type.Optional(Type.String({ maxLength: 50 })),
    holdingUnitId: Type.Optional(Type.String({ maxLength: 64 })),
    awardFormCode: Type.Optional(Type.String({ maxLength: 64 })),
    year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })),
    q: Type.Optional(Type.String({ maxLength: 200, description: "Text in the nominee's name" })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);

export const NominationPage = Type.Object({
  items: Type.Array(NominationSummary),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});

export const DetailQuery = Type.Object(
  {
    asOf: Type.Optional(
      Type.String({
        format: 'date-time',
        description: 'ISO time: the state then, folded from the events up to it',
      }),
    ),
  },
  { additionalProperties: false },
);

export const ActionHeaders = Type.Object({
  'idempotency-key': Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  'if-match': Type.Optional(Type.String({ maxLength: 40 })),
});
