import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { sql, type Kysely } from 'kysely';
import { Type } from 'typebox';
import type { Database } from '../../db/schema.js';
import { overlapping, planProblems, type ExistingMovement } from '../../domain/movement.js';
import { officerRoles } from '../../domain/roles.js';
import type { AppDeps } from '../app.js';
import { officerOf, requireOfficer, subtreeOf } from '../auth.js';
import { notFound, ProblemDetails, ProblemError } from '../problem.js';

const DateString = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });

const PlanSchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 300 }),
    targetGroup: Type.String({ minLength: 1, maxLength: 300 }),
    startsOn: DateString,
    endsOn: DateString,
    criteria: Type.Array(
      Type.Object(
        { name: Type.String({ maxLength: 300 }), maxScore: Type.Number({ minimum: 0, maximum: 1000 }) },
        { additionalProperties: false },
      ),
      {
        maxItems: 50,
      },
    ),
    interimReviews: Type.Array(DateString, { maxItems: 12 }),
    finalReview: DateString,
    /** The units the movement is for; the launching unit's subtree by default. */
    scopeUnitIds: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 1000 })),
  },
  { additionalProperties: false },
);

const MovementSchema = Type.Object({
  id: Type.String(),
  launchingUnitId: Type.String(),
  name: Type.String(),
  targetGroup: Type.String(),
  startsOn: Type.String(),
  endsOn: Type.String(),
  criteria: Type.Unknown(),
  interimReviews: Type.Unknown(),
  finalReview: Type.String(),
  status: Type.String(),
  scopeSize: Type.Integer(),
});

const movementColumns = (db: Kysely<Database>) =>
  db
    .selectFrom('movements')
    .select([
      'id',
      'launching_unit_id',
      'name',
      'target_group',
      sql<string>`to_char(starts_on, 'YYYY-MM-DD')`.as('starts_on'),
      sql<string>`to_char(ends_on, 'YYYY-MM-DD')`.as('ends_on'),
      'criteria',
      'interim_reviews',
      sql<string>`to_char(final_review, 'YYYY-MM-DD')`.as('final_review'),
      'status',
      sql<number>`(select count(*)::int from movement_scope s where s.movement_id = movements.id)`.as(
        'scope_size',
      ),
    ]);

type MovementRow = Awaited<ReturnType<ReturnType<typeof movementColumns>['executeTakeFirstOrThrow']>>;

const view = (m: MovementRow) => ({
  id: m.id,
  launchingUnitId: m.launching_unit_id,
  name: m.name,
  targetGroup: m.target_group,
  startsOn: m.starts_on,
  endsOn: m.ends_on,
  criteria: m.criteria,
  interimReviews: m.interim_reviews,
  finalReview: m.final_review,
  status: m.status,
  scopeSize: m.scope_size,
});

