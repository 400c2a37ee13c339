/**
 * Invite links. The link's secret travels in the request body, never in the path, so no proxy's
 * request log keeps it (issue 9, L6): `POST /api/v1/invites/lookup` says what the link offers,
 * `POST /api/v1/invites/accept` accepts it. The link then stops working: it is single use.
 *
 * Whom an invite joins (docs/accounts.md, "Email ownership"):
 *   - an account of the invited email that this site's invites made before, or one whose email
 *     is proven (a link mailed to it, opened signed in; or made by the operator). Its owner signs
 *     in through the normal sign-in, with its backoff (`POST /api/v1/session` with the link's
 *     secret joins at once), or, signed in already, accepts here with that session. No route of
 *     a link takes an existing account's password, so a link cannot be used to guess one (H3).
 *   - otherwise a new account, for this site only: whoever holds the link names themselves and
 *     chooses its password. Another site's invite never reaches it unless its owner proves the
 *     email theirs, so nobody can capture someone's future invites by accepting theirs (M3).
 *
 * Only the link's holder learns which of the two it is (the lookup's `accountExists`).
 */
import express, { type Router } from 'express';
import { ZInviteAccept, ZInviteRef, ZNewPassword, type InviteLookup } from '../../shared/accounts';
import { iso } from '../../shared/time';
import type { AccountMail } from '../auth/account-mail';
import { newAccountId } from '../auth/ids';
import { joinableAccounts, joinWithInvite, openInvite } from '../auth/invite-accounts';
import { hashPassword } from '../auth/passwords';
import type { Sessions } from '../auth/sessions';
import { signedInView } from '../auth/signed-in';
import type { Clock } from '../clock';
import { describeIssues, Refusal } from '../errors';
import type { ConsoleSockets } from '../live/access';
import type { Logger } from '../logger';
import type { Store } from '../storage/store';
import { existingSite } from './caller';
import { requireSameOrigin } from './same-origin';
import { parseBody } from './validate';

export interface InviteRouteDeps {
  store: Store;
  sessions: Sessions;
  clock: Clock;
  mail: AccountMail;
  consoleSockets?: ConsoleSockets;
  log: Logger;
}

export function inviteRoutes(deps: InviteRouteDeps): Router {
  const { store, sessions, clock, mail, consoleSockets, log } = deps;
  const router = express.Router();

  router.post('/api/v1/invites/lookup', async (req, res) => {
    const { token } = parseBody(ZInviteRef, req.body);
    const invite = await openInvite(store, clock, token);
    const site = await existingSite(store, invite.siteId);
    const lookup: InviteLookup = {
      siteName: site.name,
      email: invite.email,
      role: invite.role,
      accountExists: (await joinableAccounts(store, invite)).length > 0,
      expiresAt: iso(invite.expiresAt),
    };
    res.setHeader('Cache-Control', 'no-store');
    res.json(lookup);
  });

  router.post('/api/v1/invites/accept', async (req, res) => {
    requireSameOrigin(req);
    const input = parseBody(ZInviteAccept, req.body);
    const invite = await openInvite(store, clock, input.token);
    const site = await existingSite(store, invite.siteId);
    const now = clock.now();
    const joinable = await joinableAccounts(store, invite);

    if (joinable.length > 0) {
      // Never a password here: the owner signs in as usual (with its backoff), then accepts.
      const signedIn = await sessions.signedIn(req.headers.cookie);
      if (!signedIn) {
        throw new Refusal(
          'unauthorized',
          `You have a Peakend account as ${invite.email}: sign in with it, then accept the invite.`,
        );
      }
      const own = joinable.find((record) => record.account.id === signedIn.account.id);
      if (!own) {
        throw new Refusal(
          'forbidden',
          `This invite is for ${invite.email}: sign in with that account to accept it.`,
        );
      }
      if (await store.memberOf(own.account.id, site.id)) {
        throw new Refusal('conflict', "You are on this site's team already.");
      }
      const member = await joinWithInvite(store, invite, { account: own.account }, now);
      // The session now shows the site just joined; its console socket reconnects to it.
      await store.setSessionSite(signedIn.session.tokenHash, site.id);
      consoleSockets?.sessionChanged(signedIn.session.tokenHash);
      res.setHeader('Cache-Control', 'no-store');
      res.status(201).json({
        agent: await signedInView(store, member, { mailEnabled: mail.enabled }),
      });
      return;
    }

    const password = ZNewPassword.safeParse(input.password ?? '');
    const issues = [
      ...(input.name === undefined ? [{ path: 'name', message: 'say what to call you' }] : []),
      ...(password.success
        ? []
        : describeIssues(password.error.issues).map((issue) => ({ ...issue, path: 'password' }))),
    ];
    if (issues.length > 0 || input.name === undefined || !password.success) {
      throw new Refusal('invalid', 'Choose your name and a password to join.', issues);
    }
    const account = { id: newAccountId(), email: invite.email, name: input.name, createdAt: now };
    const member = await joinWithInvite(
      store,
      invite,
      {
        newAccount: {
          account,
          passwordHash: await hashPassword(password.data),
          homeSiteId: site.id,
        },
      },
      now,
    );
    res.setHeader('Set-Cookie', await sessions.start(account.id, site.id));
    // A new account's email is unproven until its owner opens the link mailed to it.
    await mail
      .sendVerification(account)
      .catch((error: unknown) => log.error('could not email a link to confirm an email', error));
    res.setHeader('Cache-Control', 'no-store');
    res.status(201).json({
      agent: await signedInView(store, member, { mailEnabled: mail.enabled }),
    });
  });

  return router;
}
