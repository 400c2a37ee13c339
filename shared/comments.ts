/**
 * What the comments feed answers (`GET /api/v1/sites/:siteId/comments`, server/http/comments.ts),
 * shared with the console, which lists it and picks the week's best moments from it.
 */
import type { Peak } from './facts';

export interface CommentView {
  conversationId: string;
  visitorLabel: string;
  segment: string | null;
  /** Whom the rating rates; null is the site's unassigned bucket. */
  agent: { id: string; name: string } | null;
  end: number;
  peak: Peak | null;
  comment: string | null;
  at: string;
  /** Why the rating counts for nobody (`member`, `flood`, `unanswered`); null when it counts. */
  excluded: string | null;
}

export interface CommentsPage {
  comments: CommentView[];
  /** The `cursor` of the next (older) page; null after the last. */
  next: string | null;
}
