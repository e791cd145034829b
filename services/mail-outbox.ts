/**
 * The operators' side of the e-mail outbox (activities/mail-outbox.ts): list the mails that need a decision, and
 * resolve one. Resolving is an explicit decision because only a person can check what the outside world saw (ask
 * the recipient, read the SMTP server's log): `markSent` closes the mail, `requeue` sends it again, once, through
 * the worker's sweep.
 */
import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database, EmailStatus, NotificationTable } from '../db/schema.js';
import { DomainError } from '../domain/errors.js';
import { operatesInstallation } from '../domain/roles.js';
import type { Viewer } from '../domain/viewer.js';
import type { ServiceDeps } from './deps.js';

export const outboxStatuses = ['unknown', 'sending', 'pending', 'failed', 'sent'] as const;
export type OutboxStatus = (typeof outboxStatuses)[number] & EmailStatus;

export const resolutions = ['markSent', 'requeue'] as const;
export type Resolution = (typeof resolutions)[number];

export interface OutboxMail {
  id: string;
  recipient: string | null;
  recipientAccountId: string;
  subject: string;
  status: EmailStatus;
  createdAt: string;
  claimedAt: string | null;
  attempts: number;
  error: string | null;
  requeuedAt: string | null;
  resolvedBy: string | null;
  resolvedAt: string | null;
}

function view(row: Selectable<NotificationTable>): OutboxMail {
  return {
    id: row.id,
    recipient: row.email,
    recipientAccountId: row.recipient_account_id,
    subject: row.subject,
    status: row.email_status,
    createdAt: row.created_at.toISOString(),
    claimedAt: row.email_claimed_at?.toISOString() ?? null,
    attempts: row.email_attempts,
    error: row.email_error,
    requeuedAt: row.email_requeued_at?.toISOString() ?? null,
    resolvedBy: row.email_resolved_by,
    resolvedAt: row.email_resolved_at?.toISOString() ?? null,
  };
}

export async function listOutbox(
  db: Kysely<Database>,
  filter: { status: OutboxStatus; limit: number },
): Promise<OutboxMail[]> {
  const rows = await db
    .selectFrom('notifications')
    .selectAll()
    .where('email_status', '=', filter.status)
    .orderBy('created_at')
    .orderBy('id')
    .limit(filter.limit)
    .execute();
  return rows.map(view);
}

export type ResolveResult =
  | { ok: true; mail: OutboxMail }
  | { ok: false; reason: 'notFound' }
  | { ok: false; reason: 'notUnknown'; status: EmailStatus };

/**
 * Resolves one mail whose outcome is unknown (or, to re-queue, one SMTP refused for good). Conditional on its status,
 * so two operators deciding at once cannot both act: the second is told what the mail has become.
 */
export async function resolveMail(
  db: Kysely<Database>,
  id: string,
  resolution: Resolution,
  operator: string,
): Promise<ResolveResult> {
  const from: EmailStatus[] = resolution === 'requeue' ? ['unknown', 'failed'] : ['unknown'];
  const updated = await db
    .updateTable('notifications')
    .set(
      resolution === 'markSent'
        ? { email_status: 'sent', email_resolved_by: operator, email_resolved_at: sql<Date>`now()` }
        : {
            email_status: 'pending',
            email_requeued_at: sql<Date>`now()`,
            email_resolved_by: operator,
            email_resolved_at: sql<Date>`now()`,
          },
    )
    .where('id', '=', id)
    .where('email_status', 'in', from)
    .returningAll()
    .executeTakeFirst();
  if (updated !== undefined) return { ok: true, mail: view(updated) };
  const current = await db
    .selectFrom('notifications')
    .select('email_status')
    .where('id', '=', id)
    .executeTakeFirst();
  return current === undefined
    ? { ok: false, reason: 'notFound' }
    : { ok: false, reason: 'notUnknown', status: current.email_status };
}

function requireOperator(viewer: Viewer): void {
  if (!operatesInstallation(viewer.role))
    throw new DomainError('AdminOnly', 'Only an administrator reads the mail outbox.');
}

/** The outbox as an operator reads it (the API): the mails in one status, oldest first. */
export async function outboxFor(
  deps: Pick<ServiceDeps, 'db'>,
  viewer: Viewer,
  filter: { status: OutboxStatus; limit: number },
): Promise<OutboxMail[]> {
  requireOperator(viewer);
  return listOutbox(deps.db, filter);
}

/** An operator's decision on one mail; a refusal says what the mail has become. */
export async function resolveMailAs(
  deps: Pick<ServiceDeps, 'db'>,
  viewer: Viewer,
  id: string,
  resolution: Resolution,
): Promise<OutboxMail> {
  requireOperator(viewer);
  const result = await resolveMail(deps.db, id, resolution, viewer.username);
  if (result.ok) return result.mail;
  if (result.reason === 'notFound')
    throw new DomainError('NotFound', `E-mail ${id} does not exist or is not visible to you`);
  throw new DomainError(
    'MailNotUnresolved',
    `E-mail ${id} is ${result.status}: only a mail whose outcome is unknown is resolved${
      resolution === 'requeue' ? ' (or, to re-queue, one refused for good)' : ''
    }.`,
    { emailStatus: result.status },
  );
}
