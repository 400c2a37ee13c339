/**
 * Data deletion in the store (decisions.md, "Data deletion"): the facts of some conversations
 * are rewritten without what people wrote (shared/redact.ts), and everything kept beside them is
 * brought in line in the same transaction: the conversations' derived state (it holds the last
 * message, the rating's comment, the contact), the follow-up items' details (comment, promise
 * text), the webhooks' outbox, and SQLite's full-text rows (PostgreSQL's GIN index follows the rewritten bodies itself).
 * Observations are derived from times and structure alone, so they and every score stay.
 *
 * It runs with the site held, as a writer does (record.ts): on PostgreSQL its row is locked, so
 * of several nodes sweeping one site at once, each takes turns and finds only what is left.
 */
import { sql, type Kysely } from 'kysely';
import type { Fact } from '../../shared/facts';
import type { FollowupReason } from '../../shared/followups';
import { redactFact } from '../../shared/redact';
import { foldConversation, type ConversationEvidence } from '../../shared/scoring/fold';
import { scoreDelta } from './changes';
import type { Dialect } from './dialect';
import { factsOf, lockSite } from './record';
import { SEARCH_TABLE, searchableText } from './search';
import type { SiteCache } from './sites';
import type { Redaction, Site, StoredConversation } from './store';
import { fromJson, type Tables } from './tables';
import { refreshTrendDays } from './trends';

type Db = Kysely<Tables>;

/** Which conversations to redact: one visitor's, or those quiet since before a time. */
export type RedactionScope = { visitorId: string } | { quietBefore: number; limit: number };

/** Names that hold what people wrote or who they are, wherever they sit in a webhook's body. */
const PERSONAL_KEYS = new Set(['text', 'comment', 'contact', 'attributes', 'visit', 'notes']);

/** A webhook body (or part of one) without those. */
function redactPayload(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactPayload);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => !PERSONAL_KEYS.has(key))
      .map(([key, inner]) => [key, redactPayload(inner)]),
  );
}

/**
 * The outbox keeps each webhook's body (the delivery log, and what a resend sends): the bodies
 * about these conversations lose the same text. Found by the conversation id in the body's text
 * first, then checked on the parsed body.
 */
async function redactDeliveries(
  db: Db,
  siteId: string,
  conversationIds: readonly string[],
): Promise<void> {
  if (conversationIds.length === 0) return;
  const ids = new Set(conversationIds);
  const rows = await db
    .selectFrom('webhookDeliveries')
    .select(['id', 'payload'])
    .where('siteId', '=', siteId)
    .where((eb) =>
      eb.or(
        conversationIds.map((id) =>
          eb('payload', 'like', `%"conversationId":${JSON.stringify(id)}%`),
        ),
      ),
    )
    .execute();
  for (const row of rows) {
    const body = JSON.parse(row.payload) as { data?: { conversationId?: unknown } };
    const conversationId = body.data?.conversationId;
    if (typeof conversationId !== 'string' || !ids.has(conversationId)) continue;
    const payload = JSON.stringify(redactPayload(body));
    if (payload === row.payload) continue;
    await db.updateTable('webhookDeliveries').set({ payload }).where('id', '=', row.id).execute();
  }
}

/** A follow-up item's details without the visitor's words or the promise's text. */
function redactReason(reason: FollowupReason): FollowupReason {
  if (reason.cause === 'rating') return { ...reason, rating: { ...reason.rating, comment: null } };
  if (reason.cause === 'promise') return { ...reason, promise: { ...reason.promise, text: null } };
  return reason;
}

