/**
 * SQLite schema, as an ordered list of migrations. `PRAGMA user_version` records how many have
 * run; a database from a newer version of Peakend is refused rather than guessed at.
 */
export const SQLITE_MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE secrets (
    name TEXT PRIMARY KEY,
    value BLOB NOT NULL
  );
  CREATE TABLE sites (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    allowed_origins TEXT NOT NULL,
    settings TEXT NOT NULL,
    created_at INTEGER NOT NULL
  );
  CREATE TABLE agents (
    site_id TEXT NOT NULL REFERENCES sites (id),
    id TEXT NOT NULL,
    name TEXT NOT NULL,
    email TEXT UNIQUE,
    password_hash TEXT,
    role TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (site_id, id)
  );
  CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    site_id TEXT NOT NULL,
    agent_id TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
  );
  -- The facts: every event of every conversation, as given (times in epoch ms).
  CREATE TABLE facts (
    site_id TEXT NOT NULL,
    id TEXT NOT NULL,
    conversation_id TEXT NOT NULL,
    at INTEGER NOT NULL,
    body TEXT NOT NULL,
    received_at INTEGER NOT NULL,
    PRIMARY KEY (site_id, id)
  ) WITHOUT ROWID;
  CREATE INDEX facts_by_conversation ON facts (site_id, conversation_id, at, id);
  -- Each conversation's state, derived from its facts; rewritten with them.
  CREATE TABLE conversations (
    site_id TEXT NOT NULL,
    id TEXT NOT NULL,
    status TEXT NOT NULL,
    visitor_id TEXT,
    last_activity_at INTEGER NOT NULL,
    rating_agent_id TEXT,
    rating_end INTEGER,
    rating_at INTEGER,
    state TEXT NOT NULL,
    PRIMARY KEY (site_id, id)
  ) WITHOUT ROWID;
  CREATE INDEX conversations_by_activity ON conversations (site_id, last_activity_at);
  CREATE INDEX conversations_by_visitor ON conversations (site_id, visitor_id, last_activity_at);
  `,
  `
  -- Site keys for the events and scores APIs, kept as SHA-256 hashes.
  ALTER TABLE sites ADD COLUMN key_hash TEXT;
  CREATE UNIQUE INDEX sites_by_key ON sites (key_hash);
  `,
  `
  -- What each conversation contributes to scores (observations and counting rating), derived
  -- with its state. Rows from before this column are filled in when the store opens.
  ALTER TABLE conversations ADD COLUMN evidence TEXT;
  `,
  `
  -- Each conversation's observations, one row each, by the agent they credit or blame (subject;
  -- NULL is the unassigned bucket), so an agent's breakdown reads their latest without scanning
  -- every conversation. Rewritten with the conversation's evidence; seq is the position in it.
  CREATE TABLE observations (
    site_id TEXT NOT NULL,
    conversation_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    subject TEXT,
    dimension TEXT NOT NULL,
    value REAL NOT NULL,
    weight REAL NOT NULL,
    at INTEGER NOT NULL,
    cause TEXT NOT NULL,
    PRIMARY KEY (site_id, conversation_id, seq)
  ) WITHOUT ROWID;
  CREATE INDEX observations_by_subject ON observations (site_id, subject, at);
  -- Filled from the evidence already stored; rows still without evidence get theirs, and their
  -- observations with it, when the store opens (fillMissingEvidence).
  INSERT INTO observations (site_id, conversation_id, seq, subject, dimension, value, weight,
    at, cause)
  SELECT c.site_id, c.id, o.key, json_extract(o.value, '$.subject'),
    json_extract(o.value, '$.dimension'), json_extract(o.value, '$.value'),
    json_extract(o.value, '$.weight'), json_extract(o.value, '$.at'),
    json_extract(o.value, '$.cause')
  FROM conversations c, json_each(c.evidence, '$.observations') o
  WHERE c.evidence IS NOT NULL;
  `,
];
