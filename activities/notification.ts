/**
 * Notifications: a row in each recipient's in-app inbox and an e-mail through SMTP. Each row's id is the
 * notification's identity (nomination, event position, recipient): a retried activity adds no row, and an e-mail is
 * marked `sending` in its own committed transaction before it goes, so a retry never sends it twice (at most once:
 * one interrupted mid-send becomes `unknown` for an operator to resolve, rather than going out again; see
 * activities/mail-outbox.ts).
 */
import type { Kysely } from 'kysely';
import type { Transporter } from 'nodemailer';
import type { NominationEvent } from '../domain/nomination/events.js';
import { deciderRoles, officerRoles } from '../domain/roles.js';
import type { Insertable } from 'kysely';
import type { Database, NotificationTable } from '../db/schema.js';
import { deliver, silentLog, type OutboxLog } from './mail-outbox.js';

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

export async function notify(
  db: Kysely<Database>,
  mailer: Mailer | null,
  request: NotifyRequest,
  afterInboxCommitted: () => void = () => undefined,
  log: OutboxLog = silentLog,
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
    const pending = await db
      .selectFrom('notifications')
      .select(['id', 'email', 'subject', 'body'])
      .where('id', 'in', rows.length > 0 ? rows.map((r) => r.id) : [''])
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
  return { inbox: rows.length, emailsSent };
}
