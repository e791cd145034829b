import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { ServiceDeps } from '../../services/deps.js';
import { recordMovementReview } from '../../services/movement-reviews.js';
import {
  importNominations,
  nominationTemplate,
  proposeNominations,
} from '../../services/movement-nominations.js';
import {
  launchMovement,
  listMovements,
  movementDetail,
  registerForMovement,
} from '../../services/movements.js';
import { officerOf, requireOfficer } from '../auth.js';
import { ProblemDetails, ProblemError } from '../problem.js';
import {
  batchResponses,
  IdempotencyHeaders,
  LaunchedSchema,
  MovementDetailSchema,
  MovementParams,
  MovementSchema,
  PlanSchema,
  RecordedReviewSchema,
  RegistrationBody,
  RegistrationSchema,
  ReviewSchema,
  RowsBody,
} from '../schemas/movements.js';
import { requireWorkbook, XLSX_TYPE } from '../uploads.js';

const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

/** Emulation movements: launching one (with a warning when it would run alongside others), listing, registering. */
export const movementRoutes =
  (deps: ServiceDeps): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.addHook('onRequest', requireOfficer(deps.db));
    const tags = ['movements'];

    app.post(
      '/api/movements',
      {
        schema: {
          summary:
            'Launch a movement for the caller’s unit; warns when the unit already has active movements overlapping its period',
          tags,
          body: PlanSchema,
          headers: IdempotencyHeaders,
          response: {
            201: LaunchedSchema,
            400: ProblemDetails,
            401: ProblemDetails,
            403: ProblemDetails,
            422: ProblemDetails,
          },
        },
      },
      async (request, reply) => {
        const key = request.headers['idempotency-key'];
        const launched = await launchMovement(deps, officerOf(request), request.body, key);
        return reply.status(201).send(launched);
      },
    );

    app.get(
      '/api/movements',
      {
        schema: {
          summary: 'Movements launched in the caller’s subtree or covering the caller’s unit',
          tags,
          response: { 200: Type.Object({ items: Type.Array(MovementSchema) }), 401: ProblemDetails },
        },
      },
      async (request) => ({ items: await listMovements(deps, officerOf(request)) }),
    );

    app.post(
      '/api/movements/:id/registrations',
      {
        schema: {
          summary: 'Register the caller’s unit, and some of its members, for a movement (đăng ký thi đua)',
          tags,
          params: MovementParams,
          body: RegistrationBody,
          response: {
            200: RegistrationSchema,
            401: ProblemDetails,
            404: ProblemDetails,
            422: ProblemDetails,
          },
        },
      },
      async (request) =>
        registerForMovement(deps, officerOf(request), request.params.id, request.body.memberIds),
    );

    app.get(
      '/api/movements/:id',
      {
        schema: {
          summary:
            'A movement with its reviews (scores per unit, ranked), registrations and the nominations it produced',
          tags,
          params: MovementParams,
          response: { 200: MovementDetailSchema, 401: ProblemDetails, 404: ProblemDetails },
        },
      },
      async (request) => movementDetail(deps, officerOf(request), request.params.id),
    );

    app.post(
      '/api/movements/:id/reviews',
      {
        schema: {
          summary:
            'Record a planned review (sơ kết or tổng kết) with each unit’s scores on the criteria; the final review closes the movement',
          tags,
          params: MovementParams,
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
        const recorded = await recordMovementReview(
          deps,
          officerOf(request),
          request.params.id,
          request.body,
        );
        return reply.status(201).send(recorded);
      },
    );

    app.get(
      '/api/movements/:id/nominations/template.xlsx',
      {
        schema: {
          summary: 'The Excel template for nominations from the movement’s final review',
          tags,
          params: MovementParams,
          produces: [XLSX_TYPE],
          response: {
            200: Type.Unknown({ description: 'An .xlsx workbook' }),
            401: ProblemDetails,
            404: ProblemDetails,
          },
        },
      },
      async (request, reply) =>
        reply
          .type(XLSX_TYPE)
          .header('content-disposition', 'attachment; filename="de-nghi-khen-thuong.xlsx"')
          .send(await nominationTemplate(deps, officerOf(request), request.params.id)),
    );

    app.post(
      '/api/movements/:id/nominations',
      {
        schema: {
          summary:
            'Create nominations from the final review, from a list; if any row is wrong none is created and each wrong row is named',
          tags,
          params: MovementParams,
          headers: IdempotencyHeaders,
          body: RowsBody,
          response: batchResponses,
        },
      },
      async (request, reply) => {
        const key = request.headers['idempotency-key'];
        const batch = await proposeNominations(
          deps,
          officerOf(request),
          request.params.id,
          request.body.rows,
          key,
        );
        return reply.status(201).send(batch);
      },
    );

    app.post(
      '/api/movements/:id/nominations/import',
      {
        schema: {
          summary:
            'Create nominations from the final review, from an Excel file (.xlsx, the template’s columns); all rows or none',
          tags,
          consumes: ['multipart/form-data'],
          params: MovementParams,
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
        const key = request.headers['idempotency-key'];
        const batch = await importNominations(deps, officerOf(request), request.params.id, file, key);
        return reply.status(201).send(batch);
      },
    );
  };
