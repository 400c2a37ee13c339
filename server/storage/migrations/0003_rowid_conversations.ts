/**
 * On SQLite, conversations and observations move out of their primary keys into ordinary rowid
 * tables, with a unique index on the same columns. A conversation's row (its state, evidence and
 * fold) is over a kilobyte and is written again on every event of the conversation: stored in a
 * key B-tree, each rewrite moved and split pages, which made saving conversations most of the
 * cost of a rating's commit. In a rowid table the row is rewritten in place and only the small
 * key index is kept sorted; the bench's ratings/s rose by about a sixth.
 *
 * PostgreSQL stores every table as a heap already: nothing to do there.
 */
import type { Kysely, Migration } from 'kysely';
import type { Dialect } from '../dialect';
import type { Tables } from '../tables';

export const rowidConversations = (dialect: Dialect): Migration => ({
  async up(db: Kysely<Tables>) {
    if (dialect.kind !== 'sqlite') return;
    await dialect.script(db, SQLITE);
  },
});

// The same columns and indexes as before, in a rowid table; rows are copied in key order so the
// new table starts as compact as the old.
const SQLITE = `
  CREATE TABLE conversations_next (
    site_id TEXT NOT NULL,
    id TEXT NOT NULL,
    status TEXT NOT NULL,
    visitor_id TEXT,
    last_activity_at INTEGER NOT NULL,
    rating_agent_id TEXT,
    rating_end INTEGER,
    rating_at INTEGER,
    state TEXT NOT NULL,
    evidence TEXT,
    fold TEXT,
    version INTEGER NOT NULL DEFAULT 0
  );
  INSERT INTO conversations_next
    SELECT site_id, id, status, visitor_id, last_activity_at, rating_agent_id, rating_end,
      rating_at, state, evidence, fold, version
    FROM conversations ORDER BY site_id, id;
  DROP TABLE conversations;
  ALTER TABLE conversations_next RENAME TO conversations;
  CREATE UNIQUE INDEX conversations_by_id ON conversations (site_id, id);
  CREATE INDEX conversations_by_activity ON conversations (site_id, last_activity_at);
  CREATE INDEX conversations_by_visitor ON conversations (site_id, visitor_id, last_activity_at);
  CREATE INDEX conversations_open ON conversations (site_id, last_activity_at)
    WHERE status = 'open';

  CREATE TABLE observations_next (
    site_id TEXT NOT NULL,
    conversation_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    subject TEXT,
    dimension TEXT NOT NULL,
    value REAL NOT NULL,
    weight REAL NOT NULL,
    at INTEGER NOT NULL,
    cause TEXT NOT NULL
  );
  INSERT INTO observations_next
    SELECT site_id, conversation_id, seq, subject, dimension, value, weight, at, cause
    FROM observations ORDER BY site_id, conversation_id, seq;
  DROP TABLE observations;
  ALTER TABLE observations_next RENAME TO observations;
  CREATE UNIQUE INDEX observations_by_conversation ON observations (site_id, conversation_id, seq);
  CREATE INDEX observations_by_subject ON observations (site_id, subject, at);
`;
