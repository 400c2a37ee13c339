/**
 * Attacks on the integrity of scores (issue 9), each performed against a real server the way the
 * outside review did, and each seen to fail:
 *
 * - M2(d): an agent marks a colleague's promise kept, closes or takes over a colleague's chat;
 *   every claim, keep and close must name who did it, in the conversation's timeline;
 * - disputes: "That didn't happen" turns a kept promise broken, once, only the visitor's own,
 *   only within the reopen window;
 * - H1: one address opens 120 chats, ends them and rates each 1 with a negative peak, then rates
 *   110 helpdesk conversations it holds signatures for: site CSAT and every agent stay as they
 *   were, and every rating is kept (marked `flood`), none dropped;
 * - M2(c): an agent plays the visitor from his own network (or with his own email) and rates
 *   himself 5 forty times: none counts, across a restart too;
 * - M4: hundreds of junk chats cannot push a real visitor's waiting chat out of sight.
 *
 * Clients on this machine are not limited (tests, scripts); the attackers here come through the
 * trusted proxy on loopback, with an X-Forwarded-For address, as real clients do.
 */
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Ack } from '../../shared/ack';
import type {
  AgentConversationView,
  InboxPage,
  LiveScores,
  RatingView,
  VisitorConversationView,
} from '../../shared/protocol';
import { DAY } from '../../shared/time';
import { signValue } from '../../server/auth/signing';
import { DEMO_PASSWORD } from '../../server/demo/seed';
import type { Fact } from '../../shared/facts';
import {
  connectVisitor,
  data,
  movableClock,
  next,
  startServer,
  tempDir,
  TEST_ADMIN_TOKEN,
  type AgentClient,
  type TestServer,
  type VisitorClient,
} from '../support/server';
import { createTestStorage, storeKinds, type TestStorage } from '../support/stores';

const ANNA = 'anna@demo.peakend.test'; // a supervisor of the demo site
const BEN = 'ben@demo.peakend.test'; // an agent of the demo site
const HOUR = 3_600_000;

/** Headers of a client behind the proxy (this machine) at `address`. */
const from = (address?: string): Record<string, string> =>
  address ? { 'x-forwarded-for': address } : {};