/** Emulation movements: launching one (with a warning when it would run alongside others), listing, registering. */
export const movementRoutes =
  (deps: AppDeps): FastifyPluginAsyncTypebox =>
  async (app) => {
    const auth = requireOfficer(deps.db);

    app.post(
      '/api/movements',
      {
        onRequest: auth,
        schema: {
          summary:
            'Launch a movement for the caller’s unit; warns when the unit already has active movements overlapping its period',
          tags: ['movements'],
          body: PlanSchema,
          response: {
            201: Type.Object({
              movement: MovementSchema,
              warnings: Type.Array(
                Type.Object({
                  code: Type.String(),
                  detail: Type.String(),
                  movements: Type.Array(Type.Object({ id: Type.String(), name: Type.String() })),
                }),
              ),
            }),
            400: ProblemDetails,
            401: ProblemDetails,
            403: ProblemDetails,
            422: ProblemDetails,
          },
        },
      },
      async (request, reply) => {
        const officer = officerOf(request);
        if (!officerRoles(officer.unitLevel).includes(officer.role)) {
          throw new ProblemError(
            403,
            'wrong-role',
            'WrongRole',
            `The role ${officer.role} does not launch movements for the unit.`,
          );
        }
        const plan = request.body;
        const problems = planProblems(plan);
        if (problems.length > 0) {
          throw new ProblemError(
            422,
            'invalid-movement',
            'Invalid movement',
            `The movement's plan does not hold together: ${problems.map((p) => p.problem).join('; ')}`,
            problems.map((p) => ({ pointer: `/body/${p.field}`, detail: p.problem })),
          );
        }
        const subtree = await subtreeOf(deps.db, officer.unitId);
        const scope = plan.scopeUnitIds ?? [...subtree];
        const outside = scope.filter((u) => !subtree.has(u));
        if (outside.length > 0) {
          throw new ProblemError(
            422,
            'invalid-movement',
            'Invalid movement',
            `A movement is launched for the unit's own subtree; not for ${outside.join(', ')}.`,
            [{ pointer: '/body/scopeUnitIds', detail: 'units outside the launching unit' }],
          );
        }
        const existing = await movementColumns(deps.db)
          .where('launching_unit_id', '=', officer.unitId)
          .where('status', '=', 'active')
          .execute();
        const alongside = overlapping(
          plan,
          existing.map((m): ExistingMovement => ({
            id: m.id,
            name: m.name,
            startsOn: m.starts_on,
            endsOn: m.ends_on,
            status: m.status,
          })),
        );
        const id = await deps.db.transaction().execute(async (trx) => {
          const row = await trx
            .insertInto('movements')
            .values({
              launching_unit_id: officer.unitId,
              name: plan.name,
              target_group: plan.targetGroup,
              starts_on: plan.startsOn,
              ends_on: plan.endsOn,
              criteria: JSON.stringify(plan.criteria),
              interim_reviews: JSON.stringify(plan.interimReviews),
              final_review: plan.finalReview,
              status: 'active',
              launched_by: officer.username,
            })
            .returning('id')
            .executeTakeFirstOrThrow();
          for (let i = 0; i < scope.length; i += 500) {
            await trx
              .insertInto('movement_scope')
              .values(scope.slice(i, i + 500).map((unit_id) => ({ movement_id: row.id, unit_id })))
              .execute();
          }
          return row.id;
        });
        const movement = await movementColumns(deps.db).where('id', '=', id).executeTakeFirstOrThrow();
        return reply.status(201).send({
          movement: view(movement),
          warnings:
            alongside.length === 0
              ? []
              : [
                  {
                    code: 'OverlappingMovements',
                    detail: `The unit already runs ${alongside.length} active movement(s) in this period; seed 004 III.1 asks not to launch many movements at the same time.`,
                    movements: alongside.map((m) => ({ id: m.id, name: m.name })),
                  },
                ],
        });
      },
    );

    app.get(
      '/api/movements',
      {
        onRequest: auth,
        schema: {
          summary: 'Movements launched in the caller’s subtree or covering the caller’s unit',
          tags: ['movements'],
          response: { 200: Type.Object({ items: Type.Array(MovementSchema) }), 401: ProblemDetails },
        },
      },
      async (request) => {
        const officer = officerOf(request);
        const subtree = [...(await subtreeOf(deps.db, officer.unitId))];
        const rows = await movementColumns(deps.db)
          .where((eb) =>
            eb.or([
              eb('launching_unit_id', 'in', subtree),
              eb(
                'id',
                'in',
                eb.selectFrom('movement_scope').select('movement_id').where('unit_id', '=', officer.unitId),
              ),
            ]),
          )
          .orderBy('starts_on', 'desc')
          .execute();
        return { items: rows.map(view) };
      },
    );

    app.post(
      '/api/movements/:id/registrations',
      {
        onRequest: auth,
        schema: {
          summary: 'Register the caller’s unit, and some of its members, for a movement (đăng ký thi đua)',
          tags: ['movements'],
          params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
          body: Type.Object(
            { memberIds: Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 5000 }) },
            { additionalProperties: false },
          ),
          response: {
            200: Type.Object({ unitRegistered: Type.Boolean(), membersRegistered: Type.Integer() }),
            401: ProblemDetails,
            404: ProblemDetails,
            422: ProblemDetails,
          },
        },
      },
      async (request) => {
        const officer = officerOf(request);
        const movement = await movementColumns(deps.db)
          .where('id', '=', request.params.id)
          .executeTakeFirst();
        const inScope = await deps.db
          .selectFrom('movement_scope')
          .select('unit_id')
          .where('movement_id', '=', request.params.id)
          .where('unit_id', '=', officer.unitId)
          .executeTakeFirst();
        if (movement === undefined || inScope === undefined)
          throw notFound(`Movement ${request.params.id} for unit ${officer.unitId}`);
        const members =
          request.body.memberIds.length === 0
            ? []
            : await deps.db
                .selectFrom('members')
                .select('id')
                .where('unit_id', '=', officer.unitId)
                .where('id', 'in', request.body.memberIds)
                .execute();
        if (members.length !== new Set(request.body.memberIds).size) {
          throw new ProblemError(
            422,
            'invalid-reference',
            'Invalid reference',
            'Only members of the unit can be registered by it.',
            [{ pointer: '/body/memberIds', detail: 'contains members of other units' }],
          );
        }
        const year = Number(movement.starts_on.slice(0, 4));
        await deps.db.transaction().execute(async (trx) => {
          await trx
            .insertInto('registrations')
            .values({ year, unit_id: officer.unitId, member_id: null, movement_id: movement.id })
            .onConflict((oc) => oc.doNothing())
            .execute();
          for (const m of members) {
            await trx
              .insertInto('registrations')
              .values({ year, unit_id: officer.unitId, member_id: m.id, movement_id: movement.id })
              .onConflict((oc) => oc.doNothing())
              .execute();
          }
        });
        return { unitRegistered: true, membersRegistered: members.length };
      },
    );
  };
