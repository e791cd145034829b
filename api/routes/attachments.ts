import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { attachFile, attachmentFile, listAttachments } from '../../services/attachments.js';
import type { AppDeps } from '../deps.js';
import { officerOf, requireOfficer } from '../auth.js';
import { NominationId } from '../schemas/nominations.js';
import { ProblemDetails } from '../problem.js';
import { receiveFile } from '../uploads.js';

export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

/** Kinds of files a dossier holds: scans and office documents. */
export const allowedTypes: Record<string, string> = {
  'application/pdf': 'PDF',
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'DOCX',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'XLSX',
};

const AttachmentSchema = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  filename: Type.String(),
  contentType: Type.String(),
  sizeBytes: Type.Integer(),
  sha256: Type.String(),
  uploadedBy: Type.String(),
  uploadedAt: Type.String({ format: 'date-time' }),
});

export const attachmentRoutes =
  (deps: AppDeps): FastifyPluginAsyncTypebox =>
  async (app) => {
    const auth = requireOfficer(deps.db);

    app.post(
      '/api/nominations/:id/attachments',
      {
        onRequest: auth,
        schema: {
          summary:
            'Attach a dossier file (multipart: a `kind` field, then the `file`); PDF, JPEG, PNG, DOCX or XLSX, at most 10 MB. ' +
            'The content must be what the part declares (415 `file-content-mismatch` otherwise, naming both types)',
          tags: ['attachments'],
          consumes: ['multipart/form-data'],
          params: Type.Object({ id: NominationId }),
          response: {
            201: AttachmentSchema,
            400: ProblemDetails,
            401: ProblemDetails,
            403: ProblemDetails,
            404: ProblemDetails,
            413: ProblemDetails,
            415: ProblemDetails,
          },
        },
      },
      async (request, reply) => {
        const attached = await attachFile(deps, officerOf(request), request.params.id, () =>
          receiveFile(request, {
            accepted: allowedTypes,
            maxBytes: MAX_ATTACHMENT_BYTES,
            what: 'A dossier file',
          }),
        );
        return reply.status(201).send(attached);
      },
    );

    app.get(
      '/api/nominations/:id/attachments',
      {
        onRequest: auth,
        schema: {
          summary: 'The dossier files of a nomination',
          tags: ['attachments'],
          params: Type.Object({ id: NominationId }),
          response: {
            200: Type.Object({ items: Type.Array(AttachmentSchema) }),
            401: ProblemDetails,
            404: ProblemDetails,
          },
        },
      },
      async (request) => ({
        items: await listAttachments(deps, officerOf(request), request.params.id),
      }),
    );

    app.get(
      '/api/nominations/:id/attachments/:attachmentId',
      {
        onRequest: auth,
        schema: {
          summary: 'Download a dossier file',
          tags: ['attachments'],
          params: Type.Object({ id: NominationId, attachmentId: Type.String({ format: 'uuid' }) }),
          response: {
            200: Type.Unknown({ description: 'The file, with its own content type' }),
            401: ProblemDetails,
            404: ProblemDetails,
          },
        },
      },
      async (request, reply) => {
        const file = await attachmentFile(
          deps,
          officerOf(request),
          request.params.id,
          request.params.attachmentId,
        );
        return reply
          .type(file.contentType)
          .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.filename)}`)
          .send(file.content);
      },
    );
  };
