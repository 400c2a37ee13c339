/**
 * The widget's second way in for ratings: `POST /api/v1/sites/:siteId/ratings`, used by its
 * outbox when the socket cannot carry a step (sendBeacon on page hide, or no connection). Each
 * step is checked as over the socket, resending changes nothing, CORS answers only the site's
 * pages, and host-chat ratings are accepted with the host server's signature.
 */
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ack } from '../../shared/ack';
import { LIMITS } from '../../shared/limits';
import type { RatingView } from '../../shared/protocol';
import {
  connectAgent,
  connectVisitor,
  data,
  next,
  startServer,
  TEST_ADMIN_TOKEN,
  tempDir,
  type AgentClient,
  type TestServer,
  type VisitorClient,
} from '../support/server';

let dir: ReturnType<typeof tempDir>;
let server: TestServer;
let anna: AgentClient;
let visitor: VisitorClient;
let visitorToken: string;
let conversationId: string;

interface Delivery {
  status: number;
  headers: Headers;
  body: { results?: Ack<RatingView>[]; error?: { code: string; message: string } };
}

async function deliver(
  payload: unknown,
  init: { origin?: string; type?: string; raw?: string } = {},
): Promise<Delivery> {
  const response = await fetch(`${server.url}/api/v1/sites/demo/ratings`, {
    method: 'POST',
    headers: {
      'content-type': init.type ?? 'text/plain;charset=UTF-8',
      origin: init.origin ?? server.url,
    },
    body: init.raw ?? JSON.stringify(payload),
  });
  return { status: response.status, headers: response.headers, body: await response.json() };
}

/** The rating facts stored for a conversation: what the scores count from. */
async function ratingFacts(id: string) {
  const facts = (await server.application.store.siteFacts('demo')).flat();
  return facts.filter((f) => f.conversationId === id && f.type === 'rating');
}

beforeAll(async () => {
  dir = tempDir();
  server = await startServer({ dbPath: `${dir.path}/peakend.db` });
  anna = await connectAgent(server.url, 'anna@demo.peakend.test');
  await next(anna, 'connect');
  visitor = connectVisitor(server.url, { siteId: 'demo' });
  await next(visitor, 'connect');
  visitorToken = data(await visitor.emitWithAck('hello', {})).visitorToken;
  conversationId = data(
    await visitor.emitWithAck('message:send', { text: 'Where is my parcel?' }),
  ).id;
  data(await anna.emitWithAck('message:send', { conversationId, text: 'On its way!' }));
  data(await anna.emitWithAck('conversation:close', { conversationId }));
});

afterAll(async () => {
  visitor?.disconnect();
  anna?.disconnect();
  await server?.stop();
  dir?.remove();
});

