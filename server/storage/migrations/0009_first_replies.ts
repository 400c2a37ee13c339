/**
 * Each conversation row names its first reply (fold.ts, FirstReply) in columns of its own, so the
 * expectation gap (expectation.ts) reads a period's first replies from one covering index instead
 * of any conversation's state or facts. Rows from before have none yet: their folds are of an
 * older version, so the upgrade at start derives them again (FOLD_VERSION), which fills them in.
 */
import type { Kysely, Migration } from 'kysely';
import type { Dialect } from '../dialect';
import { FIRST_REPLY_INDEX } from '../expectation';
import type { Tables } from '../tables';

export const firstReplies = (dialect: Dialect): Migration => ({
  async up(db: Kysely<Tables>) {
    const { ms, text } = dialect.types;
    await dialect.script(
      db,
      `
      ALTER TABLE conversations ADD COLUMN first_reply_at ${ms};
      ALTER TABLE conversations ADD COLUMN first_reply_wait_ms ${ms};
      ALTER TABLE conversations ADD COLUMN first_reply_agent_id ${text};
      CREATE INDEX ${FIRST_REPLY_INDEX} ON conversations
        (site_id, first_reply_at, first_reply_wait_ms, first_reply_agent_id)
        WHERE first_reply_at IS NOT NULL;
      `,
    );
  },
});
