/** The shapes of the officer's work routes: the inbox, bulk actions and quota figures. */
import { Type, type Static } from 'typebox';
import { actionPaths } from '../nomination-actions.js';
import { NominationDetail, NominationId, NominationSummary } from './nominations.js';
import { ProblemDetails } from '../problem.js';

const Figures = Type.Object({ total: Type.Integer(), inCategory: Type.Integer() });

export const QuotaFinding = Type.Object({
  ruleId: Type.String(),
  kind: Type.String(),
  description: Type.String(),
  scopeKey: Type.String({ description: 'The scope the figures count' }),
  enforcement: Type.String(),
  limit: Type.Number(),
  before: Figures,
  after: Figures,
  shareAfter: Type.Union([Type.Number(), Type.Null()]),
  outcome: Type.String(),
  text: Type.String(),
});

const QuotaEffect = Type.Union([
  Type.Object({ outcome: Type.String(), findings: Type.Array(QuotaFinding) }),
  Type.Null(),
]);

export const InboxQuery = Type.Object(
  { limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 100 })) },
  { additionalProperties: false },
);

export const Inbox = Type.Object({
  items: Type.Array(Type.Intersect([NominationSummary, Type.Object({ quotaEffect: QuotaEffect })])),
});

export const BulkParams = Type.Object({
  action: Type.Union(Object.keys(actionPaths).map((a) => Type.Literal(a))),
});

export const BulkBody = Type.Object(
  {
    items: Type.Array(
      Type.Object(
        {
          id: NominationId,
          version: Type.Optional(Type.Integer({ minimum: 1 })),
          comment: Type.Optional(Type.String({ maxLength: 2000 })),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 100 },
    ),
    comment: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);
export type BulkBody = Static<typeof BulkBody>;

export const BulkResult = Type.Object({
  id: Type.String(),
  ok: Type.Boolean(),
  status: Type.Integer(),
  nomination: Type.Optional(NominationDetail),
  problem: Type.Optional(ProblemDetails),
});
export type BulkResult = Static<typeof BulkResult>;

export const BulkResults = Type.Object({
  results: Type.Array(BulkResult),
  succeeded: Type.Integer(),
  failed: Type.Integer(),
});

export const QuotasQuery = Type.Object(
  {
    unitId: Type.String({ minLength: 1, maxLength: 64 }),
    year: Type.Integer({ minimum: 2000, maximum: 2100 }),
    nominationId: Type.Optional(NominationId),
    asOf: Type.Optional(
      Type.String({ format: 'date-time', description: 'The figures as they stood at that moment' }),
    ),
  },
  { additionalProperties: false },
);

export const Quotas = Type.Object({
  unitId: Type.String(),
  year: Type.Integer(),
  rules: Type.Array(
    Type.Object({
      ruleId: Type.String(),
      kind: Type.String(),
      description: Type.String(),
      scope: Type.String(),
      scopeKey: Type.String({ description: 'The scope the figures count, as the approval names it' }),
      formCode: Type.Union([Type.String(), Type.Null()], {
        description: 'The form a per-form rule counts here',
      }),
      theme: Type.Union([Type.String(), Type.Null()], {
        description: 'The theme a per-theme rule counts here',
      }),
      enforcement: Type.String(),
      limit: Type.Number(),
      total: Type.Integer(),
      inCategory: Type.Integer(),
      share: Type.Union([Type.Number(), Type.Null()]),
    }),
  ),
  effect: QuotaEffect,
});
