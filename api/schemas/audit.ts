/** The shapes of the auditor's routes: a nomination's history and a scope's verification. */
import { Type } from 'typebox';
import { NominationId, StoredEvent } from './nominations.js';

const HistoryEntry = Type.Intersect([
  StoredEvent,
  Type.Object({
    action: Type.String({ description: 'What happened, in the domain’s words (the event type)' }),
    councilVote: Type.Union([
      Type.Object({ present: Type.Integer(), inFavour: Type.Integer() }),
      Type.Null(),
    ]),
    review: Type.Union([Type.Unknown(), Type.Null()]),
    quota: Type.Union([Type.Unknown(), Type.Null()]),
  }),
]);

export const HistoryParams = Type.Object({ id: NominationId });

export const History = Type.Object({ nominationId: Type.String(), events: Type.Array(HistoryEntry) });

export const VerifyQuery = Type.Object(
  {
    unitId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })),
  },
  { additionalProperties: false },
);

export const Verification = Type.Object({
  passed: Type.Boolean(),
  streams: Type.Integer(),
  events: Type.Integer(),
  decisions: Type.Integer(),
  seconds: Type.Number(),
  issues: Type.Array(
    Type.Object({
      kind: Type.String(),
      nominationId: Type.Union([Type.String(), Type.Null()]),
      position: Type.Union([Type.Integer(), Type.Null()]),
      detail: Type.String(),
    }),
  ),
});
