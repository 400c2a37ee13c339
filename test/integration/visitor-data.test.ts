/**
 * One visitor's data over real HTTP, and a site's retention through the sweeper every node runs
 * (docs/operations.md): export and erase by visitor id or by the host page's user id, for the
 * admin token or the site's admins only; scores the same before and after; and the attacks of
 * another site's admin, key or members fail without changing anything.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY, MINUTE } from '../../shared/time';
import { hashPassword } from '../../server/auth/passwords';
import { sha256, verifiedVisitorId } from '../../server/auth/tokens';
import type { Timers } from '../../server/jobs/periodic';
import { call, startServer, TEST_ADMIN_TOKEN, type TestServer } from '../support/server';
import { createTestStorage, storeKinds, type TestStorage } from '../support/stores';

const DEMO_KEY = 'demo-site-key-for-visitor-data-0123456789';
const OTHER_PASSWORD = 'other-site-admin-password-1';
/** The sweeper runs when the test says, never on its own. */
const stillTimers: Timers = { setTimeout: () => 0, clearTimeout: () => undefined };

interface Exported {
  siteId: string;
  visitorId: string;
  conversations: { id: string; facts: Record<string, unknown>[] }[];
}

describe.each(await storeKinds())("one visitor's data and retention (%s)", (kind) => {
  let storage: TestStorage;
  let server: TestServer;
  let otherSiteId: string;
  let otherKey: string;
  let olga: string; // admin of the other site only
  let dana: string; // admin of the demo site
  let ben: string; // agent of the demo site
  let serial = 0;
  // Frozen: scores read before and after compare exactly.
  const NOW = Date.now();

  /** A conversation of `visitorId` on the demo site, `daysAgo`, with `words` in it. */
  async function chat(visitorId: string, words: string, daysAgo = 0) {
    const id = `vd-${kind}-${++serial}`;
    const at = (minutes: number) => new Date(NOW - daysAgo * DAY - 60 * MINUTE + minutes * MINUTE);
    const events = [
      {
        type: 'conversation.opened',
        visitorId,
        contact: { email: 'sam@customer.example' },
        visit: { pageUrl: `https://shop.example/${words}`, language: 'en-GB' },
      },
      { type: 'message', from: 'visitor', text: `Hello ${words}` },
      { type: 'message', from: 'agent', agentId: 'ben', text: `Looking into ${words}` },
      { type: 'conversation.closed', agentId: 'ben' },
      { type: 'rating', end: 2, comment: `Slow ${words}` },
    ].map((event, i) => ({ id: `${id}-${i}`, conversationId: id, at: at(i), ...event }));
    const sent = await call(server, 'POST', '/api/v1/sites/demo/events', {
      token: DEMO_KEY,
      body: { events },
    });
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    return id;
  }

  const scores = async () =>
    (await call(server, 'GET', '/api/v1/sites/demo/scores', { token: DEMO_KEY })).body;
  const exported = async (visitorId: string, siteId = 'demo') =>
    call<Exported>(server, 'GET', `/api/v1/sites/${siteId}/visitors/${visitorId}/export`, {
      token: TEST_ADMIN_TOKEN,
    });
  const signIn = async (email: string, password: string) => {
    const answer = await call(server, 'POST', '/api/v1/session', { body: { email, password } });
    expect(answer.status).toBe(200);
    return answer.cookie!;
  };

  beforeAll(async () => {
    storage = await createTestStorage(kind);
    server = await startServer({ storage, clock: { now: () => NOW }, timers: stillTimers });
    const { store, pipeline } = server.application;
    // A key of the test's own, as a rotation sets it.
    await pipeline.rotateKey('demo', sha256(DEMO_KEY), null);

    const other = await call<{ siteId: string; key: string }>(server, 'POST', '/api/v1/sites', {
      token: TEST_ADMIN_TOKEN,
      body: { name: 'Elsewhere', allowedOrigins: ['https://elsewhere.example'] },
    });
    expect(other.status).toBe(201);
    otherSiteId = other.body.siteId;
    otherKey = other.body.key;
    const account = {
      id: `acct_vd_${kind}`,
      email: 'olga@elsewhere.test',
      name: 'Olga',
      createdAt: NOW,
    };
    await store.createAccount(account, await hashPassword(OTHER_PASSWORD));
    await store.saveAgent({
      siteId: otherSiteId,
      id: 'olga',
      name: 'Olga',
      role: 'admin',
      accountId: account.id,
      email: account.email,
      createdAt: NOW,
    });
    olga = await signIn(account.email, OTHER_PASSWORD);
    dana = await signIn('dana@demo.peakend.test', 'peakend-demo');
    ben = await signIn('ben@demo.peakend.test', 'peakend-demo');
  });

  afterAll(async () => {
    await server?.stop();
    await storage?.remove();
  });

  it('finds a signed-in user, exports everything stored of them, and erases it with scores unchanged', async () => {
    const visitorId = verifiedVisitorId('demo', 'user-81');
    const first = await chat(visitorId, 'gooseberry');
    const second = await chat(visitorId, 'gooseberry');
    const bystander = await chat('v-bystander', 'gooseberry');

    const found = await call(server, 'GET', '/api/v1/sites/demo/visitors?userId=user-81', {
      cookie: dana,
    });
    expect(found.body).toEqual({ visitorId, conversations: 2 });
    const byConversation = await call(
      server,
      'GET',
      `/api/v1/sites/demo/visitors?conversationId=${bystander}`,
      { token: TEST_ADMIN_TOKEN },
    );
    expect(byConversation.body).toEqual({ visitorId: 'v-bystander', conversations: 1 });

    const before = await exported(visitorId);
    expect(before.status).toBe(200);
    expect(before.body.conversations.map((c) => c.id)).toEqual([first, second]);
    expect(before.body.conversations[0]!.facts).toHaveLength(5);
    expect(JSON.stringify(before.body)).toContain('Hello gooseberry');
    expect(JSON.stringify(before.body)).toContain('sam@customer.example');
    const scored = await scores();

    const erased = await call(server, 'POST', `/api/v1/sites/demo/visitors/${visitorId}/erase`, {
      cookie: dana,
      origin: server.url,
    });
    expect(erased.status, JSON.stringify(erased.body)).toBe(200);
    expect(erased.body).toEqual({ visitorId, conversations: [first, second], facts: 8 });

    const after = await exported(visitorId);
    expect(after.body.conversations.map((c) => c.facts.length)).toEqual([5, 5]);
    for (const word of ['gooseberry', 'sam@customer.example', 'shop.example']) {
      expect(JSON.stringify(after.body)).not.toContain(word);
    }
    expect(after.body.conversations[0]!.facts.at(-1)).toMatchObject({ type: 'rating', end: 2 });
    expect(await scores()).toEqual(scored);
    // The history's search no longer finds their words; the bystander's are still there.
    const search = await call<{ conversations: { id: string }[] }>(
      server,
      'GET',
      '/api/v1/sites/demo/conversations?q=gooseberry',
      { token: DEMO_KEY },
    );
    expect(search.status, JSON.stringify(search.body)).toBe(200);
    expect(search.body.conversations.map((c) => c.id)).toEqual([bystander]);
    expect(JSON.stringify((await exported('v-bystander')).body)).toContain('Hello gooseberry');
  });

  it("refuses another site's admin, key and the site's agents, changing nothing", async () => {
    const id = await chat('v-guarded', 'rhubarb');
    const path = '/api/v1/sites/demo/visitors/v-guarded';
    const attempts = [
      { cookie: olga, origin: server.url, status: 403 },
      { cookie: ben, origin: server.url, status: 403 },
      { token: otherKey, status: 401 },
      { token: DEMO_KEY, status: 401 },
      { status: 401 },
    ];
    for (const { status, ...as } of attempts) {
      expect((await call(server, 'POST', `${path}/erase`, as)).status).toBe(status);
      expect((await call(server, 'GET', `${path}/export`, as)).status).toBe(status);
      expect((await call(server, 'GET', '/api/v1/sites/demo/visitors?userId=u', as)).status).toBe(
        status,
      );
    }
    // Through her own site, Olga reaches none of the demo's visitors: nothing found, nothing erased.
    const through = `/api/v1/sites/${otherSiteId}/visitors/v-guarded`;
    const erase = await call(server, 'POST', `${through}/erase`, {
      cookie: olga,
      origin: server.url,
    });
    expect(erase.body).toEqual({ visitorId: 'v-guarded', conversations: [], facts: 0 });
    const read = await call<Exported>(server, 'GET', `${through}/export`, { cookie: olga });
    expect(read.body.conversations).toEqual([]);
    const still = await exported('v-guarded');
    expect(still.body.conversations.map((c) => c.id)).toEqual([id]);
    expect(JSON.stringify(still.body)).toContain('Hello rhubarb');
    // A malformed visitor id is nobody's; a malformed user id is a clear 400.
    expect((await exported('bad%20id')).status).toBe(404);
    const bad = await call(server, 'GET', '/api/v1/sites/demo/visitors?userId=', {
      token: TEST_ADMIN_TOKEN,
    });
    expect(bad.status).toBe(400);
    for (const query of ['', '?userId=u&conversationId=c']) {
      const unclear = await call(server, 'GET', `/api/v1/sites/demo/visitors${query}`, {
        token: TEST_ADMIN_TOKEN,
      });
      expect(unclear.status).toBe(400);
    }
    // Another site's conversation is not found through this one.
    const elsewhere = await call(
      server,
      'GET',
      `/api/v1/sites/${otherSiteId}/visitors?conversationId=${id}`,
      { cookie: olga },
    );
    expect(elsewhere.status).toBe(404);
  });

  it("redacts conversations past the site's retention when the sweeper runs, and only those", async () => {
    const old = await chat('v-old', 'tamarind', 40);
    const recent = await chat('v-recent', 'tamarind', 2);
    const refused = await call(server, 'PATCH', '/api/v1/sites/demo', {
      token: TEST_ADMIN_TOKEN,
      body: { settings: { retentionDays: 0 } },
    });
    expect(refused.status).toBe(400);
    const set = await call(server, 'PATCH', '/api/v1/sites/demo', {
      token: TEST_ADMIN_TOKEN,
      body: { settings: { retentionDays: 30 } },
    });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ settings: { retentionDays: 30 } });
    const scored = await scores();

    expect(await server.application.retention.sweep()).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify((await exported('v-old')).body)).not.toContain('tamarind');
    expect((await exported('v-old')).body.conversations.map((c) => c.id)).toEqual([old]);
    expect(JSON.stringify((await exported('v-recent')).body)).toContain('Hello tamarind');
    expect(recent).toBeTruthy();
    expect(await scores()).toEqual(scored);
    // Nothing left to do on a second sweep.
    expect(await server.application.retention.sweep()).toBe(0);

    const off = await call(server, 'PATCH', '/api/v1/sites/demo', {
      token: TEST_ADMIN_TOKEN,
      body: { settings: { retentionDays: null } },
    });
    expect(off.body).toMatchObject({ settings: { retentionDays: null } });
  });
});
