import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import getPort from 'get-port';
import { sql } from 'kysely';
import nodemailer, { type Transporter } from 'nodemailer';
import type { App } from '../../api/app.js';
import { buildApp } from '../../api/app.js';
import {
  createMailSender,
  deliver,
  MAX_EMAIL_ATTEMPTS,
  sendDueMails,
  startMailOutboxSweeper,
  sweepMailOutbox,
  type Mailer,
  type OutboxLog,
} from '../../activities/mail-outbox.js';
import type { EmailStatus } from '../../db/schema.js';
import { projectRoot } from '../../infra/config.js';
import { loadFixtureProvince } from '../support/province.js';
import { as, type ApiClient } from '../support/api.js';
import { accountIdOf } from '../support/nominations.js';
import { createTestEnvironment, type TestEnvironment } from '../support/harness.js';
import { startMailbox, type TestMailbox } from '../support/smtp.js';
import { until as eventually } from '../support/until.js';

/** A log that keeps what it was told, so the test sees the operator's warnings. */
function recordingLog(): OutboxLog & { lines: { message: string; fields: Record<string, unknown> }[] } {
  const lines: { message: string; fields: Record<string, unknown> }[] = [];
  return { lines, warn: (message, fields) => lines.push({ message, fields }) };
}

// The e-mail outbox on the real PostgreSQL and a real SMTP server: an interrupted send is never lost silently and
// never sent twice on its own; an operator's decision settles it.
describe('the e-mail outbox', () => {
  let env: TestEnvironment;
  let mailbox: TestMailbox;
  let app: App;
  let admin: ApiClient;
  let accountId = '';
  let counter = 0;

  /** A notification e-mail in a given state; `claimedMinutesAgo` backdates its claim (null: never recorded). */
  async function givenMail(
    status: EmailStatus,
    options: { claimedMinutesAgo?: number | null; createdMinutesAgo?: number } = {},
  ): Promise<string> {
    const id = `outbox-test:${++counter}:${accountId}`;
    const minutes = (m: number) => sql<Date>`now() - make_interval(mins => ${m})`;
    await env.db
      .insertInto('notifications')
      .values({
        id,
        nomination_id: null,
        period_id: null,
        kind: 'approved',
        recipient_account_id: accountId,
        recipient_unit_id: 'AL-H01',
        subject: `Đã có quyết định khen thưởng ${counter}/QĐ-LĐLĐ: Bằng khen — Nguyễn Văn An`,
        body: 'Quyết định khen thưởng.',
        email: 'h01.canbo@an-lac.demo',
        email_status: status,
        created_at: minutes(options.createdMinutesAgo ?? 30),
        email_claimed_at:
          options.claimedMinutesAgo === undefined || options.claimedMinutesAgo === null
            ? null
            : minutes(options.claimedMinutesAgo),
      })
      .execute();
    return id;
  }

  const statusOf = async (id: string): Promise<EmailStatus> =>
    (
      await env.db
        .selectFrom('notifications')
        .select('email_status')
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
    ).email_status;
  const received = (id: string): number => mailbox.mails.filter((m) => m.notificationId === id).length;

  beforeAll(async () => {
    env = await createTestEnvironment('outbox');
    await loadFixtureProvince(env.db);
    mailbox = await startMailbox();
    accountId = await accountIdOf(env.db, 'h01.canbo');
    app = await buildApp(env.deps);
    admin = await as(app, 'admin');
  });

  afterAll(async () => {
    await app.close();
    await mailbox.close();
    await env.teardown();
  });

  beforeEach(async () => {
    // Each test starts from an empty outbox: the sweep looks at every mail.
    await env.db.deleteFrom('notifications').execute();
  });

  it('marks a mail left sending past the timeout unknown, with a warning, leaves a recent send alone and sends what is pending', async () => {
    const stale = await givenMail('sending', { claimedMinutesAgo: 11 });
    const legacy = await givenMail('sending', { claimedMinutesAgo: null, createdMinutesAgo: 20 });
    const recent = await givenMail('sending', { claimedMinutesAgo: 2 });
    const pending = await givenMail('pending');
    const log = recordingLog();

    const result = await sweepMailOutbox(env.db, { timeoutMinutes: 10, mailer: mailbox.mailer, log });

    expect(result.markedUnknown.map((m) => m.id).sort()).toEqual([stale, legacy].sort());
    expect(await statusOf(stale)).toBe('unknown');
    expect(await statusOf(legacy)).toBe('unknown');
    expect(await statusOf(recent)).toBe('sending');
    // The pending mail was due (never tried): the sweep sends it, and only it.
    expect(result.sent).toBe(1);
    expect(await statusOf(pending)).toBe('sent');
    expect(mailbox.mails.map((m) => m.notificationId)).toEqual([pending]);
    // One warning per mail, naming it, and nothing personal (no address, no subject).
    expect(log.lines.map((l) => l.fields.notificationId).sort()).toEqual([stale, legacy].sort());
    expect(JSON.stringify(log.lines)).not.toMatch(/an-lac\.demo|Nguyễn/);

    // A second sweep finds nothing new.
    expect((await sweepMailOutbox(env.db, { timeoutMinutes: 10, mailer: null, log })).markedUnknown).toEqual(
      [],
    );
  });

  it('lists the unknown mails for administrators only', async () => {
    const unknown = await givenMail('unknown', { claimedMinutesAgo: 15 });
    await givenMail('sent');

    const listed = await admin.get('/api/admin/mail-outbox?status=unknown');
    expect(listed.statusCode).toBe(200);
    const items = listed.json<{ items: Record<string, unknown>[] }>().items;
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      id: unknown,
      recipient: 'h01.canbo@an-lac.demo',
      subject: expect.stringContaining('Nguyễn Văn An') as unknown,
      status: 'unknown',
      createdAt: expect.any(String) as unknown,
      claimedAt: expect.any(String) as unknown,
    });
    // Unknown is the default status.
    expect((await admin.get('/api/admin/mail-outbox')).json<{ items: unknown[] }>().items).toHaveLength(1);

    const officer = await as(app, 'h01.canbo');
    const refused = await officer.get('/api/admin/mail-outbox');
    expect(refused.statusCode).toBe(403);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.json()).toMatchObject({
      type: expect.stringContaining('admin-only') as unknown,
      status: 403,
    });
    expect((await app.inject({ method: 'GET', url: '/api/admin/mail-outbox' })).statusCode).toBe(401);
    expect((await admin.get('/api/admin/mail-outbox?status=lost')).statusCode).toBe(400);
  });

  it('an operator’s re-queue sends the mail exactly once; marking one sent sends nothing', async () => {
    const requeued = await givenMail('unknown', { claimedMinutesAgo: 15 });
    const settled = await givenMail('unknown', { claimedMinutesAgo: 15 });

    const requeue = await admin.post(`/api/admin/mail-outbox/${encodeURIComponent(requeued)}/resolve`, {
      resolution: 'requeue',
    });
    expect(requeue.statusCode).toBe(200);
    expect(requeue.json()).toMatchObject({ status: 'pending', resolvedBy: 'admin' });
    const markSent = await admin.post(`/api/admin/mail-outbox/${encodeURIComponent(settled)}/resolve`, {
      resolution: 'markSent',
    });
    expect(markSent.json()).toMatchObject({ status: 'sent', resolvedBy: 'admin' });

    // Deciding again is refused: the mail is no longer unknown.
    const again = await admin.post(`/api/admin/mail-outbox/${encodeURIComponent(requeued)}/resolve`, {
      resolution: 'requeue',
    });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ status: 409, emailStatus: 'pending' });
    const missing = await admin.post('/api/admin/mail-outbox/no-such-mail/resolve', {
      resolution: 'markSent',
    });
    expect(missing.statusCode).toBe(404);

    // Two sweeps at once (two worker processes), then another: the re-queued mail goes out once.
    const log = recordingLog();
    const sweeps = await Promise.all([
      sweepMailOutbox(env.db, { timeoutMinutes: 10, mailer: mailbox.mailer, log }),
      sweepMailOutbox(env.db, { timeoutMinutes: 10, mailer: mailbox.mailer, log }),
    ]);
    expect(sweeps.reduce((n, s) => n + s.sent, 0)).toBe(1);
    await sweepMailOutbox(env.db, { timeoutMinutes: 10, mailer: mailbox.mailer, log });
    expect(received(requeued)).toBe(1);
    expect(received(settled)).toBe(0);
    expect(await statusOf(requeued)).toBe('sent');
    expect(await statusOf(settled)).toBe('sent');
  });

  it('at most once: a send interrupted after SMTP took it is never sent again by retries or sweeps', async () => {
    const id = await givenMail('pending');
    // The worker sends, then freezes before recording it (as if it died there): the send never returns.
    const frozen: Mailer = {
      from: mailbox.mailer.from,
      transport: {
        sendMail: async (mail: unknown) => {
          await mailbox.mailer.transport.sendMail(mail as Parameters<Transporter['sendMail']>[0]);
          return new Promise<never>(() => undefined);
        },
      } as unknown as Transporter,
    };
    const mail = { id, email: 'h01.canbo@an-lac.demo', subject: 's', body: 'b' };
    void deliver(env.db, frozen, mail, recordingLog());
    const deadline = Date.now() + 10_000;
    while (received(id) === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(await statusOf(id)).toBe('sending');

    // The activity's retry finds it claimed and leaves it.
    expect((await deliver(env.db, mailbox.mailer, mail, recordingLog())).outcome).toBe('notClaimed');
    // Within the timeout the sweep leaves it; past it, it becomes unknown, and no sweep sends it.
    await sweepMailOutbox(env.db, { timeoutMinutes: 10, mailer: mailbox.mailer, log: recordingLog() });
    expect(await statusOf(id)).toBe('sending');
    await env.db
      .updateTable('notifications')
      .set({ email_claimed_at: sql<Date>`now() - interval '11 minutes'` })
      .where('id', '=', id)
      .execute();
    await sweepMailOutbox(env.db, { timeoutMinutes: 10, mailer: mailbox.mailer, log: recordingLog() });
    await sweepMailOutbox(env.db, { timeoutMinutes: 10, mailer: mailbox.mailer, log: recordingLog() });
    expect(await statusOf(id)).toBe('unknown');
    expect(received(id)).toBe(1);
  });

  it('a mail SMTP provably did not take goes back to pending and is sent by the retry; an ambiguous failure is unknown', async () => {
    const refusedId = await givenMail('pending');
    const closedPort = await getPort();
    const unreachable: Mailer = {
      from: mailbox.mailer.from,
      transport: nodemailer.createTransport({
        host: '127.0.0.1',
        port: closedPort,
        secure: false,
        ignoreTLS: true,
      }),
    };
    const refusedMail = { id: refusedId, email: 'h01.canbo@an-lac.demo', subject: 's', body: 'b' };
    const first = await deliver(env.db, unreachable, refusedMail, recordingLog());
    expect(first.outcome).toBe('notSent');
    expect(first.error).toContain('ECONNREFUSED');
    expect(await statusOf(refusedId)).toBe('pending');
    expect((await deliver(env.db, mailbox.mailer, refusedMail, recordingLog())).outcome).toBe('sent');
    expect(received(refusedId)).toBe(1);

    // The connection broke after the message may have gone: the outcome is unknown at once, and not retried.
    const brokenId = await givenMail('pending');
    const broken: Mailer = {
      from: mailbox.mailer.from,
      transport: {
        sendMail: () =>
          Promise.reject(Object.assign(new Error('Connection closed unexpectedly'), { code: 'ECONNECTION' })),
      } as unknown as Transporter,
    };
    const log = recordingLog();
    const brokenMail = { id: brokenId, email: 'h01.canbo@an-lac.demo', subject: 's', body: 'b' };
    expect((await deliver(env.db, broken, brokenMail, log)).outcome).toBe('unknown');
    expect(await statusOf(brokenId)).toBe('unknown');
    expect(log.lines[0]?.fields.notificationId).toBe(brokenId);
    expect((await deliver(env.db, mailbox.mailer, brokenMail, recordingLog())).outcome).toBe('notClaimed');
    expect(received(brokenId)).toBe(0);
  });

  it('a mail SMTP refused waits its backoff before the next try; one that used its last attempt is failed', async () => {
    /** Sets a pending mail's attempts and when the last one claimed it. */
    const tried = async (id: string, attempts: number, secondsAgo: number): Promise<void> => {
      await env.db
        .updateTable('notifications')
        .set({
          email_attempts: attempts,
          email_claimed_at: sql<Date>`now() - make_interval(secs => ${secondsAgo})`,
        })
        .where('id', '=', id)
        .execute();
    };
    const log = recordingLog();
    // Three attempts so far: the next is due 20 s after the last (5 s, doubling).
    const waiting = await givenMail('pending');
    await tried(waiting, 3, 10);
    expect(await sendDueMails(env.db, mailbox.mailer, log)).toEqual({ sent: 0, tried: 0 });
    expect(await statusOf(waiting)).toBe('pending');
    await tried(waiting, 3, 30);
    expect(await sendDueMails(env.db, mailbox.mailer, log)).toEqual({ sent: 1, tried: 1 });
    expect(await statusOf(waiting)).toBe('sent');
    expect(received(waiting)).toBe(1);

    // The last attempt fails too: the mail is failed, for an operator, and said so in the log.
    const hopeless = await givenMail('pending');
    await tried(hopeless, MAX_EMAIL_ATTEMPTS - 1, 3600);
    const unreachable: Mailer = {
      from: mailbox.mailer.from,
      transport: nodemailer.createTransport({
        host: '127.0.0.1',
        port: await getPort(),
        secure: false,
        ignoreTLS: true,
      }),
    };
    expect(await sendDueMails(env.db, unreachable, log)).toEqual({ sent: 0, tried: 1 });
    expect(await statusOf(hopeless)).toBe('failed');
    expect(
      log.lines.filter((l) => l.fields.notificationId === hopeless).map((l) => l.fields.attempts),
    ).toEqual([MAX_EMAIL_ATTEMPTS]);
    expect(received(hopeless)).toBe(0);
  });

  it('the sender sends what was written when nudged, and goes round again for a mail nudged during its pass', async () => {
    // The first send waits at a gate, so that the second mail is written and nudged while the pass runs.
    let open = (): void => undefined;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const gated: Mailer = {
      from: mailbox.mailer.from,
      transport: {
        sendMail: async (mail: unknown) => {
          await gate;
          return mailbox.mailer.transport.sendMail(mail as Parameters<Transporter['sendMail']>[0]);
        },
      } as unknown as Transporter,
    };
    const sender = createMailSender(env.db, gated, recordingLog());
    const first = await givenMail('pending');
    sender.nudge();
    await eventually('the first mail is being sent', async () => (await statusOf(first)) === 'sending');
    const second = await givenMail('pending');
    sender.nudge();
    open();
    await sender.idle();
    expect(received(first)).toBe(1);
    expect(received(second)).toBe(1);
    expect([await statusOf(first), await statusOf(second)]).toEqual(['sent', 'sent']);
  });

  it('runs in the worker process on a timer', async () => {
    const stale = await givenMail('sending', { claimedMinutesAgo: 30 });
    const log = recordingLog();
    const sweeper = startMailOutboxSweeper(env.db, {
      timeoutMinutes: 10,
      mailer: mailbox.mailer,
      log,
      intervalMs: 100,
    });
    try {
      const deadline = Date.now() + 10_000;
      while ((await statusOf(stale)) !== 'unknown' && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 50));
      expect(await statusOf(stale)).toBe('unknown');
    } finally {
      await sweeper.stop();
    }
    expect(log.lines.filter((l) => l.fields.notificationId === stale)).toHaveLength(1);
  });

  it('npm run mail:outbox lists unknown mails and records the operator’s decision', async () => {
    const id = await givenMail('unknown', { claimedMinutesAgo: 15 });
    const cli = async (...args: string[]): Promise<{ code: number; output: string }> => {
      try {
        const { stdout } = await promisify(execFile)(
          process.execPath,
          ['--import', 'tsx', 'scripts/mail-outbox.ts', ...args],
          { cwd: projectRoot, env: { ...process.env, DATABASE_URL: env.databaseUrl }, timeout: 60_000 },
        );
        return { code: 0, output: stdout };
      } catch (err) {
        const e = err as { code?: number; stdout?: string; stderr?: string };
        return { code: e.code ?? -1, output: (e.stdout ?? '') + (e.stderr ?? '') };
      }
    };
    const listed = await cli('list');
    expect(listed.code).toBe(0);
    expect(listed.output).toContain(id);
    expect(listed.output).toContain('h01.canbo@an-lac.demo');
    expect(listed.output).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
    expect((await cli('resolve', id, 'markSent', '--by', 'trực ban')).code).toBe(0);
    const row = await env.db
      .selectFrom('notifications')
      .select(['email_status', 'email_resolved_by'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ email_status: 'sent', email_resolved_by: 'trực ban' });
    const again = await cli('resolve', id, 'requeue');
    expect(again.code).toBe(1);
    expect(again.output).toContain('đang ở trạng thái “Đã gửi”');
    expect((await cli('list')).output).toContain('Không có thư nào ở trạng thái “Chưa rõ đã gửi hay chưa”.');
    expect(received(id)).toBe(0);
  });
});
