import nodemailer from 'nodemailer';
import type { Mailer } from '../activities/notification.js';
import type { SmtpConfig } from './config.js';

/** The SMTP transport for notification e-mails, or null when no SMTP server is configured. */
export function createMailer(smtp: SmtpConfig | null): Mailer | null {
  if (smtp === null) return null;
  const transport = nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    // Bounded well inside the notification activity's 1-minute limit (nodemailer waits 10 minutes on a silent socket
    // by default): a send that hangs fails its attempt instead of still running when the retry sends the mail again.
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
    ...(smtp.user !== undefined ? { auth: { user: smtp.user, pass: smtp.password ?? '' } } : {}),
  });
  return { transport, from: smtp.from };
}
