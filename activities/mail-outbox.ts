/**
 * The e-mail outbox: each notification's e-mail goes at most once, and none is lost without someone being told.
 *
 * A mail is claimed (`pending` → `sending`, in its own committed statement) before it is handed to SMTP, so no retry
 * sends it twice. What happens next decides its status:
 *   - SMTP took it: `sent`.
 *   - SMTP provably did not take it (the server answered with a refusal, or no connection was ever made): back to
 *     `pending` with the error, so the activity's retry sends it; a permanent refusal (5xx) during an operator's
 *     re-queue becomes `failed`.
 *   - Anything else (the connection broke mid-message, a timeout after the data went out): we cannot know, so
 *     `unknown` at once, for an operator.
 *   - The process or PostgreSQL died between the claim and recording the outcome: the mail stays `sending`; the sweep
 *     (run every minute by each worker process) marks it `unknown` once its claim is older than the timeout, with a
 *     warning in the log, and the operators' list shows it.
 * An operator resolves an unknown mail (services/mail-outbox.ts): marks it sent, or re-queues it; the sweep sends
 * re-queued mails, through the same claim.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { Mailer } from './notification.js';

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
  /** Sends the mails operators re-queued; null (no SMTP configured) leaves them pending. */
  mailer: Mailer | null;
  log: OutboxLog;
}

export interface SweepResult {
  markedUnknown: { id: string; claimedAt: Date | null; createdAt: Date }[];
  requeuedSent: number;
}

/**
 * Marks interrupted sends `unknown` (with a warning each) and sends the mails operators re-queued. Safe to run from
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

  let requeuedSent = 0;
  if (options.mailer !== null) {
    const requeued = await db
      .selectFrom('notifications')
      .select(['id', 'email', 'subject', 'body'])
      .where('email_status', '=', 'pending')
      .where('email_requeued_at', 'is not', null)
      .orderBy('email_requeued_at')
      .limit(100)
      .execute();
    for (const mail of requeued) {
      const { outcome, error } = await deliver(db, options.mailer, mail, options.log, {
        permanentFailure: true,
      });
      if (outcome === 'sent') requeuedSent++;
      else if (outcome === 'notSent' || outcome === 'failed')
        options.log.warn('re-queued e-mail not sent', { notificationId: mail.id, outcome, error });
    }
  }
  return {
    markedUnknown: stale.map((m) => ({ id: m.id, claimedAt: m.email_claimed_at, createdAt: m.created_at })),
    requeuedSent,
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
