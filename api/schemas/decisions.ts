/** The shapes of the decisions' requests and answers (TypeBox), for validation and the OpenAPI document. */
import { Type } from 'typebox';

const Year = Type.Integer({ minimum: 2000, maximum: 2100 });
const Line = Type.String({ minLength: 1, maxLength: 1000 });
const NominationId = Type.String({ minLength: 1, maxLength: 100 });

export const DecisionStatusSchema = Type.Union([Type.Literal('draft'), Type.Literal('issued')]);

const Signer = Type.Object(
  {
    name: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])),
    title: Type.Optional(
      Type.Union([Type.String({ maxLength: 200, description: 'e.g. CHỦ TỊCH' }), Type.Null()]),
    ),
    capacity: Type.Optional(
      Type.Union([
        Type.String({ maxLength: 200, description: 'On whose behalf, e.g. TM. BAN THƯỜNG VỤ' }),
        Type.Null(),
      ]),
    ),
  },
  { additionalProperties: false },
);

const textProperties = {
  title: Type.String({ minLength: 1, maxLength: 500, description: 'e.g. Về việc khen thưởng …' }),
  bases: Type.Optional(
    Type.Array(Line, { maxItems: 50, description: 'The legal bases (căn cứ), a line each' }),
  ),
  occasion: Type.Optional(
    Type.Union([Type.String({ maxLength: 500, description: 'The movement or occasion' }), Type.Null()]),
  ),
  recipients: Type.Optional(
    Type.Array(Line, { maxItems: 50, description: 'Where it goes (nơi nhận), a line each' }),
  ),
  signer: Type.Optional(Signer),
  reason: Type.Optional(
    Type.Union([
      Type.String({ maxLength: 2000, description: 'A revocation decision’s reason (lý do thu hồi)' }),
      Type.Null(),
    ]),
  ),
};

export const PrepareDecisionBody = Type.Object(
  {
    year: Year,
    kind: Type.Optional(
      Type.Union([Type.Literal('award'), Type.Literal('revocation')], {
        description:
          '`award` (default): nominations waiting for the unit’s decision; `revocation`: awards the unit decided, ' +
          'revoked by this decision (quyết định thu hồi) with its `reason`',
      }),
    ),
    ...textProperties,
    nominationIds: Type.Optional(
      Type.Array(NominationId, {
        maxItems: 1000,
        uniqueItems: true,
        description: 'Nominations (or, for a revocation, awards) listed in the annex at once',
      }),
    ),
  },
  { additionalProperties: false },
);

export const EditDecisionBody = Type.Partial(Type.Object(textProperties, { additionalProperties: false }), {
  additionalProperties: false,
});

export const AnnexBody = Type.Object(
  {
    nominationIds: Type.Array(NominationId, { minItems: 1, maxItems: 1000, uniqueItems: true }),
  },
  { additionalProperties: false },
);

export const DecisionParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
export const AnnexEntryParams = Type.Object({
  id: Type.String({ format: 'uuid' }),
  nominationId: NominationId,
});

export const DecisionsQuery = Type.Object(
  { year: Type.Optional(Year), status: Type.Optional(DecisionStatusSchema) },
  { additionalProperties: false },
);
export const AwaitingQuery = Type.Object(
  {
    year: Type.Optional(Year),
    kind: Type.Optional(
      Type.Union([Type.Literal('award'), Type.Literal('revocation')], {
        description:
          '`award` (default): what waits for the unit’s decision; `revocation`: its awards that stand',
      }),
    ),
  },
  { additionalProperties: false },
);

const AnnexEntrySchema = Type.Object({
  nominationId: Type.String(),
  nomineeName: Type.String(),
  nomineeKind: Type.String(),
  submittingUnitId: Type.String(),
  submittingUnitName: Type.String(),
  decisionNumber: Type.Union([Type.String(), Type.Null()], {
    description: 'The award’s own decision, once approved',
  }),
  decidedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  bonusVnd: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()], {
    description: 'Tiền thưởng in đồng at the decision’s date (today for a draft)',
  }),
});

export const DecisionSummarySchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  issuingUnitId: Type.String(),
  issuingUnitName: Type.String(),
  kind: Type.Union([Type.Literal('award'), Type.Literal('revocation')]),
  status: DecisionStatusSchema,
  year: Type.Integer(),
  title: Type.String(),
  number: Type.Union([Type.String(), Type.Null()], { description: 'e.g. 15/QĐ-LĐLĐ, once issued' }),
  issuedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  version: Type.Integer(),
  collectives: Type.Integer(),
  individuals: Type.Integer(),
});

export const DecisionSchema = Type.Object({
  ...DecisionSummarySchema.properties,
  bases: Type.Array(Type.String()),
  occasion: Type.Union([Type.String(), Type.Null()]),
  recipients: Type.Array(Type.String()),
  signer: Type.Object({
    name: Type.Union([Type.String(), Type.Null()]),
    title: Type.Union([Type.String(), Type.Null()]),
    capacity: Type.Union([Type.String(), Type.Null()]),
  }),
  reason: Type.Union([Type.String(), Type.Null()]),
  bonusTotalVnd: Type.Integer({ minimum: 0, description: 'The annex’s bonuses added up, in đồng' }),
  signedScan: Type.Union([
    Type.Object({
      filename: Type.String(),
      contentType: Type.String(),
      sizeBytes: Type.Integer(),
      sha256: Type.String({ description: 'The scan’s SHA-256, part of the decision’s record' }),
      uploadedBy: Type.String(),
      uploadedAt: Type.String({ format: 'date-time' }),
    }),
    Type.Null(),
  ]),
  createdBy: Type.String(),
  annex: Type.Array(
    Type.Object({ formCode: Type.String(), formName: Type.String(), entries: Type.Array(AnnexEntrySchema) }),
  ),
});

export const AwaitingSchema = Type.Object({
  items: Type.Array(
    Type.Object({
      ...AnnexEntrySchema.properties,
      formCode: Type.String(),
      formName: Type.String(),
      year: Type.Integer(),
    }),
  ),
});

/** How to print a decision's certificates: the whole page, or only the fields onto pre-printed blanks. */
export const CertificatesQuery = Type.Object(
  {
    mode: Type.Optional(
      Type.Union([Type.Literal('full'), Type.Literal('blank')], {
        description:
          '`full` (default): the designed page on plain paper; `blank`: only the fields, onto phôi',
      }),
    ),
    offsetX: Type.Optional(
      Type.Number({
        minimum: -30,
        maximum: 30,
        description: 'Blank mode: millimetres to the right (negative: left)',
      }),
    ),
    offsetY: Type.Optional(
      Type.Number({ minimum: -30, maximum: 30, description: 'Blank mode: millimetres down (negative: up)' }),
    ),
    nominationId: Type.Optional(NominationId),
  },
  { additionalProperties: false },
);

/** What a unit's new drafts start with: for all its decisions (`formCode` null), or added for one form's. */
export const DecisionDefaultsSchema = Type.Object(
  {
    formCode: Type.Union([Type.String({ minLength: 1, maxLength: 50 }), Type.Null()]),
    bases: Type.Array(Line, { maxItems: 50 }),
    recipients: Type.Array(Line, { maxItems: 50 }),
    signer: Type.Object(
      {
        name: Type.Union([Type.String({ maxLength: 200 }), Type.Null()]),
        title: Type.Union([Type.String({ maxLength: 200 }), Type.Null()]),
        capacity: Type.Union([Type.String({ maxLength: 200 }), Type.Null()]),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
