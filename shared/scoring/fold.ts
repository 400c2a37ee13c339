/**
 * One pass over a conversation's facts, in conversation order `(at, id)`, that yields both its
 * state (what the console and the widget show) and its evidence (the observations scores are made
 * of, and the counting rating for CSAT): scoring.md §Observations with the integrity rules of
 * version 2.
 *
 * The pass is a left fold, and everything it carries between facts is plain JSON
 * (`ConversationFold`), so a store can keep it beside the conversation: a fact that sorts after
 * every fact folded so far is applied in O(1) (`foldFact`), and only a fact that arrives out of
 * order re-folds its conversation, whose facts are bounded (`LIMITS.factsPerConversation`).
 * `finishFold` then turns the fold into state and evidence; its cost grows with the promises and
 * closes of that one conversation, never with the site's history.
 */
import {
  SET_ASIDE_KEPT,
  type Commitment,
  type ConversationState,
  type RatingState,
  type SetAsideRating,
  type SetAsideReason,
} from '../conversation';
import { compareFacts, inConversationOrder, type Fact, type FactOf } from '../facts';
import type { SiteSettings } from '../settings';
import { DAY, MINUTE } from '../time';
import { experienceValue, peakValue, waitQuality } from './quality';
import type { CountedRating } from './ratings';
import type { Observation } from './types';

/** The settings that shape a conversation's state and evidence (the rest only shape scores). */
export type FoldSettings = Pick<
  SiteSettings,
  | 'targetReplySeconds'
  | 'voiceWeight'
  | 'reopenWindowDays'
  | 'ratingAmendMinutes'
  | 'maxPromisesPerConversation'
  | 'minPromiseSeconds'
>;

/** What a conversation contributes to scores: its observations and its counting Rating. */
export interface ConversationEvidence {
  observations: Observation[];
  /** The counting version of the visitor's Rating (for CSAT), or null when none counts. */
  rating: CountedRating | null;
}

/**
 * The conversation's first reply: the first agent message that ended a Wait, when it was sent,
 * how long that Wait had lasted and who sent it. What the expectation gap (issue #11 §5) compares
 * with the reply time the site states; a Wait that ended unanswered at a close is not a reply.
 */
export interface FirstReply {
  at: number;
  waitMs: number;
  agentId: string | null;
}

/** A Wait that has ended, waiting for the next close to be judged. */
interface EndedWait {
  seconds: number;
  subject: string | null;
  /** The agent's reply that ended it, or the close for an unanswered Wait. */
  factId: string;
}

/** What is known of one promise id: its making, its earliest keep, a dispute that counts. */
interface PromiseTrack {
  made: { factId: string; agentId: string; at: number; dueAt: number; text: string | null } | null;
  keep: { factId: string; at: number; agentId: string | null } | null;
  /** The earliest dispute at or after the keep and within the reopen window of it. */
  dispute: { factId: string; at: number } | null;
  /**
   * A dispute seen before any keep. Only one at the very time of a later keep can count
   * ("at or after the keeping"), so the earliest at the latest time is all that needs keeping.
   */
  earlyDispute: { factId: string; at: number } | null;
}

/** Everything the fold carries from one fact to the next: plain JSON, for a store to keep. */
export interface ConversationFold {
  /** Derivation rules this fold was made by; a store re-folds conversations of older versions. */
  version: typeof FOLD_VERSION;
  /** The last fact folded, in conversation order: a later fact can be folded on in O(1). */
  last: { at: number; id: string };
  /** Facts folded, and of them messages (whether or not they counted): what the limits bound. */
  facts: number;
  messages: number;
  state: Omit<ConversationState, 'promises'>;
  /** Whom a rating of the closed conversation rates: the answerable agent of its latest close. */
  answerableAtClose: string | null;
  /** Author of the latest agent message since the previous reopen (or the start). */
  agentSinceReopen: string | null;
  /** Start of the open Wait, if the visitor is waiting. */
  waitStartedAt: number | null;
  /** Set once, by the first agent message that ends a Wait. */
  firstReply: FirstReply | null;
  /** The longest (earliest of equals) and the last Wait that ended since the previous close. */
  peakWait: EndedWait | null;
  endWait: EndedWait | null;
  /** Observations decided so far: judged Waits (at closes) and broken resolutions (reopens). */
  observations: Observation[];
  /** Promise ids in order of making. */
  promiseOrder: string[];
  /** By `trackKey(promiseId)`: ids are chosen by integrators, so never used as keys bare. */
  promises: Record<string, PromiseTrack>;
}