/** A clock the tests can move forward; it runs with real time meanwhile. */
/** Signs in (from `address`, if given) and opens the console socket (from `socketAddress`). */
async function openConsole(
  server: TestServer,
  email: string,
  address?: string,
  socketAddress?: string,
): Promise<AgentClient> {
  const response = await fetch(`${server.url}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...from(address) },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  expect(response.status).toBe(200);
  const cookie = response.headers.get('set-cookie')!.split(';')[0]!;
  const socket: AgentClient = io(`${server.url}/agent`, {
    transports: ['websocket'],
    extraHeaders: { cookie, ...from(socketAddress) },
    forceNew: true,
    reconnection: false,
  });
  await next(socket, 'connect');
  return socket;
}

async function openVisitor(
  server: TestServer,
  address?: string,
  auth: Record<string, unknown> = {},
): Promise<VisitorClient> {
  const socket = connectVisitor(
    server.url,
    { siteId: 'demo', ...auth },
    { extraHeaders: from(address) },
  );
  await next(socket, 'connect');
  return socket;
}

function refusal(ack: Ack<unknown>) {
  expect(ack.ok, JSON.stringify(ack)).toBe(false);
  if (ack.ok) throw new Error('accepted');
  return ack.error;
}

/** The rating facts of a conversation, as stored: what scores are made of. */
async function ratingFacts(server: TestServer, conversationId: string) {
  const facts = await server.application.store.listFacts('demo', conversationId);
  return facts.filter((fact): fact is Extract<Fact, { type: 'rating' }> => fact.type === 'rating');
}

const conversation = (server: TestServer, id: string) =>
  server.application.store.getConversation('demo', id);

/** A visitor's chat that `agent` answered, then closed: ready to be rated. */
async function answeredChat(visitor: VisitorClient, agent: AgentClient, text = 'Hello?') {
  const { id } = data(await visitor.emitWithAck('message:send', { text }));
  data(await agent.emitWithAck('message:send', { conversationId: id, text: 'Glad to help.' }));
  data(await agent.emitWithAck('conversation:close', { conversationId: id }));
  return id;
}

/**
 * Expects what a flood must not move to stand as it did: the site's CSAT, and each agent's CSAT,
 * evidence counts and scores (these within a hair: evidence fades a little as time passes).
 */
function expectUnmoved(after: LiveScores, before: LiveScores) {
  expect(after.site.csat).toEqual(before.site.csat);
  expect(after.agents.map((a) => a.agentId)).toEqual(before.agents.map((a) => a.agentId));
  for (const [i, agent] of after.agents.entries()) {
    const was = before.agents[i]!;
    expect(agent.csat, agent.agentId).toEqual(was.csat);
    for (const dimension of ['responsiveness', 'reliability', 'experience'] as const) {
      const [now, then] = [agent[dimension], was[dimension]];
      expect(now.n, `${agent.agentId} ${dimension}`).toBe(then.n);
      expect(Math.abs((now.score ?? 0) - (then.score ?? 0))).toBeLessThan(0.01);
    }
  }
}

// ---------------------------------------------------------------------------------------------

describe('M2(d): agents cannot take over, keep or close what is a colleague’s', () => {
  const dir = tempDir();
  const clock = movableClock();
  let server: TestServer;
  let anna: AgentClient;
  let ben: AgentClient;
  let visitor: VisitorClient;

  beforeAll(async () => {
    server = await startServer({ dbPath: `${dir.path}/peakend.db`, clock });
    anna = await openConsole(server, ANNA);
    ben = await openConsole(server, BEN);
    visitor = await openVisitor(server);
  });

  afterAll(async () => {
    for (const socket of [anna, ben, visitor]) socket?.disconnect();
    await server?.stop();
    dir.remove();
  });

  /** A new chat of the visitor's (the previous one closed first), claimed by `holder`. */
  async function chatHeldBy(holder: AgentClient): Promise<string> {
    const hello = data(await visitor.emitWithAck('hello', {}));
    if (hello.conversation?.status === 'open') {
      data(await anna.emitWithAck('conversation:close', { conversationId: hello.conversation.id }));
    }
    const { id } = data(await visitor.emitWithAck('message:send', { text: 'Hi there' }));
    data(await holder.emitWithAck('conversation:claim', { conversationId: id }));
    return id;
  }

  async function promise(agent: AgentClient, conversationId: string, text: string) {
    const view = data(
      await agent.emitWithAck('promise:make', {
        conversationId,
        text,
        dueAt: new Date(clock.now() + HOUR).toISOString(),
      }),
    );
    return view.promises.find((p) => p.text === text)!.id;
  }

  it("refuses marking a colleague's promise kept in a colleague's chat", async () => {
    const conversationId = await chatHeldBy(anna);
    const promiseId = await promise(anna, conversationId, 'Send the invoice');
    const facts = (await server.application.store.listFacts('demo', conversationId)).length;

    const error = refusal(await ben.emitWithAck('promise:keep', { conversationId, promiseId }));
    expect(error.code).toBe('forbidden');
    expect(error.message).toMatch(/made this promise|assigned|supervisor/);
    expect((await conversation(server, conversationId))!.promises[0]!.keptAt).toBeNull();
    expect(await server.application.store.listFacts('demo', conversationId)).toHaveLength(facts);

    // The maker may, and the keep names her, for the timeline.
    const kept = data(await anna.emitWithAck('promise:keep', { conversationId, promiseId }));
    expect(kept.timeline.at(-1)).toMatchObject({
      kind: 'promise-kept',
      promiseId,
      agent: { id: 'anna' },
    });
  });

  it('lets a supervisor keep a promise someone else made', async () => {
    // (The assignee keeping a promise made before a take-over: the roles matrix has that cell.)
    const held = await chatHeldBy(ben);
    const bens = await promise(ben, held, 'Call back');
    clock.advance(2 * 60_000);
    const byAnna = data(
      await anna.emitWithAck('promise:keep', { conversationId: held, promiseId: bens }),
    );
    expect(byAnna.promises.find((p) => p.id === bens)!.keptAt).not.toBeNull();
    expect(byAnna.timeline.at(-1)).toMatchObject({ kind: 'promise-kept', agent: { id: 'anna' } });
  });

  it("refuses closing a colleague's chat; the assignee, a supervisor, or anyone if unclaimed may", async () => {
    const annas = await chatHeldBy(anna);
    expect(
      refusal(await ben.emitWithAck('conversation:close', { conversationId: annas })).code,
    ).toBe('forbidden');
    expect((await conversation(server, annas))!.status).toBe('open');
    const closed = data(await anna.emitWithAck('conversation:close', { conversationId: annas }));
    expect(closed.timeline.at(-1)).toMatchObject({ kind: 'closed', agent: { id: 'anna' } });

    // Nobody claimed it: any member may close it, and is named.
    const { id: unclaimed } = data(await visitor.emitWithAck('message:send', { text: 'Anyone?' }));
    const byBen = data(await ben.emitWithAck('conversation:close', { conversationId: unclaimed }));
    expect(byBen.timeline.at(-1)).toMatchObject({ kind: 'closed', agent: { id: 'ben' } });

    // A supervisor may close an agent's.
    const bens = await chatHeldBy(ben);
    data(await anna.emitWithAck('conversation:close', { conversationId: bens }));
  });

  it("refuses a reply in a colleague's chat, which would take its rating", async () => {
    // A rating rates whom the visitor heard last: one line from Ben would make it his.
    const conversationId = await chatHeldBy(anna);
    data(await anna.emitWithAck('message:send', { conversationId, text: 'All sorted now.' }));
    const refused = refusal(
      await ben.emitWithAck('message:send', { conversationId, text: 'Anything else?' }),
    );
    expect(refused.code).toBe('forbidden');
    const state = (await conversation(server, conversationId))!;
    expect(state.lastAgentId).toBe('anna');
    expect(state.assignedAgentId).toBe('anna');

    // A supervisor may step in; the chat is then hers, and the timeline says so.
    const helped = await chatHeldBy(ben);
    const view = data(
      await anna.emitWithAck('message:send', { conversationId: helped, text: 'Let me help.' }),
    );
    expect(view.assignedAgent).toMatchObject({ id: 'anna' });
    expect(view.timeline.at(-1)).toMatchObject({ kind: 'assigned', agent: { id: 'anna' } });
  });

  it("refuses a promise in a colleague's chat, which would lift one's own reliability", async () => {
    // Promises kept a minute later in others' chats, three a chat: reliability for nothing.
    const conversationId = await chatHeldBy(anna);
    const refused = refusal(
      await ben.emitWithAck('promise:make', {
        conversationId,
        text: 'Check on it',
        dueAt: new Date(clock.now() + HOUR).toISOString(),
      }),
    );
    expect(refused.code).toBe('forbidden');
    expect((await conversation(server, conversationId))!.promises).toEqual([]);

    // A supervisor may, and the chat is then hers.
    const helped = await chatHeldBy(ben);
    await promise(anna, helped, 'Refund today');
    expect((await conversation(server, helped))!.assignedAgentId).toBe('anna');
  });

  it("refuses taking over a colleague's chat while they are around; a supervisor may", async () => {
    const conversationId = await chatHeldBy(anna);
    const refused = refusal(await ben.emitWithAck('conversation:claim', { conversationId }));
    expect(refused.code).toBe('forbidden');
    expect((await conversation(server, conversationId))!.assignedAgentId).toBe('anna');

    // Anna leaves. Within the site's reply time (120 s) her chat stays hers.
    anna.disconnect();
    const consoles = server.application.io.of('/agent');
    await vi.waitFor(() =>
      expect([...consoles.sockets.values()].map((s) => s.data.agent.id)).not.toContain('anna'),
    );
    clock.advance(60_000);
    expect(refusal(await ben.emitWithAck('conversation:claim', { conversationId })).code).toBe(
      'forbidden',
    );
    // Away for longer than that: Ben may take it over, and the timeline says from whom.
    clock.advance(61_000);
    const taken = data(await ben.emitWithAck('conversation:claim', { conversationId }));
    expect(taken.assignedAgent).toMatchObject({ id: 'ben' });
    expect(taken.timeline.at(-1)).toMatchObject({
      kind: 'assigned',
      agent: { id: 'ben' },
      previous: { id: 'anna' },
    });

    // A supervisor takes it back at once, Ben online or not.
    anna = await openConsole(server, ANNA);
    const back = data(await anna.emitWithAck('conversation:claim', { conversationId }));
    expect(back.timeline.at(-1)).toMatchObject({
      kind: 'assigned',
      agent: { id: 'anna' },
      previous: { id: 'ben' },
    });
  });

  it('refuses a promise due sooner than the site’s minPromiseSeconds', async () => {
    const conversationId = await chatHeldBy(anna);
    const soon = await anna.emitWithAck('promise:make', {
      conversationId,
      text: 'Right back',
      dueAt: new Date(clock.now() + 30_000).toISOString(),
    });
    expect(refusal(soon)).toMatchObject({ code: 'invalid', message: expect.stringMatching(/60/) });
    const later = await anna.emitWithAck('promise:make', {
      conversationId,
      text: 'Right back',
      dueAt: new Date(clock.now() + 120_000).toISOString(),
    });
    expect(later.ok).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------

describe('disputes: "That didn\'t happen"', () => {
  const dir = tempDir();
  const clock = movableClock();
  let server: TestServer;
  let anna: AgentClient;
  let visitor: VisitorClient;
  let stranger: VisitorClient;
  let conversationId: string;

  beforeAll(async () => {
    server = await startServer({ dbPath: `${dir.path}/peakend.db`, clock });
    anna = await openConsole(server, ANNA);
    visitor = await openVisitor(server);
    stranger = await openVisitor(server);
    conversationId = data(await visitor.emitWithAck('message:send', { text: 'Refund?' })).id;
    data(await anna.emitWithAck('message:send', { conversationId, text: 'On it.' }));
  });

  afterAll(async () => {
    for (const socket of [anna, visitor, stranger]) socket?.disconnect();
    await server?.stop();
    dir.remove();
  });

  async function keptPromise(text: string) {
    const made = data(
      await anna.emitWithAck('promise:make', {
        conversationId,
        text,
        dueAt: new Date(clock.now() + HOUR).toISOString(),
      }),
    );
    const promiseId = made.promises.find((p) => p.text === text)!.id;
    data(await anna.emitWithAck('promise:keep', { conversationId, promiseId }));
    return promiseId;
  }
  const factCount = async () =>
    (await server.application.store.listFacts('demo', conversationId)).length;
  const dispute = (who: VisitorClient, promiseId: string) =>
    who.emitWithAck('promise:dispute', { conversationId, promiseId });

  it("turns the visitor's own kept promise broken, once", async () => {
    const promiseId = await keptPromise('Refund sent');
    // Someone else's conversation is not theirs to dispute.
    expect(refusal(await dispute(stranger, promiseId)).code).toBe('not_found');

    const before = await factCount();
    const seen = vi.fn();
    anna.on('conversation', seen);
    const view: VisitorConversationView = data(await dispute(visitor, promiseId));
    expect(view.promises.find((p) => p.id === promiseId)).toMatchObject({
      status: 'disputed',
      disputedAt: expect.any(String),
    });
    expect(await factCount()).toBe(before + 1);
    // The console hears of it, with the dispute in the timeline.
    await vi.waitFor(() =>
      expect(seen).toHaveBeenCalledWith(
        expect.objectContaining({
          id: conversationId,
          timeline: expect.arrayContaining([
            expect.objectContaining({ kind: 'promise-disputed', promiseId }),
          ]),
        }),
      ),
    );
    anna.off('conversation', seen);
    // The kept promise now counts against its maker.
    const evidence = await server.application.store.recentObservations('demo', 'anna', 20);
    expect(evidence.map((o) => o.cause.kind)).toContain('promise-disputed');

    // Again: acknowledged, nothing new stored.
    expect((await dispute(visitor, promiseId)).ok).toBe(true);
    expect(await factCount()).toBe(before + 1);
  });

  it('refuses disputing a promise not kept, or kept longer ago than the reopen window', async () => {
    const made = data(
      await anna.emitWithAck('promise:make', {
        conversationId,
        text: 'Pending thing',
        dueAt: new Date(clock.now() + HOUR).toISOString(),
      }),
    );
    const pending = made.promises.find((p) => p.text === 'Pending thing')!.id;
    expect(refusal(await dispute(visitor, pending)).code).toBe('conflict');

    const old = await keptPromise('Old news');
    clock.advance(7 * DAY + 60_000);
    const late = refusal(await dispute(visitor, old));
    expect(late).toMatchObject({ code: 'conflict', message: expect.stringMatching(/7 days/) });
    expect(
      (await conversation(server, conversationId))!.promises.find((p) => p.promiseId === old)!
        .disputedAt,
    ).toBeNull();
  });
});

// ---------------------------------------------------------------------------------------------

describe('H1: an anonymous flood from one address', () => {
  const dir = tempDir();
  const ATTACKER = '203.0.113.66';
  let server: TestServer;
  let anna: AgentClient;
  let signingSecret: string;
  const sockets: VisitorClient[] = [];

  beforeAll(async () => {
    server = await startServer({ dbPath: `${dir.path}/peakend.db` });
    anna = await openConsole(server, ANNA);
    const site = await fetch(`${server.url}/api/v1/sites/demo`, {
      headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
    });
    signingSecret = ((await site.json()) as { signingSecret: string }).signingSecret;
  });

  afterAll(async () => {
    for (const socket of [anna, ...sockets]) socket?.disconnect();
    await server?.stop();
    dir.remove();
  });

  it('refuses chats past 10, keeps every rating, and moves no agent and no CSAT', async () => {
    // A real visitor, helped and happy.
    const real = await openVisitor(server, '198.51.100.7');
    sockets.push(real);
    const helped = await answeredChat(real, anna);
    data(await real.emitWithAck('rating:save', { conversationId: helped, key: 'r1', end: 5 }));
    // Helpdesk conversations Anna handled, whose signatures the attacker has got hold of.
    const site = (await server.application.store.getSite('demo'))!;
    const helpdesk = Array.from({ length: 110 }, (_, i) => `hd-${i}`);
    const t = Date.now() - 60_000;
    await server.application.pipeline.record(
      site,
      helpdesk.flatMap((id) => [
        { id: `${id}-o`, conversationId: id, at: t, type: 'conversation.opened' },
        { id: `${id}-v`, conversationId: id, at: t + 1, type: 'message', from: 'visitor' },
        {
          id: `${id}-a`,
          conversationId: id,
          at: t + 2,
          type: 'message',
          from: 'agent',
          agentId: 'anna',
        },
        { id: `${id}-c`, conversationId: id, at: t + 3, type: 'conversation.closed' },
      ]) as Fact[],
    );
    const before = data(await anna.emitWithAck('scores:get', {}));

    // 120 chats from one address, from 12 visitors: each is ended and rated 1 (three steps).
    const attackers = await Promise.all(
      Array.from({ length: 12 }, () => openVisitor(server, ATTACKER)),
    );
    sockets.push(...attackers);
    const opened: string[] = [];
    const refused: { code: string; message: string; retryAfterSeconds?: number }[] = [];
    for (const attacker of attackers) {
      for (let i = 0; i < 10; i++) {
        const ack = await attacker.emitWithAck('message:send', { text: 'x' });
        if (!ack.ok) {
          refused.push(ack.error);
          continue;
        }
        const conversationId = ack.data.id;
        opened.push(conversationId);
        data(await attacker.emitWithAck('conversation:end', { conversationId }));
        const negative = { dimension: 'responsiveness', polarity: 'negative' } as const;
        for (const [key, step] of [
          ['s1', { end: 1 }],
          ['s2', { end: 1, peak: negative }],
          ['s3', { end: 1, peak: negative, comment: 'awful' }],
        ] as const) {
          data(await attacker.emitWithAck('rating:save', { conversationId, key, ...step }));
        }
      }
    }
    expect(opened).toHaveLength(10);
    expect(refused).toHaveLength(110);
    for (const error of refused) {
      expect(error).toMatchObject({ code: 'rate_limited' });
      expect(error.message).toMatch(/new conversations/);
      expect(error.retryAfterSeconds).toBeGreaterThanOrEqual(1);
      expect(error.retryAfterSeconds).toBeLessThanOrEqual(600);
    }
    // Another address is not held back by this one.
    const other = await openVisitor(server, '198.51.100.8');
    sockets.push(other);
    expect((await other.emitWithAck('message:send', { text: 'Hi' })).ok).toBe(true);

    // Then 110 signed ratings from the same address, over the socket and over HTTP alike.
    const sign = (id: string) => signValue(signingSecret, 'conversation', id);
    for (const [i, id] of helpdesk.entries()) {
      const step = { conversationId: id, key: `k-${id}`, end: 1, signature: sign(id) };
      if (i % 2 === 0) {
        const attacker = attackers[i % attackers.length]!;
        expect((await attacker.emitWithAck('rating:save', step)).ok).toBe(true);
      } else {
        const response = await fetch(`${server.url}/api/v1/sites/demo/ratings`, {
          method: 'POST',
          headers: {
            'content-type': 'text/plain;charset=UTF-8',
            origin: server.url,
            ...from(ATTACKER),
          },
          body: JSON.stringify({ ratings: [step] }),
        });
        const { results } = (await response.json()) as { results: Ack<RatingView>[] };
        expect(results[0]?.ok, JSON.stringify(results)).toBe(true);
      }
    }

    // Nothing dropped: each chat's three steps made one rating, that counted toward the limit
    // once (none of them is a flood); every one after the tenth is kept, marked a flood.
    for (const id of opened) {
      const facts = await ratingFacts(server, id);
      expect(facts).toHaveLength(3);
      expect(facts.filter((fact) => fact.excluded)).toEqual([]);
    }
    for (const id of helpdesk) {
      const [fact] = await ratingFacts(server, id);
      expect(fact).toMatchObject({ end: 1, excluded: 'flood' });
      expect((await conversation(server, id))!.setAsideRating).toMatchObject({ reason: 'flood' });
    }

    // The scores are as they were.
    const after = data(await anna.emitWithAck('scores:get', {}));
    expectUnmoved(after, before);
    expect(after.site.csat).toMatchObject({ value: 100, n: 1 });
  });
});

// ---------------------------------------------------------------------------------------------

describe.each(await storeKinds())(
  "M2(c): an agent rating himself from the team's own network (%s)",
  (kind) => {
    const OFFICE = '192.0.2.44';
    let storage: TestStorage;
    let server: TestServer;
    const sockets: (VisitorClient | AgentClient)[] = [];

    // Room for many chats from one address: this is about whose address it is.
    const roomy = {
      rates: { newConversation: { siteAddress: { points: 1000, seconds: 600 } } },
    };

    beforeAll(async () => {
      storage = await createTestStorage(kind);
      server = await startServer({ storage, rateLimits: roomy });
    });

    afterAll(async () => {
      for (const socket of sockets) socket.disconnect();
      await server?.stop();
      await storage?.remove();
    });

    const patchDemo = async (settings: Record<string, unknown>) => {
      const response = await fetch(`${server.url}/api/v1/sites/demo`, {
        method: 'PATCH',
        headers: {
          authorization: `Bearer ${TEST_ADMIN_TOKEN}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ settings }),
      });
      expect(response.status).toBe(200);
    };

    /** Ben plays the visitor from `address`: `times` chats he answers himself, each rated 5. */
    async function rateHimself(ben: AgentClient, address: string, times: number, key: string) {
      const visitors = await Promise.all(
        Array.from({ length: Math.ceil(times / 10) }, () => openVisitor(server, address)),
      );
      sockets.push(...visitors);
      const ids: string[] = [];
      for (let i = 0; i < times; i++) {
        const visitor = visitors[Math.floor(i / 10)]!;
        const id = await answeredChat(visitor, ben, `me again ${i}`);
        data(await visitor.emitWithAck('rating:save', { conversationId: id, key, end: 5 }));
        ids.push(id);
      }
      return ids;
    }

    const bensCsat = async (console: AgentClient) =>
      data(await console.emitWithAck('scores:get', {})).agents.find((a) => a.agentId === 'ben')!
        .csat;

    it('counts none of forty self-ratings; with the rule off they count, up to the flood limit', async () => {
      // Ben signs in from the office; his console runs on this machine.
      const ben = await openConsole(server, BEN, OFFICE);
      sockets.push(ben);
      const ids = await rateHimself(ben, OFFICE, 40, 'five');
      for (const id of ids) {
        expect((await ratingFacts(server, id))[0]).toMatchObject({ end: 5, excluded: 'member' });
        const view = (await conversation(server, id))!;
        expect(view.rating).toBeNull();
        expect(view.setAsideRating).toMatchObject({ reason: 'member' });
      }
      expect(await bensCsat(ben)).toEqual({ value: null, n: 0 });

      // A site whose customers share the team's network turns the rule off: they count, but no
      // more than the flood limit of the address (10 an hour).
      await patchDemo({ excludeMemberRatings: false });
      const more = await rateHimself(ben, OFFICE, 40, 'five-again');
      const excluded = await Promise.all(
        more.map(async (id) => (await ratingFacts(server, id))[0]!.excluded ?? 'counts'),
      );
      expect(excluded.filter((e) => e === 'counts')).toHaveLength(10);
      expect(excluded.filter((e) => e === 'flood')).toHaveLength(30);
      expect(await bensCsat(ben)).toEqual({ value: 100, n: 10 });
      await patchDemo({ excludeMemberRatings: true });
    });

    it("sets aside ratings from an open console's address, and from a member's email", async () => {
      const lab = '192.0.2.55';
      // Signed in on this machine, console open from the lab.
      const ben = await openConsole(server, BEN, undefined, lab);
      sockets.push(ben);
      const [fromLab] = await rateHimself(ben, lab, 1, 'lab');
      expect((await ratingFacts(server, fromLab!))[0]).toMatchObject({ excluded: 'member' });

      // A signed-in user of the site whose email is Ben's, from anywhere.
      const userHash = signValue(
        (
          (await (
            await fetch(`${server.url}/api/v1/sites/demo`, {
              headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
            })
          ).json()) as { signingSecret: string }
        ).signingSecret,
        'user',
        'customer-77',
      );
      const identified = await openVisitor(server, '198.51.100.99', {
        userId: 'customer-77',
        userHash,
        email: BEN.toUpperCase(),
      });
      sockets.push(identified);
      const id = await answeredChat(identified, ben);
      data(
        await identified.emitWithAck('rating:save', { conversationId: id, key: 'mail', end: 5 }),
      );
      expect((await ratingFacts(server, id))[0]).toMatchObject({ excluded: 'member' });

      // Someone else from that address, without the email, counts.
      const stranger = await openVisitor(server, '198.51.100.99');
      sockets.push(stranger);
      const counted = await answeredChat(stranger, ben);
      data(
        await stranger.emitWithAck('rating:save', { conversationId: counted, key: 'k', end: 4 }),
      );
      expect((await ratingFacts(server, counted))[0]!.excluded).toBeUndefined();
    });

    it('remembers the team’s addresses across a restart', async () => {
      for (const socket of sockets.splice(0)) socket.disconnect();
      await server.stop();
      // The limits' counters outlive a restart on PostgreSQL, as the addresses do.
      server = await startServer({ storage, rateLimits: roomy });
      // Nobody signed in since the restart; Anna answers from this machine.
      const anna = await openConsole(server, ANNA);
      sockets.push(anna);
      const visitor = await openVisitor(server, OFFICE);
      sockets.push(visitor);
      const id = await answeredChat(visitor, anna);
      data(await visitor.emitWithAck('rating:save', { conversationId: id, key: 'k', end: 5 }));
      expect((await ratingFacts(server, id))[0]).toMatchObject({ excluded: 'member' });
    });
  },
);

