import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { outboxFor, resolveMailAs } from '../../services/mail-outbox.js';
import type { AppDeps } from '../deps.js';
import { officerOf, requireOfficer } from '../auth.js';
import { ProblemDetails } from '../problem.js';
import { Outbox, OutboxMail, OutboxQuery, ResolveBody, ResolveParams } from '../schemas/mail-outbox.js';

/**
 * The e-mail outbox for operators: the mails whose outcome is unknown (a send interrupted between the claim and its
 * outcome, see activities/mail-outbox.ts), and the decision on each. English, like the rest of the operators' tools:
 * it does not reach the officers' web page.
 */
export const mailOutboxRoutes =
  (deps: AppDeps): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.addHook('onRequest', requireOfficer(deps.db));

    app.get(
      '/api/admin/mail-outbox',
      {
        schema: {
          summary: 'E-mails in one outbox status, oldest first (by default those whose outcome is unknown)',
          tags: ['admin'],
          querystring: OutboxQuery,
          response: { 200: Outbox, 400: ProblemDetails, 401: ProblemDetails, 403: ProblemDetails },
        },
      },
      async (request) => ({ items: await outboxFor(deps, officerOf(request), request.query) }),
    );

    app.post(
      '/api/admin/mail-outbox/:id/resolve',
      {
        schema: {
          summary:
            'Resolve an e-mail whose outcome is unknown: mark it sent, or re-queue it to be sent once more',
          description:
            'Check first whether it arrived (the recipient, the SMTP server’s log): re-queueing one that did arrive ' +
            'sends it twice. `requeue` also takes a mail the SMTP server refused for good (`failed`). The worker ' +
            'sends re-queued mails within a minute. A mail in any other status is a 409 naming that status.',
          tags: ['admin'],
          params: ResolveParams,
          body: ResolveBody,
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
      async (request) => resolveMailAs(deps, officerOf(request), request.params.id, request.body.resolution),
    );
  };
