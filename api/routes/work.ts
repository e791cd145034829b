import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { sql } from 'kysely';
import { Type } from 'typebox';
import { checkQuotasIn } from '../../activities/quota-figures.js';
import { readStream, rowToEvent } from '../../db/event-store.js';
import { fold } from '../../domain/nomination/decider.js';
import type { QuotaFinding, QuotaRule } from '../../domain/quota.js';
import type { AppDeps } from '../app.js';
import { officerOf, requireOfficer, subtreeOf } from '../auth.js';

import { actionPaths, performAction } from '../nomination-actions.js';
import { NominationDetail, NominationId, NominationSummary, summaryOf } from '../nomination-view.js';
import { notFound, ProblemDetails, ProblemError } from '../problem.js';

const QuotaFindingSchema = Type.Object({
  ruleId: Type.String(),
  kind: Type.String(),
  description: Type.String(),
  enforcement: Type.String(),
  limit: Type.Number(),
  before: Type.Object({ total: Type.Integer(), inCategory: Type.Integer() }),
  after: Type.Object({ total: Type.Integer(), inCategory: Type.Integer() }),
  shareAfter: Type.Union([Type.Number(), Type.Null()]),
  outcome: Type.String(),
  text: Type.String(),
});

const percent = (x: number): string => `${(x * 100).toFixed(0)}%`;

/** "approving keeps the direct-worker share at 17%, floor 15%" */
export function describeFinding(f: QuotaFinding): string {
  if (f.kind === 'maxCount') {
    return f.outcome === 'ok'
      ? `approving makes ${f.after.total} of at most ${f.limit}`
      : `approving would make ${f.after.total}, over the limit of ${f.limit}`;
  }
  const share = percent(f.shareAfter ?? 0);
  const limit = percent(f.limit);
  if (f.kind === 'minShare') {
    return f.outcome === 'ok'
      ? `approving keeps the share at ${share}, floor ${limit}`
      : `approving brings the share to ${share}, under the floor of ${limit}`;
  }
  return f.outcome === 'ok'
    ? `approving keeps the share at ${share}, ceiling ${limit}`
    : `approving brings the share to ${share}, over the ceiling of ${limit}`;
}

const withText = (f: QuotaFinding) => ({ ...f, text: `${f.description}: ${describeFinding(f)}` });

async function quotaEffect(deps: AppDeps, nominationId: string) {
  return deps.db.transaction().execute(async (trx) => {
    const state = fold((await readStream(trx, nominationId)).map(rowToEvent), nominationId);
    if (state.status !== 'inReview') return null;
    const outcome = await checkQuotasIn(trx, nominationId, state, { lock: false });
    return { outcome: outcome.outcome, findings: outcome.findings.map(withText) };
  });
}

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
          items.push({ ...summaryOf(row), quotaEffect: decides ? await quotaEffect(deps, row.id) : null });
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
        const officer = officerOf(request);
        const { unitId, year, nominationId, asOf } = request.query;
        const at = asOf === undefined ? null : new Date(asOf);
        const subtree = await subtreeOf(deps.db, officer.unitId);
        if (!subtree.has(unitId)) throw notFound(`Unit ${unitId}`);
        const rules = (
          await deps.db
            .selectFrom('quota_rules')
            .select('rule')
            .where('active', '=', true)
            .orderBy('id')
            .execute()
        ).map((r) => r.rule as QuotaRule);
        const figures = [];
        for (const rule of rules) {
          const column = rule.scope === 'submittingUnitYear' ? 'submitting_unit_id' : 'deciding_unit_id';
          const category =
            rule.kind === 'maxCount'
              ? sql<string>`count(*)`
              : rule.category === 'nonLeader'
                ? sql<string>`count(*) filter (where not is_leader)`
                : sql<string>`count(*) filter (where is_direct_worker or not is_leader)`;
          let q = deps.db.selectFrom('award_history').where('year', '=', year).where(column, '=', unitId);
          // As of a moment: the awards approved by then and not yet revoked then.
          q =
            at === null
              ? q.where('revoked_at', 'is', null)
              : q
                  .where('approved_at', '<=', at)
                  .where((eb) => eb.or([eb('revoked_at', 'is', null), eb('revoked_at', '>', at)]));
          if (rule.kind !== 'maxCount') q = q.where('nominee_kind', '=', 'individual');
          const row = await q
            .select((eb) => [eb.fn.countAll<string>().as('total'), category.as('in_category')])
            .executeTakeFirstOrThrow();
          const total = Number(row.total);
          const inCategory = Number(row.in_category);
          figures.push({
            ruleId: rule.id,
            kind: rule.kind,
            description: rule.description,
            scope: rule.scope,
            enforcement: rule.enforcement,
            limit: rule.kind === 'maxCount' ? rule.count : rule.share,
            total,
            inCategory,
            share: rule.kind === 'maxCount' || total === 0 ? null : inCategory / total,
          });
        }
        let effect = null;
        if (nominationId !== undefined) {
          const row = await deps.db
            .selectFrom('nominations')
            .select('submitting_unit_id')
            .where('id', '=', nominationId)
            .executeTakeFirst();
          if (row === undefined || !subtree.has(row.submitting_unit_id))
            throw notFound(`Nomination ${nominationId}`);
          effect = await quotaEffect(deps, nominationId);
        }
        return { unitId, year, rules: figures, effect };
      },
    );
  };
