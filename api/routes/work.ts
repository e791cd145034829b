import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { sql } from 'kysely';
import { Type } from 'typebox';
import { quotaEffect, quotaFigures } from '../../services/quotas.js';
import type { AppDeps } from '../app.js';
import { officerOf, requireOfficer } from '../auth.js';

import { actionPaths, performAction } from '../nomination-actions.js';
import { NominationDetail, NominationId, NominationSummary, summaryOf } from '../nomination-view.js';
import { ProblemDetails, ProblemError } from '../problem.js';

const QuotaFindingSchema = Type.Object({
  ruleId: Type.String(),
  kind: Type.String(),
  description: Type.String(),
  scopeKey: Type.String({ description: 'The scope the figures count' }),
  enforcement: Type.String(),
  limit: Type.Number(),
  before: Type.Object({ total: Type.Integer(), inCategory: Type.Integer() }),
  after: Type.Object({ total: Type.Integer(), inCategory: Type.Integer() }),
  shareAfter: Type.Union([Type.Number(), Type.Null()]),
  outcome: Type.String(),
  text: Type.String(),
});

/** The officer's daily work: the inbox, bulk actions, quota figures. */
export const workRoutes =
  (deps: AppDeps): FastifyPluginAsyncTypebox =>
  async (app) => {
    const auth = requireOfficer(deps.db);

    app.get(
      '/api/inbox',
      {
        onRequest: auth,
        schema: {
          summary:
            'What waits for the caller’s unit, soonest deadline first, with what approving would do to each quota',
          tags: ['work'],
          querystring: Type.Object(
            { limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 100 })) },
            { additionalProperties: false },
          ),
          response: {
            200: Type.Object({
              items: Type.Array(
                Type.Intersect([
                  NominationSummary,
                  Type.Object({
                    quotaEffect: Type.Union([
                      Type.Object({ outcome: Type.String(), findings: Type.Array(QuotaFindingSchema) }),
                      Type.Null(),
                    ]),
                  }),
                ]),
              ),
            }),
            401: ProblemDetails,
          },
        },
      },
      async (request) => {
        const officer = officerOf(request);
        const rows = await deps.db
          .selectFrom('nominations')
          .selectAll()
          .where('holding_unit_id', '=', officer.unitId)
          .where('status', 'in', ['draft', 'inReview', 'returned'])
          .orderBy(sql`deadline_at asc nulls last`)
          .orderBy('created_at')
          .limit(request.query.limit ?? 100)
          .execute();
        const items = [];
        for (const row of rows) {
          // Only the deciding unit's approvals move the quota figures.
          const decides = row.status === 'inReview' && row.deciding_unit_id === officer.unitId;
          items.push({ ...summaryOf(row), quotaEffect: decides ? await quotaEffect(deps.db, row.id) : null });
        }
        return { items };
      },
    );

    app.post(
      '/api/bulk/:action',
      {
        onRequest: auth,
        schema: {
          summary: 'One action on many nominations: a result per item; one failure does not undo the others',
          tags: ['work'],
          params: Type.Object({ action: Type.Union(Object.keys(actionPaths).map((a) => Type.Literal(a))) }),
          body: Type.Object(
            {
              items: Type.Array(
                Type.Object(
                  {
                    id: NominationId,
                    version: Type.Optional(Type.Integer({ minimum: 1 })),
                    comment: Type.Optional(Type.String({ maxLength: 2000 })),
                  },
                  { additionalProperties: false },
                ),
                { minItems: 1, maxItems: 100 },
              ),
              comment: Type.Optional(Type.String({ maxLength: 2000 })),
            },
            { additionalProperties: false },
          ),
          response: {
            200: Type.Object({
              results: Type.Array(
                Type.Object({
                  id: Type.String(),
                  ok: Type.Boolean(),
                  status: Type.Integer(),
                  nomination: Type.Optional(NominationDetail),
                  problem: Type.Optional(ProblemDetails),
                }),
              ),
              succeeded: Type.Integer(),
              failed: Type.Integer(),
            }),
            400: ProblemDetails,
            401: ProblemDetails,
          },
        },
      },
      async (request) => {
        const officer = officerOf(request);
        const { items, comment } = request.body;
        const results = new Array<{
          id: string;
          ok: boolean;
          status: number;
          nomination?: NominationDetail;
          problem?: ProblemDetails;
        }>(items.length);
        // A few at a time: each is its own workflow update, and the order of the results is the order of the items.
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
                request.params.action,
                { comment: item.comment ?? comment ?? null },
                item.version !== undefined ? { expectedVersion: item.version } : {},
              );
              results[i] = { id: item.id, ok: true, status: 200, nomination };
            } catch (err) {
              if (!(err instanceof ProblemError)) throw err;
              results[i] = {
                id: item.id,
                ok: false,
                status: err.status,
                problem: err.toProblem(`/api/nominations/${item.id}`),
              };
            }
          }
        });
        await Promise.all(workers);
        const succeeded = results.filter((r) => r.ok).length;
        return { results, succeeded, failed: results.length - succeeded };
      },
    );

    app.get(
      '/api/quotas',
      {
        onRequest: auth,
        schema: {
          summary:
            'Each quota rule’s figures now for a deciding (or submitting) unit and year; with a nomination, what approving it would do',
          tags: ['work'],
          querystring: Type.Object(
            {
              unitId: Type.String({ minLength: 1, maxLength: 64 }),
              year: Type.Integer({ minimum: 2000, maximum: 2100 }),
              nominationId: Type.Optional(NominationId),
              asOf: Type.Optional(
                Type.String({ format: 'date-time', description: 'The figures as they stood at that moment' }),
              ),
            },
            { additionalProperties: false },
          ),
          response: {
            200: Type.Object({
              unitId: Type.String(),
              year: Type.Integer(),
              rules: Type.Array(
                Type.Object({
                  ruleId: Type.String(),
                  kind: Type.String(),
                  description: Type.String(),
                  scope: Type.String(),
                  scopeKey: Type.String({
                    description: 'The scope the figures count, as the approval names it',
                  }),
                  formCode: Type.Union([Type.String(), Type.Null()], {
                    description: 'The form a per-form rule counts here',
                  }),
                  theme: Type.Union([Type.String(), Type.Null()], {
                    description: 'The theme a per-theme rule counts here',
                  }),
                  enforcement: Type.String(),
                  limit: Type.Number(),
                  total: Type.Integer(),
                  inCategory: Type.Integer(),
                  share: Type.Union([Type.Number(), Type.Null()]),
                }),
              ),
              effect: Type.Union([
                Type.Object({ outcome: Type.String(), findings: Type.Array(QuotaFindingSchema) }),
                Type.Null(),
              ]),
            }),
            400: ProblemDetails,
            401: ProblemDetails,
            404: ProblemDetails,
          },
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
