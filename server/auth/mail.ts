/**
 * Email, sent only when SMTP_URL is set (nodemailer). Then invites are emailed to the invitee, and
 * an account an invite made gets a one-time link to prove its email (account-mail.ts). Without it
 * Peakend sends nothing: admins pass invite links on themselves, and an email has one account per
 * site (docs/accounts.md).
 */
import nodemailer, { type Transporter } from 'nodemailer';

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  /** Hands the mail to the SMTP server; rejects if it refuses it or cannot be reached. */
  send(mail: Mail): Promise<void>;
}

/** Sends through `transport` (SMTP in production; tests pass nodemailer's JSON transport). */
export function createMailer(transport: Transporter, from: string): Mailer {
  return {
    async send(mail) {
      await transport.sendMail({ from, ...mail });
    },
  };
}

/** The SMTP transport of an `smtp://` or `smtps://` URL (server/config.ts checked it). */
export function smtpTransport(url: string): Transporter {
  return nodemailer.createTransport(url);
}
