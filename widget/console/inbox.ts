/** Pure helpers over the conversation list: ordering, upserts, status, a preview. */
import type { AgentConversationView } from '../../shared/protocol';
import type { ConsoleDictionary } from './i18n';

/** A conversation's state in the inbox (worded by the live area's `status`). */
export type InboxStatus = 'open' | 'unassigned' | 'reopened' | 'closed';

/** Open again after the visitor said "This isn't solved", until it is closed again. */
export function isReopened(conversation: AgentConversationView): boolean {
  return conversation.status === 'open' && conversation.reopenedAt !== null;
}

export function inboxStatus(conversation: AgentConversationView): InboxStatus {
  if (conversation.status === 'closed') return 'closed';
  if (isReopened(conversation)) return 'reopened';
  return conversation.assignedAgent ? 'open' : 'unassigned';
}

/** The rating was given before the latest reopen: it speaks of how things stood then. */
export function ratedBeforeReopening(conversation: AgentConversationView): boolean {
  const { rating, reopenedAt } = conversation;
  return rating !== null && reopenedAt !== null && Date.parse(rating.at) <= Date.parse(reopenedAt);
}

/** Waiting for a reply, then the other open ones, then closed: the server's inbox order. */
function inboxRank(conversation: AgentConversationView): number {
  if (conversation.status === 'closed') return 2;
  return awaitsReply(conversation) ? 0 : 1;
}

/** As the server pages the inbox: by rank, then newest activity first, then by id. */
export function compareConversations(a: AgentConversationView, b: AgentConversationView): number {
  const rank = inboxRank(a) - inboxRank(b);
  if (rank !== 0) return rank;
  const newer = Date.parse(b.lastActivityAt) - Date.parse(a.lastActivityAt);
  if (newer !== 0) return newer;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/** Adds a further page of the inbox to what is shown (a conversation already there is kept). */
export function addPage(
  list: readonly AgentConversationView[],
  page: readonly AgentConversationView[],
): AgentConversationView[] {
  const shown = new Set(list.map((c) => c.id));
  return sortConversations([...list, ...page.filter((c) => !shown.has(c.id))]);
}

export function sortConversations(list: readonly AgentConversationView[]): AgentConversationView[] {
  return [...list].sort(compareConversations);
}

/**
 * Replaces the conversation with the same id, or adds it; keeps the order. A view older than the
 * one shown (a lower version: pushes and answers may cross) is ignored.
 */
export function upsertConversation(
  list: readonly AgentConversationView[],
  conversation: AgentConversationView,
): AgentConversationView[] {
  const shown = list.find((c) => c.id === conversation.id);
  if (shown && shown.version > conversation.version) return [...list];
  const rest = list.filter((c) => c.id !== conversation.id);
  return sortConversations([...rest, conversation]);
}

/** The last message as a one-line preview, with who wrote it ("You" for the signed-in agent). */
export function lastMessagePreview(
  conversation: AgentConversationView,
  selfId: string | undefined,
  t: ConsoleDictionary,
): string {
  const words = t.live.inbox;
  const last = conversation.messages[conversation.messages.length - 1];
  if (!last) return words.noMessages;
  const text = last.text.replace(/\s+/g, ' ').trim();
  if (last.from === 'visitor') return text;
  const author =
    last.agent && last.agent.id === selfId ? words.you : (last.agent?.name ?? words.agent);
  return words.preview(author, text);
}

/**
 * Does the conversation wait for an answer from the team? When the visitor wrote last, and when
 * they reopened it and no one has written since: a reopen alerts like a new chat.
 */
export function awaitsReply(conversation: AgentConversationView): boolean {
  if (conversation.status !== 'open') return false;
  const last = conversation.messages[conversation.messages.length - 1];
  if (last?.from === 'visitor') return true;
  const { reopenedAt } = conversation;
  return reopenedAt !== null && (!last || Date.parse(last.at) <= Date.parse(reopenedAt));
}
