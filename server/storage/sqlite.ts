/**
 * The embedded store: one SQLite file in WAL mode with `synchronous=FULL`, so a write is on disk
 * before the call that made it returns and an acknowledgement never outruns a commit.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { deriveConversation, type ConversationState } from '../../shared/conversation';
import type { Fact } from '../../shared/facts';
import { conversationEvidence, type ConversationEvidence } from '../../shared/scoring/observations';
import type { CountedRating } from '../../shared/scoring/ratings';
import type { Observation } from '../../shared/scoring/types';
import {
  AGENT_COLUMNS,
  AGENTS_WITH_ACCOUNTS,
  agentOf,
  StorageError,
  toAccount,
  toAgent,
  toInvite,
  toSite,
  type AccountRow,
  type AgentRow,
  type InviteRow,
  type SiteRow,
} from './common';
import { SQLITE_MIGRATIONS } from './sqlite-schema';
import type {
  Account,
  AccountCredentials,
  Agent,
  ConversationQuery,
  EvidenceChange,
  Invite,
  InviteRedemption,
  RecordResult,
  Session,
  Site,
  Store,
} from './store';

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
  const store = new SqliteStore(db);
  store.fillMissingEvidence();
  return store;
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
           rating_agent_id, rating_end, rating_at, state, evidence)
         VALUES (@siteId, @id, @status, @visitorId, @lastActivityAt,
           @ratingAgentId, @ratingEnd, @ratingAt, @state, @evidence)
         ON CONFLICT (site_id, id) DO UPDATE SET status = excluded.status,
           visitor_id = excluded.visitor_id, last_activity_at = excluded.last_activity_at,
           rating_agent_id = excluded.rating_agent_id, rating_end = excluded.rating_end,
           rating_at = excluded.rating_at, state = excluded.state, evidence = excluded.evidence`,
      ),
      evidenceOf: db.prepare(`SELECT evidence FROM conversations WHERE site_id = ? AND id = ?`),
      conversation: db.prepare(`SELECT state FROM conversations WHERE site_id = ? AND id = ?`),
      conversations: db.prepare(
        `SELECT state FROM conversations
         WHERE site_id = ? AND (status = 'open' OR last_activity_at >= ?)
         ORDER BY last_activity_at DESC LIMIT ?`,
      ),
      latestOfVisitor: db.prepare(
        `SELECT state FROM conversations WHERE site_id = ? AND visitor_id = ?
         ORDER BY status = 'open' DESC, last_activity_at DESC LIMIT 1`,
      ),
      countedRatings: db.prepare(
        `SELECT rating_agent_id AS agentId, rating_end AS "end", rating_at AS at
         FROM conversations WHERE site_id = ? AND rating_end IS NOT NULL`,
      ),
      deleteObservations: db.prepare(
        `DELETE FROM observations WHERE site_id = ? AND conversation_id = ?`,
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

  async updateSite(site: Site): Promise<void> {
    this.db
      .prepare(
        `UPDATE sites SET name = @name, allowed_origins = @allowedOrigins, settings = @settings,
           key_hash = @keyHash WHERE id = @id`,
      )
      .run(siteRow(site));
    this.sites.delete(site.id);
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
    this.insertAccount(account, passwordHash);
  }

  private insertAccount(account: Account, passwordHash: string): void {
    this.db
      .prepare(
        `INSERT INTO accounts (id, email, name, password_hash, created_at)
         VALUES (?, ?, ?, ?, ?)`,
      )
      .run(account.id, account.email, account.name, passwordHash, account.createdAt);
  }

  async getAccount(accountId: string): Promise<Account | null> {
    const row = this.db.prepare('SELECT * FROM accounts WHERE id = ?').get(accountId) as
      AccountRow | undefined;
    return row ? toAccount(row) : null;
  }

  async findCredentials(email: string): Promise<AccountCredentials | null> {
    const row = this.db.prepare('SELECT * FROM accounts WHERE email = ?').get(email) as
      AccountRow | undefined;
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

  async inviteFailed(tokenHash: string, limit: number): Promise<boolean> {
    return this.db.transaction((): boolean => {
      const row = this.db
        .prepare(
          `UPDATE invites SET failed_attempts = failed_attempts + 1 WHERE token_hash = ?
           RETURNING failed_attempts`,
        )
        .get(tokenHash) as { failed_attempts: number } | undefined;
      if (!row || row.failed_attempts < limit) return false;
      this.db.prepare('DELETE FROM invites WHERE token_hash = ?').run(tokenHash);
      return true;
    })();
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
      if (newAccount) this.insertAccount(newAccount.account, newAccount.passwordHash);
      // A scored agent is given an account only if nobody has it yet.
      if (!this.upsertAgent(member, true)) throw new NotRedeemed();
      return true;
    });
    try {
      return redeem();
    } catch (error) {
      // Thrown to roll the transaction back: the invite stays, nothing else is written.
      if (error instanceof NotRedeemed) return false;
      throw error;
    }
  }

  /**
   * Group commit: calls made in the same turn of the event loop share one transaction, and so
   * one sync to disk; each runs in its own savepoint, so one that fails takes nothing else with
   * it. Every call resolves only after the shared commit.
   */
  recordFacts(site: Site, facts: readonly Fact[]): Promise<RecordResult> {
    return new Promise((resolve, reject) => {
      this.queued.push({ site, facts, resolve, reject });
      if (this.queued.length === 1) setImmediate(() => this.commitQueued());
    });
  }

  private readonly queued: {
    site: Site;
    facts: readonly Fact[];
    resolve: (result: RecordResult) => void;
    reject: (error: unknown) => void;
  }[] = [];

  private commitQueued(): void {
    const batch = this.queued.splice(0);
    // Each call is settled only once the shared transaction has committed.
    const settle: (() => void)[] = [];
    try {
      this.db
        .transaction(() => {
          for (const call of batch) {
            try {
              const result = this.recordOne(call.site, call.facts);
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
  }

  /** One call's work, inside the shared transaction (a savepoint of its own). */
  private readonly recordOne = (site: Site, facts: readonly Fact[]): RecordResult =>
    this.db.transaction((): RecordResult => {
      const receivedAt = Date.now();
      const { insertFact, adoptAgent } = this.statements;
      const accepted: Fact[] = [];
      const touched = new Set<string>();
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
        if (result.changes === 0) continue;
        accepted.push(fact);
        touched.add(fact.conversationId);
        const agentId = agentOf(fact);
        if (agentId && adoptAgent.run(site.id, agentId, agentId, receivedAt).changes > 0) {
          this.agentLists.delete(site.id);
        }
      }
      const conversations: ConversationState[] = [];
      const evidence: EvidenceChange[] = [];
      for (const conversationId of touched) {
        const before = this.storedEvidence(site.id, conversationId);
        const derived = this.derive(site, conversationId);
        if (!derived) continue;
        conversations.push(derived.state);
        evidence.push({ conversationId, before, after: derived.evidence });
      }
      return { accepted, duplicates: facts.length - accepted.length, conversations, evidence };
    })();

  /** Derives one conversation's state and evidence from all its facts, and saves both. */
  private derive(site: Site, conversationId: string) {
    const facts = this.factsOf(site.id, conversationId);
    const state = deriveConversation(facts, site.settings);
    if (!state) return null;
    const evidence = conversationEvidence(facts, site.settings, state);
    this.statements.saveConversation.run({
      siteId: site.id,
      id: state.id,
      status: state.status,
      visitorId: state.visitorId,
      lastActivityAt: state.lastActivityAt,
      ratingAgentId: state.rating?.agentId ?? null,
      ratingEnd: state.rating?.end ?? null,
      ratingAt: state.rating?.at ?? null,
      state: JSON.stringify(state),
      evidence: JSON.stringify(evidence),
    });
    this.saveObservations(site.id, state.id, evidence.observations);
    return { state, evidence };
  }

  /** Replaces one conversation's observation rows (in the caller's transaction). */
  private saveObservations(
    siteId: string,
    conversationId: string,
    observations: readonly Observation[],
  ): void {
    const { deleteObservations, insertObservation } = this.statements;
    deleteObservations.run(siteId, conversationId);
    observations.forEach((o, seq) =>
      insertObservation.run(
        siteId,
        conversationId,
        seq,
        o.subject,
        o.dimension,
        o.value,
        o.weight,
        o.at,
        JSON.stringify(o.cause),
      ),
    );
  }

  private storedEvidence(siteId: string, conversationId: string): ConversationEvidence | null {
    const row = this.statements.evidenceOf.get(siteId, conversationId) as
      { evidence: string | null } | undefined;
    return row?.evidence ? (JSON.parse(row.evidence) as ConversationEvidence) : null;
  }

  /** Derives the evidence of conversations stored before evidence was kept (schema 3). */
  fillMissingEvidence(): void {
    const rows = this.db
      .prepare(`SELECT DISTINCT site_id AS siteId FROM conversations WHERE evidence IS NULL`)
      .all() as { siteId: string }[];
    for (const { siteId } of rows) {
      const site = this.siteNow(siteId);
      if (site) this.rederiveNow(site, 'evidence IS NULL');
    }
  }

  async siteEvidence(siteId: string) {
    const rows = this.db
      .prepare(`SELECT id, evidence FROM conversations WHERE site_id = ? AND evidence IS NOT NULL`)
      .all(siteId) as { id: string; evidence: string }[];
    return rows.map((row) => ({
      conversationId: row.id,
      evidence: JSON.parse(row.evidence) as ConversationEvidence,
    }));
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

  async rederiveSite(site: Site): Promise<void> {
    this.rederiveNow(site);
  }

  private rederiveNow(site: Site, where = '1 = 1'): void {
    const ids = this.db
      .prepare(`SELECT id FROM conversations WHERE site_id = ? AND ${where}`)
      .all(site.id) as { id: string }[];
    this.db.transaction(() => {
      for (const { id } of ids) this.derive(site, id);
    })();
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

  async listFacts(siteId: string, conversationId: string): Promise<Fact[]> {
    return this.factsOf(siteId, conversationId);
  }

  async getConversation(siteId: string, conversationId: string): Promise<ConversationState | null> {
    const row = this.statements.conversation.get(siteId, conversationId) as
      { state: string } | undefined;
    return row ? (JSON.parse(row.state) as ConversationState) : null;
  }

  async listConversations(siteId: string, query: ConversationQuery): Promise<ConversationState[]> {
    const rows = this.statements.conversations.all(siteId, query.closedSince, query.limit) as {
      state: string;
    }[];
    return rows.map((row) => JSON.parse(row.state) as ConversationState);
  }

  async latestConversationOf(siteId: string, visitorId: string): Promise<ConversationState | null> {
    const row = this.statements.latestOfVisitor.get(siteId, visitorId) as
      { state: string } | undefined;
    return row ? (JSON.parse(row.state) as ConversationState) : null;
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
