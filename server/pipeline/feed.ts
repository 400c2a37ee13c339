/**
 * Every consumer of changes (live scores, live views) hears them here, per site, in the order of
 * their numbers (storage/changes.ts), once each, whichever node committed them: this node's
 * writes hand their changes over as they commit; other nodes' are heard of (PostgreSQL NOTIFY,
 * pipeline/notifications.ts) and read from the log. A change that arrives ahead of one not yet
 * heard waits while the missing ones are read, so no consumer ever sees them out of order.
 */
import type { Logger } from '../logger';
import type { Change } from '../storage/changes';
import type { Site, Store, StoredConversation } from '../storage/store';

/** Changes read from the log per query when catching up. */
const CATCH_UP_PAGE = 500;

export interface Delivery {
  site: Site;
  /** Consecutive changes of the site, in order. */
  changes: Change[];
  /** States this node already holds for some of the changes (its own writes), by id. */
  known: ReadonlyMap<string, StoredConversation>;
}

export type ChangeListener = (delivery: Delivery) => void;

interface SiteFeed {
  /** The number of the last change delivered. */
  delivered: number;
  /** Deliveries of this site run one after another. */
  queue: Promise<void>;
}

export class ChangeFeed {
  private readonly listeners: ChangeListener[] = [];
  private readonly sites = new Map<string, SiteFeed>();
  /** Sites whose site row changed: read again before the next delivery. */
  private readonly siteRows = new Map<string, Site>();
  private stopped = false;

  constructor(
    private readonly store: Store,
    private readonly log: Logger,
    /** Hears how long after its commit each delivery's last change reached this node (ms). */
    private readonly lagged: (ms: number) => void = () => undefined,
  ) {}

  /** Listeners hear deliveries in the order they subscribed (scores before the views). */
  subscribe(listener: ChangeListener): void {
    this.listeners.push(listener);
  }

  /**
   * Starts following every site from its last change now: changes committed from here on are
   * delivered. A site created later is followed from its first change.
   */
  async start(): Promise<void> {
    for (const site of await this.store.listSites()) {
      if (!this.sites.has(site.id)) {
        this.sites.set(site.id, {
          delivered: await this.store.lastChange(site.id),
          queue: Promise.resolve(),
        });
      }
    }
  }

  /** Resolves once every delivery begun so far is done. */
  async idle(): Promise<void> {
    await Promise.all([...this.sites.values()].map((feed) => feed.queue));
  }

  stop(): void {
    this.stopped = true;
  }

  /**
   * The site as it is now, read from the store once and then kept: every change to a site's row
   * reaches this feed (on any node), and replaces what is kept.
   */
  async site(siteId: string): Promise<Site | null> {
    const kept = this.siteRows.get(siteId);
    if (kept) return kept;
    const site = await this.store.getSite(siteId);
    // Not if a change delivered meanwhile put a newer row here.
    if (site && !this.siteRows.has(siteId)) this.siteRows.set(siteId, site);
    return this.siteRows.get(siteId) ?? site;
  }

  /** The number of the last change delivered for the site (0: none). */
  position(siteId: string): number {
    return this.sites.get(siteId)?.delivered ?? 0;
  }

  /** This node committed these changes (with the states it holds of them). */
  committed(
    site: Site,
    changes: readonly Change[],
    known: readonly StoredConversation[] = [],
  ): Promise<void> {
    if (changes.length === 0) return Promise.resolve();
    const states = new Map(known.map((state) => [state.id, state]));
    const last = changes.at(-1)?.seq ?? 0;
    return this.enqueue(site.id, async (feed) => {
      if (last <= feed.delivered) return; // read from the log already
      if ((changes[0]?.seq ?? 0) > feed.delivered + 1) {
        await this.catchUp(site.id, feed, (changes[0]?.seq ?? 1) - 1);
      }
      const fresh = changes.filter((change) => change.seq > feed.delivered);
      await this.deliver(site, feed, fresh, states);
    });
  }

  /** Another node (or this one) committed the site's changes up to `seq`. */
  heard(siteId: string, seq: number): Promise<void> {
    return this.enqueue(siteId, (feed) =>
      seq > feed.delivered ? this.catchUp(siteId, feed, seq) : Promise.resolve(),
    );
  }

  /** Checks every followed site for changes not heard of (after a lost connection). */
  async recheck(): Promise<void> {
    await this.start();
    for (const siteId of this.sites.keys()) {
      await this.heard(siteId, await this.store.lastChange(siteId));
    }
  }

  private enqueue(siteId: string, work: (feed: SiteFeed) => Promise<void>): Promise<void> {
    let feed = this.sites.get(siteId);
    if (!feed) {
      // A site new since start (created here or on another node): all its changes are new.
      feed = { delivered: 0, queue: Promise.resolve() };
      this.sites.set(siteId, feed);
    }
    const target = feed;
    const next = target.queue.then(() => (this.stopped ? undefined : work(target)));
    target.queue = next.catch((error: unknown) =>
      this.log.error(`could not follow the changes of site ${siteId}`, error),
    );
    return target.queue;
  }

  /** Reads and delivers the site's changes after the last delivered, up to `upTo`. */
  private async catchUp(siteId: string, feed: SiteFeed, upTo: number): Promise<void> {
    while (feed.delivered < upTo && !this.stopped) {
      const changes = await this.store.changesSince(siteId, feed.delivered, CATCH_UP_PAGE);
      if (changes.length === 0) return;
      const site = await this.site(siteId);
      if (!site) return;
      await this.deliver(site, feed, changes, new Map());
    }
  }

  private async deliver(
    site: Site,
    feed: SiteFeed,
    changes: Change[],
    known: ReadonlyMap<string, StoredConversation>,
  ): Promise<void> {
    if (changes.length === 0) return;
    // A change to the site's own row: consumers get the row as it is after it.
    const rowChanged = changes.some((change) => change.kind === 'site');
    const current = rowChanged
      ? ((await this.store.getSite(site.id)) ?? site)
      : (this.siteRows.get(site.id) ?? site);
    if (rowChanged || !this.siteRows.has(site.id)) this.siteRows.set(site.id, current);
    const last = changes.at(-1);
    if (last) {
      feed.delivered = last.seq;
      this.lagged(Math.max(0, Date.now() - last.at));
    }
    for (const listener of this.listeners) {
      try {
        listener({ site: current, changes, known });
      } catch (error) {
        this.log.error('a change listener failed', error);
      }
    }
  }
}
