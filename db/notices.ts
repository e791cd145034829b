/**
 * The in-app inbox as the event store writes it: each appended event's notices, one row per recipient, in the append's
 * own transaction. A notice can then be neither lost (the event committed without it) nor doubled (a retried append
 * writes no event, so no notice); its e-mail waits in the same row as `pending` for the mail sender
 * (activities/mail-outbox.ts), which claims it before sending, so it goes at most once. Each row's id is the notice's
 * identity (nomination, event position, recipient).
 */
import type { Insertable, Kysely, Transaction } from 'kysely';
import type { NominationEvent, PositionedEvent } from '../domain/nomination/events.js';
import type { ExistingNomination } from '../domain/nomination/state.js';
import { deciderRoles, officerRoles } from '../domain/roles.js';
import { formatDate, formatDateTime } from '../messages/format.js';
import { vi } from '../messages/vi.js';
import type { Database, NotificationTable } from './schema.js';

/** What a notice says and to whom, taken from the event and the nomination as it stood once the event was folded in. */
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
function noticeMessage(
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

/** The notice's subject matter from the event and the nomination's state after it. */
export function noticeRequest(positioned: PositionedEvent, state: ExistingNomination): NotifyRequest {
  return {
    nominationId: positioned.nominationId,
    position: positioned.position,
    event: positioned.event,
    nomineeName: state.nominee.name,
    formName: state.form.name,
    routeUnitIds: state.route.map((s) => s.unitId),
    nomineeUnitId: state.nominee.unitId,
  };
}

/**
 * The inbox rows of one event: its audience's officers (or deciders), read in one query, with the message in
 * Vietnamese. `email` says whether an e-mail is to go (SMTP configured); a row of a recipient without an address has
 * none.
 */
async function noticeRows(
  db: Kysely<Database> | Transaction<Database>,
  request: NotifyRequest,
  options: { email: boolean },
): Promise<Insertable<NotificationTable>[]> {
  const audience = audienceFor(request);
  if (audience === null || audience.units.length === 0) return [];
  const accounts = await db
    .selectFrom('accounts')
    .innerJoin('units', 'units.id', 'accounts.unit_id')
    .select(['accounts.id', 'accounts.email', 'accounts.unit_id', 'accounts.role', 'units.level'])
    .where('accounts.unit_id', 'in', audience.units)
    .orderBy('accounts.id')
    .execute();
  const recipients = accounts.filter((a) =>
    (audience.who === 'deciders' ? deciderRoles(a.level) : officerRoles(a.level)).includes(a.role),
  );
  if (recipients.length === 0) return [];
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
  const { kind, subject, body } = noticeMessage(request, (id) => names.get(id) ?? id);
  return recipients.map((r) => ({
    id: `${request.nominationId}:${request.position}:${r.id}`,
    nomination_id: request.nominationId,
    kind,
    recipient_account_id: r.id,
    recipient_unit_id: r.unit_id,
    subject,
    body,
    email: r.email,
    email_status: options.email && r.email !== null ? 'pending' : 'none',
  }));
}

/** Writes an event's notices; a row already there (the same notice) is left as it is. Answers the rows' ids. */
export async function writeNotices(
  db: Kysely<Database> | Transaction<Database>,
  request: NotifyRequest,
  options: { email: boolean },
): Promise<string[]> {
  const rows = await noticeRows(db, request, options);
  if (rows.length > 0)
    await db
      .insertInto('notifications')
      .values(rows)
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
  return rows.map((r) => r.id);
}
