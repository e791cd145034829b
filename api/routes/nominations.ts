import { createHash } from 'node:crypto';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { sql } from 'kysely';
import { Type } from 'typebox';
import { createNomination } from '../../services/nominations.js';
import type { AppDeps } from '../app.js';
import { officerOf, requireOfficer, subtreeOf } from '../auth.js';
import { asProblem } from '../domain-problems.js';
import { uuidFrom } from '../../services/ids.js';
import { updateIdFor, withIdempotency } from '../idempotency.js';
import {
  actionPaths,
  allowedActionsFor,
  expectedVersionFrom,
  isVisible,
  performAction,
} from '../nomination-actions.js';
import {
  loadDetail,
  loadDetailAsOf,
  NominationDetail,
  NominationId,
  NominationSummary,
  summaryOf,
} from '../nomination-view.js';
import { notFound, ProblemDetails, ProblemError } from '../problem.js';

export const DossierSchema = Type.Object(
  {
    documents: Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 50 }),
    councilVote: Type.Object(
      {
        present: Type.Integer({ minimum: 1, maximum: 1000 }),
        inFavour: Type.Integer({ minimum: 0, maximum: 1000 }),
      },
      { additionalProperties: false },
    ),
    achievement: Type.String({ minLength: 1, maxLength: 10_000 }),
    theme: Type.Union([Type.String({ maxLength: 200 }), Type.Null()]),
    initiative: Type.Union([
      Type.Object(
        {
          benefitVnd: Type.Integer({ minimum: 0 }),
          threeYearBenefitVnd: Type.Optional(Type.Integer({ minimum: 0 })),
          education: Type.Union([Type.Literal('university'), Type.Literal('upToCollege')]),
        },
        { additionalProperties: false },
      ),
      Type.Null(),
    ]),
  },
  { additionalProperties: false },
);

const CreateNominationBody = Type.Object(
  {
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
    dossier: DossierSchema,
  },
  { additionalProperties: false },
);

export const ActionBodySchema = Type.Object(
  {
    comment: Type.Optional(Type.Union([Type.String({ maxLength: 2000 }), Type.Null()])),
    dossier: Type.Optional(DossierSchema),
    toFormCode: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  },
  { additionalProperties: false },
);

const ActionPathSchema = Type.Union(Object.keys(actionPaths).map((a) => Type.Literal(a)));

const ListQuery = Type.Object(
  {
    stage: Type.Optional(Type.String({ maxLength: 50 })),
    status: Type.Optional(Type.String({ maxLength: 50 })),
    holdingUnitId: Type.Optional(Type.String({ maxLength: 64 })),
    awardFormCode: Type.Optional(Type.String({ maxLength: 64 })),
    year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })),
    q: Type.Optional(Type.String({ maxLength: 200, description: "Text in the nominee's name" })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);

const headerSchema = Type.Object({
  'idempotency-key': Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  'if-match': Type.Optional(Type.String({ maxLength: 40 })),
});

function encodeCursor(updatedAt: Date, id: string): string {
  return Buffer.from(JSON.stringify([updatedAt.toISOString(), id])).toString('base64url');
}

function decodeCursor(cursor: string): [string, string] {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (
      Array.isArray(value) &&
      typeof value[0] === 'string' &&
      typeof value[1] === 'string' &&
      !Number.isNaN(Date.parse(value[0]))
    ) {
      return [value[0], value[1]];
    }
  } catch {
    // fall through
  }
  throw new ProblemError(
    400,
    'invalid-cursor',
    'Invalid cursor',
    'The cursor is not one this API gave out; start again without it.',
    [{ pointer: '/query/cursor', detail: 'not a cursor from a previous page' }],
  );
}

const fingerprint = (...parts: unknown[]): string =>
  createHash('sha256').update(JSON.stringify(parts)).digest('hex');

