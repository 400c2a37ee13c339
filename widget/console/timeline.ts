/**
 * A conversation's actions (claims, promises, keeps, disputes, closes, reopens, ratings set
 * aside) in words, and woven into its messages by time, so the console shows who did what (M2:
 * every claim, keep and close says whose it was).
 */
import type { AgentRef, MessageView, TimelineEntry } from '../../shared/protocol';

export type TimelineItem =
  { kind: 'message'; message: MessageView } | { kind: 'action'; entry: TimelineEntry };

const SET_ASIDE_BECAUSE: Record<'member' | 'flood' | 'unanswered', string> = {
  member: "it came from a team member's network or email",
  flood: 'its network sent more ratings than the visitor limits allow',
  unanswered: 'nobody had answered yet',
};

/** One action as a sentence, naming the signed-in agent "You". */
export function describeAction(entry: TimelineEntry, selfId: string): string {
  const who = (agent: AgentRef) => (agent.id === selfId ? 'You' : agent.name);
  const quoted = (text: string | null) => (text ? `“${text}”` : 'a promise');
  switch (entry.kind) {
    case 'assigned':
      return entry.previous
        ? `${who(entry.agent)} took over from ${who(entry.previous)}`
        : `${who(entry.agent)} claimed the conversation`;
    case 'promise-made':
      return `${entry.agent ? who(entry.agent) : 'An agent'} promised ${quoted(entry.text)}`;
    case 'promise-kept':
      return entry.agent
        ? `${who(entry.agent)} marked ${quoted(entry.text)} kept`
        : `${quoted(entry.text)} was marked kept`;
    case 'promise-disputed':
      return `The visitor said ${quoted(entry.text)} didn't happen`;
    case 'closed':
      return entry.agent ? `${who(entry.agent)} closed the conversation` : 'Closed';
    case 'reopened':
      return 'Reopened';
    case 'rating-set-aside':
      return `A rating of ${entry.end}/5 counts for nobody: ${SET_ASIDE_BECAUSE[entry.reason]}`;
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
