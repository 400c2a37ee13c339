/**
 * Chatwoot reopens a resolved conversation on any customer message, a "thanks!" included
 * (message.rb, `reopen_conversation`). Counted as they come, those would mark every thanked
 * agent's resolution broken. So a reopen is held back, and recorded at its own time only once an
 * agent answers after it before the conversation is resolved again (decisions.md).
 *
 * Deliveries come in any order, so both ends check: a reopen that arrives after the agent's
 * answer is recorded at once, and an answer that arrives after the reopen records it. Each side
 * writes before it reads what the other wrote, so two that cross still meet. A resolve delivered
 * after both, though it came between them, cannot take the reopen back (docs/integrations).
 */
import { compareFacts, type Fact } from '../../../shared/facts';
import type { Pipeline } from '../../pipeline/pipeline';
import type { HeldReopen } from '../../storage/integrations';
import type { Site, Store } from '../../storage/store';

/** Whether an agent answered after the reopen, before any resolve. */
function answeredAfter(reopen: HeldReopen, facts: readonly Fact[]): boolean {
  const held: Fact = {
    id: reopen.factId,
    conversationId: '',
    at: reopen.at,
    type: 'conversation.reopened',
  };
  for (const fact of facts) {
    if (compareFacts(fact, held) <= 0) continue;
    if (fact.type === 'conversation.closed') return false;
    if (fact.type === 'message' && fact.from === 'agent') return true;
  }
  return false;
}

/**
 * Holds `reopen` back (if given), then records every held reopen of the conversation that an
 * agent has answered since. Returns how many it recorded.
 */
export async function settleReopens(
  store: Store,
  pipeline: Pipeline,
  site: Site,
  conversationId: string,
  reopen?: HeldReopen,
): Promise<number> {
  if (reopen) await store.holdReopen(site.id, conversationId, reopen);
  const held = await store.heldReopens(site.id, conversationId);
  if (held.length === 0) return 0;
  const facts = await store.listFacts(site.id, conversationId);
  const due = held.filter((h) => answeredAfter(h, facts));
  if (due.length === 0) return 0;
  await pipeline.record(
    site,
    due.map((h) => ({ id: h.factId, conversationId, at: h.at, type: 'conversation.reopened' })),
  );
  await store.releaseReopens(
    site.id,
    conversationId,
    due.map((h) => h.factId),
  );
  return due.length;
}
