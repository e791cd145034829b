import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { verifyScope } from '../../audit/verify.js';
import { nominationHistory, scopeToVerify } from '../../services/audit.js';
import type { AppDeps } from '../deps.js';
import { officerOf, requireOfficer } from '../auth.js';
import { ProblemDetails } from '../problem.js';
import { History, HistoryParams, Verification, VerifyQuery } from '../schemas/audit.js';

/** The auditor's view: the whole history of a nomination, and the verification of a scope. */
export const auditRoutes =
  (deps: AppDeps): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.addHook('onRequest', requireOfficer(deps.db));

    app.get(
      '/api/nominations/:id/history',
      {
        schema: {
          summary:
            'Every event of a nomination in order: actor, role, unit, action, comment, vote, the review and quota figures each check saw, time, hash and previous hash',
          tags: ['audit'],
          params: HistoryParams,
          response: { 200: History, 401: ProblemDetails, 404: ProblemDetails },
        },
      },
      async (request) => ({
        nominationId: request.params.id,
        events: await nominationHistory(deps, officerOf(request), request.params.id),
      }),
    );

    app.get(
      '/api/audit/verify',
      {
        schema: {
          summary:
            'Verify a scope (a unit’s subtree and a year): hash chains and anchors, read models re-derived from the events, decision numbers',
          tags: ['audit'],
          querystring: VerifyQuery,
          response: { 200: Verification, 401: ProblemDetails, 404: ProblemDetails },
        },
      },
      async (request) => {
        const report = await verifyScope(
          deps.db,
          await scopeToVerify(deps, officerOf(request), request.query),
        );
        return { passed: report.issues.length === 0, ...report };
      },
    );
  };
