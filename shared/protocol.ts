/**
 * Everything the widget, the console and the server say to each other over socket.io: payload
 * schemas (parsed by the server), the views the server sends back, and the typed event maps of
 * the two namespaces.
 *
 * Views carry times as ISO strings, like every public payload.
 */
import { z } from 'zod';
import type { Role } from './accounts';
import type { AckCallback } from './ack';
import type { CommitmentStatus, ContactView, NotCounting } from './conversation';
import {
  ZAttributes,
  ZEmail,
  ZEndScore,
  ZFreeText,
  ZId,
  ZPeak,
  ZSegment,
  type Peak,
} from './facts';
import { HEX_SIGNATURE, LIMITS } from './limits';
import { ZVisitFromWidget, type Visit } from './visit';
import type { SiteWaiting, SitesWaiting, ZSitesWaitingRequest } from './waiting';
import type { ScoredDimension, ScoresBody } from './scoring/types';
import type {
  FollowupQueueView,
  FollowupView,
  ZFollowupFilter,
  ZFollowupUpdate,
} from './followups';

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
  /** Kept in time and then disputed by the visitor ("That didn't happen"): counted as broken. */
  disputedAt: string | null;
  status: CommitmentStatus;
  /** Whether it moves the maker's reliability (see scoring.md: quick keeps and extras do not). */
  counts: boolean;
  /** Why it does not count, with the setting that decided it; null when it counts. */
  notCounting: NotCounting | null;
  /** The visitor may say "That didn't happen" until then (kept in time, not disputed); else null. */
  disputableUntil: string | null;
  agent: AgentRef;
}

export interface RatingView {
  end: number;
  /** null: "Nothing in particular", or not answered: see `peakAnswered`. */
  peak: Peak | null;
  comment: string | null;
  /** "What stood out most?" was answered. */
  peakAnswered: boolean;
  /** The visitor sent the card's last step: nothing more is asked. */
  finished: boolean;
  at: string;
  /** The visitor may change the rating until then. */
  amendableUntil: string;
}

/** What the visitor sees of their conversation. */
export interface VisitorConversationView {
  id: string;
  /**
   * Grows with every write of the conversation: of two views that arrive out of order (pushes
   * from several nodes, an acknowledgement), the larger is the newer.
   */
  version: number;
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
  /** Grows with every write of the conversation (see VisitorConversationView). */
  version: number;
  status: 'open' | 'closed';
  /** A short, stable, non-identifying label for the visitor ("Visitor 3F2A"). */
  visitorLabel: string;
  /** Who the visitor is, as the host page said when the conversation started (profile.ts). */
  segment: string | null;
  attributes: Record<string, string>;
  /** How to reach the visitor, when known (a signed-in user of the site); null otherwise. */
  contact: ContactView | null;
  /** Where and how the visitor wrote from when the conversation started (visit.ts). */
  visit: Visit | null;
  assignedAgent: AgentRef | null;
  openedAt: string;
  lastActivityAt: string;
  closedAt: string | null;
  /**
   * The latest reopen ("This isn't solved"), null when never reopened. While the conversation is
   * open again it is a reopened chat; a rating given before it is shown "before reopening".
   */
  reopenedAt: string | null;
  /** The counting rating, and whom it rates (the answerable agent, chosen by the server). */
  rating: (RatingView & { agent: AgentRef | null }) | null;
  /**
   * The latest rating that counts for nobody, and why: excluded (`member`: given from a team
   * member's address or email; `flood`: over the visitor limits) or `unanswered` (no agent had
   * written yet).
   */
  setAsideRating:
    (Omit<RatingView, 'amendableUntil'> & { reason: 'member' | 'flood' | 'unanswered' }) | null;
  messages: MessageView[];
  promises: PromiseView[];
  /** Who claimed, promised, kept, closed: the conversation's actions besides its messages. */
  timeline: TimelineEntry[];
}

/**
 * One action in a conversation besides its messages, with who took it (M2: scores must move only
 * for work someone did, so every claim, keep and close says whose it was). Oldest first; the
 * latest `TIMELINE_IN_VIEW` (server/live/views.ts) of them.
 */
