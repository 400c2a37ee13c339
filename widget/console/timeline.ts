/**
 * A conversation's actions (claims, promises, keeps, disputes, closes, reopens, ratings set
 * aside) in words, and woven into its messages by time, so the console shows who did what (M2:
 * every claim, keep and close says whose it was).
 */
import type { AgentRef, MessageView, TimelineEntry } from '../../shared/protocol';
import type { ConsoleDictionary } from './i18n';

export type TimelineItem =
  { kind: 'message'; message: MessageView } | { kind: 'action'; entry: TimelineEntry };

/** One action as a sentence in the language of `t`, naming the signed-in agent "You". */
export function describeAction(entry: TimelineEntry, selfId: string, t: ConsoleDictionary): string {
  const words = t.live.timeline;
  /** The agent's name; null for the signed-in agent, whom each language words itself. */
  const who = (agent: AgentRef) => (agent.id === selfId ? null : agent.name);
  const quoted = (text: string | null) => (text ? words.quote(text) : null);
  switch (entry.kind) {
    case 'assigned':
      return entry.previous
        ? words.tookOver(who(entry.agent), who(entry.previous))
        : words.claimed(who(entry.agent));
    case 'promise-made':
      return words.promised(entry.agent ? who(entry.agent) : undefined, quoted(entry.text));
    case 'promise-kept':
      return entry.agent
        ? words.markedKept(who(entry.agent), quoted(entry.text))
        : words.wasMarkedKept(quoted(entry.text));
    case 'promise-disputed':
      return words.disputed(quoted(entry.text));
    case 'closed':
      return entry.agent ? words.closedBy(who(entry.agent)) : words.closed;
    case 'reopened':
      return words.reopened;
    case 'rating-set-aside':
      return words.setAside(entry.end, words.setAsideBecause[entry.reason]);
  }
}

/** Messages and actions in time order; an action comes before a message of the same instant. */
export function weave(messages: readonly MessageView[], actions: readonly TimelineEntry[]) {
  const items: TimelineItem[] = [];
  let m = 0;
  let a = 0;
  while (m < messages.length || a < actions.length) {
    const message = messages[m];
    const action = actions[a];
    if (action && (!message || Date.parse(action.at) <= Date.parse(message.at))) {
      items.push({ kind: 'action', entry: action });
      a += 1;
    } else if (message) {
      items.push({ kind: 'message', message });
      m += 1;
    }
  }
  return items;
}
