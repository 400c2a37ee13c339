/**
 * Group commit, on both databases (record.ts writes the plan): many `recordFacts` calls of one
 * site share one transaction, with the same few statements whatever their number (on PostgreSQL
 * that saves round trips; on SQLite, statements and parses of each row). The reads come
 * first (facts already stored, the conversations' rows), then this plan decides each call in
 * order as if it ran alone after the ones before it (a refused call changes nothing), and the
 * writes go out once: facts, conversations at their final state, observation rows that changed,
 * and the calls' changes in order. Each call is answered only after the commit.
 */
import type { Fact } from '../../shared/facts';
import {
  foldConversation,
  unpackFold,
  type ConversationEvidence,
  type ConversationFold,
  type FoldCore,
  type FoldSettings,
} from '../../shared/scoring/fold';
import type { ConversationState } from '../../shared/conversation';
import { Refusal } from '../errors';
import { scoreDelta, type ChangeDraft } from './changes';
import { agentOf } from './common';
import { checkConversationBounds, foldOn, refuseChangedRepeat } from './derive';
import type { EvidenceChange, RecordOptions, StoredConversation } from './store';

export interface BatchCall {
  facts: readonly Fact[];
  options: RecordOptions;
}

/** A conversation's row as stored before the batch. */
export interface StoredRow {
  id: string;
  state: ConversationState;
  evidence: ConversationEvidence | null;
  fold: FoldCore | null;
  version: number;
}

/** What the plan needs to read; `factsOf` only for conversations that must be folded again. */
export interface BatchReads {
  /** Bodies of the batch's fact ids already stored. */
  stored: ReadonlyMap<string, Fact>;
  rows: ReadonlyMap<string, StoredRow>;
  factsOf(conversationIds: readonly string[]): Promise<Map<string, Fact[]>>;
}

/** One call's outcome: what it would have returned alone, or why it was refused. */
export type CallOutcome =
  | {
      ok: true;
      accepted: Fact[];
      duplicates: number;
      conversations: StoredConversation[];
      evidence: EvidenceChange[];
      /** Its changes, in order, numbered once the batch's counter is taken. */
      drafts: ChangeDraft[];
    }
  | { ok: false; error: unknown };

/** A conversation as the batch leaves it. */
export interface FinalConversation {
  state: StoredConversation;
  fold: ConversationFold;
  evidence: ConversationEvidence;
  /** Its evidence before the batch (what its observation rows hold). */
  before: ConversationEvidence | null;
}

export interface BatchPlan {
  outcomes: CallOutcome[];
  /** Facts to insert, in the order accepted. */
  facts: Fact[];
  /** Agent ids facts name, to adopt (sorted). */
  agents: string[];
  conversations: FinalConversation[];
}

/** Every fact id the calls name, and every conversation id: what to read first. */
export function batchKeys(calls: readonly BatchCall[]) {
  const factIds = new Set<string>();
  const conversationIds = new Set<string>();
  for (const { facts } of calls) {
    for (const fact of facts) {
      factIds.add(fact.id);
      conversationIds.add(fact.conversationId);
    }
  }
  return { factIds: [...factIds], conversationIds: [...conversationIds] };
}

interface Current {
  fold: ConversationFold | null;
  state: ConversationState | null;
  evidence: ConversationEvidence | null;
  version: number;
  /** This conversation's facts accepted earlier in the batch (for folding again). */
  added: Fact[];
}