export type TimelineEntry = {
  /** The fact it comes from. */
  id: string;
  at: string;
} & (
  | {
      /** Claimed (or given by the helpdesk) to `agent`; `previous` held it before: a take-over. */
      kind: 'assigned';
      agent: AgentRef;
      previous: AgentRef | null;
    }
  | {
      /** `agent` made the promise, or marked it kept (null: the helpdesk did not say who). */
      kind: 'promise-made' | 'promise-kept';
      promiseId: string;
      text: string | null;
      agent: AgentRef | null;
    }
  | {
      /** The visitor said a kept promise did not happen ("That didn't happen"). */
      kind: 'promise-disputed';
      promiseId: string;
      text: string | null;
    }
  | {
      /** Closed by `agent`; null when no agent is named (the visitor ended it, or the helpdesk). */
      kind: 'closed';
      agent: AgentRef | null;
    }
  | { kind: 'reopened' }
  | {
      /**
       * A rating that counts for nobody, and why (see `setAsideRating`); the step saves of one
       * rating show once.
       */
      kind: 'rating-set-aside';
      reason: 'member' | 'flood' | 'unanswered';
      end: number;
    }
);

/**
 * "Live scores": the scores body of the public API (`GET /api/v1/sites/:siteId/scores`), per
 * agent responsiveness, reliability and experience with their intervals, and CSAT.
 */
export type LiveScores = ScoresBody;

/**
 * One observation that moved an agent's score, and why: a wait, a promise kept or broken, a
 * reopen, or a rating. `value` is in [0, 1] (at least 0.5 helps the score, below hurts it) and
 * `weight` is how much it counts next to others, before fading with age. `detail` says what the
 * console needs to put it in plain words; its shape follows `kind`.
 */
export type BreakdownItem = {
  dimension: ScoredDimension;
  value: number;
  weight: number;
  at: string;
  conversationId: string;
  /** The visitor of that conversation, as the inbox names them ("Visitor 3F2A"). */
  visitorLabel: string;
} & (
  | {
      /** The longest wait between two closes, the last one, or both when they are one wait. */
      kind: 'peak-wait' | 'end-wait' | 'wait';
      /** How long the visitor waited, and the reply time the site promises (`targetReplySeconds`). */
      detail: { seconds: number; targetSeconds: number };
    }
  | {
      kind: 'promise-kept' | 'promise-broken' | 'promise-disputed';
      /** The promise as the agent wrote it, when the conversation still has it. */
      detail: {
        promiseId: string;
        text: string | null;
        dueAt: string | null;
        keptAt: string | null;
        disputedAt: string | null;
      };
    }
  | { kind: 'reopen'; detail: Record<string, never> }
  | {
      /** The rating's peak-end experience, or what the visitor said stood out ("voice"). */
      kind: 'rating' | 'voice';
      /**
       * How it ended (1 to 5) and what stood out (null: nothing in particular, or not answered
       * when `peakAnswered` is false: the visitor left the card before that question).
       */
      detail: { end: number | null; peak: Peak | null; peakAnswered?: boolean };
    }
);

/** "Why did my score move?": an agent's latest evidence, newest first, up to `at`. */
export interface ScoreBreakdown {
  agentId: string;
  name: string;
  at: string;
  items: BreakdownItem[];
}

/** One site a person belongs to, and their role there. */
export interface SiteMembership {
  siteId: string;
  siteName: string;
  role: Role;
}

/** The signed-in person, as the agent they are on the site the console shows. */
export interface SignedInAgent {
  id: string;
  name: string;
  email: string;
  siteId: string;
  siteName: string;
  role: Role;
  /** Every site the person belongs to (the console's site switcher), this one included. */
  sites: SiteMembership[];
  /**
   * True when Peakend sends email and this account's address is not confirmed yet: until it is,
   * no other site's invite can join this account (docs/accounts.md).
   */
  emailUnconfirmed?: boolean;
}

// ---------------------------------------------------------------------------------------------
// Payloads (clients → server), parsed by the server with these schemas

const ZText = (max: number) => z.string().trim().min(1, 'must not be empty').pipe(ZFreeText(max));

/** A customer's server vouching for a value: lowercase hex HMAC-SHA256 with the signing secret. */
export const ZSignature = z
  .string()
  .regex(HEX_SIGNATURE, "must be the hex HMAC-SHA256 made with the site's signing secret");

