/**
 * Observations of one conversation, from its facts alone (scoring.md §Observations).
 *
 * The facts are replayed in conversation order `(at, id)` with duplicates dropped, so any arrival
 * order, batching or repetition gives the same observations. Observations are a function of the
 * whole set of facts, not of "now": a Promise not kept by its due time yields its broken
 * observation at `dueAt` even when that is still in the future; whoever reads scores at τ counts
 * only observations with `at ≤ τ`. A late or amended fact therefore means: re-derive its
 * conversation, take the old observations out and put the new ones in.
 */
import { deriveConversation, inConversationOrder, type ConversationState } from '../conversation';
import type { Fact } from '../facts';
import type { SiteSettings } from '../settings';
import { DAY } from '../time';
import type { CountedRating } from './ratings';
import type { Observation } from './types';

/** The settings that shape observations (the rest only shape scores). */
export type ObservationSettings = Pick<
  SiteSettings,
  'targetReplySeconds' | 'voiceWeight' | 'reopenWindowDays' | 'ratingAmendMinutes'
>;

/** A Wait that has ended, waiting for the next close to be judged. */
interface EndedWait {
  seconds: number;
  subject: string | null;
  /** The agent's reply that ended it, or the close for an unanswered Wait. */
  factId: string;
}

/** What a conversation contributes to scores: its observations and its counting Rating. */
export interface ConversationEvidence {
  observations: Observation[];
  /** The counting version of the visitor's Rating (for CSAT), or null when not rated. */
  rating: CountedRating | null;
}

/** Quality of a Wait: full marks within the promised reply time, then in proportion. */
export function waitQuality(seconds: number, targetReplySeconds: number): number {
  return seconds <= targetReplySeconds ? 1 : targetReplySeconds / seconds;
}

/** Peak value of a Rating: 5 for a positive peak, 1 for a negative one, else the end itself. */
export function peakValue(end: number, polarity: 'positive' | 'negative' | null): number {
  return polarity === 'positive' ? 5 : polarity === 'negative' ? 1 : end;
}

/** Peak-end experience in [0, 1]: the mean of peak and end, from the 1..5 scale. */
export function experienceValue(end: number, peak: number): number {
  return ((peak + end) / 2 - 1) / 4;
}

/** All observations of one conversation. */
export function observeConversation(
  facts: readonly Fact[],
  settings: ObservationSettings,
): Observation[] {
  return conversationEvidence(facts, settings).observations;
}

/** The counting Rating of one conversation (latest version within the amendment window). */
export function countedRating(
  facts: readonly Fact[],
  settings: Pick<SiteSettings, 'ratingAmendMinutes'>,
): CountedRating | null {
  const rating = deriveConversation(facts, settings)?.rating;
  return rating ? { agentId: rating.agentId, end: rating.end, at: rating.at } : null;
}

/**
 * Observations and the counting Rating of one conversation, from one ordering of its facts.
 * `state` is the conversation's `deriveConversation` of the same facts and settings, when the
 * caller has it already (the stores do), so it is not derived twice.
 */
