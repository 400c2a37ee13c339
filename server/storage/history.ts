/**
 * The history: every conversation of a site, newest activity first, a page at a time, filtered
 * and searched (storage/search.ts), written once for both databases (dialect.ts). Pages go on
 * from the last conversation of the page before (a keyset cursor on last activity, then id), so
 * a page costs its own rows, and a conversation active meanwhile moves to the top instead of
 * being listed twice.
 */
import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { ConversationState } from '../../shared/conversation';
import type { Dialect } from './dialect';
import { shown } from './ratings';
import type { MatchRow } from './search';
import type { HistoryEntry, HistoryQuery, Store, StoredConversation } from './store';
import { fromJson, type Tables } from './tables';

/**
 * Whether the conversation (alias `c`) is the agent's work: assigned to them, last answered or
 * closed by them, rated for them, or holding evidence that credits or blames them (their scores'
 * observations). Agents' own history is exactly this, and so is the history filtered by an agent.
 */
function answerableBy(dialect: Dialect, agentId: string): RawBuilder<SqlBool> {
  const field = (name: string) => dialect.jsonText(sql.ref('c.state'), name);
  return sql<SqlBool>`(${field('assignedAgentId')} = ${agentId}
    OR ${field('lastAgentId')} = ${agentId} OR ${field('closedByAgentId')} = ${agentId}
    OR c.rating_agent_id = ${agentId}
    OR EXISTS (SELECT 1 FROM observations o WHERE o.site_id = c.site_id
      AND o.conversation_id = c.id AND o.subject = ${agentId}))`;
}

/** The end of the rating the history shows: the counting one's, else the one set aside's. */
const shownEnd = (dialect: Dialect) =>
  sql`coalesce(c.rating_end, CAST(${dialect.jsonText(sql.ref('c.state'), 'setAsideRating', 'end')} AS INTEGER))`;

/** The query's filters, as conditions on `c`, joined by AND (true when there are none). */
function conditions(dialect: Dialect, query: HistoryQuery): RawBuilder<SqlBool> {
  const all: RawBuilder<unknown>[] = [];
  if (query.status) all.push(sql`c.status = ${query.status}`);
  if (query.agentId !== undefined) all.push(answerableBy(dialect, query.agentId));
  if (query.from !== undefined) all.push(sql`c.last_activity_at >= ${query.from}`);
  if (query.to !== undefined) all.push(sql`c.last_activity_at < ${query.to}`);
  if (query.segment !== undefined) {
    all.push(query.segment === null ? sql`c.segment IS NULL` : sql`c.segment = ${query.segment}`);
  }
  if (query.ratings) {
    const ends = query.ratings.filter((r): r is number => r !== 'none');
    const either = [
      ...(ends.length > 0 ? [sql`${shownEnd(dialect)} IN (${sql.join(ends)})`] : []),
      ...(query.ratings.includes('none') ? [sql`${shownEnd(dialect)} IS NULL`] : []),
    ];
    all.push(sql`(${sql.join(either, sql` OR `)})`);
  }
  if (query.comment !== undefined) {
    const comment = sql`coalesce(${shown(dialect, 'comment')}, '')`;
    all.push(query.comment ? sql`${comment} <> ''` : sql`${comment} = ''`);
  }
  if (query.after) {
    const { lastActivityAt, conversationId } = query.after;
    all.push(sql`(c.last_activity_at < ${lastActivityAt}
      OR (c.last_activity_at = ${lastActivityAt} AND c.id < ${conversationId}))`);
  }
  return all.length === 0 ? sql<SqlBool>`1 = 1` : sql<SqlBool>`${sql.join(all, sql` AND `)}`;
}

/** Each conversation's latest matching text. */
function latestMatches(rows: readonly MatchRow[]): Map<string, MatchRow> {
  const latest = new Map<string, MatchRow>();
  for (const row of rows) {
    const seen = latest.get(row.conversationId);
    if (!seen || Number(row.at) > Number(seen.at)) latest.set(row.conversationId, row);
  }
  return latest;
}

export function historyRepository(db: Kysely<Tables>, dialect: Dialect) {
  return {
    async listHistory(siteId, query) {
      const words = query.words ?? [];
      const searched = words.length > 0;
      const { rows } = await sql<{ state: unknown; version: number; id: string }>`
        SELECT c.state, c.version, c.id
        FROM ${dialect.indexed('conversations', 'c', 'conversations_by_activity')}
        WHERE c.site_id = ${siteId} AND ${conditions(dialect, query)}
          ${
            searched
              ? sql`AND c.id IN (SELECT m.conversation_id
                  FROM (${dialect.matching(siteId, words)}) m)`
              : sql``
          }
        ORDER BY c.last_activity_at DESC, c.id DESC
        LIMIT ${query.limit}`.execute(db);
      const states = rows.map((row): StoredConversation => ({
        ...fromJson<ConversationState>(row.state),
        version: row.version,
      }));
      if (!searched || states.length === 0) {
        return states.map((state): HistoryEntry => ({ state, match: null }));
      }
      // What matched, for the page's conversations only: the excerpt each one shows.
      const { rows: matched } = await sql<MatchRow>`
        SELECT m.conversation_id AS "conversationId", m.text, m.at
        FROM (${dialect.matching(siteId, words)}) m
        WHERE ${dialect.isIn(
          sql.ref('m.conversation_id'),
          states.map((state) => state.id),
        )}`.execute(db);
      const latest = latestMatches(matched);
      return states.map((state): HistoryEntry => {
        const match = latest.get(state.id);
        return { state, match: match ? { text: match.text, at: Number(match.at) } : null };
      });
    },

    async isAnswerable(siteId, conversationId, agentId) {
      const { rows } = await sql<{ one: number }>`
        SELECT 1 AS one FROM conversations c
        WHERE c.site_id = ${siteId} AND c.id = ${conversationId}
          AND ${answerableBy(dialect, agentId)}`.execute(db);
      return rows.length > 0;
    },
  } satisfies Partial<Store>;
}
