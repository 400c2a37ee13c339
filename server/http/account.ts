/**
 * The signed-in person's own account, from the console's account menu:
 *   - `POST /api/v1/account/password`: a new password, given the current one (checked with the
 *     sign-in backoff, so a stolen session cannot be used to guess it). Every other session of the
 *     account ends, and its console sockets close; this one stays.
 *   - `DELETE /api/v1/account/sessions`: sign out everywhere. Every session of the account ends,
 *     this one too, and every console socket of theirs closes.
 *   - `POST /api/v1/account/verification`: mails a new link that proves the account's email
 *     (when Peakend sends email), and `POST /api/v1/account/verify` uses one, signed in as the
 *     account it was sent for (server/auth/account-mail.ts says why).
 */
import express, { type Router } from 'express';
import { ZPasswordChange, ZVerification } from '../../shared/accounts';
import type { AccountMail } from '../auth/account-mail';
import { hashPassword, UNUSABLE_HASH, verifyPassword } from '../auth/passwords';
import type { Sessions } from '../auth/sessions';
import { signedInView } from '../auth/signed-in';
import type { Clock } from '../clock';
import { RateLimited, Refusal } from '../errors';
import type { ConsoleSockets } from '../live/access';
import type { SignInGuard } from '../limits/sign-in';
import type { Store } from '../storage/store';
import { requireSignedIn } from './caller';
import { parseBody } from './validate';

export interface AccountRouteDeps {
  store: Store;
  sessions: Sessions;
  clock: Clock;
  mail: AccountMail;
  consoleSockets?: ConsoleSockets;
  signIns: SignInGuard;
}

/** Shortest time between two links asked for one account: a mailbox is not to be flooded. */
export const VERIFICATION_RESEND_MS = 60_000;

export function accountRoutes(deps: AccountRouteDeps): Router {
  const { store, sessions, clock, mail, consoleSockets, signIns } = deps;
  const router = express.Router();
  /** When each account last asked for a link (this node only; a flood guard, not a record). */
  const asked = new Map<string, number>();

  /** Ends sessions of the account (all, or all but `keep`) and closes their console sockets. */
  const endSessions = async (accountId: string, keep?: string) => {
    for (const tokenHash of await store.deleteSessionsOf(accountId, keep)) {
      consoleSockets?.sessionChanged(tokenHash);
    }
  };

  router.post('/api/v1/account/password', async (req, res) => {
    const { session, account } = await requireSignedIn(req, sessions);
    const input = parseBody(ZPasswordChange, req.body);
    await signIns.begin(req.ip, account.email);
    const record = await store.accountRecord(account.id);
    const ok = await verifyPassword(input.currentPassword, record?.passwordHash ?? UNUSABLE_HASH);
    if (!ok) throw new Refusal('forbidden', 'That is not your current password.');
    await signIns.succeeded(req.ip, account.email);
    await store.setPasswordHash(account.id, await hashPassword(input.newPassword));
    await endSessions(account.id, session.tokenHash);
    res.status(204).end();
  });

  router.delete('/api/v1/account/sessions', async (req, res) => {
    const { account } = await requireSignedIn(req, sessions);
    await endSessions(account.id);
    res.setHeader('Set-Cookie', sessions.clearingCookie());
    res.status(204).end();
  });

  router.post('/api/v1/account/verification', async (req, res) => {
    const { account } = await requireSignedIn(req, sessions);
    if (!mail.enabled) {
      throw new Refusal('conflict', 'This Peakend server sends no email, so there is no link.');
    }
    const record = await store.accountRecord(account.id);
    if (record?.verifiedAt === null) {
      const now = clock.now();
      const last = asked.get(account.id);
      if (last !== undefined && now - last < VERIFICATION_RESEND_MS) {
        const seconds = Math.ceil((last + VERIFICATION_RESEND_MS - now) / 1000);
        throw new RateLimited(`A link was just sent: ask again in ${seconds} s.`, seconds);
      }
      asked.delete(account.id);
      asked.set(account.id, now);
      // Bounded: the oldest asks are forgotten first.
      const oldest = asked.keys().next();
      if (asked.size > 10_000 && !oldest.done) asked.delete(oldest.value);
      await mail.sendVerification(account);
    }
    res.status(204).end();
  });

  router.post('/api/v1/account/verify', async (req, res) => {
    const { session } = await requireSignedIn(req, sessions);
    const { token } = parseBody(ZVerification, req.body);
    if (!(await mail.confirm(token, session.accountId))) {
      throw new Refusal(
        'not_found',
        'This link does not work: it was used or has expired, or it was sent for another ' +
          'account. Sign in with the account it was sent for, or ask for a new link.',
      );
    }
    const agent = await sessions.currentMember(session);
    if (!agent) throw new Refusal('forbidden', 'Your account has no access to any site now.');
    res.setHeader('Cache-Control', 'no-store');
    res.json({ agent: await signedInView(store, agent, { mailEnabled: mail.enabled }) });
  });

  return router;
}
