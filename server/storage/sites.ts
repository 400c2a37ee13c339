/**
 * Sites and who works on them: sites, agents, accounts, sessions, invites, email proofs, where
 * members were seen, and the server's secrets. Written once for both databases (dialect.ts).
 */
import { randomBytes } from 'node:crypto';
import { sql, type Kysely, type Selectable } from 'kysely';
import { ZSiteSettings } from '../../shared/settings';
import { DAY } from '../../shared/time';
import { isUniqueViolation, StorageError } from './common';
import type { Dialect } from './dialect';
import {
  StoreConflict,
  type Account,
  type AccountRecord,
  type Agent,
  type Invite,
  type Site,
  type Store,
} from './store';
import { fromJson, type Tables } from './tables';

type Db = Kysely<Tables>;

export type SiteRepository = Pick<
  Store,
  | 'secret'
  | 'createSite'
  | 'getSite'
  | 'updateSite'
  | 'findSiteByKeyHash'
  | 'listSites'
  | 'saveAgent'
  | 'getAgent'
  | 'listAgents'
  | 'createAccount'
  | 'getAccount'
  | 'findCredentials'
  | 'accountsByEmail'
  | 'accountRecord'
  | 'setPasswordHash'
  | 'createVerification'
  | 'verifyEmail'
  | 'memberOf'
  | 'membershipsOf'
  | 'createSession'
  | 'getSession'
  | 'setSessionSite'
  | 'deleteSession'
  | 'deleteSessionsOf'
  | 'changeMember'
  | 'createInvite'
  | 'findInvite'
  | 'listInvites'
  | 'deleteInvite'
  | 'redeemInvite'
  | 'noteMemberAddress'
  | 'noteMembersSeen'
  | 'memberLastSeen'
  | 'memberSeenAt'
  | 'isMemberEmail'
>;

/**
 * Sites and agent lists are read on every chat event and change rarely. Where this store is its
 * database's only writer (SQLite), they are kept in memory, and forgotten whenever it changes
 * them; elsewhere every read goes to the database.
 */
export class SiteCache {
  private readonly entries = new Map<string, unknown>();
  /** Moves on at every change: a read begun before one may be older, so it is not kept. */
  private era = 0;

  constructor(private readonly enabled: boolean) {}

  async remember<T>(key: string, read: () => Promise<T>): Promise<T> {
    if (this.entries.has(key)) return this.entries.get(key) as T;
    const era = this.era;
    const value = await read();
    if (this.enabled && value !== null && era === this.era) this.entries.set(key, value);
    return value;
  }

  /** Forgets the site and its agents. */
  forget(siteId: string): void {
    this.era += 1;
    this.entries.delete(`site ${siteId}`);
    this.entries.delete(`agents ${siteId}`);
  }
}

const toSite = (row: {
  id: string;
  name: string;
  allowed_origins: unknown;
  settings: unknown;
  key_hash: string | null;
  created_at: number;
}): Site => ({
  id: row.id,
  name: row.name,
  allowedOrigins: fromJson<string[]>(row.allowed_origins),
  settings: ZSiteSettings.parse(fromJson(row.settings)),
  keyHash: row.key_hash,
  createdAt: row.created_at,
});

const siteColumns = (site: Site) => ({
  name: site.name,
  allowed_origins: JSON.stringify(site.allowedOrigins),
  settings: JSON.stringify(site.settings),
  key_hash: site.keyHash,
});

/** Agents are always read with their account's email. */
const agents = (db: Db) =>
  db
    .selectFrom('agents')
    .leftJoin('accounts', 'accounts.id', 'agents.account_id')
    .select([
      'agents.site_id as siteId',
      'agents.id',
      'agents.name',
      'agents.role',
      'agents.account_id as accountId',
      'accounts.email',
      'agents.created_at as createdAt',
    ]);

const accountColumns = [
  'id',
  'email',
  'name',
  'password_hash',
  'created_at',
  'home_site_id',
  'verified_at',
] as const;

