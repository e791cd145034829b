import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppDeps } from '../app.js';
import { officerOf, requireOfficer, subtreeOf } from '../auth.js';
import { notFound, ProblemDetails } from '../problem.js';

const UnitSchema = Type.Object({
  id: Type.String(),
  parentId: Type.Union([Type.String(), Type.Null()]),
  name: Type.String(),
  level: Type.String(),
  block: Type.Union([Type.String(), Type.Null()]),
});

const AwardFormSchema = Type.Object({
  code: Type.String(),
  name: Type.String(),
  subject: Type.String(),
  decidingLevel: Type.String(),
  requiredDocuments: Type.Array(Type.String()),
  voteThreshold: Type.Number(),
  fastTrack: Type.Boolean(),
  eligibility: Type.Unknown(),
});

/** The unit tree an officer sees (their unit's subtree, and the units above it on the way up) and the award catalogue. */
export const catalogueRoutes =
  (deps: AppDeps): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/api/units',
      {
        onRequest: requireOfficer(deps.db),
        schema: {
          summary: "The caller's unit, its subtree and the units above it",
          tags: ['catalogue'],
          response: { 200: Type.Object({ items: Type.Array(UnitSchema) }), 401: ProblemDetails },
        },
      },
      async (request) => {
        const officer = officerOf(request);
        const visible = await subtreeOf(deps.db, officer.unitId);
        const all = await deps.db.selectFrom('units').selectAll().orderBy('id').execute();
        const byId = new Map(all.map((u) => [u.id, u]));
        // The chain upwards, so the page can show where nominations go.
        for (
          let up = byId.get(officer.unitId)?.parent_id ?? null;
          up !== null;
          up = byId.get(up)?.parent_id ?? null
        )
          visible.add(up);
        return {
          items: all
            .filter((u) => visible.has(u.id))
            .map((u) => ({ id: u.id, parentId: u.parent_id, name: u.name, level: u.level, block: u.block })),
        };
      },
    );

    app.get(
      '/api/members',
      {
        onRequest: requireOfficer(deps.db),
        schema: {
          summary: 'Members (đoàn viên) of a unit in the caller’s subtree',
          tags: ['catalogue'],
          querystring: Type.Object(
            { unitId: Type.String({ minLength: 1, maxLength: 64 }) },
            { additionalProperties: false },
          ),
          response: {
            200: Type.Object({
              items: Type.Array(
                Type.Object({
                  id: Type.String(),
                  fullName: Type.String(),
                  position: Type.String(),
                  isLeader: Type.Boolean(),
                  isDirectWorker: Type.Boolean(),
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
        if (!(await subtreeOf(deps.db, officer.unitId)).has(request.query.unitId))
          throw notFound(`Unit ${request.query.unitId}`);
        const rows = await deps.db
          .selectFrom('members')
          .selectAll()
          .where('unit_id', '=', request.query.unitId)
          .orderBy('full_name')
          .execute();
        return {
          items: rows.map((m) => ({
            id: m.id,
            fullName: m.full_name,
            position: m.position,
            isLeader: m.is_leader,
            isDirectWorker: m.is_direct_worker,
          })),
        };
      },
    );

    app.get(
      '/api/award-forms',
      {
        onRequest: requireOfficer(deps.db),
        schema: {
          summary: 'The award catalogue',
          tags: ['catalogue'],
          response: { 200: Type.Object({ items: Type.Array(AwardFormSchema) }), 401: ProblemDetails },
        },
      },
      async () => {
        const rows = await deps.db.selectFrom('award_forms').selectAll().orderBy('code').execute();
        return {
          items: rows.map((f) => ({
            code: f.code,
            name: f.name,
            subject: f.subject,
            decidingLevel: f.deciding_level,
            requiredDocuments: f.required_documents as string[],
            voteThreshold: Number(f.vote_threshold),
            fastTrack: f.fast_track,
            eligibility: f.eligibility,
          })),
        };
      },
    );
  };
