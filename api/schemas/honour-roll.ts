/** The public honour roll and a member's consent to it (TypeBox). */
import { Type, type Static } from 'typebox';
import { HONOUR_ROLL_PAGE_MAX } from '../../domain/honour-roll.js';
import type { HonourRollConsent, HonourRollPage } from '../../services/honour-roll.js';

export const HonourRollQuery = Type.Object(
  {
    year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })),
    unitId: Type.Optional(
      Type.String({ minLength: 1, maxLength: 50, description: 'This unit and the units below it' }),
    ),
    formCode: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })),
    movementId: Type.Optional(Type.String({ format: 'uuid' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: HONOUR_ROLL_PAGE_MAX, default: 50 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 })),
  },
  { additionalProperties: false },
);

export const HonourRollSchema = Type.Object({
  items: Type.Array(
    Type.Object({
      nomineeName: Type.String(),
      nomineeKind: Type.Union([Type.Literal('individual'), Type.Literal('collective')]),
      unitName: Type.String(),
      formName: Type.String(),
      year: Type.Integer(),
      achievement: Type.String(),
      decision: Type.Object({
        number: Type.String(),
        issuerName: Type.String(),
        issuedAt: Type.String({ format: 'date-time' }),
      }),
    }),
  ),
  total: Type.Integer({ description: 'Awards matching the query, over all pages' }),
});

export const MemberParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) });

export const ConsentBody = Type.Object(
  { listed: Type.Boolean({ description: 'false: the member asked to be kept off the public honour roll' }) },
  { additionalProperties: false },
);

export const ConsentSchema = Type.Object({
  memberId: Type.String(),
  listed: Type.Boolean(),
  changedBy: Type.Union([Type.String(), Type.Null()]),
  changedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});

// The services' answers must fit the schemas: a field added on one side and not the other fails to compile.
const _pageFits = (p: HonourRollPage): Static<typeof HonourRollSchema> => p;
const _consentFits = (c: HonourRollConsent): Static<typeof ConsentSchema> => c;