// ---------------------------------------------------------------------------------------------

describe.each(await storeKinds())(
  'M4: junk chats cannot push a real visitor out of sight (%s)',
  (kind) => {
    let storage: TestStorage;
    let server: TestServer;
    let anna: AgentClient;
    const sockets: VisitorClient[] = [];
    const pushed = new Set<string>();

    beforeAll(async () => {
      storage = await createTestStorage(kind);
      server = await startServer({ storage });
      anna = await openConsole(server, ANNA);
      anna.on('conversation', (view: AgentConversationView) => pushed.add(view.id));
    });

    afterAll(async () => {
      for (const socket of [anna, ...sockets]) socket?.disconnect();
      await server?.stop();
      await storage?.remove();
    });

    /** Every page of the inbox, in order. */
    async function wholeInbox(): Promise<AgentConversationView[][]> {
      const pages: AgentConversationView[][] = [];
      let cursor: string | undefined;
      for (;;) {
        const page: InboxPage = data(
          await anna.emitWithAck('inbox:list', cursor === undefined ? {} : { cursor }),
        );
        pages.push(page.conversations);
        if (!page.next) return pages;
        cursor = page.next;
      }
    }

    /**
     * `count` chats from `address`, each opened and ended by the script, ten per visitor; how many
     * were refused for being too many new conversations.
     */
    async function junk(address: string, count: number) {
      const visitors = await Promise.all(
        Array.from({ length: Math.ceil(count / 10) }, () => openVisitor(server, address)),
      );
      sockets.push(...visitors);
      let refused = 0;
      for (let i = 0; i < count; i++) {
        const visitor = visitors[Math.floor(i / 10)]!;
        const ack = await visitor.emitWithAck('message:send', { text: `junk ${i}` });
        if (!ack.ok) {
          expect(ack.error).toMatchObject({
            code: 'rate_limited',
            message: expect.stringMatching(/new conversations/),
          });
          refused += 1;
          continue;
        }
        data(await visitor.emitWithAck('conversation:end', { conversationId: ack.data.id }));
      }
      return refused;
    }

    it('lists waiting chats first, a page at a time, and never a chat no visitor wrote in', async () => {
      const real = await openVisitor(server, '198.51.100.30');
      sockets.push(real);
      const waiting = data(await real.emitWithAck('message:send', { text: 'I need help' })).id;

      // 250 junk chats from one address: past the tenth, refused.
      expect(await junk('203.0.113.99', 250)).toBe(240);
      // The same from 25 addresses: all allowed, all newer than the real one.
      const refusedElsewhere = await Promise.all(
        Array.from({ length: 25 }, (_, i) => junk(`198.18.0.${i + 1}`, 10)),
      );
      expect(refusedElsewhere.every((n) => n === 0)).toBe(true);
      // Chats nobody wrote in (a helpdesk's bare opening, a signed rating alone): nobody's to answer.
      const site = (await server.application.store.getSite('demo'))!;
      const silent = Array.from({ length: 30 }, (_, i) => `silent-${i}`);
      await server.application.pipeline.record(
        site,
        silent.map((id, i) => ({
          id: `${id}-f`,
          conversationId: id,
          at: Date.now(),
          ...(i % 2 === 0
            ? { type: 'conversation.opened', visitorId: `v-${id}` }
            : { type: 'rating', end: 1 }),
        })) as Fact[],
      );
      // A second real visitor: once their chat is pushed, so would the silent ones have been.
      const second = await openVisitor(server, '198.51.100.31');
      sockets.push(second);
      const latest = data(await second.emitWithAck('message:send', { text: 'Hello?' })).id;
      await vi.waitFor(() => expect(pushed.has(latest)).toBe(true));

      const pages = await wholeInbox();
      const first = pages[0]!;
      // The two waiting for a reply come first, the newer first, however much junk is newer.
      expect(first.slice(0, 2).map((view) => view.id)).toEqual([latest, waiting]);
      expect(first.length).toBeLessThanOrEqual(50);
      const all = pages.flat();
      const ids = all.map((view) => view.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).toHaveLength(2 + 10 + 250);
      for (const id of silent) {
        expect(ids).not.toContain(id);
        expect(pushed.has(id)).toBe(false);
      }
      // The rest, closed junk, newest first.
      const closed = all.slice(2);
      expect(closed.every((view) => view.status === 'closed')).toBe(true);
      const times = closed.map((view) => Date.parse(view.lastActivityAt));
      expect(times).toEqual([...times].sort((a, b) => b - a));
      // A bad cursor is refused plainly.
      const bad = await anna.emitWithAck('inbox:list', { cursor: 'not-ours' });
      expect(refusal(bad).code).toBe('invalid');
    });
  },
);
