/**
 * The e-mail outbox: each notice's e-mail goes at most once, and none is lost without someone being told.
 *
 * Notices are written with their event, in the append's transaction (db/notices.ts), their e-mail `pending`. The
 * process's mail sender sends it when nudged after the commit; each worker's sweep, every minute, sends whatever is due
 * that no nudge sent. A mail is claimed (`pending` → `sending`, in its own committed statement) before it is handed to
 * SMTP, so no second sender and no retry sends it twice. What happens next decides its status:
 *   - SMTP took it: `sent`.
 *   - SMTP provably did not take it (the server answered with a refusal, or no connection was ever made): back to
 *     `pending` with the error, tried again after a backoff; a permanent refusal (5xx), or the last of its attempts,
 *     makes it `failed`.
 *   - Anything else (the connection broke mid-message, a timeout after the data went out): we cannot know, so
 *     `unknown` at once, for an operator.
 *   - The process or PostgreSQL died between the claim and recording the outcome: the mail stays `sending`; the sweep
 *     marks it `unknown` once its claim is older than the timeout, with a warning in the log, and the operators' list
 *     shows it.
 * An operator resolves an unknown mail (services/mail-outbox.ts): marks it sent, or re-queues it; the sender sends
 * re-queued mails, through the same claim.
 */
import { inLanes } from '../infra/lanes.js';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { Transporter } from 'nodemailer';

/** The SMTP transport the outbox sends through, and the sender's address. */
export interface Mailer {
  transport: Transporter;
  from: string;
}

/** Where the outbox writes what an operator must see; pino's and Temporal's activity loggers both fit. */
export interface OutboxLog {
  warn(message: string, fields: Record<string, unknown>): void;
}

export const silentLog: OutboxLog = { warn: () => undefined };

interface SmtpError {
  code?: unknown;
  originalCode?: unknown;
  responseCode?: unknown;
  command?: unknown;
}

/** Error codes nodemailer gives before any message data can have reached a server. */
const beforeTransfer = new Set([
  'EDNS',
  'ETLS',
  'EAUTH',
  'ENOAUTH',
  'EENVELOPE',
  'EREQUIRETLS',
  'ECONFIG',
  'EPROXY',
]);
/** System error codes of a connection that was never made. */
const neverConnected = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/**
 * Whether SMTP provably did not accept the message: a 4xx/5xx reply is a refusal (RFC 5321), and some failures happen
 * before any data goes out. A broken connection or a timeout otherwise may have come after the server took it.
 */
export function provablyNotSent(err: unknown): boolean {
  const e = (typeof err === 'object' && err !== null ? err : {}) as SmtpError;
  if (typeof e.responseCode === 'number' && e.responseCode >= 400 && e.responseCode < 600) return true;
  if (typeof e.code === 'string' && beforeTransfer.has(e.code)) return true;
  return typeof e.originalCode === 'string' && neverConnected.has(e.originalCode);
}

/** The error without what it may carry of the message (recipient addresses): it goes to logs and Temporal. */
export function describeSmtpError(err: unknown): string {
  const e = (typeof err === 'object' && err !== null ? err : {}) as SmtpError;
  const parts = [
    typeof e.code === 'string' ? e.code : err instanceof Error ? err.name : 'error',
    typeof e.originalCode === 'string' ? e.originalCode : null,
    typeof e.responseCode === 'number' ? `SMTP ${e.responseCode}` : null,
    typeof e.command === 'string' ? `at ${e.command}` : null,
  ];
  return parts.filter((p) => p !== null).join(' ');
}

export interface OutgoingMail {
  id: string;
  email: string | null;
  subject: string;
  body: string;
}

export type DeliveryOutcome = 'sent' | 'notClaimed' | 'notSent' | 'failed' | 'unknown';

/**
 * Claims one pending mail and sends it. Answers what happened; a provable non-delivery is back to `pending` (or
 * `failed` when `permanentFailure` says so) with its error before this returns, so a retry may send it safely.
 */
