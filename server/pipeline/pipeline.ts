/**
 * The one path every fact takes, whatever its source (built-in chat, events API, webhooks):
 * stored and derived in one transaction, then announced to whoever shows live views.
 *
 *   sources → facts → [store: conversations] → observations → scores → live views
 */
import type { Fact } from '../../shared/facts';
import type { RecordResult, Site, Store } from '../storage/store';

export interface Recorded extends RecordResult {
  site: Site;
}

export type RecordedListener = (recorded: Recorded) => void;

export class Pipeline {
  private readonly listeners = new Set<RecordedListener>();

  constructor(private readonly store: Store) {}

  /** Resolves once the facts are committed; listeners hear of it only if something changed. */
  async record(site: Site, facts: readonly Fact[]): Promise<Recorded> {
    const recorded = { site, ...(await this.store.recordFacts(site, facts)) };
    if (recorded.accepted.length > 0) {
      for (const listener of this.listeners) listener(recorded);
    }
    return recorded;
  }

  subscribe(listener: RecordedListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
