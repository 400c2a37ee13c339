/**
 * Writing facts, decided the same way on both databases: a site's batch of `recordFacts` calls
 * (planned by batch.ts), and conversations derived again from all their facts, become the same
 * rows, which each database's Writer stores its own way. All of it runs in the caller's
 * transaction, which holds the site from its first statement until it commits: its row locked
 * where other nodes write, the whole database on SQLite, which has one writer.
 */
import {
  sql,
  type Expression,
  type ExpressionBuilder,
  type Kysely,
  type OnConflictUpdateDatabase,
  type OnConflictTables,
  type RawBuilder,
  type SqlBool,
} from 'kysely';
import type { Fact } from '../../shared/facts';
import {
  FOLD_VERSION,
  foldConversation,
  packFold,
  type ConversationEvidence,
} from '../../shared/scoring/fold';
import type { SiteSettings } from '../../shared/settings';
import { nameAgentsFromFacts } from './agent-names';
import { batchKeys, planBatch, type BatchCall } from './batch';
import { scoreDelta } from './changes';
import { REDERIVE_CHUNK, sharedObservations } from './derive';
import type { ColumnKind, Derived, Dialect } from './dialect';
import { syncFollowups } from './followups';
import { readSite, type SiteCache } from './sites';
import type { RecordResult, RederivedChunk, Site } from './store';
import { fromJson, type Tables } from './tables';
import { refreshTrendDays } from './trends';
import { conversationWebhooks } from './webhook-events';
import { queueWebhooks } from './webhooks';

type Db = Kysely<Tables>;

/** A `recordFacts` call waiting for its batch, and how to answer it. */
export interface QueuedCall extends BatchCall {
  site: Site;
  resolve(result: RecordResult): void;
  reject(error: unknown): void;
}

/** A call's answer, given only once its batch has committed. */
export interface Answer {
  stored: number;
  give(): void;
}

/**
 * The site's settings as they are now. Where other nodes write, its row is locked: writers of
 * the site take turns from here until they commit, so their changes are numbered in commit
 * order and none derives a conversation with settings that changed meanwhile. Where this store
 * writes alone, the site it keeps in memory is current.
 */
export async function lockSite(
  db: Db,
  dialect: Dialect,
  cache: SiteCache,
  site: Site,
): Promise<SiteSettings> {
  const now = dialect.manyWriters
    ? await readSite(db, site.id, true)
    : await cache.site(site.id, () => readSite(db, site.id));
  return now?.settings ?? site.settings;
}

/** Every stored fact of these conversations, by conversation. */
export async function factsOf(
  db: Db,
  dialect: Dialect,
  siteId: string,
  conversationIds: readonly string[],
): Promise<Map<string, Fact[]>> {
  const rows = await db
    .selectFrom('facts')
    .select(['conversationId', 'body'])
    .where('siteId', '=', siteId)
    .where((eb) => dialect.isIn(eb.ref('conversationId'), conversationIds))
    .execute();
  return byConversation(rows);
}

/** Facts by conversation, in the order the rows came. */
export function byConversation(rows: readonly { conversationId: string; body: unknown }[]) {
  const groups = new Map<string, Fact[]>();
  for (const row of rows) {
    const list = groups.get(row.conversationId);
    if (list) list.push(fromJson(row.body));
    else groups.set(row.conversationId, [fromJson(row.body)]);
  }
  return groups;
}

