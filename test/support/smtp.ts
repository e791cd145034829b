/** A real SMTP server, in-process, that keeps what it receives: the tests' mailbox. */
import getPort from 'get-port';
import nodemailer from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import type { Mailer } from '../../activities/mail-outbox.js';

export interface ReceivedMail {
  to: string[];
  raw: string;
  /** The X-Notification-Id header: which notification (nomination, position, recipient) this mail is. */
  notificationId: string | null;
}

export interface TestMailbox {
  mails: ReceivedMail[];
  mailer: Mailer;
  close(): Promise<void>;
}

export async function startMailbox(): Promise<TestMailbox> {
  const mails: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        mails.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
          // Long header values are folded onto the next line (RFC 5322 §2.2.3).
          notificationId: /^X-Notification-Id:\s*([^\r\n]+)/im.exec(raw)?.[1]?.trim() ?? null,
        });
        callback();
      });
    },
  });
  // A client that dies mid-session resets its socket, which smtp-server reports as an 'error' event on the server:
  // without a listener that would end the test process rather than leave the mail unreceived.
  server.on('error', () => undefined);
  const port = await getPort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
  return {
    mails,
    mailer: { transport, from: 'Thi đua - Khen thưởng <no-reply@an-lac.demo>' },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
