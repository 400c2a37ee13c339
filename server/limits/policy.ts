/**
 * How much one client may do, in one place: every rate limit of the server, per IP address, per
 * visitor, per agent and per site key, and the sign-in backoff. The numbers are generous for
 * people (nobody types 30 messages a minute, nor clicks 600 times) and for integrators, and still
 * stop a script flooding a site's agents, its storage or a password.
 *
 * Each limit is a fixed window: at most `points` actions in `seconds`, counted from the first.
 * A client over a limit is refused until its window ends: HTTP 429 with Retry-After, a socket
 * acknowledgement `{ ok: false, error: { code: 'rate_limited', retryAfterSeconds } }`, or a
 * connection error on a handshake. Typing hints over the limit are dropped.
 *
 * Tests change them through `createApplication`'s `rateLimits` part (see `withOverrides`).
 */
import { DAY, MINUTE } from '../../shared/time';

/** At most `points` actions in `seconds`. */
export interface Rate {
  points: number;
  seconds: number;
}

/**
 * Whom a limit counts: the client's IP address, the visitor, the agent, the site key, or the
 * client's address on one site (`siteAddress`: what one network does to one site).
 */
export type Scope = 'ip' | 'visitor' | 'agent' | 'key' | 'siteAddress';

/** What is limited. Every socket event and every rate-limited route belongs to one. */
export type Action =
  /** Opening a socket connection at all, before it asks for a namespace. */
  | 'connection'
  /** Opening a socket (either namespace). */
  | 'handshake'
  /** Visitor: `message:send`. */
  | 'message'
  /** Visitor: `rating:save`, over the socket. */
  | 'rating'
  /** Visitor: `typing` hints. */
  | 'typing'
  /**
   * Visitor: every other event (`hello`, `conversation:end`, `conversation:reopen`,
   * `promise:dispute`).
   */
  | 'visitorEvent'
  /** A visitor message that starts a new conversation (H1, M4: floods of junk chats). */
  | 'newConversation'
  /**
   * A rating that would count (a conversation's first, over the socket or HTTP): past the limit
   * it is still stored, with `excluded: "flood"` (H1), never refused. Its later steps and
   * amendments are the same rating and count no more.
   */
  | 'countedRating'
  /** Agent: every event but typing. */
  | 'agentEvent'
  /** Agent: `typing` hints. */
  | 'agentTyping'
  /** The site-key API: `POST …/events` and `GET …/scores` with `Authorization: Bearer`. */
  | 'siteApi'
  /** Rating steps delivered over HTTP when the widget's socket cannot carry them. */
  | 'ratingDelivery'
  /** `POST /api/v1/session`, whatever its outcome (failures also back off, below). */
  | 'signIn'
  /** Any request under /api, a floor for everything above and for garbage. */
  | 'api';

/**
 * After `freeFailures` failed sign-ins in a row, each further attempt must wait, from
 * `firstWaitMs` doubling up to `longestWaitMs`; a quiet `forgetAfterMs` starts over. Counted per
 * email from one address (a guessed password: a success there starts over) and per address
 * (one network trying many emails: higher, as offices share an address; a success does not
 * start it over). Per email across all addresses, a slower throttle delays but never refuses:
 * see server/limits/sign-in.ts.
 */
export interface SignInBackoff {
  /** Failures in a row for one email from one address. */
  freeFailuresPerEmail: number;
  /** Failures in a row from one address, whatever the emails. */
  freeFailuresPerIp: number;
  firstWaitMs: number;
  longestWaitMs: number;
  forgetAfterMs: number;
  /** Failures an hour for one email, from anywhere, before its attempts are delayed. */
  emailFailuresPerHour: number;
  /** While so, how long each address waits before its next attempt for that email goes ahead. */
  emailDelayMs: number;
}

export interface RateLimitPolicy {
  /**
   * Clients on this machine itself (a loopback address, reached without a proxy in between: a
   * proxy must send X-Forwarded-For) are the operator's own health checks, scripts, tests and
   * `npm run bench`, and are not limited.
   */
  exemptLocal: boolean;
  rates: Record<Action, Partial<Record<Scope, Rate>>>;
  signInBackoff: SignInBackoff;
}

const perMinute = (points: number): Rate => ({ points, seconds: MINUTE / 1000 });

export const RATE_LIMITS: RateLimitPolicy = {
  exemptLocal: true,
  rates: {
    // A page view that opens the chat is one handshake; mobile carriers put many people behind
    // one address, so this is a flood guard, not a per-person limit.
    handshake: { ip: perMinute(300) },
    // A connection that never asks for a namespace is only a cost: a looser bound on those.
    connection: { ip: perMinute(600) },
    message: { visitor: perMinute(30), ip: perMinute(600) },
    // Each step of the rating card is a save; amending repeats them.
    rating: { visitor: perMinute(60), ip: perMinute(1200) },
    typing: { visitor: perMinute(120), ip: perMinute(2400) },
    visitorEvent: { visitor: perMinute(60), ip: perMinute(1200) },
    // One network opening chats or rating on one site (scoring.md, flood limits): an office
    // behind one address opens a few chats an hour, a script hundreds a second.
    newConversation: { siteAddress: { points: 10, seconds: (10 * MINUTE) / 1000 } },
    countedRating: { siteAddress: { points: 10, seconds: (60 * MINUTE) / 1000 } },
    agentEvent: { agent: perMinute(600), ip: perMinute(3000) },
    agentTyping: { agent: perMinute(300) },
    // Ten full batches (10,000 events) a second is more than any helpdesk's backfill needs.
    siteApi: { key: perMinute(600) },
    ratingDelivery: { ip: perMinute(600) },
    signIn: { ip: perMinute(30) },
    api: { ip: perMinute(1200) },
  },
  signInBackoff: {
    freeFailuresPerEmail: 5,
    freeFailuresPerIp: 20,
    firstWaitMs: 1000,
    longestWaitMs: 15 * MINUTE,
    forgetAfterMs: DAY,
    emailFailuresPerHour: 50,
    // One attempt per address every 72 s: the hourly allowance, spread out.
    emailDelayMs: 72_000,
  },
};

/** Changes to the policy: any action's scopes, and any backoff setting. */
export interface RateLimitOverrides {
  exemptLocal?: boolean;
  rates?: Partial<Record<Action, Partial<Record<Scope, Rate>>>>;
  signInBackoff?: Partial<SignInBackoff>;
}

/** The default policy with `overrides` applied, scope by scope. */
export function withOverrides(
  overrides: RateLimitOverrides = {},
  base: RateLimitPolicy = RATE_LIMITS,
): RateLimitPolicy {
  const rates = { ...base.rates };
  for (const [action, scopes] of Object.entries(overrides.rates ?? {}) as [
    Action,
    Partial<Record<Scope, Rate>>,
  ][]) {
    rates[action] = { ...rates[action], ...scopes };
  }
  return {
    exemptLocal: overrides.exemptLocal ?? base.exemptLocal,
    rates,
    signInBackoff: { ...base.signInBackoff, ...overrides.signInBackoff },
  };
}
