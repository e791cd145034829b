import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { randomUUID } from 'node:crypto';
import { WithStartWorkflowOperation } from '@temporalio/client';
import { sql, type Kysely } from 'kysely';
import { Type, type Static } from 'typebox';
import type { Database } from '../../db/schema.js';
import { overlapping, planProblems, type ExistingMovement } from '../../domain/movement.js';
import { officerRoles } from '../../domain/roles.js';
import type { AppDeps } from '../app.js';
import { sha256 } from '../../services/ids.js';
import { officerOf, requireOfficer, subtreeOf } from '../auth.js';
import { notFound, ProblemDetails, ProblemError } from '../problem.js';
import { updateIdFor } from '../idempotency.js';
import { uuidFrom } from '../../services/ids.js';
import { launchedUpdate, movementWorkflow, recordReviewUpdate } from '../../workflows/movement.js';
import {
  checkRows,
  createBatch,
  importTemplate,
  readImportFile,
  type NominationRow,
  type RowProblem,
} from '../../services/movement-import.js';
import { asProblem } from '../domain-problems.js';
import { requireWorkbook } from '../uploads.js';

/** Days before each review that the units in scope are reminded, unless configured (MOVEMENT_REMINDER_DAYS). */
export const DEFAULT_MOVEMENT_REMINDER_DAYS = 7;

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

const MovementDetailSchema = Type.Object({
  ...MovementSchema.properties,
  reviews: Type.Array(
    Type.Object({
      kind: Type.String(),
      on: Type.String(),
      results: Type.Unknown({
        description: 'Each unit’s scores on the criteria and its total, highest first',
      }),
      summary: Type.String(),
      recordedBy: Type.String(),
      recordedAt: Type.String({ format: 'date-time' }),
    }),
  ),
  registrations: Type.Object({ units: Type.Integer(), members: Type.Integer() }),
  nominationIds: Type.Array(Type.String()),
});

const ScoreSheetSchema = Type.Object(
  {
    unitId: Type.String({ minLength: 1, maxLength: 64 }),
    scores: Type.Record(Type.String({ maxLength: 300 }), Type.Number({ minimum: 0, maximum: 1000 })),
  },
  { additionalProperties: false },
);

const ReviewSchema = Type.Object(
  {
    kind: Type.Union([Type.Literal('interim'), Type.Literal('final')]),
    on: DateString,
    results: Type.Array(ScoreSheetSchema, { maxItems: 2000 }),
    summary: Type.String({ maxLength: 20_000 }),
  },
  { additionalProperties: false },
);

const RecordedReviewSchema = Type.Object({
  kind: Type.String(),
  on: Type.String(),
  results: Type.Array(Type.Object({ ...ScoreSheetSchema.properties, total: Type.Number() })),
  summary: Type.String(),
  recordedBy: Type.String(),
  recordedAt: Type.String({ format: 'date-time' }),
});

const Id = Type.String({ minLength: 1, maxLength: 64 });
const RowSchema = Type.Object(
  {
    memberId: Type.Optional(Id),
    unitId: Type.Optional(Id),
    awardFormCode: Type.String({ minLength: 1, maxLength: 64 }),
    achievement: Type.String({ maxLength: 5000 }),
    councilPresent: Type.Integer({ minimum: 0, maximum: 1000 }),
    councilInFavour: Type.Integer({ minimum: 0, maximum: 1000 }),
    documents: Type.Optional(Type.Array(Type.String({ maxLength: 100 }), { maxItems: 20 })),
  },
  { additionalProperties: false },
);

const BatchSchema = Type.Object({
  batchId: Type.String(),
  created: Type.Array(Type.Object({ row: Type.Integer(), nominationId: Type.String() })),
});

const batchResponses = {
  201: BatchSchema,
  401: ProblemDetails,
  403: ProblemDetails,
  404: ProblemDetails,
  409: ProblemDetails,
  422: Type.Object(
    {
      ...ProblemDetails.properties,
      rows: Type.Optional(
        Type.Array(
          Type.Object({
            row: Type.Integer(),
            field: Type.String(),
            code: Type.String(),
            problem: Type.String(),
          }),
        ),
      ),
    },
    { additionalProperties: true },
  ),
};

const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
});

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