/** Handshake `auth` of the visitor namespace. */
export const ZVisitorAuth = z
  .object({
    siteId: ZId,
    /** Issued by the server on the first connection; kept by the widget in localStorage. */
    visitorToken: z.string().max(200).optional(),
    /**
     * Identity verification: a signed-in user of the customer's site, vouched for by its server
     * with `userHash` = HMAC-SHA256(signing secret, "user:" + userId). Their conversations
     * follow them.
     */
    userId: ZId.optional(),
    userHash: ZSignature.optional(),
    /**
     * A signed-in user's email, with `userId` and `userHash` only. Not signed: it can only ever
     * set this visitor's own ratings aside (a member's email: excluded "member").
     */
    // Unsigned, and it can only set this visitor's own ratings aside: one the server cannot read
    // as an email is dropped rather than refusing the chat.
    email: z
      .string()
      .trim()
      .toLowerCase()
      .max(LIMITS.emailLength)
      .pipe(z.email())
      .optional()
      .catch(undefined),
  })
  .refine((auth) => (auth.userId === undefined) === (auth.userHash === undefined), {
    message: 'userId and userHash go together',
    path: ['userHash'],
  })
  .refine((auth) => auth.email === undefined || auth.userId !== undefined, {
    message: 'email is taken only from a signed-in user (with userId and userHash)',
    path: ['email'],
  });
export type VisitorAuth = z.infer<typeof ZVisitorAuth>;

export const ZEmpty = z.object({}).optional();

/** Who the visitor is (profile.ts), sent with a message that may start a conversation. */
export const ZVisitorProfile = z.object({
  segment: ZSegment.optional(),
  attributes: ZAttributes.optional(),
});

export const ZVisitorMessage = z.object({
  text: ZText(LIMITS.messageLength),
  /** Recorded on the conversation this message starts; ignored by one already open. */
  profile: ZVisitorProfile.optional(),
  /**
   * Where the visitor asks to be answered, left while the team was away: recorded as the
   * contact of the conversation this message starts (a verified user's own email wins).
   */
  contact: z.strictObject({ email: ZEmail }).optional(),
  /** Where and how the visitor writes from (visit.ts), likewise; tidied, never refused. */
  visit: ZVisitFromWidget,
});
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
  /** The visitor's answer to "May we contact you about this?": where they agree to be reached. */
  contact: z.strictObject({ email: ZEmail }).optional(),
  /** The card's last step ("Send rating"): the visitor has finished it. */
  finished: z.literal(true).optional(),
  /**
   * Host-chat mode: the host's server signed the conversation id, so this visitor may rate that
   * helpdesk conversation although it is not theirs in the built-in chat.
   */
  signature: ZSignature.optional(),
});
export type RatingSave = z.infer<typeof ZRatingSave>;

/**
 * `POST /api/v1/sites/:siteId/ratings`: rating steps the widget could not deliver over its socket
 * (the page is being hidden, or the socket cannot connect), oldest first. Sent by `sendBeacon`
 * as text/plain, so no preflight is needed.
 */
export const ZRatingDelivery = z.object({
  visitorToken: z.string().max(200).optional(),
  ratings: z.array(ZRatingSave).min(1).max(LIMITS.ratingsPerDelivery),
});
export type RatingDelivery = z.infer<typeof ZRatingDelivery>;

export const ZAgentReply = z.object({ conversationId: ZId, text: ZText(LIMITS.messageLength) });
export const ZAgentTyping = z.object({ conversationId: ZId, typing: z.boolean() });
export const ZPromiseMake = z.object({
  conversationId: ZId,
  text: ZText(LIMITS.promiseTextLength),
  dueAt: z.iso.datetime({ offset: true }),
});
export const ZPromiseKeep = z.object({ conversationId: ZId, promiseId: ZId });

/** A page of the inbox: the first without a cursor, then after the `next` of the one before. */
export const ZInboxPage = z.object({ cursor: z.string().max(200).optional() }).optional();
/** The visitor's "That didn't happen" about a promise marked kept. */
export const ZPromiseDispute = z.object({ conversationId: ZId, promiseId: ZId });

/** Whose breakdown: another agent's (supervisors and admins only), else one's own. */
export const ZBreakdownRequest = z.object({ agentId: ZId.optional() }).optional();

export const ZSignIn = z.object({
  email: ZEmail,
  password: z.string().min(1).max(LIMITS.passwordLength),
  /**
   * Which site, when the email and password are those of more than one account (one per site:
   * docs/accounts.md). Sign-in asks for it only then.
   */
  siteId: ZId.optional(),
  /**
   * The secret of an invite link whose page the person signs in from: with the password of the
   * account the invite joins, signing in also joins the site (docs/accounts.md). The shape of
   * ZInviteToken (shared/accounts.ts), written out so the widget's bundle takes none of those.
   */
  invite: z
    .string()
    .regex(/^[A-Za-z0-9_-]{20,100}$/, 'is not an invite token')
    .optional(),
});

