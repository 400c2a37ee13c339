/**
 * The one path every fact takes, whatever its source (built-in chat, events API, webhooks):
 * stored and derived in one transaction, then announced to whoever shows live views.
 *
 *   sources → facts → [store: conversations] → observations → scores → live views
 */
import type { Fact } from '../../shared/facts';
import type { RecordOptions, RecordResult, Site, Store } from '../storage/store';

export interface Recorded extends RecordResult {
  site: Site;
}

export type RecordedListener = (recorded: Recorded) => void;

export class Pipeline {
  private readonly listeners = new Set<RecordedListener>();

  constructor(private readonly store: Store) {}

  /** Resolves once the facts are committed; listeners hear of it only if something changed. */
  async record(site: Site, facts: readonly Fact[], options?: RecordOptions): Promise<Recorded> {
    const recorded = { site, ...(await this.store.recordFacts(site, facts, options)) };
    if (recorded.accepted.length > 0) this.announce(recorded);
    return recorded;
  }

  /**
   * Derives a site's conversations again (its settings changed, or an upgrade brought new
   * rules: `stale` takes only those derived by older ones), one chunk per transaction with a
   * turn of the event loop between chunks, so every other request is served meanwhile. Live
   * scores hear of each chunk's changes as of any write.
   */
  async rederive(site: Site, stale = false, signal?: AbortSignal): Promise<void> {
    for (let after = ''; !signal?.aborted;) {
      const chunk = await this.store.rederiveChunk(site, after, stale);
      if (chunk.evidence.length > 0) {
        this.announce({ site, accepted: [], duplicates: 0, conversations: [], ...chunk });
      }
      if (chunk.next === null) return;
      after = chunk.next;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

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
  }
}
