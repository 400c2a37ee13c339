/**
 * Chats waiting on a person's other sites (shared/waiting.ts). A console shows one site at a
 * time; one of someone who is also on site B hears how many chats wait on B (as B's inbox ranks
 * them first, Store.countWaiting), and hears it again whenever that moves, within about a second,
 * whichever node the chat came in on.
 *
 * Every node hears every site's changes through the change feed, so this works like the live
 * views: when a delivery of B's changes touches a conversation and consoles on this node watch B
 * (they joined B's waiting room at their handshake), this node counts B's waiting chats again
 * (one query for all of them, one at a time per site, at most every MIN_GAP_MS) and pushes the
 * count to those consoles when it moved. A node where nobody watches B only forgets its count.
 *
 * Only counts travel, and only to consoles of B's own members: nothing of B (not even its id)
 * reaches anyone else.
 */
import type { SiteWaiting } from '../../shared/waiting';
import type { Logger } from '../logger';
import type { ChangeFeed } from '../pipeline/feed';
import type { Store } from '../storage/store';
import { waitingRoom, type AgentNamespace } from './rooms';

/** The least time between two counts of one site on one node: a burst of chats costs a query. */
const MIN_GAP_MS = 200;

/** A site's count, and the number of its last change delivered here when it was read. */
interface Count {
  waiting: number;
  seq: number;
}

export class WaitingElsewhere {
  /**
   * By site: the count as last read here. Kept current while anyone here watches the site (each
   * delivery that may move it counts again), forgotten at a delivery when no one does.
   */
  private readonly known = new Map<string, Count>();
  /** By site: a count under way, and whether a change came in since it began. */
  private readonly recounting = new Map<string, { again: boolean }>();
  /** By site: when its last count began (real elapsed time, not the injected clock). */
  private readonly lastCount = new Map<string, number>();
  /** Counts under way: a shutdown waits for them before closing the store. */
  private readonly running = new Set<Promise<void>>();

  constructor(
    private readonly store: Store,
    private readonly feed: ChangeFeed,
    private readonly agents: AgentNamespace,
    private readonly log: Logger,
  ) {}

  attach(): void {
    this.feed.subscribe(({ site, changes }) => {
      // Only a conversation's row says whether it waits (a follow-up or the site's row do not).
      if (!changes.some((change) => change.kind === 'conversation')) return;
      if (this.watchedHere(site.id)) this.recount(site.id);
      else this.known.delete(site.id);
    });
  }

  /** The counts of these sites: a socket's own other sites, as its handshake found them. */
  async of(siteIds: readonly string[]): Promise<SiteWaiting[]> {
    return Promise.all(siteIds.map((siteId) => this.read(siteId)));
  }

  /** Resolves once every count begun so far has finished. */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all(this.running);
  }

  private watchedHere(siteId: string): boolean {
    return (this.agents.adapter.rooms.get(waitingRoom(siteId))?.size ?? 0) > 0;
  }

  private async read(siteId: string): Promise<SiteWaiting> {
    const known = this.known.get(siteId);
    if (known) return { siteId, ...known };
    const seq = this.feed.position(siteId);
    const waiting = await this.store.countWaiting(siteId);
    // Kept only if no change came in meanwhile (a count under way would then be newer).
    if (
      this.feed.position(siteId) === seq &&
      !this.recounting.has(siteId) &&
      !this.known.has(siteId) &&
      this.watchedHere(siteId)
    ) {
      this.known.set(siteId, { waiting, seq });
    }
    return { siteId, waiting, seq };
  }

  /** Counts the site again soon, and tells the consoles here watching it if the count moved. */
  private recount(siteId: string): void {
    const under = this.recounting.get(siteId);
    if (under) {
      under.again = true;
      return;
    }
    const state = { again: true };
    this.recounting.set(siteId, state);
    const work = (async () => {
      try {
        while (state.again) {
          state.again = false;
          const since = performance.now() - (this.lastCount.get(siteId) ?? -Infinity);
          if (since < MIN_GAP_MS) {
            await new Promise((resolve) => setTimeout(resolve, MIN_GAP_MS - since));
          }
          if (!this.watchedHere(siteId)) {
            // Everyone here stopped watching meanwhile: what was known may go stale now.
            this.known.delete(siteId);
            return;
          }
          this.lastCount.set(siteId, performance.now());
          const seq = this.feed.position(siteId);
          const waiting = await this.store.countWaiting(siteId);
          const before = this.known.get(siteId);
          this.known.set(siteId, { waiting, seq });
          if (before?.waiting === waiting) continue;
          const count: SiteWaiting = { siteId, waiting, seq };
          this.agents.local.to(waitingRoom(siteId)).emit('site:waiting', count);
        }
      } catch (error) {
        this.known.delete(siteId);
        this.log.error('could not count the chats waiting on a site', error);
      } finally {
        // In the same turn as the last check of `again`: a change heard after it starts anew.
        this.recounting.delete(siteId);
      }
    })();
    this.running.add(work);
    void work.then(() => this.running.delete(work));
  }
}
