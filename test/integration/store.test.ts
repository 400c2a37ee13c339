/**
 * One storage suite, run against every store: SQLite in a temporary file and PostgreSQL in a
 * fresh schema. Both must behave identically, since the server cannot tell which it runs on.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deriveConversation } from '../../shared/scoring/fold';
import { conversationEvidence } from '../../shared/scoring/observations';
import { compareFacts, type Fact, type FactDraft } from '../../shared/facts';
import { DEFAULT_SETTINGS } from '../../shared/settings';
import type { Observation } from '../../shared/scoring/types';
import { MINUTE } from '../../shared/time';
import { openPostgresStore } from '../../server/storage/postgres';
import { LEGACY_STEPS } from '../../server/storage/migrations/legacy';
import { StorageError } from '../../server/storage/common';
import type { Site, Store, StoredConversation } from '../../server/storage/store';
import type { SqlStore } from '../../server/storage/sql-store';
import { Pipeline, upgradeDerivations } from '../../server/pipeline/pipeline';
import { ChangeFeed } from '../../server/pipeline/feed';
import { silentLogger } from '../../server/logger';
import {
  createTestStorage,
  skipPostgres,
  type StoreKind,
  type TestStorage,
} from '../support/stores';
import { siteMaker } from '../support/sites';

/** Derives every conversation of the site again, a chunk at a time, as the pipeline does. */
async function rederiveSite(store: Store, site: Site): Promise<void> {
  for (let after = ''; ;) {
    const chunk = await store.rederiveChunk(site, after);
    if (chunk.next === null) return;
    after = chunk.next;
  }
}

/** A stored conversation's state without its row's version, to compare with a derivation. */
const unversioned = (stored: StoredConversation | null) => {
  if (!stored) return stored;
  const state: Partial<StoredConversation> = { ...stored };
  delete state.version;
  return state;
};

const T0 = Date.UTC(2025, 0, 6, 9, 0);

const fact = (id: string, conversationId: string, at: number, draft: FactDraft): Fact =>
  ({ id, conversationId, at, ...draft }) as Fact;

/** A whole conversation: chat, an unknown agent, a promise kept, a close, a rating amended. */
function wholeConversation(conversationId: string, prefix = ''): Fact[] {
  const f = (id: string, minutes: number, draft: FactDraft) =>
    fact(`${prefix}${id}`, conversationId, T0 + minutes * MINUTE, draft);
  return [
    f('o1', 0, { type: 'conversation.opened', visitorId: 'v1' }),
    f('m1', 1, { type: 'message', from: 'visitor', text: 'My order has not arrived' }),
    f('a1', 2, { type: 'conversation.assigned', agentId: 'newbie' }),
    f('m2', 3, { type: 'message', from: 'agent', agentId: 'newbie', text: 'Checking' }),
    f('p1', 4, {
      type: 'promise.made',
      promiseId: 'p1',
      agentId: 'newbie',
      dueAt: T0 + 60 * MINUTE,
      text: 'Email the tracking link',
    }),
    f('k1', 50, { type: 'promise.kept', promiseId: 'p1' }),
    f('x1', 51, { type: 'conversation.closed', agentId: 'newbie' }),
    f('r1', 52, { type: 'rating', end: 3 }),
    f('m3', 53, { type: 'message', from: 'visitor', text: 'after the close' }),
    f('r2', 55, {
      type: 'rating',
      end: 5,
      peak: { dimension: 'reliability', polarity: 'positive' },
      comment: 'Kept their word',
    }),
  ];
}

