/**
 * Observations of one conversation, from its facts alone (scoring.md §Observations).
 *
 * The facts are replayed in conversation order `(at, id)` with duplicates dropped, so any arrival
 * order, batching or repetition gives the same observations. Observations are a function of the
 * whole set of facts, not of "now": a Promise not kept by its due time yields its broken
 * observation at `dueAt` even when that is still in the future; whoever reads scores at τ counts
 * only observations with `at ≤ τ`. A late or amended fact therefore means: re-derive its
 * conversation, take the old observations out and put the new ones in.
 *
 * The derivation is one fold over the facts (`fold.ts`); these are its views for callers that
 * want only the evidence.
 */
import type { Fact } from '../facts';
import { foldConversation, type ConversationEvidence, type FoldSettings } from './fold';
import type { CountedRating } from './ratings';
import type { Observation } from './types';

export type { ConversationEvidence };

/** The settings that shape observations (the rest only shape scores). */
export type ObservationSettings = FoldSettings;

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
  settings: ObservationSettings,
): CountedRating | null {
  return conversationEvidence(facts, settings).rating;
}

/** Observations and the counting Rating of one conversation. */
export function conversationEvidence(
  facts: readonly Fact[],
  settings: ObservationSettings,
): ConversationEvidence {
  return foldConversation(facts, settings)?.evidence ?? { observations: [], rating: null };
}
