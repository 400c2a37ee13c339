/**
 * One site's live-score board: the decayed sums of every subject and dimension, and the
 * counting ratings of CSAT's window, as of a change number. Changes after that number move it
 * (their observations out and in); a snapshot of it is what a checkpoint saves.
 */
import type { ConversationEvidence } from '../../shared/scoring/fold';
import { CSAT_WINDOW_MS, type CountedRating } from '../../shared/scoring/ratings';
import { ScoreSums, type SumsSnapshot } from '../../shared/scoring/sums';
import type { SiteSettings } from '../../shared/settings';
import type { Change } from '../storage/changes';

export interface BoardSnapshot {
  sums: SumsSnapshot;
  ratings: [conversationId: string, rating: CountedRating][];
}

export class SiteBoard {
  /** Counting ratings by conversation, for CSAT; those older than its window are dropped. */
  private readonly ratings = new Map<string, CountedRating>();

  constructor(
    readonly sums: ScoreSums,
    /** The number of the last change the board holds. */
    public seq: number,
  ) {}

  static empty(settings: SiteSettings, seq: number): SiteBoard {
    return new SiteBoard(new ScoreSums(settings), seq);
  }

  /** The board as JSON-safe data, to save with its change number (a checkpoint). */
  snapshot(now: number): BoardSnapshot {
    // Only the ratings CSAT may still count: a long history's older ones would only be loaded
    // to be dropped.
    const recent = [...this.ratings].filter(([, rating]) => rating.at > now - CSAT_WINDOW_MS);
    return { sums: this.sums.snapshot(), ratings: recent };
  }

  /** The board a snapshot holds; null when its sums were for other settings (H or λ). */
  static restore(settings: SiteSettings, seq: number, snapshot: BoardSnapshot): SiteBoard | null {
    const sums = ScoreSums.restore(settings, snapshot.sums);
    if (!sums) return null;
    const board = new SiteBoard(sums, seq);
    for (const [conversationId, rating] of snapshot.ratings) {
      board.ratings.set(conversationId, rating);
    }
    return board;
  }

  add(conversationId: string, evidence: ConversationEvidence): void {
    for (const observation of evidence.observations) this.sums.add(observation);
    if (evidence.rating) this.ratings.set(conversationId, evidence.rating);
  }

  /** Applies a change it does not hold yet (a later number); older ones are in it already. */
  apply(change: Change): void {
    if (change.seq <= this.seq) return;
    this.seq = change.seq;
    if (change.kind !== 'conversation' || !change.score) return;
    const { removed, added, rating } = change.score;
    for (const observation of removed) this.sums.remove(observation);
    for (const observation of added) this.sums.add(observation);
    if (rating === null) this.ratings.delete(change.conversationId);
    else if (rating) this.ratings.set(change.conversationId, rating);
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
