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
    ...(smtp.user !== undefined ? { auth: { user: smtp.user, pass: smtp.password ?? '' } } : {}),
  });
  return { transport, from: smtp.from };
}