/** A movement the officer may see: launched in their subtree, or with their unit in its scope. 404 otherwise. */
async function visibleMovement(
  db: Kysely<Database>,
  officer: { unitId: string },
  id: string,
): Promise<MovementRow> {
  const subtree = [...(await subtreeOf(db, officer.unitId))];
  const movement = await movementColumns(db)
    .where('id', '=', id)
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
    .executeTakeFirst();
  if (movement === undefined) throw notFound(`Movement ${id}`);
  return movement;
}

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
          headers: Type.Object({
            'idempotency-key': Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
          }),
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
        const key = request.headers['idempotency-key'];
        // A repeated launch with the same Idempotency-Key finds the same workflow and launches nothing new.
        const id = key === undefined ? randomUUID() : uuidFrom(updateIdFor(officer.accountId, key));
        const { scopeUnitIds: _scopeGivenAbove, ...movementPlan } = plan;
        await deps.temporal.workflow.executeUpdateWithStart(launchedUpdate, {
          startWorkflowOperation: new WithStartWorkflowOperation(movementWorkflow, {
            workflowId: `movement-${id}`,
            taskQueue: deps.taskQueue,
            workflowIdConflictPolicy: 'USE_EXISTING',
            args: [
              {
                launchingUnit: { id: officer.unitId, level: officer.unitLevel },
                plan: movementPlan,
                scopeUnitIds: scope,
                launchedBy: officer.username,
                reminderDaysBefore: deps.movementReminderDays ?? DEFAULT_MOVEMENT_REMINDER_DAYS,
              },
            ],
          }),
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

    app.get(
      '/api/movements/:id',
      {
        onRequest: auth,
        schema: {
          summary:
            'A movement with its reviews (scores per unit, ranked), registrations and the nominations it produced',
          tags: ['movements'],
          params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
          response: { 200: MovementDetailSchema, 401: ProblemDetails, 404: ProblemDetails },
        },
      },
      async (request) => {
        const movement = await visibleMovement(deps.db, officerOf(request), request.params.id);
        const [reviews, registrations, nominations] = await Promise.all([
          deps.db
            .selectFrom('movement_reviews')
            .select([
              'kind',
              sql<string>`to_char(held_on, 'YYYY-MM-DD')`.as('on'),
              'results',
              'summary',
              'recorded_by',
              'recorded_at',
            ])
            .where('movement_id', '=', movement.id)
            .orderBy('held_on')
            .execute(),
          deps.db
            .selectFrom('registrations')
            .select([
              sql<number>`count(*) filter (where member_id is null)::int`.as('units'),
              sql<number>`count(*) filter (where member_id is not null)::int`.as('members'),
            ])
            .where('movement_id', '=', movement.id)
            .executeTakeFirstOrThrow(),
          deps.db
            .selectFrom('movement_nominations')
            .select(['nomination_id', 'row_number', 'batch_id'])
            .where('movement_id', '=', movement.id)
            .orderBy('batch_id')
            .orderBy('row_number')
            .execute(),
        ]);
        return {
          ...view(movement),
          reviews: reviews.map((r) => ({
            kind: r.kind,
            on: r.on,
            results: r.results,
            summary: r.summary,
            recordedBy: r.recorded_by,
            recordedAt: r.recorded_at.toISOString(),
          })),
          registrations: { units: registrations.units, members: registrations.members },
          nominationIds: nominations.map((n) => n.nomination_id),
        };
      },
    );

    app.post(
      '/api/movements/:id/reviews',
      {
        onRequest: auth,
        schema: {
          summary:
            'Record a planned review (sơ kết or tổng kết) with each unit’s scores on the criteria; the final review closes the movement',
          tags: ['movements'],
          params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
          body: ReviewSchema,
          response: {
            201: RecordedReviewSchema,
            401: ProblemDetails,
            403: ProblemDetails,
            404: ProblemDetails,
            409: ProblemDetails,
            422: ProblemDetails,
          },
        },
      },
      async (request, reply) => {
        const officer = officerOf(request);
        const movement = await visibleMovement(deps.db, officer, request.params.id);
        try {
          const recorded = await deps.temporal.workflow
            .getHandle(`movement-${movement.id}`)
            .executeUpdate(recordReviewUpdate, {
              args: [
                {
                  ...request.body,
                  actor: { id: officer.username, role: officer.role, unitId: officer.unitId },
                },
              ],
            });
          return await reply.status(201).send(recorded);
        } catch (err) {
          const problem = asProblem(err);
          if (problem instanceof ProblemError && problem.slug === 'invalid-review') {
            const problems = (problem.extensions.problems ?? []) as { field: string; problem: string }[];
            throw new ProblemError(
              422,
              'invalid-review',
              'InvalidReview',
              problem.message,
              problems.map((p) => ({ pointer: `/body/${p.field}`, detail: p.problem })),
            );
          }
          throw problem;
        }
      },
    );

    app.get(
      '/api/movements/:id/nominations/template.xlsx',
      {
        onRequest: auth,
        schema: {
          summary: 'The Excel template for nominations from the movement’s final review',
          tags: ['movements'],
          params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
          produces: [XLSX],
          response: {
            200: Type.Unknown({ description: 'An .xlsx workbook' }),
            401: ProblemDetails,
            404: ProblemDetails,
          },
        },
      },
      async (request, reply) => {
        const movement = await visibleMovement(deps.db, officerOf(request), request.params.id);
        return reply
          .type(XLSX)
          .header('content-disposition', 'attachment; filename="de-nghi-khen-thuong.xlsx"')
          .send(await importTemplate(movement.name));
      },
    );

    app.post(
      '/api/movements/:id/nominations',
      {
        onRequest: auth,
        schema: {
          summary:
            'Create nominations from the final review, from a list; if any row is wrong none is created and each wrong row is named',
          tags: ['movements'],
          params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
          headers: IdempotencyHeaders,
          body: Type.Object(
            { rows: Type.Array(RowSchema, { minItems: 1, maxItems: 2000 }) },
            { additionalProperties: false },
          ),
          response: batchResponses,
        },
      },
      async (request, reply) => {
        const rows = request.body.rows.map((r, i) => ({ ...r, row: i + 1 }));
        const answer = await nominationsFromFinalReview(request, rows, []);
        return reply.status(201).send(answer);
      },
    );

    app.post(
      '/api/movements/:id/nominations/import',
      {
        onRequest: auth,
        schema: {
          summary:
            'Create nominations from the final review, from an Excel file (.xlsx, the template’s columns); all rows or none',
          tags: ['movements'],
          consumes: ['multipart/form-data'],
          params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
          headers: IdempotencyHeaders,
          response: { ...batchResponses, 413: ProblemDetails, 415: ProblemDetails },
        },
      },
      async (request, reply) => {
        if (!request.isMultipart())
          throw new ProblemError(
            415,
            'unsupported-media-type',
            'Unsupported media type',
            'Send the file as multipart/form-data.',
          );
        const part = await request.file({ limits: { fileSize: MAX_IMPORT_BYTES, files: 1, fields: 2 } });
        if (part === undefined)
          throw new ProblemError(422, 'invalid-import', 'InvalidImport', 'The request carries no file.');
        const file = await part.toBuffer().catch((err: unknown) => {
          if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE')
            throw new ProblemError(
              413,
              'file-too-large',
              'File too large',
              `An import file has at most ${MAX_IMPORT_BYTES / 1024 / 1024} MB.`,
            );
          throw err;
        });
        await requireWorkbook(file, part.mimetype);
        const { rows, problems } = await readImportFile(file).catch((err: unknown) => {
          throw asProblem(err);
        });
        const answer = await nominationsFromFinalReview(request, rows, problems);
        return reply.status(201).send(answer);
      },
    );

    /** The shared part of both ways in: who may, when, all rows checked, then all created or none. */
    async function nominationsFromFinalReview(
      request: { params: { id: string }; headers: Record<string, unknown> } & Parameters<typeof officerOf>[0],
      rows: NominationRow[],
      unreadable: RowProblem[],
    ): Promise<Static<typeof BatchSchema>> {
      const officer = officerOf(request);
      const movement = await visibleMovement(deps.db, officer, request.params.id);
      if (
        officer.unitId !== movement.launching_unit_id ||
        !officerRoles(officer.unitLevel).includes(officer.role)
      )
        throw new ProblemError(
          403,
          'wrong-unit',
          'WrongUnit',
          `Nominations from the final review are proposed by the launching unit's officers (${movement.launching_unit_id}).`,
        );
      const final = await deps.db
        .selectFrom('movement_reviews')
        .select('kind')
        .where('movement_id', '=', movement.id)
        .where('kind', '=', 'final')
        .executeTakeFirst();
      if (final === undefined)
        throw new ProblemError(
          409,
          'final-review-not-recorded',
          'Final review not recorded',
          `Nominations come from the final review (tổng kết); record it first (planned on ${movement.final_review}).`,
        );
      const actor = { id: officer.username, role: officer.role, unitId: officer.unitId };
      const checked = await checkRows(
        deps,
        {
          id: movement.id,
          name: movement.name,
          launchingUnitId: movement.launching_unit_id,
          year: Number(movement.starts_on.slice(0, 4)),
        },
        actor,
        rows,
        new Date().toISOString(),
      );
      const problems = [...unreadable, ...checked.problems].sort((a, b) => a.row - b.row);
      if (problems.length > 0) {
        const refused = new ProblemError(
          422,
          'rows-refused',
          'Rows refused',
          `${new Set(problems.map((p) => p.row)).size} of ${rows.length} rows are wrong; nothing was created. Correct them and send the whole list again.`,
        );
        refused.extensions = { rows: problems };
        throw refused;
      }
      const key = request.headers['idempotency-key'];
      const batchId =
        typeof key === 'string' ? updateIdFor(officer.accountId, key) : sha256(JSON.stringify(rows));
      const created = await createBatch(deps, movement.id, batchId, checked.commands).catch(
        (err: unknown) => {
          throw asProblem(err);
        },
      );
      return { batchId, created };
    }
  };
