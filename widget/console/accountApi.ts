/**
 * The person's own account: accepting an invite link (`/api/v1/invites/…`, the link's secret in
 * the body so no proxy logs it), choosing which of their sites the console shows
 * (`PATCH /api/v1/session`), and the account menu (`/api/v1/account/…`): a new password, sign
 * out everywhere, the link that confirms their email.
 */
import type { Ack } from '../../shared/ack';
import type { InviteAnswer, InviteLookup, PasswordChange } from '../../shared/accounts';
import type { SignedInAgent } from '../../shared/protocol';
import { requestJson, type Fetch } from './http';

export interface AccountApi {
  lookupInvite(token: string): Promise<Ack<InviteLookup>>;
  /**
   * Joins the site: a new person with a name and a password (the server sets the session
   * cookie); someone with an account already with nothing, signed in.
   */
  acceptInvite(token: string, answer: InviteAnswer): Promise<Ack<SignedInAgent>>;
  switchSite(siteId: string): Promise<Ack<SignedInAgent>>;
}

/** The account menu's calls, and the page a link that confirms an email opens. */
export interface AccountSettingsApi {
  /** A new password; the account's other sessions end. */
  changePassword(change: PasswordChange): Promise<Ack<null>>;
  /** Ends every session of the account, this one too. */
  signOutEverywhere(): Promise<Ack<null>>;
  /** Whether the account's email still waits to be confirmed (only when Peakend sends email). */
  emailUnconfirmed(): Promise<boolean>;
  /** Mails a new link that confirms the account's email. */
  sendVerification(): Promise<Ack<null>>;
  /** Uses such a link, signed in as its account. */
  verify(token: string): Promise<Ack<SignedInAgent>>;
}

const agentOf = (answer: Ack<{ agent: SignedInAgent }>): Ack<SignedInAgent> =>
  answer.ok ? { ok: true, data: answer.data.agent } : answer;

export function httpAccountApi(fetchFn: Fetch = (...args) => fetch(...args)): AccountApi {
  return {
    lookupInvite: (token) => requestJson(fetchFn, 'POST', '/api/v1/invites/lookup', { token }),
    acceptInvite: async (token, answer) =>
      agentOf(await requestJson(fetchFn, 'POST', '/api/v1/invites/accept', { token, ...answer })),
    switchSite: async (siteId) =>
      agentOf(await requestJson(fetchFn, 'PATCH', '/api/v1/session', { siteId })),
  };
}

export function httpAccountSettingsApi(
  fetchFn: Fetch = (...args) => fetch(...args),
): AccountSettingsApi {
  return {
    changePassword: (change) => requestJson(fetchFn, 'POST', '/api/v1/account/password', change),
    signOutEverywhere: () => requestJson(fetchFn, 'DELETE', '/api/v1/account/sessions'),
    emailUnconfirmed: async () => {
      const answer = await requestJson<{ agent: SignedInAgent }>(fetchFn, 'GET', '/api/v1/session');
      return answer.ok && answer.data.agent.emailUnconfirmed === true;
    },
    sendVerification: () => requestJson(fetchFn, 'POST', '/api/v1/account/verification', {}),
    verify: async (token) =>
      agentOf(await requestJson(fetchFn, 'POST', '/api/v1/account/verify', { token })),
  };
}

/** The secret after `#` of a console page at `page` (`join`, `verify`), if this page is one. */
function secretOf(location: { pathname: string; hash: string }, page: string): string | null {
  if (!new RegExp(`/console/${page}/?$`).test(location.pathname)) return null;
  const token = location.hash.replace(/^#/, '');
  return token || null;
}

/** The invite token of a join link (`/console/join#TOKEN`), if this page is one. */
export const inviteTokenOf = (location: { pathname: string; hash: string }) =>
  secretOf(location, 'join');

/** The secret of a link that confirms an email (`/console/verify#TOKEN`), if this page is one. */
export const verifyTokenOf = (location: { pathname: string; hash: string }) =>
  secretOf(location, 'verify');