const toAccount = (row: { id: string; email: string; name: string; created_at: number }) => ({
  id: row.id,
  email: row.email,
  name: row.name,
  createdAt: row.created_at,
});

const toRecord = (row: Selectable<Tables['accounts']>): AccountRecord => ({
  account: toAccount(row),
  passwordHash: row.password_hash,
  homeSiteId: row.home_site_id,
  verifiedAt: row.verified_at,
});

const inviteColumns = [
  'id',
  'token_hash as tokenHash',
  'site_id as siteId',
  'email',
  'role',
  'agent_id as agentId',
  'created_at as createdAt',
  'expires_at as expiresAt',
] as const;

/** Inserts or updates an agent row; with `onlyWithoutAccount`, updates only an account-less one. */
async function upsertAgent(db: Db, agent: Agent, onlyWithoutAccount = false): Promise<boolean> {
  const result = await db
    .insertInto('agents')
    .values({
      site_id: agent.siteId,
      id: agent.id,
      name: agent.name,
      role: agent.role,
      account_id: agent.accountId,
      created_at: agent.createdAt,
    })
    .onConflict((oc) => {
      const update = oc.columns(['site_id', 'id']).doUpdateSet((eb) => ({
        name: eb.ref('excluded.name'),
        role: eb.ref('excluded.role'),
        account_id: eb.ref('excluded.account_id'),
      }));
      return onlyWithoutAccount ? update.where('agents.account_id', 'is', null) : update;
    })
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** An account made by an invite of `homeSiteId` (email unproven), or by the operator (null). */
async function insertAccount(
  db: Db,
  account: Account,
  passwordHash: string,
  homeSiteId: string | null,
): Promise<void> {
  await db
    .insertInto('accounts')
    .values({
      id: account.id,
      email: account.email,
      name: account.name,
      password_hash: passwordHash,
      created_at: account.createdAt,
      home_site_id: homeSiteId,
      verified_at: homeSiteId === null ? account.createdAt : null,
    })
    .execute();
}

/** Rolls back an invite's redemption whose scored agent someone else has meanwhile. */
class NotRedeemed extends Error {}

export function siteRepository(db: Db, dialect: Dialect, cache: SiteCache): SiteRepository {
  const secrets = new Map<string, Promise<Buffer>>();

  async function readSecret(name: string): Promise<Buffer> {
    // Insert-if-absent, then read: every node reads whichever value committed first.
    await db
      .insertInto('secrets')
      .values({ name, value: randomBytes(32) })
      .onConflict((oc) => oc.doNothing())
      .execute();
    const row = await db
      .selectFrom('secrets')
      .select('value')
      .where('name', '=', name)
      .executeTakeFirst();
    if (!row) throw new StorageError(`The secret "${name}" was not stored.`);
    return row.value;
  }

  const upsert = (into: Db, agent: Agent, onlyWithoutAccount = false) => {
    cache.forget(agent.siteId);
    return upsertAgent(into, agent, onlyWithoutAccount);
  };

  const accountsByEmail = async (email: string) => {
    const rows = await db
      .selectFrom('accounts')
      .select(accountColumns)
      .where('email', '=', email)
      .orderBy('created_at')
      .orderBy(dialect.bytewise(sql.ref('id')))
      .execute();
    return rows.map(toRecord);
  };

  return {
    async secret(name) {
      // A secret never changes once stored, and handshakes ask for it each time: read it once.
      let value = secrets.get(name);
      if (!value) {
        value = readSecret(name);
        secrets.set(name, value);
        // A failed read (the database away) is not remembered: the next call tries again.
        value.catch(() => secrets.delete(name));
      }
      return value;
    },

    async createSite(site) {
      await db
        .insertInto('sites')
        .values({ id: site.id, created_at: site.createdAt, ...siteColumns(site) })
        .execute();
      cache.forget(site.id);
    },

    getSite: (siteId) =>
      cache.remember(`site ${siteId}`, async () => {
        const row = await db
          .selectFrom('sites')
          .selectAll()
          .where('id', '=', siteId)
          .executeTakeFirst();
        return row ? toSite(row) : null;
      }),

    async updateSite(site) {
      const changes = await db.transaction().execute(async (trx) => {
        await trx.updateTable('sites').set(siteColumns(site)).where('id', '=', site.id).execute();
        return dialect.appendChanges(trx, site.id, [{ kind: 'site' }]);
      });
      cache.forget(site.id);
      return changes;
    },

    async findSiteByKeyHash(keyHash) {
      const row = await db
        .selectFrom('sites')
        .selectAll()
        .where('key_hash', '=', keyHash)
        .executeTakeFirst();
      return row ? toSite(row) : null;
    },

    async listSites() {
      const rows = await db.selectFrom('sites').selectAll().orderBy('id').execute();
      return rows.map(toSite);
    },

    async saveAgent(agent) {
      await upsert(db, agent);
    },

    async getAgent(siteId, agentId) {
      const row = await agents(db)
        .where('agents.site_id', '=', siteId)
        .where('agents.id', '=', agentId)
        .executeTakeFirst();
      return row ?? null;
    },

    listAgents: (siteId) =>
      cache.remember(`agents ${siteId}`, () =>
        agents(db)
          .where('agents.site_id', '=', siteId)
          .orderBy(dialect.bytewise(sql.ref('agents.name')))
          .orderBy(dialect.bytewise(sql.ref('agents.id')))
          .execute(),
      ),

    async createAccount(account, passwordHash) {
      await insertAccount(db, account, passwordHash, null);
    },

    async getAccount(accountId) {
      const row = await db
        .selectFrom('accounts')
        .select(accountColumns)
        .where('id', '=', accountId)
        .executeTakeFirst();
      return row ? toAccount(row) : null;
    },

    async findCredentials(email) {
      const [record] = await accountsByEmail(email);
      return record ? { account: record.account, passwordHash: record.passwordHash } : null;
    },

    accountsByEmail,

    async accountRecord(accountId) {
      const row = await db
        .selectFrom('accounts')
        .select(accountColumns)
        .where('id', '=', accountId)
        .executeTakeFirst();
      return row ? toRecord(row) : null;
    },

    async setPasswordHash(accountId, passwordHash) {
      await db
        .updateTable('accounts')
        .set({ password_hash: passwordHash })
        .where('id', '=', accountId)
        .execute();
    },

    async createVerification({ tokenHash, accountId, expiresAt }) {
      await db
        .insertInto('verifications')
        .values({ token_hash: tokenHash, account_id: accountId, expires_at: expiresAt })
        .onConflict((oc) =>
          oc.column('account_id').doUpdateSet((eb) => ({
            token_hash: eb.ref('excluded.token_hash'),
            expires_at: eb.ref('excluded.expires_at'),
          })),
        )
        .execute();
    },

    async verifyEmail(tokenHash, accountId, now) {
      return db.transaction().execute(async (trx) => {
        const used = await trx
          .deleteFrom('verifications')
          .where('token_hash', '=', tokenHash)
          .where('account_id', '=', accountId)
          .where('expires_at', '>', now)
          .executeTakeFirst();
        if (Number(used.numDeletedRows) === 0) return false;
        await trx
          .updateTable('accounts')
          .set((eb) => ({ verified_at: eb.fn.coalesce('verified_at', eb.val(now)) }))
          .where('id', '=', accountId)
          .execute();
        return true;
      });
    },

    async memberOf(accountId, siteId) {
      const row = await agents(db)
        .where('agents.account_id', '=', accountId)
        .where('agents.site_id', '=', siteId)
        .executeTakeFirst();
      return row ?? null;
    },

    async membershipsOf(accountId) {
      return agents(db)
        .where('agents.account_id', '=', accountId)
        .orderBy('agents.created_at')
        .orderBy(dialect.bytewise(sql.ref('agents.site_id')))
        .execute();
    },

    async createSession(session) {
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('sessions').where('expires_at', '<=', session.createdAt).execute();
        await trx
          .insertInto('sessions')
          .values({
            token_hash: session.tokenHash,
            account_id: session.accountId,
            site_id: session.siteId,
            created_at: session.createdAt,
            expires_at: session.expiresAt,
          })
          .execute();
      });
    },

    async getSession(tokenHash, now) {
      const row = await db
        .selectFrom('sessions')
        .select([
          'token_hash as tokenHash',
          'account_id as accountId',
          'site_id as siteId',
          'created_at as createdAt',
          'expires_at as expiresAt',
        ])
        .where('token_hash', '=', tokenHash)
        .where('expires_at', '>', now)
        .executeTakeFirst();
      return row ?? null;
    },

    async setSessionSite(tokenHash, siteId) {
      await db
        .updateTable('sessions')
        .set({ site_id: siteId })
        .where('token_hash', '=', tokenHash)
        .execute();
    },

    async deleteSession(tokenHash) {
      await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
    },

    async deleteSessionsOf(accountId, keep) {
      const rows = await db
        .deleteFrom('sessions')
        .where('account_id', '=', accountId)
        .$if(keep !== undefined, (q) => q.where('token_hash', '<>', keep ?? ''))
        .returning('token_hash')
        .execute();
      return rows.map((row) => row.token_hash);
    },

    async changeMember(siteId, agentId, change) {
      return db.transaction().execute(async (trx) => {
        // The site's admins who can sign in, locked where other nodes write (in id order, so two
        // changes cannot deadlock) until this transaction ends: a concurrent change waits, then
        // reads them as changed. SQLite runs one transaction at a time.
        const admins = await trx
          .selectFrom('agents')
          .select('id')
          .where('site_id', '=', siteId)
          .where('role', '=', 'admin')
          .where('account_id', 'is not', null)
          .orderBy(dialect.bytewise(sql.ref('id')))
          .$if(dialect.manyWriters, (q) => q.forUpdate())
          .execute();
        const member = await agents(trx)
          .where('agents.site_id', '=', siteId)
          .where('agents.id', '=', agentId)
          .where('agents.account_id', 'is not', null)
          .$if(dialect.manyWriters, (q) => q.forUpdate('agents'))
          .executeTakeFirst();
        if (!member) return { outcome: 'not_member' as const };
        const staysAdmin = 'role' in change && change.role === 'admin';
        if (member.role === 'admin' && !staysAdmin) {
          const others = admins.filter((admin) => admin.id !== agentId);
          if (others.length === 0) return { outcome: 'last_admin' as const, agent: member };
        }
        const changed: Agent =
          'role' in change
            ? { ...member, role: change.role }
            : { ...member, accountId: null, email: null, role: 'agent' };
        await upsert(trx, changed);
        return { outcome: 'changed' as const, agent: changed };
      });
    },

    async createInvite(invite) {
      await db
        .insertInto('invites')
        .values({
          id: invite.id,
          token_hash: invite.tokenHash,
          site_id: invite.siteId,
          email: invite.email,
          role: invite.role,
          agent_id: invite.agentId,
          created_at: invite.createdAt,
          expires_at: invite.expiresAt,
        })
        .execute();
    },

    async findInvite(tokenHash, now) {
      const row: Invite | undefined = await db
        .selectFrom('invites')
        .select(inviteColumns)
        .where('token_hash', '=', tokenHash)
        .where('expires_at', '>', now)
        .executeTakeFirst();
      return row ?? null;
    },

    async listInvites(siteId, now) {
      return db
        .selectFrom('invites')
        .select(inviteColumns)
        .where('site_id', '=', siteId)
        .where('expires_at', '>', now)
        .orderBy('created_at')
        .orderBy(dialect.bytewise(sql.ref('id')))
        .execute();
    },

    async deleteInvite(siteId, inviteId) {
      const result = await db
        .deleteFrom('invites')
        .where('site_id', '=', siteId)
        .where('id', '=', inviteId)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },

    async redeemInvite(tokenHash, now, { newAccount, member }) {
      try {
        return await db.transaction().execute(async (trx) => {
          // Where other nodes write, the row lock of the DELETE makes a second redemption of
          // the same link wait, then find nothing to delete.
          const used = await trx
            .deleteFrom('invites')
            .where('token_hash', '=', tokenHash)
            .where('expires_at', '>', now)
            .executeTakeFirst();
          if (Number(used.numDeletedRows) === 0) return false;
          if (newAccount) {
            const { account, passwordHash, homeSiteId } = newAccount;
            await insertAccount(trx, account, passwordHash, homeSiteId ?? null);
          }
          // A scored agent is given an account only if nobody has it yet.
          if (!(await upsert(trx, member, true))) throw new NotRedeemed();
          return true;
        });
      } catch (error) {
        // Thrown to roll the transaction back: the invite stays, nothing else is written.
        if (error instanceof NotRedeemed) return false;
        // The account or membership it makes exists (another accept got there first).
        if (isUniqueViolation(error)) throw new StoreConflict('already exists');
        throw error;
      }
    },

    async noteMemberAddress(accountId, address, at) {
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('member_addresses')
          .values({ address, account_id: accountId, seen_at: at })
          .onConflict((oc) =>
            oc.columns(['address', 'account_id']).doUpdateSet((eb) => ({
              seen_at: eb
                .case()
                .when('excluded.seen_at', '>', eb.ref('member_addresses.seen_at'))
                .then(eb.ref('excluded.seen_at'))
                .else(eb.ref('member_addresses.seen_at'))
                .end(),
            })),
          )
          .execute();
        await trx
          .deleteFrom('member_addresses')
          .where('seen_at', '<', at - DAY)
          .execute();
      });
    },

    async noteMembersSeen(members, at) {
      if (members.length === 0) return;
      const seen = dialect.rows(
        'm',
        { site_id: 'text', id: 'text' },
        members.map((m) => ({ site_id: m.siteId, id: m.agentId })),
      );
      // It only moves forward.
      await db
        .updateTable('agents')
        .set({ last_seen_at: at })
        .where((eb) =>
          eb(
            eb.refTuple('site_id', 'id'),
            'in',
            eb.selectFrom(seen).select(['m.site_id', 'm.id']).$asTuple('site_id', 'id'),
          ),
        )
        .where((eb) => eb.or([eb('last_seen_at', 'is', null), eb('last_seen_at', '<', at)]))
        .execute();
    },

    async memberLastSeen(siteId, agentId) {
      const row = await db
        .selectFrom('agents')
        .select('last_seen_at')
        .where('site_id', '=', siteId)
        .where('id', '=', agentId)
        .executeTakeFirst();
      return row?.last_seen_at ?? null;
    },

    async memberSeenAt(siteId, address, since) {
      const row = await db
        .selectFrom('member_addresses as m')
        .innerJoin('agents as a', 'a.account_id', 'm.account_id')
        .select(sql.lit(1).as('seen'))
        .where('m.address', '=', address)
        .where('m.seen_at', '>=', since)
        .where('a.site_id', '=', siteId)
        .limit(1)
        .executeTakeFirst();
      return row !== undefined;
    },

    async isMemberEmail(siteId, email) {
      const row = await db
        .selectFrom('agents as a')
        .innerJoin('accounts as c', 'c.id', 'a.account_id')
        .select(sql.lit(1).as('member'))
        .where('a.site_id', '=', siteId)
        .where('c.email', '=', email)
        .limit(1)
        .executeTakeFirst();
      return row !== undefined;
    },
  };
}