export function redactConversations(
  db: Db,
  dialect: Dialect,
  cache: SiteCache,
  site: Site,
  scope: RedactionScope,
  now: number,
): Promise<Redaction> {
  return db.transaction().execute(async (trx) => {
    const settings = await lockSite(trx, dialect, cache, site);
    const rows = await trx
      .selectFrom('conversations')
      .select(['id', 'evidence'])
      .where('siteId', '=', site.id)
      .$if('visitorId' in scope, (q) =>
        q.where('visitorId', '=', (scope as { visitorId: string }).visitorId),
      )
      .$if('quietBefore' in scope, (q) => {
        const { quietBefore, limit } = scope as { quietBefore: number; limit: number };
        return q
          .where('lastActivityAt', '<', quietBefore)
          .where('redactedAt', 'is', null)
          .orderBy('lastActivityAt')
          .limit(limit);
      })
      .execute();
    const ids = rows.map((row) => row.id);
    if (ids.length === 0) return { conversationIds: [], facts: 0, changes: [] };

    const stored = await factsOf(trx, dialect, site.id, ids);
    // Only conversations that still held something are written again (a conversation derived
    // again since, after a settings change, is looked at once more but holds nothing new).
    const redacted = new Map<string, Fact[]>();
    let changedFacts = 0;
    for (const [conversationId, facts] of stored) {
      const kept = facts.map((fact) => {
        const after = redactFact(fact);
        if (after !== fact) changedFacts++;
        return after;
      });
      if (kept.every((fact, i) => fact === facts[i])) continue;
      redacted.set(conversationId, kept);
      for (const [i, fact] of kept.entries()) {
        if (fact === facts[i]) continue;
        await trx
          .updateTable('facts')
          .set({ body: JSON.stringify(fact) })
          .where('siteId', '=', site.id)
          .where('id', '=', fact.id)
          .execute();
      }
    }

    const changed = [...redacted.keys()];
    if (dialect.kind === 'sqlite' && changed.length > 0) {
      // The search rows are copies of the text: gone with it, then what is left written again.
      await sql`DELETE FROM ${sql.table(SEARCH_TABLE)}
        WHERE site_id = ${site.id} AND conversation_id IN (${sql.join(changed)})`.execute(trx);
      for (const fact of [...redacted.values()].flat()) {
        const text = searchableText(fact);
        if (text === null) continue;
        await sql`INSERT INTO ${sql.table(SEARCH_TABLE)} (text, site_id, conversation_id, at)
          VALUES (${text}, ${site.id}, ${fact.conversationId}, ${fact.at})`.execute(trx);
      }
    }

    // The derived rows hold the same words: derived again from the redacted facts.
    const before = new Map(
      rows.map((row) => [row.id, fromJson<ConversationEvidence | null>(row.evidence)]),
    );
    const derived = changed.flatMap(
      (id) => foldConversation(redacted.get(id) ?? [], settings) ?? [],
    );
    const withBefore = derived.map((d) => ({ ...d, before: before.get(d.state.id) ?? null }));
    const write = dialect.writer(trx);
    const versions = await write.conversations(site.id, withBefore);
    await refreshTrendDays(trx, site.id, settings, withBefore);

    const items = await trx
      .selectFrom('followups')
      .select(['id', 'details'])
      .where('siteId', '=', site.id)
      .where((eb) => dialect.isIn(eb.ref('conversationId'), changed))
      .execute();
    for (const item of items) {
      const details = JSON.stringify(redactReason(fromJson<FollowupReason>(item.details)));
      await trx
        .updateTable('followups')
        .set({ details })
        .where('siteId', '=', site.id)
        .where('id', '=', item.id)
        .execute();
    }

    await redactDeliveries(trx, site.id, changed);

    await trx
      .updateTable('conversations')
      .set({ redactedAt: now })
      .where('siteId', '=', site.id)
      .where((eb) => dialect.isIn(eb.ref('id'), ids))
      .execute();

    // Consoles hear of each conversation's new version (its text is gone from their views).
    const changes = await write.changes(
      site.id,
      withBefore.map(({ state, before, evidence }) => ({
        kind: 'conversation' as const,
        conversationId: state.id,
        version: versions.get(state.id) ?? 0,
        score: scoreDelta(before, evidence),
      })),
    );
    return { conversationIds: ids, facts: changedFacts, changes };
  });
}

/** A visitor's conversations, oldest first. */
export async function visitorConversations(
  db: Db,
  siteId: string,
  visitorId: string,
): Promise<StoredConversation[]> {
  const rows = await db
    .selectFrom('conversations')
    .select(['state', 'version'])
    .where('siteId', '=', siteId)
    .where('visitorId', '=', visitorId)
    .orderBy('lastActivityAt')
    .orderBy('id')
    .execute();
  return rows.map((row) => ({ ...fromJson<StoredConversation>(row.state), version: row.version }));
}