export async function deliver(
  db: Kysely<Database>,
  mailer: Mailer,
  mail: OutgoingMail,
  log: OutboxLog,
  options: { permanentFailure?: boolean } = {},
): Promise<{ outcome: DeliveryOutcome; error?: string }> {
  if (mail.email === null) return { outcome: 'notClaimed' };
  // Claim it first, in its own committed statement: only one attempt ever gets past this line for a mail.
  const claimed = await db
    .updateTable('notifications')
    .set({
      email_status: 'sending',
      email_claimed_at: sql<Date>`now()`,
      email_attempts: sql<number>`email_attempts + 1`,
    })
    .where('id', '=', mail.id)
    .where('email_status', '=', 'pending')
    .executeTakeFirst();
  if (claimed.numUpdatedRows === 0n) return { outcome: 'notClaimed' };
  try {
    await mailer.transport.sendMail({
      from: mailer.from,
      to: mail.email,
      subject: mail.subject,
      text: mail.body,
      headers: { 'X-Notification-Id': mail.id },
    });
  } catch (err) {
    const error = describeSmtpError(err);
    if (provablyNotSent(err)) {
      const permanent =
        options.permanentFailure === true &&
        typeof (err as SmtpError).responseCode === 'number' &&
        Number((err as SmtpError).responseCode) >= 500;
      await db
        .updateTable('notifications')
        .set({ email_status: permanent ? 'failed' : 'pending', email_error: error })
        .where('id', '=', mail.id)
        .where('email_status', '=', 'sending')
        .execute();
      return { outcome: permanent ? 'failed' : 'notSent', error };
    }
    // The server may have taken it before the connection broke: sending it again could deliver it twice.
    await db
      .updateTable('notifications')
      .set({ email_status: 'unknown', email_error: `interrupted during the send: ${error}` })
      .where('id', '=', mail.id)
      .where('email_status', '=', 'sending')
      .execute();
    log.warn('e-mail outcome unknown: an operator must mark it sent or re-queue it', {
      notificationId: mail.id,
      error,
    });
    return { outcome: 'unknown', error };
  }
  // The server took it: from here it must never go back to `pending`. PostgreSQL may be away at this very moment (the
  // drills caught 8 of 288 mails so in a 20-second outage), so the mark is retried while it comes back; only if it
  // stays away does the mail stay `sending`, for the sweep to list as `unknown`. A late confirmation also settles a
  // mail the sweep meanwhile took for interrupted.
  for (let wait = 250, deadline = Date.now() + MARK_SENT_FOR_MS; ; wait = Math.min(wait * 2, 5_000)) {
    try {
      await db
        .updateTable('notifications')
        .set({ email_status: 'sent', email_sent_at: new Date(), email_error: null })
        .where('id', '=', mail.id)
        .where('email_status', 'in', ['sending', 'unknown'])
        .execute();
      return { outcome: 'sent' };
    } catch (err) {
      if (Date.now() + wait > deadline) throw err;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}

/** How long a sent mail's `sent` mark is retried while PostgreSQL is away: well inside the activity's 1-minute limit. */
const MARK_SENT_FOR_MS = 40_000;

export interface SweepOptions {
  /** A claim older than this is an interrupted send. */
  timeoutMinutes: number;
  /** Sends the pending mails that are due; null (no SMTP configured) leaves them pending. */
  mailer: Mailer | null;
  log: OutboxLog;
}

export interface SweepResult {
  markedUnknown: { id: string; claimedAt: Date | null; createdAt: Date }[];
  /** E-mails sent by this sweep: the pending ones that were due (re-queued, or a retry whose backoff had passed). */
  sent: number;
}

/**
 * Marks interrupted sends `unknown` (with a warning each) and sends the pending mails that are due. Safe to run from
 * several processes at once: both steps go through conditional updates on the mail's status.
 */
export async function sweepMailOutbox(db: Kysely<Database>, options: SweepOptions): Promise<SweepResult> {
  const stale = await db
    .updateTable('notifications')
    .set({
      email_status: 'unknown',
      email_error: sql<string>`coalesce(email_error, 'the attempt ended without recording whether SMTP took it')`,
    })
    .where('email_status', '=', 'sending')
    // Claims from before the claim time was recorded count from the notification's creation. The database's clock,
    // the same one that stamped the claim.
    .where(
      sql<Date>`coalesce(email_claimed_at, created_at)`,
      '<',
      sql<Date>`now() - make_interval(mins => ${options.timeoutMinutes})`,
    )
    .returning(['id', 'email_claimed_at', 'created_at', 'email_attempts'])
    .execute();
  for (const mail of stale) {
    // Ids and times only: the subject and the address name people.
    options.log.warn('e-mail left sending past the timeout, marked unknown: an operator must resolve it', {
      notificationId: mail.id,
      claimedAt: mail.email_claimed_at?.toISOString() ?? null,
      createdAt: mail.created_at.toISOString(),
      attempts: mail.email_attempts,
      timeoutMinutes: options.timeoutMinutes,
    });
  }

  const { sent } =
    options.mailer === null ? { sent: 0 } : await sendDueMails(db, options.mailer, options.log);
  return {
    markedUnknown: stale.map((m) => ({ id: m.id, claimedAt: m.email_claimed_at, createdAt: m.created_at })),
    sent,
  };
}

/** How many times an e-mail is tried before it is `failed`, for an operator to re-queue: retries are bounded. */
export const MAX_EMAIL_ATTEMPTS = 20;

/** How many mails one pass of the sender takes; a full pass is followed by another at once. */
const BATCH = 100;

/** How many SMTP exchanges one sender keeps going at once. */
const SENDS_AT_ONCE = 8;

/**
 * Sends the pending e-mails that are due, oldest first: those never tried, those an operator re-queued, and those
 * whose last attempt provably failed longer ago than their backoff (5 seconds, doubling, at most 10 minutes). Each goes
 * through `deliver`'s claim, so senders in several processes at once send each mail once. A mail that has used up its
 * attempts is `failed`, with a warning.
 */
export async function sendDueMails(
  db: Kysely<Database>,
  mailer: Mailer,
  log: OutboxLog,
): Promise<{ sent: number; tried: number }> {
  const due = await db
    .selectFrom('notifications')
    .select(['id', 'email', 'subject', 'body', 'email_attempts'])
    .where('email_status', '=', 'pending')
    .where((eb) =>
      eb.or([
        eb('email_attempts', '=', 0),
        eb('email_requeued_at', '>', sql<Date>`coalesce(email_claimed_at, created_at)`),
        eb(
          'email_claimed_at',
          '<',
          sql<Date>`now() - make_interval(secs => least(5 * power(2, email_attempts - 1), 600))`,
        ),
      ]),
    )
    .orderBy('created_at')
    .limit(BATCH)
    .execute();
  let sent = 0;
  const sendOne = async (mail: (typeof due)[number]): Promise<void> => {
    const { outcome, error } = await deliver(db, mailer, mail, log, { permanentFailure: true });
    if (outcome === 'sent') sent++;
    else if (outcome === 'failed')
      log.warn('e-mail refused for good by SMTP', { notificationId: mail.id, error });
    else if (outcome === 'notSent' && mail.email_attempts + 1 >= MAX_EMAIL_ATTEMPTS) {
      await db
        .updateTable('notifications')
        .set({ email_status: 'failed' })
        .where('id', '=', mail.id)
        .where('email_status', '=', 'pending')
        .execute();
      log.warn('e-mail not sent after its last attempt, marked failed', {
        notificationId: mail.id,
        attempts: mail.email_attempts + 1,
        error,
      });
    }
  };
  // A few at once: one SMTP exchange at a time would hold a year-end's mails back for minutes.
  await inLanes(due, SENDS_AT_ONCE, sendOne);
  return { sent, tried: due.length };
}

export interface MailSender {
  /** Something was just written to the outbox: send what is due now (a pass already running goes round once more). */
  nudge(): void;
  /** Waits for the pass under way, if any. */
  idle(): Promise<void>;
}

/**
 * The one sender of a process: whoever writes notices nudges it after the commit, so an e-mail goes out within moments
 * of its event without an activity per event; the sweep's timer catches whatever a nudge missed (a process that died
 * before nudging, a retry whose backoff has passed). One pass at a time per process.
 */
export function createMailSender(db: Kysely<Database>, mailer: Mailer, log: OutboxLog): MailSender {
  let running: Promise<void> | undefined;
  let again = false;
  const pass = async (): Promise<void> => {
    do {
      again = false;
      const { tried } = await sendDueMails(db, mailer, log);
      if (tried === BATCH) again = true;
    } while (again);
  };
  return {
    nudge() {
      if (running !== undefined) {
        again = true;
        return;
      }
      running = pass()
        // PostgreSQL or SMTP away: the mails stay pending, and the next nudge or sweep sends them.
        .catch((err: unknown) => log.warn('mail sender pass failed', { error: (err as Error).message }))
        .finally(() => (running = undefined));
    },
    async idle() {
      await running;
    },
  };
}

/** How often each worker process sweeps the outbox. */
export const SWEEP_INTERVAL_MS = 60_000;

/**
 * Runs the sweep now and then every `intervalMs` in this process (the worker's), one run at a time. A timer rather
 * than a Temporal schedule: the sweep is plain database work next to the mailer the worker already holds, it needs
 * no history, and it keeps working while Temporal itself is down.
 */
export function startMailOutboxSweeper(
  db: Kysely<Database>,
  options: SweepOptions & { intervalMs?: number },
): { stop(): Promise<void> } {
  let current: Promise<unknown> | undefined;
  let stopped = false;
  const run = (): void => {
    // A tick that finds the last sweep still running (slow SMTP, PostgreSQL away) is skipped, not queued behind it.
    if (stopped || current !== undefined) return;
    current = sweepMailOutbox(db, options)
      .catch((err: unknown) =>
        // A failed sweep (PostgreSQL away) is tried again at the next tick.
        options.log.warn('mail outbox sweep failed', { error: (err as Error).message }),
      )
      .finally(() => (current = undefined));
  };
  run();
  const timer = setInterval(run, options.intervalMs ?? SWEEP_INTERVAL_MS);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await current;
    },
  };
}
