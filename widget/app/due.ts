/**
 * When the widget should start by itself, before the visitor touches it (product.md: nothing
 * loads "until the visitor opens the chat or a rating is due"):
 *   - a conversation is going on: the next page view reconnects, so replies keep arriving and a
 *     close made meanwhile still brings the rating card;
 *   - a conversation an agent answered has ended without a rating, and its card has not been
 *     shown yet: the panel opens on it once.
 */
import type { VisitorConversationView } from '../../shared/protocol';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The card of an ended conversation is offered for this long after the close. */
export const RATING_DUE_MS = DAY_MS;

/**
 * Someone from the team wrote: only then is there a conversation with an agent to rate (a chat
 * nobody answered gets a closing note, not the card; the server would rate nobody anyway).
 */
export const answeredByAgent = (conversation: VisitorConversationView): boolean =>
  conversation.messages.some((m) => m.from === 'agent');

/** The conversation has ended unrated, recently, and its card has not been shown. */
export function ratingDue(
  conversation: VisitorConversationView | null,
  asked: string | null,
  now: number,
): boolean {
  if (!conversation || conversation.status !== 'closed' || conversation.rating) return false;
  if (asked === conversation.id || !conversation.closedAt) return false;
  if (!answeredByAgent(conversation)) return false;
  return now < Date.parse(conversation.closedAt) + RATING_DUE_MS;
}

/** Until when the next page view should start the widget by itself; null: it need not. */
export function startUntil(
  conversation: VisitorConversationView | null,
  asked: string | null,
  now: number,
): number | null {
  if (conversation?.status === 'open') return now + DAY_MS;
  if (conversation && ratingDue(conversation, asked, now)) {
    return Date.parse(conversation.closedAt as string) + RATING_DUE_MS;
  }
  return null;
}
