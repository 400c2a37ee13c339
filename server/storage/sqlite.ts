/**
 * The embedded store: one SQLite file in WAL mode with `synchronous=FULL`, so a write is on disk
 * before the call that made it returns and an acknowledgement never outruns a commit.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
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
import {
  checkConversationBounds,
  foldOn,
  REDERIVE_CHUNK,
  refuseChangedRepeat,
  sharedObservations,
  sumsAtFrom,
  type SumsRow,
} from './derive';
import { SQLITE_MIGRATIONS } from './sqlite-schema';
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
  EvidenceChange,
  InboxPlace,
  ListedConversation,
  Invite,
  InviteRedemption,
  RecordOptions,
  RecordResult,
  RederivedChunk,
  ScoreCheckpoint,
  ScoreSnapshot,
  Session,
  StoredConversation,
  Site,
  Store,
} from './store';

/** A conversation row's state with its version (JSON text, as SQLite keeps it). */
const stored = (row: { state: string; version: number }): StoredConversation => ({
  ...(JSON.parse(row.state) as ConversationState),
  version: row.version,
});

/** SQLite keeps JSON as text. */
interface SqliteSiteRow extends SiteRow {
  allowed_origins: string;
  settings: string;
}

const toSqliteSite = (row: SqliteSiteRow): Site =>
  toSite({
    ...row,
    allowed_origins: JSON.parse(row.allowed_origins),
    settings: JSON.parse(row.settings),
  });

const siteRow = (site: Site) => ({
  id: site.id,
  name: site.name,
  allowedOrigins: JSON.stringify(site.allowedOrigins),
  settings: JSON.stringify(site.settings),
  keyHash: site.keyHash,
  createdAt: site.createdAt,
});

/** Conversations derived by rules older than this version's (an upgrade derives them again). */
const STALE_FOLD = `AND (fold IS NULL OR json_extract(fold, '$.version') < ${FOLD_VERSION})`;

/** Rolls back an invite's redemption whose scored agent someone else has meanwhile. */
class NotRedeemed extends Error {}

/** Opens (creating if needed) and migrates the database at `path` (`:memory:` for tests). */
export function openSqliteStore(path: string): SqliteStore {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  let db: Database.Database;
  try {
    db = new Database(path);
  } catch (error) {
    throw new StorageError(
      `Cannot open the SQLite database at ${path}: ${(error as Error).message}`,
    );
  }
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db, path);
  return new SqliteStore(db);
}

function migrate(db: Database.Database, path: string): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > SQLITE_MIGRATIONS.length) {
    db.close();
    throw new StorageError(
      `The database at ${path} has schema version ${version}, newer than this version of ` +
        `Peakend understands (${SQLITE_MIGRATIONS.length}). Upgrade Peakend, or point ` +
        `DATABASE_URL at another database.`,
    );
  }
  db.transaction(() => {
    SQLITE_MIGRATIONS.slice(version).forEach((migration, i) => {
      db.exec(migration);
      db.pragma(`user_version = ${version + i + 1}`);
    });
  })();
}

export class SqliteStore implements Store {
  private readonly statements;
  private readonly secrets = new Map<string, Buffer>();

