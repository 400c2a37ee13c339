/**
 * Ratings a page at a time, in rating order, for exports and the comments feed: written once for
 * both databases (dialect.ts), read through the conversations_by_rating index (migration 0005).
 *
 * A conversation's rating as reports show it is the version that counts (its time in the
 * `rating_at` column), or, when none counts, the latest one set aside (only in the state's JSON):
 * its time is `ratedAt` below, which the index holds as an expression, so a page costs its own
 * rows whatever the size of the site.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { ConversationState, RatingVersion } from '../../shared/conversation';
import type { Dialect } from './dialect';
import type { RatingQuery, Store, StoredRating } from './store';
import { fromJson, type Tables } from './tables';

/** The index that keeps a site's rated conversations in rating order. */
export const RATING_INDEX = 'conversations_by_rating';

/**
 * The time of a conversation's rating as reports show it (null: not rated). The migration
 * indexes exactly this expression, and the databases use the index only for the same one.
 */
export function ratedAt(dialect: Dialect): RawBuilder<number | null> {
  const setAsideAt = dialect.jsonText(sql.ref('state'), 'setAsideRating', 'at');
  return sql`coalesce(rating_at, CAST(${setAsideAt} AS BIGINT))`;
}

/** A field of the rating reports show: the counting one's, else the one set aside's. */
export function shown(dialect: Dialect, ...field: string[]): RawBuilder<string | null> {
  return sql`CASE WHEN rating_at IS NOT NULL
    THEN ${dialect.jsonText(sql.ref('state'), 'rating', ...field)}
    ELSE ${dialect.jsonText(sql.ref('state'), 'setAsideRating', ...field)} END`;
}

/**
 * A conversation's state as stored. `segment` is set by `peakend('set', {segment})` and the
 * events API once conversations carry it; until then it is absent, and reports leave it empty.
 */
type StateWithSegment = ConversationState & { segment?: unknown };

function storedRating(row: { conversationId: string; state: unknown }): StoredRating {
  const state = fromJson<StateWithSegment>(row.state);
  const rating: RatingVersion | null = state.rating ?? state.setAsideRating;
  if (!rating) throw new Error(`conversation ${row.conversationId} was listed without a rating`);
  const { factId, end, peak, comment, at, agentId } = rating;
  return {
    conversationId: row.conversationId,
    visitorId: state.visitorId,
    segment: typeof state.segment === 'string' ? state.segment : null,
    rating: { factId, end, peak, comment, at, agentId },
    setAside: state.rating ? null : (state.setAsideRating?.reason ?? null),
  };
}

/** The query of `Store.listRatings`, apart so tests can ask the database how it runs it. */
export function ratingsQuery(
  dialect: Dialect,
  siteId: string,
  { from, to, order, after, limit, remarked, agentId, polarity }: RatingQuery,
): RawBuilder<{ conversationId: string; state: unknown }> {
  const at = ratedAt(dialect);
  const asc = order === 'asc';
  // The window starts at the place the page before ended, so each page seeks to its first row in
  // the index rather than reading past all the pages before it; the row comparison then skips
  // only the ratings of that same millisecond already listed.
  const lower = after && asc ? Math.max(from, after.at) : from;
  const upper = after && !asc ? Math.min(to, after.at + 1) : to;
  const place =
    after && sql`(${at}, id) ${sql.raw(asc ? '>' : '<')} (${after.at}, ${after.conversationId})`;
  const agent = sql`CASE WHEN rating_at IS NOT NULL THEN rating_agent_id
    ELSE ${dialect.jsonText(sql.ref('state'), 'setAsideRating', 'agentId')} END`;
  const direction = sql.raw(asc ? 'ASC' : 'DESC');
  return sql`
    SELECT id AS "conversationId", state
    FROM ${dialect.indexed('conversations', 'c', RATING_INDEX)}
    WHERE site_id = ${siteId} AND ${at} IS NOT NULL AND ${at} >= ${lower} AND ${at} < ${upper}
      ${place ? sql`AND ${place}` : sql``}
      ${agentId === undefined ? sql`` : sql`AND ${agent} = ${agentId}`}
      ${
        remarked
          ? sql`AND (coalesce(${shown(dialect, 'comment')}, '') <> ''
              OR ${shown(dialect, 'peak')} IS NOT NULL)`
          : sql``
      }
      ${
        polarity === undefined
          ? sql``
          : sql`AND ${shown(dialect, 'peak', 'polarity')} = ${polarity}`
      }
    ORDER BY ${at} ${direction}, id ${direction}
    LIMIT ${limit}`;
}

export function ratingRepository(db: Kysely<Tables>, dialect: Dialect) {
  return {
    async listRatings(siteId, query) {
      const { rows } = await ratingsQuery(dialect, siteId, query).execute(db);
      return rows.map(storedRating);
    },
  } satisfies Partial<Store>;
}
