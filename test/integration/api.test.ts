/**
 * The public sites and events APIs over real HTTP: credentials and their distinct refusals,
 * all-or-nothing batches with every problem named, duplicates ignored and counted, unknown
 * conversations and agents adopted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, tempDir, TEST_ADMIN_TOKEN, type TestServer } from '../support/server';

/** What the API answers, loosely: each test reads the fields it expects. */
interface Answer {
  siteId: string;
  key?: string;
  snippet: string;
  settings: Record<string, number>;
  error: { code: string; message: string; issues: { path: string; message: string }[] };
  [field: string]: unknown;
}

describe('sites and events APIs', () => {
  const dir = tempDir();
  let server: TestServer;

  const call = async (method: string, path: string, token: string | null, body?: unknown) => {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: {
        ...(token && { authorization: `Bearer ${token}` }),
        ...(body !== undefined && { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Answer };
  };

  let siteId: string;
  let key: string;
  let otherKey: string;

  beforeAll(async () => {
    server = await startServer({ dbPath: `${dir.path}/peakend.db` });
  });

  afterAll(async () => {
    await server?.stop();
    dir.remove();
  });

  describe('sites', () => {
    it('creates a site with a key and a snippet', async () => {
      const { status, body } = await call('POST', '/api/v1/sites', TEST_ADMIN_TOKEN, {
        name: 'Northwind',
        allowedOrigins: ['https://shop.example'],
        settings: { targetReplySeconds: 60 },
      });
      expect(status).toBe(201);
      expect(body).toMatchObject({
        name: 'Northwind',
        allowedOrigins: ['https://shop.example'],
        settings: { targetReplySeconds: 60, halfLifeDays: 30, negativityWeight: 2 },
      });
      expect(body.key).toMatch(/^pk_[\w-]{32}$/);
      expect(body.snippet).toContain(`src="${server.url}/widget.js" data-site="${body.siteId}"`);
      siteId = body.siteId;
      key = body.key!;
      const other = await call('POST', '/api/v1/sites', TEST_ADMIN_TOKEN, {
        name: 'Other',
        allowedOrigins: [],
      });
      otherKey = other.body.key!;
    });

    it('refuses without the admin token, with distinct answers', async () => {
      const body = { name: 'x', allowedOrigins: [] };
      expect(await call('POST', '/api/v1/sites', null, body)).toMatchObject({
        status: 401,
        body: {
          error: {
            code: 'unauthorized',
            message:
              'Sign in to the console first, or send the admin token as "Authorization: Bearer <token>".',
          },
        },
      });
      expect((await call('POST', '/api/v1/sites', 'not-the-token', body)).status).toBe(401);
      expect((await call('POST', '/api/v1/sites', key, body)).status).toBe(401);
    });

    it('names every problem in a bad site', async () => {
      const { status, body } = await call('POST', '/api/v1/sites', TEST_ADMIN_TOKEN, {
        name: '',
        allowedOrigins: ['https://shop.example/path'],
        settings: { halfLifeDays: -1, colour: 'red' },
      });
      expect(status).toBe(400);
      expect(body.error.issues.map((i) => i.path).sort()).toEqual([
        'allowedOrigins.0',
        'name',
        'settings',
        'settings.halfLifeDays',
      ]);
    });

    it('reads and changes a site, never showing its key again', async () => {
      const read = await call('GET', `/api/v1/sites/${siteId}`, TEST_ADMIN_TOKEN);
      expect(read.status).toBe(200);
      expect(read.body.key).toBeUndefined();
      const changed = await call('PATCH', `/api/v1/sites/${siteId}`, TEST_ADMIN_TOKEN, {
        settings: { halfLifeDays: 14 },
      });
      expect(changed.body.settings).toMatchObject({ halfLifeDays: 14, targetReplySeconds: 60 });
      expect((await call('GET', '/api/v1/sites/nope', TEST_ADMIN_TOKEN)).status).toBe(404);
      expect(
        (await call('PATCH', `/api/v1/sites/${siteId}`, TEST_ADMIN_TOKEN, { owner: 'x' })).status,
      ).toBe(400);
    });
  });

  describe('site keys', () => {
    it('rotates a key: the new one is shown once and works, the old one stops at once', async () => {
      const before = key;
      const at = new Date().toISOString();
      const events = (token: string) =>
        call('POST', `/api/v1/sites/${siteId}/events`, token, {
          events: [
            {
              id: 'k1',
              type: 'conversation.opened',
              conversationId: 'k',
              at,
            },
          ],
        });
      expect((await events(before)).status).toBe(200);

      const rotated = await call('POST', `/api/v1/sites/${siteId}/key`, TEST_ADMIN_TOKEN);
      expect(rotated.status).toBe(200);
      expect(rotated.body).toEqual({
        siteId,
        key: expect.stringMatching(/^pk_[\w-]{32}$/),
        // Derived from the key, so it rotates with it.
        signingSecret: expect.stringMatching(/^[\w-]{43}$/),
      });
      key = rotated.body.key!;
      expect(key).not.toBe(before);

      expect(await events(before)).toMatchObject({
        status: 401,
        body: { error: { message: 'Unknown site key.' } },
      });
      expect(await events(key)).toMatchObject({ status: 200, body: { duplicates: 1 } });
      expect(
        (await call('GET', `/api/v1/sites/${siteId}`, TEST_ADMIN_TOKEN)).body.key,
      ).toBeUndefined();
      // Only the admin token (or a signed-in admin of the site) may rotate it.
      expect((await call('POST', `/api/v1/sites/${siteId}/key`, key)).status).toBe(401);
      expect((await call('POST', `/api/v1/sites/${siteId}/key`, null)).status).toBe(401);
      expect((await call('POST', '/api/v1/sites/nope/key', TEST_ADMIN_TOKEN)).status).toBe(404);
    });

    it('lists every site for the admin token', async () => {
      const { status, body } = await call('GET', '/api/v1/sites', TEST_ADMIN_TOKEN);
      expect(status).toBe(200);
      const sites = body.sites as { siteId: string; key?: string }[];
      expect(sites.map((site) => site.siteId)).toEqual(expect.arrayContaining(['demo', siteId]));
      expect(sites.every((site) => site.key === undefined)).toBe(true);
    });
  });

  describe('events', () => {
    const at = (s: number) => new Date(Date.parse('2026-11-23T09:00:00Z') + s * 1000).toISOString();
    const path = () => `/api/v1/sites/${siteId}/events`;
    const story = [
      { id: 'e1', type: 'message', conversationId: 'c-1', at: at(0), from: 'visitor' },
      {
        id: 'e2',
        type: 'conversation.assigned',
        conversationId: 'c-1',
        at: at(10),
        agentId: 'zoe',
      },
      {
        id: 'e3',
        type: 'message',
        conversationId: 'c-1',
        at: at(40),
        from: 'agent',
        agentId: 'zoe',
      },
      { id: 'e4', type: 'conversation.closed', conversationId: 'c-1', at: at(90), agentId: 'zoe' },
      { id: 'e5', type: 'rating', conversationId: 'c-1', at: at(100), end: 5 },
    ];

    it('tells apart no key, an unknown key, another site’s key and an unknown site', async () => {
      const batch = { events: story };
      expect((await call('POST', path(), null, batch)).status).toBe(401);
      expect(await call('POST', path(), 'pk_unknown', batch)).toMatchObject({
        status: 401,
        body: { error: { message: 'Unknown site key.' } },
      });
      expect(await call('POST', path(), otherKey, batch)).toMatchObject({
        status: 403,
        body: { error: { code: 'forbidden' } },
      });
      expect((await call('POST', '/api/v1/sites/nope/events', key, batch)).status).toBe(404);
    });

    it('refuses a whole batch with one bad event, listing every problem, storing nothing', async () => {
      const bad = [
        ...story,
        {
          id: 'e6',
          type: 'promise.made',
          conversationId: 'c-1',
          at: 'soon',
          promiseId: 'p',
          agentId: 'zoe',
        },
        { id: 'e7', type: 'mood', conversationId: 'c-1', at: at(1) },
      ];
      const { status, body } = await call('POST', path(), key, { events: bad });
      expect(status).toBe(400);
      expect(body.error.issues.map((i) => i.path)).toEqual([
        'events.5.at',
        'events.5.dueAt',
        'events.6.type',
      ]);
      const retry = await call('POST', path(), key, { events: story });
      expect(retry.body).toEqual({ accepted: 5, duplicates: 0 });
    });

    it('ignores and counts duplicates, and adopts unknown conversations and agents', async () => {
      const again = await call('POST', path(), key, { events: [...story].reverse() });
      expect(again).toEqual({ status: 200, body: { accepted: 0, duplicates: 5 } });

      const store = server.application.store;
      const conversation = await store.getConversation(siteId, 'c-1');
      expect(conversation).toMatchObject({ status: 'closed', rating: { end: 5, agentId: 'zoe' } });
      expect((await store.listAgents(siteId)).map((a) => a.id)).toEqual(['zoe']);
    });

    it('refuses oversized batches and bodies, and malformed JSON', async () => {
      const many = Array.from({ length: 1001 }, (_, i) => ({ ...story[0], id: `m${i}` }));
      expect(await call('POST', path(), key, { events: many })).toMatchObject({
        status: 413,
        body: { error: { code: 'too_large' } },
      });
      expect((await call('POST', path(), key, { events: [] })).status).toBe(400);
      expect((await call('POST', path(), key, '{"events": [')).status).toBe(400);
      const huge = JSON.stringify({ events: [{ ...story[0], text: 'x'.repeat(2 * 1024 * 1024) }] });
      expect((await call('POST', path(), key, huge)).status).toBe(413);
    });
  });

  it('answers 403 when the admin API is switched off', async () => {
    const off = tempDir();
    const bare = await startServer({ dbPath: `${off.path}/peakend.db`, adminToken: null });
    const response = await fetch(`${bare.url}/api/v1/sites`, {
      method: 'POST',
      headers: { authorization: 'Bearer anything', 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'x', allowedOrigins: [] }),
    });
    expect(response.status).toBe(403);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(
      /PEAKEND_ADMIN_TOKEN/,
    );
    await bare.stop();
    off.remove();
  });
});