export function conversationEvidence(
  facts: readonly Fact[],
  settings: ObservationSettings,
  state?: ConversationState | null,
): ConversationEvidence {
  const ordered = inConversationOrder(facts);
  const first = ordered[0];
  if (!first) return { observations: [], rating: null };
  const conversationId = first.conversationId;
  const T = settings.targetReplySeconds;
  const observations: Observation[] = [];

  // Conversation state, as deriveConversation keeps it: open from the first fact.
  let open = true;
  let assigned: string | null = null;
  let lastClose: { at: number; agentId: string | null } | null = null;
  // The open Wait (since the visitor's first unanswered message) and the Waits that ended since
  // the previous close: each close judges those by their peak and their end.
  let waitStartedAt: number | null = null;
  let ended: EndedWait[] = [];
  // Promises in order of making; the earliest keep of each promise id, whenever it came.
  const made: Extract<Fact, { type: 'promise.made' }>[] = [];
  const firstKeep = new Map<string, Extract<Fact, { type: 'promise.kept' }>>();

  for (const fact of ordered) {
    switch (fact.type) {
      case 'conversation.opened':
        break;
      case 'conversation.assigned':
        assigned = fact.agentId;
        break;
      case 'message':
        if (!open) break; // a message to a closed conversation changes nothing
        if (fact.from === 'visitor') {
          waitStartedAt ??= fact.at;
        } else if (waitStartedAt !== null) {
          ended.push({
            seconds: (fact.at - waitStartedAt) / 1000,
            subject: fact.agentId ?? null,
            factId: fact.id,
          });
          waitStartedAt = null;
        }
        break;
      case 'promise.made':
        made.push(fact);
        break;
      case 'promise.kept':
        // Facts are in (at, id) order, so the first keep seen is the earliest.
        if (!firstKeep.has(fact.promiseId)) firstKeep.set(fact.promiseId, fact);
        break;
      case 'conversation.closed': {
        if (!open) break; // closing a closed conversation changes nothing
        open = false;
        // An unanswered Wait ends at the close, on whoever holds the conversation then.
        if (waitStartedAt !== null) {
          ended.push({
            seconds: (fact.at - waitStartedAt) / 1000,
            subject: assigned,
            factId: fact.id,
          });
          waitStartedAt = null;
        }
        observations.push(...judgeWaits(ended, fact.at, conversationId, T));
        ended = [];
        lastClose = { at: fact.at, agentId: fact.agentId ?? null };
        break;
      }
      case 'conversation.reopened':
        if (open) break; // reopening an open conversation changes nothing
        open = true;
        // "This isn't solved" soon after a close: the resolution did not hold.
        if (lastClose && fact.at - lastClose.at <= settings.reopenWindowDays * DAY) {
          observations.push({
            subject: lastClose.agentId,
            dimension: 'reliability',
            value: 0,
            weight: 1,
            at: fact.at,
            cause: { kind: 'reopen', conversationId, factId: fact.id },
          });
        }
        break;
      case 'rating':
        break; // the counting version and whom it rates come from deriveConversation below
    }
  }

  for (const promise of made) {
    const keep = firstKeep.get(promise.promiseId);
    // A late keep changes nothing: the Promise was already broken at its due time.
    if (keep && keep.at <= promise.dueAt) {
      observations.push({
        subject: promise.agentId,
        dimension: 'reliability',
        value: 1,
        weight: 1,
        at: keep.at,
        cause: {
          kind: 'promise-kept',
          conversationId,
          factId: keep.id,
          promiseId: promise.promiseId,
        },
      });
    } else {
      observations.push({
        subject: promise.agentId,
        dimension: 'reliability',
        value: 0,
        weight: 1,
        at: promise.dueAt,
        cause: {
          kind: 'promise-broken',
          conversationId,
          factId: promise.id,
          promiseId: promise.promiseId,
        },
      });
    }
  }

  // The Rating rules (amendment window, subject snapshotted at the close) live in one place,
  // deriveConversation, so the console, CSAT and the scores agree on which version counts.
  const derived = state === undefined ? deriveConversation(ordered, settings) : state;
  const rating = derived?.rating ?? null;
  if (rating) {
    const cause = { kind: 'rating', conversationId, factId: rating.factId } as const;
    const p = peakValue(rating.end, rating.peak?.polarity ?? null);
    observations.push({
      subject: rating.agentId,
      dimension: 'experience',
      value: experienceValue(rating.end, p),
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
    observations,
    rating: rating ? { agentId: rating.agentId, end: rating.end, at: rating.at } : null,
  };
}

/**
 * Peak-end judgement of the Waits between two closes: the longest (the earliest of equals) and
 * the last, half the weight each, or one observation of full weight when they are the same Wait.
 */
function judgeWaits(
  waits: readonly EndedWait[],
  closedAt: number,
  conversationId: string,
  T: number,
): Observation[] {
  const [first] = waits;
  const end = waits.at(-1);
  if (!first || !end) return [];
  let peak = first;
  for (const wait of waits) if (wait.seconds > peak.seconds) peak = wait; // earliest of equals
  const observe = (wait: EndedWait, kind: 'peak-wait' | 'end-wait' | 'wait', weight: number) =>
    ({
      subject: wait.subject,
      dimension: 'responsiveness',
      value: waitQuality(wait.seconds, T),
      weight,
      at: closedAt,
      cause: { kind, conversationId, factId: wait.factId, seconds: wait.seconds },
    }) satisfies Observation;
  if (peak === end) return [observe(end, 'wait', 1)];
  return [observe(peak, 'peak-wait', 0.5), observe(end, 'end-wait', 0.5)];
}
