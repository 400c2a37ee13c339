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
  `
  -- People who sign in, apart from the agents a site scores: an account holds one agent row (its
  -- membership, with its role) on each site it belongs to, so one person may work on several
  -- sites. Every agent that had an email becomes an account with that email and password.
  CREATE TABLE accounts (
    id TEXT PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    password_hash TEXT,
    created_at BIGINT NOT NULL
  );
  INSERT INTO accounts (id, email, name, password_hash, created_at)
  SELECT 'acct_' || substr(md5(random()::text || clock_timestamp()::text || email), 1, 24),
    email, name, password_hash, created_at
  FROM agents WHERE email IS NOT NULL;
  -- Agents keep name and role, and point to their account instead of holding email and password.
  -- One membership per account and site.
  ALTER TABLE agents ADD COLUMN account_id TEXT REFERENCES accounts (id);
  UPDATE agents SET account_id = c.id FROM accounts c WHERE c.email = agents.email;
  ALTER TABLE agents DROP COLUMN email, DROP COLUMN password_hash;
  CREATE UNIQUE INDEX agents_by_account ON agents (account_id, site_id);
  -- Sessions belong to an account; site_id is the site its console shows. Signed-in browsers
  -- stay signed in.
  ALTER TABLE sessions ADD COLUMN account_id TEXT;
  UPDATE sessions SET account_id = a.account_id
  FROM agents a WHERE a.site_id = sessions.site_id AND a.id = sessions.agent_id;
  DELETE FROM sessions WHERE account_id IS NULL;
  ALTER TABLE sessions ALTER COLUMN account_id SET NOT NULL, DROP COLUMN agent_id;
  CREATE INDEX sessions_by_expiry ON sessions (expires_at);
  -- Invites to a site's team: single use (deleted when used or revoked), the link's secret kept
  -- only as a hash.
  CREATE TABLE invites (
    id TEXT PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    site_id TEXT NOT NULL REFERENCES sites (id),
    email TEXT NOT NULL,
    role TEXT NOT NULL,
    agent_id TEXT,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    -- Wrong passwords given with the link by someone who has an account: a few, then it is void.
    failed_attempts INTEGER NOT NULL DEFAULT 0
  );
  CREATE INDEX invites_by_site ON invites (site_id, created_at);
  `,
  `
  -- Scoring version 2: each conversation keeps the fold its state and evidence come from, so a
  -- fact that arrives in order is folded on without reading the conversation's facts again.
  -- Rows without one (every row before this version) are derived again, in chunks, at start.
  ALTER TABLE conversations ADD COLUMN fold JSONB;
  `,
  `
  -- Accounts remember the site whose invite made them (NULL: made by the operator, the demo's) and
  -- when their owner proved the email theirs (docs/accounts.md): only a proven account may join a
  -- second site's invite, and otherwise an email has one account per site. So the email alone is
  -- no longer unique: email and home site are. Accounts from before keep every site they are on,
  -- with the first of them as their home, unproven.
  ALTER TABLE accounts ADD COLUMN home_site_id TEXT, ADD COLUMN verified_at BIGINT;
  UPDATE accounts SET home_site_id = (
    SELECT a.site_id FROM agents a WHERE a.account_id = accounts.id
    ORDER BY a.created_at, a.site_id COLLATE "C" LIMIT 1);
  ALTER TABLE accounts DROP CONSTRAINT accounts_email_key;
  CREATE UNIQUE INDEX accounts_by_email ON accounts (email, coalesce(home_site_id, ''));
  -- Links that prove an account's email (mailed to it), kept only as hashes; one per account.
  CREATE TABLE verifications (
    token_hash TEXT PRIMARY KEY,
    account_id TEXT NOT NULL UNIQUE,
    expires_at BIGINT NOT NULL
  );
  -- "Sign out everywhere" and a new password end every session of an account.
  CREATE INDEX sessions_by_account ON sessions (account_id);
  `,
  `
  -- Where members of a team were seen lately (signing in, or with a console open), by account:
  -- a rating from such an address within a day is the team's own (excluded "member"). Rows
  -- older than a day are pruned as new ones come.
  CREATE TABLE member_addresses (
    address TEXT NOT NULL,
    account_id TEXT NOT NULL,
    seen_at BIGINT NOT NULL,
    PRIMARY KEY (address, account_id)
  );
  CREATE INDEX member_addresses_by_time ON member_addresses (seen_at);
  -- The inbox: open conversations (the rest it finds by conversations_by_activity), and of
  -- those only ones with a message from their visitor.
  CREATE INDEX conversations_open ON conversations (site_id, last_activity_at)
    WHERE status = 'open';
  CREATE INDEX facts_visitor_messages ON facts (site_id, conversation_id)
    WHERE body->>'type' = 'message' AND body->>'from' = 'visitor';
  `,
  `
  -- The change log (server/storage/changes.ts): each site's committed changes, numbered by the
  -- site's counter in the writing transaction (a plain sequence is not in commit order, so a
  -- reader could skip a row), with no gaps. NOTIFY wakes the other nodes.
  ALTER TABLE sites ADD COLUMN change_seq BIGINT NOT NULL DEFAULT 0;
  -- Each conversation row's version: how many times it was written (views carry it, so a
  -- client keeps the newest of two that cross).
  ALTER TABLE conversations ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
  -- When a member last had a console open, on any node (live/presence.ts).
  ALTER TABLE agents ADD COLUMN last_seen_at BIGINT;
  CREATE TABLE site_changes (
    site_id TEXT NOT NULL,
    seq BIGINT NOT NULL,
    at BIGINT NOT NULL,
    body JSONB NOT NULL,
    PRIMARY KEY (site_id, seq)
  );
  -- Each site's live-score sums as of a change: a start replays only the changes after it.
  CREATE TABLE score_checkpoints (
    site_id TEXT PRIMARY KEY,
    seq BIGINT NOT NULL,
    at BIGINT NOT NULL,
    board JSONB NOT NULL
  );
  -- Rate-limit counters every node shares (rate-limiter-flexible's layout).
  CREATE TABLE rate_limits (
    key VARCHAR(255) PRIMARY KEY,
    points INTEGER NOT NULL DEFAULT 0,
    expire BIGINT
  );
  -- The sign-in backoff's counts every node shares (server/limits/sign-in.ts).
  CREATE TABLE backoff_records (
    key TEXT PRIMARY KEY,
    value JSONB NOT NULL,
    expires_at BIGINT NOT NULL
  );
  CREATE INDEX backoff_records_by_expiry ON backoff_records (expires_at);
  -- Room messages between nodes too large for NOTIFY (@socket.io/postgres-adapter).
  CREATE TABLE socket_io_attachments (
    id BIGSERIAL UNIQUE,
    created_at TIMESTAMPTZ DEFAULT NOW(),
    payload BYTEA
  );
  `,
];
