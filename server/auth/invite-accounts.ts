/**
 * Which account an invite joins, and joining it: shared by accepting a link
 * (server/http/invites.ts) and by signing in from a link's page (server/auth/sessions.ts).
 *
 * An invite joins an account of its email that its own site's invites made, or one whose email is
 * proven (docs/accounts.md, "Email ownership"); otherwise it makes a new account for its site.
 */
import type { Clock } from '../clock';
import { Refusal } from '../errors';
import {
  StoreConflict,
  type Account,
  type AccountRecord,
  type Agent,
  type Invite,
  type InviteRedemption,
  type Store,
} from '../storage/store';
import { newAgentId } from './ids';
import { sha256 } from './tokens';

export const INVITE_GONE =
  'This invite link does not work any more: it was used, revoked or has expired. ' +
  'Ask an admin of the site for a new one.';

/** The invite a link's secret opens, unless used, revoked or expired. */
export async function openInvite(store: Store, clock: Clock, token: string): Promise<Invite> {
  const invite = await store.findInvite(sha256(token), clock.now());
  if (!invite) throw new Refusal('not_found', INVITE_GONE);
  return invite;
}

/**
 * The accounts an invite may join: made by its site's invites, or with a proven email. Any other
 * account of the email (another site's, unproven) is never reached by this invite.
 */
export async function joinableAccounts(store: Store, invite: Invite): Promise<AccountRecord[]> {
  const accounts = await store.accountsByEmail(invite.email);
  return accounts.filter(
    (record) => record.homeSiteId === invite.siteId || record.verifiedAt !== null,
  );
}

/**
 * Uses the invite up for an account that exists, or for a new one made now: the member it makes
 * (invited as an agent the site already scores, they become that agent and keep its scores).
 * Refuses a used invite (404) and a collision with another accept (409), writing nothing.
 */
export async function joinWithInvite(
  store: Store,
  invite: Invite,
  joiner: { account: Account } | { newAccount: NonNullable<InviteRedemption['newAccount']> },
  now: number,
): Promise<Agent> {
  const newAccount = 'newAccount' in joiner ? joiner.newAccount : undefined;
  const account = newAccount?.account ?? ('account' in joiner ? joiner.account : null);
  if (!account) throw new Error('an invite joins an account');
  const scored = invite.agentId ? await store.getAgent(invite.siteId, invite.agentId) : null;
  const member: Agent = {
    siteId: invite.siteId,
    id: scored?.id ?? newAgentId(),
    name: account.name,
    role: invite.role,
    accountId: account.id,
    email: invite.email,
    createdAt: scored?.createdAt ?? now,
  };
  try {
    if (!(await store.redeemInvite(invite.tokenHash, now, { newAccount, member }))) {
      throw new Refusal('not_found', INVITE_GONE);
    }
  } catch (error) {
    // Another accept made the same account or membership a moment ago.
    if (!(error instanceof StoreConflict)) throw error;
    throw new Refusal(
      'conflict',
      newAccount
        ? `An account for ${invite.email} on this site was made a moment ago: sign in with it.`
        : "You are on this site's team already.",
    );
  }
  return member;
}
