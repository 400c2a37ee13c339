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
  `
  -- People who sign in, apart from the agents a site scores: an account holds one agent row (its
  -- membership, with its role) on each site it belongs to, so one person may work on several
  -- sites. Every agent that had an email becomes an account with that email and password.
  CREATE TABLE accounts (
    id TEXT PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    password_hash TEXT,
    created_at INTEGER NOT NULL
  );
  INSERT INTO accounts (id, email, name, password_hash, created_at)
  SELECT 'acct_' || lower(hex(randomblob(12))), email, name, password_hash, created_at
  FROM agents WHERE email IS NOT NULL;
  -- Agents keep name and role, and point to their account instead of holding email and password
  -- (rebuilt: SQLite cannot drop a UNIQUE column). One membership per account and site.
  CREATE TABLE agents_v5 (
    site_id TEXT NOT NULL REFERENCES sites (id),
    id TEXT NOT NULL,
    name TEXT NOT NULL,
    role TEXT NOT NULL,
    account_id TEXT REFERENCES accounts (id),
    created_at INTEGER NOT NULL,
    PRIMARY KEY (site_id, id)
  );
  INSERT INTO agents_v5 (site_id, id, name, role, account_id, created_at)
  SELECT a.site_id, a.id, a.name, a.role,
    (SELECT c.id FROM accounts c WHERE c.email = a.email), a.created_at
  FROM agents a;
  DROP TABLE agents;
  ALTER TABLE agents_v5 RENAME TO agents;
  CREATE UNIQUE INDEX agents_by_account ON agents (account_id, site_id);
  -- Sessions belong to an account; site_id is the site its console shows. Signed-in browsers
  -- stay signed in.
  CREATE TABLE sessions_v5 (
    token_hash TEXT PRIMARY KEY,
    account_id TEXT NOT NULL,
    site_id TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
  );
  INSERT INTO sessions_v5 (token_hash, account_id, site_id, created_at, expires_at)
  SELECT s.token_hash, a.account_id, s.site_id, s.created_at, s.expires_at
  FROM sessions s JOIN agents a ON a.site_id = s.site_id AND a.id = s.agent_id
  WHERE a.account_id IS NOT NULL;
  DROP TABLE sessions;
  ALTER TABLE sessions_v5 RENAME TO sessions;
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
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    -- Wrong passwords given with the link by someone who has an account: a few, then it is void.
    failed_attempts INTEGER NOT NULL DEFAULT 0
  );
  CREATE INDEX invites_by_site ON invites (site_id, created_at);
  `,
  `
  -- Scoring version 2: each conversation keeps the fold its state and evidence come from, so a
  -- fact that arrives in order is folded on without reading the conversation's facts again.
  -- Rows without one (every row before this version) are derived again, in chunks, at start.
  ALTER TABLE conversations ADD COLUMN fold TEXT;
  `,
  `
  -- Accounts remember the site whose invite made them (NULL: made by the operator, the demo's) and
  -- when their owner proved the email theirs (docs/accounts.md): only a proven account may join a
  -- second site's invite, and otherwise an email has one account per site. So the email alone is
  -- no longer unique: email and home site are. Accounts from before keep every site they are on,
  -- with the first of them as their home, unproven. Rebuilt (SQLite cannot drop a UNIQUE
  -- constraint); agents refer to accounts, so their check waits for the rows to be back.
  PRAGMA defer_foreign_keys = ON;
  CREATE TABLE accounts_before_home_sites AS SELECT * FROM accounts;
  DROP TABLE accounts;
  CREATE TABLE accounts (
    id TEXT PRIMARY KEY,
    email TEXT NOT NULL,
    name TEXT NOT NULL,
    password_hash TEXT,
    created_at INTEGER NOT NULL,
    home_site_id TEXT,
    verified_at INTEGER
  );
  INSERT INTO accounts (id, email, name, password_hash, created_at, home_site_id, verified_at)
  SELECT c.id, c.email, c.name, c.password_hash, c.created_at,
    (SELECT a.site_id FROM agents a WHERE a.account_id = c.id
     ORDER BY a.created_at, a.site_id LIMIT 1), NULL
  FROM accounts_before_home_sites c;
  DROP TABLE accounts_before_home_sites;
  CREATE UNIQUE INDEX accounts_by_email ON accounts (email, coalesce(home_site_id, ''));
  -- Links that prove an account's email (mailed to it), kept only as hashes; one per account.
  CREATE TABLE verifications (
    token_hash TEXT PRIMARY KEY,
    account_id TEXT NOT NULL UNIQUE,
    expires_at INTEGER NOT NULL
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
    seen_at INTEGER NOT NULL,
    PRIMARY KEY (address, account_id)
  );
  CREATE INDEX member_addresses_by_time ON member_addresses (seen_at);
  -- The inbox: open conversations (the rest it finds by conversations_by_activity), and of
  -- those only ones with a message from their visitor.
  CREATE INDEX conversations_open ON conversations (site_id, last_activity_at)
    WHERE status = 'open';
  CREATE INDEX facts_visitor_messages ON facts (site_id, conversation_id)
    WHERE json_extract(body, '$.type') = 'message' AND json_extract(body, '$.from') = 'visitor';
  `,
  `
  -- The change log (server/storage/changes.ts): each site's committed changes, numbered by the
  -- site's counter in the writing transaction, so in commit order with no gaps.
  ALTER TABLE sites ADD COLUMN change_seq INTEGER NOT NULL DEFAULT 0;
  -- Each conversation row's version: how many times it was written (views carry it, so a
  -- client keeps the newest of two that cross).
  ALTER TABLE conversations ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
  -- When a member last had a console open, on any node (live/presence.ts).
  ALTER TABLE agents ADD COLUMN last_seen_at INTEGER;
  CREATE TABLE site_changes (
    site_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    at INTEGER NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (site_id, seq)
  ) WITHOUT ROWID;
  -- Each site's live-score sums as of a change: a start replays only the changes after it.
  CREATE TABLE score_checkpoints (
    site_id TEXT PRIMARY KEY,
    seq INTEGER NOT NULL,
    at INTEGER NOT NULL,
    board TEXT NOT NULL
  );
  `,
];