/**
 * Version 2: the integrity rules. Version 3: the same rules, and the fold keeps the first reply
 * (folds of version 2 lack it, so their conversations are folded again on upgrade). Version 4:
 * the state keeps the latest reopen (`reopenedAt`), for the console.
 */
export const FOLD_VERSION = 4;

/** A fold's state, evidence, and the fold itself (for a store to keep). */
export interface FoldedConversation {
  fold: ConversationFold;
  state: ConversationState;
  evidence: ConversationEvidence;
}

/**
 * What a store keeps of a fold beside the conversation's state and evidence, which hold the rest
 * of it (its state, and its decided observations: the first `decided` of the evidence's). So a
 * conversation row does not carry the same state and observations twice.
 */
export type FoldCore = Omit<ConversationFold, 'state' | 'observations'> & { decided: number };

export function packFold({ state: _state, observations, ...core }: ConversationFold): FoldCore {
  return { ...core, decided: observations.length };
}

/** The fold again, from what `packFold` kept and the stored state and evidence; null if unfit. */
export function unpackFold(
  core: FoldCore | null,
  state: ConversationState | null,
  evidence: ConversationEvidence | null,
): ConversationFold | null {
  if (!core || !state || !evidence || typeof core.decided !== 'number') return null;
  const { decided, ...rest } = core;
  return {
    ...rest,
    state: shownState(state),
    observations: evidence.observations.slice(0, decided),
  };
}

/** A conversation's state as the fold carries it: its promises come from the tracks. */
const shownState = ({ promises: _promises, ...shown }: ConversationState) => shown;

/** Folds every fact of one conversation (any order, duplicates allowed). Null for no facts. */
export function foldConversation(
  facts: readonly Fact[],
  settings: FoldSettings,
): FoldedConversation | null {
  const ordered = inConversationOrder(facts);
  const [first, ...rest] = ordered;
  if (!first) return null;
  const fold = startFold(first, settings);
  for (const fact of rest) foldFact(fold, fact, settings);
  return finishFold(fold, settings);
}

/** The state of one conversation from all of its facts (in any order). Null for no facts. */
export function deriveConversation(
  facts: readonly Fact[],
  settings: FoldSettings,
): ConversationState | null {
  return foldConversation(facts, settings)?.state ?? null;
}

/** Whether `fact` comes after everything folded so far, so it can be folded on directly. */
export function foldsOnto(fold: ConversationFold, fact: Fact): boolean {
  return compareFacts(fact, { ...fact, at: fold.last.at, id: fold.last.id }) > 0;
}

/** A new fold from a conversation's first fact. */
export function startFold(first: Fact, settings: FoldSettings): ConversationFold {
  const fold: ConversationFold = {
    version: FOLD_VERSION,
    last: { at: first.at, id: first.id },
    facts: 0,
    messages: 0,
    state: {
      id: first.conversationId,
      status: 'open',
      visitorId: null,
      openedAt: first.at,
      lastActivityAt: first.at,
      assignedAgentId: null,
      closedAt: null,
      closedByAgentId: null,
      messageCount: 0,
      lastMessage: null,
      visitorWrote: false,
      lastAgentId: null,
      rating: null,
      setAsideRating: null,
      setAsideReasons: [],
    },
    answerableAtClose: null,
    agentSinceReopen: null,
    waitStartedAt: null,
    firstReply: null,
    peakWait: null,
    endWait: null,
    observations: [],
    promiseOrder: [],
    promises: {},
  };
  applyFact(fold, first, settings);
  return fold;
}

/**
 * Folds one more fact on, in place. The caller makes sure it comes after every fact folded so
 * far (`foldsOnto`) and is not one of them; otherwise fold the conversation again.
 */
