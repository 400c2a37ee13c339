/**
 * How a store turns a conversation's new facts into its new state and evidence, the same way for
 * SQLite and PostgreSQL.
 *
 * Each conversation row keeps its fold (shared/scoring/fold.ts). New facts that sort after
 * everything folded so far are folded on in O(1) each; any other arrival (a late fact, a row
 * from before the fold was kept) folds the conversation again from all its facts, which the
 * limits below keep bounded. The limits are checked on the stored counts before anything is
 * folded, so a conversation at its limit costs no more to refuse than any other request.
 */
import { redactFact } from '../../shared/redact';
import {
  FOLD_VERSION,
  finishFold,
  foldConversation,
  foldFact,
  foldsOnto,
  promiseTrack,
  type ConversationFold,
  type FoldedConversation,
  type FoldSettings,
} from '../../shared/scoring/fold';
import { compareFacts, type Fact } from '../../shared/facts';
import { LIMITS } from '../../shared/limits';
import type { SubjectSums } from '../../shared/scoring/sums';
import type { Observation } from '../../shared/scoring/types';
import { Refusal } from '../errors';

/** What a store has of a conversation before a write: nothing (a new one), or its row. */
export type StoredFold = { fold: ConversationFold | null } | null;

/**
 * Refuses what would take a conversation past its bounds (scoring.md, bounded conversations), or
 * reuse a promise id; `facts` are the new facts of this one conversation, already de-duplicated.
 */
export function checkConversationBounds(stored: StoredFold, facts: readonly Fact[]): void {
  const known = stored?.fold;
  // A row from before folds were kept has no counts: its facts are counted when it is folded.
  const messages = (known?.messages ?? 0) + facts.filter((f) => f.type === 'message').length;
  const all = (known?.facts ?? 0) + facts.length;
  const conversationId = facts[0]?.conversationId ?? '';
  if (messages > LIMITS.messagesPerConversation && facts.some((f) => f.type === 'message')) {
    throw new Refusal(
      'conversation_full',
      `Conversation ${conversationId} holds at most ${LIMITS.messagesPerConversation} messages; ` +
        'start a new conversation.',
    );
  }
  if (all > LIMITS.factsPerConversation) {
    throw new Refusal(
      'conversation_full',
      `Conversation ${conversationId} holds at most ${LIMITS.factsPerConversation} events in all.`,
    );
  }
  const made = new Set<string>();
  for (const fact of facts) {
    if (fact.type !== 'promise.made') continue;
    if (made.has(fact.promiseId) || (known && promiseTrack(known, fact.promiseId)?.made)) {
      throw new Refusal(
        'invalid',
        `Promise ${fact.promiseId} was already made in conversation ${conversationId}: ` +
          'a promise id is used once per conversation.',
      );
    }
    made.add(fact.promiseId);
  }
}

/**
 * The conversation after its new facts, folded on when they all come after what is folded;
 * null when it must be folded again from all its facts (`foldConversation`).
 */
export function foldOn(
  stored: StoredFold,
  facts: readonly Fact[],
  settings: FoldSettings,
): FoldedConversation | null {
  if (stored === null) return foldConversation(facts, settings); // these are all its facts
  const fold = stored.fold;
  if (!fold || fold.version !== FOLD_VERSION) return null;
  const ordered = [...facts].sort(compareFacts);
  if (!ordered.every((fact) => foldsOnto(fold, fact))) return null;
  for (const fact of ordered) foldFact(fold, fact, settings);
  return finishFold(fold, settings);
}

/**
 * JSON with sorted keys: two parsings of one value compare equal whatever their key order (a
 * store may hand back objects with their keys in another order).
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}

/**
 * A fact id is unique per site: a repeat with the same body is a duplicate, with another body a
 * mistake the sender must hear of (scoring.md, precision and identity).
 */
export function refuseChangedRepeat(sent: Fact, stored: Fact): void {
  if (canonicalJson(sent) === canonicalJson(stored)) return;
  // The stored one was redacted (data deletion): the same event sent again, still a duplicate.
  if (canonicalJson(redactFact(sent)) === canonicalJson(stored)) return;
  throw new Refusal(
    'conflict',
    `Event ${sent.id} was stored before with a different body: an event id names one event. ` +
      'Send a new id for a new event.',
  );
}

/** Conversations to fold again per transaction when a whole site is derived again. */
export const REDERIVE_CHUNK = 200;

/** One (subject, dimension) group of observation rows, summed relative to its latest time. */
export interface SumsRow {
  subject: string | null;
  dimension: SubjectSums['dimension'];
  n: number;
  /** Σ w·v·2^((t − latest)/H) and Σ λ·w·(1 − v)·2^((t − latest)/H) */
  s: number;
  f: number;
  latest: number;
}

/**
 * Decayed sums at τ from a group's sums taken relative to its own latest observation, so the
 * share S/(S + F) stays exact even when old evidence decays below the smallest double.
 */
export function sumsAtFrom(
  rows: readonly SumsRow[],
  at: number,
  halfLifeMs: number,
): SubjectSums[] {
  return rows.map(({ subject, dimension, n, s, f, latest }) => {
    const d = 2 ** (-(at - latest) / halfLifeMs);
    return { subject, dimension, n, S: s * d, F: f * d, share: s + f > 0 ? s / (s + f) : null };
  });
}

/**
 * How many leading observations two derivations of one conversation share: a fact folded on in
 * order mostly adds observations at the end, so only the rest of the stored rows are rewritten.
 */
export function sharedObservations(
  before: readonly Observation[] | undefined,
  after: readonly Observation[],
): number {
  if (!before) return 0;
  let i = 0;
  while (
    i < before.length &&
    i < after.length &&
    JSON.stringify(before[i]) === JSON.stringify(after[i])
  ) {
    i += 1;
  }
  return i;
}
