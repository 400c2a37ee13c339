/**
 * Who of a site's team has the console open, and since when someone has not: taking over a
 * colleague's conversation without the supervisor role needs them away for longer than the
 * site's reply time (M2, sources/chat.ts `claim`).
 *
 * Whether a member is online now is asked of their room, which reaches every node. When they
 * were last seen is kept in memory, per node: a member this node has not seen since it started
 * counts as away since its start (a restart makes everyone look present for a while, never
 * away for longer than they were).
 */
import type { Clock } from '../clock';
import { memberRoom, type AgentNamespace } from './rooms';

export class Presence {
  /** Console sockets open on this node, per member. */
  private readonly open = new Map<string, number>();
  /** When each member's last console socket on this node closed. */
  private readonly lastSeen = new Map<string, number>();
  private readonly startedAt: number;

  constructor(
    private readonly clock: Clock,
    private readonly agents: AgentNamespace,
  ) {
    this.startedAt = clock.now();
  }

  /** A console socket of the member opened; call what it returns when it closes. */
  opened(siteId: string, agentId: string): () => void {
    const key = memberKey(siteId, agentId);
    this.open.set(key, (this.open.get(key) ?? 0) + 1);
    let closed = false;
    return () => {
      if (closed) return;
      closed = true;
      const left = (this.open.get(key) ?? 1) - 1;
      if (left > 0) this.open.set(key, left);
      else this.open.delete(key);
      this.lastSeen.set(key, this.clock.now());
    };
  }

  /** How long the member has had no console open: 0 while one is open, on any node. */
  async awayFor(siteId: string, agentId: string): Promise<number> {
    const key = memberKey(siteId, agentId);
    if ((this.open.get(key) ?? 0) > 0) return 0;
    const elsewhere = await this.agents.in(memberRoom(siteId, agentId)).fetchSockets();
    if (elsewhere.length > 0) return 0;
    return Math.max(0, this.clock.now() - (this.lastSeen.get(key) ?? this.startedAt));
  }
}

const memberKey = (siteId: string, agentId: string) => `${siteId}\n${agentId}`;
