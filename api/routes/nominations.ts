import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { readStream } from '../../db/event-store.js';
import { nominationWorkflow } from '../../workflows/nomination.js';
import type { AppDeps } from '../app.js';
import { notFound, ProblemDetails, unprocessable } from '../problem.js';

const NominationId = Type.String({
  pattern: '^nom-[0-9a-f-]{36}$',
  description: 'Nomination id (also its workflow id)',
});

const CreateNominationBody = Type.Object(
  {
    nomineeName: Type.String({ minLength: 1, maxLength: 200 }),
    awardFormCode: Type.String({ minLength: 1, maxLength: 64 }),
    year: Type.Integer({ minimum: 2000, maximum: 2100 }),
    submittingUnitId: Type.String({ minLength: 1, maxLength: 64 }),
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
  version: Type.Integer(),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
  events: Type.Array(StoredEvent),
});

/**
 * Foundation slice of the nominations resource: creating one starts its workflow, whose activity appends
 * the creation event; reading one returns the read model and its events. Accounts and the officer's
 * identity arrive with the officers' API; until then the submitting unit's officer is the actor.
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
          response: { 201: Nomination, 400: ProblemDetails, 422: ProblemDetails },
        },
      },
      async (request, reply) => {
        const body = request.body;
        const [unit, form] = await Promise.all([
          deps.db
            .selectFrom('units')
            .select(['id', 'level'])
            .where('id', '=', body.submittingUnitId)
            .executeTakeFirst(),
          deps.db
            .selectFrom('award_forms')
            .select('code')
            .where('code', '=', body.awardFormCode)
            .executeTakeFirst(),
        ]);
        const errors = [];
        if (unit === undefined)
          errors.push({ pointer: '/body/submittingUnitId', detail: `no unit "${body.submittingUnitId}"` });
        if (form === undefined)
          errors.push({ pointer: '/body/awardFormCode', detail: `no award form "${body.awardFormCode}"` });
        if (errors.length > 0)
          throw unprocessable('The nomination names a unit or award form that does not exist', errors);

        const id = `nom-${randomUUID()}`;
        await deps.temporal.workflow.execute(nominationWorkflow, {
          workflowId: id,
          taskQueue: deps.taskQueue,
          args: [
            {
              actor: { id: 'api', role: 'base_officer', unitId: body.submittingUnitId },
              createdAt: new Date().toISOString(),
              nomination: body,
            },
          ],
        });
        const created = await load(id);
        if (created === undefined)
          throw new Error(`nomination ${id} has no read model after its workflow ran`);
        return reply.status(201).header('location', `/api/nominations/${id}`).send(created);
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
