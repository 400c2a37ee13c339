/**
 * When a follow-up item was resolved or dismissed, kept apart from its last change: a note
 * added to a closed item must not move its closing into another week of the report. Items
 * closed before this knew no better time than their last change.
 */
import type { Kysely, Migration } from 'kysely';
import type { Dialect } from '../dialect';
import type { Tables } from '../tables';

export const followupClosedAt = (dialect: Dialect): Migration => ({
  async up(db: Kysely<Tables>) {
    const { ms } = dialect.types;
    await dialect.script(
      db,
      `ALTER TABLE followups ADD COLUMN closed_at ${ms};
       UPDATE followups SET closed_at = updated_at WHERE status IN ('resolved', 'dismissed');`,
    );
  },
});