/** A deterministic shuffle (seeded), so a failure can be replayed. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let state = seed;
  for (let i = out.length - 1; i > 0; i--) {
    state = (state * 1103515245 + 12345) % 2147483648;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

const skip = { sqlite: false, postgres: await skipPostgres() };

for (const kind of ['sqlite', 'postgres'] as const satisfies StoreKind[]) {
  describe.skipIf(skip[kind])(`the ${kind} store`, () => {
    let storage: TestStorage;
    let store: Store;
    /** A fresh site per test, so tests sharing the store never see each other's rows. */
    const newSite = siteMaker(() => store, 'site', T0);

    beforeAll(async () => {
      storage = await createTestStorage(kind);
      store = await storage.open();
    });

    afterAll(async () => {
      await store?.close();
      await storage?.remove();
    });

    it('answers a ping, and closes more than once without complaint', async () => {
      const other = await storage.open();
      await expect(other.ping()).resolves.toBeUndefined();
      await other.close();
      await other.close();
      await expect(store.ping()).resolves.toBeUndefined();
    });

    it('stores sites, finds them by key hash, and changes them', async () => {
      const site = await newSite({
        keyHash: 'hash-one',
        allowedOrigins: ['https://a.example', 'https://b.example'],
        settings: { ...DEFAULT_SETTINGS, targetReplySeconds: 45, halfLifeDays: 7.5 },
      });
      expect(await store.getSite(site.id)).toEqual(site);
      expect(await store.findSiteByKeyHash('hash-one', T0)).toEqual(site);
      expect(await store.getSite('no-such-site')).toBeNull();
      await expect(store.createSite(site)).rejects.toThrow();

      const changed: Site = {
        ...site,
        name: 'Renamed',
        allowedOrigins: [],
        settings: DEFAULT_SETTINGS,
      };
      // A copy with another key saves all but the key: only a rotation changes that.
      await store.updateSite({ ...changed, keyHash: 'hash-two' });
      expect(await store.getSite(site.id)).toEqual(changed);
      expect(await store.findSiteByKeyHash('hash-two', T0)).toBeNull();
      expect(await store.findSiteByKeyHash('hash-one', T0)).toEqual(changed);
      expect((await store.listSites()).find((s) => s.id === site.id)).toEqual(changed);
    });

    it('rotates a key, keeping the one it replaces through a grace period only', async () => {
      const site = await newSite();
      const key = (n: number) => `${site.id}-key-${n}`;
      await store.rotateSiteKey(site.id, key(1), null);
      const until = T0 + 60 * MINUTE;
      const first = await store.rotateSiteKey(site.id, key(2), until);
      expect(first).toMatchObject({
        site: { keyHash: key(2), previousKey: { keyHash: key(1), until } },
        changes: [{ kind: 'site' }],
        revoked: null,
      });
      expect(await store.getSite(site.id)).toEqual(first!.site);
      // The replaced key finds its site until the grace period ends, not from then on.
      expect((await store.findSiteByKeyHash(key(1), until - 1))?.id).toBe(site.id);
      expect(await store.findSiteByKeyHash(key(1), until)).toBeNull();
      expect((await store.findSiteByKeyHash(key(2), until))?.id).toBe(site.id);

      // A stale copy of the site, saved meanwhile, brings no key back and drops none.
      await store.updateSite({ ...site, name: 'Stale', keyHash: key(1) });
      expect(await store.getSite(site.id)).toMatchObject({
        name: 'Stale',
        keyHash: key(2),
        previousKey: { keyHash: key(1), until },
      });

      // A second rotation in the grace period keeps only the key it replaces.
      const second = await store.rotateSiteKey(site.id, key(3), until + 60 * MINUTE);
      expect(second).toMatchObject({
        site: { keyHash: key(3), previousKey: { keyHash: key(2), until: until + 60 * MINUTE } },
        revoked: key(1),
      });
      expect(await store.findSiteByKeyHash(key(1), T0)).toBeNull();

      // Revoked: only the current key is left; revoking again revokes nothing.
      const revoked = await store.revokePreviousKey(site.id);
      expect(revoked).toMatchObject({ site: { keyHash: key(3) }, revoked: key(2) });
      expect(revoked!.site).not.toHaveProperty('previousKey');
      expect(await store.getSite(site.id)).not.toHaveProperty('previousKey');
      expect(await store.findSiteByKeyHash(key(2), T0)).toBeNull();
      expect((await store.revokePreviousKey(site.id))?.revoked).toBeNull();

      // Without a grace period, every older key goes at once.
      await store.rotateSiteKey(site.id, key(4), until);
      const atOnce = await store.rotateSiteKey(site.id, key(5), null);
      expect(atOnce).toMatchObject({ site: { keyHash: key(5) }, revoked: key(3) });
      expect(atOnce!.site).not.toHaveProperty('previousKey');
      expect(await store.findSiteByKeyHash(key(3), T0)).toBeNull();
      expect(await store.findSiteByKeyHash(key(4), T0)).toBeNull();
      expect(await store.rotateSiteKey('no-such-site', key(6), null)).toBeNull();
      expect(await store.revokePreviousKey('no-such-site')).toBeNull();
    });

    it("saves agents, keeping each one's account, and lists a person's sites", async () => {
      const site = await newSite();
      const other = await newSite();
      const zoe = {
        id: `acct-zoe-${site.id}`,
        email: `zoe@${site.id}.test`,
        name: 'Zoe',
        createdAt: T0,
      };
      await store.createAccount(zoe, 'hash-1');
      await expect(store.createAccount({ ...zoe, id: 'another-id' }, 'hash-2')).rejects.toThrow();
      const base = { siteId: site.id, createdAt: T0 };
      await store.saveAgent({
        ...base,
        id: 'zoe',
        name: 'Zoe',
        role: 'agent',
        accountId: zoe.id,
        email: null,
      });
      await store.saveAgent({
        ...base,
        id: 'al',
        name: 'Al',
        role: 'supervisor',
        accountId: null,
        email: null,
      });
      // The same person on another site, with another role.
      await store.saveAgent({
        siteId: other.id,
        id: 'z',
        name: 'Zoe A.',
        role: 'admin',
        accountId: zoe.id,
        email: null,
        createdAt: T0 + 1,
      });
      await store.saveAgent({
        ...base,
        id: 'zoe',
        name: 'Zoe Adams',
        role: 'supervisor',
        accountId: zoe.id,
        email: null,
      });

      const asAgent = {
        ...base,
        id: 'zoe',
        name: 'Zoe Adams',
        role: 'supervisor',
        accountId: zoe.id,
        email: zoe.email,
      };
      expect(await store.findCredentials(zoe.email)).toEqual({
        account: zoe,
        passwordHash: 'hash-1',
      });
      expect(await store.getAccount(zoe.id)).toEqual(zoe);
      expect(await store.getAgent(site.id, 'zoe')).toEqual(asAgent);
      expect(await store.memberOf(zoe.id, site.id)).toEqual(asAgent);
      expect((await store.membershipsOf(zoe.id)).map((a) => [a.siteId, a.id, a.role])).toEqual([
        [site.id, 'zoe', 'supervisor'],
        [other.id, 'z', 'admin'],
      ]);
      // One membership per person and site.
      await expect(
        store.saveAgent({
          ...base,
          id: 'zoe-again',
          name: 'Zoe',
          role: 'agent',
          accountId: zoe.id,
          email: null,
        }),
      ).rejects.toThrow();

      expect(await store.getAgent(site.id, 'al')).toEqual({
        ...base,
        id: 'al',
        name: 'Al',
        role: 'supervisor',
        accountId: null,
        email: null,
      });
      expect((await store.listAgents(site.id)).map((a) => a.name)).toEqual(['Al', 'Zoe Adams']);

      // Removing access keeps the agent (and so their scores), without the account.
      await store.saveAgent({ ...asAgent, accountId: null, role: 'agent' });
      expect(await store.memberOf(zoe.id, site.id)).toBeNull();
      expect(await store.getAgent(site.id, 'zoe')).toMatchObject({ accountId: null, email: null });
      expect((await store.membershipsOf(zoe.id)).map((a) => a.siteId)).toEqual([other.id]);

      expect(await store.getAgent(site.id, 'nobody')).toBeNull();
      expect(await store.findCredentials('nobody@example.test')).toBeNull();
      expect(await store.getAccount('no-such-account')).toBeNull();
      expect(await store.membershipsOf('no-such-account')).toEqual([]);
      expect(await store.listAgents('no-such-site')).toEqual([]);
    });

    it('keeps a session until it expires, switches its site, and forgets it when deleted', async () => {
      const site = await newSite();
      const other = await newSite();
      const session = {
        tokenHash: `token-${site.id}`,
        accountId: 'acct-anna',
        siteId: site.id,
        createdAt: T0,
        expiresAt: T0 + 60 * MINUTE,
      };
      await store.createSession(session);
      expect(await store.getSession(session.tokenHash, T0 + 59 * MINUTE)).toEqual(session);
      expect(await store.getSession(session.tokenHash, session.expiresAt)).toBeNull();
      await store.setSessionSite(session.tokenHash, other.id);
      expect(await store.getSession(session.tokenHash, T0)).toEqual({
        ...session,
        siteId: other.id,
      });
      await store.deleteSession(session.tokenHash);
      expect(await store.getSession(session.tokenHash, T0)).toBeNull();

      // A new session clears out the ones that have expired.
      await store.createSession(session);
      await store.createSession({
        ...session,
        tokenHash: 'later',
        createdAt: session.expiresAt,
        expiresAt: session.expiresAt + MINUTE,
      });
      expect(await store.getSession(session.tokenHash, T0)).toBeNull();
      await store.deleteSession('later');
    });

    it('keeps invites until used, revoked or expired, and redeems each once', async () => {
      const site = await newSite();
      const invite = {
        id: `inv-${site.id}`,
        tokenHash: `invite-token-${site.id}`,
        siteId: site.id,
        email: 'new@example.test',
        role: 'supervisor' as const,
        agentId: null,
        createdAt: T0,
        expiresAt: T0 + 60 * MINUTE,
      };
      await store.createInvite(invite);
      await store.createInvite({
        ...invite,
        id: `${invite.id}-2`,
        tokenHash: `${invite.tokenHash}-2`,
        createdAt: T0 + 1,
      });
      expect(await store.findInvite(invite.tokenHash, T0)).toEqual(invite);
      expect(await store.findInvite(invite.tokenHash, invite.expiresAt)).toBeNull();
      expect((await store.listInvites(site.id, T0)).map((i) => i.id)).toEqual([
        invite.id,
        `${invite.id}-2`,
      ]);
      expect(await store.listInvites(site.id, invite.expiresAt)).toEqual([]);
      expect(await store.deleteInvite(site.id, `${invite.id}-2`)).toBe(true);
      expect(await store.deleteInvite(site.id, `${invite.id}-2`)).toBe(false);
      expect(await store.deleteInvite('another-site', invite.id)).toBe(false);

      const account = {
        id: `acct-new-${site.id}`,
        email: `new@${site.id}.test`,
        name: 'Nia',
        createdAt: T0,
      };
      const member = {
        siteId: site.id,
        id: 'nia',
        name: 'Nia',
        role: 'supervisor' as const,
        accountId: account.id,
        email: account.email,
        createdAt: T0,
      };
      const redemption = { newAccount: { account, passwordHash: 'hash-nia' }, member };
      // Expired: nothing is written.
      expect(await store.redeemInvite(invite.tokenHash, invite.expiresAt, redemption)).toBe(false);
      expect(await store.getAccount(account.id)).toBeNull();
      // Redeemed at once from two nodes: exactly one wins.
      const secondNode = await storage.open();
      try {
        const outcomes = await Promise.all([
          store.redeemInvite(invite.tokenHash, T0, redemption),
          secondNode.redeemInvite(invite.tokenHash, T0, redemption),
        ]);
        expect(outcomes.sort()).toEqual([false, true]);
      } finally {
        await secondNode.close();
      }
      expect(await store.findCredentials(account.email)).toEqual({
        account,
        passwordHash: 'hash-nia',
      });
      expect(await store.memberOf(account.id, site.id)).toEqual(member);
      expect(await store.findInvite(invite.tokenHash, T0)).toBeNull();
    });

    it('gives a scored agent to an invitee only while nobody has it', async () => {
      const site = await newSite();
      await store.recordFacts(site, [
        fact('a1', 'c1', T0, { type: 'conversation.assigned', agentId: 'zd-42' }),
      ]);
      const invite = (n: number) => ({
        id: `inv-${site.id}-${n}`,
        tokenHash: `scored-${site.id}-${n}`,
        siteId: site.id,
        email: `zd${n}@example.test`,
        role: 'agent' as const,
        agentId: 'zd-42',
        createdAt: T0,
        expiresAt: T0 + 60 * MINUTE,
      });
      await store.createInvite(invite(1));
      await store.createInvite(invite(2));
      const redemption = (n: number) => {
        const account = {
          id: `acct-${site.id}-${n}`,
          email: `zd${n}@${site.id}.test`,
          name: `Person ${n}`,
          createdAt: T0,
        };
        return {
          newAccount: { account, passwordHash: 'h' },
          member: {
            siteId: site.id,
            id: 'zd-42',
            name: account.name,
            role: 'agent' as const,
            accountId: account.id,
            email: null,
            createdAt: T0,
          },
        };
      };
      expect(await store.redeemInvite(invite(1).tokenHash, T0, redemption(1))).toBe(true);
      expect(await store.getAgent(site.id, 'zd-42')).toMatchObject({
        name: 'Person 1',
        accountId: `acct-${site.id}-1`,
      });
      // The second finds the agent taken: nothing is written and the invite stays.
      expect(await store.redeemInvite(invite(2).tokenHash, T0, redemption(2))).toBe(false);
      expect(await store.getAccount(`acct-${site.id}-2`)).toBeNull();
      expect(await store.findInvite(invite(2).tokenHash, T0)).not.toBeNull();
    });

    it('creates each secret once, the same for every node', async () => {
      const first = await store.secret('visitor-tokens');
      expect(first).toBeInstanceOf(Buffer);
      expect(first).toHaveLength(32);
      expect(await store.secret('visitor-tokens')).toEqual(first);
      expect(await store.secret('another')).not.toEqual(first);

      const secondNode = await storage.open();
      expect(await secondNode.secret('visitor-tokens')).toEqual(first);
      const racing = await Promise.all(
        Array.from({ length: 8 }, (_, i) => (i % 2 ? store : secondNode).secret('raced')),
      );
      expect(new Set(racing.map((b) => b.toString('hex'))).size).toBe(1);
      await secondNode.close();
    });

    it('records facts, derives the conversation and adopts unknown agents', async () => {
      const site = await newSite();
      await store.saveAgent({
        siteId: site.id,
        id: 'newbie-not',
        name: 'Someone',
        role: 'agent',
        accountId: null,
        email: null,
        createdAt: T0,
      });
      const facts = wholeConversation('c1');
      const result = await store.recordFacts(site, facts);
      const expected = deriveConversation(facts, site.settings)!;

      expect(result.accepted).toEqual(facts);
      expect(result.duplicates).toBe(0);
      expect(result.conversations).toEqual([{ ...expected, version: 1 }]);
      expect(result.evidence).toEqual([
        { conversationId: 'c1', before: null, after: conversationEvidence(facts, site.settings) },
      ]);
      expect(unversioned(await store.getConversation(site.id, 'c1'))).toEqual(expected);
      expect(expected).toMatchObject({
        status: 'closed',
        visitorId: 'v1',
        messageCount: 2,
        promises: [{ promiseId: 'p1', keptAt: T0 + 50 * MINUTE }],
        rating: { end: 5, agentId: 'newbie', firstAt: T0 + 52 * MINUTE },
      });
      expect(await store.getAgent(site.id, 'newbie')).toEqual({
        siteId: site.id,
        id: 'newbie',
        name: 'newbie',
        role: 'agent',
        accountId: null,
        email: null,
        createdAt: expect.any(Number),
      });
      expect(await store.getConversation(site.id, 'no-such-conversation')).toBeNull();
    });

    it('counts and ignores duplicates, within a batch and across calls', async () => {
      const site = await newSite();
      const [opened, message, assigned] = wholeConversation('c1');
      const first = await store.recordFacts(site, [opened!, message!]);
      expect(first.duplicates).toBe(0);

      const changedCopy = { ...message!, text: 'a different text, same id' } as Fact;
      const again = await store.recordFacts(site, [opened!, changedCopy, assigned!, assigned!]);
      expect(again.accepted).toEqual([assigned]);
      expect(again.duplicates).toBe(3);
      expect(again.conversations).toHaveLength(1);

      const nothingNew = await store.recordFacts(site, [opened!, assigned!]);
      expect(nothingNew).toEqual({
        accepted: [],
        duplicates: 2,
        conversations: [],
        evidence: [],
        changes: [],
      });
      expect(await store.listFacts(site.id, 'c1')).toEqual([opened, message, assigned]);
      expect(await store.recordFacts(site, [])).toEqual({
        accepted: [],
        changes: [],
        duplicates: 0,
        conversations: [],
        evidence: [],
      });
    });

    it('gives a shuffled, split delivery exactly the state of one in-order delivery', async () => {
      const facts = [...wholeConversation('c1'), ...wholeConversation('c2', 'two-')];
      const inOrder = await newSite();
      await store.recordFacts(inOrder, facts);

      for (const seed of [1, 7, 42]) {
        const site = await newSite();
        const mixed = shuffled(facts, seed);
        const cuts = [0, 3, 4, 11, mixed.length];
        let last;
        for (let i = 0; i + 1 < cuts.length; i++) {
          last = await store.recordFacts(site, mixed.slice(cuts[i], cuts[i + 1]));
        }
        // Resent in full: nothing changes.
        const resend = await store.recordFacts(site, mixed);
        expect(resend.duplicates).toBe(facts.length);

        for (const id of ['c1', 'c2']) {
          expect(unversioned(await store.getConversation(site.id, id))).toEqual(
            unversioned(await store.getConversation(inOrder.id, id)),
          );
          expect(await store.listFacts(site.id, id)).toEqual(await store.listFacts(inOrder.id, id));
        }
        for (const state of last!.conversations) {
          expect(await store.getConversation(site.id, state.id)).toEqual(state);
        }
        expect(sortRatings(await store.countedRatings(site.id))).toEqual(
          sortRatings(await store.countedRatings(inOrder.id)),
        );
        expect(byConversation((await store.scoreSnapshot(site.id)).evidence)).toEqual(
          byConversation((await store.scoreSnapshot(inOrder.id)).evidence),
        );
        expect(byFirstFact(await store.siteFacts(site.id))).toEqual(
          byFirstFact(await store.siteFacts(inOrder.id)),
        );
      }
    });

    it('lists facts in conversation order: by time, then by id', async () => {
      const site = await newSite();
      const at = T0 + MINUTE;
      const facts = [
        fact('m-b', 'c1', at, { type: 'message', from: 'visitor', text: 'b' }),
        fact('Z-upper', 'c1', at, { type: 'message', from: 'visitor', text: 'Z' }),
        fact('o1', 'c1', T0, { type: 'conversation.opened' }),
        fact('m-a', 'c1', at, { type: 'message', from: 'visitor', text: 'a' }),
        fact('late', 'c1', at + 1, { type: 'message', from: 'visitor', text: 'late' }),
        fact('other', 'c2', at, { type: 'conversation.opened' }),
      ];
      await store.recordFacts(site, facts.slice(0, 3));
      await store.recordFacts(site, facts.slice(3));
      const listed = await store.listFacts(site.id, 'c1');
      expect(listed.map((f) => f.id)).toEqual(['o1', 'Z-upper', 'm-a', 'm-b', 'late']);
      expect(listed).toEqual(facts.filter((f) => f.conversationId === 'c1').sort(compareFacts));
      expect(await store.listFacts(site.id, 'no-such-conversation')).toEqual([]);
    });

    it('knows which sites may hold conversations derived by older rules, without reading them', async () => {
      const site = await newSite();
      expect(await store.sitesToUpgrade()).not.toContain(site.id);
      // As a site from before the marker: checked once, then marked.
      await (store as SqlStore).db
        .updateTable('sites')
        .set({ derivedVersion: 0 })
        .where('id', '=', site.id)
        .execute();
      expect(await store.sitesToUpgrade()).toContain(site.id);
      await store.markDerived(site.id);
      expect(await store.sitesToUpgrade()).not.toContain(site.id);
    });

    it('reads the latest facts and the states of many conversations at once', async () => {
      const site = await newSite();
      const at = T0 + MINUTE;
      const facts = [
        fact('o1', 'c1', T0, { type: 'conversation.opened' }),
        fact('m-b', 'c1', at, { type: 'message', from: 'visitor', text: 'b' }),
        fact('Z-upper', 'c1', at, { type: 'message', from: 'visitor', text: 'Z' }),
        fact('late', 'c1', at + 1, { type: 'message', from: 'visitor', text: 'late' }),
        fact('o2', 'c2', T0, { type: 'conversation.opened' }),
        fact('o3', 'c3', T0, { type: 'conversation.opened' }),
      ];
      await store.recordFacts(site, facts);
      const recent = await store.recentFacts(site.id, ['c1', 'c2', 'none'], 2);
      expect(recent.get('c1')?.map((f) => f.id)).toEqual(['m-b', 'late']);
      expect(recent.get('c2')?.map((f) => f.id)).toEqual(['o2']);
      expect(recent.has('c3')).toBe(false);
      expect(recent.has('none')).toBe(false);
      expect((await store.recentFacts(site.id, [], 2)).size).toBe(0);

      const states = await store.getConversations(site.id, ['c2', 'c1', 'none']);
      expect(states.map((state) => state.id).sort()).toEqual(['c1', 'c2']);
      expect(states.find((state) => state.id === 'c1')).toEqual(
        await store.getConversation(site.id, 'c1'),
      );
      expect(await store.getConversations(site.id, [])).toEqual([]);
    });

    it('lists the inbox a page at a time: waiting, open, then recently closed, newest first', async () => {
      const site = await newSite();
      const at = (minutes: number) => T0 + minutes * MINUTE;
      const open = (id: string, minutes: number) =>
        fact(`${id}-open`, id, at(minutes), { type: 'conversation.opened', visitorId: `v-${id}` });
      const asks = (id: string, minutes: number) =>
        fact(`${id}-ask-${minutes}`, id, at(minutes), { type: 'message', from: 'visitor' });
      const answers = (id: string, minutes: number) =>
        fact(`${id}-answer-${minutes}`, id, at(minutes), {
          type: 'message',
          from: 'agent',
          agentId: 'newbie',
        });
      const close = (id: string, minutes: number) =>
        fact(`${id}-close`, id, at(minutes), { type: 'conversation.closed' });
      await store.recordFacts(site, [
        ...[open('waiting-old', 1), asks('waiting-old', 2)],
        ...[open('waiting-new', 3), asks('waiting-new', 4), answers('waiting-new', 5)],
        asks('waiting-new', 6),
        ...[open('answered', 7), asks('answered', 8), answers('answered', 60)],
        ...[open('closed-new', 9), asks('closed-new', 10), close('closed-new', 100)],
        ...[open('closed-old', 11), asks('closed-old', 12), close('closed-old', 15)],
        // Nobody wrote in these: nobody's to answer, never listed.
        open('silent', 70),
        ...[open('agent-only', 71), answers('agent-only', 72)],
        ...[open('rated-only', 73), close('rated-only', 74)],
        fact('rated-only-rating', 'rated-only', at(75), { type: 'rating', end: 1 }),
        // A tie in time: the greater id first.
        ...[open('tie-a', 20), asks('tie-a', 21), open('tie-b', 20), asks('tie-b', 21)],
      ]);
      const query = { closedSince: at(20), limit: 100 };
      const listed = await store.listConversations(site.id, query);
      const order = ['tie-b', 'tie-a', 'waiting-new', 'waiting-old', 'answered', 'closed-new'];
      expect(listed.map((c) => c.state.id)).toEqual(order);
      expect(listed.map((c) => c.place.rank)).toEqual([0, 0, 0, 0, 1, 2]);
      expect(listed[2]!.state).toEqual(await store.getConversation(site.id, 'waiting-new'));
      expect(listed[2]!.place).toEqual({ rank: 0, lastActivityAt: at(6), id: 'waiting-new' });

      // Page by page, each after the last of the one before: every one once, in order.
      const pages: string[][] = [];
      let after: (typeof listed)[number]['place'] | undefined;
      for (;;) {
        const page = await store.listConversations(site.id, { ...query, limit: 4, after });
        if (page.length === 0) break;
        pages.push(page.map((c) => c.state.id));
        after = page.at(-1)!.place;
      }
      expect(pages).toEqual([order.slice(0, 4), order.slice(4)]);
      expect(await store.listConversations('no-such-site', query)).toEqual([]);
    });

    it('counts the conversations waiting for a reply as the inbox ranks them first, site by site', async () => {
      const site = await newSite();
      const other = await newSite();
      const at = (minutes: number) => T0 + minutes * MINUTE;
      const step = (id: string, n: number, minutes: number, draft: FactDraft) =>
        fact(`${id}-${n}`, id, at(minutes), draft);
      const open = (id: string) =>
        step(id, 0, 0, { type: 'conversation.opened', visitorId: `v-${id}` });
      const asks = (id: string, minutes: number) =>
        step(id, minutes, minutes, { type: 'message', from: 'visitor' });
      const answers = (id: string, minutes: number) =>
        step(id, minutes, minutes, { type: 'message', from: 'agent', agentId: 'newbie' });
      const close = (id: string, minutes: number) =>
        step(id, minutes, minutes, { type: 'conversation.closed' });
      const reopen = (id: string, minutes: number) =>
        step(id, minutes, minutes, { type: 'conversation.reopened' });
      await store.recordFacts(site, [
        ...[open('asks'), asks('asks', 1)],
        ...[open('answered'), asks('answered', 1), answers('answered', 2)],
        ...[open('asks-again'), asks('asks-again', 1), answers('asks-again', 2)],
        asks('asks-again', 3),
        ...[open('reopened'), asks('reopened', 1), answers('reopened', 2), close('reopened', 3)],
        reopen('reopened', 4),
        ...[open('reopened-answered'), asks('reopened-answered', 1), close('reopened-answered', 2)],
        ...[reopen('reopened-answered', 3), answers('reopened-answered', 4)],
        ...[open('closed'), asks('closed', 1), close('closed', 2)],
        // Nobody wrote in these: nobody's to answer, not counted (as the inbox does not list them).
        open('silent'),
        ...[open('reopened-silent'), close('reopened-silent', 1), reopen('reopened-silent', 2)],
      ]);
      await store.recordFacts(other, [open('elsewhere'), asks('elsewhere', 1)]);

      expect(await store.countWaiting(site.id)).toBe(3);
      const listed = await store.listConversations(site.id, { closedSince: 0, limit: 100 });
      expect(
        listed
          .filter((c) => c.place.rank === 0)
          .map((c) => c.state.id)
          .sort(),
      ).toEqual(['asks', 'asks-again', 'reopened']);
      expect(await store.countWaiting(other.id)).toBe(1);
      expect(await store.countWaiting('no-such-site')).toBe(0);

      // Answered, it waits no more.
      await store.recordFacts(site, [answers('asks', 5)]);
      expect(await store.countWaiting(site.id)).toBe(2);
    });

    it("remembers a member's addresses for a day, for the sites the member belongs to", async () => {
      const site = await newSite();
      const other = await newSite();
      const accountId = `acct-${site.id}`;
      await store.createAccount(
        { id: accountId, email: `member-${site.id}@example.test`, name: 'M', createdAt: T0 },
        'hash',
      );
      await store.saveAgent({
        siteId: site.id,
        id: 'member',
        name: 'M',
        role: 'agent',
        accountId,
        email: null,
        createdAt: T0,
      });
      await store.noteMemberAddress(accountId, '203.0.113.5', T0);
      await store.noteMemberAddress(accountId, '203.0.113.5', T0 - MINUTE); // older: kept later
      expect(await store.memberSeenAt(site.id, '203.0.113.5', T0)).toBe(true);
      expect(await store.memberSeenAt(site.id, '203.0.113.5', T0 + 1)).toBe(false);
      expect(await store.memberSeenAt(site.id, '203.0.113.6', T0)).toBe(false);
      expect(await store.memberSeenAt(other.id, '203.0.113.5', T0)).toBe(false);
      expect(await store.isMemberEmail(site.id, `member-${site.id}@example.test`)).toBe(true);
      expect(await store.isMemberEmail(other.id, `member-${site.id}@example.test`)).toBe(false);
      expect(await store.isMemberEmail(site.id, 'someone@example.test')).toBe(false);
      // A day later, another sighting prunes the old one.
      await store.noteMemberAddress(accountId, '198.51.100.1', T0 + 25 * 60 * MINUTE);
      expect(await store.memberSeenAt(site.id, '203.0.113.5', 0)).toBe(false);
      expect(await store.memberSeenAt(site.id, '198.51.100.1', T0)).toBe(true);
    });

    it("finds a visitor's most recently active conversation", async () => {
      const site = await newSite();
      const opened = (id: string, minutes: number, visitorId: string) =>
        fact(`${id}-open`, id, T0 + minutes * MINUTE, { type: 'conversation.opened', visitorId });
      await store.recordFacts(site, [
        opened('first', 1, 'v9'),
        opened('second', 2, 'v9'),
        opened('someone-else', 3, 'v8'),
      ]);
      expect((await store.latestConversationOf(site.id, 'v9'))?.id).toBe('second');
      await store.recordFacts(site, [
        fact('first-msg', 'first', T0 + 10 * MINUTE, {
          type: 'message',
          from: 'visitor',
          text: 'me again',
        }),
      ]);
      expect(await store.latestConversationOf(site.id, 'v9')).toEqual(
        await store.getConversation(site.id, 'first'),
      );
      expect(await store.latestConversationOf(site.id, 'nobody')).toBeNull();
    });

    it('counts the counting version of each rating, with the agent it rates', async () => {
      const site = await newSite();
      await store.recordFacts(site, [
        ...wholeConversation('rated'),
        fact('u-open', 'unassigned', T0, { type: 'conversation.opened' }),
        fact('u-close', 'unassigned', T0 + MINUTE, { type: 'conversation.closed' }),
        fact('u-rate', 'unassigned', T0 + 2 * MINUTE, { type: 'rating', end: 2 }),
        fact('n-open', 'not-rated', T0, { type: 'conversation.opened' }),
      ]);
      // A rating of a conversation no agent answered rates nobody (scoring version 2).
      expect(sortRatings(await store.countedRatings(site.id))).toEqual([
        { agentId: 'newbie', end: 5, at: T0 + 55 * MINUTE },
      ]);
      expect(await store.countedRatings('no-such-site')).toEqual([]);
    });

    it('reports evidence before and after, and gives every conversation of a site', async () => {
      const site = await newSite();
      const [opened, message, ...rest] = wholeConversation('c1');
      const other = fact('o-other', 'c2', T0, { type: 'conversation.opened' });
      const first = await store.recordFacts(site, [opened!, message!, other]);
      const afterFirst = conversationEvidence([opened!, message!], site.settings);
      expect(first.evidence).toEqual([
        { conversationId: 'c1', before: null, after: afterFirst },
        { conversationId: 'c2', before: null, after: conversationEvidence([other], site.settings) },
      ]);
      const second = await store.recordFacts(site, rest);
      expect(second.evidence).toEqual([
        {
          conversationId: 'c1',
          before: afterFirst,
          after: conversationEvidence(wholeConversation('c1'), site.settings),
        },
      ]);

      expect(byConversation((await store.scoreSnapshot(site.id)).evidence)).toEqual([
        { conversationId: 'c1', evidence: second.evidence[0]!.after },
        { conversationId: 'c2', evidence: first.evidence[1]!.after },
      ]);
      expect(byFirstFact(await store.siteFacts(site.id))).toEqual([
        wholeConversation('c1'),
        [other],
      ]);
      expect((await store.scoreSnapshot('no-such-site')).evidence).toEqual([]);
      expect(await store.siteFacts('no-such-site')).toEqual([]);
    });

    it('derives a whole site again after its settings change, even while writers add', async () => {
      const site = await newSite();
      await store.recordFacts(site, [...wholeConversation('c1'), ...wholeConversation('c2', 'b-')]);
      expect((await store.getConversation(site.id, 'c1'))?.rating?.end).toBe(5);

      // No amending any more: the first rating (3) is the one that counts.
      const strict: Site = { ...site, settings: { ...site.settings, ratingAmendMinutes: 0 } };
      await store.updateSite(strict);
      const late = Array.from({ length: 20 }, (_, i) =>
        fact(`late-${i}`, i % 2 ? 'c1' : 'c3', T0 + (60 + i) * MINUTE, {
          type: 'message',
          from: 'visitor',
        }),
      );
      await Promise.all([
        rederiveSite(store, strict),
        ...late.map((f) => store.recordFacts(strict, [f])),
      ]);

      for (const id of ['c1', 'c2', 'c3']) {
        const facts = await store.listFacts(site.id, id);
        expect(unversioned(await store.getConversation(site.id, id))).toEqual(
          deriveConversation(facts, strict.settings),
        );
      }
      expect((await store.getConversation(site.id, 'c2'))?.rating?.end).toBe(3);
      expect(sortRatings(await store.countedRatings(site.id)).map((r) => r.end)).toEqual([3, 3]);
      const evidence = byConversation((await store.scoreSnapshot(site.id)).evidence);
      expect(evidence.map((e) => e.conversationId)).toEqual(['c1', 'c2', 'c3']);
      for (const { conversationId, evidence: stored } of evidence) {
        const facts = await store.listFacts(site.id, conversationId);
        expect(stored).toEqual(conversationEvidence(facts, strict.settings));
      }
    });

    it("keeps each conversation's observations by subject, replaced when it is derived again", async () => {
      const site = await newSite();
      const facts = wholeConversation('c1');
      const amended = facts.at(-1)!;
      const latest = () => store.recentObservations(site.id, 'newbie', 100);
      const expected = (all: readonly Fact[], settings = site.settings) =>
        newestFirst(conversationEvidence(all, settings).observations);

      await store.recordFacts(site, facts.slice(0, -1));
      const first = await latest();
      expect(first).toEqual(expected(facts.slice(0, -1)));
      expect(first.map((o) => [o.cause.kind, o.dimension, o.at - T0])).toEqual([
        ['rating', 'experience', 52 * MINUTE],
        ['wait', 'responsiveness', 51 * MINUTE],
        ['promise-kept', 'reliability', 50 * MINUTE],
      ]);

      // The amended rating replaces the first one's rows, and adds the visitor's voice.
      await store.recordFacts(site, [amended]);
      const second = await latest();
      expect(second).toEqual(expected(facts));
      expect(second.map((o) => [o.cause.kind, o.value, o.weight])).toEqual([
        ['voice', 1, 2],
        ['rating', 1, 1],
        ['wait', 1, 1],
        ['promise-kept', 1, 1],
      ]);
      expect(second[0]!.cause).toEqual({ kind: 'voice', conversationId: 'c1', factId: 'r2' });

      // Derived again with the visitor's voice turned off: its row goes too.
      const quiet: Site = { ...site, settings: { ...site.settings, voiceWeight: 0 } };
      await store.updateSite(quiet);
      await rederiveSite(store, quiet);
      expect(await latest()).toEqual(expected(facts, quiet.settings));
      expect((await latest()).map((o) => o.cause.kind)).toEqual(['rating', 'wait', 'promise-kept']);
      expect(await store.recentObservations(site.id, 'nobody', 100)).toEqual([]);
      expect(await store.recentObservations('no-such-site', 'newbie', 100)).toEqual([]);
    });

    it("lists a subject's latest observations first, up to the limit and the time given", async () => {
      const site = await newSite();
      const promise = (conversationId: string, agentId: string, dueMinutes: number) =>
        fact(`${conversationId}-p`, conversationId, T0, {
          type: 'promise.made',
          promiseId: `${conversationId}-p`,
          agentId,
          dueAt: T0 + dueMinutes * MINUTE,
        });
      const keep = (conversationId: string, minutes: number) =>
        fact(`${conversationId}-k`, conversationId, T0 + minutes * MINUTE, {
          type: 'promise.kept',
          promiseId: `${conversationId}-p`,
        });
      await store.recordFacts(site, [
        promise('c-a', 'ana', 10),
        keep('c-a', 5), // kept at 5
        promise('c-b', 'ana', 20), // broken at 20
        promise('c-d', 'ana', 20), // broken at 20 too
        promise('c-c', 'ana', 30),
        keep('c-c', 30), // kept at 30, just in time
        promise('c-e', 'bo', 25), // someone else's
      ]);
      const seen = (observations: Observation[]) =>
        observations.map((o) => [o.cause.conversationId, o.cause.kind, (o.at - T0) / MINUTE]);

      expect(seen(await store.recentObservations(site.id, 'ana', 10))).toEqual([
        ['c-c', 'promise-kept', 30],
        ['c-d', 'promise-broken', 20],
        ['c-b', 'promise-broken', 20],
        ['c-a', 'promise-kept', 5],
      ]);
      expect(seen(await store.recentObservations(site.id, 'ana', 2))).toEqual([
        ['c-c', 'promise-kept', 30],
        ['c-d', 'promise-broken', 20],
      ]);
      // Up to a time: a promise due later is not evidence yet, and takes no place in the limit.
      const until = T0 + 25 * MINUTE;
      expect(seen(await store.recentObservations(site.id, 'ana', 2, until))).toEqual([
        ['c-d', 'promise-broken', 20],
        ['c-b', 'promise-broken', 20],
      ]);
      expect(seen(await store.recentObservations(site.id, 'ana', 10, T0 + 20 * MINUTE))).toEqual([
        ['c-d', 'promise-broken', 20],
        ['c-b', 'promise-broken', 20],
        ['c-a', 'promise-kept', 5],
      ]);
      expect(seen(await store.recentObservations(site.id, 'bo', 10, until))).toEqual([
        ['c-e', 'promise-broken', 25],
      ]);
    });

    it('fills in the observations of conversations stored before they were kept', async () => {
      const older = await createTestStorage(kind);
      try {
        const first = await older.open();
        const site: Site = { ...(await newSite()), id: 'older' };
        await first.createSite(site);
        await first.recordFacts(site, [
          ...wholeConversation('c1'),
          ...wholeConversation('c2', 'two-'),
        ]);
        await first.close();

        // The database as the version of Peakend before observations left it.
        await older.execute(AFTER_ACCOUNTS_UNDONE[kind]);
        await older.execute(BEFORE_ACCOUNTS[kind]);
        await older.execute('DROP TABLE observations');
        // SQLite also derives, when it opens, the evidence of rows stored before evidence was.
        if (kind === 'sqlite') {
          await older.execute(`UPDATE conversations SET evidence = NULL WHERE id = 'c2'`);
        }
        await older.setLegacyVersion(accountsVersion(kind) - 1);

        const reopened = await older.open();
        try {
          // Rows derived by older rules are derived again (the server does this after it starts).
          await upgradeDerivations(
            reopened,
            new Pipeline(reopened, new ChangeFeed(reopened, silentLogger)),
          );
          const rows = await reopened.recentObservations(site.id, 'newbie', 100);
          expect(rows).toEqual(
            newestFirst([
              ...conversationEvidence(wholeConversation('c1'), site.settings).observations,
              ...conversationEvidence(wholeConversation('c2', 'two-'), site.settings).observations,
            ]),
          );
          expect(rows).toHaveLength(8);
        } finally {
          await reopened.close();
        }
      } finally {
        await older.remove();
      }
    });

    it('turns agents who sign in into accounts, keeping their passwords and sessions', async () => {
      const older = await createTestStorage(kind);
      try {
        const first = await older.open();
        await first.createSite({ ...(await newSite()), id: 'shop' });
        await first.close();

        // The database as the version before accounts left it: email and password on agents.
        await older.execute(AFTER_ACCOUNTS_UNDONE[kind]);
        await older.execute(BEFORE_ACCOUNTS[kind]);
        await older.execute(`
          INSERT INTO agents (site_id, id, name, email, password_hash, role, created_at) VALUES
            ('shop', 'anna', 'Anna', 'anna@shop.test', 'scrypt-anna', 'supervisor', 1),
            ('shop', 'zd-7', 'zd-7', NULL, NULL, 'agent', 2);
          INSERT INTO sessions (token_hash, site_id, agent_id, created_at, expires_at) VALUES
            ('anna-session', 'shop', 'anna', 10, 9000000000000),
            ('orphan-session', 'shop', 'zd-7', 10, 9000000000000);
        `);
        await older.setLegacyVersion(accountsVersion(kind));

        const migrated = await older.open();
        try {
          const anna = await migrated.findCredentials('anna@shop.test');
          expect(anna).toEqual({
            account: {
              id: expect.stringMatching(/^acct_/),
              email: 'anna@shop.test',
              name: 'Anna',
              createdAt: 1,
            },
            passwordHash: 'scrypt-anna',
          });
          expect(await migrated.memberOf(anna!.account.id, 'shop')).toEqual({
            siteId: 'shop',
            id: 'anna',
            name: 'Anna',
            role: 'supervisor',
            accountId: anna!.account.id,
            email: 'anna@shop.test',
            createdAt: 1,
          });
          expect(await migrated.getAgent('shop', 'zd-7')).toMatchObject({
            accountId: null,
            email: null,
          });
          // Anna stays signed in; a session of an agent who cannot sign in is dropped.
          expect(await migrated.getSession('anna-session', 20)).toEqual({
            tokenHash: 'anna-session',
            accountId: anna!.account.id,
            siteId: 'shop',
            createdAt: 10,
            expiresAt: 9000000000000,
          });
          expect(await migrated.getSession('orphan-session', 20)).toBeNull();
        } finally {
          await migrated.close();
        }
      } finally {
        await older.remove();
      }
    });

    it('loses nothing when many writers add to one conversation at once', async () => {
      const site = await newSite();
      const secondNode = await storage.open();
      try {
        await store.recordFacts(site, [fact('open', 'busy', T0, { type: 'conversation.opened' })]);
        const messages = Array.from({ length: 60 }, (_, i) =>
          fact(`m${String(i).padStart(2, '0')}`, 'busy', T0 + (i + 1) * 1000, {
            type: 'message',
            from: 'visitor',
            text: `message ${i}`,
          }),
        );
        // Each message twice, on two nodes, in pairs that overlap, all at once.
        const results = await Promise.all(
          messages.map((m, i) =>
            (i % 2 ? secondNode : store).recordFacts(site, [m, messages[(i + 1) % 60]!]),
          ),
        );
        const accepted = results.flatMap((r) => r.accepted.map((f) => f.id));
        expect(accepted.sort()).toEqual(messages.map((m) => m.id));
        expect(results.reduce((n, r) => n + r.duplicates, 0)).toBe(60);

        const all = await store.listFacts(site.id, 'busy');
        expect(all).toHaveLength(61);
        const state = await store.getConversation(site.id, 'busy');
        expect(unversioned(state)).toEqual(deriveConversation(all, site.settings));
        expect(state?.messageCount).toBe(60);
      } finally {
        await secondNode.close();
      }
    });

    it('never deadlocks on batches that touch the same conversations in opposite orders', async () => {
      const site = await newSite();
      const open = (id: string) => fact(`${id}-o`, id, T0, { type: 'conversation.opened' });
      const batches = Array.from({ length: 30 }, (_, i) => {
        const ids = ['left', 'right', 'middle'];
        if (i % 2) ids.reverse();
        return ids.flatMap((id) => [
          open(id),
          fact(`${id}-${i}`, id, T0 + i * 1000, { type: 'message', from: 'visitor' }),
          fact(`agent-${id}-${i}`, id, T0 + i * 1000, {
            type: 'conversation.assigned',
            agentId: i % 2 ? `a-${id}` : `b-${id}`,
          }),
        ]);
      });
      await Promise.all(batches.map((batch) => store.recordFacts(site, batch)));
      for (const id of ['left', 'right', 'middle']) {
        expect((await store.getConversation(site.id, id))?.messageCount).toBe(30);
      }
      expect(await store.listAgents(site.id)).toHaveLength(6);
    });

    it('reopens without migrating again, several nodes at once, keeping everything', async () => {
      const site = await newSite({ name: 'Kept across restarts' });
      const reopened = await Promise.all([storage.open(), storage.open(), storage.open()]);
      for (const other of reopened) {
        expect(await other.getSite(site.id)).toEqual(site);
        await other.close();
      }

      const fresh = await createTestStorage(kind);
      try {
        const racing = await Promise.all([fresh.open(), fresh.open(), fresh.open()]);
        await racing[0]!.createSite({ ...site, id: 'raced' });
        for (const other of racing) {
          expect(await other.getSite('raced')).toMatchObject({ id: 'raced' });
          await other.close();
        }
      } finally {
        await fresh.remove();
      }
    });

    it('takes over a database from before migrations were recorded by name', async () => {
      const older = await createTestStorage(kind);
      try {
        const first = await older.open();
        const site = await newSite();
        await first.createSite(site);
        await first.recordFacts(site, wholeConversation('c1'));
        await first.close();
        // As the last version before left it: every legacy step run.
        await older.execute(AFTER_LEGACY_UNDONE);
        await older.setLegacyVersion(LEGACY_STEPS[kind].length + 1);
        for (let i = 0; i < 2; i++) {
          const reopened = await older.open();
          expect(await reopened.getSite(site.id)).toEqual(site);
          expect(await reopened.listFacts(site.id, 'c1')).toHaveLength(10);
          await reopened.close();
        }
      } finally {
        await older.remove();
      }
    });

    it('refuses a database from a newer version of Peakend', async () => {
      const newer = await createTestStorage(kind);
      try {
        await (await newer.open()).close();
        await newer.setSchemaVersion(999);
        const opening = newer.open();
        await expect(opening).rejects.toBeInstanceOf(StorageError);
        await expect(opening).rejects.toThrow(/schema version 999, newer than this version/);
        // So is one from before migrations were recorded by name, past the last legacy step.
        await newer.setLegacyVersion(999);
        await expect(newer.open()).rejects.toThrow(/schema version 999, newer than this version/);
      } finally {
        await newer.remove();
      }
    });
  });
}

