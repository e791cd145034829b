import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { readStream } from '../../db/event-store.js';
import { officerRoles } from '../../domain/roles.js';
import { createNomination } from '../../services/nominations.js';
import type { AppDeps } from '../app.js';
import { notFound, ProblemDetails, unprocessable } from '../problem.js';

const NominationId = Type.String({
  pattern: '^nom-[0-9a-f-]{36}$',
  description: 'Nomination id (also its workflow id)',
});

const Dossier = Type.Object(
  {
    documents: Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 50 }),
    councilVote: Type.Object({
      present: Type.Integer({ minimum: 1, maximum: 1000 }),
      inFavour: Type.Integer({ minimum: 0, maximum: 1000 }),
    }),
    achievement: Type.String({ minLength: 1, maxLength: 10_000 }),
    theme: Type.Union([Type.String({ maxLength: 200 }), Type.Null()]),
    initiative: Type.Union([
      Type.Object({
        benefitVnd: Type.Integer({ minimum: 0 }),
        threeYearBenefitVnd: Type.Optional(Type.Integer({ minimum: 0 })),
        education: Type.Union([Type.Literal('university'), Type.Literal('upToCollege')]),
      }),
      Type.Null(),
    ]),
  },
  { additionalProperties: false },
);

const CreateNominationBody = Type.Object(
  {
    submittingUnitId: Type.String({ minLength: 1, maxLength: 64 }),
    nominee: Type.Union([
      Type.Object(
        { memberId: Type.String({ minLength: 1, maxLength: 64 }) },
        { additionalProperties: false },
      ),
      Type.Object(
        { collectiveUnitId: Type.String({ minLength: 1, maxLength: 64 }) },
        { additionalProperties: false },
      ),
    ]),
    awardFormCode: Type.String({ minLength: 1, maxLength: 64 }),
    year: Type.Integer({ minimum: 2000, maximum: 2100 }),
    dossier: Dossier,
  },
  { additionalProperties: false },
);

const StoredEvent = Type.Object({
  position: Type.Integer(),
  type: Type.String(),
  occurredAt: Type.String({ format: 'date-time' }),
  actor: Type.Object({ id: Type.String(), role: Type.String(), unitId: Type.String() }),
  comment: Type.Union([Type.String(), Type.Null()]),
  data: Type.Unknown(),
  prevHash: Type.String(),
  hash: Type.String(),
});

const Nomination = Type.Object({
  id: Type.String(),
  status: Type.String(),
  stage: Type.String(),
  nomineeName: Type.String(),
  awardFormCode: Type.String(),
  year: Type.Integer(),
  submittingUnitId: Type.String(),
  holdingUnitId: Type.String(),
  decidingUnitId: Type.Union([Type.String(), Type.Null()]),
  decisionNumber: Type.Union([Type.String(), Type.Null()]),
  deadlineAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  route: Type.Unknown(),
  version: Type.Integer(),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
  events: Type.Array(StoredEvent),
});

/**
 * The nominations resource, for now: creating one starts its workflow (its creation event is recorded before the
 * answer), reading one returns the read model and its events. Accounts and sessions arrive with the officers' API;
 * until then the submitting unit's officer is the actor of a creation.
 */
export const nominationRoutes =
  (deps: AppDeps): FastifyPluginAsyncTypebox =>
  async (app) => {
    const load = async (id: string) => {
      const row = await deps.db.selectFrom('nominations').selectAll().where('id', '=', id).executeTakeFirst();
      if (row === undefined) return undefined;
      const events = await readStream(deps.db, id);
      return {
        id: row.id,
        status: row.status,
        stage: row.stage,
        nomineeName: row.nominee_name,
        awardFormCode: row.award_form_code,
        year: row.year,
        submittingUnitId: row.submitting_unit_id,
        holdingUnitId: row.holding_unit_id,
        decidingUnitId: row.deciding_unit_id,
        decisionNumber: row.decision_number,
        deadlineAt: row.deadline_at?.toISOString() ?? null,
        route: row.route,
        version: row.version,
        createdAt: row.created_at.toISOString(),
        updatedAt: row.updated_at.toISOString(),
        events: events.map((e) => ({
          position: e.position,
          type: e.type,
          occurredAt: e.occurred_at.toISOString(),
          actor: { id: e.actor_id, role: e.actor_role, unitId: e.actor_unit_id },
          comment: e.comment,
          data: e.data,
          prevHash: e.prev_hash,
          hash: e.hash,
        })),
      };
    };

    app.post(
      '/api/nominations',
      {
        schema: {
          summary: 'Create a nomination (starts its workflow)',
          tags: ['nominations'],
          body: CreateNominationBody,
          response: {
            201: Nomination,
            400: ProblemDetails,
            403: ProblemDetails,
            404: ProblemDetails,
            422: ProblemDetails,
          },
        },
      },
      async (request, reply) => {
        const body = request.body;
        const unit = await deps.db
          .selectFrom('units')
          .select(['id', 'level'])
          .where('id', '=', body.submittingUnitId)
          .executeTakeFirst();
        if (unit === undefined) {
          throw unprocessable('The nomination names a unit that does not exist', [
            { pointer: '/body/submittingUnitId', detail: `no unit "${body.submittingUnitId}"` },
          ]);
        }
        const form = await deps.db
          .selectFrom('award_forms')
          .select('code')
          .where('code', '=', body.awardFormCode)
          .executeTakeFirst();
        if (form === undefined) {
          throw unprocessable('The nomination names an award form that does not exist', [
            { pointer: '/body/awardFormCode', detail: `no award form "${body.awardFormCode}"` },
          ]);
        }
        const created = await createNomination(deps, {
          actor: { id: 'api', role: officerRoles(unit.level)[0] ?? 'base_officer', unitId: unit.id },
          nominee: body.nominee,
          awardFormCode: body.awardFormCode,
          year: body.year,
          dossier: body.dossier,
        });
        const nomination = await load(created.id);
        if (nomination === undefined)
          throw new Error(`nomination ${created.id} has no read model after its creation`);
        return reply.status(201).header('location', `/api/nominations/${created.id}`).send(nomination);
      },
    );

    app.get(
      '/api/nominations/:id',
      {
        schema: {
          summary: 'A nomination with its event history',
          tags: ['nominations'],
          params: Type.Object({ id: NominationId }),
          response: { 200: Nomination, 404: ProblemDetails },
        },
      },
      async (request) => {
        const found = await load(request.params.id);
        if (found === undefined) throw notFound(`Nomination ${request.params.id}`);
        return found;
      },
    );
  };
