/**
 * Rate limits as a client meets them, on a real server with small limits: socket handshakes per
 * address, visitor and agent events per visitor, per agent and per address, the site-key API per
 * key, the widget's rating deliveries, and sign-in with a growing wait after failures. Every
 * refusal says what was too much and when to come back (HTTP 429 with Retry-After, or an
 * acknowledgement with `rate_limited`), and leaves the connection up.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Ack, AckError } from '../../shared/ack';
import { DEMO_PASSWORD } from '../../server/demo/seed';
import type { RateLimitOverrides } from '../../server/limits/policy';
import {
  connectAgent,
  connectVisitor,
  next,
  startServer,
  tempDir,
  TEST_ADMIN_TOKEN,
  type AgentClient,
  type TestServer,
  type VisitorClient,
} from '../support/server';

const ANNA = 'anna@demo.peakend.test';
const BEN = 'ben@demo.peakend.test';
const perMinute = (points: number) => ({ points, seconds: 60 });
/** Room enough for every limit a test does not look at. */
const ROOMY = perMinute(10_000);

/** A server whose loopback clients (these tests) are limited like anyone else. */
async function limitedServer(
  dir: string,
  rateLimits: RateLimitOverrides,
  clock?: { now(): number },
) {
  return startServer({
    dbPath: `${dir}/peakend.db`,
    rateLimits: { exemptLocal: false, ...rateLimits },
    clock,
  });
}

type Emit = (event: string, payload?: unknown) => Promise<Ack<unknown>>;
const emitter = (socket: VisitorClient | AgentClient): Emit =>
  socket.emitWithAck.bind(socket) as unknown as Emit;

function expectRateLimited(ack: Ack<unknown>, what: RegExp): AckError {
  expect(ack.ok).toBe(false);
  if (ack.ok) throw new Error('accepted');
  expect(ack.error).toMatchObject({ code: 'rate_limited', message: expect.stringMatching(what) });
  expect(ack.error.retryAfterSeconds).toBeGreaterThanOrEqual(1);
  expect(ack.error.retryAfterSeconds).toBeLessThanOrEqual(60);
  return ack.error;
}

