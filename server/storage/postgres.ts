/**
 * The PostgreSQL store, for running Peakend on more than one node. Same interface and behaviour
 * as the SQLite store (sqlite.ts): facts are the source of truth, and each conversation row is
 * re-derived from all its facts in the transaction that adds to them, which commits before the
 * call returns, so an acknowledgement never outruns a commit.
 *
 * Several nodes write at once, so what SQLite gets from its single writer is made explicit
 * here: migrations run under an advisory lock, and every write to a site's conversations first
 * locks the site's row (its change counter, changes.ts), reading the site's settings under that
 * lock: writers of one site take turns until they commit, so their changes are numbered in
 * commit order, and none derives a conversation with settings that changed meanwhile. Each
 * commit that appends changes NOTIFYs the other nodes.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { ConversationState } from '../../shared/conversation';
import {
  changeBody,
  changeFromRow,
  numberChanges,
  scoreDelta,
  type Change,
  type ChangeDraft,
} from './changes';
import type { Fact } from '../../shared/facts';
import {
  FOLD_VERSION,
  foldConversation,
  type ConversationEvidence,
  packFold,
  type FoldedConversation,
} from '../../shared/scoring/fold';
import type { CountedRating } from '../../shared/scoring/ratings';
import type { SubjectSums } from '../../shared/scoring/sums';
import type { SiteSettings } from '../../shared/settings';
import { DAY } from '../../shared/time';
import type { Observation } from '../../shared/scoring/types';
import { REDERIVE_CHUNK, sharedObservations, sumsAtFrom, type SumsRow } from './derive';
import { batchKeys, planBatch, type BatchCall, type BatchPlan, type StoredRow } from './batch';
import { POSTGRES_MIGRATIONS } from './postgres-schema';
import {
  AGENT_COLUMNS,
  AGENTS_WITH_ACCOUNTS,
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
  ScoreCheckpoint,
  ScoreSnapshot,
  StoredConversation,
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
const LOCK = { migrate: 0x70656b01 } as const;

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

const stored = (row: { state: ConversationState; version: number }): StoredConversation => ({
  ...row.state,
  version: row.version,
});

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
  return new PostgresStore(pool, schema);
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

/** The channel that carries "site S has changes up to N" between nodes of one database. */
export const changesChannel = (schema: string | undefined) =>
  schema ? `peakend_changes_${schema}` : 'peakend_changes';

/** Most calls one transaction carries; the rest wait for the next. */
const MAX_BATCH_CALLS = 500;

interface QueuedCall extends BatchCall {
  resolve: (result: RecordResult) => void;
  reject: (error: unknown) => void;
}

interface SiteQueue {
  calls: QueuedCall[];
  running: boolean;
}

/** A site's row locked for a write of its conversations, with its settings as of the lock. */
const LOCK_SITE = `SELECT settings FROM sites WHERE id = $1 FOR NO KEY UPDATE`;

export class PostgresStore implements Store {
  private closed = false;
  private readonly secrets = new Map<string, Promise<Buffer>>();

  constructor(
    /** Also carries socket.io's messages between nodes (server/cluster.ts). */
    readonly pool: pg.Pool,
    /** The schema it works in, if not the default: nodes of one schema are one cluster. */
    readonly schema?: string,
  ) {
    this.channel = changesChannel(schema);
  }

  /** Where NOTIFY announces committed changes (see changesChannel). */
  readonly channel: string;

  /**
   * Numbers the drafts with the site's counter, appends them and NOTIFYs (delivered at commit),
   * in one round trip of the caller's transaction, which holds the site's row from here on.
   */
  private async appendChanges(
    client: pg.PoolClient,
    siteId: string,
    drafts: readonly ChangeDraft[],
  ): Promise<Change[]> {
    if (drafts.length === 0) return [];
    const at = Date.now();
    const { rows } = await client.query<{ seq: number }>(
      `WITH counter AS (
         UPDATE sites SET change_seq = change_seq + $2 WHERE id = $1 RETURNING change_seq),
       appended AS (
         INSERT INTO site_changes (site_id, seq, at, body)
         SELECT $1, (SELECT change_seq FROM counter) - $2 + b.n, $3, b.body
         FROM unnest($4::jsonb[]) WITH ORDINALITY AS b (body, n))
       SELECT change_seq AS seq, pg_notify($5, $1 || ' ' || change_seq) FROM counter`,
      [siteId, drafts.length, at, drafts.map(changeBody), this.channel],
    );
    const last = rows[0]?.seq;
    return last === undefined ? [] : numberChanges(siteId, last - drafts.length, at, drafts);
  }

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

