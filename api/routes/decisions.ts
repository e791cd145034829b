import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  addToDecision,
  awaitingDecision,
  decisionOf,
  decisionsOf,
  editDecision,
  issueDecision,
  prepareDecision,
  removeFromDecision,
} from '../../services/decisions.js';
import { decisionDefaultsOf, setDecisionDefaults } from '../../services/decision-defaults.js';
import type { ServiceDeps } from '../../services/deps.js';
import { officerOf, requireOfficer } from '../auth.js';
import { ProblemDetails } from '../problem.js';
import {
  AnnexBody,
  AnnexEntryParams,
  AwaitingQuery,
  AwaitingSchema,
  DecisionDefaultsSchema,
  DecisionParams,
  DecisionSchema,
  DecisionsQuery,
  DecisionSummarySchema,
  EditDecisionBody,
  PrepareDecisionBody,
} from '../schemas/decisions.js';

/**
 * Decisions (quyết định khen thưởng) as records: the deciding unit's drafts and their annexes of nominations. Refusals
 * (not a preparer, an issued decision, a nomination that cannot be listed) are the services' DomainErrors.
 */
export const decisionRoutes =
  (deps: ServiceDeps): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.addHook('onRequest', requireOfficer(deps.db));
    const tags = ['decisions'];

    app.get(
      '/api/decisions',
      {
        schema: {
          summary: 'Decisions of the caller’s unit and the units below it, newest first',
          tags,
          querystring: DecisionsQuery,
          response: { 200: Type.Object({ items: Type.Array(DecisionSummarySchema) }) },
        },
      },
      async (request) => ({ items: await decisionsOf(deps, officerOf(request), request.query) }),
    );

    app.get(
      '/api/decision-defaults',
      {
        schema: {
          summary: 'What the caller’s unit’s new drafts start with: its bases, recipients and signer',
          tags,
          response: { 200: Type.Object({ items: Type.Array(DecisionDefaultsSchema) }), 403: ProblemDetails },
        },
      },
      async (request) => ({ items: await decisionDefaultsOf(deps, officerOf(request)) }),
    );

    app.put(
      '/api/decision-defaults',
      {
        schema: {
          summary:
            'Set what the caller’s unit’s new drafts start with, for all its decisions or for one form’s',
          description:
            'A draft prepared without bases, recipients or signer takes the unit’s own defaults, then those of each ' +
            'form it lists (each line once).',
          tags,
          body: DecisionDefaultsSchema,
          response: {
            200: Type.Object({ items: Type.Array(DecisionDefaultsSchema) }),
            403: ProblemDetails,
            422: ProblemDetails,
          },
        },
      },
      async (request) => ({ items: await setDecisionDefaults(deps, officerOf(request), request.body) }),
    );

    app.get(
      '/api/decisions/awaiting',
      {
        schema: {
          summary: 'Nominations that wait for the caller’s unit’s decision and are in no decision yet',
          tags,
          querystring: AwaitingQuery,
          response: { 200: AwaitingSchema },
        },
      },
      async (request) => ({
        items: await awaitingDecision(deps, officerOf(request), request.query.year, request.query.kind),
      }),
    );

    app.post(
      '/api/decisions',
      {
        schema: {
          summary: 'Prepare a draft decision of the caller’s unit, optionally with its annex',
          description:
            'Each nomination listed must wait for the unit’s decision (in review, held by the unit, which decides ' +
            'its form), be of the decision’s year and be in no other decision; otherwise nothing is created (422, ' +
            'one error per refused nomination).',
          tags,
          body: PrepareDecisionBody,
          response: { 201: DecisionSchema, 409: ProblemDetails, 422: ProblemDetails },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await prepareDecision(deps, officerOf(request), request.body)),
    );

    app.get(
      '/api/decisions/:id',
      {
        schema: {
          summary: 'A decision with its annex, grouped by form',
          tags,
          params: DecisionParams,
          response: { 200: DecisionSchema, 404: ProblemDetails },
        },
      },
      async (request) => decisionOf(deps, officerOf(request), request.params.id),
    );

    app.patch(
      '/api/decisions/:id',
      {
        schema: {
          summary: 'Change a draft’s text (title, bases, occasion, recipients, signer)',
          tags,
          params: DecisionParams,
          body: EditDecisionBody,
          response: { 200: DecisionSchema, 404: ProblemDetails, 409: ProblemDetails },
        },
      },
      async (request) => editDecision(deps, officerOf(request), request.params.id, request.body),
    );

    app.post(
      '/api/decisions/:id/annex',
      {
        schema: {
          summary: 'List nominations in a draft’s annex (all of them, or none)',
          tags,
          params: DecisionParams,
          body: AnnexBody,
          response: { 200: DecisionSchema, 404: ProblemDetails, 409: ProblemDetails, 422: ProblemDetails },
        },
      },
      async (request) =>
        addToDecision(deps, officerOf(request), request.params.id, request.body.nominationIds),
    );

    app.post(
      '/api/decisions/:id/issue',
      {
        schema: {
          summary: 'Issue a draft: every nomination of its annex approved under one number and date, or none',
          description:
            'Signed by the caller, a decider of the issuing unit. If any nomination cannot be approved (withdrawn ' +
            'meanwhile, a quota the batch as a whole would break, a check that fails), none is, and the refusal (409 ' +
            '`decision-refused`) lists each one in `refusals`. Issuing an issued decision again answers it as it is.',
          tags,
          params: DecisionParams,
          response: { 200: DecisionSchema, 404: ProblemDetails, 409: ProblemDetails, 503: ProblemDetails },
        },
      },
      async (request) => issueDecision(deps, officerOf(request), request.params.id),
    );

    app.delete(
      '/api/decisions/:id/annex/:nominationId',
      {
        schema: {
          summary: 'Take a nomination off a draft’s annex',
          tags,
          params: AnnexEntryParams,
          response: { 200: DecisionSchema, 404: ProblemDetails, 409: ProblemDetails },
        },
      },
      async (request) =>
        removeFromDecision(deps, officerOf(request), request.params.id, request.params.nominationId),
    );
  };
