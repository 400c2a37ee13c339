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
import { apiRoute } from '../openapi/route';
import { ZAgentAnswer } from '../openapi/views';

const TAG = 'Console sign-in and accounts';

/** The routes below, as the OpenAPI document describes them (server/openapi/registry.ts). */
export const ACCOUNT_API = {
  password: apiRoute({
    method: 'post',
    path: '/api/v1/account/password',
    tag: TAG,
    summary: 'Change my password',
    description: 'Every other session of the account ends.',
    auth: ['session'],
    body: ZPasswordChange,
    bodyExample: { currentPassword: 'a long passphrase', newPassword: 'an even longer passphrase' },
    responses: { 204: { description: 'Changed.' } },
    refusals: { 403: 'A wrong current password (it backs off like a failed sign-in).' },
  }),
  signOutEverywhere: apiRoute({
    method: 'delete',
    path: '/api/v1/account/sessions',
    tag: TAG,
    summary: 'Sign out everywhere',
    auth: ['session'],
    responses: { 204: { description: 'Every session of the account ended, this one too.' } },
  }),
  sendVerification: apiRoute({
    method: 'post',
    path: '/api/v1/account/verification',
    tag: TAG,
    summary: 'Email a link that confirms my email',
    description: 'At most one a minute.',
    auth: ['session'],
    responses: { 204: { description: 'Sent.' } },
    refusals: { 409: 'Peakend sends no email.' },
  }),
  verify: apiRoute({
    method: 'post',
    path: '/api/v1/account/verify',
    tag: TAG,
    summary: 'Confirm my email',
    description: 'Signed in as the account the link was sent for.',
    auth: ['session'],
    body: ZVerification,
    bodyExample: { token: 'Vb7q2LmN4xV7bT1cW9yF3hJ6' },
    responses: {
      200: {
        description: 'The account, confirmed.',
        schema: ZAgentAnswer,
        example: {
          agent: {
            id: 'agt_7Hc2',
            name: 'Anna Jansen',
            email: 'anna@northwind.example',
            siteId: 'site_3kT9qzXw',
            siteName: 'Northwind',
            role: 'supervisor',
            sites: [{ siteId: 'site_3kT9qzXw', siteName: 'Northwind', role: 'supervisor' }],
          },
        },
      },
    },
    refusals: { 404: 'The link was used, has expired, or was sent for another account.' },
  }),
};

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

  router.post(ACCOUNT_API.password.path, async (req, res) => {
    const { session, account } = await requireSignedIn(req, sessions);
    const input = parseBody(ACCOUNT_API.password.body, req.body);
    await signIns.begin(req.ip, account.email);
    const record = await store.accountRecord(account.id);
    const ok = await verifyPassword(input.currentPassword, record?.passwordHash ?? UNUSABLE_HASH);
    if (!ok) throw new Refusal('forbidden', 'That is not your current password.');
    await signIns.succeeded(req.ip, account.email);
    await store.setPasswordHash(account.id, await hashPassword(input.newPassword));
    await endSessions(account.id, session.tokenHash);
    res.status(204).end();
  });

  router.delete(ACCOUNT_API.signOutEverywhere.path, async (req, res) => {
    const { account } = await requireSignedIn(req, sessions);
    await endSessions(account.id);
    res.setHeader('Set-Cookie', sessions.clearingCookie());
    res.status(204).end();
  });

  router.post(ACCOUNT_API.sendVerification.path, async (req, res) => {
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

  router.post(ACCOUNT_API.verify.path, async (req, res) => {
    const { session } = await requireSignedIn(req, sessions);
    const { token } = parseBody(ACCOUNT_API.verify.body, req.body);
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