  async updateSite(site: Site): Promise<Change[]> {
    return this.transaction(async (client) => {
      await client.query(
        `UPDATE sites SET name = $2, allowed_origins = $3::jsonb, settings = $4::jsonb,
           key_hash = $5 WHERE id = $1`,
        siteValues(site).slice(0, 5),
      );
      return this.appendChanges(client, site.id, [{ kind: 'site' }]);
    });
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

  /**
   * Group commit, as SQLite's: calls for one site made while its previous batch commits wait
   * and go together in the next, one transaction with the same few statements however many
   * calls it carries (batch.ts). Each call resolves (or is refused alone) after the commit.
   */
  recordFacts(
    site: Site,
    facts: readonly Fact[],
    options: RecordOptions = {},
  ): Promise<RecordResult> {
    if (facts.length === 0) {
      return Promise.resolve({
        accepted: [],
        duplicates: 0,
        conversations: [],
        evidence: [],
        changes: [],
      });
    }
    return new Promise((resolve, reject) => {
      let queue = this.queues.get(site.id);
      if (!queue) this.queues.set(site.id, (queue = { calls: [], running: false }));
      queue.calls.push({ facts, options, resolve, reject });
      if (!queue.running) this.commitQueued(site, queue);
    });
  }

  private readonly queues = new Map<string, SiteQueue>();

  private commitQueued(site: Site, queue: SiteQueue): void {
    queue.running = true;
    // A turn of the event loop first, so calls made together go together.
    setImmediate(() => {
      const calls = queue.calls.splice(0, MAX_BATCH_CALLS);
      void this.commitBatch(site, calls).finally(() => {
        if (queue.calls.length > 0) this.commitQueued(site, queue);
        else {
          queue.running = false;
          this.queues.delete(site.id);
        }
      });
    });
  }

  private async commitBatch(site: Site, calls: QueuedCall[]): Promise<void> {
    const receivedAt = Date.now();
    let settled: { stored: number; answer: () => void }[];
    try {
      settled = await this.transaction(async (client) => {
        // Writers of the site take turns from here to COMMIT. Each statement in READ COMMITTED
        // sees everything committed before it started, so whoever holds the lock reads the
        // folds, evidence and settings the previous writer left.
        const locked = await client.query<{ settings: SiteSettings }>(LOCK_SITE, [site.id]);
        const settings = locked.rows[0]?.settings ?? site.settings;
        const { factIds, conversationIds } = batchKeys(calls);
        const [stored, rows] = await Promise.all([
          client.query<{ id: string; body: Fact }>(
            'SELECT id, body FROM facts WHERE site_id = $1 AND id = ANY($2::text[])',
            [site.id, factIds],
          ),
          client.query<StoredRow>(
            `SELECT id, state, evidence, fold, version FROM conversations
             WHERE site_id = $1 AND id = ANY($2::text[])`,
            [site.id, conversationIds],
          ),
        ]);
        const plan = await planBatch(
          calls,
          {
            stored: new Map(stored.rows.map((row) => [row.id, row.body])),
            rows: new Map(rows.rows.map((row) => [row.id, row])),
            factsOf: async (ids) => {
              const { rows: found } = await client.query<{ conversation_id: string; body: Fact }>(
                `SELECT conversation_id, body FROM facts
                 WHERE site_id = $1 AND conversation_id = ANY($2::text[])`,
                [site.id, ids],
              );
              return groupByConversation(found);
            },
          },
          settings,
        );
        await this.writePlan(client, site.id, plan, receivedAt);
        const drafts = plan.outcomes.flatMap((outcome) => (outcome.ok ? outcome.drafts : []));
        const numbered = await this.appendChanges(client, site.id, drafts);
        let next = 0;
        return plan.outcomes.map((outcome, i) => {
          const call = calls[i] as QueuedCall;
          if (!outcome.ok) return { stored: 0, answer: () => call.reject(outcome.error) };
          const { accepted, duplicates, conversations, evidence, drafts } = outcome;
          const changes = numbered.slice(next, (next += drafts.length));
          const result = { accepted, duplicates, conversations, evidence, changes };
          return { stored: accepted.length, answer: () => call.resolve(result) };
        });
      });
    } catch (error) {
      // Nothing of the batch is stored.
      for (const call of calls) call.reject(error);
      return;
    }
    for (const settle of settled) settle.answer();
    this.commitListener?.(settled.reduce((sum, settle) => sum + settle.stored, 0));
  }

  private commitListener: ((facts: number) => void) | undefined;

  observeCommits(listener: (facts: number) => void): void {
    this.commitListener = listener;
  }

  /** The batch's writes: facts, adopted agents, conversations and their observation rows. */
  private async writePlan(
    client: pg.PoolClient,
    siteId: string,
    plan: BatchPlan,
    receivedAt: number,
  ): Promise<void> {
    if (plan.facts.length > 0) {
      await client.query(
        `INSERT INTO facts (site_id, id, conversation_id, at, body, received_at)
         SELECT $1, f.id, f.conversation_id, f.at, f.body, $6
         FROM unnest($2::text[], $3::text[], $4::bigint[], $5::jsonb[])
           AS f (id, conversation_id, at, body)`,
        [
          siteId,
          plan.facts.map((f) => f.id),
          plan.facts.map((f) => f.conversationId),
          plan.facts.map((f) => f.at),
          plan.facts.map((f) => JSON.stringify(f)),
          receivedAt,
        ],
      );
    }
    if (plan.agents.length > 0) {
      // An agent known only from facts: named by its id until someone names it.
      await client.query(
        `INSERT INTO agents (site_id, id, name, role, account_id, created_at)
         SELECT $1, a.id, a.id, 'agent', NULL, $3 FROM unnest($2::text[]) AS a (id)
         ON CONFLICT DO NOTHING`,
        [siteId, plan.agents, receivedAt],
      );
    }
    await this.saveDerived(
      client,
      siteId,
      plan.conversations,
      new Map(plan.conversations.map((c) => [c.state.id, c.before])),
    );
  }

  async scoreSnapshot(siteId: string): Promise<ScoreSnapshot> {
    const client = await this.pool.connect();
    try {
      // One snapshot for both reads: the counter and the evidence as of the same commits.
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const counter = await client.query<{ seq: number }>(
        'SELECT change_seq AS seq FROM sites WHERE id = $1',
        [siteId],
      );
      const { rows } = await client.query<{ id: string; evidence: ConversationEvidence }>(
        `SELECT id, evidence FROM conversations WHERE site_id = $1 AND evidence IS NOT NULL`,
        [siteId],
      );
      await client.query('COMMIT');
      return {
        seq: counter.rows[0]?.seq ?? 0,
        evidence: rows.map((row) => ({ conversationId: row.id, evidence: row.evidence })),
      };
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async changesSince(siteId: string, after: number, limit: number): Promise<Change[]> {
    const { rows } = await this.pool.query<{ seq: number; at: number; body: object }>(
      `SELECT seq, at, body FROM site_changes WHERE site_id = $1 AND seq > $2
       ORDER BY seq LIMIT $3`,
      [siteId, after, limit],
    );
    return rows.map((row) => changeFromRow(siteId, row.seq, row.at, row.body));
  }

  async lastChange(siteId: string): Promise<number> {
    const { rows } = await this.pool.query<{ seq: number }>(
      'SELECT change_seq AS seq FROM sites WHERE id = $1',
      [siteId],
    );
    return rows[0]?.seq ?? 0;
  }

  async loadCheckpoint(siteId: string): Promise<ScoreCheckpoint | null> {
    const { rows } = await this.pool.query<{ seq: number; at: number; board: unknown }>(
      'SELECT seq, at, board FROM score_checkpoints WHERE site_id = $1',
      [siteId],
    );
    const row = rows[0];
    return row ? { siteId, ...row } : null;
  }

  async saveCheckpoint({ siteId, seq, at, board }: ScoreCheckpoint): Promise<void> {
    await this.pool.query(
      `INSERT INTO score_checkpoints (site_id, seq, at, board) VALUES ($1, $2, $3, $4::jsonb)
       ON CONFLICT (site_id) DO UPDATE SET seq = excluded.seq, at = excluded.at,
         board = excluded.board WHERE excluded.seq >= score_checkpoints.seq`,
      [siteId, seq, at, JSON.stringify(board)],
    );
  }

  async pruneChanges(siteId: string, upTo: number, before: number): Promise<void> {
    await this.pool.query('DELETE FROM site_changes WHERE site_id = $1 AND seq <= $2 AND at < $3', [
      siteId,
      upTo,
      before,
    ]);
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
      const locked = await client.query<{ settings: SiteSettings }>(LOCK_SITE, [site.id]);
      const settings = locked.rows[0]?.settings ?? site.settings;
      const { rows } = await client.query<{ id: string; evidence: ConversationEvidence | null }>(
        `SELECT id, evidence FROM conversations
         WHERE site_id = $1 AND id > $2 ${stale ? STALE_FOLD : ''}
         ORDER BY id LIMIT $3`,
        [site.id, after, REDERIVE_CHUNK],
      );
      const derived = await this.foldAgain(
        client,
        site.id,
        settings,
        rows.map((row) => row.id),
      );
      const versions = await this.saveDerived(client, site.id, derived);
      const before = new Map(rows.map((row) => [row.id, row.evidence]));
      const evidence = derived.map(({ state, evidence }) => ({
        conversationId: state.id,
        before: before.get(state.id) ?? null,
        after: evidence,
      }));
      const changes = await this.appendChanges(
        client,
        site.id,
        evidence.map(({ conversationId, before, after }) => ({
          kind: 'conversation',
          conversationId,
          version: versions.get(conversationId) ?? 0,
          score: scoreDelta(before, after),
        })),
      );
      return { evidence, changes, next: rows.at(-1)?.id ?? null };
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
    siteId: string,
    settings: SiteSettings,
    ids: readonly string[],
  ): Promise<FoldedConversation[]> {
    if (ids.length === 0) return [];
    const { rows } = await client.query<{ conversation_id: string; body: Fact }>(
      `SELECT conversation_id, body FROM facts
       WHERE site_id = $1 AND conversation_id = ANY($2::text[])`,
      [siteId, ids],
    );
    const factsOf = groupByConversation(rows);
    return ids.flatMap((id) => foldConversation(factsOf.get(id) ?? [], settings) ?? []);
  }

  /**
   * Saves the fold, state, evidence and observation rows of each derived conversation; `before`,
   * the evidence their stored rows hold, lets only the observations that changed be rewritten.
   */
  /**
   * Saves the fold, state, evidence and observation rows of each derived conversation, and
   * returns each one's version by id: the state's own when it carries one (a batch's final
   * version), else one more than the row's. `before`, the evidence their stored rows hold, lets
   * only the observations that changed be rewritten.
   */
  private async saveDerived(
    client: pg.PoolClient,
    siteId: string,
    derived: readonly (FoldedConversation & { state: { version?: number } })[],
    before: ReadonlyMap<string, ConversationEvidence | null> = new Map(),
  ): Promise<Map<string, number>> {
    if (derived.length === 0) return new Map();
    const { rows: saved } = await client.query<{ id: string; version: number }>(
      `INSERT INTO conversations AS stored (site_id, id, status, visitor_id, last_activity_at,
         rating_agent_id, rating_end, rating_at, state, evidence, fold, version)
       SELECT $1, c.id, c.status, c.visitor_id, c.last_activity_at, c.rating_agent_id,
         c.rating_end, c.rating_at, c.state, c.evidence, c.fold, coalesce(c.version, 1)
       FROM unnest($2::text[], $3::text[], $4::text[], $5::bigint[], $6::text[], $7::integer[],
         $8::bigint[], $9::jsonb[], $10::jsonb[], $11::jsonb[], $12::integer[])
         AS c (id, status, visitor_id, last_activity_at, rating_agent_id, rating_end,
           rating_at, state, evidence, fold, version)
       ON CONFLICT (site_id, id) DO UPDATE SET
         version = CASE WHEN $13::boolean THEN excluded.version ELSE stored.version + 1 END,
         status = excluded.status, visitor_id = excluded.visitor_id,
         last_activity_at = excluded.last_activity_at, rating_agent_id = excluded.rating_agent_id,
         rating_end = excluded.rating_end, rating_at = excluded.rating_at,
         state = excluded.state, evidence = excluded.evidence, fold = excluded.fold
       RETURNING id, version`,
      [
        siteId,
        derived.map(({ state }) => state.id),
        derived.map(({ state }) => state.status),
        derived.map(({ state }) => state.visitorId),
        derived.map(({ state }) => state.lastActivityAt),
        derived.map(({ state }) => state.rating?.agentId ?? null),
        derived.map(({ state }) => state.rating?.end ?? null),
        derived.map(({ state }) => state.rating?.at ?? null),
        derived.map(({ state: { version: _version, ...state } }) => JSON.stringify(state)),
        derived.map(({ evidence }) => JSON.stringify(evidence)),
        derived.map(({ fold }) => JSON.stringify(packFold(fold))),
        derived.map(({ state }) => state.version ?? null),
        derived.every(({ state }) => state.version !== undefined),
      ],
    );
    await this.saveObservations(client, siteId, derived, before);
    return new Map(saved.map((row) => [row.id, row.version]));
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

  async getConversations(
    siteId: string,
    conversationIds: readonly string[],
  ): Promise<StoredConversation[]> {
    if (conversationIds.length === 0) return [];
    const { rows } = await this.pool.query<{ state: ConversationState; version: number }>(
      'SELECT state, version FROM conversations WHERE site_id = $1 AND id = ANY($2::text[])',
      [siteId, conversationIds],
    );
    return rows.map(stored);
  }

  async recentFacts(
    siteId: string,
    conversationIds: readonly string[],
    last: number,
  ): Promise<Map<string, Fact[]>> {
    if (conversationIds.length === 0) return new Map();
    const { rows } = await this.pool.query<{ conversation_id: string; body: Fact }>(
      `SELECT conversation_id, body FROM (
         SELECT f.conversation_id, f.body, f.at, f.id, row_number() OVER (
           PARTITION BY f.conversation_id ORDER BY f.at DESC, f.id DESC) AS n
         FROM facts f WHERE f.site_id = $1 AND f.conversation_id = ANY($2::text[])) recent
       WHERE n <= $3 ORDER BY conversation_id, at, id`,
      [siteId, conversationIds, last],
    );
    return groupByConversation(rows);
  }

  async getConversation(
    siteId: string,
    conversationId: string,
  ): Promise<StoredConversation | null> {
    const { rows } = await this.pool.query<{ state: ConversationState; version: number }>(
      'SELECT state, version FROM conversations WHERE site_id = $1 AND id = $2',
      [siteId, conversationId],
    );
    return rows[0] ? stored(rows[0]) : null;
  }

  async listConversations(siteId: string, query: ConversationQuery): Promise<ListedConversation[]> {
    // The inbox (store.ts, InboxPlace): waiting, then open, then closed; newest first. Only
    // open and recently closed conversations are read (conversations_open,
    // conversations_by_activity), and facts_visitor_messages says which have a visitor message.
    const { rows } = await this.pool.query<
      { state: ConversationState; version: number } & InboxPlace
    >(
      `SELECT state, version, rank, last_activity_at AS "lastActivityAt", id FROM (
         SELECT c.state, c.version, c.id, c.last_activity_at,
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
    return rows.map(({ state, version, rank, lastActivityAt, id }) => ({
      state: stored({ state, version }),
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

  async noteMembersSeen(
    members: readonly { siteId: string; agentId: string }[],
    at: number,
  ): Promise<void> {
    if (members.length === 0) return;
    await this.pool.query(
      `UPDATE agents a SET last_seen_at = GREATEST(coalesce(a.last_seen_at, 0), $3)
       FROM unnest($1::text[], $2::text[]) AS m (site_id, id)
       WHERE a.site_id = m.site_id AND a.id = m.id`,
      [members.map((m) => m.siteId), members.map((m) => m.agentId), at],
    );
  }

  async memberLastSeen(siteId: string, agentId: string): Promise<number | null> {
    const { rows } = await this.pool.query<{ at: number | null }>(
      'SELECT last_seen_at AS at FROM agents WHERE site_id = $1 AND id = $2',
      [siteId, agentId],
    );
    return rows[0]?.at ?? null;
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

  async latestConversationOf(
    siteId: string,
    visitorId: string,
  ): Promise<StoredConversation | null> {
    const { rows } = await this.pool.query<{ state: ConversationState; version: number }>(
      `SELECT state, version FROM conversations WHERE site_id = $1 AND visitor_id = $2
       ORDER BY status = 'open' DESC, last_activity_at DESC LIMIT 1`,
      [siteId, visitorId],
    );
    return rows[0] ? stored(rows[0]) : null;
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
