/**
 * The change log: every committed write that live views or live scores must hear of appends a
 * change to its site's log, in the same transaction, numbered by a per-site counter that the
 * write holds until it commits. So a site's changes are numbered in commit order with no gaps,
 * and every node (this one, and others on the same PostgreSQL database) applies them in that
 * order, whichever node made them (the commit is the event).
 *
 * Changes are small: ids, a version, and what the write did to the site's scores (observations
 * taken out and put in), never whole conversations; a consumer reads what else it needs.
 */
import type { ConversationEvidence } from '../../shared/scoring/fold';
import type { CountedRating } from '../../shared/scoring/ratings';
import type { Observation } from '../../shared/scoring/types';
import { sharedObservations } from './derive';

/** What one write did to a site's scores: the same sums move whoever applies it. */
export interface ScoreDelta {
  removed: Observation[];
  added: Observation[];
  /** The conversation's counting rating (for CSAT) now; absent when it did not change. */
  rating?: CountedRating | null;
}

/** Where a change sits in the log: its site, its number, and when it was committed (ms). */
interface Numbered {
  siteId: string;
  seq: number;
  at: number;
}

export type Change =
  /** A conversation's row was written (new facts, or derived again): `version` is its new one. */
  | (Numbered & {
      kind: 'conversation';
      conversationId: string;
      version: number;
      /** Null when its evidence did not change. */
      score: ScoreDelta | null;
    })
  /** The site's own row changed (name, origins, settings, key): caches of it are stale. */
  | (Numbered & { kind: 'site' })
  /**
   * A follow-up item was made, changed or withdrawn. `members` are the agents it concerns,
   * before and after (its answerable agent, its owner), whose consoles list it.
   */
  | (Numbered & { kind: 'followup'; followupId: string; members: string[] });

/** A change before its number is known (the write assigns it with the counter). */
export type ChangeDraft =
  | Omit<Extract<Change, { kind: 'conversation' }>, keyof Numbered>
  | Omit<Extract<Change, { kind: 'site' }>, keyof Numbered>
  | Omit<Extract<Change, { kind: 'followup' }>, keyof Numbered>;

/**
 * The score delta between two derivations of one conversation: only the observations after
 * their shared prefix, as the stores rewrite them (derive.ts, sharedObservations).
 */
export function scoreDelta(
  before: ConversationEvidence | null,
  after: ConversationEvidence,
): ScoreDelta | null {
  const kept = sharedObservations(before?.observations, after.observations);
  const removed = before?.observations.slice(kept) ?? [];
  const added = after.observations.slice(kept);
  const ratingChanged = JSON.stringify(before?.rating ?? null) !== JSON.stringify(after.rating);
  if (removed.length === 0 && added.length === 0 && !ratingChanged) return null;
  return ratingChanged ? { removed, added, rating: after.rating } : { removed, added };
}

/**
 * Numbers drafts committed at `at` from the counter's value before them (`last`): last + 1,
 * last + 2, …
 */
export function numberChanges(
  siteId: string,
  last: number,
  at: number,
  drafts: readonly ChangeDraft[],
): Change[] {
  return drafts.map((draft, i): Change => ({ ...draft, siteId, seq: last + 1 + i, at }) as Change);
}

/** The stored form of a draft (its site, number and time are columns of their own). */
export const changeBody = (draft: ChangeDraft): string => JSON.stringify(draft);

export const changeFromRow = (
  siteId: string,
  seq: number,
  at: number,
  body: string | object,
): Change =>
  ({ ...(typeof body === 'string' ? JSON.parse(body) : body), siteId, seq, at }) as Change;
