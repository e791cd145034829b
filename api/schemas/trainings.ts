/** The shapes of the trainings' requests and answers (TypeBox), for validation and the OpenAPI document. */
import { Type } from 'typebox';

const Year = Type.Integer({ minimum: 2000, maximum: 2100 });

export const OfficerSchema = Type.Object({
  accountId: Type.String({ format: 'uuid' }),
  username: Type.String(),
  displayName: Type.String(),
  role: Type.String(),
  unitId: Type.String(),
});

export const TrainingSchema = Type.Object({
  ...OfficerSchema.properties,
  year: Type.Integer(),
  course: Type.String(),
  heldOn: Type.String({ format: 'date' }),
  recordedBy: Type.String(),
  recordedAt: Type.String({ format: 'date-time' }),
});

export const YearQuery = Type.Object(
  {
    year: Type.Optional(
      Type.Integer({
        minimum: 2000,
        maximum: 2100,
        description: 'The current year in Vietnam when left out',
      }),
    ),
  },
  { additionalProperties: false },
);

export const TrainingsOfYearSchema = Type.Object({
  year: Type.Integer(),
  items: Type.Array(TrainingSchema),
  untrainedOfficers: Type.Array(OfficerSchema, {
    description: 'Officer accounts (as the report counts them) with no training recorded in the year',
  }),
});

export const RecordTrainingBody = Type.Object(
  {
    year: Year,
    course: Type.String({ minLength: 1, maxLength: 300, description: 'The course’s name' }),
    heldOn: Type.String({ format: 'date', description: 'The day it was held, in the year' }),
    accountIds: Type.Array(Type.String({ format: 'uuid' }), {
      minItems: 1,
      maxItems: 500,
      uniqueItems: true,
      description: 'The officers who attended: accounts of the caller’s subtree',
    }),
  },
  { additionalProperties: false },
);
