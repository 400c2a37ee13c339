/**
 * The history API over real HTTP, on both stores: every conversation a page at a time with
 * nothing skipped, what each line shows, the search's excerpt, clear 400s for every bad
 * parameter, hostile searches that never reach the database as syntax, and who may read what:
 * the site's key and supervisors everything, agents only their own work, other sites nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, DEMO_SITE_ID } from '../../server/demo/seed';
import type { FactInput } from '../../shared/facts';
import type { HistoryPage } from '../../shared/history';
import { HOSTILE_SEARCHES } from '../support/hostile';
import { call, startServer, TEST_ADMIN_TOKEN, type TestServer } from '../support/server';
import { apiSiteMaker } from '../support/sites';
import { createTestStorage, storeKinds, type TestStorage } from '../support/stores';

/** The server's "now": every event below is before it. */
const NOW = Date.parse('2026-03-01T12:00:00Z');
const BASE = Date.parse('2026-02-10T09:00:00Z');
const MINUTE = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

describe.each(await storeKinds())('the history API (%s)', (kind) => {
  let storage: TestStorage;
  let server: TestServer;
  let supervisor: string;
  let agent: string;
  let demoKey: string;
  let serial = 0;

  beforeAll(async () => {
    storage = await createTestStorage(kind);
    server = await startServer({ storage, clock: { now: () => NOW } });
    supervisor = await signIn('anna@demo.peakend.test');
    agent = await signIn('ben@demo.peakend.test');
    demoKey = (
      await call<{ key: string }>(server, 'POST', `/api/v1/sites/${DEMO_SITE_ID}/key`, {
        token: TEST_ADMIN_TOKEN,
      })
    ).body.key;
  });
  afterAll(async () => {
    await server?.stop();
    await storage?.remove();
  });

  async function signIn(email: string): Promise<string> {
    const answer = await call(server, 'POST', '/api/v1/session', {
      body: { email, password: DEMO_PASSWORD },
    });
    expect(answer.status).toBe(200);
    return answer.cookie!;
  }

  /** A new site of this test's own, and its key. */
  const newSite = apiSiteMaker(() => server, 'History');

  async function send(siteId: string, key: string, events: FactInput[]) {
    const answer = await call(server, 'POST', `/api/v1/sites/${siteId}/events`, {
      token: key,
      body: { events },
    });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  }

  /** A word no other test writes. */
  const word = () => `word${++serial}x${kind}`;

  /** A conversation: the visitor asks, `agentId` answers and closes, the visitor rates. */
  function chat(
    conversationId: string,
    at: number,
    options: { text?: string; agentId?: string; end?: number; comment?: string; segment?: string },
  ): FactInput[] {
    const id = (what: string) => `${conversationId}.${what}`;
    const { agentId = 'anna' } = options;
    const events: FactInput[] = [
      {
        id: id('o'),
        type: 'conversation.opened',
        conversationId,
        at: iso(at),
        ...(options.segment && { segment: options.segment }),
      },
      {
        id: id('v'),
        type: 'message',
        conversationId,
        at: iso(at + 1000),
        from: 'visitor',
        text: options.text ?? 'Hello',
      },
      {
        id: id('a'),
        type: 'message',
        conversationId,
        at: iso(at + 2000),
        from: 'agent',
        agentId,
        text: 'On it',
      },
    ];
    if (options.end !== undefined) {
      events.push(
        { id: id('c'), type: 'conversation.closed', conversationId, at: iso(at + 3000), agentId },
        {
          id: id('r'),
          type: 'rating',
          conversationId,
          at: iso(at + 4000),
          end: options.end,
          ...(options.comment && { comment: options.comment }),
        },
      );
    }
    return events;
  }

  const list = (siteId: string, auth: { token?: string; cookie?: string }, query = '') =>
    call<HistoryPage>(server, 'GET', `/api/v1/sites/${siteId}/conversations${query}`, auth);

  it('pages through every conversation, newest activity first, each line saying what happened', async () => {
    const { siteId, key } = await newSite();
    const events = [0, 1, 2, 3, 4].flatMap((i) =>
      chat(`page${i}`, BASE + i * MINUTE, i === 2 ? { end: 2, comment: 'Too slow' } : {}),
    );
    await send(siteId, key, [
      ...events,
      ...chat('segmented', BASE - MINUTE, { segment: 'pro', agentId: 'ben', end: 5 }),
    ]);
    const ids: string[] = [];
    let next: string | null = null;
    do {
      const page = await list(
        siteId,
        { token: key },
        `?limit=2${next ? `&cursor=${encodeURIComponent(next)}` : ''}`,
      );
      expect(page.status, JSON.stringify(page.body)).toBe(200);
      expect(page.body.conversations.length).toBeLessThanOrEqual(2);
      ids.push(...page.body.conversations.map((c) => c.id));
      next = page.body.next;
    } while (next);
    expect(ids).toEqual(['page4', 'page3', 'page2', 'page1', 'page0', 'segmented']);

    const rated = await list(siteId, { token: key }, '?rating=1,2');
    expect(rated.body.conversations).toEqual([
      {
        id: 'page2',
        visitorLabel: expect.stringMatching(/^Visitor [0-9A-F]{4}$/),
        segment: null,
        status: 'closed',
        assignedAgent: null,
        openedAt: iso(BASE + 2 * MINUTE),
        lastActivityAt: iso(BASE + 2 * MINUTE + 4000),
        closedAt: iso(BASE + 2 * MINUTE + 3000),
        rating: {
          end: 2,
          peak: null,
          comment: 'Too slow',
          at: iso(BASE + 2 * MINUTE + 4000),
          agent: { id: 'anna', name: 'anna' },
          excluded: null,
        },
        snippet: null,
      },
    ]);
    const pro = await list(siteId, { token: key }, '?segment=pro&agent=ben&status=closed');
    expect(pro.body.conversations.map((c) => c.id)).toEqual(['segmented']);
    const none = await list(siteId, { token: key }, '?segment=&comment=false&status=open');
    expect(none.body.conversations.map((c) => c.id)).toEqual(['page4', 'page3', 'page1', 'page0']);
    const window = await list(
      siteId,
      { token: key },
      `?from=${iso(BASE + MINUTE)}&to=${iso(BASE + 3 * MINUTE)}`,
    );
    expect(window.body.conversations.map((c) => c.id)).toEqual(['page2', 'page1']);
  });

  it('searches whole words and shows where they were said', async () => {
    const { siteId, key } = await newSite();
    const long = `${'Some words before it. '.repeat(6)}My parcel never arrived, ${'and more after. '.repeat(8)}`;
    await send(siteId, key, [
      ...chat('long', BASE, { text: long }),
      ...chat('commented', BASE + MINUTE, { end: 1, comment: 'The parcel was broken' }),
      ...chat('other', BASE + 2 * MINUTE, { text: 'Parcels are great' }),
    ]);
    const found = await list(siteId, { token: key }, '?q=parcel');
    expect(found.status).toBe(200);
    expect(found.body.conversations.map((c) => c.id)).toEqual(['commented', 'long']);
    const [commented, longOne] = found.body.conversations;
    expect(commented?.snippet).toBe('The parcel was broken');
    expect(longOne?.snippet).toMatch(/^….*My parcel never arrived.*…$/);
    expect(longOne!.snippet!.length).toBeLessThan(long.length);
    const phrase = await list(
      siteId,
      { token: key },
      `?q=${encodeURIComponent('"never arrived"')}`,
    );
    expect(phrase.body.conversations.map((c) => c.id)).toEqual(['long']);
  });

  it('refuses each bad parameter with a clear 400', async () => {
    const { siteId, key } = await newSite();
    const cases: [string, string][] = [
      ['status=lost', 'status'],
      ['rating=6', 'rating'],
      ['rating=1,,2', 'rating'],
      ['comment=yes', 'comment'],
      ['segment=%20pro', 'segment'],
      ['from=yesterday', 'from'],
      [`from=${iso(BASE)}&to=${iso(BASE - 1)}`, 'to'],
      ['limit=0', 'limit'],
      ['limit=101', 'limit'],
      ['cursor=not-a-cursor', 'cursor'],
      ['q=***', 'q'],
      [`q=${'x'.repeat(1000)}`, 'q'],
      [`q=${encodeURIComponent(Array.from({ length: 20 }, (_, i) => `w${i}`).join(' '))}`, 'q'],
      ['sort=oldest', ''],
    ];
    for (const [query, field] of cases) {
      const answer = await list(siteId, { token: key }, `?${query}`);
      expect(answer.status, query).toBe(400);
      expect(answer.body.error?.code, query).toBe('invalid');
      expect(JSON.stringify(answer.body.error), query).toContain(field);
    }
  });

  it('never fails on a hostile search: results or a 400, never a 500', async () => {
    const { siteId, key } = await newSite();
    await send(siteId, key, chat('target', BASE, { text: 'near or not and a b "quoted" 😀' }));
    for (const q of HOSTILE_SEARCHES) {
      const answer = await list(siteId, { token: key }, `?q=${encodeURIComponent(q)}`);
      expect([200, 400], q).toContain(answer.status);
    }
    const near = await list(siteId, { token: key }, `?q=${encodeURIComponent('NEAR(a b)')}`);
    expect(near.body.conversations.map((c) => c.id)).toEqual(['target']);
  });

  it("shows agents their own work only, and refuses them a colleague's; other sites nothing", async () => {
    const mark = word();
    await send(DEMO_SITE_ID, demoKey, [
      ...chat(`ben-${mark}`, BASE, { text: `About ${mark}`, agentId: 'ben', end: 4 }),
      ...chat(`anna-${mark}`, BASE + MINUTE, { text: `About ${mark}`, agentId: 'anna', end: 2 }),
    ]);
    const ids = async (auth: { token?: string; cookie?: string }, query = '') =>
      (await list(DEMO_SITE_ID, auth, `?q=${mark}${query}`)).body.conversations.map((c) => c.id);
    expect(await ids({ cookie: supervisor })).toEqual([`anna-${mark}`, `ben-${mark}`]);
    expect(await ids({ token: demoKey })).toEqual([`anna-${mark}`, `ben-${mark}`]);
    expect(await ids({ cookie: supervisor }, '&agent=ben')).toEqual([`ben-${mark}`]);
    expect(await ids({ cookie: agent })).toEqual([`ben-${mark}`]);
    expect(await ids({ cookie: agent }, '&agent=ben')).toEqual([`ben-${mark}`]);
    const colleague = await list(DEMO_SITE_ID, { cookie: agent }, '?agent=anna');
    expect({ status: colleague.status, code: colleague.body.error?.code }).toEqual({
      status: 403,
      code: 'forbidden',
    });

    const other = await newSite();
    const refused = await list(DEMO_SITE_ID, { token: other.key });
    expect({ status: refused.status, code: refused.body.error?.code }).toEqual({
      status: 403,
      code: 'forbidden',
    });
    // The demo site's people are nobody on another site.
    const stranger = await list(other.siteId, { cookie: supervisor });
    expect(stranger.status).toBe(403);
    expect((await list(DEMO_SITE_ID, {})).status).toBe(401);
  });
});