export const nominationRoutes =
  (deps: AppDeps): FastifyPluginAsyncTypebox =>
  async (app) => {
    const auth = requireOfficer(deps.db);

    app.get(
      '/api/nominations',
      {
        onRequest: auth,
        schema: {
          summary: 'Nominations in the caller’s subtree, newest change first, a page at a time',
          tags: ['nominations'],
          querystring: ListQuery,
          response: {
            200: Type.Object({
              items: Type.Array(NominationSummary),
              nextCursor: Type.Union([Type.String(), Type.Null()]),
            }),
            400: ProblemDetails,
            401: ProblemDetails,
          },
        },
      },
      async (request) => {
        const officer = officerOf(request);
        const q = request.query;
        const limit = q.limit ?? 50;
        const subtree = [...(await subtreeOf(deps.db, officer.unitId))];
        let query = deps.db.selectFrom('nominations').selectAll().where('submitting_unit_id', 'in', subtree);
        if (q.stage !== undefined) query = query.where('stage', '=', q.stage);
        if (q.status !== undefined) query = query.where('status', '=', q.status);
        if (q.holdingUnitId !== undefined) query = query.where('holding_unit_id', '=', q.holdingUnitId);
        if (q.awardFormCode !== undefined) query = query.where('award_form_code', '=', q.awardFormCode);
        if (q.year !== undefined) query = query.where('year', '=', q.year);
        if (q.q !== undefined && q.q.trim() !== '') {
          query = query.where(
            sql<boolean>`nominee_name ilike ${'%' + q.q.trim().replace(/[\\%_]/g, (c) => '\\' + c) + '%'}`,
          );
        }
        if (q.cursor !== undefined) {
          const [updatedAt, id] = decodeCursor(q.cursor);
          query = query.where(sql<boolean>`(updated_at, id) < (${updatedAt}::timestamptz, ${id})`);
        }
        const rows = await query
          .orderBy('updated_at', 'desc')
          .orderBy('id', 'desc')
          .limit(limit + 1)
          .execute();
        const page = rows.slice(0, limit);
        const last = page.at(-1);
        return {
          items: page.map(summaryOf),
          nextCursor:
            rows.length > limit && last !== undefined ? encodeCursor(last.updated_at, last.id) : null,
        };
      },
    );

    app.get(
      '/api/nominations/:id',
      {
        onRequest: auth,
        schema: {
          summary:
            'A nomination with its dossier and its full timeline; with asOf, as it stood at that moment',
          tags: ['nominations'],
          params: Type.Object({ id: NominationId }),
          querystring: Type.Object(
            {
              asOf: Type.Optional(
                Type.String({
                  format: 'date-time',
                  description: 'ISO time: the state then, folded from the events up to it',
                }),
              ),
            },
            { additionalProperties: false },
          ),
          response: {
            200: Type.Intersect([
              NominationDetail,
              Type.Object({
                allowedActions: Type.Array(
                  Type.Object({ action: Type.String(), needsComment: Type.Boolean() }),
                  {
                    description: 'What the caller may do now, as the rules see it',
                  },
                ),
              }),
            ]),
            401: ProblemDetails,
            404: ProblemDetails,
          },
        },
      },
      async (request, reply) => {
        const officer = officerOf(request);
        const asOf = request.query.asOf;
        if (asOf !== undefined) {
          if (!(await isVisible(deps.db, officer, request.params.id)))
            throw notFound(`Nomination ${request.params.id}`);
          const then = await loadDetailAsOf(deps.db, request.params.id, new Date(asOf));
          if (then === undefined) throw notFound(`Nomination ${request.params.id} as of ${asOf}`);
          // History is read-only: no actions on a past state.
          return { ...then, allowedActions: [] };
        }
        const detail = await loadDetail(deps.db, request.params.id);
        if (detail === undefined || !(await subtreeOf(deps.db, officer.unitId)).has(detail.submittingUnitId))
          throw notFound(`Nomination ${request.params.id}`);
        void reply.header('etag', `"${detail.version}"`);
        return { ...detail, allowedActions: allowedActionsFor(officer, detail) };
      },
    );

    app.post(
      '/api/nominations',
      {
        onRequest: auth,
        schema: {
          summary: 'Create a nomination for the caller’s unit (starts its workflow)',
          tags: ['nominations'],
          headers: headerSchema,
          body: CreateNominationBody,
          response: {
            201: NominationDetail,
            400: ProblemDetails,
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
        const key = request.headers['idempotency-key'];
        const answer = await withIdempotency(
          deps.db,
          officer.accountId,
          key,
          fingerprint('create', request.body),
          async () => {
            try {
              const created = await createNomination(deps, {
                actor: { id: officer.username, role: officer.role, unitId: officer.unitId },
                ...request.body,
                // With a key, the nomination id follows from it: a retried create finds the same nomination, even
                // when the first attempt started it and died before answering.
                ...(key !== undefined
                  ? { nominationId: `nom-${uuidFrom(updateIdFor(officer.accountId, key))}` }
                  : {}),
              });
              const detail = await loadDetail(deps.db, created.id);
              if (detail === undefined)
                throw new Error(`nomination ${created.id} has no read model after its creation`);
              return { status: 201, body: detail };
            } catch (err) {
              throw asProblem(err);
            }
          },
        );
        const body = answer.body as NominationDetail;
        if (answer.status < 400)
          void reply.header('location', `/api/nominations/${body.id}`).header('etag', `"${body.version}"`);
        if (answer.replayed) void reply.header('idempotent-replayed', 'true');
        // A replayed refusal is sent again as it was: a problem document.
        if (answer.status >= 400)
          return reply
            .status(answer.status as 409)
            .type('application/problem+json')
            .send(answer.body as ProblemDetails);
        return reply.status(201).send(body);
      },
    );

    app.post(
      '/api/nominations/:id/:action',
      {
        onRequest: auth,
        // Most actions need no body at all: an empty request is an empty object.
        preValidation: async (request) => {
          // The typed body is never undefined; the raw one is, when nothing was sent.
          if ((request.body as unknown) === undefined) request.body = {};
        },
        schema: {
          summary:
            'Act on a nomination: submit, return, resubmit, endorse, downgrade, approve, reject, withdraw, revoke, override-quota',
          description:
            'Answers with the nomination’s new state, or a problem document saying why not. Send If-Match with the version you saw ' +
            '(a stale one gets 412) and an Idempotency-Key to make a retry safe.',
          tags: ['nominations'],
          params: Type.Object({ id: NominationId, action: ActionPathSchema }),
          headers: headerSchema,
          body: ActionBodySchema,
          response: {
            200: NominationDetail,
            400: ProblemDetails,
            401: ProblemDetails,
            403: ProblemDetails,
            404: ProblemDetails,
            409: ProblemDetails,
            412: ProblemDetails,
            422: ProblemDetails,
          },
        },
      },
      async (request, reply) => {
        const officer = officerOf(request);
        const { id, action } = request.params;
        const body = request.body;
        const key = request.headers['idempotency-key'];
        const expectedVersion = expectedVersionFrom(request.headers['if-match']);
        const answer = await withIdempotency(
          deps.db,
          officer.accountId,
          key,
          fingerprint(id, action, body, expectedVersion ?? null),
          async () => ({
            status: 200,
            body: await performAction(deps, officer, id, action, body, {
              ...(expectedVersion !== undefined ? { expectedVersion } : {}),
              ...(key !== undefined ? { updateId: updateIdFor(officer.accountId, key) } : {}),
            }),
          }),
        );
        const detail = answer.body as NominationDetail;
        if (answer.replayed) void reply.header('idempotent-replayed', 'true');
        if (answer.status >= 400)
          return reply
            .status(answer.status as 409)
            .type('application/problem+json')
            .send(answer.body as ProblemDetails);
        void reply.header('etag', `"${detail.version}"`);
        return reply.status(200).send(detail);
      },
    );
  };