export function foldFact(fold: ConversationFold, fact: Fact, settings: FoldSettings): void {
  fold.last = { at: fact.at, id: fact.id };
  applyFact(fold, fact, settings);
}

function applyFact(fold: ConversationFold, fact: Fact, settings: FoldSettings): void {
  const state = fold.state;
  fold.facts += 1;
  state.lastActivityAt = fact.at;
  switch (fact.type) {
    case 'conversation.opened':
      state.visitorId ??= fact.visitorId ?? null;
      // The first opening that says who the visitor is decides; a later one changes nothing.
      if (state.segment === undefined && state.attributes === undefined) {
        if (fact.segment !== undefined) state.segment = fact.segment;
        if (fact.attributes !== undefined) state.attributes = { ...fact.attributes };
      }
      if (fact.contact !== undefined) state.contact ??= { ...fact.contact };
      if (fact.visit !== undefined) state.visit ??= { ...fact.visit };
      break;
    case 'conversation.assigned':
      state.assignedAgentId = fact.agentId;
      break;
    case 'message':
      fold.messages += 1;
      if (state.status === 'closed') break; // messages to a closed conversation change nothing
      state.messageCount += 1;
      state.lastMessage = { from: fact.from, text: fact.text ?? null, at: fact.at };
      if (fact.from === 'visitor') {
        state.visitorWrote = true;
        fold.waitStartedAt ??= fact.at;
        break;
      }
      state.lastAgentId = fact.agentId ?? null;
      fold.agentSinceReopen = state.lastAgentId;
      if (fold.waitStartedAt !== null) {
        fold.firstReply ??= {
          at: fact.at,
          waitMs: fact.at - fold.waitStartedAt,
          agentId: state.lastAgentId,
        };
        endWait(fold, fact.at, state.lastAgentId, fact.id);
      }
      break;
    case 'promise.made': {
      const track = trackOf(fold, fact.promiseId);
      if (track.made) break; // a promise id is used once per conversation: the first counts
      track.made = {
        factId: fact.id,
        agentId: fact.agentId,
        at: fact.at,
        dueAt: fact.dueAt,
        text: fact.text ?? null,
      };
      fold.promiseOrder.push(fact.promiseId);
      break;
    }
    case 'promise.kept': {
      const track = trackOf(fold, fact.promiseId);
      if (track.keep) break; // in conversation order, the first keep is the earliest
      track.keep = { factId: fact.id, at: fact.at, agentId: fact.agentId ?? null };
      // A dispute at the very time of the keep, sorted before it by id, is "at the keeping".
      if (track.earlyDispute?.at === fact.at) track.dispute = track.earlyDispute;
      track.earlyDispute = null;
      break;
    }
    case 'promise.disputed':
      recordDispute(trackOf(fold, fact.promiseId), fact, settings);
      break;
    case 'conversation.closed': {
      if (state.status === 'closed') break; // closing a closed conversation changes nothing
      state.status = 'closed';
      state.closedAt = fact.at;
      state.closedByAgentId = fact.agentId ?? null;
      // Answerable: whom the visitor heard last, else whoever held the conversation. Who pressed
      // "close" does not matter, so closing someone else's chat takes nothing from them.
      fold.answerableAtClose = state.lastAgentId ?? state.assignedAgentId;
      // An unanswered Wait ends at the close, on whoever holds the conversation then.
      if (fold.waitStartedAt !== null) endWait(fold, fact.at, state.assignedAgentId, fact.id);
      fold.observations.push(...judgeWaits(fold, fact.at, settings.targetReplySeconds));
      fold.peakWait = fold.endWait = null;
      break;
    }
    case 'conversation.reopened': {
      if (state.status === 'open') break; // reopening an open conversation changes nothing
      state.status = 'open';
      state.reopenedAt = fact.at;
      // "This isn't solved" soon after a close: the resolution did not hold. It blames work done
      // since the previous reopen, once; reopening again without a reply blames nobody.
      const closedAt = state.closedAt ?? fact.at;
      const subject = fold.agentSinceReopen;
      if (subject !== null && fact.at - closedAt <= settings.reopenWindowDays * DAY) {
        fold.observations.push({
          subject,
          dimension: 'reliability',
          value: 0,
          weight: 1,
          at: fact.at,
          cause: { kind: 'reopen', conversationId: state.id, factId: fact.id },
        });
      }
      fold.agentSinceReopen = null;
      break;
    }
    case 'rating':
      // What the page said of the visitor stays; else the first address they agreed to give.
      if (fact.contact !== undefined) state.contact ??= { ...fact.contact, consentedAt: fact.at };
      recordRating(fold, fact, settings);
      break;
  }
}

