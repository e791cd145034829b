/**
 * What an uploaded file really is. The type a client declares is only a claim: a page saved as `bien-ban.pdf` or a
 * program renamed `.docx` would be stored and later served back to officers under the declared type. The first bytes
 * (and, for the Office formats, the entries of their ZIP container) say what the content is.
 */
import type { FastifyRequest } from 'fastify';
import { fileTypeFromBuffer } from 'file-type';
import type { ReceivedFile } from '../services/attachments.js';
import { problemFromCode } from './domain-problems.js';
import { ProblemError } from './problem.js';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The declared media type without its parameters, as it is compared (`Application/PDF; x=y` → `application/pdf`). */
export const mediaTypeOf = (declared: string): string => declared.split(';')[0]?.trim().toLowerCase() ?? '';

/**
 * The media type the content shows. Text formats have no magic number, so what file-type cannot name is told apart
 * here as HTML (which a browser would run), other text, or unknown binary data.
 */
export async function detectedType(content: Buffer): Promise<string> {
  const found = await fileTypeFromBuffer(content);
  if (found !== undefined) return found.mime;
  const head = content.subarray(0, 1024);
  if (head.includes(0)) return 'application/octet-stream';
  const text = head.toString('utf8').trimStart().toLowerCase();
  if (/^(<!doctype html|<html|<head|<body|<iframe)/.test(text) || text.includes('<script'))
    return 'text/html';
  if (text.includes('<svg')) return 'image/svg+xml';
  if (text.startsWith('<?xml')) return 'application/xml';
  return 'text/plain';
}

/** A dossier file whose content is not what it was declared as: refused, naming both. */
export async function requireDeclaredContent(content: Buffer, declared: string): Promise<void> {
  const claimed = mediaTypeOf(declared);
  const actual = await detectedType(content);
  if (actual === claimed) return;
  const problem = new ProblemError(
    415,
    'file-content-mismatch',
    'File content does not match its type',
    `Nội dung tệp không khớp với loại đã khai báo: khai báo là ${claimed} nhưng nội dung là ${actual}.`,
  );
  problem.extensions = { declaredType: claimed, detectedType: actual };
  throw problem;
}

/**
 * An import workbook: declared as .xlsx (or as the generic type some browsers send for it) with an .xlsx inside.
 * Anything else keeps the import's own refusal (InvalidImport, which the web page explains), naming both types.
 */
export async function requireWorkbook(content: Buffer, declared: string): Promise<void> {
  const claimed = mediaTypeOf(declared);
  const actual = await detectedType(content);
  if ((claimed === XLSX_TYPE || claimed === 'application/octet-stream') && actual === XLSX_TYPE) return;
  const problem = problemFromCode(
    'InvalidImport',
    `An import is an Excel workbook (.xlsx, ${XLSX_TYPE}); the file was declared as ${claimed} and its content is ${actual}.`,
    { declaredType: claimed, detectedType: actual },
  );
  throw problem ?? new Error('InvalidImport has no problem type');
}

/** The one file of a multipart upload, with its declared kind, checked against the declared type and the size limit. */
export async function receiveFile(
  request: FastifyRequest,
  limits: {
    /** The media types taken, each with the name an officer knows it by (PDF, JPEG …). */
    accepted: Record<string, string>;
    maxBytes: number;
    /** What the file is, for the refusal's words ("A dossier file has at most 10 MB"). */
    what: string;
  },
): Promise<ReceivedFile> {
  if (!request.isMultipart()) {
    throw new ProblemError(
      415,
      'unsupported-media-type',
      'Unsupported media type',
      'Send the file as multipart/form-data.',
    );
  }
  const part = await request.file({ limits: { fileSize: limits.maxBytes, files: 1, fields: 5 } });
  if (part === undefined)
    throw new ProblemError(400, 'missing-file', 'No file', 'The request has no file part.');
  const kindField = part.fields.kind;
  const kind =
    kindField !== undefined && !Array.isArray(kindField) && kindField.type === 'field'
      ? String(kindField.value)
      : 'other';
  if (limits.accepted[part.mimetype] === undefined) {
    part.file.resume();
    throw new ProblemError(
      415,
      'unsupported-file-type',
      'Unsupported file type',
      `Files of type ${part.mimetype} are not accepted; send ${Object.values(limits.accepted).join(', ')}.`,
    );
  }
  const content = await part.toBuffer().catch((err: unknown) => {
    if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
      throw new ProblemError(
        413,
        'file-too-large',
        'File too large',
        `${limits.what} has at most ${limits.maxBytes / 1024 / 1024} MB.`,
      );
    }
    throw err;
  });
  await requireDeclaredContent(content, part.mimetype);
  return { kind, filename: part.filename, contentType: part.mimetype, content };
}
