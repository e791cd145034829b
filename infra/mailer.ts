import nodemailer from 'nodemailer';
import type { Mailer } from '../activities/mail-outbox.js';
import type { SmtpConfig } from './config.js';

/** The SMTP transport for notification e-mails, or null when no SMTP server is configured. */
export function createMailer(smtp: SmtpConfig | null): Mailer | null {
  if (smtp === null) return null;
  const transport = nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    // Bounded, so that an attempt holding a mail's claim ends well inside MAIL_SENDING_TIMEOUT_MINUTES: the outbox
    // sweep must never take a send still under way for an interrupted one (nodemailer waits 10 minutes by default).
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 60_000,
    ...(smtp.user !== undefined ? { auth: { user: smtp.user, pass: smtp.password ?? '' } } : {}),
  });
  return { transport, from: smtp.from };
}
