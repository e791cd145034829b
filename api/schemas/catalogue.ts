/** The shapes of the catalogue routes: units, members, award forms. */
import { Type } from 'typebox';

const Unit = Type.Object({
  id: Type.String(),
  parentId: Type.Union([Type.String(), Type.Null()]),
  name: Type.String(),
  level: Type.String(),
  block: Type.Union([Type.String(), Type.Null()]),
});

export const Units = Type.Object({ items: Type.Array(Unit) });

export const MembersQuery = Type.Object(
  { unitId: Type.String({ minLength: 1, maxLength: 64 }) },
  { additionalProperties: false },
);

export const Members = Type.Object({
  items: Type.Array(
    Type.Object({
      id: Type.String(),
      fullName: Type.String(),
      position: Type.String(),
      isLeader: Type.Boolean(),
      isDirectWorker: Type.Boolean(),
    }),
  ),
});

const AwardForm = Type.Object({
  code: Type.String(),
  name: Type.String(),
  subject: Type.String(),
  decidingLevel: Type.String(),
  requiredDocuments: Type.Array(Type.String()),
  voteThreshold: Type.Number(),
  fastTrack: Type.Boolean(),
  eligibility: Type.Unknown(),
});

export const AwardForms = Type.Object({ items: Type.Array(AwardForm) });
