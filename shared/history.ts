/**
 * The history of a site's conversations as the API and the console show it
 * (`GET /api/v1/sites/:siteId/conversations`, docs/api.md): one line per conversation, newest
 * activity first, a page at a time.
 */
import type { Peak } from './facts';
import type { AgentRef } from './protocol';

/** The rating a conversation's line shows: the one that counts, else the latest set aside. */
export interface HistoryRating {
  end: number;
  peak: Peak | null;
  comment: string | null;
  at: string;
  /** Whom it rates; null is the site's unassigned bucket. */
  agent: AgentRef | null;
  /** Why it counts for nobody (`member`, `flood`, `unanswered`); null when it counts. */
  excluded: string | null;
}

export interface HistoryItem {
  id: string;
  visitorLabel: string;
  segment: string | null;
  status: 'open' | 'closed';
  assignedAgent: AgentRef | null;
  openedAt: string;
  lastActivityAt: string;
  /** Null while open. */
  closedAt: string | null;
  rating: HistoryRating | null;
  /** With a search: an excerpt of the latest message or comment that matched. */
  snippet: string | null;
}

export interface HistoryPage {
  conversations: HistoryItem[];
  /** The `cursor` of the next (older) page; null after the last. */
  next: string | null;
}