describe('rating delivery over HTTP', () => {
  it('takes the visitor’s steps in order, as sendBeacon sends them (text/plain)', async () => {
    const steps = [
      { conversationId, key: 'beacon-1', end: 2 },
      { conversationId, key: 'beacon-2', end: 4, peak: null, comment: 'Quick in the end' },
    ];
    const first = await deliver({ visitorToken, ratings: steps });
    expect(first.status).toBe(200);
    expect(first.body.results).toMatchObject([
      { ok: true, data: { end: 2 } },
      { ok: true, data: { end: 4, comment: 'Quick in the end' } },
    ]);
    // Same steps again (a beacon, then the next page view): nothing changes.
    const again = await deliver({ visitorToken, ratings: steps });
    expect(again.body.results?.every((r) => r.ok)).toBe(true);
    expect(await ratingFacts(conversationId)).toHaveLength(2);
    const state = await server.application.store.getConversation('demo', conversationId);
    expect(state?.rating).toMatchObject({ end: 4, agentId: 'anna' });
  });

  it('answers the site’s own pages with CORS, and refuses pages it does not allow', async () => {
    const ok = await deliver({ visitorToken, ratings: [{ conversationId, key: 'k-3', end: 4 }] });
    expect(ok.headers.get('access-control-allow-origin')).toBe(server.url);
    expect(ok.headers.get('vary')).toMatch(/Origin/);

    const foreign = await deliver(
      { visitorToken, ratings: [{ conversationId, key: 'k-4', end: 1 }] },
      { origin: 'https://evil.example' },
    );
    expect(foreign.status).toBe(403);
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
    expect(await ratingFacts(conversationId)).toHaveLength(3);

    const preflight = await fetch(`${server.url}/api/v1/sites/demo/ratings`, {
      method: 'OPTIONS',
      headers: { origin: server.url, 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-methods')).toBe('POST');
  });

  it('refuses each step that is not the visitor’s to rate, and keeps the others', async () => {
    const stranger = connectVisitor(server.url, { siteId: 'demo' });
    await next(stranger, 'connect');
    const strangerToken = data(await stranger.emitWithAck('hello', {})).visitorToken;
    stranger.disconnect();

    const answer = await deliver({
      visitorToken: strangerToken,
      ratings: [{ conversationId, key: 'stranger-1', end: 1 }],
    });
    expect(answer.body.results).toMatchObject([{ ok: false, error: { code: 'not_found' } }]);

    const anonymous = await deliver({ ratings: [{ conversationId, key: 'anon-1', end: 1 }] });
    expect(anonymous.body.results).toMatchObject([{ ok: false, error: { code: 'unauthorized' } }]);

    const forged = await deliver({
      visitorToken: `${visitorToken.split('.')[0]}.forged`,
      ratings: [{ conversationId, key: 'forged-1', end: 1 }],
    });
    expect(forged.body.results).toMatchObject([{ ok: false, error: { code: 'unauthorized' } }]);
    expect(await ratingFacts(conversationId)).toHaveLength(3);
  });

  it('names every problem of a malformed delivery', async () => {
    const bad = await deliver({ visitorToken, ratings: [{ conversationId, key: 'x', end: 9 }] });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'invalid' });
    expect(JSON.stringify(bad.body.error)).toContain('ratings.0.end');

    const notJson = await deliver(null, { raw: 'end=5' });
    expect(notJson.status).toBe(400);
    expect(notJson.body.error?.message).toBe('The request body is not valid JSON.');

    const tooMany = await deliver({
      visitorToken,
      ratings: Array.from({ length: 21 }, (_, i) => ({ conversationId, key: `m-${i}`, end: 3 })),
    });
    expect(tooMany.status).toBe(400);
  });

  it('refuses a body over 64 KiB with 413, unread, whatever its content type', async () => {
    const before = (await ratingFacts(conversationId)).length;
    const step = { conversationId, key: 'big-1', end: 5 };
    const padded = JSON.stringify({ visitorToken, ratings: [step], padding: 'x'.repeat(900_000) });
    expect(padded.length).toBeGreaterThan(LIMITS.ratingDeliveryBytes);
    for (const type of ['application/json', 'text/plain;charset=UTF-8']) {
      const big = await deliver(null, { raw: padded, type });
      expect(big.status).toBe(413);
      expect(big.body.error).toMatchObject({ code: 'too_large' });
    }
    // Not even JSON: a parser would say 400; the size alone decides, before any parsing.
    const junk = await deliver(null, { raw: `{${'x'.repeat(900_000)}`, type: 'application/json' });
    expect(junk.status).toBe(413);
    expect(await ratingFacts(conversationId)).toHaveLength(before);

    // Just under the cap is read as usual.
    const fits = JSON.stringify({ visitorToken, ratings: [step], padding: '' });
    const room = LIMITS.ratingDeliveryBytes - fits.length - 16;
    const near = await deliver(null, {
      raw: JSON.stringify({ visitorToken, ratings: [step], padding: 'x'.repeat(room) }),
    });
    expect(near.status).toBe(200);
    expect(near.body.results).toMatchObject([{ ok: true, data: { end: 5 } }]);
  });

  it('refuses a page it does not allow before reading its body', async () => {
    const evil = 'https://evil.example';
    const invalid = await deliver(null, {
      raw: '{not json',
      type: 'application/json',
      origin: evil,
    });
    expect(invalid.status).toBe(403);
    expect(invalid.body.error).toMatchObject({ code: 'forbidden' });
    const huge = await deliver(null, { raw: 'x'.repeat(900_000), origin: evil });
    expect(huge.status).toBe(403);
    const unknownSite = await fetch(`${server.url}/api/v1/sites/no-such-site/ratings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: evil },
      body: '{not json',
    });
    expect(unknownSite.status).toBe(404);
  });
});

describe('host-chat ratings (peakend("rate", {conversationId, signature}))', () => {
  let signingSecret: string;
  const sign = (conversationId: string) =>
    createHmac('sha256', signingSecret).update(`conversation:${conversationId}`).digest('hex');

  beforeAll(async () => {
    const response = await fetch(`${server.url}/api/v1/sites/demo`, {
      headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
    });
    signingSecret = ((await response.json()) as { signingSecret: string }).signingSecret;
    expect(signingSecret).toMatch(/^[\w-]{43}$/);
  });

  it('rates a helpdesk conversation with the host’s signature, for the agent it names', async () => {
    const { store } = server.application;
    const site = await store.getSite('demo');
    const at = new Date(Date.now() - 60_000).toISOString();
    await server.application.pipeline.record(site!, [
      { id: 'hd-1', conversationId: 'zd-1001', type: 'conversation.opened', at: Date.parse(at) },
      {
        id: 'hd-2',
        conversationId: 'zd-1001',
        type: 'conversation.assigned',
        agentId: 'ben',
        at: Date.parse(at),
      },
      // Ben answered: the rating rates him (one of a chat nobody answered rates nobody).
      {
        id: 'hd-3',
        conversationId: 'zd-1001',
        type: 'message',
        from: 'agent',
        agentId: 'ben',
        at: Date.parse(at),
      },
    ] as never);
    const answer = await deliver({
      ratings: [{ conversationId: 'zd-1001', key: 'h-1', end: 5, signature: sign('zd-1001') }],
    });
    expect(answer.body.results).toMatchObject([{ ok: true, data: { end: 5 } }]);
    expect((await store.getConversation('demo', 'zd-1001'))?.rating).toMatchObject({
      end: 5,
      agentId: 'ben',
    });
  });

  it('takes a signed rating before the helpdesk’s first event arrives', async () => {
    const answer = await deliver({
      ratings: [{ conversationId: 'zd-1002', key: 'h-2', end: 3, signature: sign('zd-1002') }],
    });
    expect(answer.body.results).toMatchObject([{ ok: true }]);
    expect(await ratingFacts('zd-1002')).toHaveLength(1);
  });

  it('refuses a signature made for another conversation or with another secret', async () => {
    const answer = await deliver({
      ratings: [
        { conversationId: 'zd-1003', key: 'h-3', end: 1, signature: sign('zd-1001') },
        {
          conversationId: 'zd-1003',
          key: 'h-4',
          end: 1,
          signature: createHmac('sha256', 'guess').update('conversation:zd-1003').digest('hex'),
        },
      ],
    });
    expect(answer.body.results).toMatchObject([
      { ok: false, error: { code: 'forbidden' } },
      { ok: false, error: { code: 'forbidden' } },
    ]);
    expect(await server.application.store.getConversation('demo', 'zd-1003')).toBeNull();
  });

  it('takes the same signed step over the visitor socket', async () => {
    const ack = await visitor.emitWithAck('rating:save', {
      conversationId: 'zd-1004',
      key: 'h-5',
      end: 4,
      signature: sign('zd-1004'),
    });
    expect(ack).toMatchObject({ ok: true, data: { end: 4 } });
  });
});
