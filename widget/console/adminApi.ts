/**
 * The admin screens' calls: sites (`/api/v1/sites`) and their teams (members and invites). The
 * server decides who may: these answer 403 for anyone but the site's admins.
 */
import type { Ack } from '../../shared/ack';
import type {
  AgentNaming,
  AgentView,
  InviteCreate,
  InviteView,
  MemberView,
  NewInviteView,
  Role,
} from '../../shared/accounts';
import type {
  KeyRotation,
  NewSite,
  NewSiteView,
  RotatedKey,
  SitePatch,
  SiteView,
} from '../../shared/sites';
import { requestJson, type Fetch } from './http';

export interface AdminApi {
  /** The sites the signed-in person administers. */
  listSites(): Promise<Ack<SiteView[]>>;
  createSite(site: NewSite): Promise<Ack<NewSiteView>>;
  updateSite(siteId: string, patch: SitePatch): Promise<Ack<SiteView>>;
  /** A new key; the old one stops working at once, or when the grace period given ends. */
  rotateKey(siteId: string, rotation?: KeyRotation): Promise<Ack<RotatedKey>>;
  /** "Revoke now": the grace period ends, and the old key stops working at once. */
  revokePreviousKey(siteId: string): Promise<Ack<SiteView>>;
  listMembers(siteId: string): Promise<Ack<MemberView[]>>;
  setRole(siteId: string, agentId: string, role: Role): Promise<Ack<MemberView>>;
  /** Whether a member answers chats (one who does not is left out of the scores meanwhile). */
  setAnswersChats(siteId: string, agentId: string, answersChats: boolean): Promise<Ack<MemberView>>;
  removeAccess(siteId: string, agentId: string): Promise<Ack<null>>;
  /** Names an agent id from another system (docs/api.md, "Agents from other systems"). */
  nameAgent(siteId: string, agentId: string, naming: AgentNaming): Promise<Ack<AgentView>>;
  listInvites(siteId: string): Promise<Ack<InviteView[]>>;
  invite(siteId: string, invite: InviteCreate): Promise<Ack<NewInviteView>>;
  revokeInvite(siteId: string, inviteId: string): Promise<Ack<null>>;
}

const site = (siteId: string) => `/api/v1/sites/${encodeURIComponent(siteId)}`;

/** The field a list answer keeps its items in, as its data. */
const unwrap = <K extends string, T>(answer: Ack<Record<K, T>>, key: K): Ack<T> =>
  answer.ok ? { ok: true, data: answer.data[key] } : answer;

export function httpAdminApi(fetchFn: Fetch = (...args) => fetch(...args)): AdminApi {
  const call = <T>(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    body?: unknown,
  ) => requestJson<T>(fetchFn, method, url, body);
  return {
    listSites: async () =>
      unwrap(await call<{ sites: SiteView[] }>('GET', '/api/v1/sites'), 'sites'),
    createSite: (input) => call('POST', '/api/v1/sites', input),
    updateSite: (siteId, patch) => call('PATCH', site(siteId), patch),
    rotateKey: (siteId, rotation) => call('POST', `${site(siteId)}/key`, rotation),
    revokePreviousKey: (siteId) => call('DELETE', `${site(siteId)}/key/previous`),
    listMembers: async (siteId) =>
      unwrap(await call<{ members: MemberView[] }>('GET', `${site(siteId)}/members`), 'members'),
    setRole: (siteId, agentId, role) =>
      call('PATCH', `${site(siteId)}/members/${encodeURIComponent(agentId)}`, { role }),
    setAnswersChats: (siteId, agentId, answersChats) =>
      call('PATCH', `${site(siteId)}/members/${encodeURIComponent(agentId)}`, { answersChats }),
    removeAccess: (siteId, agentId) =>
      call('DELETE', `${site(siteId)}/members/${encodeURIComponent(agentId)}`),
    nameAgent: (siteId, agentId, naming) =>
      call('PUT', `${site(siteId)}/agents/${encodeURIComponent(agentId)}`, naming),
    listInvites: async (siteId) =>
      unwrap(await call<{ invites: InviteView[] }>('GET', `${site(siteId)}/invites`), 'invites'),
    invite: (siteId, input) => call('POST', `${site(siteId)}/invites`, input),
    revokeInvite: (siteId, inviteId) =>
      call('DELETE', `${site(siteId)}/invites/${encodeURIComponent(inviteId)}`),
  };
}
