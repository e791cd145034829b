import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { listOutbox, outboxStatuses, resolutions, resolveMail } from '../../services/mail-outbox.js';
import type { AppDeps } from '../app.js';
import { officerOf, requireOfficer, type Officer } from '../auth.js';
import { notFound, ProblemDetails, ProblemError } from '../problem.js';

const OutboxMail = Type.Object({
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

function requireAdmin(request: FastifyRequest): Officer {
  const officer = officerOf(request);
  if (officer.role !== 'admin')
    throw new ProblemError(
      403,
      'admin-only',
      'Administrators only',
      'Only an administrator reads the mail outbox.',
    );
  return officer;
}

/**
 * The e-mail outbox for operators: the mails whose outcome is unknown (a send interrupted between the claim and its
 * outcome, see activities/mail-outbox.ts), and the decision on each. English, like the rest of the operators' tools:
 * it does not reach the officers' web page.
 */
export const mailOutboxRoutes =
  (deps: AppDeps): FastifyPluginAsyncTypebox =>
  async (app) => {
    const auth = requireOfficer(deps.db);

    app.get(
      '/api/admin/mail-outbox',
      {
        onRequest: auth,
        schema: {
          summary: 'E-mails in one outbox status, oldest first (by default those whose outcome is unknown)',
          tags: ['admin'],
          querystring: Type.Object(
            {
              status: Type.Union(
                outboxStatuses.map((s) => Type.Literal(s)),
                { default: 'unknown' },
              ),
              limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
            },
            { additionalProperties: false },
          ),
          response: {
            200: Type.Object({ items: Type.Array(OutboxMail) }),
            400: ProblemDetails,
            401: ProblemDetails,
            403: ProblemDetails,
          },
        },
      },
      async (request) => {
        requireAdmin(request);
        return { items: await listOutbox(deps.db, request.query) };
      },
    );

    app.post(
      '/api/admin/mail-outbox/:id/resolve',
      {
        onRequest: auth,
        schema: {
          summary:
            'Resolve an e-mail whose outcome is unknown: mark it sent, or re-queue it to be sent once more',
          description:
            'Check first whether it arrived (the recipient, the SMTP server’s log): re-queueing one that did arrive ' +
            'sends it twice. `requeue` also takes a mail the SMTP server refused for good (`failed`). The worker ' +
            'sends re-queued mails within a minute. A mail in any other status is a 409 naming that status.',
          tags: ['admin'],
          params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 300 }) }),
          body: Type.Object(
            { resolution: Type.Union(resolutions.map((r) => Type.Literal(r))) },
            { additionalProperties: false },
          ),
          response: {
            200: OutboxMail,
            400: ProblemDetails,
            401: ProblemDetails,
            403: ProblemDetails,
            404: ProblemDetails,
            409: ProblemDetails,
          },
        },
      },
      async (request) => {
        const admin = requireAdmin(request);
        const result = await resolveMail(deps.db, request.params.id, request.body.resolution, admin.username);
        if (result.ok) return result.mail;
        if (result.reason === 'notFound') throw notFound(`E-mail ${request.params.id}`);
        const problem = new ProblemError(
          409,
          'mail-not-unresolved',
          'Nothing to resolve',
          `E-mail ${request.params.id} is ${result.status}: only a mail whose outcome is unknown is resolved${
            request.body.resolution === 'requeue' ? ' (or, to re-queue, one refused for good)' : ''
          }.`,
        );
        problem.extensions = { emailStatus: result.status };
        throw problem;
      },
    );
  };
