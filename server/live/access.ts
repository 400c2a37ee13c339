/**
 * A console socket learns who it serves once, at its handshake. When that changes (a new role,
 * access removed, a sign-out) its sockets are disconnected: the console reconnects at once, and
 * the handshake then reads the new role, or refuses. Rooms reach every node, so this works across
 * nodes too.
 */
import { memberRoom, sessionRoom, type AgentNamespace } from './rooms';

export class ConsoleSockets {
  private agents: AgentNamespace | null = null;

  /** The agent namespace, once it exists (routes are built before it). */
  attach(agents: AgentNamespace): void {
    this.agents = agents;
  }

  /** The member's role or access on the site changed. */
  memberChanged(siteId: string, agentId: string): void {
    this.agents?.in(memberRoom(siteId, agentId)).disconnectSockets(true);
  }

  /** The session ended (signed out), or shows another site now. */
  sessionChanged(tokenHash: string): void {
    this.agents?.in(sessionRoom(tokenHash)).disconnectSockets(true);
  }
}