  constructor(private readonly db: Database.Database) {
    this.statements = {
      insertFact: db.prepare(
        `INSERT INTO facts (site_id, id, conversation_id, at, body, received_at)
         VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
      ),
      storedFact: db.prepare(`SELECT body FROM facts WHERE site_id = ? AND id = ?`),
      storedFold: db.prepare(
        `SELECT fold, state, evidence, version FROM conversations WHERE site_id = ? AND id = ?`,
      ),
      // The site's change counter: the write holds it (SQLite: the whole file) until it commits.
      takeSeqs: db.prepare(
        `UPDATE sites SET change_seq = change_seq + ? WHERE id = ? RETURNING change_seq AS seq`,
      ),
      insertChange: db.prepare(
        `INSERT INTO site_changes (site_id, seq, at, body) VALUES (?, ?, ?, ?)`,
      ),
      changesSince: db.prepare(
        `SELECT seq, at, body FROM site_changes WHERE site_id = ? AND seq > ? ORDER BY seq
         LIMIT ?`,
      ),
      lastChange: db.prepare(`SELECT change_seq AS seq FROM sites WHERE id = ?`),
      // Each group's terms relative to its own latest observation (see sumsAtFrom).
      sumsAt: db.prepare(
        `WITH latest AS (
           SELECT subject, dimension, max(at) AS latest FROM observations
           WHERE site_id = @siteId AND at <= @at GROUP BY subject, dimension)
         SELECT o.subject, o.dimension, count(*) AS n, l.latest,
           sum(o.weight * o.value * pow(2, (o.at - l.latest) / @halfLifeMs)) AS s,
           sum(@lambda * o.weight * (1 - o.value) * pow(2, (o.at - l.latest) / @halfLifeMs)) AS f
         FROM observations o JOIN latest l ON l.subject IS o.subject AND l.dimension = o.dimension
         WHERE o.site_id = @siteId AND o.at <= @at
         GROUP BY o.subject, o.dimension`,
      ),
      lastFactsOf: db.prepare(
        `SELECT body FROM facts WHERE site_id = ? AND conversation_id = ?
         ORDER BY at DESC, id DESC LIMIT ?`,
      ),
      // By conversation through its index (named: without statistics SQLite would read every
      // fact of the site).
      recentFacts: db.prepare(
        `SELECT conversation_id AS conversationId, body FROM (
           SELECT f.conversation_id, f.body, f.at, f.id, row_number() OVER (
             PARTITION BY f.conversation_id ORDER BY f.at DESC, f.id DESC) AS n
           FROM facts f INDEXED BY facts_by_conversation
           WHERE f.site_id = @siteId AND f.conversation_id IN (SELECT value FROM json_each(@ids)))
         WHERE n <= @last ORDER BY conversation_id, at, id`,
      ),
      factsOf: db.prepare(
        `SELECT body FROM facts WHERE site_id = ? AND conversation_id = ? ORDER BY at, id`,
      ),
      // An agent known only from facts: named by its id until someone names it.
      adoptAgent: db.prepare(
        `INSERT INTO agents (site_id, id, name, role, account_id, created_at)
         VALUES (?, ?, ?, 'agent', NULL, ?) ON CONFLICT DO NOTHING`,
      ),
      saveConversation: db.prepare(
        `INSERT INTO conversations (site_id, id, status, visitor_id, last_activity_at,
           rating_agent_id, rating_end, rating_at, state, evidence, fold, version)
         VALUES (@siteId, @id, @status, @visitorId, @lastActivityAt,
           @ratingAgentId, @ratingEnd, @ratingAt, @state, @evidence, @fold, 1)
         ON CONFLICT (site_id, id) DO UPDATE SET version = version + 1, status = excluded.status,
           visitor_id = excluded.visitor_id, last_activity_at = excluded.last_activity_at,
           rating_agent_id = excluded.rating_agent_id, rating_end = excluded.rating_end,
           rating_at = excluded.rating_at, state = excluded.state, evidence = excluded.evidence,
           fold = excluded.fold
         RETURNING version`,
      ),
      conversation: db.prepare(
        `SELECT state, version FROM conversations WHERE site_id = ? AND id = ?`,
      ),
      // The inbox (store.ts, InboxPlace): waiting, then open, then closed; newest first. Only
      // open and recently closed conversations are read (conversations_open,
      // conversations_by_activity), and facts_visitor_messages says which have a visitor message
      // (indexes named: without statistics SQLite would scan the site's rows instead).
      conversations: db.prepare(
        `SELECT state, version, rank, last_activity_at AS lastActivityAt, id FROM (
           SELECT c.state, c.version, c.id, c.last_activity_at,
             CASE WHEN c.status <> 'open' THEN 2
               WHEN json_extract(c.state, '$.lastMessage.from') = 'visitor' THEN 0
               ELSE 1 END AS rank
           FROM (
             SELECT * FROM conversations INDEXED BY conversations_open
             WHERE site_id = @siteId AND status = 'open'
             UNION ALL
             SELECT * FROM conversations INDEXED BY conversations_by_activity
             WHERE site_id = @siteId AND last_activity_at >= @closedSince AND status <> 'open'
           ) c
           WHERE EXISTS (SELECT 1 FROM facts f INDEXED BY facts_visitor_messages
             WHERE f.site_id = c.site_id AND f.conversation_id = c.id
               AND json_extract(f.body, '$.type') = 'message'
               AND json_extract(f.body, '$.from') = 'visitor')
         ) listed
         WHERE @rank IS NULL OR rank > @rank OR (rank = @rank AND (last_activity_at < @at
           OR (last_activity_at = @at AND id < @id)))
         ORDER BY rank, last_activity_at DESC, id DESC LIMIT @limit`,
      ),
      latestOfVisitor: db.prepare(
        `SELECT state, version FROM conversations WHERE site_id = ? AND visitor_id = ?
         ORDER BY status = 'open' DESC, last_activity_at DESC LIMIT 1`,
      ),
      countedRatings: db.prepare(
        `SELECT rating_agent_id AS agentId, rating_end AS "end", rating_at AS at
         FROM conversations WHERE site_id = ? AND rating_end IS NOT NULL`,
      ),
      deleteObservations: db.prepare(
        `DELETE FROM observations WHERE site_id = ? AND conversation_id = ? AND seq >= ?`,
      ),
      insertObservation: db.prepare(
        `INSERT INTO observations (site_id, conversation_id, seq, subject, dimension, value,
           weight, at, cause) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      recentObservations: db.prepare(
        `SELECT subject, dimension, value, weight, at, cause FROM observations
         WHERE site_id = ? AND subject = ? AND at <= ?
         ORDER BY at DESC, conversation_id DESC, seq DESC LIMIT ?`,
      ),
    };
  }

  async ping(): Promise<void> {
    this.db.prepare('SELECT 1').get();
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  async secret(name: string): Promise<Buffer> {
    // A secret never changes once stored, and handshakes ask for it each time: read it once.
    let value = this.secrets.get(name);
    if (!value) {
      this.db
        .prepare('INSERT INTO secrets (name, value) VALUES (?, ?) ON CONFLICT DO NOTHING')
        .run(name, randomBytes(32));
      const row = this.db.prepare('SELECT value FROM secrets WHERE name = ?').get(name) as {
        value: Buffer;
      };
      value = row.value;
      this.secrets.set(name, value);
    }
    return value;
  }

  async createSite(site: Site): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO sites (id, name, allowed_origins, settings, key_hash, created_at)
         VALUES (@id, @name, @allowedOrigins, @settings, @keyHash, @createdAt)`,
      )
      .run(siteRow(site));
    this.sites.delete(site.id);
  }

  async updateSite(site: Site): Promise<Change[]> {
    return this.db.transaction(() => {
      this.db
        .prepare(
          `UPDATE sites SET name = @name, allowed_origins = @allowedOrigins, settings = @settings,
             key_hash = @keyHash WHERE id = @id`,
        )
        .run(siteRow(site));
      this.sites.delete(site.id);
      return this.appendChanges(site.id, [{ kind: 'site' }]);
    })();
  }

  /** Numbers the drafts with the site's counter and appends them (in the caller's transaction). */
  private appendChanges(siteId: string, drafts: readonly ChangeDraft[]): Change[] {
    if (drafts.length === 0) return [];
    const row = this.statements.takeSeqs.get(drafts.length, siteId) as { seq: number } | undefined;
    if (!row) return [];
    const at = Date.now();
    const first = row.seq - drafts.length;
    drafts.forEach((draft, i) => {
      this.statements.insertChange.run(siteId, first + 1 + i, at, changeBody(draft));
    });
    return numberChanges(siteId, first, at, drafts);
  }

  async getSite(siteId: string): Promise<Site | null> {
    return this.siteNow(siteId);
  }

  async listSites(): Promise<Site[]> {
    const rows = this.db.prepare('SELECT * FROM sites ORDER BY id').all() as SqliteSiteRow[];
    return rows.map(toSqliteSite);
  }

  async findSiteByKeyHash(keyHash: string): Promise<Site | null> {
    const row = this.db.prepare('SELECT * FROM sites WHERE key_hash = ?').get(keyHash) as
      SqliteSiteRow | undefined;
    return row ? toSqliteSite(row) : null;
  }

  async saveAgent(agent: Agent): Promise<void> {
    this.upsertAgent(agent);
  }

  /** Inserts or updates an agent row (also inside a caller's transaction). */
  private upsertAgent(agent: Agent, onlyWithoutAccount = false): boolean {
    const result = this.db
      .prepare(
        `INSERT INTO agents (site_id, id, name, role, account_id, created_at)
         VALUES (@siteId, @id, @name, @role, @accountId, @createdAt)
         ON CONFLICT (site_id, id) DO UPDATE SET name = excluded.name, role = excluded.role,
           account_id = excluded.account_id
         ${onlyWithoutAccount ? 'WHERE agents.account_id IS NULL' : ''}`,
      )
      .run({
        siteId: agent.siteId,
        id: agent.id,
        name: agent.name,
        role: agent.role,
        accountId: agent.accountId,
        createdAt: agent.createdAt,
      });
    this.agentLists.delete(agent.siteId);
    return result.changes > 0;
  }

  async getAgent(siteId: string, agentId: string): Promise<Agent | null> {
    const row = this.db
      .prepare(
        `SELECT ${AGENT_COLUMNS} FROM ${AGENTS_WITH_ACCOUNTS}
         WHERE agents.site_id = ? AND agents.id = ?`,
      )
      .get(siteId, agentId) as AgentRow | undefined;
    return row ? toAgent(row) : null;
  }

  async listAgents(siteId: string): Promise<Agent[]> {
    const cached = this.agentLists.get(siteId);
    if (cached) return cached;
    const rows = this.db
      .prepare(
        `SELECT ${AGENT_COLUMNS} FROM ${AGENTS_WITH_ACCOUNTS}
         WHERE agents.site_id = ? ORDER BY agents.name, agents.id`,
      )
      .all(siteId) as AgentRow[];
    const agents = rows.map(toAgent);
    this.agentLists.set(siteId, agents);
    return agents;
  }

  async createAccount(account: Account, passwordHash: string): Promise<void> {
    this.insertAccount(account, passwordHash, null);
  }

  /** An account made by an invite of `homeSiteId` (email unproven), or by the operator (null). */
  private insertAccount(account: Account, passwordHash: string, homeSiteId: string | null): void {
    this.db
      .prepare(
        `INSERT INTO accounts (id, email, name, password_hash, created_at, home_site_id,
           verified_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        account.id,
        account.email,
        account.name,
        passwordHash,
        account.createdAt,
        homeSiteId,
        homeSiteId === null ? account.createdAt : null,
      );
  }

  async accountsByEmail(email: string): Promise<AccountRecord[]> {
    const rows = this.db
      .prepare('SELECT * FROM accounts WHERE email = ? ORDER BY created_at, id')
      .all(email) as AccountRow[];
    return rows.map(toAccountRecord);
  }

  async accountRecord(accountId: string): Promise<AccountRecord | null> {
    const row = this.db.prepare('SELECT * FROM accounts WHERE id = ?').get(accountId) as
      AccountRow | undefined;
    return row ? toAccountRecord(row) : null;
  }

  async setPasswordHash(accountId: string, passwordHash: string): Promise<void> {
    this.db
      .prepare('UPDATE accounts SET password_hash = ? WHERE id = ?')
      .run(passwordHash, accountId);
  }

  async createVerification(verification: EmailVerification): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO verifications (token_hash, account_id, expires_at)
         VALUES (@tokenHash, @accountId, @expiresAt)
         ON CONFLICT (account_id) DO UPDATE SET token_hash = excluded.token_hash,
           expires_at = excluded.expires_at`,
      )
      .run(verification);
  }

  async verifyEmail(tokenHash: string, accountId: string, now: number): Promise<boolean> {
    return this.db.transaction((): boolean => {
      const used = this.db
        .prepare(
          'DELETE FROM verifications WHERE token_hash = ? AND account_id = ? AND expires_at > ?',
        )
        .run(tokenHash, accountId, now);
      if (used.changes === 0) return false;
      this.db
        .prepare('UPDATE accounts SET verified_at = coalesce(verified_at, ?) WHERE id = ?')
        .run(now, accountId);
      return true;
    })();
  }

  async getAccount(accountId: string): Promise<Account | null> {
    const row = this.db.prepare('SELECT * FROM accounts WHERE id = ?').get(accountId) as
      AccountRow | undefined;
    return row ? toAccount(row) : null;
  }

  async findCredentials(email: string): Promise<AccountCredentials | null> {
    const row = this.db
      .prepare('SELECT * FROM accounts WHERE email = ? ORDER BY created_at, id LIMIT 1')
      .get(email) as AccountRow | undefined;
    return row ? { account: toAccount(row), passwordHash: row.password_hash } : null;
  }

  async memberOf(accountId: string, siteId: string): Promise<Agent | null> {
    const row = this.db
      .prepare(
        `SELECT ${AGENT_COLUMNS} FROM ${AGENTS_WITH_ACCOUNTS}
         WHERE agents.account_id = ? AND agents.site_id = ?`,
      )
      .get(accountId, siteId) as AgentRow | undefined;
    return row ? toAgent(row) : null;
  }

  async membershipsOf(accountId: string): Promise<Agent[]> {
    const rows = this.db
      .prepare(
        `SELECT ${AGENT_COLUMNS} FROM ${AGENTS_WITH_ACCOUNTS}
         WHERE agents.account_id = ? ORDER BY agents.created_at, agents.site_id`,
      )
      .all(accountId) as AgentRow[];
    return rows.map(toAgent);
  }

  async createSession(session: Session): Promise<void> {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM sessions WHERE expires_at <= ?').run(session.createdAt);
      this.db
        .prepare(
          `INSERT INTO sessions (token_hash, account_id, site_id, created_at, expires_at)
           VALUES (@tokenHash, @accountId, @siteId, @createdAt, @expiresAt)`,
        )
        .run(session);
    })();
  }

  async getSession(tokenHash: string, now: number): Promise<Session | null> {
    const row = this.db
      .prepare(
        `SELECT token_hash AS tokenHash, account_id AS accountId, site_id AS siteId,
           created_at AS createdAt, expires_at AS expiresAt
         FROM sessions WHERE token_hash = ? AND expires_at > ?`,
      )
      .get(tokenHash, now) as Session | undefined;
    return row ?? null;
  }

  async setSessionSite(tokenHash: string, siteId: string): Promise<void> {
    this.db.prepare('UPDATE sessions SET site_id = ? WHERE token_hash = ?').run(siteId, tokenHash);
  }

  async deleteSession(tokenHash: string): Promise<void> {
    this.db.prepare('DELETE FROM sessions WHERE token_hash = ?').run(tokenHash);
  }

  async deleteSessionsOf(accountId: string, keep?: string): Promise<string[]> {
    const rows = this.db
      .prepare(
        'DELETE FROM sessions WHERE account_id = ? AND token_hash IS NOT ? RETURNING token_hash',
      )
      .all(accountId, keep ?? null) as { token_hash: string }[];
    return rows.map((row) => row.token_hash);
  }

  async changeMember(
    siteId: string,
    agentId: string,
    change: MemberChange,
  ): Promise<MemberChangeResult> {
    // One transaction: SQLite runs them one at a time, so the check and the write cannot be
    // split by another change.
    return this.db.transaction((): MemberChangeResult => {
      const row = this.db
        .prepare(
          `SELECT ${AGENT_COLUMNS} FROM ${AGENTS_WITH_ACCOUNTS}
           WHERE agents.site_id = ? AND agents.id = ? AND agents.account_id IS NOT NULL`,
        )
        .get(siteId, agentId) as AgentRow | undefined;
      if (!row) return { outcome: 'not_member' };
      const member = toAgent(row);
      const staysAdmin = 'role' in change && change.role === 'admin';
      if (member.role === 'admin' && !staysAdmin) {
        const { others } = this.db
          .prepare(
            `SELECT count(*) AS others FROM agents WHERE site_id = ? AND role = 'admin'
             AND account_id IS NOT NULL AND id <> ?`,
          )
          .get(siteId, agentId) as { others: number };
        if (others === 0) return { outcome: 'last_admin', agent: member };
      }
      const changed: Agent =
        'role' in change
          ? { ...member, role: change.role }
          : { ...member, accountId: null, email: null, role: 'agent' };
      this.upsertAgent(changed);
      return { outcome: 'changed', agent: changed };
    })();
  }

  async createInvite(invite: Invite): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO invites (id, token_hash, site_id, email, role, agent_id, created_at,
           expires_at)
         VALUES (@id, @tokenHash, @siteId, @email, @role, @agentId, @createdAt, @expiresAt)`,
      )
      .run(invite);
  }

  async findInvite(tokenHash: string, now: number): Promise<Invite | null> {
    const row = this.db
      .prepare('SELECT * FROM invites WHERE token_hash = ? AND expires_at > ?')
      .get(tokenHash, now) as InviteRow | undefined;
    return row ? toInvite(row) : null;
  }

  async listInvites(siteId: string, now: number): Promise<Invite[]> {
    const rows = this.db
      .prepare(`SELECT * FROM invites WHERE site_id = ? AND expires_at > ? ORDER BY created_at, id`)
      .all(siteId, now) as InviteRow[];
    return rows.map(toInvite);
  }

  async deleteInvite(siteId: string, inviteId: string): Promise<boolean> {
    const result = this.db
      .prepare('DELETE FROM invites WHERE site_id = ? AND id = ?')
      .run(siteId, inviteId);
    return result.changes > 0;
  }

  async redeemInvite(
    tokenHash: string,
    now: number,
    redemption: InviteRedemption,
  ): Promise<boolean> {
    const redeem = this.db.transaction((): boolean => {
      const used = this.db
        .prepare('DELETE FROM invites WHERE token_hash = ? AND expires_at > ?')
        .run(tokenHash, now);
      if (used.changes === 0) return false;
      const { newAccount, member } = redemption;
      if (newAccount) {
        const { account, passwordHash, homeSiteId } = newAccount;
        this.insertAccount(account, passwordHash, homeSiteId ?? null);
      }
      // A scored agent is given an account only if nobody has it yet.
      if (!this.upsertAgent(member, true)) throw new NotRedeemed();
      return true;
    });
    try {
      return redeem();
    } catch (error) {
      // Thrown to roll the transaction back: the invite stays, nothing else is written.
      if (error instanceof NotRedeemed) return false;
      // The account or membership it makes exists (another accept got there first).
      if (isUniqueViolation(error)) throw new StoreConflict('already exists');
      throw error;
    }
  }

  /**
   * Group commit: calls made in the same turn of the event loop share one transaction, and so
   * one sync to disk; each runs in its own savepoint, so one that fails takes nothing else with
   * it. Every call resolves only after the shared commit.
   */
  recordFacts(
    site: Site,
    facts: readonly Fact[],
    options: RecordOptions = {},
  ): Promise<RecordResult> {
    return new Promise((resolve, reject) => {
      this.queued.push({ site, facts, options, resolve, reject });
      if (this.queued.length === 1) setImmediate(() => this.commitQueued());
    });
  }

  private readonly queued: {
    site: Site;
    facts: readonly Fact[];
    options: RecordOptions;
    resolve: (result: RecordResult) => void;
    reject: (error: unknown) => void;
  }[] = [];

  private commitQueued(): void {
    const batch = this.queued.splice(0);
    // Each call is settled only once the shared transaction has committed.
    const settle: (() => void)[] = [];
    let stored = 0;
    try {
      this.db
        .transaction(() => {
          for (const call of batch) {
            try {
              const result = this.recordOne(call.site, call.facts, call.options);
              stored += result.accepted.length;
              settle.push(() => call.resolve(result));
            } catch (error) {
              settle.push(() => call.reject(error));
            }
          }
        })
        .immediate();
    } catch (error) {
      // The commit itself failed: nothing of the batch is stored.
      for (const call of batch) call.reject(error);
      return;
    }
    for (const done of settle) done();
    this.commitListener?.(stored);
  }

  private commitListener: ((facts: number) => void) | undefined;

  observeCommits(listener: (facts: number) => void): void {
    this.commitListener = listener;
  }

  /** One call's work, inside the shared transaction (a savepoint of its own). */
  private readonly recordOne = (
    site: Site,
    facts: readonly Fact[],
    options: RecordOptions,
  ): RecordResult =>
    this.db.transaction((): RecordResult => {
      const receivedAt = Date.now();
      const { insertFact, adoptAgent, storedFact } = this.statements;
      // The settings as they are now, in this transaction: never a copy read before it.
      const settings = this.siteNow(site.id)?.settings ?? site.settings;
      const accepted: Fact[] = [];
      const byConversation = new Map<string, Fact[]>();
      for (const fact of facts) {
        const body = JSON.stringify(fact);
        const result = insertFact.run(
          site.id,
          fact.id,
          fact.conversationId,
          fact.at,
          body,
          receivedAt,
        );
        if (result.changes === 0) {
          if (options.refuseChangedRepeats) {
            const row = storedFact.get(site.id, fact.id) as { body: string };
            refuseChangedRepeat(fact, JSON.parse(row.body) as Fact);
          }
          continue;
        }
        accepted.push(fact);
        const list = byConversation.get(fact.conversationId);
        if (list) list.push(fact);
        else byConversation.set(fact.conversationId, [fact]);
        const agentId = agentOf(fact);
        if (agentId && adoptAgent.run(site.id, agentId, agentId, receivedAt).changes > 0) {
          this.agentLists.delete(site.id);
        }
      }
      const conversations: StoredConversation[] = [];
      const evidence: EvidenceChange[] = [];
      const drafts: ChangeDraft[] = [];
      for (const [conversationId, added] of byConversation) {
        const row = this.statements.storedFold.get(site.id, conversationId) as
          | { fold: string | null; state: string; evidence: string | null; version: number }
          | undefined;
        const before = row?.evidence ? (JSON.parse(row.evidence) as ConversationEvidence) : null;
        const stored = row
          ? {
              fold: row.fold
                ? unpackFold(JSON.parse(row.fold) as FoldCore, JSON.parse(row.state), before)
                : null,
            }
          : null;
        checkConversationBounds(stored, added);
        const derived =
          foldOn(stored, added, settings) ??
          foldConversation(this.factsOf(site.id, conversationId), settings);
        if (!derived) continue;
        const version = this.saveDerived(site.id, derived, before);
        conversations.push({ ...derived.state, version });
        evidence.push({ conversationId, before, after: derived.evidence });
        const score = scoreDelta(before, derived.evidence);
        drafts.push({ kind: 'conversation', conversationId, version, score });
      }
      const changes = this.appendChanges(site.id, drafts);
      const duplicates = facts.length - accepted.length;
      return { accepted, duplicates, conversations, evidence, changes };
    })();

  /**
   * Saves one conversation's fold, state, evidence and observation rows; `before`, the evidence
   * its stored rows hold, lets only the observations that changed be rewritten.
   */
  private saveDerived(
    siteId: string,
    { fold, state, evidence }: FoldedConversation,
    before: ConversationEvidence | null = null,
  ): number {
    const { version } = this.statements.saveConversation.get({
      siteId,
      id: state.id,
      status: state.status,
      visitorId: state.visitorId,
      lastActivityAt: state.lastActivityAt,
      ratingAgentId: state.rating?.agentId ?? null,
      ratingEnd: state.rating?.end ?? null,
      ratingAt: state.rating?.at ?? null,
      state: JSON.stringify(state),
      evidence: JSON.stringify(evidence),
      fold: JSON.stringify(packFold(fold)),
    }) as { version: number };
    const kept = sharedObservations(before?.observations, evidence.observations);
    this.saveObservations(siteId, state.id, evidence.observations, kept);
    return version;
  }

  /** Rewrites one conversation's observation rows from `from` on (in the caller's transaction). */
  private saveObservations(
    siteId: string,
    conversationId: string,
    observations: readonly Observation[],
    from: number,
  ): void {
    const { deleteObservations, insertObservation } = this.statements;
    deleteObservations.run(siteId, conversationId, from);
    observations
      .slice(from)
      .forEach((o, i) =>
        insertObservation.run(
          siteId,
          conversationId,
          from + i,
          o.subject,
          o.dimension,
          o.value,
          o.weight,
          o.at,
          JSON.stringify(o.cause),
        ),
      );
  }

  async scoreSnapshot(siteId: string): Promise<ScoreSnapshot> {
    // One synchronous read: no write of this store can come between its two statements.
    const seq = await this.lastChange(siteId);
    const rows = this.db
      .prepare(`SELECT id, evidence FROM conversations WHERE site_id = ? AND evidence IS NOT NULL`)
      .all(siteId) as { id: string; evidence: string }[];
    return {
      seq,
      evidence: rows.map((row) => ({
        conversationId: row.id,
        evidence: JSON.parse(row.evidence) as ConversationEvidence,
      })),
    };
  }

  async changesSince(siteId: string, after: number, limit: number): Promise<Change[]> {
    const rows = this.statements.changesSince.all(siteId, after, limit) as {
      seq: number;
      at: number;
      body: string;
    }[];
    return rows.map((row) => changeFromRow(siteId, row.seq, row.at, row.body));
  }

  async lastChange(siteId: string): Promise<number> {
    const row = this.statements.lastChange.get(siteId) as { seq: number } | undefined;
    return row?.seq ?? 0;
  }

  async loadCheckpoint(siteId: string): Promise<ScoreCheckpoint | null> {
    const row = this.db
      .prepare('SELECT seq, at, board FROM score_checkpoints WHERE site_id = ?')
      .get(siteId) as { seq: number; at: number; board: string } | undefined;
    return row ? { siteId, seq: row.seq, at: row.at, board: JSON.parse(row.board) } : null;
  }

  async saveCheckpoint({ siteId, seq, at, board }: ScoreCheckpoint): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO score_checkpoints (site_id, seq, at, board) VALUES (?, ?, ?, ?)
         ON CONFLICT (site_id) DO UPDATE SET seq = excluded.seq, at = excluded.at,
           board = excluded.board WHERE excluded.seq >= score_checkpoints.seq`,
      )
      .run(siteId, seq, at, JSON.stringify(board));
  }

  async pruneChanges(siteId: string, upTo: number, before: number): Promise<void> {
    this.db
      .prepare('DELETE FROM site_changes WHERE site_id = ? AND seq <= ? AND at < ?')
      .run(siteId, upTo, before);
  }

  async siteFacts(siteId: string): Promise<Fact[][]> {
    const rows = this.db
      .prepare(`SELECT conversation_id AS c, body FROM facts WHERE site_id = ? ORDER BY c, at, id`)
      .all(siteId) as { c: string; body: string }[];
    const byConversation = new Map<string, Fact[]>();
    for (const row of rows) {
      const list = byConversation.get(row.c) ?? [];
      if (list.length === 0) byConversation.set(row.c, list);
      list.push(JSON.parse(row.body) as Fact);
    }
    return [...byConversation.values()];
  }

  async sumsAt(
    siteId: string,
    at: number,
    settings: Pick<SiteSettings, 'halfLifeDays' | 'negativityWeight'>,
  ): Promise<SubjectSums[]> {
    const halfLifeMs = settings.halfLifeDays * DAY;
    const rows = this.statements.sumsAt.all({
      siteId,
      at,
      halfLifeMs,
      lambda: settings.negativityWeight,
    }) as SumsRow[];
    return sumsAtFrom(rows, at, halfLifeMs);
  }

  async rederiveChunk(site: Site, after: string, stale = false): Promise<RederivedChunk> {
    const ids = this.db
      .prepare(
        `SELECT id FROM conversations WHERE site_id = ? AND id > ? ${stale ? STALE_FOLD : ''}
         ORDER BY id LIMIT ?`,
      )
      .all(site.id, after, REDERIVE_CHUNK) as { id: string }[];
    return this.db.transaction((): RederivedChunk => {
      const settings = this.siteNow(site.id)?.settings ?? site.settings;
      const drafts: ChangeDraft[] = [];
      const evidence = ids.flatMap(({ id }): EvidenceChange[] => {
        const row = this.statements.storedFold.get(site.id, id) as { evidence: string | null };
        const derived = foldConversation(this.factsOf(site.id, id), settings);
        if (!derived) return [];
        const version = this.saveDerived(site.id, derived);
        const before = row.evidence ? (JSON.parse(row.evidence) as ConversationEvidence) : null;
        const score = scoreDelta(before, derived.evidence);
        drafts.push({ kind: 'conversation', conversationId: id, version, score });
        return [{ conversationId: id, before, after: derived.evidence }];
      });
      const changes = this.appendChanges(site.id, drafts);
      return { evidence, changes, next: ids.at(-1)?.id ?? null };
    })();
  }

  async sitesToUpgrade(): Promise<string[]> {
    const rows = this.db
      .prepare(`SELECT DISTINCT site_id AS siteId FROM conversations WHERE 1 = 1 ${STALE_FOLD}`)
      .all() as { siteId: string }[];
    return rows.map((row) => row.siteId);
  }

  /**
   * Sites and agent lists are read on every chat event and change rarely: they are kept in
   * memory, and forgotten whenever this store (the only writer of its file) changes them.
   */
  private readonly sites = new Map<string, Site>();
  private readonly agentLists = new Map<string, Agent[]>();

  private siteNow(siteId: string): Site | null {
    const cached = this.sites.get(siteId);
    if (cached) return cached;
    const row = this.db.prepare('SELECT * FROM sites WHERE id = ?').get(siteId) as
      SqliteSiteRow | undefined;
    const site = row ? toSqliteSite(row) : null;
    if (site) this.sites.set(siteId, site);
    return site;
  }

  private factsOf(siteId: string, conversationId: string): Fact[] {
    const rows = this.statements.factsOf.all(siteId, conversationId) as { body: string }[];
    return rows.map((row) => JSON.parse(row.body) as Fact);
  }

  async listFacts(siteId: string, conversationId: string, last?: number): Promise<Fact[]> {
    if (last === undefined) return this.factsOf(siteId, conversationId);
    const rows = this.statements.lastFactsOf.all(siteId, conversationId, last) as {
      body: string;
    }[];
    return rows.map((row) => JSON.parse(row.body) as Fact).reverse();
  }

  async getConversations(
    siteId: string,
    conversationIds: readonly string[],
  ): Promise<StoredConversation[]> {
    if (conversationIds.length === 0) return [];
    const rows = this.db
      .prepare(
        `SELECT state, version FROM conversations
         WHERE site_id = ? AND id IN (SELECT value FROM json_each(?))`,
      )
      .all(siteId, JSON.stringify(conversationIds)) as { state: string; version: number }[];
    return rows.map(stored);
  }

  async recentFacts(
    siteId: string,
    conversationIds: readonly string[],
    last: number,
  ): Promise<Map<string, Fact[]>> {
    const facts = new Map<string, Fact[]>();
    if (conversationIds.length === 0) return facts;
    // json_each: any number of ids as one parameter.
    const ids = JSON.stringify(conversationIds);
    const rows = this.statements.recentFacts.all({ siteId, ids, last }) as {
      conversationId: string;
      body: string;
    }[];
    for (const row of rows) {
      const list = facts.get(row.conversationId);
      const fact = JSON.parse(row.body) as Fact;
      if (list) list.push(fact);
      else facts.set(row.conversationId, [fact]);
    }
    return facts;
  }

  async getConversation(
    siteId: string,
    conversationId: string,
  ): Promise<StoredConversation | null> {
    const row = this.statements.conversation.get(siteId, conversationId) as
      { state: string; version: number } | undefined;
    return row ? stored(row) : null;
  }

  async listConversations(siteId: string, query: ConversationQuery): Promise<ListedConversation[]> {
    const rows = this.statements.conversations.all({
      siteId,
      closedSince: query.closedSince,
      limit: query.limit,
      rank: query.after?.rank ?? null,
      at: query.after?.lastActivityAt ?? null,
      id: query.after?.id ?? null,
    }) as ({ state: string; version: number } & InboxPlace)[];
    return rows.map(({ state, version, rank, lastActivityAt, id }) => ({
      state: stored({ state, version }),
      place: { rank, lastActivityAt, id },
    }));
  }

  async noteMemberAddress(accountId: string, address: string, at: number): Promise<void> {
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO member_addresses (address, account_id, seen_at) VALUES (?, ?, ?)
           ON CONFLICT (address, account_id)
           DO UPDATE SET seen_at = max(seen_at, excluded.seen_at)`,
        )
        .run(address, accountId, at);
      this.db.prepare('DELETE FROM member_addresses WHERE seen_at < ?').run(at - DAY);
    })();
  }

  async noteMembersSeen(
    members: readonly { siteId: string; agentId: string }[],
    at: number,
  ): Promise<void> {
    const note = this.db.prepare(
      `UPDATE agents SET last_seen_at = max(coalesce(last_seen_at, 0), ?)
       WHERE site_id = ? AND id = ?`,
    );
    this.db.transaction(() => {
      for (const { siteId, agentId } of members) note.run(at, siteId, agentId);
    })();
  }

  async memberLastSeen(siteId: string, agentId: string): Promise<number | null> {
    const row = this.db
      .prepare('SELECT last_seen_at AS at FROM agents WHERE site_id = ? AND id = ?')
      .get(siteId, agentId) as { at: number | null } | undefined;
    return row?.at ?? null;
  }

  async memberSeenAt(siteId: string, address: string, since: number): Promise<boolean> {
    const row = this.db
      .prepare(
        `SELECT 1 FROM member_addresses m JOIN agents a ON a.account_id = m.account_id
         WHERE m.address = ? AND m.seen_at >= ? AND a.site_id = ? LIMIT 1`,
      )
      .get(address, since, siteId);
    return row !== undefined;
  }

  async isMemberEmail(siteId: string, email: string): Promise<boolean> {
    const row = this.db
      .prepare(
        `SELECT 1 FROM agents a JOIN accounts c ON c.id = a.account_id
         WHERE a.site_id = ? AND c.email = ? LIMIT 1`,
      )
      .get(siteId, email);
    return row !== undefined;
  }

  async latestConversationOf(
    siteId: string,
    visitorId: string,
  ): Promise<StoredConversation | null> {
    const row = this.statements.latestOfVisitor.get(siteId, visitorId) as
      { state: string; version: number } | undefined;
    return row ? stored(row) : null;
  }

  async recentObservations(
    siteId: string,
    subject: string,
    limit: number,
    until = Number.MAX_SAFE_INTEGER,
  ): Promise<Observation[]> {
    type Row = Omit<Observation, 'cause'> & { cause: string };
    const rows = this.statements.recentObservations.all(siteId, subject, until, limit) as Row[];
    return rows.map((row) => ({ ...row, cause: JSON.parse(row.cause) as Observation['cause'] }));
  }

  async countedRatings(siteId: string): Promise<CountedRating[]> {
    return this.statements.countedRatings.all(siteId) as CountedRating[];
  }
}
