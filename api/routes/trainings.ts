import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { sql, type Kysely } from 'kysely';
import { Type, type Static } from 'typebox';
import type { Database } from '../../db/schema.js';
import { officerRoles } from '../../domain/roles.js';
import type { AppDeps } from '../app.js';
import { officerOf, requireOfficer, subtreeOf } from '../auth.js';
import { ProblemDetails, ProblemError, unprocessable } from '../problem.js';
import { vietnamDay } from '../../domain/deadlines.js';

const TrainingSchema = Type.Object({
  accountId: Type.String({ format: 'uuid' }),
  username: Type.String(),
  displayName: Type.String(),
  role: Type.String(),
  unitId: Type.String(),
  year: Type.Integer(),
  course: Type.String(),
  heldOn: Type.String({ format: 'date' }),
  recordedBy: Type.String(),
  recordedAt: Type.String({ format: 'date-time' }),
});

const OfficerSchema = Type.Object({
  accountId: Type.String({ format: 'uuid' }),
  username: Type.String(),
  displayName: Type.String(),
  role: Type.String(),
  unitId: Type.String(),
});

const Year = Type.Integer({ minimum: 2000, maximum: 2100 });

/** Trainings with the account each is for. */
const trainingsQuery = (db: Kysely<Database>) =>
  db
    .selectFrom('officer_trainings')
    .innerJoin('accounts', 'accounts.id', 'officer_trainings.account_id')
    .select([
      'accounts.id',
      'accounts.username',
      'accounts.display_name',
      'accounts.role',
      'accounts.unit_id',
      'officer_trainings.year',
      'officer_trainings.course',
      'officer_trainings.recorded_by',
      'officer_trainings.recorded_at',
    ])
    // As text: pg reads a date as local midnight, which is another day in a time zone east of UTC.
    .select(sql<string>`to_char(officer_trainings.held_on, 'YYYY-MM-DD')`.as('held_on'));

type TrainingRow = Awaited<ReturnType<ReturnType<typeof trainingsQuery>['executeTakeFirstOrThrow']>>;

const trainingView = (r: TrainingRow): Static<typeof TrainingSchema> => ({
  accountId: r.id,
  username: r.username,
  displayName: r.display_name,
  role: r.role,
  unitId: r.unit_id,
  year: r.year,
  course: r.course,
  heldOn: r.held_on,
  recordedBy: r.recorded_by,
  recordedAt: r.recorded_at.toISOString(),
});

/**
 * Trainings of officers in emulation and commendation work (tập huấn, bồi dưỡng nghiệp vụ): seed 004 II.4 asks that
 * all of them be trained every year, and the periodic reports count it.
 */