describe('rate limits on sockets', () => {
  const dir = tempDir();
  let server: TestServer;
  const sockets: (VisitorClient | AgentClient)[] = [];

  const visitor = async (auth: Record<string, unknown> = { siteId: 'demo' }) => {
    const socket = connectVisitor(server.url, auth);
    sockets.push(socket);
    await next(socket, 'connect');
    return socket;
  };
  const agent = async (email = ANNA) => {
    const socket = await connectAgent(server.url, email);
    sockets.push(socket);
    await next(socket, 'connect');
    return socket;
  };

  beforeAll(async () => {
    server = await limitedServer(dir.path, {
      rates: {
        handshake: { ip: ROOMY },
        message: { visitor: perMinute(3), ip: perMinute(7) },
        rating: { visitor: perMinute(2), ip: ROOMY },
        typing: { visitor: perMinute(2), ip: ROOMY },
        visitorEvent: { visitor: ROOMY, ip: ROOMY },
        agentEvent: { agent: perMinute(4), ip: ROOMY },
        agentTyping: { agent: perMinute(50) },
      },
    });
  });

  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.disconnect();
  });

  afterAll(async () => {
    await server?.stop();
    dir.remove();
  });

  it("refuses a visitor's messages past the limit, and keeps the chat up", async () => {
    const socket = await visitor();
    const emit = emitter(socket);
    for (let i = 0; i < 3; i++) {
      expect(await emit('message:send', { text: `hello ${i}` })).toMatchObject({ ok: true });
    }
    const refused = expectRateLimited(await emit('message:send', { text: 'one more' }), /messages/);
    expect(refused.message).toMatch(/try again in \d+ s/);
    // Nothing was stored for the refused message.
    const hello = await emit('hello', {});
    if (!hello.ok) throw new Error(hello.error.message);
    const texts = (
      hello.data as { conversation: { messages: { text: string }[] } }
    ).conversation.messages.map((m) => m.text);
    expect(texts).toEqual(['hello 0', 'hello 1', 'hello 2']);
    expect(socket.connected).toBe(true);
  });

  it('counts per visitor across tabs, and per address across visitors', async () => {
    const first = await visitor();
    const hello = await emitter(first)('hello', {});
    if (!hello.ok) throw new Error(hello.error.message);
    const { visitorToken } = hello.data as { visitorToken: string };
    // A second tab of the same visitor shares the visitor's count of 3.
    const secondTab = await visitor({ siteId: 'demo', visitorToken });
    expect(await emitter(first)('message:send', { text: 'a' })).toMatchObject({ ok: true });
    expect(await emitter(secondTab)('message:send', { text: 'b' })).toMatchObject({ ok: true });
    expect(await emitter(first)('message:send', { text: 'c' })).toMatchObject({ ok: true });
    expectRateLimited(await emitter(secondTab)('message:send', { text: 'd' }), /messages/);
    // The address has sent 6 messages (3 in the test before); the refused one was given back,
    // so another visitor there may send the seventh, and no more.
    const other = await visitor();
    expect(await emitter(other)('message:send', { text: 'e' })).toMatchObject({ ok: true });
    expectRateLimited(await emitter(other)('message:send', { text: 'f' }), /messages/);
  });

  it('limits rating saves and typing hints per visitor, each on its own', async () => {
    const socket = await visitor();
    const emit = emitter(socket);
    for (let i = 0; i < 2; i++) {
      const ack = await emit('rating:save', { conversationId: 'nope', key: `k${i}`, end: 4 });
      expect(ack).toMatchObject({ ok: false, error: { code: 'not_found' } });
    }
    expectRateLimited(
      await emit('rating:save', { conversationId: 'nope', key: 'k2', end: 4 }),
      /rating/,
    );
    // Typing asks for no answer; over the limit it is dropped, and refused if an answer is asked.
    socket.emit('typing', { typing: true });
    socket.emit('typing', { typing: false });
    expectRateLimited(await emit('typing', { typing: true }), /typing/);
    // Other events have their own counts.
    expect(await emit('hello', {})).toMatchObject({ ok: true });
  });

  it("limits an agent's console events per agent, typing apart", async () => {
    const anna = await agent(ANNA);
    const emit = emitter(anna);
    for (let i = 0; i < 4; i++) expect(await emit('scores:get', {})).toMatchObject({ ok: true });
    expectRateLimited(await emit('inbox:list', {}), /console/);
    // Typing has its own count, and another agent has theirs.
    anna.emit('typing', { conversationId: 'nope', typing: true });
    const ben = await agent(BEN);
    expect(await emitter(ben)('scores:get', {})).toMatchObject({ ok: true });
  });
});

