/**
 * Counting ratings, as CSAT sees them: the counting version of each conversation's rating (see
 * `deriveConversation`, so amendments are already resolved) and whom it rates.
 */
import { DAY } from '../time';

export interface CountedRating {
  /** The rated agent, snapshotted at the close; null is the site's unassigned bucket. */
  agentId: string | null;
  end: number;
  at: number;
}

/** CSAT counts ratings in the 30 days up to now, as the industry does. */
export const CSAT_WINDOW_MS = 30 * DAY;

/** "Satisfied" in CSAT terms: a 4 or a 5. */
export const isSatisfied = (end: number): boolean => end >= 4;
