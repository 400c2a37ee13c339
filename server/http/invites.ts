/**
 * Accepting an invite: `GET /api/v1/invites/:token` says what the link offers, `POST` accepts it.
 * A new person names themselves and chooses a password; someone with an account already proves
 * it is theirs with its password. Either way they join the site's team with the invite's role and
 * are signed in on that site. The link then stops working: it is single use.
 */
import express, { type Router } from 'express';
import {
  ZInviteAccept,
  ZInviteToken,
  ZNewPassword,
  type InviteLookup,
} from '../../shared/accounts';
import { iso } from '../../shared/time';
import { newAccountId, newAgentId } from '../auth/ids';
import { hashPassword, UNUSABLE_HASH, verifyPassword } from '../auth/passwords';
import type { Sessions } from '../auth/sessions';
import { signedInView } from '../auth/signed-in';
import { sha256 } from '../auth/tokens';
import type { Clock } from '../clock';
import { describeIssues, Refusal } from '../errors';
import type { Agent, Invite, InviteRedemption, Store } from '../storage/store';
import { existingSite } from './caller';
import { requireSameOrigin } from './same-origin';
import { parseBody } from './validate';

export interface InviteRouteDeps {
  store: Store;
  sessions: Sessions;
  clock: Clock;
}

const GONE =
  'This invite link does not work any more: it was used, revoked or has expired. ' +
  'Ask an admin of the site for a new one.';

/** Wrong passwords an invite link takes before it stops working (it must not be a way to guess). */
export const INVITE_PASSWORD_ATTEMPTS = 5;

export function inviteRoutes({ store, sessions, clock }: InviteRouteDeps): Router {
  const router = express.Router();

  /** The invite a link's token opens, unless used, revoked or expired. */
  const openInvite = async (token: string): Promise<Invite> => {
    const parsed = ZInviteToken.safeParse(token);
    const invite = parsed.success ? await store.findInvite(sha256(parsed.data), clock.now()) : null;
    if (!invite) throw new Refusal('not_found', GONE);
    return invite;
  };

  router.get('/api/v1/invites/:token', async (req, res) => {
    const invite = await openInvite(String(req.params.token));
    const site = await existingSite(store, invite.siteId);
    const lookup: InviteLookup = {
      siteName: site.name,
      email: invite.email,
      role: invite.role,
      accountExists: (await store.findCredentials(invite.email)) !== null,
      expiresAt: iso(invite.expiresAt),
    };
    res.setHeader('Cache-Control', 'no-store');
    res.json(lookup);
  });

  router.post('/api/v1/invites/:token', async (req, res) => {
    requireSameOrigin(req);
    const input = parseBody(ZInviteAccept, req.body);
    const token = String(req.params.token);
    const invite = await openInvite(token);
    const site = await existingSite(store, invite.siteId);
    const now = clock.now();

    let newAccount: InviteRedemption['newAccount'];
    let accountId: string;
    let name: string;
    const credentials = await store.findCredentials(invite.email);
    if (credentials) {
      const ok = await verifyPassword(input.password, credentials.passwordHash ?? UNUSABLE_HASH);
      if (!ok) {
        const spent = await store.inviteFailed(sha256(token), INVITE_PASSWORD_ATTEMPTS);
        throw new Refusal(
          'unauthorized',
          spent
            ? `Wrong password for ${invite.email}, too many times: this link no longer works. ` +
                'Ask an admin of the site for a new one.'
            : `Wrong password for ${invite.email}: enter the password of your Peakend account.`,
        );
      }
      if (await store.memberOf(credentials.account.id, site.id)) {
        throw new Refusal('conflict', "You are on this site's team already: sign in instead.");
      }
      accountId = credentials.account.id;
      name = credentials.account.name;
    } else {
      const password = ZNewPassword.safeParse(input.password);
      const issues = [
        ...(input.name === undefined ? [{ path: 'name', message: 'say what to call you' }] : []),
        ...(password.success
          ? []
          : describeIssues(password.error.issues).map((issue) => ({ ...issue, path: 'password' }))),
      ];
      if (issues.length > 0 || input.name === undefined || !password.success) {
        throw new Refusal('invalid', 'Choose your name and a password to join.', issues);
      }
      name = input.name;
      accountId = newAccountId();
      newAccount = {
        account: { id: accountId, email: invite.email, name, createdAt: now },
        passwordHash: await hashPassword(password.data),
      };
    }

    // Invited as an agent the site already scores: they sign in as that agent, keeping its scores.
    const scored = invite.agentId ? await store.getAgent(site.id, invite.agentId) : null;
    const member: Agent = {
      siteId: site.id,
      id: scored?.id ?? newAgentId(),
      name,
      role: invite.role,
      accountId,
      email: invite.email,
      createdAt: scored?.createdAt ?? now,
    };
    if (!(await store.redeemInvite(sha256(token), now, { newAccount, member }))) {
      throw new Refusal('not_found', GONE);
    }
    res.setHeader('Set-Cookie', await sessions.start(accountId, site.id));
    res.setHeader('Cache-Control', 'no-store');
    res.status(201).json({ agent: await signedInView(store, member) });
  });

  return router;
}
