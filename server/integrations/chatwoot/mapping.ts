/**
 * What a Chatwoot payload means in Peakend's facts (docs/integrations/chatwoot.md): pure, so
 * the same payload always gives the same facts, with the same ids, whenever and however often
 * it arrives.
 *
 * - A conversation is `cw.<account>.<inbox>.<display id>`: Chatwoot's `id` is numbered per
 *   account, so it alone is not unique.
 * - Fact ids are made from Chatwoot's ids and times, so a repeated delivery is a duplicate, and
 *   the order deliveries arrive in does not matter.
 * - Times are whole seconds: Chatwoot sends a message's time in seconds inside a conversation
 *   and with milliseconds at the top level, and both must give the same fact. Within a second,
 *   the id's rank orders facts as Chatwoot does: an opening, an assignment or a reopen (which a
 *   customer's message makes as it arrives) before messages, messages before a resolve (an agent
 *   often answers and resolves at once), and a rating last.
 */
import { ZContact, type FactInput } from '../../../shared/facts';
import { LIMITS, storableText } from '../../../shared/limits';
import type {
  ChatwootConversation,
  ChatwootPayload,
  ChatwootPerson,
  ZPushMessage,
} from './payload';
import type { z } from 'zod';

/** What a payload comes to. */
export interface Mapping {
  /** Facts to record now (wire form: parsed with ZFact before recording). */
  facts: FactInput[];
  /** Reopens to hold back until an agent answers after them (reopens.ts). */
  reopens: { conversationId: string; factId: string; at: number }[];
  /** Conversations where an agent answered: their held reopens may be due. */
  answered: string[];
  /** Why nothing (or not everything) of the payload became a fact, for the log. */
  skipped: string[];
}

type PushMessage = z.output<typeof ZPushMessage>;

const second = (ms: number) => Math.floor(ms / 1000) * 1000;
const iso = (ms: number) => new Date(ms).toISOString();
/** Message ids padded, so that within a second messages sort in the order Chatwoot made them. */
const padded = (id: string) => id.padStart(12, '0');

/** A Chatwoot user as a Peakend agent id. */
export const chatwootAgentId = (userId: string) => `chatwoot.${userId}`;

/** The Peakend conversation id of a Chatwoot conversation. */
export const chatwootConversationId = (account: string, inbox: string, displayId: string) =>
  `cw.${account}.${inbox}.${displayId}`;

/** A name as a fact carries it: trimmed, bounded, or none. */
function nameOf(person: { name?: string | null } | null | undefined): string | undefined {
  const name = person?.name?.trim().slice(0, LIMITS.nameLength).trim();
  return name && storableText(name) ? name : undefined;
}

function textOf(content: string | null | undefined, max: number): string | undefined {
  if (!content) return undefined;
  const text = content.slice(0, max);
  return storableText(text) ? text : undefined;
}

/** Whether a sender is a Chatwoot user (an agent), not a contact, a bot or an automation. */
function isAgent(sender: ChatwootPerson | null | undefined, senderType?: string | null) {
  if (!sender) return false;
  const type = (sender.type ?? senderType ?? 'user').toLowerCase();
  return type === 'user';
}

/** The account of a conversation's payload: said at the top, by a fork, or by its messages. */
function accountOf(conversation: ChatwootConversation, top?: string | null): string | null {
  return (
    top ??
    conversation.account_id ??
    conversation.messages.find((m) => m.account_id)?.account_id ??
    null
  );
}

interface NormalMessage {
  id: string;
  /** 0 incoming, 1 outgoing, 2 activity, 3 template (message.rb's enum). */
  type: 'incoming' | 'outgoing' | 'activity' | 'template' | 'other';
  private: boolean;
  at: number;
  content: string | null | undefined;
  sender: ChatwootPerson | null | undefined;
  senderType?: string | null;
}

const MESSAGE_TYPES = ['incoming', 'outgoing', 'activity', 'template'] as const;

const fromPush = (m: PushMessage): NormalMessage => ({
  id: m.id,
  type: MESSAGE_TYPES[m.message_type] ?? 'other',
  private: m.private ?? false,
  at: m.created_at,
  content: m.content,
  sender: m.sender,
  senderType: m.sender_type,
});

/** One conversation's facts, named from its id. */
class ConversationFacts {
  constructor(
    readonly id: string,
    private readonly out: Mapping,
  ) {}

  private add(fact: Record<string, unknown> & { id: string; type: string; at: number }) {
    this.out.facts.push({ ...fact, conversationId: this.id, at: iso(fact.at) } as FactInput);
  }

  opened(at: number, conversation: ChatwootConversation) {
    const sender = conversation.meta?.sender;
    const contact = ZContact.safeParse({
      ...(sender?.email && { email: sender.email }),
      ...(nameOf(sender) && { name: nameOf(sender) }),
    });
    this.add({
      id: `${this.id}.0.opened`,
      type: 'conversation.opened',
      at: second(at),
      ...(contact.success && { contact: contact.data }),
    });
  }

  assigned(at: number, assignee: ChatwootPerson) {
    const name = nameOf(assignee);
    this.add({
      id: `${this.id}.1.assigned.${assignee.id}.${second(at) / 1000}`,
      type: 'conversation.assigned',
      at: second(at),
      agentId: chatwootAgentId(assignee.id),
      ...(name && { agentName: name }),
    });
  }