/** Writes one site's batch of calls; what each call gets, once the transaction commits. */
export async function writeBatch(
  db: Db,
  dialect: Dialect,
  cache: SiteCache,
  site: Site,
  calls: readonly QueuedCall[],
): Promise<Answer[]> {
  const receivedAt = Date.now();
  const settings = await lockSite(db, dialect, cache, site);
  const { factIds, conversationIds } = batchKeys(calls);
  const [stored, rows] = await Promise.all([
    db
      .selectFrom('facts')
      .select(['id', 'body'])
      .where('siteId', '=', site.id)
      .where((eb) => dialect.isIn(eb.ref('id'), factIds))
      .execute(),
    db
      .selectFrom('conversations')
      .select(['id', 'state', 'evidence', 'fold', 'version'])
      .where('siteId', '=', site.id)
      .where((eb) => dialect.isIn(eb.ref('id'), conversationIds))
      .execute(),
  ]);
  const plan = await planBatch(
    calls,
    {
      stored: new Map(stored.map((row) => [row.id, fromJson<Fact>(row.body)])),
      rows: new Map(
        rows.map((row) => [
          row.id,
          {
            id: row.id,
            state: fromJson(row.state),
            evidence: fromJson(row.evidence),
            fold: fromJson(row.fold),
            version: row.version,
          },
        ]),
      ),
      factsOf: (ids) => factsOf(db, dialect, site.id, ids),
    },
    settings,
  );

  const write = dialect.writer(db);
  await write.facts(site.id, plan.facts, receivedAt);
  if (plan.agents.length > 0) {
    // An agent known only from facts: named by its id until someone (or a fact) names it.
    await write.agents(site.id, plan.agents, receivedAt);
    await nameAgentsFromFacts(db, site.id, plan.facts);
    cache.forget(site.id);
  }
  await write.conversations(site.id, plan.conversations);
  // What webhooks hear of the new facts, queued in this transaction (webhook-events.ts).
  await queueWebhooks(
    db,
    site.id,
    conversationWebhooks(
      plan.facts,
      plan.conversations.map(({ state }) => state),
      receivedAt,
    ),
    receivedAt,
  );
  // Trends' daily figures, from the observation rows just written.
  await refreshTrendDays(db, site.id, settings, plan.conversations);
  // The follow-up items of the conversations as now derived, in the same transaction; their
  // changes go with the batch's last call, which hands them to the feed with its own.
  const followups = await syncFollowups(db, dialect, site.id, plan.conversations, receivedAt);
  const last = plan.outcomes.findLastIndex((outcome) => outcome.ok);
  const own = plan.outcomes.map((outcome, i) =>
    outcome.ok ? [...outcome.drafts, ...(i === last ? followups : [])] : [],
  );
  const numbered = await write.changes(site.id, own.flat());
  let next = 0;
  return plan.outcomes.map((outcome, i) => {
    const call = calls[i] as QueuedCall;
    if (!outcome.ok) return { stored: 0, give: () => call.reject(outcome.error) };
    const { accepted, duplicates, conversations, evidence } = outcome;
    const changes = numbered.slice(next, (next += own[i]?.length ?? 0));
    const result = { accepted, duplicates, conversations, evidence, changes };
    return { stored: accepted.length, give: () => call.resolve(result) };
  });
}

/**
 * Derives a chunk of the site's conversations again from all their facts (after `after`, in id
 * order; `stale`: only those derived by older rules), in one transaction of its own.
 */
export function rederive(
  db: Db,
  dialect: Dialect,
  cache: SiteCache,
  site: Site,
  after: string,
  stale: boolean,
): Promise<RederivedChunk> {
  return db.transaction().execute(async (trx) => {
    // Alone on the site: writers in flight commit first, new ones wait, so every fact is seen
    // and no writer saves a row derived before the new settings applied.
    const settings = await lockSite(trx, dialect, cache, site);
    const rows = await trx
      .selectFrom('conversations')
      .select(['id', 'evidence'])
      .where('siteId', '=', site.id)
      .where('id', '>', after)
      .$if(stale, (q) => q.where((eb) => staleFold(dialect, eb.ref('fold'))))
      .orderBy('id')
      .limit(REDERIVE_CHUNK)
      .execute();
    const facts = await factsOf(
      trx,
      dialect,
      site.id,
      rows.map((row) => row.id),
    );
    const derived = rows.flatMap(
      (row) => foldConversation(facts.get(row.id) ?? [], settings) ?? [],
    );
    // Derived by other rules: every observation row is written again.
    const write = dialect.writer(trx);
    const versions = await write.conversations(
      site.id,
      derived.map((d) => ({ ...d, before: null })),
    );
    const before = new Map(
      rows.map((row) => [row.id, fromJson<ConversationEvidence | null>(row.evidence)]),
    );
    await refreshTrendDays(
      trx,
      site.id,
      settings,
      derived.map((d) => ({ ...d, before: before.get(d.state.id) ?? null })),
    );
    const evidence = derived.map(({ state, evidence }) => ({
      conversationId: state.id,
      before: before.get(state.id) ?? null,
      after: evidence,
    }));
    const followups = await syncFollowups(
      trx,
      dialect,
      site.id,
      derived.map((d) => ({ ...d, before: before.get(d.state.id) ?? null })),
      Date.now(),
    );
    const changes = await write.changes(site.id, [
      ...evidence.map(({ conversationId, before, after }) => ({
        kind: 'conversation' as const,
        conversationId,
        version: versions.get(conversationId) ?? 0,
        score: scoreDelta(before, after),
      })),
      ...followups,
    ]);
    return { evidence, changes, next: rows.at(-1)?.id ?? null };
  });
}