export const trainingRoutes =
  (deps: AppDeps): FastifyPluginAsyncTypebox =>
  async (app) => {
    const auth = requireOfficer(deps.db);

    app.get(
      '/api/trainings',
      {
        onRequest: auth,
        schema: {
          summary: 'Trainings of a year in the caller’s subtree, and the officers not yet trained that year',
          tags: ['trainings'],
          querystring: Type.Object(
            {
              year: Type.Optional(
                Type.Integer({
                  minimum: 2000,
                  maximum: 2100,
                  description: 'The current year in Vietnam when left out',
                }),
              ),
            },
            { additionalProperties: false },
          ),
          response: {
            200: Type.Object({
              year: Type.Integer(),
              items: Type.Array(TrainingSchema),
              untrainedOfficers: Type.Array(OfficerSchema, {
                description:
                  'Officer accounts (as the report counts them) with no training recorded in the year',
              }),
            }),
            401: ProblemDetails,
          },
        },
      },
      async (request) => {
        const officer = officerOf(request);
        const year = request.query.year ?? Number(vietnamDay(new Date()).slice(0, 4));
        const subtree = [...(await subtreeOf(deps.db, officer.unitId))];
        const rows = await trainingsQuery(deps.db)
          .where('accounts.unit_id', 'in', subtree)
          .where('officer_trainings.year', '=', year)
          .orderBy('accounts.unit_id')
          .orderBy('accounts.username')
          .orderBy('officer_trainings.course')
          .execute();
        const accounts = await deps.db
          .selectFrom('accounts')
          .innerJoin('units', 'units.id', 'accounts.unit_id')
          .select(['accounts.id', 'username', 'display_name', 'role', 'unit_id', 'units.level'])
          .where('accounts.unit_id', 'in', subtree)
          .orderBy('unit_id')
          .orderBy('username')
          .execute();
        const trained = new Set(rows.map((r) => r.id));
        return {
          year,
          items: rows.map(trainingView),
          untrainedOfficers: accounts
            .filter((a) => officerRoles(a.level).includes(a.role) && !trained.has(a.id))
            .map((a) => ({
              accountId: a.id,
              username: a.username,
              displayName: a.display_name,
              role: a.role,
              unitId: a.unit_id,
            })),
        };
      },
    );

    const RecordBody = Type.Object(
      {
        year: Year,
        course: Type.String({ minLength: 1, maxLength: 300, description: 'The course’s name' }),
        heldOn: Type.String({ format: 'date', description: 'The day it was held, in the year' }),
        accountIds: Type.Array(Type.String({ format: 'uuid' }), {
          minItems: 1,
          maxItems: 500,
          uniqueItems: true,
          description: 'The officers who attended: accounts of the caller’s subtree',
        }),
      },
      { additionalProperties: false },
    );

    app.post(
      '/api/trainings',
      {
        onRequest: auth,
        schema: {
          summary: 'Record that officers of the caller’s subtree attended a training course',
          description:
            'Recording the same course for the same officer and year again changes nothing. Accounts outside the ' +
            'caller’s subtree are refused (422) and nothing is recorded.',
          tags: ['trainings'],
          body: RecordBody,
          response: {
            201: Type.Object({ items: Type.Array(TrainingSchema) }),
            400: ProblemDetails,
            401: ProblemDetails,
            403: ProblemDetails,
            422: ProblemDetails,
          },
        },
      },
      async (request, reply) => {
        const officer = officerOf(request);
        if (officer.role === 'auditor')
          throw new ProblemError(
            403,
            'read-only',
            'Read-only role',
            'Auditors read trainings; they do not record them.',
          );
        if (!officerRoles(officer.unitLevel).includes(officer.role))
          throw new ProblemError(
            403,
            'wrong-role',
            'Wrong role',
            `Only officers (${officerRoles(officer.unitLevel).join(', ')}) record trainings.`,
          );
        const body: Static<typeof RecordBody> = request.body;
        if (body.heldOn.slice(0, 4) !== String(body.year))
          throw unprocessable(`The course was held on ${body.heldOn}, not in ${body.year}.`, [
            { pointer: '/body/heldOn', detail: `not in ${body.year}` },
          ]);
        const subtree = await subtreeOf(deps.db, officer.unitId);
        const known = await deps.db
          .selectFrom('accounts')
          .select(['id', 'unit_id'])
          .where('id', 'in', body.accountIds)
          .execute();
        const inSubtree = new Set(known.filter((a) => subtree.has(a.unit_id)).map((a) => a.id));
        const outside = body.accountIds.map((id, i) => ({ id, i })).filter(({ id }) => !inSubtree.has(id));
        if (outside.length > 0)
          throw unprocessable(
            `${outside.length} of the accounts are not in ${officer.unitName} or the units below it.`,
            outside.map(({ id, i }) => ({
              pointer: `/body/accountIds/${i}`,
              detail: `account ${id} does not exist or is outside the caller’s subtree`,
            })),
          );
        await deps.db
          .insertInto('officer_trainings')
          .values(
            body.accountIds.map((id) => ({
              account_id: id,
              year: body.year,
              course: body.course,
              held_on: body.heldOn,
              recorded_by: officer.username,
            })),
          )
          .onConflict((oc) => oc.columns(['account_id', 'year', 'course']).doNothing())
          .execute();
        const rows = await trainingsQuery(deps.db)
          .where('officer_trainings.account_id', 'in', body.accountIds)
          .where('officer_trainings.year', '=', body.year)
          .where('officer_trainings.course', '=', body.course)
          .orderBy('accounts.username')
          .execute();
        return reply.status(201).send({
          items: rows.map(trainingView),
        });
      },
    );
  };
