/**
 * PostgreSQL schema, as an ordered list of migrations. `peakend_schema_version` records how many
 * have run; a database from a newer version of Peakend is refused rather than guessed at.
 *
 * The tables mirror SQLite's (sqlite-schema.ts) so both stores behave the same: times are BIGINT
 * epoch milliseconds, JSON is JSONB. Ids compared or sorted by the application use the "C"
 * collation, so their order is byte order, as in SQLite and in `compareFacts`, whatever the
 * database's locale.
 *
 * Append new migrations; never edit one that has shipped. Each runs in the same transaction as
 * the version bump, so a failed migration leaves the database as it was.
 */
export const POSTGRES_MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE secrets (
    name TEXT PRIMARY KEY,
    value BYTEA NOT NULL
  );
  CREATE TABLE sites (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    allowed_origins JSONB NOT NULL,
    settings JSONB NOT NULL,
    -- Site keys for the events and scores APIs, kept as SHA-256 hashes.
    key_hash TEXT UNIQUE,
    created_at BIGINT NOT NULL
  );
  CREATE TABLE agents (
    site_id TEXT NOT NULL REFERENCES sites (id),
    id TEXT NOT NULL,
    name TEXT NOT NULL,
    email TEXT UNIQUE,
    password_hash TEXT,
    role TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (site_id, id)
  );
  CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    site_id TEXT NOT NULL,
    agent_id TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
  );
  -- The facts: every event of every conversation, as given (times in epoch ms).
  CREATE TABLE facts (
    site_id TEXT NOT NULL,
    id TEXT COLLATE "C" NOT NULL,
    conversation_id TEXT NOT NULL,
    at BIGINT NOT NULL,
    body JSONB NOT NULL,
    received_at BIGINT NOT NULL,
    PRIMARY KEY (site_id, id)
  );
  CREATE INDEX facts_by_conversation ON facts (site_id, conversation_id, at, id);
  -- Each conversation's state, derived from its facts; rewritten with them.
  CREATE TABLE conversations (
    site_id TEXT NOT NULL,
    id TEXT NOT NULL,
    status TEXT NOT NULL,
    visitor_id TEXT,
    last_activity_at BIGINT NOT NULL,
    rating_agent_id TEXT,
    rating_end INTEGER,
    rating_at BIGINT,
    state JSONB NOT NULL,
    -- What the conversation contributes to scores (observations and counting rating).
    evidence JSONB NOT NULL,
    PRIMARY KEY (site_id, id)
  );
  CREATE INDEX conversations_by_activity ON conversations (site_id, last_activity_at);
  CREATE INDEX conversations_by_visitor ON conversations (site_id, visitor_id, last_activity_at);
  `,
  `
  -- Each conversation's observations, one row each, by the agent they credit or blame (subject;
  -- NULL is the unassigned bucket), so an agent's breakdown reads their latest without scanning
  -- every conversation. Rewritten with the conversation's evidence; seq is the position in it.
  CREATE TABLE observations (
    site_id TEXT NOT NULL,
    conversation_id TEXT COLLATE "C" NOT NULL,
    seq INTEGER NOT NULL,
    subject TEXT,
    dimension TEXT NOT NULL,
    value DOUBLE PRECISION NOT NULL,
    weight DOUBLE PRECISION NOT NULL,
    at BIGINT NOT NULL,
    cause JSONB NOT NULL,
    PRIMARY KEY (site_id, conversation_id, seq)
  );
  CREATE INDEX observations_by_subject ON observations (site_id, subject, at);
  -- Filled from the evidence already stored, in this migration's transaction.
  INSERT INTO observations (site_id, conversation_id, seq, subject, dimension, value, weight,
    at, cause)
  SELECT c.site_id, c.id, o.n - 1, o.item->>'subject', o.item->>'dimension',
    (o.item->>'value')::double precision, (o.item->>'weight')::double precision,
    (o.item->>'at')::bigint, o.item->'cause'
  FROM conversations c
  CROSS JOIN LATERAL jsonb_array_elements(c.evidence->'observations') WITH ORDINALITY
    AS o (item, n);
  `,
];
