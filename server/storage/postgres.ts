/**
 * The PostgreSQL store, for running Peakend on more than one node. Same interface and behaviour
 * as the SQLite store (sqlite.ts): facts are the source of truth, and each conversation row is
 * re-derived from all its facts in the transaction that adds to them, which commits before the
 * call returns, so an acknowledgement never outruns a commit.
 *
 * Several nodes write at once, so two things SQLite gets from its single writer are made
 * explicit here: migrations run under an advisory lock, writers to one conversation take turns
 * on a transaction-scoped advisory lock before reading its facts, and re-deriving a whole site
 * waits for, then holds off, every writer of that site.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { ConversationState } from '../../shared/conversation';
import type { Fact } from '../../shared/facts';
import {
  FOLD_VERSION,
  foldConversation,
  type ConversationEvidence,
  packFold,
  unpackFold,
  type FoldCore,
  type FoldedConversation,
} from '../../shared/scoring/fold';
import type { CountedRating } from '../../shared/scoring/ratings';
import type { SubjectSums } from '../../shared/scoring/sums';
import type { SiteSettings } from '../../shared/settings';
import { DAY } from '../../shared/time';
import type { Observation } from '../../shared/scoring/types';
import {
  checkConversationBounds,
  foldOn,
  REDERIVE_CHUNK,
  refuseChangedRepeat,
  sharedObservations,
  sumsAtFrom,
  type SumsRow,
} from './derive';
import { POSTGRES_MIGRATIONS } from './postgres-schema';
import {
  AGENT_COLUMNS,
  AGENTS_WITH_ACCOUNTS,
  agentOf,
  StorageError,
  toAccount,
  toAccountRecord,
  isUniqueViolation,
  toAgent,
  toInvite,
  toSite,
  type AccountRow,
  type AgentRow,
  type InviteRow,
  type SiteRow,
} from './common';
import { StoreConflict } from './store';
import type {
  Account,
  AccountCredentials,
  AccountRecord,
  Agent,
  EmailVerification,
  MemberChange,
  MemberChangeResult,
  ConversationQuery,
  InboxPlace,
  Invite,
  InviteRedemption,
  ListedConversation,
  RecordOptions,
  RecordResult,
  RederivedChunk,
  Session,
  Site,
  Store,
} from './store';

export interface PostgresStoreOptions {
  /**
   * Keep Peakend's tables in this schema (created if missing) rather than the first schema of
   * the server's search_path, e.g. to share one database. `?schema=NAME` in the URL does the same.
   */
  schema?: string;
}

/** Unquoted identifiers only, so the name needs no quoting in SQL or in the startup options. */
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * First keys of our advisory locks (two-key form), so they cannot meet another application's
 * single-key locks in the same database. The second key is a hash: a collision only makes two
 * unrelated conversations take turns.
 */
const LOCK = { migrate: 0x70656b01, conversation: 0x70656b02, site: 0x70656b03 } as const;

/** Conversations derived by rules older than this version's (an upgrade derives them again). */
const STALE_FOLD = `AND (fold IS NULL OR (fold->>'version')::int < ${FOLD_VERSION})`;

const INT8_OID = 20;

/**
 * BIGINT columns hold epoch milliseconds and come back as numbers rather than pg's default
 * strings (exact up to 2^53 ms, far beyond any real time). Set on this pool only, so pg's global
 * parsers stay as other code expects them.
 */
const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID && format !== 'binary'
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig['getTypeParser'],
};

// JSON goes in as text: pg would send a JS array as a PostgreSQL array, not as JSON.
const siteValues = (site: Site) => [
  site.id,
  site.name,
  JSON.stringify(site.allowedOrigins),
  JSON.stringify(site.settings),
  site.keyHash,
  site.createdAt,
];

/** Facts by conversation, in the order the rows came. */
function groupByConversation(
  rows: readonly { conversation_id: string; body: Fact }[],
): Map<string, Fact[]> {
  const groups = new Map<string, Fact[]>();
  for (const row of rows) {
    const list = groups.get(row.conversation_id);
    if (list) list.push(row.body);
    else groups.set(row.conversation_id, [row.body]);
  }
  return groups;
}

const byId = (a: Fact, b: Fact) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Where a URL points, for messages: host, port, database and schema; never the password. */
function describeTarget(url: URL, schema: string | undefined): string {
  const host = url.hostname || url.searchParams.get('host') || 'localhost';
  const database = decodeURIComponent(url.pathname.slice(1)) || decodeURIComponent(url.username);
  return `${host}:${url.port || '5432'}/${database}${schema ? ` (schema ${schema})` : ''}`;
}

/** A connection error's text; Node reports a refused dual-stack connect as an AggregateError. */
function reason(error: unknown): string {
  if (error instanceof AggregateError && !error.message) {
    return error.errors.map((e: unknown) => (e as Error).message).join('; ');
  }
  return (error as Error).message || String((error as { code?: string }).code ?? error);
}

/**
 * Connects, migrates and returns the store. Throws StorageError when the database cannot be
 * reached, cannot be migrated, or is from a newer version of Peakend.
 */
