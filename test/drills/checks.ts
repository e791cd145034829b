/**
 * What a drill checks once the system is quiet again, from PostgreSQL and the SMTP server's own count: the
 * nominations the clients meant (no more, no fewer, each approved), their event streams (contiguous, nothing missing
 * or doubled), the auditors' verification (hash chains, anchors, read models, decision numbers), and the e-mails (each
 * one received exactly once, none left half-sent).
 */
import { silentLog, sweepMailOutbox } from '../../activities/mail-outbox.js';
import type { Kysely } from 'kysely';
import { verifyScope } from '../../audit/verify.js';
import type { Database } from '../../db/schema.js';
import type { MailSink } from './stack.js';

/** The events of a nomination taken from creation to approval, once each and in this order. */
export const EXPECTED_EVENTS = [
  'NominationCreated',
  'NominationSubmitted',
  'NominationEndorsed',
  'NominationApproved',
] as const;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

interface MailState {
  /** Events that notify (submit, endorse, approve: positions 2, 3, 4) without their inbox rows yet. */
  unnoticed: number;
  pending: number;
  sending: number;
  rows: number;
}

async function mailState(db: Kysely<Database>, memberIds: string[]): Promise<MailState> {
  const nominations = await db
    .selectFrom('nominations')
    .select(['id', 'version'])
    .where('nominee_member_id', 'in', memberIds)
    .execute();
  const ids = nominations.map((n) => n.id);
  if (ids.length === 0) return { unnoticed: 0, pending: 0, sending: 0, rows: 0 };
  const notices = await db
    .selectFrom('notifications')
    .select(['id', 'email_status'])
    .where('nomination_id', 'in', ids)
    .execute();
  const noticed = new Set(notices.map((n) => n.id.split(':').slice(0, 2).join(':')));
  let unnoticed = 0;
  for (const { id, version } of nominations)
    for (let position = 2; position <= Math.min(version, 4); position++)
      if (!noticed.has(`${id}:${position}`)) unnoticed++;
  return {
    unnoticed,
    pending: notices.filter((n) => n.email_status === 'pending').length,
    sending: notices.filter((n) => n.email_status === 'sending').length,
    rows: notices.length,
  };
}

/**
 * Waits until the work the clients started has settled: every event's notices written and no e-mail waiting or on
 * its way. A notice whose activity died with its worker is retried after the activity's timeout (a minute), so this
 * can take that long. Mails that stay `sending` (claimed by a process that died mid-send) never settle: after a quiet
 * spell with nothing else moving, the wait ends and the check reports them.
 */
export async function waitForQuiescence(
  db: Kysely<Database>,
  memberIds: string[],
  timeoutMs: number,
): Promise<{ quiet: boolean; seconds: number }> {
  const started = Date.now();
  let previous = '';
  let unchangedSince = Date.now();
  for (;;) {
    let state: MailState | undefined;
    try {
      state = await mailState(db, memberIds);
    } catch {
      // PostgreSQL still coming back
    }
    if (state !== undefined) {
      const settled = state.unnoticed === 0 && state.pending === 0;
      if (settled && state.sending === 0) return { quiet: true, seconds: (Date.now() - started) / 1000 };
      const now = JSON.stringify(state);
      if (now !== previous) {
        previous = now;
        unchangedSince = Date.now();
      } else if (settled && Date.now() - unchangedSince > 15_000) {
        return { quiet: true, seconds: (Date.now() - started) / 1000 };
      }
    }
    if (Date.now() - started > timeoutMs) return { quiet: false, seconds: (Date.now() - started) / 1000 };
    await sleep(1_000);
  }
}

export interface DrillFindings {
  /** Nominations in PostgreSQL for the drill's members. */
  nominations: number;
  approved: number;
  /** Members the clients meant to nominate who have no nomination. */
  missing: number;
  /** Nominations beyond one per member, or not the one the client was answered with. */
  extra: number;
  events: number;
  eventsMissing: number;
  eventsDoubled: number;
  /** Problems `audit verify` finds with chains, anchors and read models (whole database). */
  chainFailures: number;
  /** Gaps in decision numbers per deciding unit and year, and numbers without their approval (whole database). */
  numberGaps: number;
  /** Messages the SMTP server received for the drill's nominations. */
  mails: number;
  mailsTwice: number;
  /** Mails marked sent that the SMTP server never received. */
  mailsLost: number;
  /** Mails left `pending`, `sending` or `failed`. */
  mailsStuck: number;
  /** Mails whose send was interrupted, listed as `unknown` for an operator to check (never re-sent on a guess). */
  mailsForOperator: number;
  /** Events that notify (submit, endorse, approve) with no inbox row. */
  noticesMissing: number;
  problems: string[];
}

