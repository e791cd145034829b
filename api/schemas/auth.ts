/** The shapes of logging in and out, and of who is logged in. */
import { Type } from 'typebox';

export const OfficerSchema = Type.Object({
  accountId: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  role: Type.String(),
  unitId: Type.String(),
  unitName: Type.String(),
  unitLevel: Type.String(),
  may: Type.Object(
    {
      prepareDecisions: Type.Boolean(),
      issueDecisions: Type.Boolean(),
      recordHonourRollConsent: Type.Boolean(),
    },
    { description: 'What the officer may do beyond a nomination’s own actions, as the rules say' },
  ),
});

export const LoginBody = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 100 }),
    password: Type.String({ minLength: 1, maxLength: 200 }),
  },
  { additionalProperties: false },
);

export const LoginAnswer = Type.Object({
  token: Type.String(),
  expiresAt: Type.String({ format: 'date-time' }),
  officer: OfficerSchema,
});
