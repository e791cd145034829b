/**
 * Notifications: a row in each recipient's in-app inbox and an e-mail through SMTP. Each row's id is the
 * notification's identity (nomination, event position, recipient): a retried activity adds no row, and an e-mail is
 * claimed (`sending`) in its own committed statement before it goes, so that only one attempt sends it.
 *
 * No SMTP client can know for certain whether a mail went out when its process dies during the exchange, so one of two
 * things can go wrong: the mail is lost, or sent twice. This keeps both as rare as it can. The `sent` mark is written
 * before the send, in a transaction held open across it and committed the moment the server has accepted the mail: a
 * death before that leaves the mail `sending`, and the activity's retry sends it (the server keeps a message only once
 * it has accepted the whole of it, so nothing was delivered). Only a death in the instant between the server's
 * acceptance and that commit sends a second copy, which carries the same Message-ID, by which mail clients fold
 * duplicates. Before the reliability drills (test/drills/) a mail claimed by a worker that was then killed stayed
 * `sending` for good: four lost in one SIGKILL of the worker under load. Marking after the send instead of committing
 * a held mark doubled two of five mails claimed at the moment of the kill: the wait for a pooled connection after the
 * send was most of the exchange.
 */
import type { Kysely } from 'kysely';
import type { Transporter } from 'nodemailer';
import type { NominationEvent } from '../domain/nomination/events.js';
import { deciderRoles, officerRoles } from '../domain/roles.js';
import type { Insertable } from 'kysely';
import type { Database, NotificationTable } from '../db/schema.js';

export interface Mailer {
  transport: Transporter;
  from: string;
}

export interface NotifyRequest {
  nominationId: string;
  position: number;
  event: NominationEvent;
  nomineeName: string;
  formName: string;
  /** Units on the route, the submitting one first. */
  routeUnitIds: string[];
  nomineeUnitId: string;
}

interface Audience {
  units: string[];
  who: 'officers' | 'deciders';
}

function audienceFor(request: NotifyRequest): Audience | null {
  const { event } = request;
  switch (event.type) {
    case 'NominationSubmitted':
    case 'NominationResubmitted':
    case 'NominationEndorsed':
      return { units: [event.data.to], who: 'officers' };
    case 'NominationReturned':
      return { units: [event.data.to], who: 'officers' };
    case 'NominationApproved':
    case 'NominationRejected':
    case 'AwardRevoked':
      // The nominee's unit and every unit on the route hear of a decision.
      return { units: [...new Set([request.nomineeUnitId, ...request.routeUnitIds])], who: 'officers' };
    case 'NominationWithdrawn':
      return { units: request.routeUnitIds.slice(1), who: 'officers' };
    case 'DeadlineReminderSent':
      return { units: [event.data.holder], who: 'officers' };
    case 'DeadlineEscalated':
      return { units: [event.data.escalatedTo], who: 'deciders' };
    default:
      return null;
  }
}

/** Subject and body, in Vietnamese: officers read them. */
function message(request: NotifyRequest): { kind: string; subject: string; body: string } {
  const { event, nomineeName, formName } = request;
  const about = `${formName} — ${nomineeName}`;
  const why = event.comment !== null ? `\nÝ kiến: ${event.comment}` : '';
  switch (event.type) {
    case 'NominationSubmitted':
    case 'NominationResubmitted':
    case 'NominationEndorsed':
      return {
        kind: 'awaiting',
        subject: `Đề nghị khen thưởng chờ xem xét: ${about}`,
        body: `Hồ sơ đề nghị ${about} đang chờ đơn vị xem xét, hạn ${event.data.deadline}.${why}`,
      };
    case 'NominationReturned':
      return {
        kind: 'returned',
        subject: `Đề nghị bị trả lại để bổ sung: ${about}`,
        body: `Hồ sơ ${about} được trả lại để bổ sung, hạn ${event.data.deadline}.${why}`,
      };
    case 'NominationApproved':
      return {
        kind: 'approved',
        subject: `Đã có quyết định khen thưởng ${event.data.decisionNumber}: ${about}`,
        body: `Quyết định số ${event.data.decisionNumber} khen thưởng ${about}.${why}`,
      };
    case 'NominationRejected':
      return {
        kind: 'rejected',
        subject: `Đề nghị không được chấp thuận: ${about}`,
        body: `Đề nghị ${about} không được chấp thuận.${why}`,
      };
    case 'AwardRevoked':
      return {
        kind: 'revoked',
        subject: `Thu hồi quyết định ${event.data.decisionNumber}: ${about}`,
        body: `Quyết định ${event.data.decisionNumber} khen thưởng ${about} đã bị thu hồi.${why}`,
      };
    case 'NominationWithdrawn':
      return {
        kind: 'withdrawn',
        subject: `Đơn vị đã rút đề nghị: ${about}`,
        body: `Đề nghị ${about} đã được đơn vị trình rút lại.${why}`,
      };
    case 'DeadlineReminderSent':
      return {
        kind: 'reminder',
        subject: `Sắp đến hạn xử lý: ${about}`,
        body: `Hồ sơ ${about} cần được xử lý trước ${event.data.deadline}.`,
      };
    case 'DeadlineEscalated':
      return {
        kind: 'escalation',
        subject: `Quá hạn xử lý: ${about}`,
        body: `Hồ sơ ${about} tại đơn vị ${event.data.holder} đã quá hạn ${event.data.deadline}.`,
      };
    default:
      return { kind: 'info', subject: about, body: about };
  }
}