describe('opening PostgreSQL', () => {
  it('names the host, never the password, when the database cannot be reached', async () => {
    const opening = openPostgresStore('postgres://peakend:s3cret-pw@127.0.0.1:1/peakend');
    await expect(opening).rejects.toBeInstanceOf(StorageError);
    const message = await opening.catch((error: Error) => error.message);
    expect(message).toMatch(/Cannot reach PostgreSQL at 127\.0\.0\.1:1\/peakend/);
    expect(message).not.toContain('s3cret');
  });

  it('refuses a schema name it would have to quote', async () => {
    await expect(
      openPostgresStore('postgres://peakend@127.0.0.1:1/peakend', { schema: 'Bad; name' }),
    ).rejects.toThrow(/Invalid PostgreSQL schema name/);
  });
});

/** The legacy version just before the accounts step (LEGACY_STEPS[0] took version 1 to 2). */
const accountsVersion = (kind: StoreKind) =>
  LEGACY_STEPS[kind].findIndex((sql) => sql.includes('CREATE TABLE invites')) + 1;

/** Undoes what the migrations after the legacy steps added (0002_derived_version, …). */
const AFTER_LEGACY_UNDONE = `DROP INDEX sites_by_previous_key;
  ALTER TABLE sites DROP COLUMN previous_key_until; ALTER TABLE sites DROP COLUMN previous_key_hash;
  DROP INDEX conversations_to_redact;
  ALTER TABLE conversations DROP COLUMN redacted_at; ALTER TABLE agents DROP COLUMN answers_chats;
  DROP TABLE webhook_deliveries; DROP TABLE webhook_endpoints;
  DROP TABLE held_reopens; DROP TABLE integrations;
  ALTER TABLE followups DROP COLUMN closed_at;
  ALTER TABLE agents DROP COLUMN member_id;
  ALTER TABLE agents DROP COLUMN avatar_url; ALTER TABLE agents DROP COLUMN named_at;
  ALTER TABLE agents DROP COLUMN name_source; DROP TABLE trend_dirty; DROP INDEX conversations_first_reply;
  ALTER TABLE conversations DROP COLUMN first_reply_at;
  ALTER TABLE conversations DROP COLUMN first_reply_wait_ms;
  ALTER TABLE conversations DROP COLUMN first_reply_agent_id; DROP TABLE IF EXISTS fact_search; DROP INDEX IF EXISTS facts_search;
  DROP TABLE trend_days; DROP TABLE trend_rating_days;
  DROP INDEX conversations_rated_at; ALTER TABLE conversations DROP COLUMN segment;
  DROP INDEX conversations_by_rating; DROP TABLE followups;
  ALTER TABLE sites DROP COLUMN derived_version;`;

