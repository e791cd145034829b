import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { verifyScope } from '../../audit/verify.js';
import type { AppDeps } from '../app.js';
import { officerOf, requireOfficer, subtreeOf } from '../auth.js';
import { NominationId, StoredEvent } from '../nomination-view.js';
import { notFound, ProblemDetails } from '../problem.js';
import { readStream } from '../../db/event-store.js';

const HistoryEntry = Type.Intersect([
  StoredEvent,
  Type.Object({
    action: Type.String({ description: 'What happened, in the domain’s words (the event type)' }),
    councilVote: Type.Union([
      Type.Object({ present: Type.Integer(), inFavour: Type.Integer() }),
      Type.Null(),
    ]),
    review: Type.Union([Type.Unknown(), Type.Null()]),
    quota: Type.Union([Type.Unknown(), Type.Null()]),
  }),
]);

/** The auditor's view: the whole history of a nomination, and the verification of a scope. */
export const auditRoutes =
  (deps: AppDeps): FastifyPluginAsyncTypebox =>
  async (app) => {
    const auth = requireOfficer(deps.db);

    app.get(
      '/api/nominations/:id/history',
      {
        onRequest: auth,
        schema: {
          summary:
            'Every event of a nomination in order: actor, role, unit, action, comment, vote, the review and quota figures each check saw, time, hash and previous hash',
          tags: ['audit'],
          params: Type.Object({ id: NominationId }),
          response: {
            200: Type.Object({ nominationId: Type.String(), events: Type.Array(HistoryEntry) }),
            401: ProblemDetails,
            404: ProblemDetails,
          },
        },
      },
      async (request) => {
        const officer = officerOf(request);
        const id = request.params.id;
        const row = await deps.db
          .selectFrom('nominations')
          .select('submitting_unit_id')
          .where('id', '=', id)
          .executeTakeFirst();
        if (row === undefined || !(await subtreeOf(deps.db, officer.unitId)).has(row.submitting_unit_id))
          throw notFound(`Nomination ${id}`);
        const events = await readStream(deps.db, id);
        return {
          nominationId: id,
          events: events.map((e) => {
            const data = e.data as {
              dossier?: { councilVote?: { present: number; inFavour: number } };
              review?: unknown;
              quota?: unknown;
            };
            return {
              position: e.position,
              type: e.type,
              action: e.type,
              occurredAt: e.occurred_at.toISOString(),
              actor: { id: e.actor_id, role: e.actor_role, unitId: e.actor_unit_id },
              comment: e.comment,
              data: e.data,
              councilVote: data.dossier?.councilVote ?? null,
              review: data.review ?? null,
              quota: data.quota ?? null,
              prevHash: e.prev_hash,
              hash: e.hash,
            };
          }),
        };
      },
    );

    app.get(
      '/api/audit/verify',
      {
        onRequest: auth,
        schema: {
          summary:
            'Verify a scope (a unit’s subtree and a year): hash chains and anchors, read models re-derived from the events, decision numbers',
          tags: ['audit'],
          querystring: Type.Object(
            {
              unitId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
              year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })),
            },
            { additionalProperties: false },
          ),
          response: {
            200: Type.Object({
              passed: Type.Boolean(),
              streams: Type.Integer(),
              events: Type.Integer(),
              decisions: Type.Integer(),
              seconds: Type.Number(),
              issues: Type.Array(
                Type.Object({
                  kind: Type.String(),
                  nominationId: Type.Union([Type.String(), Type.Null()]),
                  position: Type.Union([Type.Integer(), Type.Null()]),
                  detail: Type.String(),
                }),
              ),
            }),
            401: ProblemDetails,
            404: ProblemDetails,
          },
        },
      },
      async (request) => {
        const officer = officerOf(request);
        const unitId = request.query.unitId ?? officer.unitId;
        if (!(await subtreeOf(deps.db, officer.unitId)).has(unitId)) throw notFound(`Unit ${unitId}`);
        const report = await verifyScope(deps.db, {
          unitId,
          ...(request.query.year !== undefined ? { year: request.query.year } : {}),
        });
        return { passed: report.issues.length === 0, ...report };
      },
    );
  };
