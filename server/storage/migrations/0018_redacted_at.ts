/**
 * Data retention (storage/redact.ts): when a conversation's text was last redacted, so the
 * retention sweep finds the conversations still to redact through an index instead of reading
 * every old one again. A conversation written to since (a late fact) is to redact again.
 */
import type { Kysely, Migration } from 'kysely';
import type { Dialect } from '../dialect';
import type { Tables } from '../tables';

export const redactedAt = (dialect: Dialect): Migration => ({
  async up(db: Kysely<Tables>) {
    const { ms } = dialect.types;
    await dialect.script(
      db,
      `ALTER TABLE conversations ADD COLUMN redacted_at ${ms};
       CREATE INDEX conversations_to_redact ON conversations (site_id, last_activity_at)
         WHERE redacted_at IS NULL;`,
    );
  },
});
