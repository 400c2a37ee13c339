/**
 * The schema's history before migrations were recorded by name: SQLite counted the steps it had
 * run in `PRAGMA user_version`, PostgreSQL in the table `peakend_schema_version`, each with its own
 * steps. Databases made then still exist, so the baseline (0001_baseline.ts) finishes their
 * steps from these, as they shipped (never edit them), and leaves them at today's schema.
 */
import { sql, type Kysely } from 'kysely';
import { newerSchema } from '../common';
import type { Dialect } from '../dialect';
import type { Tables } from '../tables';

/**
 * Each database's legacy steps after the first (which made the tables of a new database, as the
 * baseline now does): `[0]` took version 1 to 2, and so on.
 */
export const LEGACY_STEPS: Record<Dialect['kind'], readonly string[]> = {
  sqlite: [
    // 2: Site keys, kept as hashes.
    `
      ALTER TABLE sites ADD COLUMN key_hash TEXT;
      CREATE UNIQUE INDEX sites_by_key ON sites (key_hash);
    `,
    // 3: Each conversation's evidence.
    `
      ALTER TABLE conversations ADD COLUMN evidence TEXT;
    `,
    // 4: Observation rows, filled from the evidence kept so far.
    `
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
      INSERT INTO observations (site_id, conversation_id, seq, subject, dimension, value, weight,
        at, cause)
      SELECT c.site_id, c.id, o.key, json_extract(o.value, '$.subject'),
        json_extract(o.value, '$.dimension'), json_extract(o.value, '$.value'),
        json_extract(o.value, '$.weight'), json_extract(o.value, '$.at'),
        json_extract(o.value, '$.cause')
      FROM conversations c, json_each(c.evidence, '$.observations') o
      WHERE c.evidence IS NOT NULL;
    `,
    // 5: Accounts apart from agents; sessions belong to accounts; invites.
    `
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
      CREATE TABLE invites (
        id TEXT PRIMARY KEY,
        token_hash TEXT NOT NULL UNIQUE,
        site_id TEXT NOT NULL REFERENCES sites (id),
        email TEXT NOT NULL,
        role TEXT NOT NULL,
        agent_id TEXT,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        failed_attempts INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX invites_by_site ON invites (site_id, created_at);
    `,
    // 6: Each conversation's fold.
    `
      ALTER TABLE conversations ADD COLUMN fold TEXT;
    `,
    // 7: Accounts by email and home site; email proofs.
    `
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
      CREATE TABLE verifications (
        token_hash TEXT PRIMARY KEY,
        account_id TEXT NOT NULL UNIQUE,
        expires_at INTEGER NOT NULL
      );
      CREATE INDEX sessions_by_account ON sessions (account_id);
    `,
    // 8: Where members were seen; the inbox's indexes.
    `
      CREATE TABLE member_addresses (
        address TEXT NOT NULL,
        account_id TEXT NOT NULL,
        seen_at INTEGER NOT NULL,
        PRIMARY KEY (address, account_id)
      );
      CREATE INDEX member_addresses_by_time ON member_addresses (seen_at);
      CREATE INDEX conversations_open ON conversations (site_id, last_activity_at)
        WHERE status = 'open';
      CREATE INDEX facts_visitor_messages ON facts (site_id, conversation_id)
        WHERE json_extract(body, '$.type') = 'message' AND json_extract(body, '$.from') = 'visitor';
    `,
    // 9: The change log, row versions, presence and score checkpoints.
    `
      ALTER TABLE sites ADD COLUMN change_seq INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE conversations ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE agents ADD COLUMN last_seen_at INTEGER;
      CREATE TABLE site_changes (
        site_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        at INTEGER NOT NULL,
        body TEXT NOT NULL,
        PRIMARY KEY (site_id, seq)
      ) WITHOUT ROWID;
      CREATE TABLE score_checkpoints (
        site_id TEXT PRIMARY KEY,
        seq INTEGER NOT NULL,
        at INTEGER NOT NULL,
        board TEXT NOT NULL
      );
    `,
  ],
  postgres: [
    // 2: Observation rows, filled from the evidence kept so far.
    `
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
      INSERT INTO observations (site_id, conversation_id, seq, subject, dimension, value, weight,
        at, cause)
      SELECT c.site_id, c.id, o.n - 1, o.item->>'subject', o.item->>'dimension',
        (o.item->>'value')::double precision, (o.item->>'weight')::double precision,
        (o.item->>'at')::bigint, o.item->'cause'
      FROM conversations c
      CROSS JOIN LATERAL jsonb_array_elements(c.evidence->'observations') WITH ORDINALITY
        AS o (item, n);
    `,
    // 3: Accounts apart from agents; sessions belong to accounts; invites.
    `
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
      ALTER TABLE agents ADD COLUMN account_id TEXT REFERENCES accounts (id);
      UPDATE agents SET account_id = c.id FROM accounts c WHERE c.email = agents.email;
      ALTER TABLE agents DROP COLUMN email, DROP COLUMN password_hash;
      CREATE UNIQUE INDEX agents_by_account ON agents (account_id, site_id);
      ALTER TABLE sessions ADD COLUMN account_id TEXT;
      UPDATE sessions SET account_id = a.account_id
      FROM agents a WHERE a.site_id = sessions.site_id AND a.id = sessions.agent_id;
      DELETE FROM sessions WHERE account_id IS NULL;
      ALTER TABLE sessions ALTER COLUMN account_id SET NOT NULL, DROP COLUMN agent_id;
      CREATE INDEX sessions_by_expiry ON sessions (expires_at);
      CREATE TABLE invites (
        id TEXT PRIMARY KEY,
        token_hash TEXT NOT NULL UNIQUE,
        site_id TEXT NOT NULL REFERENCES sites (id),
        email TEXT NOT NULL,
        role TEXT NOT NULL,
        agent_id TEXT,
        created_at BIGINT NOT NULL,
        expires_at BIGINT NOT NULL,
        failed_attempts INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX invites_by_site ON invites (site_id, created_at);
    `,
    // 4: Each conversation's fold.
    `
      ALTER TABLE conversations ADD COLUMN fold JSONB;
    `,
    // 5: Accounts by email and home site; email proofs.
    `
      ALTER TABLE accounts ADD COLUMN home_site_id TEXT, ADD COLUMN verified_at BIGINT;
      UPDATE accounts SET home_site_id = (
        SELECT a.site_id FROM agents a WHERE a.account_id = accounts.id
        ORDER BY a.created_at, a.site_id COLLATE "C" LIMIT 1);
      ALTER TABLE accounts DROP CONSTRAINT accounts_email_key;
      CREATE UNIQUE INDEX accounts_by_email ON accounts (email, coalesce(home_site_id, ''));
      CREATE TABLE verifications (
        token_hash TEXT PRIMARY KEY,
        account_id TEXT NOT NULL UNIQUE,
        expires_at BIGINT NOT NULL
      );
      CREATE INDEX sessions_by_account ON sessions (account_id);
    `,
    // 6: Where members were seen; the inbox's indexes.
    `
      CREATE TABLE member_addresses (
        address TEXT NOT NULL,
        account_id TEXT NOT NULL,
        seen_at BIGINT NOT NULL,
        PRIMARY KEY (address, account_id)
      );
      CREATE INDEX member_addresses_by_time ON member_addresses (seen_at);
      CREATE INDEX conversations_open ON conversations (site_id, last_activity_at)
        WHERE status = 'open';
      CREATE INDEX facts_visitor_messages ON facts (site_id, conversation_id)
        WHERE body->>'type' = 'message' AND body->>'from' = 'visitor';
    `,
    // 7: The change log, row versions, presence, score checkpoints and the tables nodes share.
    `
      ALTER TABLE sites ADD COLUMN change_seq BIGINT NOT NULL DEFAULT 0;
      ALTER TABLE conversations ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE agents ADD COLUMN last_seen_at BIGINT;
      CREATE TABLE site_changes (
        site_id TEXT NOT NULL,
        seq BIGINT NOT NULL,
        at BIGINT NOT NULL,
        body JSONB NOT NULL,
        PRIMARY KEY (site_id, seq)
      );
      CREATE TABLE score_checkpoints (
        site_id TEXT PRIMARY KEY,
        seq BIGINT NOT NULL,
        at BIGINT NOT NULL,
        board JSONB NOT NULL
      );
      CREATE TABLE rate_limits (
        key VARCHAR(255) PRIMARY KEY,
        points INTEGER NOT NULL DEFAULT 0,
        expire BIGINT
      );
      CREATE TABLE backoff_records (
        key TEXT PRIMARY KEY,
        value JSONB NOT NULL,
        expires_at BIGINT NOT NULL
      );
      CREATE INDEX backoff_records_by_expiry ON backoff_records (expires_at);
      CREATE TABLE socket_io_attachments (
        id BIGSERIAL UNIQUE,
        created_at TIMESTAMPTZ DEFAULT NOW(),
        payload BYTEA
      );
    `,
  ],
};