export async function planBatch(
  calls: readonly BatchCall[],
  reads: BatchReads,
  settings: FoldSettings,
): Promise<BatchPlan> {
  const current = new Map<string, Current>();
  const initial = new Map<string, ConversationEvidence | null>();
  const known = new Map(reads.stored);
  const facts: Fact[] = [];
  const agents = new Set<string>();

  const currentOf = (conversationId: string): Current => {
    let entry = current.get(conversationId);
    if (!entry) {
      const row = reads.rows.get(conversationId);
      entry = row
        ? {
            fold: unpackFold(row.fold, row.state, row.evidence),
            state: row.state,
            evidence: row.evidence,
            version: row.version,
            added: [],
          }
        : { fold: null, state: null, evidence: null, version: 0, added: [] };
      current.set(conversationId, entry);
      initial.set(conversationId, row?.evidence ?? null);
    }
    return entry;
  };

  /** Stored facts of conversations folded again, read once each. */
  const storedFacts = new Map<string, Fact[]>();
  async function storedFactsOf(conversationId: string): Promise<Fact[]> {
    let list = storedFacts.get(conversationId);
    if (!list) {
      list = (await reads.factsOf([conversationId])).get(conversationId) ?? [];
      storedFacts.set(conversationId, list);
    }
    return list;
  }

  const outcomes: CallOutcome[] = [];
  for (const call of calls) {
    try {
      outcomes.push(await planCall(call));
    } catch (error) {
      // A refusal is decided before anything changes: the call alone is refused. Anything else
      // may have left a fold half-done: the whole batch fails.
      if (!(error instanceof Refusal)) throw error;
      outcomes.push({ ok: false, error });
    }
  }

  async function planCall({ facts: sent, options }: BatchCall): Promise<CallOutcome> {
    // Decide everything that can refuse the call before changing anything.
    const unique = new Map<string, Fact>();
    for (const fact of sent) {
      const first = unique.get(fact.id);
      if (!first) unique.set(fact.id, fact);
      else if (options.refuseChangedRepeats) refuseChangedRepeat(fact, first);
    }
    const accepted: Fact[] = [];
    for (const fact of unique.values()) {
      const stored = known.get(fact.id);
      if (!stored) accepted.push(fact);
      else if (options.refuseChangedRepeats) refuseChangedRepeat(fact, stored);
    }
    const byConversation = new Map<string, Fact[]>();
    for (const fact of accepted) {
      const list = byConversation.get(fact.conversationId);
      if (list) list.push(fact);
      else byConversation.set(fact.conversationId, [fact]);
    }
    for (const [conversationId, added] of byConversation) {
      const entry = currentOf(conversationId);
      checkConversationBounds(entry.state ? { fold: entry.fold } : null, added);
    }

    // Accepted: fold each conversation on (or again, from all its facts).
    const conversations: StoredConversation[] = [];
    const evidence: EvidenceChange[] = [];
    const drafts: ChangeDraft[] = [];
    for (const [conversationId, added] of byConversation) {
      const entry = currentOf(conversationId);
      const derived =
        foldOn(entry.state ? { fold: entry.fold } : null, added, settings) ??
        foldConversation(
          [...(await storedFactsOf(conversationId)), ...entry.added, ...added],
          settings,
        );
      entry.added.push(...added);
      if (!derived) continue;
      const before = entry.evidence;
      entry.fold = derived.fold;
      entry.state = derived.state;
      entry.evidence = derived.evidence;
      entry.version += 1;
      conversations.push({ ...derived.state, version: entry.version });
      evidence.push({ conversationId, before, after: derived.evidence });
      drafts.push({
        kind: 'conversation',
        conversationId,
        version: entry.version,
        score: scoreDelta(before, derived.evidence),
      });
    }
    for (const fact of accepted) {
      known.set(fact.id, fact);
      facts.push(fact);
      const agentId = agentOf(fact);
      if (agentId) agents.add(agentId);
    }
    return {
      ok: true,
      accepted,
      duplicates: sent.length - accepted.length,
      conversations,
      evidence,
      drafts,
    };
  }

  const conversations: FinalConversation[] = [];
  for (const [id, entry] of current) {
    if (!entry.state || !entry.fold || !entry.evidence) continue;
    if (entry.version === (reads.rows.get(id)?.version ?? 0)) continue; // untouched
    conversations.push({
      state: { ...entry.state, version: entry.version },
      fold: entry.fold,
      evidence: entry.evidence,
      before: initial.get(id) ?? null,
    });
  }
  return { outcomes, facts, agents: [...agents].sort(), conversations };
}
