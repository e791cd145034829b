/** The public verification answer (TypeBox): only what the paper itself prints, and whether it still stands. */
import { Type, type Static } from 'typebox';
import type { Verification } from '../../services/verification.js';

export const VerificationParams = Type.Object({
  code: Type.String({
    minLength: 1,
    maxLength: 40,
    description: 'The code as printed (`7K3QD-M9XWA`); case, spaces and the hyphen do not matter',
  }),
});

const VerifiedDecisionSchema = Type.Object({
  kind: Type.Union([Type.Literal('award'), Type.Literal('revocation')]),
  number: Type.String({ description: 'e.g. 15/QĐ-LĐLĐ' }),
  issuerName: Type.String(),
  issuedAt: Type.String({ format: 'date-time' }),
  title: Type.String(),
});

export const VerificationSchema = Type.Object({
  code: Type.String({ description: 'The code, as stored (ten characters)' }),
  paper: Type.Union([Type.Literal('decision'), Type.Literal('award')]),
  decision: VerifiedDecisionSchema,
  award: Type.Union([
    Type.Object({
      nomineeName: Type.String(),
      nomineeKind: Type.Union([Type.Literal('individual'), Type.Literal('collective')]),
      unitName: Type.String(),
      formName: Type.String(),
      year: Type.Integer(),
      status: Type.Union([Type.Literal('valid'), Type.Literal('revoked')]),
      revoked: Type.Union([
        Type.Object({
          at: Type.String({ format: 'date-time' }),
          decision: Type.Union([VerifiedDecisionSchema, Type.Null()]),
          reason: Type.Union([Type.String(), Type.Null()]),
        }),
        Type.Null(),
      ]),
      chainHash: Type.String({ description: 'The hash of the approval’s event in the award’s chain' }),
    }),
    Type.Null(),
  ]),
  listed: Type.Union([
    Type.Object({ collectives: Type.Integer(), individuals: Type.Integer(), revoked: Type.Integer() }),
    Type.Null(),
  ]),
});

// The service's answer must fit the schema: a field added on one side and not the other fails to compile.
const _fits = (v: Verification): Static<typeof VerificationSchema> => v;
