/**
 * The person's own account: accepting an invite link (`/api/v1/invites/:token`) and choosing
 * which of their sites the console shows (`PATCH /api/v1/session`).
 */
import type { Ack } from '../../shared/ack';
import type { InviteAccept, InviteLookup } from '../../shared/accounts';
import type { SignedInAgent } from '../../shared/protocol';
import { requestJson, type Fetch } from './http';

export interface AccountApi {
  lookupInvite(token: string): Promise<Ack<InviteLookup>>;
  /** Joins the site and signs in (the server sets the session cookie). */
  acceptInvite(token: string, answer: InviteAccept): Promise<Ack<SignedInAgent>>;
  switchSite(siteId: string): Promise<Ack<SignedInAgent>>;
}

const agentOf = (answer: Ack<{ agent: SignedInAgent }>): Ack<SignedInAgent> =>
  answer.ok ? { ok: true, data: answer.data.agent } : answer;

export function httpAccountApi(fetchFn: Fetch = (...args) => fetch(...args)): AccountApi {
  const invite = (token: string) => `/api/v1/invites/${encodeURIComponent(token)}`;
  return {
    lookupInvite: (token) => requestJson(fetchFn, 'GET', invite(token)),
    acceptInvite: async (token, answer) =>
      agentOf(await requestJson(fetchFn, 'POST', invite(token), answer)),
    switchSite: async (siteId) =>
      agentOf(await requestJson(fetchFn, 'PATCH', '/api/v1/session', { siteId })),
  };
}

/** The invite token of a join link (`/console/join#TOKEN`), if this page is one. */
export function inviteTokenOf(location: { pathname: string; hash: string }): string | null {
  if (!/\/console\/join\/?$/.test(location.pathname)) return null;
  const token = location.hash.replace(/^#/, '');
  return token || null;
}
