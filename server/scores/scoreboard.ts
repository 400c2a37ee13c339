/**
 * Live scores, kept incrementally per site: the stage of the pipeline between facts and live
 * views.
 *
 * A site's board is built once from the evidence stored with its conversations; after that each
 * changed conversation swaps its old evidence for its new (O(1) per observation), and reading
 * the live scores costs O(agents), however long the history (plus CSAT's ratings of the last
 * 30 days). A Promise's broken observation waits in the sums until its due time; a timer wakes
 * the board then, so the scores move without anyone asking.
 */
import type { ConversationEvidence } from '../../shared/scoring/observations';
import { CSAT_WINDOW_MS, type CountedRating } from '../../shared/scoring/ratings';
import { assembleScores } from '../../shared/scoring/evaluate';
import { ScoreSums } from '../../shared/scoring/sums';
import type { Observation, ScoresBody } from '../../shared/scoring/types';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import type { Pipeline } from '../pipeline/pipeline';
import { canonicalJson } from '../storage/derive';
import type { EvidenceChange, Site, Store } from '../storage/store';

/** Longest a timer is set for (Node's limit is about 24.8 days). */
const MAX_TIMER_MS = 2 ** 31 - 1;

class SiteBoard {
  readonly sums: ScoreSums;
  /** Counting ratings by conversation, for CSAT; those older than its window are dropped. */
  private readonly ratings = new Map<string, CountedRating>();

  constructor(settings: Site['settings']) {
    this.sums = new ScoreSums(settings);
  }

  add(conversationId: string, evidence: ConversationEvidence): void {
    for (const observation of evidence.observations) this.sums.add(observation);
    if (evidence.rating) this.ratings.set(conversationId, evidence.rating);
  }

  swap({ conversationId, before, after }: EvidenceChange): void {
    if (before) for (const observation of before.observations) this.sums.remove(observation);
    this.ratings.delete(conversationId);
    this.add(conversationId, after);
  }

  /** Counting ratings that CSAT may still count at `now` or later. */
  recentRatings(now: number): CountedRating[] {
    const recent: CountedRating[] = [];
    for (const [conversationId, rating] of this.ratings) {
      if (rating.at <= now - CSAT_WINDOW_MS) this.ratings.delete(conversationId);
      else recent.push(rating);
    }
    return recent;
  }
}

export type DueListener = (site: Site, due: Observation[]) => void;

export class Scoreboards {
  private readonly boards = new Map<string, Promise<SiteBoard>>();
  /** Changes that arrived while a site's board was being built, applied once it is. */
  private readonly waiting = new Map<string, EvidenceChange[]>();
  private readonly timers = new Map<string, { at: number; timer: NodeJS.Timeout }>();
  private readonly dueListeners = new Set<DueListener>();

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {}

  /** Follows the pipeline: every recorded change of evidence moves the site's sums. */
  attach(pipeline: Pipeline): () => void {
    return pipeline.subscribe(({ site, evidence }) => {
      const waiting = this.waiting.get(site.id);
      if (waiting) {
        waiting.push(...evidence);
        return;
      }
      const board = this.boards.get(site.id);
      if (!board) return; // built from storage when first read, with these changes in it
      void board.then((b) => {
        for (const change of evidence) b.swap(change);
        this.schedule(site, b);
      });
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
  }

  /** Drops a site's board (its settings changed): the next read builds it again. */
  forget(siteId: string): void {
    this.boards.delete(siteId);
    clearTimeout(this.timers.get(siteId)?.timer);
    this.timers.delete(siteId);
  }

  close(): void {
    for (const { timer } of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private board(site: Site): Promise<SiteBoard> {
    const existing = this.boards.get(site.id);
    if (existing) return existing;
    this.waiting.set(site.id, []);
    const building = this.store
      .siteEvidence(site.id)
      .then((stored) => {
        const board = new SiteBoard(site.settings);
        for (const { conversationId, evidence } of stored) board.add(conversationId, evidence);
        // Changes committed while the evidence was being read may or may not be in it. They
        // come in commit order, so one belongs on the board exactly when the snapshot still
        // holds what it replaced.
        const snapshot = new Map(stored.map((s) => [s.conversationId, canonicalJson(s.evidence)]));
        for (const change of this.waiting.get(site.id) ?? []) {
          const held = snapshot.get(change.conversationId) ?? canonicalJson(null);
          if (held !== canonicalJson(change.before)) continue;
          board.swap(change);
          snapshot.set(change.conversationId, canonicalJson(change.after));
        }
        return board;
      })
      .finally(() => this.waiting.delete(site.id));
    this.boards.set(site.id, building);
    building.catch(() => this.boards.delete(site.id));
    return building;
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
