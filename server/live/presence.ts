/**
 * Who of a site's team has the console open, and since when someone has not: taking over a
 * colleague's conversation without the supervisor role needs them away for longer than the
 * site's reply time (M2, sources/chat.ts `claim`).
 *
 * Whether a member is online now is asked of their room, which reaches every node. When they
 * were last seen is stored, so every node knows it: noted when a console opens or closes, and
 * every 15 s while one is open, so a node that dies with consoles open leaves them seen at most
 * 15 s before it died.
 */
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import type { Store } from '../storage/store';
import { memberRoom, type AgentNamespace } from './rooms';

/** How often members with a console open on this node are noted as seen. */
const SEEN_EVERY_MS = 15_000;

export class Presence {
  /** Console sockets open on this node, per member. */
  private readonly open = new Map<string, { siteId: string; agentId: string; sockets: number }>();
  /** Notes being written: a question about someone waits for them. */
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly agents: AgentNamespace,
    private readonly log: Logger,
  ) {
    setInterval(() => this.note([...this.open.values()]), SEEN_EVERY_MS).unref();
  }

  /** A console socket of the member opened; call what it returns when it closes. */
  opened(siteId: string, agentId: string): () => void {
    const key = memberKey(siteId, agentId);
    const entry = this.open.get(key) ?? { siteId, agentId, sockets: 0 };
    entry.sockets += 1;
    this.open.set(key, entry);
    this.note([{ siteId, agentId }]);
    let closed = false;
    return () => {
      if (closed) return;
      closed = true;
      entry.sockets -= 1;
      if (entry.sockets <= 0) this.open.delete(key);
      this.note([{ siteId, agentId }]);
    };
  }

  /** How long the member has had no console open: 0 while one is open, on any node. */
  async awayFor(siteId: string, agentId: string): Promise<number> {
    if (this.open.has(memberKey(siteId, agentId))) return 0;
    const elsewhere = await this.agents.in(memberRoom(siteId, agentId)).fetchSockets();
    if (elsewhere.length > 0) return 0;
    await this.writing;
    const seen = await this.store.memberLastSeen(siteId, agentId);
    return seen === null ? Number.POSITIVE_INFINITY : Math.max(0, this.clock.now() - seen);
  }

  private note(members: { siteId: string; agentId: string }[]): void {
    if (members.length === 0) return;
    const at = this.clock.now();
    this.writing = this.writing
      .then(() => this.store.noteMembersSeen(members, at))
      .catch((error: unknown) => this.log.warn(`could not note who is online: ${String(error)}`));
  }
}

const memberKey = (siteId: string, agentId: string) => `${siteId}\n${agentId}`;
