/**
 * The store's account methods, on both stores: one account per email and home site, emails
 * proven once with a link of their own account, an account's sessions ended together, a member
 * change that never leaves a site without an admin, and accepts that collide answered as such.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../shared/settings';
import { StoreConflict, type Agent, type Site, type Store } from '../../server/storage/store';
import { createTestStorage, storeKinds, type TestStorage } from '../support/stores';

const T0 = Date.parse('2026-09-01T08:00:00Z');
const HOUR = 3_600_000;

let serial = 0;
const unique = (prefix: string) => `${prefix}${++serial}x${Date.now().toString(36)}`;

describe.each(await storeKinds())('account storage (%s)', (kind) => {
  let storage: TestStorage;
  let store: Store;

  beforeAll(async () => {
    storage = await createTestStorage(kind);
    store = await storage.open();
  });

  afterAll(async () => {
    await store?.close();
    await storage?.remove();
  });

  const newSite = async (): Promise<Site> => {
    const site: Site = {
      id: unique('site'),
      name: 'Shop',
      allowedOrigins: [],
      settings: DEFAULT_SETTINGS,
      keyHash: null,
      createdAt: T0,
    };
    await store.createSite(site);
    return site;
  };

  const account = (email: string, createdAt = T0 + ++serial) => ({
    id: unique('acct'),
    email,
    name: 'Someone',
    createdAt,
  });

  /** An invite redeemed by a new account made for `site`. */
  const joinAsNew = async (site: Site, email: string, role: Agent['role'] = 'agent') => {
    const tokenHash = unique('invite');
    await store.createInvite({
      id: unique('inv'),
      tokenHash,
      siteId: site.id,
      email,
      role,
      agentId: null,
      createdAt: T0,
      expiresAt: T0 + HOUR,
    });
    const made = account(email);
    const member: Agent = {
      siteId: site.id,
      id: unique('ag'),
      name: made.name,
      role,
      accountId: made.id,
      email,
      createdAt: T0,
    };
    const redeemed = await store.redeemInvite(tokenHash, T0, {
      newAccount: { account: made, passwordHash: 'hash', homeSiteId: site.id },
      member,
    });
    expect(redeemed).toBe(true);
    return { account: made, member };
  };

  it('keeps one account per email and home site; the operator’s count as proven', async () => {
    const [a, b] = [await newSite(), await newSite()];
    const email = `${unique('pat')}@corp.test`;
    const operators = account(email, T0 - 1);
    await store.createAccount(operators, 'hash-op');
    const onA = await joinAsNew(a, email);
    const onB = await joinAsNew(b, email);
    const records = await store.accountsByEmail(email);
    expect(records.map((r) => [r.account.id, r.homeSiteId, r.verifiedAt])).toEqual([
      [operators.id, null, operators.createdAt],
      [onA.account.id, a.id, null],
      [onB.account.id, b.id, null],
    ]);
    expect(await store.accountRecord(onA.account.id)).toEqual(records[1]);
    expect(await store.findCredentials(email)).toEqual({
      account: operators,
      passwordHash: 'hash-op',
    });
    // A second operator's account with the email, or a second one for A, is refused.
    await expect(store.createAccount(account(email), 'x')).rejects.toThrow();
    await expect(joinAsNew(a, email)).rejects.toThrow(StoreConflict);

    await store.setPasswordHash(onA.account.id, 'new-hash');
    expect((await store.accountRecord(onA.account.id))?.passwordHash).toBe('new-hash');
  });

  it('proves an email once, with a link of that account, before it expires', async () => {
    const site = await newSite();
    const email = `${unique('nia')}@corp.test`;
    const nia = await joinAsNew(site, email);
    const other = await joinAsNew(await newSite(), email);
    await store.createVerification({
      tokenHash: 'old-link',
      accountId: nia.account.id,
      expiresAt: T0 + HOUR,
    });
    // A newer link replaces the older one.
    await store.createVerification({
      tokenHash: unique('link'),
      accountId: nia.account.id,
      expiresAt: T0 + HOUR,
    });
    expect(await store.verifyEmail('old-link', nia.account.id, T0)).toBe(false);
    const link = unique('link');
    await store.createVerification({
      tokenHash: link,
      accountId: nia.account.id,
      expiresAt: T0 + HOUR,
    });
    expect(await store.verifyEmail(link, other.account.id, T0)).toBe(false);
    expect(await store.verifyEmail(link, nia.account.id, T0 + HOUR)).toBe(false);
    expect(await store.verifyEmail(link, nia.account.id, T0 + 5)).toBe(true);
    expect(await store.verifyEmail(link, nia.account.id, T0 + 6)).toBe(false);
    expect((await store.accountRecord(nia.account.id))?.verifiedAt).toBe(T0 + 5);
    expect((await store.accountRecord(other.account.id))?.verifiedAt).toBeNull();
  });

  it('ends every session of an account, or all but one', async () => {
    const site = await newSite();
    const sol = await joinAsNew(site, `${unique('sol')}@corp.test`);
    const tia = await joinAsNew(site, `${unique('tia')}@corp.test`);
    const session = (tokenHash: string, accountId: string) =>
      store.createSession({
        tokenHash,
        accountId,
        siteId: site.id,
        createdAt: T0,
        expiresAt: T0 + HOUR,
      });
    const [s1, s2, s3, t1] = [unique('s'), unique('s'), unique('s'), unique('t')];
    await session(s1, sol.account.id);
    await session(s2, sol.account.id);
    await session(s3, sol.account.id);
    await session(t1, tia.account.id);
    expect((await store.deleteSessionsOf(sol.account.id, s1)).sort()).toEqual([s2, s3].sort());
    expect(await store.getSession(s1, T0)).not.toBeNull();
    expect(await store.getSession(s2, T0)).toBeNull();
    expect(await store.deleteSessionsOf(sol.account.id)).toEqual([s1]);
    expect(await store.getSession(t1, T0)).not.toBeNull();
  });

  it('changes members, never leaving a site without an admin who can sign in', async () => {
    const site = await newSite();
    const x = await joinAsNew(site, `${unique('x')}@corp.test`, 'admin');
    const y = await joinAsNew(site, `${unique('y')}@corp.test`, 'admin');
    const z = await joinAsNew(site, `${unique('z')}@corp.test`, 'agent');
    expect(await store.changeMember(site.id, 'nobody', { role: 'agent' })).toEqual({
      outcome: 'not_member',
    });
    expect(await store.changeMember(site.id, z.member.id, { role: 'supervisor' })).toEqual({
      outcome: 'changed',
      agent: { ...z.member, role: 'supervisor' },
    });
    expect(await store.changeMember(site.id, y.member.id, { remove: true })).toEqual({
      outcome: 'changed',
      agent: { ...y.member, accountId: null, email: null, role: 'agent' },
    });
    expect(await store.memberOf(y.account.id, site.id)).toBeNull();
    expect(await store.getAgent(site.id, y.member.id)).toMatchObject({ accountId: null });
    // X is the last admin now: neither demoted nor removed; promoting is fine.
    for (const change of [{ role: 'supervisor' as const }, { remove: true as const }]) {
      expect(await store.changeMember(site.id, x.member.id, change)).toEqual({
        outcome: 'last_admin',
        agent: x.member,
      });
    }
    expect((await store.changeMember(site.id, x.member.id, { role: 'admin' })).outcome).toBe(
      'changed',
    );
    expect((await store.listAgents(site.id)).find((a) => a.id === x.member.id)?.role).toBe('admin');
  });

  it('lets one of two admins demoting each other at once win, from two nodes', async () => {
    const second = await storage.open();
    try {
      for (let round = 0; round < 5; round++) {
        const site = await newSite();
        const x = await joinAsNew(site, `${unique('x')}@corp.test`, 'admin');
        const y = await joinAsNew(site, `${unique('y')}@corp.test`, 'admin');
        const outcomes = await Promise.all([
          store.changeMember(site.id, y.member.id, { role: 'agent' }),
          second.changeMember(site.id, x.member.id, { role: 'agent' }),
        ]);
        expect(outcomes.map((o) => o.outcome).sort()).toEqual(['changed', 'last_admin']);
        // Read fresh (a store may keep its own list of a site's agents).
        const roles = [
          await store.getAgent(site.id, x.member.id),
          await store.getAgent(site.id, y.member.id),
        ];
        expect(roles.filter((a) => a?.role === 'admin')).toHaveLength(1);
      }
    } finally {
      await second.close();
    }
  });
});
