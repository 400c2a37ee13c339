import { createHash } from 'node:crypto';
import type { Namespace } from 'socket.io';
import type {
  AgentClientEvents,
  AgentServerEvents,
  VisitorClientEvents,
  VisitorServerEvents,
} from '../../shared/protocol';
import type { Agent } from '../storage/store';

/** What the server knows about each connected socket, set by the namespace's middleware. */
export interface VisitorSocketData {
  siteId: string;
  visitorId: string;
  visitorToken: string;
  /**
   * The hash of the site key the socket was vouched for under (its token's, or its userHash's
   * signing secret's): the socket lasts only as long as the site accepts that key.
   */
  keyHash: string | null;
  /** A signed-in user's email, as the site's page gave it (only with a verified userId). */
  email?: string;
}
export interface AgentSocketData {
  agent: Agent;
  /**
   * The person's other sites (their account's, besides the one shown), as of the handshake:
   * their consoles hear how many chats wait there, and nothing else of them.
   */
  elsewhere: readonly { siteId: string; agentId: string }[];
}

export type VisitorNamespace = Namespace<
  VisitorClientEvents,
  VisitorServerEvents,
  Record<string, never>,
  VisitorSocketData
>;
export type AgentNamespace = Namespace<
  AgentClientEvents,
  AgentServerEvents,
  Record<string, never>,
  AgentSocketData
>;

/** Every socket of one visitor (several tabs are several sockets). */
export const visitorRoom = (siteId: string, visitorId: string) => `visitor:${siteId}:${visitorId}`;
/** Every visitor socket of a site (a key rotation without grace ends them all). */
export const siteVisitorsRoom = (siteId: string) => `visitors:${siteId}`;
/**
 * Every visitor socket of a site vouched for under one of its keys (revoking the key ends them).
 * Named by a hash of the key's hash, so the stored hash itself never travels between nodes.
 */
export const keyVisitorsRoom = (siteId: string, keyHash: string | null) =>
  `visitors:${siteId}:key:${createHash('sha256')
    .update(keyHash ?? '')
    .digest('base64url')
    .slice(0, 16)}`;
/** Every agent and supervisor of a site. */
export const siteRoom = (siteId: string) => `site:${siteId}`;
/** Every console socket of a site's supervisors and admins (a role change reconnects them). */
export const supervisorsRoom = (siteId: string) => `supervisors:${siteId}`;
/** Every console socket of one member of a site (several tabs are several sockets). */
export const memberRoom = (siteId: string, agentId: string) => `member:${siteId}:${agentId}`;
/**
 * Every console socket of a member of the site that shows another of their sites: it hears the
 * site's waiting count (live/waiting.ts), nothing else of it.
 */
export const waitingRoom = (siteId: string) => `waiting:${siteId}`;
/**
 * The same, of one member (their agent on the site): a change to their role or access there
 * reconnects those consoles too, so a removed member stops hearing the site's count at once.
 */
export const memberWaitingRoom = (siteId: string, agentId: string) =>
  `member-waiting:${siteId}:${agentId}`;
/** Every console socket of one session (its token's hash). */
export const sessionRoom = (tokenHash: string) => `session:${tokenHash}`;
