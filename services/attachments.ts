/**
 * The files of a nomination's dossier (scans, office documents): attaching one, listing them, downloading one. Only
 * officers who see the nomination may, and auditors only read. The HTTP part (multipart, sizes, sniffing the content)
 * stays in the route, which hands over the file it read.
 */
import { createHash } from 'node:crypto';
import { DomainError } from '../domain/errors.js';
import { mayChangeDossier } from '../domain/roles.js';
import type { Viewer } from '../domain/viewer.js';
import type { ServiceDeps } from './deps.js';
import { nominationInView, notVisible } from './visibility.js';

export interface AttachmentView {
  id: string;
  kind: string;
  filename: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  uploadedBy: string;
  uploadedAt: string;
}

export interface ReceivedFile {
  kind: string;
  filename: string;
  contentType: string;
  content: Buffer;
}

/**
 * Attaches a file. `receive` reads it from the request only after the viewer may attach, so that a refused upload is
 * not read into memory first.
 */
export async function attachFile(
  deps: Pick<ServiceDeps, 'db'>,
  viewer: Viewer,
  nominationId: string,
  receive: () => Promise<ReceivedFile>,
): Promise<AttachmentView> {
  await nominationInView(deps.db, viewer, nominationId);
  if (!mayChangeDossier(viewer.role))
    throw new DomainError('ReadOnly', 'Auditors read nominations; they do not change dossiers.');
  const file = await receive();
  const row = await deps.db
    .insertInto('attachments')
    .values({
      nomination_id: nominationId,
      kind: file.kind.slice(0, 64),
      filename: file.filename.slice(0, 255),
      content_type: file.contentType,
      size_bytes: file.content.length,
      sha256: createHash('sha256').update(file.content).digest('hex'),
      content: file.content,
      uploaded_by: viewer.accountId,
    })
    .returning(['id', 'kind', 'filename', 'content_type', 'size_bytes', 'sha256', 'uploaded_at'])
    .executeTakeFirstOrThrow();
  return attachmentView({ ...row, username: viewer.username });
}

export async function listAttachments(
  deps: Pick<ServiceDeps, 'db'>,
  viewer: Viewer,
  nominationId: string,
): Promise<AttachmentView[]> {
  await nominationInView(deps.db, viewer, nominationId);
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
    .where('nomination_id', '=', nominationId)
    .orderBy('uploaded_at')
    .execute();
  return rows.map(attachmentView);
}

export async function attachmentFile(
  deps: Pick<ServiceDeps, 'db'>,
  viewer: Viewer,
  nominationId: string,
  attachmentId: string,
): Promise<{ filename: string; contentType: string; content: Buffer }> {
  await nominationInView(deps.db, viewer, nominationId);
  const row = await deps.db
    .selectFrom('attachments')
    .select(['filename', 'content_type', 'content'])
    .where('id', '=', attachmentId)
    .where('nomination_id', '=', nominationId)
    .executeTakeFirst();
  if (row === undefined) throw notVisible(`Attachment ${attachmentId}`);
  return { filename: row.filename, contentType: row.content_type, content: row.content };
}

function attachmentView(row: {
  id: string;
  kind: string;
  filename: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  uploaded_at: Date;
  username: string;
}): AttachmentView {
  return {
    id: row.id,
    kind: row.kind,
    filename: row.filename,
    contentType: row.content_type,
    sizeBytes: row.size_bytes,
    sha256: row.sha256,
    uploadedBy: row.username,
    uploadedAt: row.uploaded_at.toISOString(),
  };
}
