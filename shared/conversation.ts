/**
 * A conversation's state, derived from its facts alone (pure, no I/O).
 *
 * Facts are applied in their conversation order `(at, id)`, whatever order they arrived in, and
 * a fact id seen twice counts once. Re-deriving one conversation from all its facts is how a late,
 * duplicated or amended fact gets exactly the state in-order delivery would have given.
 */
import { compareFacts, type Fact, type Peak } from './facts';
import { MINUTE } from './time';
import type { SiteSettings } from './settings';

/** A promise an agent made to the visitor ("I'll get back to you by 15:30"). */
export interface Commitment {
  promiseId: string;
  agentId: string;
  madeAt: number;
  dueAt: number;
  /** The earliest keep, whenever it happened; kept in time only if at or before `dueAt`. */
  keptAt: number | null;
  text: string | null;
}

export type CommitmentStatus = 'pending' | 'kept' | 'broken';

/** Kept by its due time, broken once due without that, pending until then. */
export function commitmentStatus(c: Commitment, now: number): CommitmentStatus {
  if (c.keptAt !== null && c.keptAt <= c.dueAt) return 'kept';
  return now >= c.dueAt ? 'broken' : 'pending';
}

/** The version of the visitor's rating that counts, and whom it rates. */
export interface RatingState {
  factId: string;
  end: number;
  peak: Peak | null;
  comment: string | null;
  /** Time of the counting version. */
  at: number;
  /** Time of the first rating: amendments are accepted until `firstAt + ratingAmendMinutes`. */
  firstAt: number;
  /** Snapshotted by the server, never chosen by the visitor; null is the unassigned bucket. */
  agentId: string | null;
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
  messageCount: number;
  lastMessage: { from: 'visitor' | 'agent'; text: string | null; at: number } | null;
  promises: Commitment[];
  rating: RatingState | null;
}

/** Sorts and de-duplicates facts into conversation order. */
export function inConversationOrder(facts: readonly Fact[]): Fact[] {
  const seen = new Set<string>();
  const unique: Fact[] = [];
  for (const fact of facts) {
    if (seen.has(fact.id)) continue;
    seen.add(fact.id);
    unique.push(fact);
  }
  return unique.sort(compareFacts);
}

/** The state of one conversation from all of its facts (in any order). Null for no facts. */
export function deriveConversation(
  facts: readonly Fact[],
  settings: Pick<SiteSettings, 'ratingAmendMinutes'>,
): ConversationState | null {
  const ordered = inConversationOrder(facts);
  const first = ordered[0];
  if (!first) return null;

  const state: ConversationState = {
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
    promises: [],
    rating: null,
  };
  const keeps = new Map<string, number>();
  // Whom a rating given now would rate: fixed at each close, before any close the assignee.
  let subjectAtClose: string | null | undefined;

  for (const fact of ordered) {
    state.lastActivityAt = fact.at;
    switch (fact.type) {
      case 'conversation.opened':
        state.visitorId ??= fact.visitorId ?? null;
        break;
      case 'conversation.assigned':
        state.assignedAgentId = fact.agentId;
        break;
      case 'message':
        if (state.status === 'closed') break; // messages to a closed conversation change nothing
        state.messageCount += 1;
        state.lastMessage = { from: fact.from, text: fact.text ?? null, at: fact.at };
        break;
      case 'promise.made':
        state.promises.push({
          promiseId: fact.promiseId,
          agentId: fact.agentId,
          madeAt: fact.at,
          dueAt: fact.dueAt,
          keptAt: null,
          text: fact.text ?? null,
        });
        break;
      case 'promise.kept': {
        const earlier = keeps.get(fact.promiseId);
        if (earlier === undefined || fact.at < earlier) keeps.set(fact.promiseId, fact.at);
        break;
      }
      case 'conversation.closed':
        if (state.status === 'closed') break;
        state.status = 'closed';
        state.closedAt = fact.at;
        state.closedByAgentId = fact.agentId ?? null;
        subjectAtClose = fact.agentId ?? state.assignedAgentId;
        break;
      case 'conversation.reopened':
        if (state.status === 'open') break;
        state.status = 'open';
        break;
      case 'rating': {
        const rating = state.rating;
        if (rating && fact.at > rating.firstAt + settings.ratingAmendMinutes * MINUTE) break;
        state.rating = {
          factId: fact.id,
          end: fact.end,
          peak: fact.peak ?? null,
          comment: fact.comment ?? null,
          at: fact.at,
          firstAt: rating?.firstAt ?? fact.at,
          agentId: subjectAtClose !== undefined ? subjectAtClose : state.assignedAgentId,
        };
        break;
      }
    }
  }

  // Keeps may come before their promise in time or arrival; match them once all are known.
  for (const promise of state.promises) promise.keptAt = keeps.get(promise.promiseId) ?? null;
  return state;
}
