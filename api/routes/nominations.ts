/** Nominations: list, read (now or as of a moment), create, act. Each handler calls one service. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { sha256 } from '../../services/ids.js';
import { nominate } from '../../services/nomination-actions.js';
import { listNominations, nominationDetail } from '../../services/nomination-view.js';
import type { AppDeps } from '../deps.js';
import { officerOf, requireOfficer } from '../auth.js';
import { updateIdFor, withIdempotency, type StoredAnswer } from '../idempotency.js';
import { expectedVersionFrom, performAction } from '../nomination-actions.js';
import { ProblemDetails } from '../problem.js';
import {
  ActionBodySchema,
  ActionHeaders,
  ActionPathSchema,
  CreateNominationBody,
  DetailQuery,
  ListQuery,
  NominationDetail,
  NominationDetailWithActions,
  NominationId,
  NominationPage,
} from '../schemas/nominations.js';

const fingerprint = (...parts: unknown[]): string => sha256(JSON.stringify(parts));

const refusals = { 400: ProblemDetails, 401: ProblemDetails, 403: ProblemDetails, 404: ProblemDetails };
const conflicts = { 409: ProblemDetails, 422: ProblemDetails };

export const nominationRoutes =
  (deps: AppDeps): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.addHook('onRequest', requireOfficer(deps.db));

    app.get(
      '/api/nominations',
      {
        schema: {
          summary: 'Nominations in the caller’s subtree, newest change first, a page at a time',
          tags: ['nominations'],
          querystring: ListQuery,
          response: { 200: NominationPage, 400: ProblemDetails, 401: ProblemDetails },
        },
      },
      async (request) => listNominations(deps, officerOf(request), request.query),
    );

    app.get(
      '/api/nominations/:id',
      {
        schema: {
          summary:
            'A nomination with its dossier and its full timeline; with asOf, as it stood at that moment',
          tags: ['nominations'],
          params: Type.Object({ id: NominationId }),
          querystring: DetailQuery,
          response: { 200: NominationDetailWithActions, 401: ProblemDetails, 404: ProblemDetails },
        },
      },
      async (request, reply) => {
        const { asOf } = request.query;
        const detail = await nominationDetail(
          deps,
          officerOf(request),
          request.params.id,
          asOf !== undefined ? { asOf: new Date(asOf) } : {},
        );
        if (asOf === undefined) void reply.header('etag', `"${detail.version}"`);
        return detail;
      },
    );

    app.post(
      '/api/nominations',
      {
        schema: {
          summary: 'Create a nomination for the caller’s unit (starts its workflow)',
          tags: ['nominations'],
          headers: ActionHeaders,
          body: CreateNominationBody,
          response: { 201: NominationDetail, ...refusals, ...conflicts },
        },
      },
      async (request, reply) => {
        const officer = officerOf(request);
        const key = request.headers['idempotency-key'];
        const answer = await withIdempotency(
          deps.db,
          officer.accountId,
          key,
          fingerprint('create', request.body),
          async () => {
            const requestId = key !== undefined ? updateIdFor(officer.accountId, key) : undefined;
            // A refusal is kept as the key's answer by withIdempotency, and answered by the error handler.
            return { status: 201, body: await nominate(deps, officer, request.body, requestId) };
          },
        );
        const body = answer.body as NominationDetail;
        if (answer.status < 400) void reply.header('location', `/api/nominations/${body.id}`);
        return send(reply, answer, 201);
      },
    );

    app.post(
      '/api/nominations/:id/:action',
      {
        // Most actions need no body at all: an empty request is an empty object.
        preValidation: async (request) => {
          // The typed body is never undefined; the raw one is, when nothing was sent.
          if ((request.body as unknown) === undefined) request.body = {};
        },
        schema: {
          summary:
            'Act on a nomination: submit, return, resubmit, endorse, downgrade, approve, reject, withdraw, revoke, override-quota',
          description:
            'Answers with the nomination’s new state, or a problem document saying why not. Send If-Match with the version you saw ' +
            '(a stale one gets 412) and an Idempotency-Key to make a retry safe.',
          tags: ['nominations'],
          params: Type.Object({ id: NominationId, action: ActionPathSchema }),
          headers: ActionHeaders,
          body: ActionBodySchema,
          response: { 200: NominationDetail, ...refusals, ...conflicts, 412: ProblemDetails },
        },
      },
      async (request, reply) => {
        const officer = officerOf(request);
        const { id, action } = request.params;
        const key = request.headers['idempotency-key'];
        const expectedVersion = expectedVersionFrom(request.headers['if-match']);
        const answer = await withIdempotency(
          deps.db,
          officer.accountId,
          key,
          fingerprint(id, action, request.body, expectedVersion ?? null),
          async () => ({
            status: 200,
            body: await performAction(deps, officer, id, action, request.body, {
              ...(expectedVersion !== undefined ? { expectedVersion } : {}),
              ...(key !== undefined ? { updateId: updateIdFor(officer.accountId, key) } : {}),
            }),
          }),
        );
        return send(reply, answer, 200);
      },
    );
  };

/** An answer as withIdempotency kept it: the nomination with its ETag, or a refusal sent again as it was. */
function send(reply: FastifyReply, answer: StoredAnswer, status: number): FastifyReply {
  if (answer.replayed) void reply.header('idempotent-replayed', 'true');
  if (answer.status >= 400)
    return reply.status(answer.status).type('application/problem+json').send(answer.body);
  void reply.header('etag', `"${(answer.body as NominationDetail).version}"`);
  return reply.status(status).send(answer.body);
}
