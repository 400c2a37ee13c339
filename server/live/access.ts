/**
 * A console socket learns who it serves once, at its handshake. When that changes (a new role,
 * access removed, a sign-out) its sockets are disconnected: the console reconnects at once, and
 * the handshake then reads the new role, or refuses. Rooms reach every node, so this works across
 * nodes too.
 */
import {
  keyVisitorsRoom,
  memberRoom,
  memberWaitingRoom,
  sessionRoom,
  siteVisitorsRoom,
  type AgentNamespace,
  type VisitorNamespace,
} from './rooms';

export class ConsoleSockets {
  private agents: AgentNamespace | null = null;

  /** The agent namespace, once it exists (routes are built before it). */
  attach(agents: AgentNamespace): void {
    this.agents = agents;
  }

  /**
   * The member's role or access on the site changed: their consoles showing it reconnect, and
   * so do those showing another of their sites (which hear this one's waiting count).
   */
  memberChanged(siteId: string, agentId: string): void {
    this.agents
      ?.in([memberRoom(siteId, agentId), memberWaitingRoom(siteId, agentId)])
      .disconnectSockets(true);
  }

  /** The session ended (signed out), or shows another site now. */
  sessionChanged(tokenHash: string): void {
    this.agents?.in(sessionRoom(tokenHash)).disconnectSockets(true);
  }
}

/**
 * A visitor socket is vouched for by its token (or userHash) once, at its handshake. A key
 * rotation without grace revokes every token of the site, so it ends the site's visitor sockets
 * too: a leaked token is worthless at once, not only at its next connection. Revoking a previous
 * key ends the sockets vouched for under it. (One whose key's grace period simply ran out ends
 * at its next event: sockets/visitor.ts.)
 */
export class VisitorSockets {
  private visitors: VisitorNamespace | null = null;

  /** The visitor namespace, once it exists (routes are built before it). */
  attach(visitors: VisitorNamespace): void {
    this.visitors = visitors;
  }

  /** The site's key changed with no grace period: every visitor token is revoked. */
  keyRotated(siteId: string): void {
    this.visitors?.in(siteVisitorsRoom(siteId)).disconnectSockets(true);
  }

  /** One key of the site was revoked: the sockets vouched for under it end. */
  keyRevoked(siteId: string, keyHash: string): void {
    this.visitors?.in(keyVisitorsRoom(siteId, keyHash)).disconnectSockets(true);
  }
}
