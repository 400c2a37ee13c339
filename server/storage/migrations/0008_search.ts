/**
 * Full-text search of messages and rating comments (storage/search.ts): an FTS5 table on SQLite,
 * filled here with the texts of every fact stored so far; a GIN index on PostgreSQL, built here
 * over them.
 */
import type { Kysely, Migration } from 'kysely';
import type { Dialect } from '../dialect';
import { POSTGRES_SEARCH_SCHEMA, SQLITE_SEARCH_SCHEMA } from '../search';
import type { Tables } from '../tables';

export const search = (dialect: Dialect): Migration => ({
  async up(db: Kysely<Tables>) {
    await dialect.script(
      db,
      dialect.kind === 'sqlite' ? SQLITE_SEARCH_SCHEMA : POSTGRES_SEARCH_SCHEMA,
    );
  },
});