/**
 * The key of a promise id in `ConversationFold.promises`. An id such as `__proto__` or
 * `toString` must not reach an object's prototype: prefixed, every key is a plain own property.
 */
const trackKey = (promiseId: string) => `p:${promiseId}`;

/** What the fold knows of a promise id, if anything. */
export function promiseTrack(fold: ConversationFold, promiseId: string): PromiseTrack | undefined {
  const key = trackKey(promiseId);
  return Object.hasOwn(fold.promises, key) ? fold.promises[key] : undefined;
}

function trackOf(fold: ConversationFold, promiseId: string): PromiseTrack {
  let track = promiseTrack(fold, promiseId);
  if (!track) {
    track = { made: null, keep: null, dispute: null, earlyDispute: null };
    fold.promises[trackKey(promiseId)] = track;
  }
  return track;
}

function recordDispute(
  track: PromiseTrack,
  fact: FactOf<'promise.disputed'>,
  settings: FoldSettings,
): void {
  if (track.dispute) return; // the earliest that counts is the one
  if (!track.keep) {
    // Of disputes at one time, the first in order is the earliest: keep it.
    if (track.earlyDispute?.at !== fact.at) track.earlyDispute = { factId: fact.id, at: fact.at };
    return;
  }
  if (fact.at <= track.keep.at + settings.reopenWindowDays * DAY) {
    track.dispute = { factId: fact.id, at: fact.at };
  }
}

function endWait(fold: ConversationFold, at: number, subject: string | null, factId: string) {
  const wait: EndedWait = { seconds: (at - (fold.waitStartedAt ?? at)) / 1000, subject, factId };
  fold.waitStartedAt = null;
  if (!fold.peakWait || wait.seconds > fold.peakWait.seconds) fold.peakWait = wait;
  fold.endWait = wait;
}

/**
 * Peak-end judgement of the Waits between two closes: the longest (the earliest of equals) and
 * the last, half the weight each, or one observation of full weight when they are the same Wait.
 */
function judgeWaits(fold: ConversationFold, closedAt: number, T: number): Observation[] {
  const { peakWait: peak, endWait: end } = fold;
  if (!peak || !end) return [];
  const conversationId = fold.state.id;
  const observe = (wait: EndedWait, kind: 'peak-wait' | 'end-wait' | 'wait', weight: number) =>
    ({
      subject: wait.subject,
      dimension: 'responsiveness',
      value: waitQuality(wait.seconds, T),
      weight,
      at: closedAt,
      cause: { kind, conversationId, factId: wait.factId, seconds: wait.seconds },
    }) satisfies Observation;
  if (peak.factId === end.factId) return [observe(end, 'wait', 1)];
  return [observe(peak, 'peak-wait', 0.5), observe(end, 'end-wait', 0.5)];
}

/**
 * Which rating counts: excluded and unhandled ratings are set aside first; of the rest, the first
 * opens the amendment window and the latest within it counts. Whom a version rates is decided at
 * its own time: the answerable agent of the latest close while closed, else whom the visitor
 * heard last, else the assignee.
 */
