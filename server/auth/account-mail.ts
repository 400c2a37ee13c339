/**
 * What Peakend emails about accounts, when it sends email at all (SMTP_URL):
 *   - an invite, to the address invited (the admin still sees the link, shown once);
 *   - a one-time link that proves an account's email, to an account an invite made. Opened while
 *     signed in to that account, it marks the email proven; only then may another site's invite
 *     join the account (docs/accounts.md). Signing in is required so that the owner of the
 *     mailbox cannot, by clicking, vouch for an account someone else made with their address.
 */
import type { Role } from '../../shared/accounts';
import { DAY } from '../../shared/time';
import type { Clock } from '../clock';
import type { Account, Store } from '../storage/store';
import type { Mailer } from './mail';
import { randomToken, sha256 } from './tokens';

/** How long a link that proves an email works. */
export const VERIFY_DAYS = 7;

/** Where it leads: the console's page for it, the secret after `#` so no server log keeps it. */
export const verifyLink = (publicUrl: string, token: string) =>
  `${publicUrl.replace(/\/+$/, '')}/console/verify#${token}`;

/** A header line cannot be split by whatever an admin typed into a site's name. */
const oneLine = (text: string) => text.replace(/[\r\n]+/g, ' ');

export class AccountMail {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    /** Null: Peakend sends no email. */
    private readonly mailer: Mailer | null,
    private readonly publicUrl: string,
  ) {}

  /** Whether Peakend sends email (SMTP_URL is set). */
  get enabled(): boolean {
    return this.mailer !== null;
  }

  /** Emails an invite link; false when Peakend sends no email. Rejects if sending fails. */
  async sendInvite(invite: {
    email: string;
    siteName: string;
    role: Role;
    link: string;
    expiresAt: number;
  }): Promise<boolean> {
    if (!this.mailer) return false;
    await this.mailer.send({
      to: invite.email,
      subject: oneLine(`You are invited to ${invite.siteName} on Peakend`),
      text: [
        `You are invited to join ${invite.siteName} on Peakend as ${invite.role}.`,
        '',
        `Open this link to accept (it works once, until ${new Date(invite.expiresAt).toUTCString()}):`,
        invite.link,
        '',
        'If you did not expect this, ignore this email.',
      ].join('\n'),
    });
    return true;
  }

  /**
   * Emails the account a new link that proves its email (any earlier one stops working); false
   * when Peakend sends no email. Rejects if sending fails.
   */
  async sendVerification(account: Account): Promise<boolean> {
    if (!this.mailer) return false;
    const token = randomToken(24);
    await this.store.createVerification({
      tokenHash: sha256(token),
      accountId: account.id,
      expiresAt: this.clock.now() + VERIFY_DAYS * DAY,
    });
    await this.mailer.send({
      to: account.email,
      subject: 'Confirm your email for Peakend',
      text: [
        `Hello ${account.name},`,
        '',
        `Confirm that ${account.email} is yours: open this link and sign in with your Peakend`,
        `password (the link works once, for ${VERIFY_DAYS} days):`,
        verifyLink(this.publicUrl, token),
        '',
        'If you did not make a Peakend account, ignore this email: without your confirmation',
        'nobody can use this address to join other teams.',
      ].join('\n'),
    });
    return true;
  }

  /** Uses up a link's secret for the account signed in; false if it is not theirs or expired. */
  confirm(token: string, accountId: string): Promise<boolean> {
    return this.store.verifyEmail(sha256(token), accountId, this.clock.now());
  }
}
