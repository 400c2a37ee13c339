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
import { apiRoute } from '../openapi/route';
import { ZAgentAnswer, ZInviteLookup } from '../openapi/views';

const AGENT_EXAMPLE = {
  agent: {
    id: 'agt_7Hc2',
    name: 'Anna Jansen',
    email: 'anna@northwind.example',
    siteId: 'site_3kT9qzXw',
    siteName: 'Northwind',
    role: 'supervisor',
    sites: [{ siteId: 'site_3kT9qzXw', siteName: 'Northwind', role: 'supervisor' }],
  },
} as const;

/** The routes below, as the OpenAPI document describes them (server/openapi/registry.ts). */
export const INVITE_API = {
  lookup: apiRoute({
    method: 'post',
    path: '/api/v1/invites/lookup',
    tag: 'Console sign-in and accounts',
    summary: 'What an invite link offers',
    description:
      "The link's secret goes in the body, never in the path. `accountExists`: the invitee signs in to accept.",
    auth: [],
    body: ZInviteRef,
    bodyExample: { token: 'Vb7q2LmN4xV7bT1cW9yF3hJ6' },
    responses: {
      200: {
        description: 'The invite.',
        schema: ZInviteLookup,
        example: {
          siteName: 'Northwind',
          email: 'cleo@northwind.example',
          role: 'admin',
          accountExists: false,
          expiresAt: '2026-11-30T10:00:00.000Z',
        },
      },
    },
    refusals: { 404: 'The link was used, revoked or has expired.' },
  }),
  accept: apiRoute({
    method: 'post',
    path: '/api/v1/invites/accept',
    tag: 'Console sign-in and accounts',
    summary: 'Accept an invite',
    description:
      "Someone new sends `name` and `password` and is signed in by the answer's cookie. For an account the invite joins, no password is taken: it is accepted with that account's session.",
    auth: [],
    body: ZInviteAccept,
    bodyExample: {
      token: 'Vb7q2LmN4xV7bT1cW9yF3hJ6',
      name: 'Cleo Marsh',
      password: 'a long passphrase',
    },
    responses: { 201: { description: 'Joined.', schema: ZAgentAnswer, example: AGENT_EXAMPLE } },
    refusals: {
      401: 'The invite joins an existing account: sign in first.',
      403: "Signed in as another account than the invite's.",
      404: 'The link was used, revoked or has expired.',
      409: "Already on the site's team.",
    },
  }),
};

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

  router.post(INVITE_API.lookup.path, async (req, res) => {
    const { token } = parseBody(INVITE_API.lookup.body, req.body);
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

  router.post(INVITE_API.accept.path, async (req, res) => {
    requireSameOrigin(req);
    const input = parseBody(INVITE_API.accept.body, req.body);
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