/** Whether a conversation's fold (a JSON column) was made by rules older than this version's. */
export const staleFold = (dialect: Dialect, fold: Expression<unknown>): RawBuilder<SqlBool> =>
  sql`(${fold} IS NULL OR CAST(${dialect.jsonText(fold, 'version')} AS INTEGER) < ${FOLD_VERSION})`;

/** The rows the writers write, and what each column holds (PostgreSQL types its arrays so). */
export const ROWS = {
  facts: {
    siteId: 'text',
    id: 'text',
    conversationId: 'text',
    at: 'ms',
    body: 'json',
    receivedAt: 'ms',
  },
  conversations: {
    siteId: 'text',
    id: 'text',
    status: 'text',
    visitorId: 'text',
    lastActivityAt: 'ms',
    ratingAgentId: 'text',
    ratingEnd: 'int',
    ratingAt: 'ms',
    segment: 'text',
    firstReplyAt: 'ms',
    firstReplyWaitMs: 'ms',
    firstReplyAgentId: 'text',
    state: 'json',
    evidence: 'json',
    fold: 'json',
    version: 'int',
  },
  observations: {
    siteId: 'text',
    conversationId: 'text',
    seq: 'int',
    subject: 'text',
    dimension: 'text',
    value: 'real',
    weight: 'real',
    at: 'ms',
    cause: 'json',
  },
} as const satisfies Record<string, Record<string, ColumnKind>>;

/** A fact's row. */
export const factRow = (siteId: string, fact: Fact, receivedAt: number) => ({
  siteId,
  id: fact.id,
  conversationId: fact.conversationId,
  at: fact.at,
  body: JSON.stringify(fact),
  receivedAt,
});

/** A derived conversation's row. */
export const conversationRow = (
  siteId: string,
  { state: { version, ...state }, evidence, fold }: Derived,
) => ({
  siteId,
  id: state.id,
  status: state.status,
  visitorId: state.visitorId,
  lastActivityAt: state.lastActivityAt,
  ratingAgentId: state.rating?.agentId ?? null,
  ratingEnd: state.rating?.end ?? null,
  ratingAt: state.rating?.at ?? null,
  segment: state.segment ?? null,
  firstReplyAt: fold.firstReply?.at ?? null,
  firstReplyWaitMs: fold.firstReply?.waitMs ?? null,
  firstReplyAgentId: fold.firstReply?.agentId ?? null,
  state: JSON.stringify(state),
  evidence: JSON.stringify(evidence),
  fold: JSON.stringify(packFold(fold)),
  version: version ?? 1,
});

type Excluded = ExpressionBuilder<
  OnConflictUpdateDatabase<Tables, 'conversations'>,
  OnConflictTables<'conversations'>
>;

/**
 * What a stored conversation row takes from its new derivation: everything, and the version
 * the batch decided, or else one more than the row's.
 */
export const rederived = (decided: boolean) => (eb: Excluded) => ({
  version: decided ? eb.ref('excluded.version') : sql<number>`conversations.version + 1`,
  status: eb.ref('excluded.status'),
  visitorId: eb.ref('excluded.visitorId'),
  lastActivityAt: eb.ref('excluded.lastActivityAt'),
  ratingAgentId: eb.ref('excluded.ratingAgentId'),
  ratingEnd: eb.ref('excluded.ratingEnd'),
  ratingAt: eb.ref('excluded.ratingAt'),
  segment: eb.ref('excluded.segment'),
  firstReplyAt: eb.ref('excluded.firstReplyAt'),
  firstReplyWaitMs: eb.ref('excluded.firstReplyWaitMs'),
  firstReplyAgentId: eb.ref('excluded.firstReplyAgentId'),
  state: eb.ref('excluded.state'),
  evidence: eb.ref('excluded.evidence'),
  fold: eb.ref('excluded.fold'),
  // Written again (a late fact may bring text): the retention sweep looks at it again.
  redactedAt: sql<null>`NULL`,
});

/**
 * The observation rows to write again: for each conversation, its rows from `kept` on (after
 * those it shares with `before`: a fact folded on in order mostly adds observations at the end,
 * so most rows stay), and the new rows that replace them.
 */
export function observationRows(siteId: string, derived: readonly Derived[]) {
  const kept = derived.map(({ state, before, evidence }) => ({
    conversationId: state.id,
    kept: sharedObservations(before?.observations, evidence.observations),
  }));
  const rows = derived.flatMap(({ state, evidence }, i) => {
    const from = kept[i]?.kept ?? 0;
    return evidence.observations.slice(from).map((o, j) => ({
      siteId,
      conversationId: state.id,
      seq: from + j,
      ...o,
      cause: JSON.stringify(o.cause),
    }));
  });
  return { kept, rows };
}
