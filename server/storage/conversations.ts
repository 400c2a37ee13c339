/**
 * Conversations and what follows from them: facts, conversation rows, observations, the change
 * log and score checkpoints, read the same way on both databases (dialect.ts). Their writes are
 * in record.ts.
 */
import { sql, type Kysely, type NotNull } from 'kysely';
import type { ConversationState } from '../../shared/conversation';
import type { Dimension, Fact, Polarity } from '../../shared/facts';
import { FOLD_VERSION, type ConversationEvidence } from '../../shared/scoring/fold';
import type { Observation } from '../../shared/scoring/types';
import { DAY } from '../../shared/time';
import { changeFromRow } from './changes';
import { sumsAtFrom, type SumsRow } from './derive';
import type { Dialect } from './dialect';
import { readSite, type SiteCache } from './sites';
import { byConversation, rederive } from './record';
import { redactConversations, visitorConversations } from './redact';
import type { InboxPlace, Store, StoredConversation } from './store';
import { fromJson, type Tables } from './tables';
import { settleTrendDays, trendPoints } from './trends';
import { firstReplyFigures, firstReplyPercentile } from './expectation';
import { CSAT_WINDOW_MS } from '../../shared/scoring/ratings';

/** A conversation row's state with its version. */
const stored = (row: { state: unknown; version: number }): StoredConversation => ({
  ...fromJson<ConversationState>(row.state),
  version: row.version,
});

