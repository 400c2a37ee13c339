/**
 * Everything the widget, the console and the server say to each other over socket.io: payload
 * schemas (parsed by the server), the views the server sends back, and the typed event maps of
 * the two namespaces.
 *
 * Views carry times as ISO strings, like every public payload.
 */
import { z } from 'zod';
import type { AckCallback } from './ack';
import { ZEndScore, ZFreeText, ZId, ZPeak, type Peak } from './facts';
import { LIMITS } from './limits';
import type { ScoresBody } from './scoring/types';

export const VISITOR_NAMESPACE = '/visitor';
export const AGENT_NAMESPACE = '/agent';

// ---------------------------------------------------------------------------------------------
// Views (server → clients)

export interface AgentRef {
  id: string;
  name: string;
}

export interface MessageView {
  id: string;
  from: 'visitor' | 'agent';
  text: string;
  at: string;
  /** The agent who wrote it, for agent messages. */
  agent: AgentRef | null;
}

export interface PromiseView {
  id: string;
  text: string | null;
  dueAt: string;
  madeAt: string;
  keptAt: string | null;
  status: 'pending' | 'kept' | 'broken';
  agent: AgentRef;
}

export interface RatingView {
  end: number;
  peak: Peak | null;
  comment: string | null;
  at: string;
  /** The visitor may change the rating until then. */
  amendableUntil: string;
}

/** What the visitor sees of their conversation. */
export interface VisitorConversationView {
  id: string;
  status: 'open' | 'closed';
  /** The agent looking after the visitor, once one has claimed the conversation. */
  agent: AgentRef | null;
  messages: MessageView[];
  promises: PromiseView[];
  closedAt: string | null;
  /** "This isn't solved" is offered until then (null while open). */
  reopenableUntil: string | null;
  rating: RatingView | null;
}

/** What agents and supervisors see of a conversation. */
export interface AgentConversationView {
  id: string;
  status: 'open' | 'closed';
  /** A short, stable, non-identifying label for the visitor ("Visitor 3F2A"). */
  visitorLabel: string;
  assignedAgent: AgentRef | null;
  openedAt: string;
  lastActivityAt: string;
  closedAt: string | null;
  /** Who rates the rating: the agent snapshotted at the close. */
  rating: (RatingView & { agent: AgentRef | null }) | null;
  messages: MessageView[];
  promises: PromiseView[];
}

/**
 * "Live scores": the scores body of the public API (`GET /api/v1/sites/:siteId/scores`), per
 * agent responsiveness, reliability and experience with their intervals, and CSAT.
 */
export type LiveScores = ScoresBody;

export interface SignedInAgent {
  id: string;
  name: string;
  email: string;
  siteId: string;
  siteName: string;
  role: 'admin' | 'supervisor' | 'agent';
}

// ---------------------------------------------------------------------------------------------
// Payloads (clients → server), parsed by the server with these schemas

const ZText = (max: number) => z.string().trim().min(1, 'must not be empty').pipe(ZFreeText(max));

/** Handshake `auth` of the visitor namespace. */
export const ZVisitorAuth = z.object({
  siteId: ZId,
  /** Issued by the server on the first connection; kept by the widget in localStorage. */
  visitorToken: z.string().max(200).optional(),
});
export type VisitorAuth = z.infer<typeof ZVisitorAuth>;

export const ZEmpty = z.object({}).optional();

export const ZVisitorMessage = z.object({ text: ZText(LIMITS.messageLength) });
export const ZTyping = z.object({ typing: z.boolean() });
export const ZConversationRef = z.object({ conversationId: ZId });

/** One step of the rating card; each step re-sends what the earlier ones answered. */
export const ZRatingSave = z.object({
  conversationId: ZId,
  /** Idempotency key: resending the same key changes nothing. */
  key: ZId,
  end: ZEndScore,
  peak: ZPeak.nullable().optional(),
  comment: z.string().trim().pipe(ZFreeText(LIMITS.commentLength)).optional(),
});
export type RatingSave = z.infer<typeof ZRatingSave>;

export const ZAgentReply = z.object({ conversationId: ZId, text: ZText(LIMITS.messageLength) });
export const ZAgentTyping = z.object({ conversationId: ZId, typing: z.boolean() });
export const ZPromiseMake = z.object({
  conversationId: ZId,
  text: ZText(LIMITS.promiseTextLength),
  dueAt: z.iso.datetime({ offset: true }),
});
export const ZPromiseKeep = z.object({ conversationId: ZId, promiseId: ZId });

export const ZSignIn = z.object({
  email: z.string().trim().toLowerCase().max(LIMITS.emailLength).pipe(z.email()),
  password: z.string().min(1).max(LIMITS.passwordLength),
});

// ---------------------------------------------------------------------------------------------
// Event maps

export interface VisitorHello {
  visitorId: string;
  /** Store and send back in the handshake to be recognised on the next page view. */
  visitorToken: string;
  /** The visitor's latest conversation, open or recently closed; null if none. */
  conversation: VisitorConversationView | null;
}

export interface VisitorClientEvents {
  hello: (payload: Record<string, never>, ack: AckCallback<VisitorHello>) => void;
  'message:send': (
    payload: z.input<typeof ZVisitorMessage>,
    ack: AckCallback<VisitorConversationView>,
  ) => void;
  typing: (payload: z.input<typeof ZTyping>) => void;
  /** The visitor ends the chat ("End chat"). */
  'conversation:end': (
    payload: z.input<typeof ZConversationRef>,
    ack: AckCallback<VisitorConversationView>,
  ) => void;
  /** "This isn't solved": reopens a closed conversation within the reopen window. */
  'conversation:reopen': (
    payload: z.input<typeof ZConversationRef>,
    ack: AckCallback<VisitorConversationView>,
  ) => void;
  'rating:save': (payload: z.input<typeof ZRatingSave>, ack: AckCallback<RatingView>) => void;
}

export interface VisitorServerEvents {
  /** The whole conversation, whenever anything in it changes. */
  conversation: (view: VisitorConversationView) => void;
  typing: (payload: { typing: boolean; agent: AgentRef }) => void;
}

export interface AgentClientEvents {
  /** Open conversations and those closed in the last day, newest activity first. */
  'inbox:list': (
    payload: Record<string, never>,
    ack: AckCallback<{ agent: SignedInAgent; conversations: AgentConversationView[] }>,
  ) => void;
  'conversation:claim': (
    payload: z.input<typeof ZConversationRef>,
    ack: AckCallback<AgentConversationView>,
  ) => void;
  'message:send': (
    payload: z.input<typeof ZAgentReply>,
    ack: AckCallback<AgentConversationView>,
  ) => void;
  typing: (payload: z.input<typeof ZAgentTyping>) => void;
  'promise:make': (
    payload: z.input<typeof ZPromiseMake>,
    ack: AckCallback<AgentConversationView>,
  ) => void;
  'promise:keep': (
    payload: z.input<typeof ZPromiseKeep>,
    ack: AckCallback<AgentConversationView>,
  ) => void;
  'conversation:close': (
    payload: z.input<typeof ZConversationRef>,
    ack: AckCallback<AgentConversationView>,
  ) => void;
  'scores:get': (payload: Record<string, never>, ack: AckCallback<LiveScores>) => void;
}

export interface AgentServerEvents {
  /** A conversation of the agent's site changed (new, message, claim, promise, close, rating). */
  conversation: (view: AgentConversationView) => void;
  typing: (payload: { conversationId: string; typing: boolean }) => void;
  /** The live scores of the site, after anything that moves them. */
  scores: (scores: LiveScores) => void;
}