/** How long a sent mail's `sent` mark is retried while PostgreSQL is away: well inside the activity's 1-minute limit. */
const MARK_SENT_FOR_MS = 40_000;

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Records that the SMTP server accepted a mail whose held `sent` mark could not be committed. It must not put the mail
 * back to `pending` (as it did: a PostgreSQL outage right after a send then had the retry send it a second time), so
 * it is tried again while PostgreSQL comes back; if it never does, the mail stays `sending` and the retry resends it.
 */
async function markSent(db: Kysely<Database>, id: string): Promise<void> {
  const deadline = Date.now() + MARK_SENT_FOR_MS;
  for (let wait = 250; ; wait = Math.min(wait * 2, 5_000)) {
    try {
      await db
        .updateTable('notifications')
        .set({ email_status: 'sent', email_sent_at: new Date() })
        .where('id', '=', id)
        .execute();
      return;
    } catch (err) {
      if (Date.now() + wait > deadline) throw err;
      await pause(wait);
    }
  }
}

/** A Message-ID that follows from the notification, so that a second copy (see above) is recognisably the same mail. */
function messageIdOf(notificationId: string): string {
  return `<${notificationId.replace(/[^A-Za-z0-9.-]/g, '.')}@notifications.thi-dua>`;
}

export async function notify(
  db: Kysely<Database>,
  mailer: Mailer | null,
  request: NotifyRequest,
  afterInboxCommitted: () => void = () => undefined,
  options: {
    /** This is a retry of the activity: mails its earlier attempt left `sending` are sent now (see above). */
    resumeSending?: boolean;
  } = {},
): Promise<{ inbox: number; emailsSent: number }> {
  const audience = audienceFor(request);
  if (audience === null || audience.units.length === 0) return { inbox: 0, emailsSent: 0 };
  const units = await db
    .selectFrom('units')
    .select(['id', 'level'])
    .where('id', 'in', audience.units)
    .execute();
  const recipients = [];
  for (const unit of units) {
    const roles = audience.who === 'deciders' ? deciderRoles(unit.level) : officerRoles(unit.level);
    if (roles.length === 0) continue;
    recipients.push(
      ...(await db
        .selectFrom('accounts')
        .select(['id', 'email', 'unit_id'])
        .where('unit_id', '=', unit.id)
        .where('role', 'in', [...roles])
        .execute()),
    );
  }
  const { kind, subject, body } = message(request);
  const rows: Insertable<NotificationTable>[] = recipients.map((r) => ({
    id: `${request.nominationId}:${request.position}:${r.id}`,
    nomination_id: request.nominationId,
    kind,
    recipient_account_id: r.id,
    recipient_unit_id: r.unit_id,
    subject,
    body,
    email: r.email,
    email_status: mailer !== null && r.email !== null ? 'pending' : 'none',
  }));
  if (rows.length > 0)
    await db
      .insertInto('notifications')
      .values(rows)
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
  afterInboxCommitted();

  let emailsSent = 0;
  if (mailer !== null) {
    const unsent: ('pending' | 'sending')[] =
      options.resumeSending === true ? ['pending', 'sending'] : ['pending'];
    const waiting = await db
      .selectFrom('notifications')
      .select(['id', 'email', 'subject', 'body', 'email_status'])
      .where('id', 'in', rows.length > 0 ? rows.map((r) => r.id) : [''])
      .where('email_status', 'in', unsent)
      .execute();
    for (const mail of waiting) {
      // Claim it first, in its own committed statement: only one attempt gets past this line for a pending mail. A mail
      // found `sending` stays so: the attempt that claimed it has ended (died, or outlived its 1-minute limit, which the
      // transport's timeouts in infra/mailer.ts keep a send from doing).
      const claimed = await db
        .updateTable('notifications')
        .set({ email_status: 'sending' })
        .where('id', '=', mail.id)
        .where('email_status', '=', mail.email_status)
        .executeTakeFirst();
      if (claimed.numUpdatedRows === 0n || mail.email === null) continue;
      const to = mail.email;
      // Set when the SMTP server has accepted the mail: from then on it must never go back to `pending`.
      const progress = { accepted: false };
      try {
        await db.transaction().execute(async (trx) => {
          await trx
            .updateTable('notifications')
            .set({ email_status: 'sent', email_sent_at: new Date() })
            .where('id', '=', mail.id)
            .execute();
          await mailer.transport.sendMail({
            from: mailer.from,
            to,
            subject: mail.subject,
            text: mail.body,
            messageId: messageIdOf(mail.id),
            headers: { 'X-Notification-Id': mail.id },
          });
          progress.accepted = true;
          // Returning commits the `sent` mark at once, on the connection already held.
        });
      } catch (err) {
        if (progress.accepted) {
          // The mail went out but the commit failed (PostgreSQL gone at that moment): record it as soon as possible.
          await markSent(db, mail.id);
        } else {
          // Not sent (the server refused or was unreachable): back to pending so that the retry sends it. Should
          // PostgreSQL be away too, the mail stays `sending`, which the retry also sends.
          await db
            .updateTable('notifications')
            .set({ email_status: 'pending' })
            .where('id', '=', mail.id)
            .execute()
            .catch(() => undefined);
          throw err;
        }
      }
      emailsSent++;
    }
  }
  return { inbox: rows.length, emailsSent };
}
