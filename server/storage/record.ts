/**
 * Writing facts, the same on both databases: a site's batch of `recordFacts` calls (planned by
 * batch.ts, then written with the same few set-based statements whatever their number), and
 * conversations derived again from all their facts. All of it runs in the caller's transaction,
 * which holds the site from its first statement until it commits: its row locked where other
 * nodes write, the whole database on SQLite, which has one writer.
 */
import { sql, type Expression, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { Fact } from '../../shared/facts';
import {
  FOLD_VERSION,
  foldConversation,
  packFold,
  type ConversationEvidence,
  type FoldedConversation,
} from '../../shared/scoring/fold';
import { ZSiteSettings, type SiteSettings } from '../../shared/settings';
import { batchKeys, planBatch, type BatchCall } from './batch';
import { scoreDelta } from './changes';
import { REDERIVE_CHUNK, sharedObservations } from './derive';
import type { Dialect, RowKind } from './dialect';
import type { SiteCache } from './sites';
import type { RecordResult, RederivedChunk, Site } from './store';
import { fromJson, type Tables } from './tables';

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
 * The site's settings as they are now, its row locked where other nodes write: writers of the
 * site take turns from here until they commit, so their changes are numbered in commit order and
 * none derives a conversation with settings that changed meanwhile.
 */
async function lockSite(db: Db, dialect: Dialect, site: Site): Promise<SiteSettings> {
  const row = await db
    .selectFrom('sites')
    .select('settings')
    .where('id', '=', site.id)
    .$if(dialect.manyWriters, (q) => q.forNoKeyUpdate())
    .executeTakeFirst();
  return row ? ZSiteSettings.parse(fromJson(row.settings)) : site.settings;
}

/** Every stored fact of these conversations, by conversation. */
async function factsOf(
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
  const settings = await lockSite(db, dialect, site);
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

  if (plan.facts.length > 0) {
    const facts = plan.facts.map((f) => ({
      id: f.id,
      conversationId: f.conversationId,
      at: f.at,
      body: JSON.stringify(f),
    }));
    const columns = { id: 'text', conversationId: 'text', at: 'ms', body: 'json' } as const;
    await insertRows(db, dialect, 'facts', columns, facts, {
      siteId: site.id,
      receivedAt,
    }).execute();
  }
  if (plan.agents.length > 0) {
    // An agent known only from facts: named by its id until someone names it.
    const agents = plan.agents.map((id) => ({ id, name: id }));
    const shared = { siteId: site.id, role: 'agent', accountId: null, createdAt: receivedAt };
    await insertRows(db, dialect, 'agents', { id: 'text', name: 'text' }, agents, shared)
      .onConflict((oc) => oc.doNothing())
      .execute();
    cache.forget(site.id);
  }
  await saveDerived(db, dialect, site.id, plan.conversations);
  const drafts = plan.outcomes.flatMap((outcome) => (outcome.ok ? outcome.drafts : []));
  const numbered = await dialect.appendChanges(db, site.id, drafts);
  let next = 0;
  return plan.outcomes.map((outcome, i) => {
    const call = calls[i] as QueuedCall;
    if (!outcome.ok) return { stored: 0, give: () => call.reject(outcome.error) };
    const { accepted, duplicates, conversations, evidence, drafts } = outcome;
    const changes = numbered.slice(next, (next += drafts.length));
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
  site: Site,
  after: string,
  stale: boolean,
): Promise<RederivedChunk> {
  return db.transaction().execute(async (trx) => {
    // Alone on the site: writers in flight commit first, new ones wait, so every fact is seen
    // and no writer saves a row derived before the new settings applied.
    const settings = await lockSite(trx, dialect, site);
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
    const versions = await saveDerived(
      trx,
      dialect,
      site.id,
      derived.map((d) => ({ ...d, before: null })),
    );
    const before = new Map(
      rows.map((row) => [row.id, fromJson<ConversationEvidence | null>(row.evidence)]),
    );
    const evidence = derived.map(({ state, evidence }) => ({
      conversationId: state.id,
      before: before.get(state.id) ?? null,
      after: evidence,
    }));
    const changes = await dialect.appendChanges(
      trx,
      site.id,
      evidence.map(({ conversationId, before, after }) => ({
        kind: 'conversation',
        conversationId,
        version: versions.get(conversationId) ?? 0,
        score: scoreDelta(before, after),
      })),
    );
    return { evidence, changes, next: rows.at(-1)?.id ?? null };
  });
}

/** Whether a conversation's fold (a JSON column) was made by rules older than this version's. */
export const staleFold = (dialect: Dialect, fold: Expression<unknown>): RawBuilder<SqlBool> =>
  sql`(${fold} IS NULL OR CAST(${dialect.jsonText(fold, 'version')} AS INTEGER) < ${FOLD_VERSION})`;

/**
 * A conversation to save: derived anew, with the evidence its observation rows hold now, and
 * the version its state carries when the batch decided it (else one more than its row's).
 */
interface Derived extends FoldedConversation {
  state: FoldedConversation['state'] & { version?: number };
  before: ConversationEvidence | null;
}

/**
 * Saves the fold, state, evidence and observation rows of each derived conversation, and
 * returns each one's new version by id.
 */
async function saveDerived(
  db: Db,
  dialect: Dialect,
  siteId: string,
  derived: readonly Derived[],
): Promise<Map<string, number>> {
  if (derived.length === 0) return new Map();
  const decided = derived.every(({ state }) => state.version !== undefined);
  const rows = derived.map(({ state: { version, ...state }, evidence, fold }) => ({
    id: state.id,
    status: state.status,
    visitorId: state.visitorId,
    lastActivityAt: state.lastActivityAt,
    ratingAgentId: state.rating?.agentId ?? null,
    ratingEnd: state.rating?.end ?? null,
    ratingAt: state.rating?.at ?? null,
    state: JSON.stringify(state),
    evidence: JSON.stringify(evidence),
    fold: JSON.stringify(packFold(fold)),
    version: version ?? 1,
  }));
  const columns = {
    id: 'text',
    status: 'text',
    visitorId: 'text',
    lastActivityAt: 'ms',
    ratingAgentId: 'text',
    ratingEnd: 'int',
    ratingAt: 'ms',
    state: 'json',
    evidence: 'json',
    fold: 'json',
    version: 'int',
  } as const;
  const saved = await insertRows(db, dialect, 'conversations', columns, rows, { siteId })
    .onConflict((oc) =>
      oc.columns(['siteId', 'id']).doUpdateSet((eb) => ({
        version: decided ? eb.ref('excluded.version') : sql<number>`conversations.version + 1`,
        status: eb.ref('excluded.status'),
        visitorId: eb.ref('excluded.visitorId'),
        lastActivityAt: eb.ref('excluded.lastActivityAt'),
        ratingAgentId: eb.ref('excluded.ratingAgentId'),
        ratingEnd: eb.ref('excluded.ratingEnd'),
        ratingAt: eb.ref('excluded.ratingAt'),
        state: eb.ref('excluded.state'),
        evidence: eb.ref('excluded.evidence'),
        fold: eb.ref('excluded.fold'),
      })),
    )
    .returning(['id', 'version'])
    .execute();
  await saveObservations(db, dialect, siteId, derived);
  return new Map(saved.map((row) => [row.id, row.version]));
}

/**
 * Rewrites each conversation's observation rows after those it shares with `before` (a fact
 * folded on in order mostly adds observations at the end, so most rows stay).
 */
async function saveObservations(
  db: Db,
  dialect: Dialect,
  siteId: string,
  derived: readonly Derived[],
): Promise<void> {
  const kept = derived.map(({ before, evidence }) =>
    sharedObservations(before?.observations, evidence.observations),
  );
  const from = dialect.rows(
    'd',
    { id: 'text', kept: 'int' },
    derived.map(({ state }, i) => ({ id: state.id, kept: kept[i] ?? 0 })),
  );
  // The rows from `kept` on, found from the conversations' side (the join order forced on
  // SQLite by CROSS JOIN), then deleted by key among those conversations' rows only: both
  // databases then touch the batch's rows alone, however large the site.
  await db
    .deleteFrom('observations')
    .where('siteId', '=', siteId)
    .where((eb) =>
      dialect.isIn(
        eb.ref('conversationId'),
        derived.map(({ state }) => state.id),
      ),
    )
    .where((eb) =>
      eb(
        eb.refTuple('conversationId', 'seq'),
        'in',
        eb
          .selectFrom(from)
          .crossJoin('observations as o')
          .where('o.siteId', '=', siteId)
          .whereRef('o.conversationId', '=', 'd.id')
          .whereRef('o.seq', '>=', 'd.kept')
          .select(['d.id', 'o.seq'])
          .$asTuple('id', 'seq'),
      ),
    )
    .execute();
  const rows = derived.flatMap(({ state, evidence }, i) =>
    evidence.observations.slice(kept[i]).map((o, j) => ({
      conversationId: state.id,
      seq: (kept[i] ?? 0) + j,
      ...o,
      cause: JSON.stringify(o.cause),
    })),
  );
  if (rows.length === 0) return;
  const columns = {
    conversationId: 'text',
    seq: 'int',
    subject: 'text',
    dimension: 'text',
    value: 'real',
    weight: 'real',
    at: 'ms',
    cause: 'json',
  } as const;
  await insertRows(db, dialect, 'observations', columns, rows, { siteId }).execute();
}

/**
 * An INSERT of rows the application gives, as one table (dialect.rows): the same statement
 * whatever their number. `shared` gives the columns all the rows have the same value in.
 */
export function insertRows<T extends keyof Tables, R extends Record<string, unknown>>(
  db: Db,
  dialect: Dialect,
  table: T,
  columns: { [K in keyof R]: RowKind },
  rows: readonly R[],
  shared: Record<string, unknown>,
) {
  const names = [...Object.keys(shared), ...Object.keys(columns)];
  const selected = db
    .selectFrom(dialect.rows('r', columns, rows))
    .select((eb) => [
      ...Object.entries(shared).map(([name, value]) => eb.val(value).as(name)),
      ...Object.keys(columns).map((name) => `r.${name}` as never),
    ])
    // SQLite reads an "ON CONFLICT" after a bare FROM as a join's ON.
    .where(sql.lit(true));
  return db
    .insertInto(table)
    .columns(names as never)
    .expression(selected as never);
}