describe('rate limits on socket handshakes', () => {
  const dir = tempDir();
  let server: TestServer;

  beforeAll(async () => {
    server = await limitedServer(dir.path, {
      rates: { handshake: { ip: perMinute(2) }, connection: { ip: perMinute(3) } },
    });
  });

  afterAll(async () => {
    await server?.stop();
    dir.remove();
  });

  it('refuses a flood of connections from one address before reading anything', async () => {
    const first = connectVisitor(server.url, { siteId: 'demo' });
    await next(first, 'connect');
    // Agent and visitor handshakes count alike; a refused one counts too.
    const anna = await connectAgent(server.url, ANNA);
    await next(anna, 'connect');
    // Even an unknown site is refused for the flood, not looked up.
    const third = connectVisitor(server.url, { siteId: 'no-such-site' });
    const error = await next<Error & { data?: AckError }>(third, 'connect_error');
    expect(error.message).toMatch(/^Too many connections from your network: try again in \d+ s\.$/);
    expect(error.data).toMatchObject({ code: 'rate_limited' });
    expect(error.data?.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    // Past a looser bound, a connection is closed before it can even ask.
    const fourth = connectVisitor(server.url, { siteId: 'demo' });
    const outcome = await Promise.race([
      next(fourth, 'connect').then(() => 'connected'),
      next(fourth, 'connect_error').then(() => 'refused'),
      next(fourth, 'disconnect').then(() => 'refused'),
    ]);
    expect(outcome).toBe('refused');
    // The sockets already open stay open.
    expect(await first.emitWithAck('hello', {})).toMatchObject({ ok: true });
    for (const socket of [first, anna, third, fourth]) socket.disconnect();
  });
});

describe('rate limits over HTTP', () => {
  const dir = tempDir();
  let server: TestServer;
  // The server's clock, moved by the sign-in tests instead of waiting.
  let now = Date.parse('2026-09-01T08:00:00Z');
  const clock = { now: () => now };

  const call = async (
    method: string,
    path: string,
    options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
  ) => {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: {
        ...(options.token && { authorization: `Bearer ${options.token}` }),
        ...(options.body !== undefined && { 'content-type': 'application/json' }),
        ...options.headers,
      },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const text = await response.text();
    return {
      status: response.status,
      retryAfter: response.headers.get('retry-after'),
      body: (text ? JSON.parse(text) : null) as { error?: AckError } & Record<string, unknown>,
    };
  };
  const signIn = (email: string, password: string) =>
    call('POST', '/api/v1/session', { body: { email, password } });

  function expect429(answer: Awaited<ReturnType<typeof call>>, what: RegExp): number {
    expect(answer.status).toBe(429);
    expect(answer.body.error).toMatchObject({
      code: 'rate_limited',
      message: expect.stringMatching(what),
    });
    const seconds = Number(answer.retryAfter);
    expect(Number.isInteger(seconds) && seconds >= 1).toBe(true);
    expect(answer.body.error?.retryAfterSeconds).toBe(seconds);
    return seconds;
  }

  beforeAll(async () => {
    server = await limitedServer(
      dir.path,
      {
        rates: {
          api: { ip: ROOMY },
          siteApi: { key: perMinute(3) },
          ratingDelivery: { ip: perMinute(2) },
          signIn: { ip: ROOMY },
        },
        signInBackoff: {
          freeFailuresPerEmail: 3,
          freeFailuresPerIp: 1000,
          firstWaitMs: 1000,
          longestWaitMs: 4000,
        },
      },
      clock,
    );
  });

  afterAll(async () => {
    await server?.stop();
    dir.remove();
  });

  it('limits the events API per site key, whatever the requests carry', async () => {
    const create = async (name: string) => {
      const site = await call('POST', '/api/v1/sites', {
        token: TEST_ADMIN_TOKEN,
        body: { name, allowedOrigins: [] },
      });
      return { siteId: site.body.siteId as string, key: site.body.key as string };
    };
    const shop = await create('Shop');
    const other = await create('Other shop');
    const event = (id: string) => ({
      id,
      type: 'conversation.opened',
      conversationId: 'c1',
      at: '2026-08-31T10:00:00Z',
    });
    const post = (site: { siteId: string; key: string }, ids: string[]) =>
      call('POST', `/api/v1/sites/${site.siteId}/events`, {
        token: site.key,
        body: { events: ids.map(event) },
      });
    expect((await post(shop, ['e1'])).status).toBe(200);
    // A refused batch counts too, and so does reading scores: the limit is on requests.
    expect((await post(shop, [])).status).toBe(400);
    const scores = await call('GET', `/api/v1/sites/${shop.siteId}/scores`, { token: shop.key });
    expect(scores.status).toBe(200);
    expect429(await post(shop, ['e2']), /site key/);
    // The refused batch was not looked at, let alone stored.
    const facts = await server.application.store.siteFacts(shop.siteId);
    expect(facts.flat().map((fact) => fact.id)).toEqual(['e1']);
    // Another site's key has its own count.
    expect((await post(other, ['e2'])).status).toBe(200);
  });

  it("limits the widget's rating deliveries per address", async () => {
    const path = '/api/v1/sites/demo/ratings';
    for (let i = 0; i < 2; i++) expect((await call('POST', path, { body: {} })).status).toBe(400);
    expect429(await call('POST', path, { body: {} }), /rating deliveries/);
  });

  it('makes each failed sign-in after the third wait longer, up to a cap, until one succeeds', async () => {
    for (let i = 0; i < 3; i++) expect((await signIn(ANNA, 'wrong')).status).toBe(401);
    // Now even the right password must wait; waiting attempts do not count as failures.
    expect(expect429(await signIn(ANNA, DEMO_PASSWORD), /failed sign-ins/)).toBe(1);
    expect(expect429(await signIn(ANNA, 'wrong'), /failed sign-ins/)).toBe(1);
    // Another email is not held up by Anna's.
    expect((await signIn(BEN, 'wrong')).status).toBe(401);

    now += 1000;
    expect((await signIn(ANNA, 'wrong')).status).toBe(401);
    expect(expect429(await signIn(ANNA, 'wrong'), /failed sign-ins/)).toBe(2);
    now += 2000;
    expect((await signIn(ANNA, 'wrong')).status).toBe(401);
    expect(expect429(await signIn(ANNA, 'wrong'), /failed sign-ins/)).toBe(4);
    now += 4000;
    expect((await signIn(ANNA, 'wrong')).status).toBe(401);
    // Capped at longestWaitMs.
    expect(expect429(await signIn(ANNA, 'wrong'), /failed sign-ins/)).toBe(4);

    now += 4000;
    const right = await signIn(ANNA, DEMO_PASSWORD);
    expect(right.status).toBe(200);
    // A success starts over: three free failures again.
    for (let i = 0; i < 3; i++) expect((await signIn(ANNA, 'wrong')).status).toBe(401);
    expect429(await signIn(ANNA, DEMO_PASSWORD), /failed sign-ins/);
  });

  it('holds back many guesses sent at once, not only one after another', async () => {
    const email = 'nobody@demo.peakend.test';
    const answers = await Promise.all(Array.from({ length: 8 }, () => signIn(email, 'guess')));
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([401, 401, 401, 429, 429, 429, 429, 429]);
  });
});

describe('rate limits per address for sign-in and the whole API', () => {
  const dir = tempDir();
  let server: TestServer;
  const now = Date.parse('2026-09-01T08:00:00Z');

  beforeAll(async () => {
    server = await limitedServer(
      dir.path,
      {
        rates: { api: { ip: perMinute(12) }, signIn: { ip: ROOMY } },
        signInBackoff: { freeFailuresPerEmail: 100, freeFailuresPerIp: 4 },
      },
      { now: () => now },
    );
  });

  afterAll(async () => {
    await server?.stop();
    dir.remove();
  });

  const post = (email: string) =>
    fetch(`${server.url}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: 'guess' }),
    });

  it('backs off one address trying many emails', async () => {
    for (let i = 0; i < 4; i++) expect((await post(`user${i}@example.com`)).status).toBe(401);
    const refused = await post('user4@example.com');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('1');
  });

  it('puts a floor under every API request from one address, but not under /healthz', async () => {
    // 5 requests so far; 7 more reach the limit of 12.
    for (let i = 0; i < 7; i++) {
      expect((await fetch(`${server.url}/api/v1/session`)).status).toBe(401);
    }
    const refused = await fetch(`${server.url}/api/v1/sites/demo/scores`);
    expect(refused.status).toBe(429);
    expect(await refused.json()).toMatchObject({
      error: { code: 'rate_limited', message: expect.stringMatching(/your network/) },
    });
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });
});

describe('rate limits with the default policy', () => {
  const dir = tempDir();
  let server: TestServer;

  beforeAll(async () => {
    // Tiny limits, but clients on this machine are exempt by default (tests, scripts, benches).
    server = await startServer({
      dbPath: `${dir.path}/peakend.db`,
      rateLimits: {
        rates: { message: { visitor: perMinute(1), ip: perMinute(1) }, api: { ip: perMinute(2) } },
      },
    });
  });

  afterAll(async () => {
    await server?.stop();
    dir.remove();
  });

  it('does not limit clients on this machine itself', async () => {
    const socket = connectVisitor(server.url, { siteId: 'demo' });
    await next(socket, 'connect');
    for (let i = 0; i < 5; i++) {
      expect(await socket.emitWithAck('message:send', { text: `hi ${i}` })).toMatchObject({
        ok: true,
      });
    }
    socket.disconnect();
    for (let i = 0; i < 5; i++) {
      expect((await fetch(`${server.url}/api/v1/session`)).status).toBe(401);
    }
  });

  it('limits clients behind a proxy on this machine by their forwarded address', async () => {
    const from = (address: string) => ({ 'x-forwarded-for': address });
    const get = (address: string) =>
      fetch(`${server.url}/api/v1/session`, { headers: from(address) });
    expect((await get('203.0.113.7')).status).toBe(401);
    expect((await get('203.0.113.7')).status).toBe(401);
    expect((await get('203.0.113.7')).status).toBe(429);
    expect((await get('198.51.100.2')).status).toBe(401);

    const socket = connectVisitor(
      server.url,
      { siteId: 'demo' },
      { extraHeaders: from('203.0.113.8') },
    );
    await next(socket, 'connect');
    expect(await socket.emitWithAck('message:send', { text: 'one' })).toMatchObject({ ok: true });
    const refused = await socket.emitWithAck('message:send', { text: 'two' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
    socket.disconnect();
  });
});
