/**
 * Each conversation row names the visitor's segment (from its opening, profile.ts) in a column of
 * its own, so insights group ratings and evidence by segment in the database instead of reading
 * every conversation's state. Rows from before take it from their state.
 */
import { sql, type Kysely, type Migration } from 'kysely';
import type { Dialect } from '../dialect';
import type { Tables } from '../tables';

export const conversationSegment = (dialect: Dialect): Migration => ({
  async up(db: Kysely<Tables>) {
    await db.schema.alterTable('conversations').addColumn('segment', 'text').execute();
    await sql`UPDATE conversations SET segment = ${dialect.jsonText(sql.ref('state'), 'segment')}
      WHERE ${dialect.jsonText(sql.ref('state'), 'segment')} IS NOT NULL`.execute(db);
  },
});
