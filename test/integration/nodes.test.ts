/**
 * Several nodes on one PostgreSQL database are one service: three server processes (as `npm
 * start` runs them) on one schema, with visitors, agents and supervisors on different nodes.
 * Chats and live scores cross nodes, every node scores the same, rate limits count once, and a
 * node killed mid-stream loses nothing it acknowledged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FactInput } from '../../shared/facts';
import type { LiveScores, SitePresence } from '../../shared/protocol';
import type { SiteWaiting } from '../../shared/waiting';
import { hashPassword } from '../../server/auth/passwords';
import { launchServer, type ServerProcess } from '../support/process';
import { referenceScores } from '../support/reference-scoring';
import { prng, randomSite, shuffle, expectClose } from '../support/scenarios';
import {
  agentSocket,
  call,
  connectAgent,
  connectVisitor,
  data,
  next,
  TEST_ADMIN_TOKEN,
  until,
  type AgentClient,
  type VisitorClient,
} from '../support/server';
import { createTestStorage, skipPostgres, type TestStorage } from '../support/stores';

const skip = await skipPostgres();

describe.skipIf(skip)('several nodes on one PostgreSQL database', () => {
  let storage: TestStorage;
  let a: ServerProcess;
  let b: ServerProcess;
  let c: ServerProcess;
  const sockets: (VisitorClient | AgentClient)[] = [];

  beforeAll(async () => {
    storage = await createTestStorage('postgres');
    // The first node migrates and seeds the demo; the others find it done.
    a = await launchServer(storage.databaseUrl);
    [b, c] = await Promise.all([
      launchServer(storage.databaseUrl),
      launchServer(storage.databaseUrl),
    ]);
  }, 120_000);

  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    for (const node of [a, b, c]) node?.child.kill('SIGKILL');
    await Promise.all([a, b, c].map((node) => node?.exited));
    await storage?.remove();
  });

  const visitorOn = (node: ServerProcess, headers?: Record<string, string>) => {
    const socket = connectVisitor(
      node.url,
      { siteId: 'demo' },
      headers ? { extraHeaders: headers } : {},
    );
    sockets.push(socket);
    return socket;
  };
  const agentOn = async (node: ServerProcess, email: string) => {
    const socket = await connectAgent(node.url, email);
    sockets.push(socket);
    await next(socket, 'connect');
    return socket;
  };

  it('carries a chat across nodes: visitor on A, agent on B, supervisor on C', async () => {
    const ben = await agentOn(b, 'ben@demo.peakend.test');
    const anna = await agentOn(c, 'anna@demo.peakend.test');
    const visitor = visitorOn(a);
    await next(visitor, 'connect');

    // The visitor writes on A: the agent on B and the supervisor on C see it.
    type Seen = { id: string; messages: unknown[] };
    const onB = until(ben, 'conversation', (v: Seen) => v.messages.length === 1);
    const onC = until(anna, 'conversation', (v: Seen) => v.messages.length === 1);
    const opened = data(await visitor.emitWithAck('message:send', { text: 'Where is my parcel?' }));
    const conversationId = opened.id;
    expect((await onB).id).toBe(conversationId);
    expect((await onC).id).toBe(conversationId);

    // The agent claims and replies on B: the visitor on A sees the reply.
    data(await ben.emitWithAck('conversation:claim', { conversationId }));
    const reply = until(visitor, 'conversation', (v: { messages: unknown[] }) => {
      return v.messages.length === 2;
    });
    data(await ben.emitWithAck('message:send', { conversationId, text: 'On its way.' }));
    expect(await reply).toMatchObject({ agent: { name: 'Ben Okafor' } });

    // Typing hints cross nodes too (socket.io rooms through PostgreSQL).
    const typing = next<{ conversationId: string }>(ben, 'typing');
    visitor.emit('typing', { typing: true });
    expect((await typing).conversationId).toBe(conversationId);

    // Closed on B, seen closed on A; rated on A, and the scores on C move within a second.
    const closed = until(visitor, 'conversation', (v: { status: string }) => v.status === 'closed');
    data(await ben.emitWithAck('conversation:close', { conversationId }));
    await closed;
    const moved = until<LiveScores>(anna, 'scores', (s) =>
      s.agents.some((agent) => agent.agentId === 'ben' && agent.experience.n === 1),
    );
    const rated = Date.now();
    data(await visitor.emitWithAck('rating:save', { conversationId, key: 'end', end: 5 }));
    const scores = await moved;
    expect(Date.now() - rated).toBeLessThan(1000);
    expect(scores.site.csat).toEqual({ value: 100, n: 1 });
  });

  it("tells a site's visitors on every node when its only member opens and closes the console", async () => {
    // A site of its own, so the demo's consoles of the other tests do not count.
    const created = await call<{ siteId: string }>(a, 'POST', '/api/v1/sites', {
      token: TEST_ADMIN_TOKEN,
      body: { name: 'Night desk', allowedOrigins: [a.url, c.url] },
    });
    expect(created.status).toBe(201);
    const siteId = created.body.siteId;
    const store = await storage.open();
    try {
      const account = { id: 'acct_nina', email: 'nina@night.test', name: 'Nina', createdAt: 0 };
      await store.createAccount(account, await hashPassword('night-desk-password-1'));
      await store.saveAgent({
        siteId,
        id: 'nina',
        name: 'Nina',
        role: 'agent',
        accountId: account.id,
        email: account.email,
        createdAt: 0,
      });
    } finally {
      await store.close();
    }
    const visitorOf = async (node: ServerProcess) => {
      const socket = connectVisitor(node.url, { siteId }, { extraHeaders: { origin: node.url } });
      sockets.push(socket);
      await next(socket, 'connect');
      return socket;
    };
    const onA = await visitorOf(a);
    expect(data(await onA.emitWithAck('hello', {})).presence.online).toBe(false);

    // Nina opens the console on B: the visitor on A hears it, a new one on C is told so.
    const signedIn = await call(b, 'POST', '/api/v1/session', {
      body: { email: 'nina@night.test', password: 'night-desk-password-1' },
    });
    expect(signedIn.status).toBe(200);
    const online = until<SitePresence>(onA, 'presence', (p) => p.online);
    const nina = agentSocket(b.url, signedIn.cookie!);
    sockets.push(nina);
    await next(nina, 'connect');
    await online;
    const onC = await visitorOf(c);
    expect(data(await onC.emitWithAck('hello', {})).presence.online).toBe(true);

    // She closes it: both visitors, on two other nodes, hear that no one is there.
    const awayA = until<SitePresence>(onA, 'presence', (p) => !p.online);
    const awayC = until<SitePresence>(onC, 'presence', (p) => !p.online);
    nina.disconnect();
    await Promise.all([awayA, awayC]);
  });

  it('counts a chat started on one node for site B on a console of another node showing A', async () => {
    // Two sites of their own, and one person on both.
    const siteOf = async (name: string) => {
      const created = await call<{ siteId: string }>(a, 'POST', '/api/v1/sites', {
        token: TEST_ADMIN_TOKEN,
        body: { name, allowedOrigins: [a.url] },
      });
      expect(created.status).toBe(201);
      return created.body.siteId;
    };
    const shop = await siteOf('Kestrel Shop');
    const books = await siteOf('Heron Books');
    const store = await storage.open();
    try {
      const account = { id: 'acct_mia', email: 'mia@two.test', name: 'Mia', createdAt: 0 };
      await store.createAccount(account, await hashPassword('two-sites-password-1'));
      for (const [siteId, id] of [
        [shop, 'mia-shop'],
        [books, 'mia-books'],
      ] as const) {
        await store.saveAgent({
          siteId,
          id,
          name: 'Mia',
          role: 'agent',
          accountId: account.id,
          email: account.email,
          createdAt: 0,
        });
      }
    } finally {
      await store.close();
    }

    // Her console on node B shows the shop: nothing waits on the books yet.
    const signedIn = await call(b, 'POST', '/api/v1/session', {
      body: { email: 'mia@two.test', password: 'two-sites-password-1' },
    });
    expect(signedIn.status).toBe(200);
    const shown = await call(b, 'PATCH', '/api/v1/session', {
      cookie: signedIn.cookie,
      body: { siteId: shop },
    });
    expect(shown.status).toBe(200);
    const mia = agentSocket(b.url, signedIn.cookie!);
    sockets.push(mia);
    await next(mia, 'connect');
    expect(data(await mia.emitWithAck('sites:waiting', {})).sites).toEqual([
      { siteId: books, waiting: 0, seq: expect.any(Number) },
    ]);

    // A visitor of the books writes on node A: her console on node B hears the count.
    const counted = until<SiteWaiting>(mia, 'site:waiting', (count) => count.waiting === 1);
    const visitor = connectVisitor(a.url, { siteId: books }, { extraHeaders: { origin: a.url } });
    sockets.push(visitor);
    await next(visitor, 'connect');
    data(await visitor.emitWithAck('message:send', { text: 'Do you have it in paperback?' }));
    expect(await counted).toMatchObject({ siteId: books, waiting: 1 });
  });

  it('puts a bad ending in the queue of a supervisor on another node within a second', async () => {
    const ben = await agentOn(b, 'ben@demo.peakend.test');
    const anna = await agentOn(c, 'anna@demo.peakend.test');
    const visitor = visitorOn(a);
    await next(visitor, 'connect');
    const { id: conversationId } = data(
      await visitor.emitWithAck('message:send', { text: 'My refund never came' }),
    );
    data(await ben.emitWithAck('message:send', { conversationId, text: 'Looking into it.' }));
    data(await ben.emitWithAck('conversation:close', { conversationId }));

    // Rated "Very bad" on A: the item is made in that commit, and C hears of it.
    const heard = next<{ ids: string[] }>(anna, 'followups:changed');
    const rated = Date.now();
    data(await visitor.emitWithAck('rating:save', { conversationId, key: 'bad', end: 1 }));
    const { ids } = await heard;
    expect(Date.now() - rated).toBeLessThan(1000);
    const queue = data(await anna.emitWithAck('followups:list', { status: 'new' }));
    const item = queue.items.find((i) => i.conversationId === conversationId);
    expect(item).toMatchObject({ cause: 'rating', agent: { id: 'ben' }, status: 'new' });
    expect(ids).toContain(item?.id);
  });

  it('gives every node the same scores as the reference, for events sent to two at once', async () => {
    const site = randomSite(4242, 60);
    const created = await call(a, 'POST', '/api/v1/sites', {
      token: TEST_ADMIN_TOKEN,
      body: { name: 'Helpdesk', allowedOrigins: [], settings: site.settings },
    });
    expect(created.status).toBe(201);
    const siteId = created.body.siteId as string;
    const key = created.body.key as string;

    // Shuffled, with some sent twice, in batches split between A and B, all at once.
    const rng = prng(99);
    const events = shuffle([...site.facts, ...site.facts.filter(() => rng.chance(0.25))], rng);
    const batches: FactInput[][] = [];
    for (let i = 0; i < events.length;) {
      const size = rng.int(1, 60);
      batches.push(events.slice(i, i + size));
      i += size;
    }
    const answers = await Promise.all(
      batches.map((batch, i) =>
        call(i % 2 ? b : a, 'POST', `/api/v1/sites/${siteId}/events`, {
          token: key,
          body: { events: batch },
        }),
      ),
    );
    expect(answers.filter((answer) => answer.status !== 200)).toEqual([]);
    const duplicates = answers.reduce((sum, answer) => sum + (answer.body.duplicates as number), 0);
    expect(duplicates).toBe(events.length - site.facts.length);

    const agents = [
      ...new Set(site.facts.flatMap((f) => ('agentId' in f && f.agentId ? [f.agentId] : []))),
    ]
      .sort()
      .map((id) => ({ id, name: id }));
    for (const node of [a, b, c]) {
      const live = await call(node, 'GET', `/api/v1/sites/${siteId}/scores`, { token: key });
      expect(live.status).toBe(200);
      const at = live.body.at as string;
      expectClose(live.body, referenceScores(site.facts, site.settings, at, agents), 0.01);
    }

    // The insights read the same from every node, whichever wrote: each node sums the days the
    // others' writes touched (trends.ts), and searches the same texts.
    const read = async (path: string) =>
      Promise.all(
        [c, a, b].map(async (node) => {
          const answer = await call(node, 'GET', `/api/v1/sites/${siteId}${path}`, { token: key });
          expect(answer.status, JSON.stringify(answer.body)).toBe(200);
          return answer.body;
        }),
      );
    const [trendsOnC, ...trendsElsewhere] = await read(
      '/trends?interval=week&from=2026-08-31T00:00:00Z&to=2026-11-02T00:00:00Z',
    );
    expect((trendsOnC as { buckets: unknown[] }).buckets.length).toBeGreaterThanOrEqual(9);
    for (const trends of trendsElsewhere) expect(trends).toEqual(trendsOnC);
    const [historyOnC, ...historyElsewhere] = await read('/conversations?limit=100');
    expect((historyOnC as { conversations: unknown[] }).conversations).toHaveLength(60);
    for (const history of historyElsewhere) expect(history).toEqual(historyOnC);
  });

  it('counts rate limits once across nodes', async () => {
    // One network opening chats on one site: 10 per 10 minutes, wherever they land.
    const from = { 'x-forwarded-for': '198.51.100.23' };
    const outcomes: string[] = [];
    for (let i = 0; i < 12; i++) {
      const visitor = visitorOn([a, b, c][i % 3]!, from);
      await next(visitor, 'connect');
      const ack = await visitor.emitWithAck('message:send', { text: `Chat ${i}` });
      outcomes.push(ack.ok ? 'ok' : ack.error.code);
      visitor.disconnect();
    }
    expect(outcomes).toEqual([...Array<string>(10).fill('ok'), 'rate_limited', 'rate_limited']);
  });

  it('backs off failed sign-ins once across nodes', async () => {
    // Five wrong passwords in a row for one email from one address, then a wait: wherever the
    // attempts land.
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      const answer = await call([a, b, c][i % 3]!, 'POST', '/api/v1/session', {
        ip: '198.51.100.77',
        body: { email: 'ben@demo.peakend.test', password: `guess number ${i}` },
      });
      statuses.push(answer.status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
  });

  it('loses no acknowledged write when a node is killed mid-stream; the others go on', async () => {
    const created = await call(b, 'POST', '/api/v1/sites', {
      token: TEST_ADMIN_TOKEN,
      body: { name: 'Stream', allowedOrigins: [] },
    });
    const siteId = created.body.siteId as string;
    const key = created.body.key as string;
    const at = Date.now() - 3_600_000;
    const event = (i: number): FactInput => ({
      id: `open-${i}`,
      type: 'conversation.opened',
      conversationId: `c${i}`,
      at: new Date(at + i).toISOString(),
      visitorId: `v${i}`,
    });

    // A stream of single-event writes to A; A is killed while they are in flight.
    const acknowledged: number[] = [];
    const stream = Array.from({ length: 400 }, (_, i) =>
      call(a, 'POST', `/api/v1/sites/${siteId}/events`, {
        token: key,
        body: { events: [event(i)] },
      })
        .then((answer) => answer.status === 200 && acknowledged.push(i))
        .catch(() => undefined),
    );
    await new Promise<void>((resolve) => {
      const check = setInterval(() => {
        if (acknowledged.length >= 50) {
          clearInterval(check);
          resolve();
        }
      }, 5);
    });
    a.child.kill('SIGKILL');
    await Promise.all(stream);
    expect((await a.exited).signal).toBe('SIGKILL');

    // Every acknowledged event is stored: sending them again to C finds each a duplicate.
    const again = await call(c, 'POST', `/api/v1/sites/${siteId}/events`, {
      token: key,
      body: { events: acknowledged.map(event) },
    });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ accepted: 0, duplicates: acknowledged.length });

    // And B goes on taking writes, which C's live views and scores hear of.
    const anna = await agentOn(c, 'anna@demo.peakend.test');
    const visitor = visitorOn(b);
    await next(visitor, 'connect');
    const seen = until(anna, 'conversation', (v: { messages: { text: string }[] }) =>
      v.messages.some((m) => m.text === 'After the crash'),
    );
    data(await visitor.emitWithAck('message:send', { text: 'After the crash' }));
    await seen;
  });
});

describe.skipIf(skip)('PEAKEND_WORKERS on one machine', () => {
  it('serves from several worker processes on one port, as several nodes', async () => {
    const storage = await createTestStorage('postgres');
    const server = await launchServer(storage.databaseUrl, { PEAKEND_WORKERS: '2' });
    const sockets: (VisitorClient | AgentClient)[] = [];
    try {
      // Said once both workers listen (the first may answer /healthz before).
      for (let i = 0; i < 100 && !/\(2 workers\)/.test(server.output()); i++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(server.output()).toMatch(/listening on .* \(2 workers\)/);
      // Connections take turns between the workers: the console and the visitor are on
      // different ones, and the chat crosses between them.
      const ben = await connectAgent(server.url, 'ben@demo.peakend.test');
      sockets.push(ben);
      await next(ben, 'connect');
      const visitor = connectVisitor(server.url, { siteId: 'demo' });
      sockets.push(visitor);
      await next(visitor, 'connect');
      const seen = until(ben, 'conversation', (v: { messages: { text: string }[] }) =>
        v.messages.some((m) => m.text === 'Hello from a worker'),
      );
      data(await visitor.emitWithAck('message:send', { text: 'Hello from a worker' }));
      await seen;
    } finally {
      for (const socket of sockets) socket.disconnect();
      server.child.kill('SIGTERM');
      expect(await server.exited).toEqual({ code: 0, signal: null });
      await storage.remove();
    }
  });
});