export function conversationRepository(db: Kysely<Tables>, dialect: Dialect, cache: SiteCache) {
  const conversations = (siteId: string) =>
    db.selectFrom('conversations').select(['state', 'version']).where('siteId', '=', siteId);

  const field = (column: string, ...path: string[]) => dialect.jsonText(sql.ref(column), ...path);
  const ms = (column: string, ...path: string[]) => sql`CAST(${field(column, ...path)} AS BIGINT)`;
  /**
   * Whether an open conversation (alias `c`) waits for a reply from the team: its visitor wrote
   * last, or they reopened it and nobody has written since (a reopen alerts like a new chat).
   * The console's `awaitsReply` (widget/console/inbox.ts) says the same of a view; the inbox's
   * first rank and the waiting counts of a person's other sites both use this one definition.
   */
  const awaitsReply = (c: string) => sql`(
    ${field(`${c}.state`, 'lastMessage', 'from')} = 'visitor'
    OR (${field(`${c}.state`, 'reopenedAt')} IS NOT NULL
      AND (${field(`${c}.state`, 'lastMessage', 'at')} IS NULL
        OR ${ms(`${c}.state`, 'lastMessage', 'at')} <= ${ms(`${c}.state`, 'reopenedAt')})))`;
  /** Whether the conversation (alias `c`) has a message from its visitor: only those are listed. */
  const visitorWrote = (c: string) =>
    sql`EXISTS (SELECT 1 FROM ${dialect.indexed('facts', 'f', 'facts_visitor_messages')}
      WHERE f.site_id = ${sql.ref(`${c}.site_id`)} AND f.conversation_id = ${sql.ref(`${c}.id`)}
        AND ${field('f.body', 'type')} = 'message' AND ${field('f.body', 'from')} = 'visitor')`;

  return {
    async listFacts(siteId, conversationId, last) {
      const rows = await db
        .selectFrom('facts')
        .select('body')
        .where('siteId', '=', siteId)
        .where('conversationId', '=', conversationId)
        // The latest `last` are the first of the newest first.
        .orderBy('at', last === undefined ? 'asc' : 'desc')
        .orderBy('id', last === undefined ? 'asc' : 'desc')
        .$if(last !== undefined, (q) => q.limit(last ?? 0))
        .execute();
      const facts = rows.map((row) => fromJson<Fact>(row.body));
      return last === undefined ? facts : facts.reverse();
    },

    async recentFacts(siteId, conversationIds, last) {
      if (conversationIds.length === 0) return new Map();
      // By conversation through its index (named for SQLite: without statistics it would read
      // every fact of the site, and views would slow down as the site grows).
      const { rows } = await sql<{ conversationId: string; body: unknown }>`
        SELECT conversation_id AS "conversationId", body FROM (
          SELECT f.conversation_id, f.body, f.at, f.id, row_number() OVER (
            PARTITION BY f.conversation_id ORDER BY f.at DESC, f.id DESC) AS n
          FROM ${dialect.indexed('facts', 'f', 'facts_by_conversation')}
          WHERE f.site_id = ${siteId}
            AND ${dialect.isIn(sql.ref('f.conversation_id'), conversationIds)}
        ) recent
        WHERE n <= ${last}
        ORDER BY conversation_id, at, ${dialect.bytewise(sql.ref('id'))}`.execute(db);
      return byConversation(rows);
    },

    async getConversation(siteId, conversationId) {
      const row = await conversations(siteId).where('id', '=', conversationId).executeTakeFirst();
      return row ? stored(row) : null;
    },

    async getConversations(siteId, conversationIds) {
      if (conversationIds.length === 0) return [];
      const rows = await conversations(siteId)
        .where((eb) => dialect.isIn(eb.ref('id'), conversationIds))
        .execute();
      return rows.map(stored);
    },

    async listConversations(siteId, { closedSince, limit, after }) {
      // The inbox (store.ts, InboxPlace): waiting, then open, then closed; newest first. Only
      // open and recently closed conversations are read (conversations_open,
      // conversations_by_activity), and facts_visitor_messages says which have a visitor message.
      const { rows } = await sql<{ state: unknown; version: number } & InboxPlace>`
        SELECT state, version, rank, last_activity_at AS "lastActivityAt", id FROM (
          SELECT c.state, c.version, c.id, c.last_activity_at,
            CASE WHEN c.status <> 'open' THEN 2
              WHEN ${awaitsReply('c')} THEN 0
              ELSE 1 END AS rank
          FROM (
            SELECT * FROM ${dialect.indexed('conversations', 'o', 'conversations_open')}
            WHERE site_id = ${siteId} AND status = 'open'
            UNION ALL
            SELECT * FROM ${dialect.indexed('conversations', 'r', 'conversations_by_activity')}
            WHERE site_id = ${siteId} AND last_activity_at >= ${closedSince} AND status <> 'open'
          ) c
          WHERE ${visitorWrote('c')}
        ) listed
        ${
          after
            ? sql`WHERE rank > ${after.rank} OR (rank = ${after.rank}
                AND (last_activity_at < ${after.lastActivityAt}
                  OR (last_activity_at = ${after.lastActivityAt} AND id < ${after.id})))`
            : sql``
        }
        ORDER BY rank, last_activity_at DESC, id DESC LIMIT ${limit}`.execute(db);
      return rows.map(({ state, version, rank, lastActivityAt, id }) => ({
        state: stored({ state, version }),
        place: { rank, lastActivityAt, id },
      }));
    },

    async countWaiting(siteId) {
      // The inbox's first rank, counted: the same conditions, on the open conversations only.
      const { rows } = await sql<{ waiting: number | string | bigint }>`
        SELECT COUNT(*) AS waiting
        FROM ${dialect.indexed('conversations', 'c', 'conversations_open')}
        WHERE c.site_id = ${siteId} AND c.status = 'open'
          AND ${awaitsReply('c')} AND ${visitorWrote('c')}`.execute(db);
      return Number(rows[0]?.waiting ?? 0);
    },

    async latestConversationOf(siteId, visitorId) {
      // Through the visitor's index (named for SQLite, which would otherwise read every
      // conversation of the site, on every visitor message).
      const { rows } = await sql<{ state: unknown; version: number }>`
        SELECT state, version
        FROM ${dialect.indexed('conversations', 'c', 'conversations_by_visitor')}
        WHERE site_id = ${siteId} AND visitor_id = ${visitorId}
        ORDER BY status = 'open' DESC, last_activity_at DESC LIMIT 1`.execute(db);
      const row = rows[0];
      return row ? stored(row) : null;
    },

    countedRatings: (siteId) =>
      db
        .selectFrom('conversations')
        .select(['ratingAgentId as agentId', 'ratingEnd as end', 'ratingAt as at'])
        .where('siteId', '=', siteId)
        .where('ratingEnd', 'is not', null)
        // A rating's end and time are written together.
        .$narrowType<{ end: NotNull; at: NotNull }>()
        .execute(),

    async scoreSnapshot(siteId) {
      // One snapshot for both reads: the counter and the evidence as of the same commits.
      return db
        .transaction()
        .setIsolationLevel('repeatable read')
        .setAccessMode('read only')
        .execute(async (trx) => {
          const counter = await trx
            .selectFrom('sites')
            .select('changeSeq')
            .where('id', '=', siteId)
            .executeTakeFirst();
          const rows = await trx
            .selectFrom('conversations')
            .select(['id', 'evidence'])
            .where('siteId', '=', siteId)
            .where('evidence', 'is not', null)
            .execute();
          return {
            seq: counter?.changeSeq ?? 0,
            evidence: rows.map((row) => ({
              conversationId: row.id,
              evidence: fromJson<ConversationEvidence>(row.evidence),
            })),
          };
        });
    },

    async changesSince(siteId, after, limit) {
      const rows = await db
        .selectFrom('siteChanges')
        .select(['seq', 'at', 'body'])
        .where('siteId', '=', siteId)
        .where('seq', '>', after)
        .orderBy('seq')
        .limit(limit)
        .execute();
      return rows.map((row) => changeFromRow(siteId, row.seq, row.at, fromJson(row.body)));
    },

    async lastChange(siteId) {
      const row = await db
        .selectFrom('sites')
        .select('changeSeq')
        .where('id', '=', siteId)
        .executeTakeFirst();
      return row?.changeSeq ?? 0;
    },

    async loadCheckpoint(siteId) {
      const row = await db
        .selectFrom('scoreCheckpoints')
        .select(['seq', 'at', 'board'])
        .where('siteId', '=', siteId)
        .executeTakeFirst();
      return row ? { siteId, seq: row.seq, at: row.at, board: fromJson(row.board) } : null;
    },

    async saveCheckpoint({ siteId, seq, at, board }) {
      await db
        .insertInto('scoreCheckpoints')
        .values({ siteId, seq, at, board: JSON.stringify(board) })
        .onConflict((oc) =>
          oc
            .column('siteId')
            .doUpdateSet((eb) => ({
              seq: eb.ref('excluded.seq'),
              at: eb.ref('excluded.at'),
              board: eb.ref('excluded.board'),
            }))
            // The same number too: a better board of the same state replaces the old one.
            .whereRef('excluded.seq', '>=', 'scoreCheckpoints.seq'),
        )
        .execute();
    },

    async pruneChanges(siteId, upTo, before) {
      await db
        .deleteFrom('siteChanges')
        .where('siteId', '=', siteId)
        .where('seq', '<=', upTo)
        .where('at', '<', before)
        .execute();
    },

    async siteFacts(siteId) {
      const rows = await db
        .selectFrom('facts')
        .select(['conversationId', 'body'])
        .where('siteId', '=', siteId)
        .orderBy(dialect.bytewise(sql.ref('conversationId')))
        .orderBy('at')
        .orderBy('id')
        .execute();
      return [...byConversation(rows).values()];
    },

    async sumsAt(siteId, at, settings) {
      const halfLifeMs = sql`CAST(${settings.halfLifeDays * DAY} AS DOUBLE PRECISION)`;
      const lambda = sql`CAST(${settings.negativityWeight} AS DOUBLE PRECISION)`;
      // Each group's terms relative to its own latest observation (see sumsAtFrom).
      const { rows } = await sql<SumsRow>`
        WITH latest AS (
          SELECT subject, dimension, max(at) AS latest FROM observations
          WHERE site_id = ${siteId} AND at <= ${at} GROUP BY subject, dimension)
        SELECT o.subject, o.dimension, count(*) AS n, l.latest,
          sum(o.weight * o.value * power(2, (o.at - l.latest) / ${halfLifeMs})) AS s,
          sum(${lambda} * o.weight * (1 - o.value)
            * power(2, (o.at - l.latest) / ${halfLifeMs})) AS f
        FROM observations o
        JOIN latest l ON ${dialect.same(sql.ref('l.subject'), sql.ref('o.subject'))}
          AND l.dimension = o.dimension
        WHERE o.site_id = ${siteId} AND o.at <= ${at}
        GROUP BY o.subject, o.dimension, l.latest`.execute(db);
      return sumsAtFrom(rows, at, settings.halfLifeDays * DAY);
    },

    async trendPoints(siteId, ends, settings) {
      // The days writes touched are summed first, holding the site as writers do.
      await db.transaction().execute(async (trx) => {
        if (dialect.manyWriters) await readSite(trx, siteId, true);
        await settleTrendDays(trx, siteId, settings);
      });
      return trendPoints(db, siteId, ends, settings, CSAT_WINDOW_MS);
    },

    async segmentSumsAt(siteId, at, settings) {
      const halfLifeMs = sql`CAST(${settings.halfLifeDays * DAY} AS DOUBLE PRECISION)`;
      const lambda = sql`CAST(${settings.negativityWeight} AS DOUBLE PRECISION)`;
      // As sumsAt, each observation with its conversation's segment.
      const { rows } = await sql<SumsRow & { segment: string | null }>`
        WITH o AS (
          SELECT c.segment, o.dimension, o.value, o.weight, o.at FROM observations o
          JOIN conversations c ON c.site_id = o.site_id AND c.id = o.conversation_id
          WHERE o.site_id = ${siteId} AND o.at <= ${at}),
        latest AS (SELECT segment, dimension, max(at) AS latest FROM o GROUP BY segment, dimension)
        SELECT o.segment, o.dimension, count(*) AS n, l.latest,
          sum(o.weight * o.value * power(2, (o.at - l.latest) / ${halfLifeMs})) AS s,
          sum(${lambda} * o.weight * (1 - o.value)
            * power(2, (o.at - l.latest) / ${halfLifeMs})) AS f
        FROM o JOIN latest l ON ${dialect.same(sql.ref('l.segment'), sql.ref('o.segment'))}
          AND l.dimension = o.dimension
        GROUP BY o.segment, o.dimension, l.latest`.execute(db);
      const sums = sumsAtFrom(
        rows.map((row) => ({ ...row, subject: row.segment })),
        at,
        settings.halfLifeDays * DAY,
      );
      return sums.map(({ subject, ...figures }) => ({ ...figures, segment: subject }));
    },

    async segmentRatings(siteId, from, to) {
      const state = sql.ref('state');
      const dimension = dialect.jsonText(state, 'rating', 'peak', 'dimension');
      const polarity = dialect.jsonText(state, 'rating', 'peak', 'polarity');
      const { rows } = await sql<{
        segment: string | null;
        end: number;
        dimension: Dimension | null;
        polarity: Polarity | null;
        n: number | string;
      }>`
        SELECT segment, rating_end AS "end", ${dimension} AS dimension, ${polarity} AS polarity,
          count(*) AS n
        FROM conversations
        WHERE site_id = ${siteId} AND rating_end IS NOT NULL
          AND rating_at >= ${from} AND rating_at < ${to}
        GROUP BY segment, rating_end, ${dimension}, ${polarity}`.execute(db);
      return rows.map(({ segment, end, dimension, polarity, n }) => ({
        segment,
        end: Number(end),
        peak: dimension && polarity ? { dimension, polarity } : null,
        n: Number(n),
      }));
    },

    firstReplyFigures: (siteId, periods, targetMs) =>
      firstReplyFigures(db, dialect, siteId, periods, targetMs),

    firstReplyPercentile: (siteId, from, to, percentile) =>
      firstReplyPercentile(db, dialect, siteId, from, to, percentile),

    async recentObservations(siteId, subject, limit, until = Number.MAX_SAFE_INTEGER) {
      const rows = await db
        .selectFrom('observations')
        .select(['subject', 'dimension', 'value', 'weight', 'at', 'cause'])
        .where('siteId', '=', siteId)
        .where('subject', '=', subject)
        .where('at', '<=', until)
        .orderBy('at', 'desc')
        .orderBy('conversationId', 'desc')
        .orderBy('seq', 'desc')
        .limit(limit)
        .execute();
      return rows.map((row) => ({ ...row, cause: fromJson(row.cause) }) as Observation);
    },

    rederiveChunk: (site, after, stale = false) => rederive(db, dialect, cache, site, after, stale),

    redactVisitor: (site, visitorId, now) =>
      redactConversations(db, dialect, cache, site, { visitorId }, now),

    redactQuiet: (site, quietBefore, limit, now) =>
      redactConversations(db, dialect, cache, site, { quietBefore, limit }, now),

    visitorConversations: (siteId, visitorId) => visitorConversations(db, siteId, visitorId),

    async sitesToUpgrade() {
      const rows = await db
        .selectFrom('sites')
        .select('id')
        .where('derivedVersion', '<', FOLD_VERSION)
        .orderBy('id')
        .execute();
      return rows.map((row) => row.id);
    },

    async markDerived(siteId) {
      await db
        .updateTable('sites')
        .set({ derivedVersion: FOLD_VERSION })
        .where('id', '=', siteId)
        .execute();
    },
  } satisfies Partial<Store>;
}