/** Above every legacy version: a Peakend from before refuses the database as newer. */
const RETIRED = 1000;

/** The database's legacy version; 0 for a new database. */
export async function legacyVersion(db: Kysely<Tables>, dialect: Dialect): Promise<number> {
  if (dialect.kind === 'sqlite') {
    const { rows } = await sql<{ user_version: number }>`PRAGMA user_version`.execute(db);
    return rows[0]?.user_version ?? 0;
  }
  const { rows: found } = await sql<{ name: string | null }>`
    SELECT to_regclass('peakend_schema_version')::text AS name`.execute(db);
  if (!found[0]?.name) return 0;
  const { rows } = await sql<{ version: number }>`
    SELECT version FROM peakend_schema_version`.execute(db);
  return rows[0]?.version ?? 0;
}

/** Runs the legacy steps a database at `version` has not had; refuses one from a newer version. */
export async function finishLegacySteps(
  db: Kysely<Tables>,
  dialect: Dialect,
  version: number,
  target: string,
): Promise<void> {
  const steps = LEGACY_STEPS[dialect.kind];
  if (version > steps.length + 1) throw newerSchema(target, version, steps.length + 1);
  for (const step of steps.slice(version - 1)) await dialect.script(db, step);
}

/** Sets the legacy version past every legacy one, so no Peakend from before builds over it. */
export async function retireLegacyVersion(db: Kysely<Tables>, dialect: Dialect): Promise<void> {
  if (dialect.kind === 'sqlite') {
    await sql.raw(`PRAGMA user_version = ${RETIRED}`).execute(db);
    return;
  }
  await dialect.script(
    db,
    `CREATE TABLE IF NOT EXISTS peakend_schema_version (
       singleton BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (singleton),
       version INTEGER NOT NULL
     );
     INSERT INTO peakend_schema_version (version) VALUES (${RETIRED})
     ON CONFLICT (singleton) DO UPDATE SET version = excluded.version;`,
  );
}