export async function openPostgresStore(
  url: string,
  options: PostgresStoreOptions = {},
): Promise<PostgresStore> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    // The URL may hold a password: say what is wrong without repeating it.
    throw new StorageError('DATABASE_URL is not a valid postgres:// URL.');
  }
  const schema = options.schema ?? (parsed.searchParams.get('schema') || undefined);
  if (parsed.searchParams.has('schema')) {
    parsed.searchParams.delete('schema');
    url = parsed.toString();
  }
  const where = describeTarget(parsed, schema);
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
    throw new StorageError(
      `Invalid PostgreSQL schema name "${schema}": use lower-case letters, digits and _.`,
    );
  }

  const pool = new pg.Pool({
    connectionString: url,
    types,
    // Without a timeout, a host that drops packets would hang the start and /healthz forever.
    connectionTimeoutMillis: 10_000,
    // Set at session start, so every pooled connection sees only this schema.
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  // An idle connection that dies (server restart, network) is dropped by the pool and replaced
  // on next use; without a listener the 'error' event would crash the process. /healthz (ping)
  // is where an outage shows.
  pool.on('error', () => undefined);

  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (error) {
    await pool.end();
    throw new StorageError(
      `Cannot reach PostgreSQL at ${where}: ${reason(error)}. ` +
        'Check DATABASE_URL and that the database server is running.',
    );
  }
  try {
    await migrate(client, schema, where);
  } catch (error) {
    client.release(true);
    await pool.end();
    if (error instanceof StorageError) throw error;
    throw new StorageError(`Cannot prepare the PostgreSQL database at ${where}: ${reason(error)}`);
  }
  client.release();
  return new PostgresStore(pool);
}

/**
 * Runs the pending migrations in one transaction under an advisory lock, so nodes starting
 * together take turns: the first migrates, the others then find nothing left to do. The lock is
 * per database and search_path, so separate schemas migrate independently.
 */
async function migrate(
  client: pg.PoolClient,
  schema: string | undefined,
  where: string,
): Promise<void> {
  await client.query('BEGIN');
  try {
    await client.query(
      `SELECT pg_advisory_xact_lock($1,
         hashtext(current_database() || ':' || current_setting('search_path')))`,
      [LOCK.migrate],
    );
    // Look before creating: CREATE SCHEMA IF NOT EXISTS still needs the right to create one,
    // which a role given a schema made by its DBA may not have.
    if (schema) {
      const exists = await client.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema]);
      if (exists.rowCount === 0) await client.query(`CREATE SCHEMA ${schema}`);
    }
    await client.query(
      `CREATE TABLE IF NOT EXISTS peakend_schema_version (
         singleton BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (singleton),
         version INTEGER NOT NULL
       )`,
    );
    await client.query(
      'INSERT INTO peakend_schema_version (version) VALUES (0) ON CONFLICT DO NOTHING',
    );
    const { rows } = await client.query<{ version: number }>(
      'SELECT version FROM peakend_schema_version',
    );
    const version = rows[0]?.version ?? 0;
    if (version > POSTGRES_MIGRATIONS.length) {
      throw new StorageError(
        `The PostgreSQL database at ${where} has schema version ${version}, newer than this ` +
          `version of Peakend understands (${POSTGRES_MIGRATIONS.length}). Upgrade Peakend, or ` +
          'point DATABASE_URL at another database.',
      );
    }
    for (const [i, migration] of POSTGRES_MIGRATIONS.slice(version).entries()) {
      await client.query(migration);
      await client.query('UPDATE peakend_schema_version SET version = $1', [version + i + 1]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/** Rolls back an invite's redemption whose scored agent someone else has meanwhile. */
class NotRedeemed extends Error {}

type Queryable = pg.Pool | pg.PoolClient;

/** Inserts or updates an agent row; with `onlyWithoutAccount`, updates only an account-less one. */
async function upsertAgent(db: Queryable, agent: Agent, onlyWithoutAccount = false) {
  const result = await db.query(
    `INSERT INTO agents (site_id, id, name, role, account_id, created_at)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (site_id, id) DO UPDATE SET name = excluded.name, role = excluded.role,
       account_id = excluded.account_id
     ${onlyWithoutAccount ? 'WHERE agents.account_id IS NULL' : ''}`,
    [agent.siteId, agent.id, agent.name, agent.role, agent.accountId, agent.createdAt],
  );
  return (result.rowCount ?? 0) > 0;
}

/** An account made by an invite of `homeSiteId` (email unproven), or by the operator (null). */
async function insertAccount(
  db: Queryable,
  account: Account,
  passwordHash: string,
  homeSiteId: string | null,
) {
  await db.query(
    `INSERT INTO accounts (id, email, name, password_hash, created_at, home_site_id, verified_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [
      account.id,
      account.email,
      account.name,
      passwordHash,
      account.createdAt,
      homeSiteId,
      homeSiteId === null ? account.createdAt : null,
    ],
  );
}

export class PostgresStore implements Store {
  private closed = false;
  private readonly secrets = new Map<string, Promise<Buffer>>();

  constructor(private readonly pool: pg.Pool) {}

  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
  }

  async close(): Promise<void> {
    // Idempotent like SQLite's close: the server closes its store, and so may a test after it.
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }

  async secret(name: string): Promise<Buffer> {
    // A secret never changes once stored, and handshakes ask for it each time: read it once.
    let value = this.secrets.get(name);
    if (!value) {
      value = this.readSecret(name);
      this.secrets.set(name, value);
      // A failed read (the database away) is not remembered: the next call tries again.
      value.catch(() => this.secrets.delete(name));
    }
    return value;
  }

  private async readSecret(name: string): Promise<Buffer> {
    // Insert-if-absent, then read: every node reads whichever value committed first.
    await this.pool.query(
      'INSERT INTO secrets (name, value) VALUES ($1, $2) ON CONFLICT DO NOTHING',
      [name, randomBytes(32)],
    );
    const { rows } = await this.pool.query<{ value: Buffer }>(
      'SELECT value FROM secrets WHERE name = $1',
      [name],
    );
    const value = rows[0]?.value;
    if (!value) throw new StorageError(`The secret "${name}" was not stored.`);
    return value;
  }

  async createSite(site: Site): Promise<void> {
    await this.pool.query(
      `INSERT INTO sites (id, name, allowed_origins, settings, key_hash, created_at)
       VALUES ($1, $2, $3::jsonb, $4::jsonb, $5, $6)`,
      siteValues(site),
    );
  }

  async updateSite(site: Site): Promise<void> {
    await this.pool.query(
      `UPDATE sites SET name = $2, allowed_origins = $3::jsonb, settings = $4::jsonb,
         key_hash = $5 WHERE id = $1`,
      siteValues(site).slice(0, 5),
    );
  }

  async getSite(siteId: string): Promise<Site | null> {
    const { rows } = await this.pool.query<SiteRow>('SELECT * FROM sites WHERE id = $1', [siteId]);
    return rows[0] ? toSite(rows[0]) : null;
  }

  async listSites(): Promise<Site[]> {
    const { rows } = await this.pool.query<SiteRow>('SELECT * FROM sites ORDER BY id');
    return rows.map(toSite);
  }

  async findSiteByKeyHash(keyHash: string): Promise<Site | null> {
    const { rows } = await this.pool.query<SiteRow>('SELECT * FROM sites WHERE key_hash = $1', [
      keyHash,
    ]);
    return rows[0] ? toSite(rows[0]) : null;
  }

  async saveAgent(agent: Agent): Promise<void> {
    await upsertAgent(this.pool, agent);
  }

  async getAgent(siteId: string, agentId: string): Promise<Agent | null> {
    const { rows } = await this.pool.query<AgentRow>(
      `SELECT ${AGENT_COLUMNS} FROM ${AGENTS_WITH_ACCOUNTS}
       WHERE agents.site_id = $1 AND agents.id = $2`,
      [siteId, agentId],
    );
    return rows[0] ? toAgent(rows[0]) : null;
  }

  async listAgents(siteId: string): Promise<Agent[]> {
    // Byte order, as SQLite sorts, whatever the database's locale.
    const { rows } = await this.pool.query<AgentRow>(
      `SELECT ${AGENT_COLUMNS} FROM ${AGENTS_WITH_ACCOUNTS} WHERE agents.site_id = $1
       ORDER BY agents.name COLLATE "C", agents.id COLLATE "C"`,
      [siteId],
    );
    return rows.map(toAgent);
  }

  async createAccount(account: Account, passwordHash: string): Promise<void> {
    await insertAccount(this.pool, account, passwordHash, null);
  }

  async accountsByEmail(email: string): Promise<AccountRecord[]> {
    const { rows } = await this.pool.query<AccountRow>(
      'SELECT * FROM accounts WHERE email = $1 ORDER BY created_at, id COLLATE "C"',
      [email],
    );
    return rows.map(toAccountRecord);
  }

  async accountRecord(accountId: string): Promise<AccountRecord | null> {
    const { rows } = await this.pool.query<AccountRow>('SELECT * FROM accounts WHERE id = $1', [
      accountId,
    ]);
    return rows[0] ? toAccountRecord(rows[0]) : null;
  }

  async setPasswordHash(accountId: string, passwordHash: string): Promise<void> {
    await this.pool.query('UPDATE accounts SET password_hash = $2 WHERE id = $1', [
      accountId,
      passwordHash,
    ]);
  }

  async createVerification(verification: EmailVerification): Promise<void> {
    await this.pool.query(
      `INSERT INTO verifications (token_hash, account_id, expires_at) VALUES ($1, $2, $3)
       ON CONFLICT (account_id) DO UPDATE SET token_hash = excluded.token_hash,
         expires_at = excluded.expires_at`,
      [verification.tokenHash, verification.accountId, verification.expiresAt],
    );
  }

  async verifyEmail(tokenHash: string, accountId: string, now: number): Promise<boolean> {
    return this.transaction(async (client) => {
      const used = await client.query(
        'DELETE FROM verifications WHERE token_hash = $1 AND account_id = $2 AND expires_at > $3',
        [tokenHash, accountId, now],
      );
      if (used.rowCount === 0) return false;
      await client.query(
        'UPDATE accounts SET verified_at = coalesce(verified_at, $2) WHERE id = $1',
        [accountId, now],
      );
      return true;
    });
  }

  async getAccount(accountId: string): Promise<Account | null> {
    const { rows } = await this.pool.query<AccountRow>('SELECT * FROM accounts WHERE id = $1', [
      accountId,
    ]);
    return rows[0] ? toAccount(rows[0]) : null;
  }

  async findCredentials(email: string): Promise<AccountCredentials | null> {
    const { rows } = await this.pool.query<AccountRow>(
      'SELECT * FROM accounts WHERE email = $1 ORDER BY created_at, id COLLATE "C" LIMIT 1',
      [email],
    );
    const row = rows[0];
    return row ? { account: toAccount(row), passwordHash: row.password_hash } : null;
  }

  async memberOf(accountId: string, siteId: string): Promise<Agent | null> {
    const { rows } = await this.pool.query<AgentRow>(
      `SELECT ${AGENT_COLUMNS} FROM ${AGENTS_WITH_ACCOUNTS}
       WHERE agents.account_id = $1 AND agents.site_id = $2`,
      [accountId, siteId],
    );
    return rows[0] ? toAgent(rows[0]) : null;
  }

  async membershipsOf(accountId: string): Promise<Agent[]> {
    const { rows } = await this.pool.query<AgentRow>(
      `SELECT ${AGENT_COLUMNS} FROM ${AGENTS_WITH_ACCOUNTS} WHERE agents.account_id = $1
       ORDER BY agents.created_at, agents.site_id COLLATE "C"`,
      [accountId],
    );
    return rows.map(toAgent);
  }

  async createSession(session: Session): Promise<void> {
    await this.transaction(async (client) => {
      await client.query('DELETE FROM sessions WHERE expires_at <= $1', [session.createdAt]);
      await client.query(
        `INSERT INTO sessions (token_hash, account_id, site_id, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5)`,
        [
          session.tokenHash,
          session.accountId,
          session.siteId,
          session.createdAt,
          session.expiresAt,
        ],
      );
    });
  }

  async getSession(tokenHash: string, now: number): Promise<Session | null> {
    const { rows } = await this.pool.query<Session>(
      `SELECT token_hash AS "tokenHash", account_id AS "accountId", site_id AS "siteId",
         created_at AS "createdAt", expires_at AS "expiresAt"
       FROM sessions WHERE token_hash = $1 AND expires_at > $2`,
      [tokenHash, now],
    );
    return rows[0] ?? null;
  }

  async setSessionSite(tokenHash: string, siteId: string): Promise<void> {
    await this.pool.query('UPDATE sessions SET site_id = $2 WHERE token_hash = $1', [
      tokenHash,
      siteId,
    ]);
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.pool.query('DELETE FROM sessions WHERE token_hash = $1', [tokenHash]);
  }

  async deleteSessionsOf(accountId: string, keep?: string): Promise<string[]> {
    const { rows } = await this.pool.query<{ token_hash: string }>(
      `DELETE FROM sessions WHERE account_id = $1 AND token_hash IS DISTINCT FROM $2
       RETURNING token_hash`,
      [accountId, keep ?? null],
    );
    return rows.map((row) => row.token_hash);
  }

  async changeMember(
    siteId: string,
    agentId: string,
    change: MemberChange,
  ): Promise<MemberChangeResult> {
    return this.transaction(async (client): Promise<MemberChangeResult> => {
      // The site's admins who can sign in, locked (in id order, so two changes cannot deadlock)
      // until this transaction ends: a concurrent change waits, then reads them as changed.
      const admins = await client.query<{ id: string }>(
        `SELECT id FROM agents WHERE site_id = $1 AND role = 'admin' AND account_id IS NOT NULL
         ORDER BY id COLLATE "C" FOR UPDATE`,
        [siteId],
      );
      const { rows } = await client.query<AgentRow>(
        `SELECT ${AGENT_COLUMNS} FROM ${AGENTS_WITH_ACCOUNTS}
         WHERE agents.site_id = $1 AND agents.id = $2 AND agents.account_id IS NOT NULL
         FOR UPDATE OF agents`,
        [siteId, agentId],
      );
      if (!rows[0]) return { outcome: 'not_member' };
      const member = toAgent(rows[0]);
      const staysAdmin = 'role' in change && change.role === 'admin';
      if (member.role === 'admin' && !staysAdmin) {
        const others = admins.rows.filter((admin) => admin.id !== agentId);
        if (others.length === 0) return { outcome: 'last_admin', agent: member };
      }
      const changed: Agent =
        'role' in change
          ? { ...member, role: change.role }
          : { ...member, accountId: null, email: null, role: 'agent' };
      await upsertAgent(client, changed);
      return { outcome: 'changed', agent: changed };
    });
  }

  async createInvite(invite: Invite): Promise<void> {
    await this.pool.query(
      `INSERT INTO invites (id, token_hash, site_id, email, role, agent_id, created_at,
         expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        invite.id,
        invite.tokenHash,
        invite.siteId,
        invite.email,
        invite.role,
        invite.agentId,
        invite.createdAt,
        invite.expiresAt,
      ],
    );
  }

  async findInvite(tokenHash: string, now: number): Promise<Invite | null> {
    const { rows } = await this.pool.query<InviteRow>(
      'SELECT * FROM invites WHERE token_hash = $1 AND expires_at > $2',
      [tokenHash, now],
    );
    return rows[0] ? toInvite(rows[0]) : null;
  }

  async listInvites(siteId: string, now: number): Promise<Invite[]> {
    const { rows } = await this.pool.query<InviteRow>(
      `SELECT * FROM invites WHERE site_id = $1 AND expires_at > $2
       ORDER BY created_at, id COLLATE "C"`,
      [siteId, now],
    );
    return rows.map(toInvite);
  }

  async deleteInvite(siteId: string, inviteId: string): Promise<boolean> {
    const result = await this.pool.query('DELETE FROM invites WHERE site_id = $1 AND id = $2', [
      siteId,
      inviteId,
    ]);
    return (result.rowCount ?? 0) > 0;
  }

  async redeemInvite(
    tokenHash: string,
    now: number,
    redemption: InviteRedemption,
  ): Promise<boolean> {
    try {
      return await this.transaction(async (client) => {
        // The row lock of the DELETE makes a second redemption of the same link wait, then
        // find nothing to delete.
        const used = await client.query(
          'DELETE FROM invites WHERE token_hash = $1 AND expires_at > $2',
          [tokenHash, now],
        );
        if (used.rowCount === 0) return false;
        const { newAccount, member } = redemption;
        if (newAccount) {
          const { account, passwordHash, homeSiteId } = newAccount;
          await insertAccount(client, account, passwordHash, homeSiteId ?? null);
        }
        // A scored agent is given an account only if nobody has it yet.
        if (!(await upsertAgent(client, member, true))) throw new NotRedeemed();
        return true;
      });
    } catch (error) {
      // Thrown to roll the transaction back: the invite stays, nothing else is written.
      if (error instanceof NotRedeemed) return false;
      // The account or membership it makes exists (another accept got there first).
      if (isUniqueViolation(error)) throw new StoreConflict('already exists');
      throw error;
    }
  }

  async recordFacts(
    site: Site,
    facts: readonly Fact[],
    options: RecordOptions = {},
  ): Promise<RecordResult> {
    const receivedAt = Date.now();
    // The first copy of an id counts, as in SQLite; a later copy in the same batch is a duplicate.
    const unique = new Map<string, Fact>();
    for (const fact of facts) {
      const first = unique.get(fact.id);
      if (!first) unique.set(fact.id, fact);
      else if (options.refuseChangedRepeats) refuseChangedRepeat(fact, first);
    }
    const nothing = { conversations: [], evidence: [] };
    if (unique.size === 0) return { accepted: [], duplicates: facts.length, ...nothing };

    return this.transaction(async (client): Promise<RecordResult> => {
      // Shared with every other writer of the site; rederiving takes it alone.
      await client.query('SELECT pg_advisory_xact_lock_shared($1, hashtext($2))', [
        LOCK.site,
        site.id,
      ]);
      // Rows go in in id order, and later agents and locks in sorted order too: transactions
      // that share some of them then wait for each other in one order and cannot deadlock.
      const rows = [...unique.values()].sort(byId);
      const inserted = await client.query<{ id: string }>(
        `INSERT INTO facts (site_id, id, conversation_id, at, body, received_at)
         SELECT $1, f.id, f.conversation_id, f.at, f.body, $6
         FROM unnest($2::text[], $3::text[], $4::bigint[], $5::jsonb[])
           AS f (id, conversation_id, at, body)
         ON CONFLICT DO NOTHING
         RETURNING id`,
        [
          site.id,
          rows.map((f) => f.id),
          rows.map((f) => f.conversationId),
          rows.map((f) => f.at),
          rows.map((f) => JSON.stringify(f)),
          receivedAt,
        ],
      );
      const stored = new Set(inserted.rows.map((row) => row.id));
      const accepted = [...unique.values()].filter((fact) => stored.has(fact.id));
      const duplicates = facts.length - accepted.length;
      if (options.refuseChangedRepeats && accepted.length < unique.size) {
        const repeats = [...unique.values()].filter((fact) => !stored.has(fact.id));
        const { rows: earlier } = await client.query<{ body: Fact }>(
          'SELECT body FROM facts WHERE site_id = $1 AND id = ANY($2::text[])',
          [site.id, repeats.map((fact) => fact.id)],
        );
        for (const { body } of earlier) refuseChangedRepeat(unique.get(body.id) as Fact, body);
      }
      if (accepted.length === 0) return { accepted, duplicates, ...nothing };

      // An agent known only from facts: named by its id until someone names it.
      const agentIds = [
        ...new Set(accepted.map(agentOf).filter((id): id is string => id !== undefined)),
      ].sort();
      if (agentIds.length > 0) {
        await client.query(
          `INSERT INTO agents (site_id, id, name, role, account_id, created_at)
           SELECT $1, a.id, a.id, 'agent', NULL, $3 FROM unnest($2::text[]) AS a (id)
           ON CONFLICT DO NOTHING`,
          [site.id, agentIds, receivedAt],
        );
      }

      // Writers to one conversation take turns from here to COMMIT. Each statement in READ
      // COMMITTED sees everything committed before it started, so whoever holds the lock reads
      // the fold and evidence the previous writer left (and every fact, when it folds again).
      const added = new Map<string, Fact[]>();
      for (const fact of accepted) {
        const list = added.get(fact.conversationId);
        if (list) list.push(fact);
        else added.set(fact.conversationId, [fact]);
      }
      const touched = [...added.keys()];
      await client.query(
        `SELECT pg_advisory_xact_lock($1, hashtext($2 || ':' || c.id))
         FROM unnest($3::text[]) AS c (id)`,
        [LOCK.conversation, site.id, [...touched].sort()],
      );
      const { rows: previous } = await client.query<{
        id: string;
        state: ConversationState;
        evidence: ConversationEvidence | null;
        fold: FoldCore | null;
      }>(
        `SELECT id, state, evidence, fold FROM conversations
         WHERE site_id = $1 AND id = ANY($2::text[])`,
        [site.id, touched],
      );
      const rowOf = new Map(previous.map((row) => [row.id, row]));
      const derived: FoldedConversation[] = [];
      const refold: string[] = [];
      for (const [conversationId, facts] of added) {
        const row = rowOf.get(conversationId);
        const known = row ? { fold: unpackFold(row.fold, row.state, row.evidence) } : null;
        checkConversationBounds(known, facts);
        const folded = foldOn(known, facts, site.settings);
        if (folded) derived.push(folded);
        else refold.push(conversationId);
      }
      if (refold.length > 0) derived.push(...(await this.foldAgain(client, site, refold)));
      const held = new Map(previous.map((row) => [row.id, row.evidence]));
      await this.saveDerived(client, site, derived, held);
      // In the order first touched, as SQLite returns them.
      const order = new Map(touched.map((id, i) => [id, i]));
      derived.sort((a, b) => (order.get(a.state.id) ?? 0) - (order.get(b.state.id) ?? 0));
      return {
        accepted,
        duplicates,
        conversations: derived.map((d) => d.state),
        evidence: derived.map(({ state, evidence }) => ({
          conversationId: state.id,
          before: rowOf.get(state.id)?.evidence ?? null,
          after: evidence,
        })),
      };
    });
  }

  async siteEvidence(
    siteId: string,
  ): Promise<{ conversationId: string; evidence: ConversationEvidence }[]> {
    const { rows } = await this.pool.query<{ id: string; evidence: ConversationEvidence }>(
      'SELECT id, evidence FROM conversations WHERE site_id = $1 ORDER BY id COLLATE "C"',
      [siteId],
    );
    return rows.map((row) => ({ conversationId: row.id, evidence: row.evidence }));
  }

  async siteFacts(siteId: string): Promise<Fact[][]> {
    const { rows } = await this.pool.query<{ conversation_id: string; body: Fact }>(
      `SELECT conversation_id, body FROM facts WHERE site_id = $1
       ORDER BY conversation_id COLLATE "C", at, id`,
      [siteId],
    );
    return [...groupByConversation(rows).values()];
  }

  async sumsAt(
    siteId: string,
    at: number,
    settings: Pick<SiteSettings, 'halfLifeDays' | 'negativityWeight'>,
  ): Promise<SubjectSums[]> {
    const halfLifeMs = settings.halfLifeDays * DAY;
    // Each group's terms relative to its own latest observation (see sumsAtFrom).
    const { rows } = await this.pool.query<SumsRow>(
      `WITH latest AS (
         SELECT subject, dimension, max(at) AS latest FROM observations
         WHERE site_id = $1 AND at <= $2 GROUP BY subject, dimension)
       SELECT o.subject, o.dimension, count(*)::integer AS n, l.latest,
         sum(o.weight * o.value * power(2, (o.at - l.latest) / $3::double precision)) AS s,
         sum($4 * o.weight * (1 - o.value)
           * power(2, (o.at - l.latest) / $3::double precision)) AS f
       FROM observations o
       -- coalesce, not IS NOT DISTINCT FROM, so the join can hash on the subject ('' is no id).
       JOIN latest l ON coalesce(l.subject, '') = coalesce(o.subject, '')
         AND l.dimension = o.dimension
       WHERE o.site_id = $1 AND o.at <= $2
       GROUP BY o.subject, o.dimension, l.latest`,
      [siteId, at, halfLifeMs, settings.negativityWeight],
    );
    return sumsAtFrom(rows, at, halfLifeMs);
  }

  async rederiveChunk(site: Site, after: string, stale = false): Promise<RederivedChunk> {
    return this.transaction(async (client) => {
      // Alone on the site: writers in flight commit first, new ones wait, so every fact is seen
      // and no writer saves a row derived before the new settings applied.
      await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [LOCK.site, site.id]);
      const { rows } = await client.query<{ id: string; evidence: ConversationEvidence | null }>(
        `SELECT id, evidence FROM conversations
         WHERE site_id = $1 AND id > $2 ${stale ? STALE_FOLD : ''}
         ORDER BY id LIMIT $3`,
        [site.id, after, REDERIVE_CHUNK],
      );
      const derived = await this.foldAgain(
        client,
        site,
        rows.map((row) => row.id),
      );
      await this.saveDerived(client, site, derived);
      const before = new Map(rows.map((row) => [row.id, row.evidence]));
      return {
        evidence: derived.map(({ state, evidence }) => ({
          conversationId: state.id,
          before: before.get(state.id) ?? null,
          after: evidence,
        })),
        next: rows.at(-1)?.id ?? null,
      };
    });
  }

  async sitesToUpgrade(): Promise<string[]> {
    const { rows } = await this.pool.query<{ site_id: string }>(
      `SELECT DISTINCT site_id FROM conversations WHERE TRUE ${STALE_FOLD}`,
    );
    return rows.map((row) => row.site_id);
  }

  /** Folds each conversation in `ids` again from all its facts. */
  private async foldAgain(
    client: pg.PoolClient,
    site: Site,
    ids: readonly string[],
  ): Promise<FoldedConversation[]> {
    if (ids.length === 0) return [];
    const { rows } = await client.query<{ conversation_id: string; body: Fact }>(
      `SELECT conversation_id, body FROM facts
       WHERE site_id = $1 AND conversation_id = ANY($2::text[])`,
      [site.id, ids],
    );
    const factsOf = groupByConversation(rows);
    return ids.flatMap((id) => foldConversation(factsOf.get(id) ?? [], site.settings) ?? []);
  }

  /**
   * Saves the fold, state, evidence and observation rows of each derived conversation; `before`,
   * the evidence their stored rows hold, lets only the observations that changed be rewritten.
   */
  private async saveDerived(
    client: pg.PoolClient,
    site: Site,
    derived: readonly FoldedConversation[],
    before: ReadonlyMap<string, ConversationEvidence | null> = new Map(),
  ): Promise<void> {
    if (derived.length === 0) return;
    await client.query(
      `INSERT INTO conversations (site_id, id, status, visitor_id, last_activity_at,
         rating_agent_id, rating_end, rating_at, state, evidence, fold)
       SELECT $1, c.* FROM unnest($2::text[], $3::text[], $4::text[], $5::bigint[],
         $6::text[], $7::integer[], $8::bigint[], $9::jsonb[], $10::jsonb[], $11::jsonb[])
         AS c (id, status, visitor_id, last_activity_at, rating_agent_id, rating_end,
           rating_at, state, evidence, fold)
       ON CONFLICT (site_id, id) DO UPDATE SET status = excluded.status,
         visitor_id = excluded.visitor_id, last_activity_at = excluded.last_activity_at,
         rating_agent_id = excluded.rating_agent_id, rating_end = excluded.rating_end,
         rating_at = excluded.rating_at, state = excluded.state, evidence = excluded.evidence,
         fold = excluded.fold`,
      [
        site.id,
        derived.map(({ state }) => state.id),
        derived.map(({ state }) => state.status),
        derived.map(({ state }) => state.visitorId),
        derived.map(({ state }) => state.lastActivityAt),
        derived.map(({ state }) => state.rating?.agentId ?? null),
        derived.map(({ state }) => state.rating?.end ?? null),
        derived.map(({ state }) => state.rating?.at ?? null),
        derived.map(({ state }) => JSON.stringify(state)),
        derived.map(({ evidence }) => JSON.stringify(evidence)),
        derived.map(({ fold }) => JSON.stringify(packFold(fold))),
      ],
    );
    await this.saveObservations(client, site.id, derived, before);
  }

  /** Rewrites the observation rows that changed (in the caller's transaction). */
  private async saveObservations(
    client: pg.PoolClient,
    siteId: string,
    derived: readonly FoldedConversation[],
    before: ReadonlyMap<string, ConversationEvidence | null>,
  ): Promise<void> {
    const kept = derived.map(({ state, evidence }) =>
      sharedObservations(before.get(state.id)?.observations, evidence.observations),
    );
    await client.query(
      `DELETE FROM observations o USING unnest($2::text[], $3::integer[]) AS d (id, kept)
       WHERE o.site_id = $1 AND o.conversation_id = d.id AND o.seq >= d.kept`,
      [siteId, derived.map(({ state }) => state.id), kept],
    );
    const rows = derived.flatMap(({ state, evidence }, i) =>
      evidence.observations.slice(kept[i]).map((observation, j) => ({
        conversationId: state.id,
        seq: (kept[i] ?? 0) + j,
        observation,
      })),
    );
    if (rows.length === 0) return;
    await client.query(
      `INSERT INTO observations (site_id, conversation_id, seq, subject, dimension, value,
         weight, at, cause)
       SELECT $1, o.* FROM unnest($2::text[], $3::integer[], $4::text[], $5::text[],
         $6::double precision[], $7::double precision[], $8::bigint[], $9::jsonb[])
         AS o (conversation_id, seq, subject, dimension, value, weight, at, cause)`,
      [
        siteId,
        rows.map((r) => r.conversationId),
        rows.map((r) => r.seq),
        rows.map((r) => r.observation.subject),
        rows.map((r) => r.observation.dimension),
        rows.map((r) => r.observation.value),
        rows.map((r) => r.observation.weight),
        rows.map((r) => r.observation.at),
        rows.map((r) => JSON.stringify(r.observation.cause)),
      ],
    );
  }

  async recentObservations(
    siteId: string,
    subject: string,
    limit: number,
    until = Number.MAX_SAFE_INTEGER,
  ): Promise<Observation[]> {
    const { rows } = await this.pool.query<Observation>(
      `SELECT subject, dimension, value, weight, at, cause FROM observations
       WHERE site_id = $1 AND subject = $2 AND at <= $3
       ORDER BY at DESC, conversation_id DESC, seq DESC LIMIT $4`,
      [siteId, subject, until, limit],
    );
    return rows;
  }

  async listFacts(siteId: string, conversationId: string, last?: number): Promise<Fact[]> {
    if (last === undefined) {
      const { rows } = await this.pool.query<{ body: Fact }>(
        'SELECT body FROM facts WHERE site_id = $1 AND conversation_id = $2 ORDER BY at, id',
        [siteId, conversationId],
      );
      return rows.map((row) => row.body);
    }
    const { rows } = await this.pool.query<{ body: Fact }>(
      `SELECT body FROM facts WHERE site_id = $1 AND conversation_id = $2
       ORDER BY at DESC, id DESC LIMIT $3`,
      [siteId, conversationId, last],
    );
    return rows.map((row) => row.body).reverse();
  }

  async getConversation(siteId: string, conversationId: string): Promise<ConversationState | null> {
    const { rows } = await this.pool.query<{ state: ConversationState }>(
      'SELECT state FROM conversations WHERE site_id = $1 AND id = $2',
      [siteId, conversationId],
    );
    return rows[0]?.state ?? null;
  }

  async listConversations(siteId: string, query: ConversationQuery): Promise<ListedConversation[]> {
    // The inbox (store.ts, InboxPlace): waiting, then open, then closed; newest first. Only
    // open and recently closed conversations are read (conversations_open,
    // conversations_by_activity), and facts_visitor_messages says which have a visitor message.
    const { rows } = await this.pool.query<{ state: ConversationState } & InboxPlace>(
      `SELECT state, rank, last_activity_at AS "lastActivityAt", id FROM (
         SELECT c.state, c.id, c.last_activity_at,
           CASE WHEN c.status <> 'open' THEN 2
             WHEN c.state->'lastMessage'->>'from' = 'visitor' THEN 0
             ELSE 1 END AS rank
         FROM (
           SELECT * FROM conversations WHERE site_id = $1 AND status = 'open'
           UNION ALL
           SELECT * FROM conversations
           WHERE site_id = $1 AND last_activity_at >= $2 AND status <> 'open'
         ) c
         WHERE EXISTS (SELECT 1 FROM facts f WHERE f.site_id = c.site_id
           AND f.conversation_id = c.id AND f.body->>'type' = 'message'
           AND f.body->>'from' = 'visitor')
       ) listed
       WHERE $4::int IS NULL OR rank > $4::int OR (rank = $4::int AND (last_activity_at < $5::bigint
         OR (last_activity_at = $5::bigint AND id < $6::text)))
       ORDER BY rank, last_activity_at DESC, id DESC LIMIT $3`,
      [
        siteId,
        query.closedSince,
        query.limit,
        query.after?.rank ?? null,
        query.after?.lastActivityAt ?? null,
        query.after?.id ?? null,
      ],
    );
    return rows.map(({ state, rank, lastActivityAt, id }) => ({
      state,
      place: { rank, lastActivityAt, id },
    }));
  }

  async noteMemberAddress(accountId: string, address: string, at: number): Promise<void> {
    await this.pool.query('DELETE FROM member_addresses WHERE seen_at < $1', [at - DAY]);
    await this.pool.query(
      `INSERT INTO member_addresses (address, account_id, seen_at) VALUES ($1, $2, $3)
       ON CONFLICT (address, account_id)
       DO UPDATE SET seen_at = GREATEST(member_addresses.seen_at, excluded.seen_at)`,
      [address, accountId, at],
    );
  }

  async memberSeenAt(siteId: string, address: string, since: number): Promise<boolean> {
    const { rows } = await this.pool.query(
      `SELECT 1 FROM member_addresses m JOIN agents a ON a.account_id = m.account_id
       WHERE m.address = $1 AND m.seen_at >= $2 AND a.site_id = $3 LIMIT 1`,
      [address, since, siteId],
    );
    return rows.length > 0;
  }

  async isMemberEmail(siteId: string, email: string): Promise<boolean> {
    const { rows } = await this.pool.query(
      `SELECT 1 FROM agents a JOIN accounts c ON c.id = a.account_id
       WHERE a.site_id = $1 AND c.email = $2 LIMIT 1`,
      [siteId, email],
    );
    return rows.length > 0;
  }

  async latestConversationOf(siteId: string, visitorId: string): Promise<ConversationState | null> {
    const { rows } = await this.pool.query<{ state: ConversationState }>(
      `SELECT state FROM conversations WHERE site_id = $1 AND visitor_id = $2
       ORDER BY status = 'open' DESC, last_activity_at DESC LIMIT 1`,
      [siteId, visitorId],
    );
    return rows[0]?.state ?? null;
  }

  async countedRatings(siteId: string): Promise<CountedRating[]> {
    const { rows } = await this.pool.query<CountedRating>(
      `SELECT rating_agent_id AS "agentId", rating_end AS "end", rating_at AS "at"
       FROM conversations WHERE site_id = $1 AND rating_end IS NOT NULL`,
      [siteId],
    );
    return rows;
  }

  /** Runs `work` in one transaction on one connection; resolves only after COMMIT. */
  private async transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      try {
        await client.query('ROLLBACK');
      } catch (rollbackError) {
        // The connection is unusable: the pool must discard it, not hand it out again.
        broken = rollbackError as Error;
      }
      throw error;
    } finally {
      client.release(broken);
    }
  }
}