export async function checkDrill(
  db: Kysely<Database>,
  mail: MailSink,
  memberIds: string[],
  answered: Map<string, string>,
): Promise<DrillFindings> {
  const problems: string[] = [];
  const note = (problem: string): void => {
    if (problems.length < 20) problems.push(problem);
  };

  const rows = await db
    .selectFrom('nominations')
    .select(['id', 'status', 'nominee_member_id', 'decision_number'])
    .where('nominee_member_id', 'in', memberIds)
    .execute();
  const byMember = new Map<string, typeof rows>();
  for (const row of rows) {
    const key = row.nominee_member_id ?? '';
    byMember.set(key, [...(byMember.get(key) ?? []), row]);
  }
  let missing = 0;
  let extra = 0;
  for (const member of memberIds) {
    const found = byMember.get(member) ?? [];
    if (found.length === 0) {
      missing++;
      note(`no nomination for ${member}`);
    }
    if (found.length > 1) {
      extra += found.length - 1;
      note(`${found.length} nominations for ${member}: ${found.map((f) => f.id).join(', ')}`);
    }
    const told = answered.get(member);
    if (told !== undefined && found.length > 0 && !found.some((f) => f.id === told)) {
      extra++;
      note(
        `the client was answered ${told} for ${member}, PostgreSQL has ${found.map((f) => f.id).join(', ')}`,
      );
    }
  }
  const approved = rows.filter((r) => r.status === 'approved' && r.decision_number !== null).length;
  for (const row of rows.filter((r) => r.status !== 'approved'))
    note(`${row.id} (${row.nominee_member_id ?? ''}) is ${row.status}`);

  // Streams: positions 1..n without a hole, each expected event once, nothing else.
  const ids = rows.map((r) => r.id);
  const events =
    ids.length === 0
      ? []
      : await db
          .selectFrom('nomination_events')
          .select(['nomination_id', 'position', 'type'])
          .where('nomination_id', 'in', ids)
          .orderBy('nomination_id')
          .orderBy('position')
          .execute();
  const streams = new Map<string, { position: number; type: string }[]>();
  for (const e of events) streams.set(e.nomination_id, [...(streams.get(e.nomination_id) ?? []), e]);
  let eventsMissing = 0;
  let eventsDoubled = 0;
  for (const id of ids) {
    const stream = streams.get(id) ?? [];
    stream.forEach((e, i) => {
      if (e.position !== i + 1) note(`${id}: position ${e.position} where ${i + 1} was due`);
    });
    const gaps = stream.length === 0 ? 0 : (stream.at(-1)?.position ?? 0) - stream.length;
    eventsMissing += gaps;
    for (const type of EXPECTED_EVENTS) {
      const count = stream.filter((e) => e.type === type).length;
      if (count === 0) {
        eventsMissing++;
        note(`${id}: no ${type}`);
      } else if (count > 1) {
        eventsDoubled += count - 1;
        note(`${id}: ${count}× ${type}`);
      }
    }
    const unexpected = stream.filter((e) => !(EXPECTED_EVENTS as readonly string[]).includes(e.type));
    for (const e of unexpected) note(`${id}: unexpected ${e.type} at ${e.position}`);
    eventsDoubled += unexpected.length;
  }

  // The auditors' own verification, in this process.
  const report = await verifyScope(db);
  const numberKinds = new Set(['decision-gap', 'decision-unmatched']);
  const chainIssues = report.issues.filter((i) => !numberKinds.has(i.kind));
  for (const issue of report.issues.slice(0, 5))
    note(`audit verify: ${issue.kind} ${issue.nominationId ?? ''} ${issue.detail}`);
  // And decision numbers counted here too, from the register: 1..n per deciding unit and year.
  const decisions = await db
    .selectFrom('decisions')
    .select(['unit_id', 'year', 'sequence'])
    .orderBy('unit_id')
    .orderBy('year')
    .orderBy('sequence')
    .execute();
  const sequences = new Map<string, Set<number>>();
  for (const d of decisions) {
    const key = `${d.unit_id} ${d.year}`;
    sequences.set(key, (sequences.get(key) ?? new Set<number>()).add(d.sequence));
  }
  let ownGaps = 0;
  for (const [key, list] of sequences) {
    [...list].forEach((s, i) => {
      if (s !== i + 1) {
        ownGaps++;
        note(`decisions ${key}: ${s} where ${i + 1} was due`);
      }
    });
  }
  const numberGaps = Math.max(report.issues.filter((i) => numberKinds.has(i.kind)).length, ownGaps);

  // E-mails: at most once, and none lost silently. The run is quiet now, so no send is under way: a mail still
  // `sending` was claimed by a process that died mid-send, and whether SMTP took it is unknown. The worker's sweep marks
  // such mails `unknown` for an operator after MAIL_SENDING_TIMEOUT_MINUTES; here it is run at once rather than waited for.
  await sweepMailOutbox(db, { timeoutMinutes: 0, mailer: null, log: silentLog });
  const notices =
    ids.length === 0
      ? []
      : await db
          .selectFrom('notifications')
          .select(['id', 'nomination_id', 'email', 'email_status'])
          .where('nomination_id', 'in', ids)
          .execute();
  let mails = 0;
  let mailsTwice = 0;
  let mailsLost = 0;
  let mailsStuck = 0;
  let mailsForOperator = 0;
  for (const notice of notices) {
    if (notice.email_status === 'unknown') mailsForOperator++;
    const received = mail.byNotification.get(notice.id) ?? 0;
    mails += received;
    if (received > 1) {
      mailsTwice++;
      note(`mail ${notice.id} received ${received} times`);
    }
    if (notice.email_status === 'sent' && received === 0) {
      mailsLost++;
      note(`mail ${notice.id} marked sent, never received`);
    }
    if (['pending', 'sending', 'failed'].includes(notice.email_status)) {
      mailsStuck++;
      note(`mail ${notice.id} left ${notice.email_status} (received ${received})`);
    }
  }
  // Submit, endorse and approve (positions 2, 3, 4) each notify someone.
  const noticed = new Set(notices.map((n) => n.id.split(':').slice(0, 2).join(':')));
  let noticesMissing = 0;
  for (const id of ids) {
    for (const position of [2, 3, 4]) {
      if (!noticed.has(`${id}:${position}`)) {
        noticesMissing++;
        note(`${id}: no notice for event ${position}`);
      }
    }
  }

  return {
    nominations: rows.length,
    approved,
    missing,
    extra,
    events: events.length,
    eventsMissing,
    eventsDoubled,
    chainFailures: chainIssues.length,
    numberGaps,
    mails,
    mailsTwice,
    mailsLost,
    mailsStuck,
    mailsForOperator,
    noticesMissing,
    problems,
  };
}
