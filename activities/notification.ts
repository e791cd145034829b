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
import { formatDate, formatDateTime } from '../messages/format.js';
import { vi } from '../messages/vi.js';
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

/**
 * Kind, subject and body: the words from the catalogue, times in Vietnam time. `unitName` names a unit the notice
 * speaks of (the one that let a deadline pass).
 */
function message(
  request: NotifyRequest,
  unitName: (unitId: string) => string,
): { kind: string; subject: string; body: string } {
  const { event, nomineeName, formName } = request;
  const about = `${formName} — ${nomineeName}`;
  const words = vi.notices;
  const [kind, text] = ((): [string, { subject: string; body: string }] => {
    switch (event.type) {
      case 'NominationSubmitted':
      case 'NominationResubmitted':
      case 'NominationEndorsed':
        return ['awaiting', words.awaiting({ about, deadline: formatDateTime(event.data.deadline) })];
      case 'NominationReturned':
        return ['returned', words.returned({ about, deadline: formatDateTime(event.data.deadline) })];
      case 'NominationApproved':
        return [
          'approved',
          words.approved({
            about,
            decision: vi.decisionRef({
              number: event.data.decisionNumber,
              issuer: unitName(event.data.by),
              date: formatDate(event.occurredAt),
            }),
          }),
        ];
      case 'NominationRejected':
        return ['rejected', words.rejected({ about })];
      case 'AwardRevoked':
        return [
          'revoked',
          words.revoked({
            about,
            decision:
              event.data.revocationNumber === undefined
                ? null
                : vi.revocationRef({
                    number: event.data.revocationNumber,
                    issuer: unitName(event.data.by),
                    date: formatDate(event.occurredAt),
                  }),
          }),
        ];
      case 'NominationWithdrawn':
        return ['withdrawn', words.withdrawn({ about })];
      case 'DeadlineReminderSent':
        return ['reminder', words.reminder({ about, deadline: formatDateTime(event.data.deadline) })];
      case 'DeadlineEscalated':
        return [
          'escalation',
          words.escalation({
            about,
            holder: unitName(event.data.holder),
            deadline: formatDateTime(event.data.deadline),
          }),
        ];
      default:
        return ['info', { subject: about, body: about }];
    }
  })();
  // An officer's action may carry a comment worth quoting; reminders and escalations come from the clock.
  const quotes = event.comment !== null && !['reminder', 'escalation', 'info'].includes(kind);
  const quoted = quotes ? `\n${words.comment(event.comment ?? '')}` : '';
  return { kind, subject: text.subject, body: `${text.body}${quoted}` };
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
  // The units a notice names: the one that let a deadline pass, the one whose decision approved or revoked.
  const event = request.event;
  const named =
    event.type === 'DeadlineEscalated'
      ? event.data.holder
      : event.type === 'NominationApproved' || event.type === 'AwardRevoked'
        ? event.data.by
        : null;
  const names = new Map(
    named === null
      ? []
      : (await db.selectFrom('units').select(['id', 'name']).where('id', '=', named).execute()).map(
          (u) => [u.id, u.name] as const,
        ),
  );
  const { kind, subject, body } = message(request, (id) => names.get(id) ?? id);
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
