/**
 * The schema as it stood when migrations began to be recorded by name: made whole on a new
 * database; a database from before (a legacy version recorded, legacy.ts) gets the legacy steps
 * it is missing, which end at the same schema.
 */
import { sql, type Kysely, type Migration } from 'kysely';
import type { Dialect } from '../dialect';
import type { Tables } from '../tables';
import { finishLegacySteps, legacyVersion, retireLegacyVersion } from './legacy';

export const baseline = (dialect: Dialect, target: string): Migration => ({
  async up(db: Kysely<Tables>) {
    const legacy = await legacyVersion(db, dialect);
    if (legacy === 0) await dialect.script(db, schema(db, dialect));
    else await finishLegacySteps(db, dialect, legacy, target);
    await retireLegacyVersion(db, dialect);
  },
});

/**
 * Today's tables, the same on both databases but for their column types (dialect.ts) and the
 * tables the nodes of one PostgreSQL database share. `key` columns hold ids compared and sorted
 * by the application: in byte order on PostgreSQL too, whatever the database's locale.
 */
function schema(db: Kysely<Tables>, dialect: Dialect): string {
  const { text, key, int, ms, real, json, bytes } = dialect.types;
  const field = (name: string) => dialect.jsonText(sql.ref('body'), name).compile(db).sql;
  // Tables always read by their primary key are stored in it on SQLite.
  const compact = dialect.kind === 'sqlite' ? 'WITHOUT ROWID' : '';
  const tables = `
    CREATE TABLE secrets (name ${text} PRIMARY KEY, value ${bytes} NOT NULL);
    CREATE TABLE sites (
      id ${text} PRIMARY KEY,
      name ${text} NOT NULL,
      allowed_origins ${json} NOT NULL,
      settings ${json} NOT NULL,
      key_hash ${text},
      created_at ${ms} NOT NULL,
      change_seq ${ms} NOT NULL DEFAULT 0
    );
    CREATE UNIQUE INDEX sites_by_key ON sites (key_hash);
    -- People who sign in: one account per email and home site (docs/accounts.md).
    CREATE TABLE accounts (
      id ${text} PRIMARY KEY,
      email ${text} NOT NULL,
      name ${text} NOT NULL,
      password_hash ${text},
      created_at ${ms} NOT NULL,
      home_site_id ${text},
      verified_at ${ms}
    );
    CREATE UNIQUE INDEX accounts_by_email ON accounts (email, coalesce(home_site_id, ''));
    CREATE TABLE agents (
      site_id ${text} NOT NULL REFERENCES sites (id),
      id ${text} NOT NULL,
      name ${text} NOT NULL,
      role ${text} NOT NULL,
      account_id ${text} REFERENCES accounts (id),
      created_at ${ms} NOT NULL,
      last_seen_at ${ms},
      PRIMARY KEY (site_id, id)
    );
    CREATE UNIQUE INDEX agents_by_account ON agents (account_id, site_id);
    CREATE TABLE verifications (
      token_hash ${text} PRIMARY KEY,
      account_id ${text} NOT NULL UNIQUE,
      expires_at ${ms} NOT NULL
    );
    CREATE TABLE sessions (
      token_hash ${text} PRIMARY KEY,
      account_id ${text} NOT NULL,
      site_id ${text} NOT NULL,
      created_at ${ms} NOT NULL,
      expires_at ${ms} NOT NULL
    );
    CREATE INDEX sessions_by_expiry ON sessions (expires_at);
    CREATE INDEX sessions_by_account ON sessions (account_id);
    CREATE TABLE invites (
      id ${text} PRIMARY KEY,
      token_hash ${text} NOT NULL UNIQUE,
      site_id ${text} NOT NULL REFERENCES sites (id),
      email ${text} NOT NULL,
      role ${text} NOT NULL,
      agent_id ${text},
      created_at ${ms} NOT NULL,
      expires_at ${ms} NOT NULL,
      -- Unused; kept so that databases made before and since have the same columns.
      failed_attempts ${int} NOT NULL DEFAULT 0
    );
    CREATE INDEX invites_by_site ON invites (site_id, created_at);
    -- A rating from where a member was seen within a day is the team's own.
    CREATE TABLE member_addresses (
      address ${text} NOT NULL,
      account_id ${text} NOT NULL,
      seen_at ${ms} NOT NULL,
      PRIMARY KEY (address, account_id)
    );
    CREATE INDEX member_addresses_by_time ON member_addresses (seen_at);

    CREATE TABLE facts (
      site_id ${text} NOT NULL,
      id ${key} NOT NULL,
      conversation_id ${text} NOT NULL,
      at ${ms} NOT NULL,
      body ${json} NOT NULL,
      received_at ${ms} NOT NULL,
      PRIMARY KEY (site_id, id)
    ) ${compact};
    CREATE INDEX facts_by_conversation ON facts (site_id, conversation_id, at, id);
    -- The inbox lists only conversations with a message from their visitor.
    CREATE INDEX facts_visitor_messages ON facts (site_id, conversation_id)
      WHERE ${field('type')} = 'message' AND ${field('from')} = 'visitor';
    CREATE TABLE conversations (
      site_id ${text} NOT NULL,
      id ${text} NOT NULL,
      status ${text} NOT NULL,
      visitor_id ${text},
      last_activity_at ${ms} NOT NULL,
      rating_agent_id ${text},
      rating_end ${int},
      rating_at ${ms},
      state ${json} NOT NULL,
      evidence ${json},
      fold ${json},
      version ${int} NOT NULL DEFAULT 0,
      PRIMARY KEY (site_id, id)
    ) ${compact};
    CREATE INDEX conversations_by_activity ON conversations (site_id, last_activity_at);
    CREATE INDEX conversations_by_visitor ON conversations (site_id, visitor_id, last_activity_at);
    CREATE INDEX conversations_open ON conversations (site_id, last_activity_at)
      WHERE status = 'open';
    -- By the agent they credit or blame (subject; null: the unassigned bucket), for breakdowns.
    CREATE TABLE observations (
      site_id ${text} NOT NULL,
      conversation_id ${key} NOT NULL,
      seq ${int} NOT NULL,
      subject ${text},
      dimension ${text} NOT NULL,
      value ${real} NOT NULL,
      weight ${real} NOT NULL,
      at ${ms} NOT NULL,
      cause ${json} NOT NULL,
      PRIMARY KEY (site_id, conversation_id, seq)
    ) ${compact};
    CREATE INDEX observations_by_subject ON observations (site_id, subject, at);
    CREATE TABLE site_changes (
      site_id ${text} NOT NULL,
      seq ${ms} NOT NULL,
      at ${ms} NOT NULL,
      body ${json} NOT NULL,
      PRIMARY KEY (site_id, seq)
    ) ${compact};
    CREATE TABLE score_checkpoints (
      site_id ${text} PRIMARY KEY,
      seq ${ms} NOT NULL,
      at ${ms} NOT NULL,
      board ${json} NOT NULL
    );`;
  return dialect.kind === 'postgres' ? tables + CLUSTER_TABLES : tables;
}

/** What the nodes of one PostgreSQL database share besides the store's own tables. */
const CLUSTER_TABLES = `
  -- Rate-limit counters (rate-limiter-flexible's layout).
  CREATE TABLE rate_limits (key VARCHAR(255) PRIMARY KEY, points INTEGER NOT NULL DEFAULT 0,
    expire BIGINT);
  -- The sign-in backoff's counts (server/limits/sign-in.ts).
  CREATE TABLE backoff_records (key TEXT PRIMARY KEY, value JSONB NOT NULL,
    expires_at BIGINT NOT NULL);
  CREATE INDEX backoff_records_by_expiry ON backoff_records (expires_at);
  -- Room messages between nodes too large for NOTIFY (@socket.io/postgres-adapter).
  CREATE TABLE socket_io_attachments (id BIGSERIAL UNIQUE,
    created_at TIMESTAMPTZ DEFAULT NOW(), payload BYTEA);`;
