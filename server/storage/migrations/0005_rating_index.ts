/**
 * Keeps each site's rated conversations in rating order (storage/ratings.ts), so an export or a
 * page of the comments feed reads its own rows, not every conversation of the site. The key is
 * an expression: a rating set aside has its time only in the state's JSON. Partial: conversations
 * without a rating, most of them, take no room in it.
 */
import type { Kysely, Migration } from 'kysely';
import type { Dialect } from '../dialect';
import { ratedAt, RATING_INDEX } from '../ratings';
import type { Tables } from '../tables';

export const ratingIndex = (dialect: Dialect): Migration => ({
  async up(db: Kysely<Tables>) {
    const at = ratedAt(dialect).compile(db).sql;
    await dialect.script(
      db,
      `CREATE INDEX ${RATING_INDEX} ON conversations (site_id, (${at}), id)
        WHERE (${at}) IS NOT NULL;`,
    );
  },
});
