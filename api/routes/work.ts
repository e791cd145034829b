import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { quotaFigures } from '../../services/quotas.js';
import { inbox } from '../../services/work.js';
import type { AppDeps } from '../deps.js';
import { officerOf, requireOfficer, type Officer } from '../auth.js';
import { asProblem } from '../domain-problems.js';
import { performAction, type ActionPath } from '../nomination-actions.js';
import { summaryOf } from '../../services/nomination-view.js';
import { ProblemDetails, ProblemError } from '../problem.js';
import {
  BulkBody,
  BulkParams,
  BulkResults,
  Inbox,
  InboxQuery,
  Quotas,
  QuotasQuery,
  type BulkResult,
} from '../schemas/work.js';

/** The officer's daily work: the inbox, bulk actions, quota figures. */
export const workRoutes =
  (deps: AppDeps): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.addHook('onRequest', requireOfficer(deps.db));

    app.get(
      '/api/inbox',
      {
        schema: {
          summary:
            'What waits for the caller’s unit, soonest deadline first, with what approving would do to each quota',
          tags: ['work'],
          querystring: InboxQuery,
          response: { 200: Inbox, 401: ProblemDetails },
        },
      },
      async (request) => {
        const items = await inbox(deps, officerOf(request), { limit: request.query.limit ?? 100 });
        return { items: items.map((i) => ({ ...summaryOf(i.nomination), quotaEffect: i.quotaEffect })) };
      },
    );

    app.post(
      '/api/bulk/:action',
      {
        schema: {
          summary: 'One action on many nominations: a result per item; one failure does not undo the others',
          tags: ['work'],
          params: BulkParams,
          body: BulkBody,
          response: { 200: BulkResults, 400: ProblemDetails, 401: ProblemDetails },
        },
      },
      async (request) => {
        const results = await actOnEach(deps, officerOf(request), request.params.action, request.body);
        const succeeded = results.filter((r) => r.ok).length;
        return { results, succeeded, failed: results.length - succeeded };
      },
    );

    app.get(
      '/api/quotas',
      {
        schema: {
          summary:
            'Each quota rule’s figures now for a deciding (or submitting) unit and year, a row per scope; with a nomination, what approving it would do',
          tags: ['work'],
          querystring: QuotasQuery,
          response: { 200: Quotas, 400: ProblemDetails, 401: ProblemDetails, 404: ProblemDetails },
        },
      },
      async (request) => {
        const { asOf, ...query } = request.query;
        return quotaFigures(deps, officerOf(request), {
          ...query,
          ...(asOf === undefined ? {} : { asOf: new Date(asOf) }),
        });
      },
    );
  };

/**
 * Each item's action, a few at a time (each is its own workflow update), its result in the item's place: a refusal
 * of one is its result, not the end of the others.
 */
async function actOnEach(
  deps: AppDeps,
  officer: Officer,
  action: ActionPath,
  { items, comment }: BulkBody,
): Promise<BulkResult[]> {
  const results = new Array<BulkResult>(items.length);
  let nextIndex = 0;
  const workers = Array.from({ length: Math.min(4, items.length) }, async () => {
    for (let i = nextIndex++; i < items.length; i = nextIndex++) {
      const item = items[i];
      if (item === undefined) continue;
      try {
        const nomination = await performAction(
          deps,
          officer,
          item.id,
          action,
          { comment: item.comment ?? comment ?? null },
          item.version !== undefined ? { expectedVersion: item.version } : {},
        );
        results[i] = { id: item.id, ok: true, status: 200, nomination };
      } catch (err) {
        const problem = asProblem(err);
        if (!(problem instanceof ProblemError)) throw err;
        results[i] = {
          id: item.id,
          ok: false,
          status: problem.status,
          problem: problem.toProblem(`/api/nominations/${item.id}`),
        };
      }
    }
  });
  await Promise.all(workers);
  return results;
}
