import { createHash } from 'node:crypto';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppDeps } from '../app.js';
import { officerOf, requireOfficer } from '../auth.js';
import { isVisible } from '../nomination-actions.js';
import { NominationId } from '../nomination-view.js';
import { notFound, ProblemDetails, ProblemError } from '../problem.js';
import { requireDeclaredContent } from '../uploads.js';

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
        const officer = officerOf(request);
        if (!(await isVisible(deps.db, officer, request.params.id)))
          throw notFound(`Nomination ${request.params.id}`);
        if (officer.role === 'auditor')
          throw new ProblemError(
            403,
            'read-only',
            'Read-only role',
            'Auditors read nominations; they do not change dossiers.',
          );
        if (!request.isMultipart()) {
          throw new ProblemError(
            415,
            'unsupported-media-type',
            'Unsupported media type',
            'Send the file as multipart/form-data.',
          );
        }
        const part = await request.file({ limits: { fileSize: MAX_ATTACHMENT_BYTES, files: 1, fields: 5 } });
        if (part === undefined)
          throw new ProblemError(400, 'missing-file', 'No file', 'The request has no file part.');
        const kindField = part.fields.kind;
        const kind =
          kindField !== undefined && !Array.isArray(kindField) && kindField.type === 'field'
            ? String(kindField.value)
            : 'other';
        if (allowedTypes[part.mimetype] === undefined) {
          part.file.resume();
          throw new ProblemError(
            415,
            'unsupported-file-type',
            'Unsupported file type',
            `Files of type ${part.mimetype} are not accepted; send ${Object.values(allowedTypes).join(', ')}.`,
          );
        }
        const content = await part.toBuffer().catch((err: unknown) => {
          if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
            throw new ProblemError(
              413,
              'file-too-large',
              'File too large',
              `A dossier file has at most ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB.`,
            );
          }
          throw err;
        });
        await requireDeclaredContent(content, part.mimetype);
        const row = await deps.db
          .insertInto('attachments')
          .values({
            nomination_id: request.params.id,
            kind: kind.slice(0, 64),
            filename: part.filename.slice(0, 255),
            content_type: part.mimetype,
            size_bytes: content.length,
            sha256: createHash('sha256').update(content).digest('hex'),
            content,
            uploaded_by: officer.accountId,
          })
          .returning(['id', 'kind', 'filename', 'content_type', 'size_bytes', 'sha256', 'uploaded_at'])
          .executeTakeFirstOrThrow();
        return reply.status(201).send({
          id: row.id,
          kind: row.kind,
          filename: row.filename,
          contentType: row.content_type,
          sizeBytes: row.size_bytes,
          sha256: row.sha256,
          uploadedBy: officer.username,
          uploadedAt: row.uploaded_at.toISOString(),
        });
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
      async (request) => {
        const officer = officerOf(request);
        if (!(await isVisible(deps.db, officer, request.params.id)))
          throw notFound(`Nomination ${request.params.id}`);
        const rows = await deps.db
          .selectFrom('attachments')
          .innerJoin('accounts', 'accounts.id', 'attachments.uploaded_by')
          .select([
            'attachments.id',
            'kind',
            'filename',
            'content_type',
            'size_bytes',
            'sha256',
            'uploaded_at',
            'accounts.username',
          ])
          .where('nomination_id', '=', request.params.id)
          .orderBy('uploaded_at')
          .execute();
        return {
          items: rows.map((r) => ({
            id: r.id,
            kind: r.kind,
            filename: r.filename,
            contentType: r.content_type,
            sizeBytes: r.size_bytes,
            sha256: r.sha256,
            uploadedBy: r.username,
            uploadedAt: r.uploaded_at.toISOString(),
          })),
        };
      },
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
        const officer = officerOf(request);
        if (!(await isVisible(deps.db, officer, request.params.id)))
          throw notFound(`Nomination ${request.params.id}`);
        const row = await deps.db
          .selectFrom('attachments')
          .select(['filename', 'content_type', 'content'])
          .where('id', '=', request.params.attachmentId)
          .where('nomination_id', '=', request.params.id)
          .executeTakeFirst();
        if (row === undefined) throw notFound(`Attachment ${request.params.attachmentId}`);
        return reply
          .type(row.content_type)
          .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(row.filename)}`)
          .send(row.content);
      },
    );
  };
