/**
 * The one path every fact takes, whatever its source (built-in chat, events API, webhooks):
 * stored and derived in one transaction that also appends to the site's change log, then handed
 * to the change feed, which every consumer reads in the log's order.
 *
 *   sources → facts → [store: conversations + changes] → feed → scores → live views
 */
import type { Fact } from '../../shared/facts';
import type {
  KeyChange,
  RecordOptions,
  RecordResult,
  Redaction,
  Site,
  Store,
} from '../storage/store';
import type { ChangeFeed } from './feed';

export interface Recorded extends RecordResult {
  site: Site;
}

/** Conversations redacted per transaction by the retention sweep. */
const REDACT_CHUNK = 100;

export type RecordedListener = (recorded: Recorded) => void;

export class Pipeline {
  private readonly listeners = new Set<RecordedListener>();

  constructor(
    private readonly store: Store,
    private readonly feed: ChangeFeed,
  ) {}

  /**
   * Resolves once the facts are committed; the feed delivers their changes after (this node's
   * listeners hear of facts recorded here only if some were accepted).
   */
  async record(site: Site, facts: readonly Fact[], options?: RecordOptions): Promise<Recorded> {
    const recorded = { site, ...(await this.store.recordFacts(site, facts, options)) };
    void this.feed.committed(site, recorded.changes, recorded.conversations);
    if (recorded.accepted.length > 0) this.announce(recorded);
    return recorded;
  }

  /** Saves the site's row (name, origins, settings); every node hears of it. */
  async updateSite(site: Site): Promise<void> {
    await this.feed.committed(site, await this.store.updateSite(site));
  }

  /**
   * Gives the site a new key (the replaced one kept until `graceUntil`, if given); every node
   * hears of it, this one before it resolves, so its next visitor handshake checks the new keys.
   */
  async rotateKey(
    siteId: string,
    keyHash: string,
    graceUntil: number | null,
  ): Promise<KeyChange | null> {
    return this.keysChanged(await this.store.rotateSiteKey(siteId, keyHash, graceUntil));
  }

  /** Ends the site's grace period: its previous key stops at once; every node hears of it. */
  async revokePreviousKey(siteId: string): Promise<KeyChange | null> {
    return this.keysChanged(await this.store.revokePreviousKey(siteId));
  }

  private async keysChanged(change: KeyChange | null): Promise<KeyChange | null> {
    if (change) await this.feed.committed(change.site, change.changes);
    return change;
  }

  /**
   * Derives a site's conversations again (its settings changed, or an upgrade brought new
   * rules: `stale` takes only those derived by older ones), one chunk per transaction with a
   * turn of the event loop between chunks, so every other request is served meanwhile. Each
   * chunk's changes go through the feed as any write's.
   */
  async rederive(site: Site, stale = false, signal?: AbortSignal): Promise<void> {
    for (let after = ''; !signal?.aborted;) {
      const chunk = await this.store.rederiveChunk(site, after, stale);
      void this.feed.committed(site, chunk.changes);
      if (chunk.next === null) return;
      after = chunk.next;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  /** Redacts a visitor's conversations (data deletion); consoles hear of each through the feed. */
  async redactVisitor(site: Site, visitorId: string, now: number): Promise<Redaction> {
    const redaction = await this.store.redactVisitor(site, visitorId, now);
    void this.feed.committed(site, redaction.changes);
    return redaction;
  }

  /**
   * Redacts the site's conversations quiet since before `quietBefore` (data retention), a chunk
   * per transaction with a turn of the event loop between, as `rederive` does; how many.
   */
  async redactQuiet(
    site: Site,
    quietBefore: number,
    now: number,
    signal?: AbortSignal,
  ): Promise<number> {
    let redacted = 0;
    while (!signal?.aborted) {
      const chunk = await this.store.redactQuiet(site, quietBefore, REDACT_CHUNK, now);
      void this.feed.committed(site, chunk.changes);
      redacted += chunk.conversationIds.length;
      if (chunk.conversationIds.length < REDACT_CHUNK) break;
      await new Promise((resolve) => setImmediate(resolve));
    }
    return redacted;
  }

  /** Hears of facts recorded on this node (not of other nodes'; those come through the feed). */
  subscribe(listener: RecordedListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private announce(recorded: Recorded): void {
    for (const listener of this.listeners) listener(recorded);
  }
}

/**
 * Derives again every conversation derived by older rules than this version's (an upgrade). A
 * shutdown may stop it between chunks: the next start goes on with what is left.
 */
export async function upgradeDerivations(
  store: Store,
  pipeline: Pipeline,
  signal?: AbortSignal,
): Promise<void> {
  for (const siteId of await store.sitesToUpgrade()) {
    if (signal?.aborted) return;
    const site = await store.getSite(siteId);
    if (site) await pipeline.rederive(site, true, signal);
    // Marked only once all its conversations are done: a stop midway goes on next time.
    if (!signal?.aborted) await store.markDerived(siteId);
  }
}