// ---------------------------------------------------------------------------------------------
// Event maps

export interface VisitorHello {
  visitorId: string;
  /** Store and send back in the handshake to be recognised on the next page view. */
  visitorToken: string;
  /** The visitor's latest conversation, open or recently closed; null if none. */
  conversation: VisitorConversationView | null;
  /**
   * The reply time to state, in whole minutes, when the site lets it follow the time it keeps
   * (`statedReplyFollowsKept`); null: the widget's usual "within a few minutes".
   */
  replyMinutes: number | null;
  /** Whether the team is there: see `SitePresence`. */
  presence: SitePresence;
}

/**
 * Whether a member of the site has the console open (decisions.md, presence): when none has,
 * the widget says it is away and asks how to reach the visitor. Pushed again on every change.
 */
export interface SitePresence {
  online: boolean;
  /** Outside the site's opening hours: when it next opens (ISO); null: "away right now". */
  backAt: string | null;
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
  /** "That didn't happen": disputes a promise marked kept, within the reopen window. */
  'promise:dispute': (
    payload: z.input<typeof ZPromiseDispute>,
    ack: AckCallback<VisitorConversationView>,
  ) => void;
}

export interface VisitorServerEvents {
  /** The whole conversation, whenever anything in it changes. */
  conversation: (view: VisitorConversationView) => void;
  typing: (payload: { typing: boolean; agent: AgentRef }) => void;
  /** The team came or went (a member opened or closed the console). */
  presence: (presence: SitePresence) => void;
}

export interface AgentClientEvents {
  /**
   * The inbox, a page at a time: open conversations waiting for a reply, then the other open
   * ones, then those closed in the last day, each newest activity first. Only conversations with
   * a message from their visitor. `next` is the cursor of the following page (null: no more).
   */
  'inbox:list': (payload: z.input<typeof ZInboxPage>, ack: AckCallback<InboxPage>) => void;
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
  /**
   * One conversation as the console shows it, by id, from the history: any of the site's for
   * supervisors and admins; for agents, their own work or one their inbox lists (open, or closed
   * in the last day).
   */
  'conversation:get': (
    payload: z.input<typeof ZConversationRef>,
    ack: AckCallback<AgentConversationView>,
  ) => void;
  'scores:get': (payload: Record<string, never>, ack: AckCallback<LiveScores>) => void;
  /** The evidence behind an agent's scores: one's own, or any agent's for supervisors. */
  'scores:breakdown': (
    payload: z.input<typeof ZBreakdownRequest>,
    ack: AckCallback<ScoreBreakdown>,
  ) => void;
  /**
   * The follow-up queue, a page at a time, newest first: every item of the site for supervisors
   * and admins, one's own (answered for or owned) for agents; with what is new for the viewer.
   */
  'followups:list': (
    payload: z.input<typeof ZFollowupFilter>,
    ack: AckCallback<FollowupQueueView>,
  ) => void;
  /** Changes an item's status, owner or notes, as far as the member's role allows. */
  'followup:update': (
    payload: z.input<typeof ZFollowupUpdate>,
    ack: AckCallback<FollowupView>,
  ) => void;
  /**
   * How many chats wait for a reply on each of the person's other sites (those their account
   * belongs to, besides the one shown): counts only. Takes nothing; `site:waiting` pushes changes.
   */
  'sites:waiting': (
    payload: z.input<typeof ZSitesWaitingRequest>,
    ack: AckCallback<SitesWaiting>,
  ) => void;
}

export interface InboxPage {
  agent: SignedInAgent;
  conversations: AgentConversationView[];
  next: string | null;
}

export interface AgentServerEvents {
  /** A conversation of the agent's site changed (new, message, claim, promise, close, rating). */
  conversation: (view: AgentConversationView) => void;
  typing: (payload: { conversationId: string; typing: boolean }) => void;
  /** The live scores of the site, after anything that moves them. */
  scores: (scores: LiveScores) => void;
  /**
   * Follow-up items the member sees were made, changed or withdrawn (ids only: the console
   * reads the queue again).
   */
  'followups:changed': (payload: { ids: string[] }) => void;
  /** The number of chats waiting on another of the person's sites changed. */
  'site:waiting': (payload: SiteWaiting) => void;
}
