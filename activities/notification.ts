/**
 * The notification activity of nominations started before the inbox moved into the event store's transaction
 * (db/notices.ts): their recorded histories still schedule `notifyNomination` once per event, so it stays registered.
 * It writes the same rows under the same ids (a notice the append already wrote is left as it is) and sends their
 * e-mails through the outbox's claim, so whichever of the two comes first, each notice and each e-mail exists once.
 */
import type { Kysely } from 'kysely';
import type { Transporter } from 'nodemailer';
import type { Database } from '../db/schema.js';
import { writeNotices, type NotifyRequest } from '../db/notices.js';
import { deliver, silentLog, type OutboxLog } from './mail-outbox.js';

export type { NotifyRequest } from '../db/notices.js';

export interface Mailer {
  transport: Transporter;
  from: string;
}

export async function notify(
  db: Kysely<Database>,
  mailer: Mailer | null,
  request: NotifyRequest,
  log: OutboxLog = silentLog,
): Promise<{ inbox: number; emailsSent: number }> {
  const ids = await writeNotices(db, request, { email: mailer !== null });
  let emailsSent = 0;
  if (mailer !== null && ids.length > 0) {
    const pending = await db
      .selectFrom('notifications')
      .select(['id', 'email', 'subject', 'body'])
      .where('id', 'in', ids)
      .where('email_status', '=', 'pending')
      .execute();
    let notSent: string | undefined;
    for (const mail of pending) {
      // A 5xx refusal is for good: `failed`, in the operators' list to re-queue, rather than pending forever once the
      // activity's retries run out.
      const { outcome, error } = await deliver(db, mailer, mail, log, { permanentFailure: true });
      if (outcome === 'sent') emailsSent++;
      // Provably not sent, and back to pending: the others still go now, and the retry sends this one.
      if (outcome === 'notSent') notSent ??= `e-mail ${mail.id} not sent (${error ?? 'error'}); retried`;
    }
    // The message names the notification, not its recipient or subject: it is stored in Temporal's history.
    if (notSent !== undefined) throw new Error(notSent);
  }
  return { inbox: ids.length, emailsSent };
}
