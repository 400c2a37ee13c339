/**
 * A conversation's state, as the console and the widget see it, and the rules read from it (when
 * a promise counts, until when it may be disputed). Pure, no I/O.
 *
 * The state is derived from the conversation's facts alone, applied in their conversation order
 * `(at, id)` whatever order they arrived in, a fact id seen twice counting once: one fold over
 * the facts (`scoring/fold.ts`, `deriveConversation`) yields this state and the evidence scores
 * are made of.
 */
import type { Peak, RatingExclusion } from './facts';
import type { SiteSettings } from './settings';
import { DAY, iso } from './time';
import type { Visit } from './visit';

export { inConversationOrder } from './facts';

/** A promise an agent made to the visitor ("I'll get back to you by 15:30"). */
export interface Commitment {
  promiseId: string;
  agentId: string;
  madeAt: number;
  dueAt: number;
  /** The earliest keep, whenever it happened; kept in time only if at or before `dueAt`. */
  keptAt: number | null;
  /** Who marked it kept (the maker, the assignee or a supervisor); null when not said. */
  keptBy: string | null;
  /** When the visitor said it did not happen (a dispute that counts); null otherwise. */
  disputedAt: number | null;
  /**
   * Whether it moves reliability (scoring.md, promises about the future): a promise kept within
   * `minPromiseSeconds` of its making, or past the first `maxPromisesPerConversation`, does not.
   */
  counts: boolean;
  text: string | null;
}

export type CommitmentStatus = 'pending' | 'kept' | 'broken' | 'disputed';

/** Kept by its due time (unless disputed), broken once due without that, pending until then. */
export function commitmentStatus(c: Commitment, now: number): CommitmentStatus {
  if (c.keptAt !== null && c.keptAt <= c.dueAt) return c.disputedAt === null ? 'kept' : 'disputed';
  return now >= c.dueAt ? 'broken' : 'pending';
}

/**
 * Until when the visitor may say a promise did not happen (scoring.md, disputes): one kept in
 * time and not disputed yet, for `reopenWindowDays` after the keep. Null when it may not (now).
 */
export function disputableUntil(
  c: Commitment,
  settings: Pick<SiteSettings, 'reopenWindowDays'>,
  now: number,
): number | null {
  if (c.keptAt === null || c.keptAt > c.dueAt || c.disputedAt !== null) return null;
  const until = c.keptAt + settings.reopenWindowDays * DAY;
  return until >= now ? until : null;
}

/**
 * Why a promise moves nobody's reliability (scoring.md, promises about the future), with the
 * setting that decided it: kept within `minPromiseSeconds` of its making and not disputed
 * (`quick`), or made after the first `maxPromisesPerConversation` of its conversation (`extra`).
 */
export type NotCounting =
  | { reason: 'quick'; minPromiseSeconds: number }
  | { reason: 'extra'; maxPromisesPerConversation: number };

/** Null when the promise counts; else why not (the fold decided `counts`, this names it). */
export function whyNotCounting(
  c: Commitment,
  settings: Pick<SiteSettings, 'minPromiseSeconds' | 'maxPromisesPerConversation'>,
): NotCounting | null {
  if (c.counts) return null;
  const { minPromiseSeconds, maxPromisesPerConversation } = settings;
  const quick =
    c.keptAt !== null &&
    c.keptAt <= c.dueAt &&
    c.disputedAt === null &&
    c.keptAt - c.madeAt < minPromiseSeconds * 1000;
  return quick
    ? { reason: 'quick', minPromiseSeconds }
    : { reason: 'extra', maxPromisesPerConversation };
}

/** A rating as the visitor gave it. */
export interface RatingVersion {
  factId: string;
  end: number;
  peak: Peak | null;
  comment: string | null;
  /**
   * "What stood out most?" was answered (a `peak` of null is then "Nothing in particular"), and
   * the card was finished: a visitor who left half-way is asked the rest. Absent in states
   * folded before they were kept: taken as answered.
   */
  peakAnswered?: boolean;
  finished?: boolean;
  /** Time of this version. */
  at: number;
  /** Whom it rates, chosen by the server (never the visitor); null is the unassigned bucket. */
  agentId: string | null;
}

/** The version of the visitor's rating that counts, and whom it rates. */
export interface RatingState extends RatingVersion {
  /** Time of the first counting rating: amendments are accepted until `firstAt + ratingAmendMinutes`. */
  firstAt: number;
}

/**
 * Why a rating yields nothing (scoring.md, integrity rules): excluded (`member`, `flood`), or
 * `unanswered`, given before any agent had written in the conversation.
 */
export type SetAsideReason = RatingExclusion | 'unanswered';

/** Set-aside rating versions whose reason the state keeps, the latest. */
export const SET_ASIDE_KEPT = 50;

export interface SetAsideRating extends RatingVersion {
  reason: SetAsideReason;
}

export interface ConversationState {
  id: string;
  status: 'open' | 'closed';
  visitorId: string | null;
  openedAt: number;
  lastActivityAt: number;
  assignedAgentId: string | null;
  /** Most recent close (kept after a reopen, for the reopen window). */
  closedAt: number | null;
  /** Agent who made the most recent close; null when the visitor ended it or nobody is named. */
  closedByAgentId: string | null;
  /**
   * The most recent reopen ("This isn't solved"); absent when the conversation was never
   * reopened. The console tells a reopened chat apart, and a rating older than it is "before
   * reopening".
   */
  reopenedAt?: number;
  /** Counted messages (those sent while it was open). */
  messageCount: number;
  lastMessage: { from: 'visitor' | 'agent'; text: string | null; at: number } | null;
  /** The visitor wrote at least once: a conversation only they can start is listed for agents. */
  visitorWrote: boolean;
  /** Author of the latest counted agent message: whom a rating given now would rate. */
  lastAgentId: string | null;
  promises: Commitment[];
  rating: RatingState | null;
  /** The latest rating that was set aside, with why; null when none was. */
  setAsideRating: SetAsideRating | null;
  /**
   * Why each of the latest set-aside rating versions was set aside, by fact id (at most
   * `SET_ASIDE_KEPT`): the console's timeline reads the fold's verdict, never its own.
   */
  setAsideReasons: [factId: string, reason: SetAsideReason][];
  /** Who the visitor is, from the conversation's opening (profile.ts); absent when not said. */
  segment?: string;
  attributes?: Record<string, string>;
  /**
   * How to reach the visitor: from the opening (a signed-in user's email), else from the
   * rating card, where the visitor agreed to be contacted (`consentedAt`).
   */
  contact?: { email?: string; name?: string; consentedAt?: number };
  /** Where and how the visitor wrote from, when the opening said (visit.ts). */
  visit?: Visit;
}

/** How to reach a visitor, as agents and supervisors see it. */
export interface ContactView {
  email?: string;
  name?: string;
  /** When the visitor agreed, in the rating card, to be contacted (ISO); absent: the page said. */
  consentedAt?: string;
}

export function contactView(contact: ConversationState['contact']): ContactView | null {
  if (!contact) return null;
  const { consentedAt, ...reach } = contact;
  return consentedAt === undefined ? reach : { ...reach, consentedAt: iso(consentedAt) };
}
