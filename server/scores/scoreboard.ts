/**
 * Live scores, kept incrementally per site: the stage of the pipeline between changes and live
 * views.
 *
 * A site's board is restored from its checkpoint plus the changes since (checkpoint.ts), or
 * else built once from the evidence stored with its conversations, as of a change number; after
 * that each later change moves its observations in and out (O(1) each), and reading the live
 * scores costs O(agents), however long the history (plus CSAT's ratings of the last 30 days). A Promise's broken observation waits in the sums until its due time; a timer wakes
 * the board then, so the scores move without anyone asking.
 */
import { assembleScores } from '../../shared/scoring/evaluate';
import { MINUTE } from '../../shared/time';
import type { Observation, ScoresBody } from '../../shared/scoring/types';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import type { ChangeFeed } from '../pipeline/feed';
import type { Change } from '../storage/changes';
import type { Site, Store } from '../storage/store';
import { SiteBoard } from './board';
import { Checkpoints } from './checkpoint';

/** How often boards that moved are saved (checkpoint.ts): a start replays at most this much. */
const CHECKPOINT_EVERY_MS = 5 * MINUTE;

/** Longest a timer is set for (Node's limit is about 24.8 days). */
const MAX_TIMER_MS = 2 ** 31 - 1;

export type DueListener = (site: Site, due: Observation[]) => void;

export class Scoreboards {
  private readonly boards = new Map<string, Promise<SiteBoard>>();
  /** Boards built, to apply changes to as they are delivered. */
  private readonly built = new Map<string, SiteBoard>();
  /** Changes delivered while a site's board is being built, applied once it is. */
  private readonly waiting = new Map<string, Change[]>();
  private readonly timers = new Map<string, { at: number; timer: NodeJS.Timeout }>();
  private readonly dueListeners = new Set<DueListener>();
  /** The latest row of each site with a board, for telling views what came due. */
  private readonly sites = new Map<string, Site>();
  private readonly checkpoints: Checkpoints;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {
    this.checkpoints = new Checkpoints(store, log);
  }

  /** Saves a checkpoint of every board that moved since its last (now and then, and at close). */
  checkpoint(): Promise<void> {
    const now = this.clock.now();
    for (const [siteId, board] of this.built) {
      // Observations come due before they are saved (a checkpoint holds only those still
      // ahead); the views hear of them as they would from the timer.
      const due = board.sums.advanceTo(now);
      const site = this.sites.get(siteId);
      if (due.length > 0 && site) this.announce(site, due);
    }
    return this.checkpoints.saveAll(this.built, now);
  }

  /** Follows the change feed: every change moves the site's sums, in the log's order. */
  attach(feed: ChangeFeed): void {
    feed.subscribe(({ site, changes }) => {
      this.sites.set(site.id, site);
      for (const change of changes) {
        // New settings (H, λ) make new sums: built again from storage when next read.
        if (change.kind === 'site') {
          this.forget(site.id);
          continue;
        }
        const waiting = this.waiting.get(site.id);
        if (waiting) waiting.push(change);
        else this.built.get(site.id)?.apply(change);
      }
      const board = this.built.get(site.id);
      if (board) this.schedule(site, board);
    });
  }

  /** Hears of observations that came due by the clock alone (a Promise broken at its due time). */
  onDue(listener: DueListener): () => void {
    this.dueListeners.add(listener);
    return () => this.dueListeners.delete(listener);
  }

  /** The site's live scores now. */
  async scores(site: Site): Promise<ScoresBody> {
    const board = await this.board(site);
    const now = this.clock.now();
    const due = board.sums.advanceTo(now);
    if (due.length > 0) this.announce(site, due);
    this.schedule(site, board);
    const agents = await this.store.listAgents(site.id);
    return assembleScores({
      agents,
      sums: board.sums,
      ratings: board.recentRatings(now),
      settings: site.settings,
      at: now,
    });
  }

  /**
   * Builds every site's board now. A board is built from all of a site's stored evidence, which
   * takes a while for a long history (seconds per hundred thousand conversations): at start,
   * before taking traffic, rather than on the first read of a busy day.
   */
  async warm(): Promise<void> {
    for (const site of await this.store.listSites()) await this.board(site);
    clearInterval(this.saving);
    this.saving = setInterval(() => void this.checkpoint(), CHECKPOINT_EVERY_MS);
    this.saving.unref();
  }

  private saving: NodeJS.Timeout | undefined;

  /** Drops a site's board (its settings changed): the next read builds it again. */
  forget(siteId: string): void {
    this.sites.delete(siteId);
    this.boards.delete(siteId);
    this.built.delete(siteId);
    this.waiting.delete(siteId);
    clearTimeout(this.timers.get(siteId)?.timer);
    this.timers.delete(siteId);
  }

  /** Stops its timers and saves a checkpoint of every board, for the next start. */
  async close(): Promise<void> {
    clearInterval(this.saving);
    for (const { timer } of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    await this.checkpoint();
  }

  private board(site: Site): Promise<SiteBoard> {
    this.sites.set(site.id, site);
    const existing = this.boards.get(site.id);
    if (existing) return existing;
    const waiting: Change[] = [];
    this.waiting.set(site.id, waiting);
    const building = this.load(site).then((board) => {
      // Changes delivered meanwhile: those after the board's number belong on it. In the same
      // turn as the board takes over from the list, so none falls between the two.
      if (this.waiting.get(site.id) === waiting) {
        for (const change of waiting) board.apply(change);
        this.waiting.delete(site.id);
        this.built.set(site.id, board);
      }
      return board;
    });
    this.boards.set(site.id, building);
    building.catch(() => {
      if (this.boards.get(site.id) === building) this.forget(site.id);
    });
    return building;
  }

  /** From the checkpoint if it can; else from every conversation's evidence, then saved. */
  private async load(site: Site): Promise<SiteBoard> {
    const restored = await this.checkpoints.load(site);
    if (restored) return restored;
    const snapshot = await this.store.scoreSnapshot(site.id);
    const board = SiteBoard.empty(site.settings, snapshot.seq);
    for (const { conversationId, evidence } of snapshot.evidence) {
      board.add(conversationId, evidence);
    }
    // Everything up to now is history, not news: folded in without telling anyone, so that
    // only observations still ahead wait (and are saved) as pending.
    const now = this.clock.now();
    board.sums.advanceTo(now);
    // The next start restores this instead of adding everything up again.
    void this.checkpoints.saveAll(new Map([[site.id, board]]), now);
    return board;
  }

  /** Wakes at the next pending observation's time, to fold it in and tell the live views. */
  private schedule(site: Site, board: SiteBoard): void {
    const next = board.sums.nextPendingAt();
    const current = this.timers.get(site.id);
    if (next === null || (current && current.at <= next)) return;
    clearTimeout(current?.timer);
    const delay = Math.min(Math.max(0, next - this.clock.now()), MAX_TIMER_MS);
    const timer = setTimeout(() => {
      this.timers.delete(site.id);
      const due = board.sums.advanceTo(this.clock.now());
      if (due.length > 0) this.announce(site, due);
      this.schedule(site, board);
    }, delay);
    timer.unref();
    this.timers.set(site.id, { at: next, timer });
  }

  private announce(site: Site, due: Observation[]): void {
    for (const listener of this.dueListeners) {
      try {
        listener(site, due);
      } catch (error) {
        this.log.error('a due-time listener failed', error);
      }
    }
  }
}
