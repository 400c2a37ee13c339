/**
 * Sites and who works on them: sites, agents, accounts, sessions, invites, email proofs, where
 * members were seen, and the server's secrets. Written once for both databases (dialect.ts).
 */
import { randomBytes } from 'node:crypto';
import type { AgentView } from '../../shared/accounts';
import { sql, type Kysely, type Selectable } from 'kysely';
import { FOLD_VERSION } from '../../shared/scoring/fold';
import { ZSiteSettings } from '../../shared/settings';
import { rebuildTrendDays, trendSettingsChanged } from './trends';
import { DAY } from '../../shared/time';
import { isUniqueViolation, StorageError } from './common';
import type { Dialect } from './dialect';
import {
  StoreConflict,
  type Account,
  type AccountRecord,
  type Agent,
  type AgentNamingResult,
  type KeyChange,
  type MemberChangeResult,
  type Site,
  type Store,
} from './store';
import { fromJson, type Tables } from './tables';

type Db = Kysely<Tables>;

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

  site(siteId: string, read: () => Promise<Site | null>): Promise<Site | null> {
    return this.remember(`site ${siteId}`, read);
  }

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

const toSite = (row: Selectable<Tables['sites']>): Site => ({
  id: row.id,
  name: row.name,
  allowedOrigins: fromJson(row.allowedOrigins),
  settings: ZSiteSettings.parse(fromJson(row.settings)),
  keyHash: row.keyHash,
  // Only a site rotated with a grace period has one (read back as a number on both databases).
  ...(row.previousKeyHash !== null &&
    row.previousKeyUntil !== null && {
      previousKey: { keyHash: row.previousKeyHash, until: Number(row.previousKeyUntil) },
    }),
  createdAt: row.createdAt,
});

/** A site as stored now; with `lock`, its row locked until the transaction ends (record.ts). */
export async function readSite(db: Db, siteId: string, lock = false): Promise<Site | null> {
  const row = await db
    .selectFrom('sites')
    .selectAll()
    .where('id', '=', siteId)
    .$if(lock, (q) => q.forNoKeyUpdate())
    .executeTakeFirst();
  return row ? toSite(row) : null;
}

/** What `updateSite` saves: never the keys, which only the key routes change (rotateSiteKey). */
const siteColumns = (site: Site) => ({
  name: site.name,
  allowedOrigins: JSON.stringify(site.allowedOrigins),
  settings: JSON.stringify(site.settings),
});

/**
 * Agents are always read with their account's email, and by the name Peakend shows for them: an
 * agent id without an account that the team linked to a member of the same site (never another
 * site's: the join is on the site too) shows the member's name.
 */
const agents = (db: Db) =>
  db
    .selectFrom('agents')
    .leftJoin('accounts', 'accounts.id', 'agents.accountId')
    .leftJoin('agents as linked', (join) =>
      join
        .onRef('linked.siteId', '=', 'agents.siteId')
        .onRef('linked.id', '=', 'agents.memberId')
        .on('agents.accountId', 'is', null),
    )
    .select((eb) => [
      'agents.siteId',
      'agents.id',
      eb.fn.coalesce('linked.name', 'agents.name').as('name'),
      'agents.role',
      'agents.accountId',
      'accounts.email',
      'agents.createdAt',
      'agents.answersChats',
    ]);

/**
 * An agent as read: `answersChats: false` for a member who does not answer chats (the column is 0
 * or 1), and absent otherwise, as a saved agent has it.
 */
function toAgent(row: Omit<Agent, 'answersChats'> & { answersChats: number }): Agent {
  const { answersChats, ...agent } = row;
  return Number(answersChats) === 0 ? { ...agent, answersChats: false } : agent;
}

/** The agents API's view of a site's agent ids (shared/accounts.ts, `AgentView`). */
const agentNames = (db: Db) =>
  db
    .selectFrom('agents')
    .leftJoin('agents as linked', (join) =>
      join
        .onRef('linked.siteId', '=', 'agents.siteId')
        .onRef('linked.id', '=', 'agents.memberId')
        .on('agents.accountId', 'is', null),
    )
    .select((eb) => [
      'agents.id as agentId',
      eb.fn.coalesce('linked.name', 'agents.name').as('name'),
      'agents.name as ownName',
      'agents.nameSource',
      'agents.avatarUrl',
      'agents.memberId',
      eb('agents.accountId', 'is not', null).as('hasAccess'),
    ]);