function recordRating(fold: ConversationFold, fact: FactOf<'rating'>, settings: FoldSettings) {
  const state = fold.state;
  const version = {
    factId: fact.id,
    end: fact.end,
    peak: fact.peak ?? null,
    comment: fact.comment ?? null,
    peakAnswered: fact.peak !== undefined,
    finished: fact.finished === true,
    at: fact.at,
    agentId:
      state.status === 'closed'
        ? fold.answerableAtClose
        : (state.lastAgentId ?? state.assignedAgentId),
  };
  // Nobody helped yet: the rating rates nobody (the waits still count, on whoever held it).
  const reason = fact.excluded ?? (state.lastAgentId === null ? 'unanswered' : null);
  if (reason) {
    state.setAsideRating = { ...version, reason } satisfies SetAsideRating;
    const verdict: [string, SetAsideReason] = [fact.id, reason];
    state.setAsideReasons = [...state.setAsideReasons, verdict].slice(-SET_ASIDE_KEPT);
    return;
  }
  const counting = state.rating;
  if (counting && fact.at > counting.firstAt + settings.ratingAmendMinutes * MINUTE) return;
  state.rating = { ...version, firstAt: counting?.firstAt ?? fact.at } satisfies RatingState;
}

/** The state and evidence of a fold (which it does not change). */
export function finishFold(fold: ConversationFold, settings: FoldSettings): FoldedConversation {
  const conversationId = fold.state.id;
  const observations = [...fold.observations];
  const promises: Commitment[] = [];
  const quickMs = settings.minPromiseSeconds * 1000;
  let counted = 0;

  for (const promiseId of fold.promiseOrder) {
    const track = promiseTrack(fold, promiseId);
    const made = track?.made;
    if (!track || !made) continue;
    const keep = track.keep;
    const onTime = keep !== null && keep.at <= made.dueAt;
    const dispute = onTime ? track.dispute : null;
    // Kept within moments of being made, and not disputed: it says nothing about reliability.
    const quick = onTime && dispute === null && keep.at - made.at < quickMs;
    const counts = !quick && counted < settings.maxPromisesPerConversation;
    if (!quick) counted += 1;
    promises.push({
      promiseId,
      agentId: made.agentId,
      madeAt: made.at,
      dueAt: made.dueAt,
      keptAt: keep?.at ?? null,
      keptBy: keep?.agentId ?? null,
      disputedAt: dispute?.at ?? null,
      counts,
      text: made.text,
    });
    if (!counts) continue;
    const base = { subject: made.agentId, dimension: 'reliability', weight: 1 } as const;
    if (dispute) {
      observations.push({
        ...base,
        value: 0,
        at: dispute.at,
        cause: { kind: 'promise-disputed', conversationId, factId: dispute.factId, promiseId },
      });
    } else if (onTime) {
      observations.push({
        ...base,
        value: 1,
        at: keep.at,
        cause: { kind: 'promise-kept', conversationId, factId: keep.factId, promiseId },
      });
    } else {
      // Not kept by its due time (a late keep changes nothing): broken at the due time.
      observations.push({
        ...base,
        value: 0,
        at: made.dueAt,
        cause: { kind: 'promise-broken', conversationId, factId: made.factId, promiseId },
      });
    }
  }

  const rating = fold.state.rating;
  if (rating) {
    const cause = { kind: 'rating', conversationId, factId: rating.factId } as const;
    observations.push({
      subject: rating.agentId,
      dimension: 'experience',
      value: experienceValue(rating.end, peakValue(rating.end, rating.peak?.polarity ?? null)),
      weight: 1,
      at: rating.at,
      cause,
    });
    const dimension = rating.peak?.dimension;
    // The visitor's own verdict on what stood out counts as evidence on that dimension.
    // A voice weight of 0 turns it off (observations need a positive weight).
    if (
      (dimension === 'responsiveness' || dimension === 'reliability') &&
      settings.voiceWeight > 0
    ) {
      observations.push({
        subject: rating.agentId,
        dimension,
        value: rating.peak?.polarity === 'positive' ? 1 : 0,
        weight: settings.voiceWeight,
        at: rating.at,
        cause: { ...cause, kind: 'voice' },
      });
    }
  }

  return {
    fold,
    state: structuredClone({ ...fold.state, promises }),
    evidence: {
      observations,
      rating: rating ? { agentId: rating.agentId, end: rating.end, at: rating.at } : null,
    },
  };
}
