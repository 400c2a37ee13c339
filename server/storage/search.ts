/**
 * Full-text search of what was written in conversations: each message's text and each rating's
 * comment, one searchable text per fact. Both stores match whole words, every word of a search in
 * the same text, case-insensitively and accent-sensitively (shared/search.ts turns a search into
 * words, so no query syntax ever reaches the database):
 *
 * - SQLite: an FTS5 table beside the facts (`fact_search`), written by the SQLite writer in the
 *   same transaction as the facts themselves (sqlite.ts), tokenized by `unicode61` with accents
 *   kept, as PostgreSQL keeps them.
 * - PostgreSQL: a GIN index over `to_tsvector('simple', …)` of the same text (nothing to write:
 *   PostgreSQL keeps an expression index itself). ASCII punctuation is turned into spaces first,
 *   so that PostgreSQL's parser, which keeps e-mail addresses, URLs, file paths and decimals
 *   whole, splits them into words as FTS5 does: "ben@example.com" is found by "example" on both.
 *
 * Facts are rewritten only by data deletion (redact.ts), which rewrites the SQLite rows here in
 * the same transaction.
 */
import { sql, type RawBuilder } from 'kysely';
import type { Fact } from '../../shared/facts';

/** SQLite's FTS5 table of searchable texts. */
export const SEARCH_TABLE = 'fact_search';
/** PostgreSQL's GIN index over the facts' searchable texts. */
export const SEARCH_INDEX = 'facts_search';

/** The text a fact adds to its conversation's search: a message's, a rating's comment. */
export function searchableText(fact: Fact): string | null {
  const text =
    fact.type === 'message' ? fact.text : fact.type === 'rating' ? fact.comment : undefined;
  return text && text.trim() !== '' ? text : null;
}

/**
 * What a match gives: the conversation, the matching text and its fact's time. The columns are
 * named `conversation_id`, `text` and `at` in SQL.
 */
export interface MatchRow {
  conversationId: string;
  text: string;
  at: number;
}

// -- SQLite ----------------------------------------------------------------------------------

/** The FTS5 table, and the texts of the facts stored before it (migration 0008). */
export const SQLITE_SEARCH_SCHEMA = `
  CREATE VIRTUAL TABLE ${SEARCH_TABLE} USING fts5(
    text, site_id UNINDEXED, conversation_id UNINDEXED, at UNINDEXED,
    tokenize = 'unicode61 remove_diacritics 0');
  INSERT INTO ${SEARCH_TABLE} (text, site_id, conversation_id, at)
    SELECT text, site_id, conversation_id, at FROM (
      SELECT CASE json_extract(body, '$.type')
          WHEN 'message' THEN json_extract(body, '$.text')
          WHEN 'rating' THEN json_extract(body, '$.comment') END AS text,
        site_id, conversation_id, at
      FROM facts)
    WHERE trim(coalesce(text, '')) <> '';`;

/** The writer's statement for one fact's text (named parameters, better-sqlite3). */
export const SQLITE_INSERT_SEARCH = `INSERT INTO ${SEARCH_TABLE} (text, site_id, conversation_id, at)
  VALUES (@text, @siteId, @conversationId, @at)`;

/**
 * An FTS5 query of every word, each quoted as a string (a word is letters and digits only, so
 * it holds no quote): no operator, column filter or prefix can be spelt by what was typed.
 */
const ftsQuery = (words: readonly string[]) => words.map((word) => `"${word}"`).join(' ');

export function sqliteMatching(siteId: string, words: readonly string[]): RawBuilder<MatchRow> {
  return sql<MatchRow>`
    SELECT conversation_id, text, at FROM ${sql.table(SEARCH_TABLE)}
    WHERE ${sql.table(SEARCH_TABLE)} MATCH ${ftsQuery(words)} AND site_id = ${siteId}`;
}

// -- PostgreSQL ------------------------------------------------------------------------------

/** The facts that have a searchable text; the index is partial to them. */
const SEARCHED_FACTS = `(body->>'type') IN ('message', 'rating')`;
const PG_TEXT = `(CASE body->>'type' WHEN 'message' THEN body->>'text'
  WHEN 'rating' THEN body->>'comment' END)`;
/** Exactly the indexed expression: PostgreSQL uses the index only for the same one. */
const PG_VECTOR = `to_tsvector('simple'::regconfig, regexp_replace(${PG_TEXT}, '[[:punct:]]', ' ', 'g'))`;

export const POSTGRES_SEARCH_SCHEMA = `
  CREATE INDEX ${SEARCH_INDEX} ON facts USING gin ((${PG_VECTOR})) WHERE ${SEARCHED_FACTS};`;

export function postgresMatching(siteId: string, words: readonly string[]): RawBuilder<MatchRow> {
  // plainto_tsquery reads its text as plain words, never as operators; the words are joined by
  // spaces, which it ANDs.
  return sql<MatchRow>`
    SELECT conversation_id, ${sql.raw(PG_TEXT)} AS text, at FROM facts
    WHERE site_id = ${siteId} AND ${sql.raw(SEARCHED_FACTS)}
      AND ${sql.raw(PG_VECTOR)} @@ plainto_tsquery('simple'::regconfig, ${words.join(' ')})`;
}