const toAgentView = (row: {
  agentId: string;
  name: string;
  ownName: string;
  nameSource: AgentView['nameSource'];
  avatarUrl: string | null;
  memberId: string | null;
  hasAccess: unknown;
}): AgentView => ({ ...row, hasAccess: Boolean(row.hasAccess) });

const toRecord = (row: Selectable<Tables['accounts']>): AccountRecord => ({
  account: { id: row.id, email: row.email, name: row.name, createdAt: row.createdAt },
  passwordHash: row.passwordHash,
  homeSiteId: row.homeSiteId,
  verifiedAt: row.verifiedAt,
});

const inviteColumns = [
  'id',
  'tokenHash',
  'siteId',
  'email',
  'role',
  'agentId',
  'createdAt',
  'expiresAt',
] as const;

/**
 * Inserts or updates an agent row, named by the team (an account, an invite, the operator), so
 * events never rename it; an agent saved this way is linked to no member. With
 * `onlyWithoutAccount`, updates only an account-less one.
 */
async function upsertAgent(db: Db, agent: Agent, onlyWithoutAccount = false): Promise<boolean> {
  const { siteId, id, name, role, accountId, createdAt } = agent;
  const named = { nameSource: 'team', namedAt: null, memberId: null } as const;
  const result = await db
    .insertInto('agents')
    .values({ siteId, id, name, role, accountId, createdAt, ...named })
    .onConflict((oc) => {
      const update = oc.columns(['siteId', 'id']).doUpdateSet((eb) => ({
        name: eb.ref('excluded.name'),
        role: eb.ref('excluded.role'),
        accountId: eb.ref('excluded.accountId'),
        ...named,
      }));
      return onlyWithoutAccount ? update.where('agents.accountId', 'is', null) : update;
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
  const verifiedAt = homeSiteId === null ? account.createdAt : null;
  await db
    .insertInto('accounts')
    .values({ ...account, passwordHash, homeSiteId, verifiedAt })
    .execute();
}

/** Rolls back an invite's redemption whose scored agent someone else has meanwhile. */
class NotRedeemed extends Error {}

export function siteRepository(db: Db, dialect: Dialect, cache: SiteCache) {
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

  /**
   * Sets the site's key columns from its row as it is, read locked where other nodes write, so
   * two rotations (or a rotation and a revocation) at once never lose one another's key.
   */
  const changeKeys = (
    siteId: string,
    next: (was: Site) => {
      keyHash: string | null;
      previousKeyHash: string | null;
      previousKeyUntil: number | null;
    },
  ) =>
    db
      .transaction()
      .execute(async (trx): Promise<KeyChange | null> => {
        const was = await readSite(trx, siteId, dialect.manyWriters);
        if (!was) return null;
        const keys = next(was);
        await trx.updateTable('sites').set(keys).where('id', '=', siteId).execute();
        const site = await readSite(trx, siteId);
        if (!site) return null;
        const changes = await dialect.writer(trx).changes(siteId, [{ kind: 'site' }]);
        const dropped = was.previousKey?.keyHash ?? null;
        return { site, changes, revoked: dropped === keys.previousKeyHash ? null : dropped };
      })
      .finally(() => cache.forget(siteId));

  const account = (accountId: string) =>
    db.selectFrom('accounts').selectAll().where('id', '=', accountId).executeTakeFirst();

  const accountsByEmail = async (email: string) => {
    const rows = await db
      .selectFrom('accounts')
      .selectAll()
      .where('email', '=', email)
      .orderBy('createdAt')
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
        // A new site has no conversation derived by older rules.
        .values({
          id: site.id,
          createdAt: site.createdAt,
          derivedVersion: FOLD_VERSION,
          keyHash: site.keyHash,
          ...siteColumns(site),
        })
        .execute();
      cache.forget(site.id);
    },

    getSite: (siteId) => cache.site(siteId, () => readSite(db, siteId)),

    async updateSite(site) {
      const changes = await db.transaction().execute(async (trx) => {
        const was = await readSite(trx, site.id, dialect.manyWriters);
        await trx.updateTable('sites').set(siteColumns(site)).where('id', '=', site.id).execute();
        // Trends' days are summed by the time zone, H and λ: with new ones, sum them again.
        if (was && trendSettingsChanged(was.settings, site.settings)) {
          await rebuildTrendDays(trx, site.id, site.settings);
          // Every day is summed again: none is left to sum at the next read.
          await trx.deleteFrom('trendDirty').where('siteId', '=', site.id).execute();
        }
        return dialect.writer(trx).changes(site.id, [{ kind: 'site' }]);
      });
      cache.forget(site.id);
      return changes;
    },

    rotateSiteKey: (siteId, keyHash, graceUntil) =>
      changeKeys(siteId, (was) => {
        // The key being replaced is kept only if there is one; an older previous key goes now.
        const keep = graceUntil !== null && was.keyHash !== null;
        return {
          keyHash,
          previousKeyHash: keep ? was.keyHash : null,
          previousKeyUntil: keep ? graceUntil : null,
        };
      }),

    revokePreviousKey: (siteId) =>
      changeKeys(siteId, (was) => ({
        keyHash: was.keyHash,
        previousKeyHash: null,
        previousKeyUntil: null,
      })),

    async findSiteByKeyHash(keyHash, now) {
      const row = await db
        .selectFrom('sites')
        .selectAll()
        .where((eb) =>
          eb.or([
            eb('keyHash', '=', keyHash),
            eb.and([eb('previousKeyHash', '=', keyHash), eb('previousKeyUntil', '>', now)]),
          ]),
        )
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
        .where('agents.siteId', '=', siteId)
        .where('agents.id', '=', agentId)
        .executeTakeFirst();
      return row ? toAgent(row) : null;
    },

    listAgents: (siteId) =>
      cache.remember(`agents ${siteId}`, () =>
        agents(db)
          .where('agents.siteId', '=', siteId)
          .orderBy(dialect.bytewise(sql.ref('agents.name')))
          .orderBy(dialect.bytewise(sql.ref('agents.id')))
          .execute()
          .then((rows) => rows.map(toAgent)),
      ),

    async listAgentNames(siteId) {
      const rows = await agentNames(db)
        .where('agents.siteId', '=', siteId)
        .orderBy(dialect.bytewise(sql.ref('agents.name')))
        .orderBy(dialect.bytewise(sql.ref('agents.id')))
        .execute();
      return rows.map(toAgentView);
    },

    nameAgent: (siteId, agentId, naming, at) =>
      db
        .transaction()
        .execute(async (trx): Promise<AgentNamingResult> => {
          const current = await agents(trx)
            .where('agents.siteId', '=', siteId)
            .where('agents.id', '=', agentId)
            .$if(dialect.manyWriters, (q) => q.forUpdate('agents'))
            .executeTakeFirst();
          if (current?.accountId) {
            const agent = await agentNames(trx)
              .where('agents.siteId', '=', siteId)
              .where('agents.id', '=', agentId)
              .executeTakeFirstOrThrow();
            return { outcome: 'has_access', agent: toAgentView(agent) };
          }
          if (naming.memberId !== null) {
            const member = await trx
              .selectFrom('agents')
              .select('id')
              .where('siteId', '=', siteId)
              .where('id', '=', naming.memberId)
              .where('accountId', 'is not', null)
              .executeTakeFirst();
            if (!member || naming.memberId === agentId) return { outcome: 'no_member' };
          }
          const columns = {
            name: naming.name,
            avatarUrl: naming.avatarUrl,
            memberId: naming.memberId,
            nameSource: 'team',
            namedAt: null,
          } as const;
          await trx
            .insertInto('agents')
            .values({
              siteId,
              id: agentId,
              role: 'agent',
              accountId: null,
              createdAt: at,
              ...columns,
            })
            .onConflict((oc) => oc.columns(['siteId', 'id']).doUpdateSet(columns))
            .execute();
          const agent = await agentNames(trx)
            .where('agents.siteId', '=', siteId)
            .where('agents.id', '=', agentId)
            .executeTakeFirstOrThrow();
          return { outcome: 'named', agent: toAgentView(agent) };
        })
        .finally(() => cache.forget(siteId)),

    async createAccount(account, passwordHash) {
      await insertAccount(db, account, passwordHash, null);
    },

    async getAccount(accountId) {
      const row = await account(accountId);
      return row ? toRecord(row).account : null;
    },

    async findCredentials(email) {
      const [record] = await accountsByEmail(email);
      return record ? { account: record.account, passwordHash: record.passwordHash } : null;
    },

    accountsByEmail,

    async accountRecord(accountId) {
      const row = await account(accountId);
      return row ? toRecord(row) : null;
    },

    async setPasswordHash(accountId, passwordHash) {
      await db.updateTable('accounts').set({ passwordHash }).where('id', '=', accountId).execute();
    },

    async createVerification(verification) {
      await db
        .insertInto('verifications')
        .values(verification)
        .onConflict((oc) =>
          oc.column('accountId').doUpdateSet((eb) => ({
            tokenHash: eb.ref('excluded.tokenHash'),
            expiresAt: eb.ref('excluded.expiresAt'),
          })),
        )
        .execute();
    },

    async verifyEmail(tokenHash, accountId, now) {
      return db.transaction().execute(async (trx) => {
        const used = await trx
          .deleteFrom('verifications')
          .where('tokenHash', '=', tokenHash)
          .where('accountId', '=', accountId)
          .where('expiresAt', '>', now)
          .executeTakeFirst();
        if (Number(used.numDeletedRows) === 0) return false;
        await trx
          .updateTable('accounts')
          .set((eb) => ({ verifiedAt: eb.fn.coalesce('verifiedAt', eb.val(now)) }))
          .where('id', '=', accountId)
          .execute();
        return true;
      });
    },

    async memberOf(accountId, siteId) {
      const row = await agents(db)
        .where('agents.accountId', '=', accountId)
        .where('agents.siteId', '=', siteId)
        .executeTakeFirst();
      return row ? toAgent(row) : null;
    },

    membershipsOf: (accountId) =>
      agents(db)
        .where('agents.accountId', '=', accountId)
        .orderBy('agents.createdAt')
        .orderBy(dialect.bytewise(sql.ref('agents.siteId')))
        .execute()
        .then((rows) => rows.map(toAgent)),

    async createSession(session) {
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('sessions').where('expiresAt', '<=', session.createdAt).execute();
        await trx.insertInto('sessions').values(session).execute();
      });
    },

    async getSession(tokenHash, now) {
      const row = await db
        .selectFrom('sessions')
        .selectAll()
        .where('tokenHash', '=', tokenHash)
        .where('expiresAt', '>', now)
        .executeTakeFirst();
      return row ?? null;
    },

    async setSessionSite(tokenHash, siteId) {
      await db.updateTable('sessions').set({ siteId }).where('tokenHash', '=', tokenHash).execute();
    },

    async deleteSession(tokenHash) {
      await db.deleteFrom('sessions').where('tokenHash', '=', tokenHash).execute();
    },

    async deleteSessionsOf(accountId, keep) {
      const rows = await db
        .deleteFrom('sessions')
        .where('accountId', '=', accountId)
        .$if(keep !== undefined, (q) => q.where('tokenHash', '<>', keep ?? ''))
        .returning('tokenHash')
        .execute();
      return rows.map((row) => row.tokenHash);
    },

    changeMember: (siteId, agentId, change) =>
      db.transaction().execute(async (trx): Promise<MemberChangeResult> => {
        // The site's admins who can sign in, locked where other nodes write (in id order, so two
        // changes cannot deadlock) until this transaction ends: a concurrent change waits, then
        // reads them as changed. SQLite runs one transaction at a time.
        const admins = await trx
          .selectFrom('agents')
          .select('id')
          .where('siteId', '=', siteId)
          .where('role', '=', 'admin')
          .where('accountId', 'is not', null)
          .orderBy(dialect.bytewise(sql.ref('id')))
          .$if(dialect.manyWriters, (q) => q.forUpdate())
          .execute();
        const row = await agents(trx)
          .where('agents.siteId', '=', siteId)
          .where('agents.id', '=', agentId)
          .where('agents.accountId', 'is not', null)
          .$if(dialect.manyWriters, (q) => q.forUpdate('agents'))
          .executeTakeFirst();
        if (!row) return { outcome: 'not_member' };
        const member = toAgent(row);
        if ('answersChats' in change) {
          // Not a role change: no admin is lost, and only this column moves.
          await trx
            .updateTable('agents')
            .set({ answersChats: change.answersChats ? 1 : 0 })
            .where('siteId', '=', siteId)
            .where('id', '=', agentId)
            .execute();
          cache.forget(siteId);
          return { outcome: 'changed', agent: { ...member, answersChats: change.answersChats } };
        }
        const staysAdmin = 'role' in change && change.role === 'admin';
        if (member.role === 'admin' && !staysAdmin) {
          const others = admins.filter((admin) => admin.id !== agentId);
          if (others.length === 0) return { outcome: 'last_admin', agent: member };
        }
        const changed: Agent =
          'role' in change
            ? { ...member, role: change.role }
            : { ...member, accountId: null, email: null, role: 'agent' };
        await upsert(trx, changed);
        return { outcome: 'changed', agent: changed };
      }),

    async createInvite(invite) {
      await db.insertInto('invites').values(invite).execute();
    },

    async findInvite(tokenHash, now) {
      const row = await db
        .selectFrom('invites')
        .select(inviteColumns)
        .where('tokenHash', '=', tokenHash)
        .where('expiresAt', '>', now)
        .executeTakeFirst();
      return row ?? null;
    },

    listInvites: (siteId, now) =>
      db
        .selectFrom('invites')
        .select(inviteColumns)
        .where('siteId', '=', siteId)
        .where('expiresAt', '>', now)
        .orderBy('createdAt')
        .orderBy(dialect.bytewise(sql.ref('id')))
        .execute(),

    async deleteInvite(siteId, inviteId) {
      const result = await db
        .deleteFrom('invites')
        .where('siteId', '=', siteId)
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
            .where('tokenHash', '=', tokenHash)
            .where('expiresAt', '>', now)
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
          .insertInto('memberAddresses')
          .values({ address, accountId, seenAt: at })
          .onConflict((oc) =>
            oc.columns(['address', 'accountId']).doUpdateSet((eb) => ({
              seenAt: eb
                .case()
                .when('excluded.seenAt', '>', eb.ref('memberAddresses.seenAt'))
                .then(eb.ref('excluded.seenAt'))
                .else(eb.ref('memberAddresses.seenAt'))
                .end(),
            })),
          )
          .execute();
        await trx
          .deleteFrom('memberAddresses')
          .where('seenAt', '<', at - DAY)
          .execute();
      });
    },

    async noteMembersSeen(members, at) {
      if (members.length === 0) return;
      // It only moves forward.
      await db
        .updateTable('agents')
        .set({ lastSeenAt: at })
        .where((eb) =>
          eb(
            eb.refTuple('siteId', 'id'),
            'in',
            members.map((m) => eb.tuple(m.siteId, m.agentId)),
          ),
        )
        .where((eb) => eb.or([eb('lastSeenAt', 'is', null), eb('lastSeenAt', '<', at)]))
        .execute();
    },

    async memberLastSeen(siteId, agentId) {
      const row = await db
        .selectFrom('agents')
        .select('lastSeenAt')
        .where('siteId', '=', siteId)
        .where('id', '=', agentId)
        .executeTakeFirst();
      return row?.lastSeenAt ?? null;
    },

    async memberSeenAt(siteId, address, since) {
      const row = await db
        .selectFrom('memberAddresses as m')
        .innerJoin('agents as a', 'a.accountId', 'm.accountId')
        .select(sql.lit(1).as('seen'))
        .where('m.address', '=', address)
        .where('m.seenAt', '>=', since)
        .where('a.siteId', '=', siteId)
        .limit(1)
        .executeTakeFirst();
      return row !== undefined;
    },

    async isMemberEmail(siteId, email) {
      const row = await db
        .selectFrom('agents as a')
        .innerJoin('accounts as c', 'c.id', 'a.accountId')
        .select(sql.lit(1).as('member'))
        .where('a.siteId', '=', siteId)
        .where('c.email', '=', email)
        .limit(1)
        .executeTakeFirst();
      return row !== undefined;
    },
  } satisfies Partial<Store>;
}