  reopened(at: number) {
    this.out.reopens.push({
      conversationId: this.id,
      factId: `${this.id}.1.reopened.${second(at) / 1000}`,
      at: second(at),
    });
  }

  closed(at: number) {
    this.add({
      id: `${this.id}.3.closed.${second(at) / 1000}`,
      type: 'conversation.closed',
      at: second(at),
    });
  }

  message(message: NormalMessage) {
    const base = {
      id: `${this.id}.2.m${padded(message.id)}`,
      type: 'message',
      at: second(message.at),
    };
    if (message.private) return this.out.skipped.push(`message ${message.id}: a private note`);
    const text = textOf(message.content, LIMITS.messageLength);
    if (message.type === 'incoming') {
      return this.add({ ...base, from: 'visitor', ...(text !== undefined && { text }) });
    }
    if (message.type !== 'outgoing') {
      return this.out.skipped.push(`message ${message.id}: ${message.type}`);
    }
    if (!message.sender || !isAgent(message.sender, message.senderType)) {
      return this.out.skipped.push(`message ${message.id}: sent by a bot or an automation`);
    }
    const name = nameOf(message.sender);
    this.add({
      ...base,
      from: 'agent',
      agentId: chatwootAgentId(message.sender.id),
      ...(name && { agentName: name }),
      ...(text !== undefined && { text }),
    });
    this.out.answered.push(this.id);
  }

  rating(messageId: string, at: number, rating: number, feedback: string | null | undefined) {
    const comment = textOf(feedback?.trim(), LIMITS.commentLength);
    this.add({
      id: `${this.id}.4.csat.${messageId}.${at}`,
      type: 'rating',
      at,
      end: rating,
      ...(comment && { comment }),
      // Chatwoot's survey is answered at once: there is no later step.
      finished: true,
    });
  }
}

/** A status change: resolved closes; open again is held back until an agent answers. */
function statusChange(
  facts: ConversationFacts,
  conversation: ChatwootConversation,
  changes: Map<string, { previous: unknown; current: unknown }>,
  out: Mapping,
) {
  const change = changes.get('status');
  const status = change ? change.current : conversation.status;
  const at = conversation.updated_at ?? conversation.timestamp;
  if (at == null) return void out.skipped.push('a status change without a time');
  if (status === 'resolved') facts.closed(at);
  // Pending or snoozed to open is no reopen; from resolved (or from an unsaid status) may be.
  else if (status === 'open' && (change === undefined || change.previous === 'resolved')) {
    facts.reopened(at);
  } else out.skipped.push(`status ${String(status)}`);
}

/** The facts (and held reopens) of one Chatwoot payload. */
export function mapChatwootPayload(payload: ChatwootPayload): Mapping {
  const out: Mapping = { facts: [], reopens: [], answered: [], skipped: [] };
  const { conversation } = payload.event.startsWith('message_')
    ? (payload as Extract<ChatwootPayload, { event: 'message_created' }>)
    : { conversation: payload as ChatwootConversation };
  const top =
    payload.event === 'message_created' || payload.event === 'message_updated'
      ? (payload.account?.id ?? null)
      : null;
  const account = accountOf(conversation, top);
  if (account === null) {
    out.skipped.push('no account id yet (a conversation with no message)');
    return out;
  }
  const inbox =
    payload.event === 'message_created' || payload.event === 'message_updated'
      ? (payload.inbox?.id ?? conversation.inbox_id)
      : conversation.inbox_id;
  const facts = new ConversationFacts(chatwootConversationId(account, inbox, conversation.id), out);

  switch (payload.event) {
    case 'conversation_created': {
      const at = conversation.created_at ?? conversation.timestamp;
      if (at != null) facts.opened(at, conversation);
      const assignee = conversation.meta?.assignee;
      if (at != null && assignee && isAgent(assignee)) facts.assigned(at, assignee);
      break;
    }
    case 'conversation_status_changed':
      statusChange(facts, conversation, payload.changed_attributes, out);
      break;
    case 'conversation_updated': {
      const changes = payload.changed_attributes;
      if (changes.has('status')) statusChange(facts, conversation, changes, out);
      const assignment = changes.get('assignee_id');
      const assignee = conversation.meta?.assignee;
      const at = conversation.updated_at ?? conversation.timestamp;
      if (assignment && assignment.current != null && assignee && isAgent(assignee) && at != null) {
        facts.assigned(at, assignee);
      } else if (!changes.has('status')) out.skipped.push('no status or assignee change');
      break;
    }
    case 'message_created':
      facts.message({
        id: payload.id,
        type: (MESSAGE_TYPES as readonly string[]).includes(payload.message_type)
          ? (payload.message_type as NormalMessage['type'])
          : 'other',
        private: payload.private ?? false,
        at: payload.created_at,
        content: payload.content,
        sender: payload.sender,
      });
      return out;
    case 'message_updated': {
      const response = payload.content_attributes?.submitted_values?.csat_survey_response;
      const at = conversation.updated_at ?? conversation.timestamp;
      if (payload.content_type === 'input_csat' && response && at != null) {
        facts.rating(payload.id, at, response.rating, response.feedback_message);
      } else out.skipped.push('a message update that is no CSAT answer');
      return out;
    }
  }
  // Every conversation event carries the last chat message: a delivery of it that was lost
  // is made good, and a repeat is a duplicate.
  for (const message of conversation.messages) facts.message(fromPush(message));
  return out;
}