/** Undoes the migrations after the accounts migration, newest first. */
const CHANGES_UNDONE = `${AFTER_LEGACY_UNDONE} DROP TABLE site_changes; DROP TABLE score_checkpoints;
  ALTER TABLE sites DROP COLUMN change_seq; ALTER TABLE conversations DROP COLUMN version;
  ALTER TABLE agents DROP COLUMN last_seen_at;`;
const INBOX_UNDONE = `${CHANGES_UNDONE} DROP TABLE member_addresses;
  DROP INDEX conversations_open; DROP INDEX facts_visitor_messages;`;
const AFTER_ACCOUNTS_UNDONE: Record<StoreKind, string> = {
  sqlite: `${INBOX_UNDONE} ALTER TABLE conversations DROP COLUMN fold; DROP TABLE verifications;`,
  postgres: `DROP TABLE socket_io_attachments; DROP TABLE rate_limits; DROP TABLE backoff_records;
    ${INBOX_UNDONE}
    ALTER TABLE conversations DROP COLUMN fold; DROP TABLE verifications;`,
};

/**
 * Undoes the accounts migration on an emptied team: agents hold email and password
 * again, sessions name an agent, and there are no accounts or invites.
 */
const BEFORE_ACCOUNTS: Record<StoreKind, string> = {
  sqlite: `
    DROP TABLE invites;
    DROP TABLE sessions;
    DROP TABLE agents;
    DROP TABLE accounts;
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
    );`,
  postgres: `
    DROP TABLE invites;
    DELETE FROM sessions;
    DROP INDEX sessions_by_expiry;
    ALTER TABLE sessions DROP COLUMN account_id, ADD COLUMN agent_id TEXT NOT NULL;
    DELETE FROM agents;
    ALTER TABLE agents DROP COLUMN account_id, ADD COLUMN email TEXT UNIQUE,
      ADD COLUMN password_hash TEXT;
    DROP TABLE accounts;`,
};

const byConversation = <T extends { conversationId: string }>(items: T[]): T[] =>
  [...items].sort((a, b) => (a.conversationId < b.conversationId ? -1 : 1));

const byFirstFact = (groups: Fact[][]): Fact[][] =>
  [...groups].sort((a, b) => (a[0]!.conversationId < b[0]!.conversationId ? -1 : 1));

/** Observations in the stores' order: newest first, then by conversation and position, last first. */
function newestFirst(observations: readonly Observation[]): Observation[] {
  return observations
    .map((observation, seq) => ({ observation, seq }))
    .sort(
      (a, b) =>
        b.observation.at - a.observation.at ||
        (a.observation.cause.conversationId < b.observation.cause.conversationId
          ? 1
          : a.observation.cause.conversationId > b.observation.cause.conversationId
            ? -1
            : b.seq - a.seq),
    )
    .map(({ observation }) => observation);
}

function sortRatings<T extends { at: number; agentId: string | null }>(ratings: T[]): T[] {
  return [...ratings].sort(
    (a, b) => a.at - b.at || String(a.agentId).localeCompare(String(b.agentId)),
  );
}
