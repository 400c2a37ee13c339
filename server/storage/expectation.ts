/**
 * The expectation gap's figures (issue #11 §5), summed in the database from each conversation's
 * first reply (fold.ts, FirstReply; migration 0009): per period, for the site and per agent, the
 * number of first replies, how many came within the target, and the median and 90th percentile
 * of the Waits they ended. The rows are read through one covering index, never the conversations'
 * state or facts, and are rewritten whenever a conversation is derived again (record.ts).
 *
 * Percentiles are exact, by nearest rank: the p-th percentile of n Waits is the ⌈p·n/100⌉-th
 * shortest (so the median of an even count is the lower middle one). The rank is computed in
 * integer arithmetic, alike on both databases.
 */
import { sql, type Expression, type Kysely } from 'kysely';
import type { Dialect } from './dialect';
import type { Tables } from './tables';

/** The covering index of first replies by site and time (migration 0009). */
export const FIRST_REPLY_INDEX = 'conversations_first_reply';

/** A period (start, end], epoch ms, as trend buckets are. */
export interface ReplyPeriod {
  start: number;
  end: number;
}

/** One group's figures; Waits in ms. */
export interface FirstReplyFigures {
  replies: number;
  withinTarget: number;
  medianMs: number | null;
  p90Ms: number | null;
}

/** One row of figures: a period's (its index in the list; -1: all of them), the site's or an agent's. */
export interface FirstReplyRow extends FirstReplyFigures {
  period: number;
  /** Null: the whole site (every first reply, whoever sent it). */
  agentId: string | null;
  scope: 'site' | 'agent';
}

/**
 * ⌈p·n/100⌉ for a whole percent p, in SQL's integer division. p goes in as a literal: a bound
 * number may reach SQLite as a real, and the division would not round down.
 */
function nearestRank(p: number, n: Expression<unknown>) {
  if (!Number.isInteger(p) || p < 1 || p > 100) throw new Error(`not a whole percent: ${p}`);
  return sql`(${sql.lit(p)} * ${n} + 99) / 100`;
}

/** The figures of each period and of all of them together, for the site and each agent. */
export async function firstReplyFigures(
  db: Kysely<Tables>,
  dialect: Dialect,
  siteId: string,
  periods: readonly ReplyPeriod[],
  targetMs: number,
): Promise<FirstReplyRow[]> {
  if (periods.length === 0) return [];
  const from = Math.min(...periods.map((p) => p.start));
  const to = Math.max(...periods.map((p) => p.end));
  // Typed, so PostgreSQL compares times with times (a bare parameter in VALUES is text).
  const list = sql.join(
    periods.map(
      (p, i) => sql`(CAST(${i} AS INTEGER), CAST(${p.start} AS BIGINT), CAST(${p.end} AS BIGINT))`,
    ),
  );
  const n = sql.ref('n');
  const { rows } = await sql<{
    period: number | string;
    scope: 'site' | 'agent';
    agentId: string | null;
    replies: number | string;
    within: number | string;
    median: number | string | null;
    p90: number | string | null;
  }>`
    WITH periods(i, start_at, end_at) AS (VALUES ${list}),
    replies AS (
      SELECT p.i AS period, c.first_reply_agent_id AS agent, c.first_reply_wait_ms AS wait
      FROM ${dialect.indexed('conversations', 'c', FIRST_REPLY_INDEX)}
      JOIN periods p ON c.first_reply_at > p.start_at AND c.first_reply_at <= p.end_at
      WHERE c.site_id = ${siteId} AND c.first_reply_at > ${from} AND c.first_reply_at <= ${to}),
    scoped AS (
      SELECT period, 'site' AS scope, NULL AS agent, wait FROM replies
      UNION ALL SELECT period, 'agent', agent, wait FROM replies WHERE agent IS NOT NULL
      UNION ALL SELECT -1, 'site', NULL, wait FROM replies
      UNION ALL SELECT -1, 'agent', agent, wait FROM replies WHERE agent IS NOT NULL),
    ranked AS (
      SELECT period, scope, agent, wait,
        row_number() OVER (PARTITION BY period, scope, agent ORDER BY wait) AS place,
        count(*) OVER (PARTITION BY period, scope, agent) AS n
      FROM scoped)
    SELECT period, scope, agent AS "agentId", count(*) AS replies,
      sum(CASE WHEN wait <= ${targetMs} THEN 1 ELSE 0 END) AS within,
      max(CASE WHEN place = ${nearestRank(50, n)} THEN wait END) AS median,
      max(CASE WHEN place = ${nearestRank(90, n)} THEN wait END) AS p90
    FROM ranked
    GROUP BY period, scope, agent`.execute(db);
  const num = (v: number | string | null) => (v === null ? null : Number(v));
  return rows.map((row) => ({
    period: Number(row.period),
    scope: row.scope,
    agentId: row.scope === 'site' ? null : row.agentId,
    replies: Number(row.replies),
    withinTarget: Number(row.within),
    medianMs: num(row.median),
    p90Ms: num(row.p90),
  }));
}

/** The p-th percentile (nearest rank) of the first replies' Waits sent in (from, to], and their number. */
export async function firstReplyPercentile(
  db: Kysely<Tables>,
  dialect: Dialect,
  siteId: string,
  from: number,
  to: number,
  percentile: number,
): Promise<{ replies: number; waitMs: number | null }> {
  const n = sql.ref('n');
  const { rows } = await sql<{ n: number | string; wait: number | string }>`
    SELECT n, wait FROM (
      SELECT c.first_reply_wait_ms AS wait,
        row_number() OVER (ORDER BY c.first_reply_wait_ms) AS place, count(*) OVER () AS n
      FROM ${dialect.indexed('conversations', 'c', FIRST_REPLY_INDEX)}
      WHERE c.site_id = ${siteId} AND c.first_reply_at > ${from} AND c.first_reply_at <= ${to}
    ) ranked
    WHERE place = ${nearestRank(percentile, n)}`.execute(db);
  const row = rows[0];
  return row ? { replies: Number(row.n), waitMs: Number(row.wait) } : { replies: 0, waitMs: null };
}
