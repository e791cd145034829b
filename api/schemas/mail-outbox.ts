/** The shapes of the operators' mail outbox routes. */
import { Type } from 'typebox';
import { outboxStatuses, resolutions } from '../../services/mail-outbox.js';

export const OutboxMail = Type.Object({
  id: Type.String({ description: 'The notification’s id (nomination or notice, step, recipient account)' }),
  recipient: Type.Union([Type.String(), Type.Null()], { description: 'The e-mail address' }),
  recipientAccountId: Type.String(),
  subject: Type.String(),
  status: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  claimedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], {
    description: 'When the last attempt claimed it to send it',
  }),
  attempts: Type.Integer({ description: 'How many times it was claimed to be sent' }),
  error: Type.Union([Type.String(), Type.Null()], {
    description: 'The last failure, or why its outcome is unknown',
  }),
  requeuedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  resolvedBy: Type.Union([Type.String(), Type.Null()], { description: 'The operator who last resolved it' }),
  resolvedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});

export const OutboxQuery = Type.Object(
  {
    status: Type.Union(
      outboxStatuses.map((s) => Type.Literal(s)),
      { default: 'unknown' },
    ),
    limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
  },
  { additionalProperties: false },
);

export const Outbox = Type.Object({ items: Type.Array(OutboxMail) });

export const ResolveParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 300 }) });

export const ResolveBody = Type.Object(
  { resolution: Type.Union(resolutions.map((r) => Type.Literal(r))) },
  { additionalProperties: false },
);
