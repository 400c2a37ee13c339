/**
 * Hostile input to every socket event and every HTTP route, on a real server: malformed,
 * wrong-typed, oversized, prototype-polluting, unicode-tricky and script-bearing payloads, many
 * thousands of them. Each must be refused clearly (a 4xx with the JSON error body, or an error
 * acknowledgement that is `invalid` whenever the payload's schema refuses it), never with an
 * internal error, a hang or a crash. Afterwards the server still answers, the data accepted
 * before is unchanged, nothing was logged as an error, and no prototype was polluted.
 *
 * The events are those of the event maps in shared/protocol.ts (the case tables are typed
 * against them) and those the server actually listens to; the routes are read from Express's
 * router. A new event or route without a case here fails the test.
 *
 * PEAKEND_FUZZ_RUNS sets how many payloads each event and route gets (default below).
 */
import { request as httpRequest, Agent as HttpAgent } from 'node:http';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { ErrorCode, SetupCause } from '../../shared/ack';
import {
  ZAgentReply,
  ZBreakdownRequest,
  ZConversationRef,
  ZEmpty,
  ZInboxPage,
  ZPromiseDispute,
  ZPromiseKeep,
  ZPromiseMake,
  ZRatingSave,
  ZVisitorMessage,
  type AgentClientEvents,
  type VisitorClientEvents,
} from '../../shared/protocol';
import { ZFollowupFilter, ZFollowupUpdate } from '../../shared/followups';
import { ZSitesWaitingRequest } from '../../shared/waiting';
import { iso } from '../../shared/time';
import { DEMO_PASSWORD } from '../../server/demo/seed';
import type { Logger } from '../../server/logger';
import {
  encodeSegment,
  hostileString,
  HOSTILE_SEARCHES,
  hostileValue,
  payload,
  segment,
  shaped,
  SCRIPT_PAYLOADS,
} from '../support/hostile';
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

const RUNS = Number(process.env.PEAKEND_FUZZ_RUNS ?? 300);
/** A bound on "never a hang": no answer within this is a failure, not a slow pass. */
const ANSWER_WITHIN_MS = 10_000;
/** Socket payloads stay under socket.io's message limit (an oversized one is tested apart). */
const SOCKET_PAYLOAD_BYTES = 60_000;

const ANNA = 'anna@demo.peakend.test';
const BEN = 'ben@demo.peakend.test';

const ERROR_CODES = Object.keys({
  invalid: true,
  unauthorized: true,
  forbidden: true,
  not_found: true,
  conflict: true,
  too_large: true,
  conversation_full: true,
  rate_limited: true,
  internal: true,
} satisfies Record<ErrorCode, true>) as [ErrorCode, ...ErrorCode[]];

const ZAckError = z.strictObject({
  code: z.enum(ERROR_CODES),
  message: z.string().min(1),
  issues: z.array(z.strictObject({ path: z.string(), message: z.string() })).optional(),
  retryAfterSeconds: z.number().optional(),
  /** A setup problem the page's webmaster can fix (shared/ack.ts). */
  cause: z
    .enum(['unknown_site', 'origin', 'user_hash', 'signature', 'handshake'] satisfies SetupCause[])
    .optional(),
});
/** What every acknowledgement must look like. */
const ZAnswer = z.union([
  z.strictObject({ ok: z.literal(true), data: z.unknown() }),
  z.strictObject({ ok: z.literal(false), error: ZAckError }),
]);
/** What every HTTP error body must look like. */
const ZHttpError = z.strictObject({ error: ZAckError });

/** One socket event's fuzz case: its payloads, and its schema when it answers. */
interface SocketCase {
  payload: fc.Arbitrary<unknown>;
  /** The schema the handler parses its payload with; none for events that never answer. */
  schema: z.ZodType | null;
}
type SocketCases<Events> = { [Event in keyof Events]: SocketCase };

/** Names of listeners socket.io or the server add for their own purposes, not client events. */
const RESERVED = new Set(['disconnect', 'disconnecting', 'error', 'newListener', 'removeListener']);

/** One route's fuzz case: where its parameters come from, and what its body looks like. */
interface RouteCase {
  /** Values for each `:param` (a hostile value is mixed in always). */
  params?: Record<string, string[]>;
  /** Bearer tokens worth sending (a garbage one is mixed in always). */
  tokens?: string[];
  /** Console session cookies worth sending. */
  cookies?: string[];
  /** Fields of a valid JSON body. */
  body?: Record<string, fc.Arbitrary<unknown>>;
  /** The body goes as text/plain too (the widget's beacons). */
  plainText?: boolean;
  /** Query parameters worth sending. */
  query?: Record<string, fc.Arbitrary<unknown>>;
}

interface Sent {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

describe('fuzz: hostile input to every event and route', () => {
  const dir = tempDir();
  let server: TestServer;
  const logged: unknown[][] = [];
  const log: Logger = { info() {}, warn() {}, error: (...args: unknown[]) => logged.push(args) };
  const keep = { connection: new HttpAgent({ keepAlive: true, maxSockets: 4 }) };
  /** Payloads sent to each event and route, by what came back. */
  const outcomes = new Map<string, Map<string, number>>();
  const tally = (target: string, outcome: string) => {
    const seen = outcomes.get(target) ?? new Map<string, number>();
    seen.set(outcome, (seen.get(outcome) ?? 0) + 1);
    outcomes.set(target, seen);
  };

  /** A handshake connects, or is refused with a reason of its own: never an internal error. */
  async function expectHandshakeAnswered(
    socket: Parameters<typeof next>[0],
    label: string,
  ): Promise<void> {
    const outcome = await Promise.race([
      next(socket, 'connect').then(() => null),
      next<Error & { data?: unknown }>(socket, 'connect_error'),
    ]);
    socket.disconnect();
    const refusal =
      outcome && ZAckError.pick({ code: true, message: true, cause: true }).parse(outcome.data);
    tally(label, refusal ? refusal.code : 'connected');
    if (refusal) expect(refusal.code, refusal.message).not.toBe('internal');
  }

  // Known things the fuzz aims at, made before it starts.
  let baseline: { siteId: string; key: string };
  let fuzzSite: { siteId: string; key: string };
  let scratch: { siteId: string; key: string };
  /** The token of the fuzz site's Chatwoot webhook URL. */
  let chatwootToken: string;
  let webhookId: string;
  let deliveryId: string;
  let demoConversation: string;
  let mine: string;
  let minePromise: string;
  let cookie: string;
  let throwawayCookie: string;
  let inviteToken: string;
  let visitor: VisitorClient;
  let visitorToken: string;
  let agent: AgentClient;
  let prototypesBefore: string[];
  let before: Awaited<ReturnType<typeof snapshot>>;
  let snapshotAt: string;

  const prototypeKeys = () =>
    [Object.prototype, Array.prototype, Function.prototype, String.prototype].flatMap((proto) =>
      Reflect.ownKeys(proto).map(String),
    );

  async function api(method: string, path: string, body?: unknown, token = TEST_ADMIN_TOKEN) {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body !== undefined && { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const answer = (await response.json()) as Record<string, unknown>;
    if (!response.ok) throw new Error(`${method} ${path}: ${JSON.stringify(answer)}`);
    return answer;
  }

  async function signIn(email: string): Promise<string> {
    const response = await fetch(`${server.url}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: DEMO_PASSWORD }),
    });
    if (!response.ok) throw new Error(`sign-in failed: ${response.status}`);
    return response.headers.get('set-cookie')!.split(';')[0]!;
  }

  /** The data accepted before the fuzz, as it must stay. */
  async function snapshot() {
    const store = server.application.store;
    return {
      baselineFacts: await store.siteFacts(baseline.siteId),
      baselineScores: await api(
        'GET',
        `/api/v1/sites/${baseline.siteId}/scores?at=${snapshotAt}`,
        undefined,
        baseline.key,
      ),
      baselineSite: await api('GET', `/api/v1/sites/${baseline.siteId}`),
      demoSite: await api('GET', `/api/v1/sites/demo`),
      demoConversation: await store.getConversation('demo', demoConversation),
      demoFacts: (await store.siteFacts('demo')).filter(
        (facts) => facts[0]?.conversationId === demoConversation,
      ),
      demoAgents: await store.listAgents('demo'),
    };
  }

  beforeAll(async () => {
    prototypesBefore = prototypeKeys();
    server = await startServer({ dbPath: `${dir.path}/peakend.db`, log });

    const site = async (name: string) => {
      const created = await api('POST', '/api/v1/sites', { name, allowedOrigins: [] });
      return { siteId: created.siteId as string, key: created.key as string };
    };
    baseline = await site('Baseline shop');
    fuzzSite = await site('Fuzz shop');
    scratch = await site('Scratch shop');
    const chatwoot = await api(
      'POST',
      `/api/v1/sites/${fuzzSite.siteId}/integrations/chatwoot`,
      {},
    );
    chatwootToken = String(chatwoot.url).split('/').at(-1)!;

    // A helpdesk's conversation on the baseline site, with a kept promise and a rating.
    const at = (minutesAgo: number) => iso(Date.now() - minutesAgo * 60_000);
    await api(
      'POST',
      `/api/v1/sites/${baseline.siteId}/events`,
      {
        events: [
          { id: 'b1', type: 'conversation.opened', conversationId: 'hd-1', at: at(60) },
          { id: 'b2', type: 'message', conversationId: 'hd-1', at: at(59), from: 'visitor' },
          {
            id: 'b3',
            type: 'conversation.assigned',
            conversationId: 'hd-1',
            at: at(58),
            agentId: 'kim',
          },
          {
            id: 'b4',
            type: 'message',
            conversationId: 'hd-1',
            at: at(57),
            from: 'agent',
            agentId: 'kim',
          },
          {
            id: 'b5',
            type: 'promise.made',
            conversationId: 'hd-1',
            at: at(56),
            promiseId: 'p1',
            agentId: 'kim',
            dueAt: at(30),
          },
          { id: 'b6', type: 'promise.kept', conversationId: 'hd-1', at: at(40), promiseId: 'p1' },
          {
            id: 'b7',
            type: 'conversation.closed',
            conversationId: 'hd-1',
            at: at(35),
            agentId: 'kim',
          },
          {
            id: 'b8',
            type: 'rating',
            conversationId: 'hd-1',
            at: at(34),
            end: 5,
            comment: 'Great',
          },
        ],
      },
      baseline.key,
    );

    // A built-in chat on the demo site, carried through to a rating.
    agent = await connectAgent(server.url, ANNA);
    await next(agent, 'connect');
    const customer = connectVisitor(server.url, { siteId: 'demo' });
    await next(customer, 'connect');
    const data = <T>(ack: { ok: boolean; data?: T; error?: unknown }): T => {
      if (!ack.ok) throw new Error(JSON.stringify(ack.error));
      return ack.data as T;
    };
    demoConversation = data<{ id: string }>(
      await customer.emitWithAck('message:send', { text: 'Where is my parcel?' }),
    ).id;
    data(await agent.emitWithAck('conversation:claim', { conversationId: demoConversation }));
    data(
      await agent.emitWithAck('message:send', {
        conversationId: demoConversation,
        text: 'Let me check',
      }),
    );
    const promised = data<{ promises: { id: string }[] }>(
      await agent.emitWithAck('promise:make', {
        conversationId: demoConversation,
        text: 'Email the tracking link',
        dueAt: iso(Date.now() + 3_600_000),
      }),
    );
    data(
      await agent.emitWithAck('promise:keep', {
        conversationId: demoConversation,
        promiseId: promised.promises[0]!.id,
      }),
    );
    data(await agent.emitWithAck('conversation:close', { conversationId: demoConversation }));
    data(
      await customer.emitWithAck('rating:save', {
        conversationId: demoConversation,
        key: 'step-1',
        end: 4,
        comment: 'Thanks',
      }),
    );
    customer.disconnect();

    // The fuzzing visitor has an open conversation of their own, with a promise in it.
    visitor = connectVisitor(server.url, { siteId: 'demo' });
    await next(visitor, 'connect');
    visitorToken = data<{ visitorToken: string }>(
      await visitor.emitWithAck('hello', {}),
    ).visitorToken;
    mine = data<{ id: string }>(await visitor.emitWithAck('message:send', { text: 'Hi' })).id;
    minePromise = data<{ promises: { id: string }[] }>(
      await agent.emitWithAck('promise:make', {
        conversationId: mine,
        text: 'Call back',
        dueAt: iso(Date.now() + 3_600_000),
      }),
    ).promises[0]!.id;

    // An open invite to the scratch site, for whoever holds its link.
    const invite = await api('POST', `/api/v1/sites/${scratch.siteId}/invites`, {
      email: 'invitee@example.com',
      role: 'agent',
    });
    inviteToken = String(invite.link).split('#')[1]!;

    // A webhook of the scratch site and one delivery of it (a ping to a port that refuses).
    const hook = await api('POST', `/api/v1/sites/${scratch.siteId}/webhooks`, {
      url: 'http://127.0.0.1:9/hooks',
      events: ['rating.saved'],
    });
    webhookId = String(hook.id);
    const ping = await api('POST', `/api/v1/sites/${scratch.siteId}/webhooks/${webhookId}/ping`);
    deliveryId = String(ping.id);

    cookie = await signIn(ANNA);
    throwawayCookie = await signIn(BEN);
    snapshotAt = iso(Date.now());
    before = await snapshot();
  });

  afterAll(async () => {
    visitor?.disconnect();
    agent?.disconnect();
    keep.connection.destroy();
    await server?.stop();
    dir.remove();
    const sum = (seen: Map<string, number>) => [...seen.values()].reduce((a, b) => a + b, 0);
    const lines = [...outcomes].map(
      ([target, seen]) =>
        `  ${String(sum(seen)).padStart(6)}  ${target}  (${[...seen]
          .sort()
          .map(([outcome, n]) => `${outcome} ${n}`)
          .join(', ')})`,
    );
    const total = [...outcomes.values()].reduce((all, seen) => all + sum(seen), 0);
    console.info(
      `fuzz: payloads per event and route, by answer (${total} in all)\n${lines.join('\n')}`,
    );
  });

  // -------------------------------------------------------------------------------------------
  // Sockets

  const conversationIds = () => fc.constantFrom(mine, demoConversation, 'nope', '__proto__');
  const peak = fc.constantFrom(
    undefined,
    null,
    { dimension: 'responsiveness', polarity: 'positive' },
    { dimension: 'reliability', polarity: 'negative' },
  );
  /** Text any field takes: markup, bidi overrides, lone surrogates, but no NUL. */
  const fineText = fc.constantFrom(
    'Hello',
    ...SCRIPT_PAYLOADS,
    'abc\u202Eevil',
    '\u200B\uFEFF',
    'x\uD800y',
    '\u{1F600}',
  );
  const text = fineText;
  const dueAt = () =>
    fc.constantFrom(
      iso(Date.now() + 3_600_000),
      iso(Date.now() - 3_600_000),
      iso(Date.now() + 400 * 86_400_000),
      '2026-09-01T08:00:00+14:00',
    );

  const visitorCases = (): SocketCases<VisitorClientEvents> => ({
    hello: { payload: payload({}), schema: ZEmpty },
    'message:send': {
      payload: payload({
        text,
        visit: payload({
          pageUrl: fc.oneof(hostileString, fc.constant('https://u:p@shop.example/a?b#c')),
          pageTitle: hostileString,
          referrer: hostileString,
          language: hostileString,
          timeZone: hostileString,
          device: fc.constantFrom('mobile', 'tablet', 'desktop', 'fridge'),
        }),
      }),
      schema: ZVisitorMessage,
    },
    typing: { payload: payload({ typing: fc.boolean() }), schema: null },
    'conversation:end': {
      payload: payload({ conversationId: conversationIds() }),
      schema: ZConversationRef,
    },
    'conversation:reopen': {
      payload: payload({ conversationId: conversationIds() }),
      schema: ZConversationRef,
    },
    'rating:save': {
      payload: payload({
        conversationId: conversationIds(),
        key: fc.constantFrom('k1', 'k2', '__proto__'),
        end: fc.constantFrom(1, 3, 5),
        peak,
        comment: text,
        signature: fc.constantFrom(undefined, undefined, undefined, '0'.repeat(64)),
      }),
      schema: ZRatingSave,
    },
    'promise:dispute': {
      payload: payload({
        conversationId: conversationIds(),
        promiseId: fc.constantFrom(minePromise, 'nope', '__proto__'),
      }),
      schema: ZPromiseDispute,
    },
  });

  const agentCases = (): SocketCases<AgentClientEvents> => ({
    'inbox:list': {
      payload: payload({ cursor: fc.constantFrom(undefined, 'WzAsMSwieCJd', 'not a cursor', '') }),
      schema: ZInboxPage,
    },
    'conversation:claim': {
      payload: payload({ conversationId: fc.constantFrom(mine, 'nope') }),
      schema: ZConversationRef,
    },
    'message:send': {
      payload: payload({ conversationId: fc.constantFrom(mine, 'nope'), text }),
      schema: ZAgentReply,
    },
    typing: {
      payload: payload({ conversationId: fc.constantFrom(mine, 'nope'), typing: fc.boolean() }),
      schema: null,
    },
    'promise:make': {
      payload: payload({ conversationId: fc.constantFrom(mine, 'nope'), text, dueAt: dueAt() }),
      schema: ZPromiseMake,
    },
    'promise:keep': {
      payload: payload({
        conversationId: fc.constantFrom(mine, 'nope'),
        promiseId: fc.constantFrom(minePromise, 'nope', '__proto__'),
      }),
      schema: ZPromiseKeep,
    },
    'conversation:get': {
      payload: payload({ conversationId: fc.constantFrom(mine, 'nope', '__proto__') }),
      schema: ZConversationRef,
    },
    'conversation:close': {
      payload: payload({ conversationId: fc.constantFrom(mine, 'nope') }),
      schema: ZConversationRef,
    },
    'scores:get': { payload: payload({}), schema: ZEmpty },
    'scores:breakdown': {
      payload: payload({
        agentId: fc.constantFrom('anna', 'ben', 'nobody', '__proto__', 'constructor'),
      }),
      schema: ZBreakdownRequest,
    },
    'followups:list': {
      payload: payload({
        status: fc.constantFrom(undefined, 'new', 'dismissed', 'gone'),
        agent: fc.constantFrom(undefined, 'anna', '__proto__'),
        from: fc.constantFrom(undefined, '2026-09-01T08:00:00Z', 'yesterday'),
        cursor: fc.constantFrom(undefined, 'WzAsIngiXQ', 'not a cursor'),
        limit: fc.constantFrom(undefined, 1, 0, 10_000),
      }),
      schema: ZFollowupFilter,
    },
    'followup:update': {
      payload: payload({
        id: fc.constantFrom('nope', '__proto__'),
        change: fc.constantFrom(
          { status: 'contacted' },
          { status: 'dismissed' },
          { owner: 'anna', note: 'called' },
          {},
        ),
      }),
      schema: ZFollowupUpdate,
    },
    'sites:waiting': {
      // It takes nothing: a payload naming a site (any site) is refused.
      payload: fc.oneof(
        payload({}),
        payload({ siteId: fc.constantFrom('demo', fuzzSite.siteId, 'nope', '__proto__') }),
      ),
      schema: ZSitesWaitingRequest,
    },
  });

  /** The events the server listens to on a connected socket of `namespace`. */
  function listenedEvents(namespace: string, socketId: string | undefined): string[] {
    const socket = server.application.io.of(namespace).sockets.get(socketId ?? '');
    if (!socket) throw new Error(`no server socket for ${namespace}`);
    return socket
      .eventNames()
      .map(String)
      .filter((name) => !RESERVED.has(name))
      .sort();
  }

  /** What the server receives of `args`: socket.io sends them as JSON. */
  const asReceived = (args: unknown[]): unknown[] => JSON.parse(JSON.stringify(args)) as unknown[];

  async function fuzzEvent(
    namespace: string,
    socket: VisitorClient | AgentClient,
    event: string,
    { payload: arbitrary, schema }: SocketCase,
  ): Promise<void> {
    const plain = socket as unknown as {
      emit(event: string, ...args: unknown[]): void;
      timeout(ms: number): { emitWithAck(event: string, ...args: unknown[]): Promise<unknown> };
    };
    const call = fc.record({
      args: fc.oneof(
        { weight: 8, arbitrary: arbitrary.map((p): unknown[] => [p]) },
        { weight: 1, arbitrary: fc.constant<unknown[]>([]) },
        { weight: 1, arbitrary: fc.tuple(arbitrary, hostileValue).map((t): unknown[] => [...t]) },
      ),
      // Events that answer are also sent without asking for an answer now and then.
      answer: schema
        ? fc.oneof(
            { weight: 9, arbitrary: fc.constant(true) },
            { weight: 1, arbitrary: fc.constant(false) },
          )
        : fc.constant(false),
    });
    await fc.assert(
      fc.asyncProperty(call, async ({ args, answer }) => {
        const received = asReceived(args);
        fc.pre(Buffer.byteLength(JSON.stringify(received)) < SOCKET_PAYLOAD_BYTES);
        const target = `${namespace} ${event}`;
        if (!answer || !schema) {
          plain.emit(event, ...args);
          tally(target, 'no answer asked');
          return;
        }
        const ack = ZAnswer.parse(
          await plain.timeout(ANSWER_WITHIN_MS).emitWithAck(event, ...args),
        );
        tally(target, ack.ok ? 'ok' : ack.error.code);
        const valid = schema.safeParse(received[0]).success;
        if (ack.ok) {
          expect(valid, 'accepted a payload its schema refuses').toBe(true);
        } else {
          expect(ack.error.code, ack.error.message).not.toBe('internal');
          if (!valid) expect(ack.error.code, ack.error.message).toBe('invalid');
        }
      }),
      { numRuns: RUNS },
    );
    // Still connected and answering, whatever came before.
    expect(socket.connected).toBe(true);
  }

  it('refuses hostile payloads on every visitor event', async () => {
    const cases = visitorCases();
    expect(listenedEvents('/visitor', visitor.id)).toEqual(Object.keys(cases).sort());
    for (const [event, spec] of Object.entries(cases)) {
      await fuzzEvent('/visitor', visitor, event, spec);
    }
    expect(await visitor.emitWithAck('hello', {})).toMatchObject({ ok: true });
  }, 300_000);

  it('refuses hostile payloads on every agent event', async () => {
    const cases = agentCases();
    expect(listenedEvents('/agent', agent.id)).toEqual(Object.keys(cases).sort());
    for (const [event, spec] of Object.entries(cases)) {
      await fuzzEvent('/agent', agent, event, spec);
    }
    expect(await agent.emitWithAck('scores:get', {})).toMatchObject({ ok: true });
  }, 300_000);

  it('refuses hostile handshakes with a clear connection error', async () => {
    // socket.io itself refuses a handshake `auth` that is not an object, before any of ours.
    const auth = shaped({
      siteId: fc.constantFrom('demo', fuzzSite.siteId, 'nope'),
      visitorToken: fc.constantFrom(visitorToken, `${visitorToken}x`, 'v-x.y', '.'),
    });
    await fc.assert(
      fc.asyncProperty(auth, async (given) => {
        await expectHandshakeAnswered(
          connectVisitor(server.url, given as Record<string, unknown>),
          '/visitor handshake',
        );
      }),
      { numRuns: Math.ceil(RUNS / 3) },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(hostileString, fc.constantFrom(cookie, `${cookie}x`, 'peakend_session=%E0%A4%A')),
        async (given) => {
          const { io } = await import('socket.io-client');
          // Under 16 KB: past that Node's own HTTP parser refuses it, before any of ours runs.
          const header = given.replace(/[^\x20-\x7e]/g, '').slice(0, 2000);
          const socket = io(`${server.url}/agent`, {
            transports: ['websocket'],
            forceNew: true,
            reconnection: false,
            extraHeaders: header ? { cookie: header } : {},
          });
          await expectHandshakeAnswered(socket, '/agent handshake');
        },
      ),
      { numRuns: Math.ceil(RUNS / 3) },
    );
  }, 300_000);

  it('drops a socket that sends more than a message may carry, and nothing else', async () => {
    const flooder = connectVisitor(server.url, { siteId: 'demo' });
    await next(flooder, 'connect');
    const dropped = next<string>(flooder, 'disconnect');
    (flooder as unknown as { emit(event: string, payload: unknown): void }).emit('message:send', {
      text: 'x'.repeat(200_000),
    });
    expect(await dropped).toMatch(/transport/);
    expect(visitor.connected).toBe(true);
    expect(await visitor.emitWithAck('hello', {})).toMatchObject({ ok: true });
  });

  // -------------------------------------------------------------------------------------------
  // HTTP

  const ratingFields = {
    conversationId: conversationIds(),
    key: fc.constantFrom('k1', 'k2', '__proto__'),
    end: fc.constantFrom(1, 3, 5),
    peak,
    comment: fc.constantFrom(undefined, 'Thanks', ...SCRIPT_PAYLOADS),
  };
  const ratingSave = fc.oneof(
    { weight: 3, arbitrary: fc.record(ratingFields) },
    { weight: 1, arbitrary: shaped(ratingFields) },
  );
  /** A valid fact of each type, with ids that are also Object.prototype's names. */
  const validFact = () => {
    const ids = (prefix: string) =>
      fc.oneof(
        fc.nat(5000).map((n) => `${prefix}${n}`),
        fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString'),
      );
    const base = {
      id: ids('f'),
      conversationId: fc.oneof(fc.constantFrom('c1', 'c2'), ids('c')),
      at: fc
        .integer({ min: 1, max: 30 * 24 * 60 })
        .map((minutes) => iso(Date.now() - minutes * 60_000)),
    };
    const agentId = fc.oneof(fc.constantFrom('kim', 'lee'), ids('a'));
    const promiseId = fc.oneof(fc.constant('p1'), ids('p'));
    const record = (
      type: string,
      fields: Record<string, fc.Arbitrary<unknown>>,
      required: string[] = [],
    ) =>
      fc.record(
        { ...base, type: fc.constant(type), ...fields },
        { requiredKeys: ['id', 'conversationId', 'at', 'type', ...required] as never[] },
      );
    return fc.oneof(
      record('conversation.opened', { visitorId: ids('v') }),
      record('conversation.assigned', { agentId }, ['agentId']),
      record('message', { from: fc.constant('visitor'), text: fineText }, ['from']),
      record('message', { from: fc.constant('agent'), agentId, text: fineText }, [
        'from',
        'agentId',
      ]),
      record(
        'promise.made',
        {
          promiseId,
          agentId,
          dueAt: fc.integer({ min: -60, max: 600 }).map((m) => iso(Date.now() + m * 60_000)),
          text: fineText,
        },
        ['promiseId', 'agentId', 'dueAt'],
      ),
      record('promise.kept', { promiseId }, ['promiseId']),
      record('conversation.closed', { agentId }),
      record('conversation.reopened', {}),
      record(
        'rating',
        {
          end: fc.integer({ min: 1, max: 5 }),
          peak: fc.record({
            dimension: fc.constantFrom('responsiveness', 'reliability', 'competence', 'empathy'),
            polarity: fc.constantFrom('positive', 'negative'),
          }),
          comment: fineText,
        },
        ['end'],
      ),
    );
  };
  const fact = () =>
    fc.oneof({ weight: 3, arbitrary: validFact() }, { weight: 1, arbitrary: mutatedFact() });
  const mutatedFact = () =>
    shaped({
      id: fc.constantFrom('f1', 'f2', 'f3', '__proto__'),
      type: fc.constantFrom(
        'conversation.opened',
        'conversation.assigned',
        'message',
        'promise.made',
        'promise.kept',
        'conversation.closed',
        'conversation.reopened',
        'rating',
      ),
      conversationId: fc.constantFrom('c1', 'c2', '__proto__', 'constructor'),
      at: fc.constantFrom(
        iso(Date.now() - 60_000),
        iso(Date.now() - 30_000),
        iso(Date.now() + 60_000),
      ),
      visitorId: fc.constantFrom('v1', '__proto__'),
      agentId: fc.constantFrom('kim', '__proto__', 'constructor', 'prototype'),
      from: fc.constantFrom('visitor', 'agent'),
      text,
      promiseId: fc.constantFrom('p1', '__proto__', 'toString'),
      dueAt: fc.constantFrom(iso(Date.now()), iso(Date.now() + 3_600_000)),
      end: fc.constantFrom(1, 5),
      peak,
      comment: text,
    });
  const settings = shaped({
    targetReplySeconds: fc.constantFrom(60, 0, 86_401),
    halfLifeDays: fc.constantFrom(30, 0.0001, 3650),
    negativityWeight: fc.constantFrom(1, 10),
    priorStrength: fc.constantFrom(0, 1000),
    voiceWeight: fc.constantFrom(0, 100),
    reopenWindowDays: fc.constantFrom(0, 365),
    ratingAmendMinutes: fc.constantFrom(0, 1440),
  });
  const origins = fc.constantFrom(
    [],
    ['https://shop.example'],
    ['javascript:alert(1)'],
    ['https://a.example/path'],
  );
  const email = fc.constantFrom(ANNA, BEN, 'new.person@example.com', 'ANNA@demo.peakend.test ');
  const role = fc.constantFrom('agent', 'supervisor', 'admin', 'owner');

  const routeCases = (): Record<string, RouteCase> => {
    /** Times and dates for a window, the extremes ISO-8601 allows among them. */
    const when = fc.constantFrom(
      iso(Date.now() - 3_600_000),
      '2026-01-01',
      '0000-01-01',
      '9999-12-31T23:59:59.999+14:00',
    );
    const everySite = [fuzzSite.siteId, 'demo', baseline.siteId, scratch.siteId, 'nope'];
    // Changes with the admin token go to the scratch site only, so the data compared stays put.
    const changeable = [scratch.siteId, 'nope'];
    const admin = [TEST_ADMIN_TOKEN];
    return {
      'GET /healthz': {},
      'GET /metrics': { tokens: admin },
      'GET /': {},
      'GET /demo': {},
      'GET /widget.js': {},
      'GET /console': {},
      'GET /console/': {},
      'GET /console/*path': {},
      'GET /api/v1/openapi.json': {},
      'GET /docs/api': {},
      'GET /docs/api/:file': {
        params: { file: ['start.js', 'peakend.css', 'swagger-ui.css', 'index.html'] },
      },
      'POST /api/v1/session': {
        body: {
          email,
          password: fc.constantFrom(DEMO_PASSWORD, 'wrong'),
          invite: fc.constantFrom(inviteToken, 'A'.repeat(32)),
        },
      },
      'GET /api/v1/session': { cookies: [cookie] },
      'PATCH /api/v1/session': {
        cookies: [cookie],
        body: { siteId: fc.constantFrom('demo', scratch.siteId, 'nope') },
      },
      'DELETE /api/v1/session': { cookies: [throwawayCookie] },
      'POST /api/v1/sites': {
        tokens: admin,
        cookies: [cookie],
        body: {
          name: fc.constantFrom('Shop', ...SCRIPT_PAYLOADS),
          allowedOrigins: origins,
          settings,
        },
      },
      'GET /api/v1/sites': { tokens: admin, cookies: [cookie] },
      'GET /api/v1/sites/:siteId': {
        params: { siteId: everySite },
        tokens: admin,
        cookies: [cookie],
      },
      'PATCH /api/v1/sites/:siteId': {
        params: { siteId: changeable },
        tokens: admin,
        cookies: [cookie],
        body: { name: fc.constantFrom('Shop'), allowedOrigins: origins, settings },
      },
      'POST /api/v1/sites/:siteId/key': {
        params: { siteId: changeable },
        tokens: admin,
        cookies: [cookie],
        body: { graceHours: fc.constantFrom(0, 1, 24, 168) },
      },
      'DELETE /api/v1/sites/:siteId/key/previous': {
        params: { siteId: changeable },
        tokens: admin,
        cookies: [cookie],
      },
      'GET /api/v1/sites/:siteId/members': {
        params: { siteId: everySite },
        tokens: admin,
        cookies: [cookie],
      },
      'PATCH /api/v1/sites/:siteId/members/:agentId': {
        params: { siteId: changeable, agentId: ['anna', 'ben', 'nope', '__proto__'] },
        tokens: admin,
        cookies: [cookie],
        body: { role },
      },
      'DELETE /api/v1/sites/:siteId/members/:agentId': {
        params: { siteId: changeable, agentId: ['anna', 'ben', 'nope', '__proto__'] },
        tokens: admin,
        cookies: [cookie],
      },
      'GET /api/v1/sites/:siteId/agents': {
        params: { siteId: everySite },
        tokens: admin,
        cookies: [cookie],
      },
      'PUT /api/v1/sites/:siteId/agents/:agentId': {
        params: { siteId: changeable, agentId: ['ben.zd@kestrel', 'anna', 'nope', '__proto__'] },
        tokens: admin,
        cookies: [cookie],
        body: {
          name: fc.constantFrom('Ben de Vries', ...SCRIPT_PAYLOADS),
          avatarUrl: fc.constantFrom('https://cdn.example/ben.png', 'javascript:alert(1)', null),
          memberId: fc.constantFrom('anna', 'nope', '__proto__', null),
        },
      },
      'POST /api/v1/sites/:siteId/invites': {
        params: { siteId: changeable },
        tokens: admin,
        cookies: [cookie],
        body: { email, role, agentId: fc.constantFrom('kim', '__proto__') },
      },
      'GET /api/v1/sites/:siteId/invites': {
        params: { siteId: everySite },
        tokens: admin,
        cookies: [cookie],
      },
      'DELETE /api/v1/sites/:siteId/invites/:inviteId': {
        params: { siteId: changeable, inviteId: ['nope', '__proto__'] },
        tokens: admin,
        cookies: [cookie],
      },
      'POST /api/v1/invites/lookup': {
        body: { token: fc.constantFrom(inviteToken, 'A'.repeat(32), '__proto__') },
      },
      'POST /api/v1/invites/accept': {
        cookies: [cookie],
        body: {
          token: fc.constantFrom(inviteToken, 'A'.repeat(32), '__proto__'),
          name: fc.constantFrom('Zoe', ...SCRIPT_PAYLOADS),
          password: fc.constantFrom('a long password 1'),
        },
      },
      // Ben's throwaway session: never his right password, so it never changes.
      'POST /api/v1/account/password': {
        cookies: [throwawayCookie],
        body: {
          currentPassword: fc.constantFrom('wrong', ...SCRIPT_PAYLOADS),
          newPassword: fc.constantFrom('a long password 2', 'short'),
        },
      },
      'DELETE /api/v1/account/sessions': { cookies: [throwawayCookie] },
      'POST /api/v1/account/verification': { cookies: [cookie] },
      'POST /api/v1/account/verify': {
        cookies: [cookie],
        body: { token: fc.constantFrom('A'.repeat(32), '__proto__') },
      },
      'POST /api/v1/sites/:siteId/events': {
        params: { siteId: [fuzzSite.siteId] },
        tokens: [fuzzSite.key],
        body: {
          events: fc.oneof(
            { weight: 3, arbitrary: fc.array(validFact(), { minLength: 1, maxLength: 8 }) },
            { weight: 1, arbitrary: fc.array(fact(), { maxLength: 6 }) },
          ),
        },
      },
      'OPTIONS /api/v1/sites/:siteId/ratings': { params: { siteId: everySite } },
      'POST /api/v1/sites/:siteId/ratings': {
        params: { siteId: ['demo', fuzzSite.siteId, 'nope'] },
        body: {
          visitorToken: fc.constantFrom(visitorToken, 'v-x.y'),
          ratings: fc.array(ratingSave, { minLength: 1, maxLength: 3 }),
        },
        plainText: true,
      },
      'GET /api/v1/sites/:siteId/scores': {
        params: { siteId: everySite },
        tokens: [fuzzSite.key],
        cookies: [cookie],
        query: {
          at: fc.constantFrom(
            iso(Date.now() - 3_600_000),
            '1970-01-01T00:00:00Z',
            '0001-01-01T00:00:00Z',
          ),
        },
      },
      'GET /api/v1/sites/:siteId/ratings.csv': {
        params: { siteId: everySite },
        tokens: [fuzzSite.key],
        cookies: [cookie],
        query: { from: when, to: when },
      },
      'GET /api/v1/sites/:siteId/segments': {
        params: { siteId: everySite },
        tokens: [fuzzSite.key],
        cookies: [cookie],
        query: { from: when, to: when },
      },
      'GET /api/v1/sites/:siteId/trends': {
        params: { siteId: everySite },
        tokens: [fuzzSite.key],
        cookies: [cookie],
        query: {
          interval: fc.constantFrom('day', 'week', 'month', 'year', ''),
          from: when,
          to: when,
          agent: fc.constantFrom('anna', 'ben', 'nobody', 'a b'),
        },
      },
      'GET /api/v1/sites/:siteId/expectation': {
        params: { siteId: everySite },
        tokens: [fuzzSite.key],
        cookies: [cookie],
        query: { from: when, to: when, agent: fc.constantFrom('anna', 'ben', 'nobody', 'a b') },
      },
      'GET /api/v1/sites/:siteId/report': {
        params: { siteId: everySite },
        tokens: [fuzzSite.key],
        cookies: [cookie],
        query: { week: fc.constantFrom('2026-W01', '2020-W53', '2021-W53', '9999-W52', 'W47', '') },
      },
      'GET /api/v1/sites/:siteId/comments': {
        params: { siteId: everySite },
        tokens: [fuzzSite.key],
        cookies: [cookie],
        query: {
          from: when,
          to: when,
          agent: fc.constantFrom('anna', 'ben', 'nobody'),
          peak: fc.constantFrom('positive', 'negative', 'neutral'),
          limit: fc.constantFrom('1', '50', '200', '0', '1e3'),
          cursor: fc.constantFrom('WzE3OTM3ODM3NDAwMTcsImEiXQ', 'WzEsMl0', 'W10'),
        },
      },
      'GET /api/v1/sites/:siteId/conversations': {
        params: { siteId: everySite },
        tokens: [fuzzSite.key],
        cookies: [cookie],
        query: {
          status: fc.constantFrom('open', 'closed', 'lost'),
          agent: fc.constantFrom('anna', 'nobody', '__proto__'),
          rating: fc.constantFrom('1,2', 'none', '5,none', '0', '1,,2', '6'),
          comment: fc.constantFrom('true', 'false', 'yes'),
          segment: fc.constantFrom('', 'pro', ' pro', 'x'.repeat(500)),
          from: when,
          to: when,
          q: fc.oneof(fc.constantFrom(...HOSTILE_SEARCHES), hostileString),
          cursor: fc.constantFrom('WzE3OTM3ODM3NDAwMTcsImEiXQ', 'WzEsMl0', 'W10', 'not a cursor'),
          limit: fc.constantFrom('1', '25', '100', '0', '101', '1e3'),
        },
      },
      'GET /api/v1/sites/:siteId/followups': {
        params: { siteId: everySite },
        tokens: [fuzzSite.key],
        cookies: [cookie],
        query: {
          status: fc.constantFrom('new', 'resolved', 'lost'),
          agent: fc.constantFrom('anna', '__proto__'),
          from: fc.constantFrom(iso(Date.now() - 3_600_000), '0001-01-01T00:00:00Z', 'x'),
          to: fc.constantFrom(iso(Date.now()), '1970-01-01T00:00:00Z'),
          cursor: fc.constantFrom('WzAsIngiXQ', 'not a cursor'),
          limit: fc.constantFrom('1', '0', '99999', 'ten'),
        },
      },
      'POST /api/v1/sites/:siteId/integrations/chatwoot': {
        params: { siteId: changeable },
        tokens: admin,
        cookies: [cookie],
        body: {
          secret: fc.constantFrom(undefined, null, 'cw-secret-1234', '', ...SCRIPT_PAYLOADS),
        },
      },
      'GET /api/v1/sites/:siteId/integrations/chatwoot': {
        params: { siteId: everySite },
        tokens: admin,
        cookies: [cookie],
      },
      'PATCH /api/v1/sites/:siteId/integrations/chatwoot': {
        params: { siteId: changeable },
        tokens: admin,
        cookies: [cookie],
        body: { secret: fc.constantFrom(null, 'cw-secret-1234', 'short', ...SCRIPT_PAYLOADS) },
      },
      'DELETE /api/v1/sites/:siteId/integrations/chatwoot': {
        params: { siteId: changeable },
        tokens: admin,
        cookies: [cookie],
      },
      'POST /api/v1/integrations/chatwoot/:token': {
        params: { token: [chatwootToken, 'A'.repeat(43), '__proto__'] },
        body: {
          event: fc.constantFrom(
            'message_created',
            'message_updated',
            'conversation_created',
            'conversation_status_changed',
            'conversation_updated',
            'contact_created',
            '__proto__',
          ),
          id: fc.constantFrom(1, -1, '12', 'x', 2 ** 60, null),
          inbox_id: fc.constantFrom(1, 'nope', null),
          message_type: fc.constantFrom('incoming', 'outgoing', 0, 1, 7, null),
          created_at: fc.constantFrom(
            1764460800,
            '2026-11-30T00:00:00.000Z',
            'yesterday',
            -1,
            1e20,
          ),
          updated_at: fc.constantFrom(1764460800.5, 'x', null),
          content: fc.oneof(fc.constantFrom(...SCRIPT_PAYLOADS), hostileString),
          account: fc.constantFrom({ id: 1 }, { id: '__proto__' }, null),
          sender: fc.constantFrom({ id: 3, name: 'Anna', type: 'user' }, { id: 'x' }, null),
          conversation: fc.constantFrom(
            { id: 5, inbox_id: 2, messages: [] },
            {
              id: 5,
              inbox_id: 2,
              messages: [{ id: 1, message_type: 0, created_at: 1, account_id: 1 }],
            },
            { id: '__proto__', inbox_id: 2 },
            null,
          ),
          changed_attributes: fc.constantFrom(
            null,
            [{ status: { previous_value: 'resolved', current_value: 'open' } }],
            [{ assignee_id: { previous_value: null, current_value: 3 } }],
            { status: 'x' },
          ),
          meta: fc.constantFrom({ assignee: { id: 3, name: 'A', type: 'user' } }, null),
          content_type: fc.constantFrom('input_csat', 'text'),
          content_attributes: fc.constantFrom(
            { submitted_values: { csat_survey_response: { rating: 5, feedback_message: 'ok' } } },
            { submitted_values: { csat_survey_response: { rating: 99 } } },
            null,
          ),
        },
      },
      'POST /api/v1/sites/:siteId/webhooks': {
        params: { siteId: changeable },
        tokens: admin,
        cookies: [cookie],
        body: {
          url: fc.constantFrom(
            'http://127.0.0.1:9/x',
            'ftp://x',
            'http://u:p@x/',
            ...SCRIPT_PAYLOADS,
          ),
          events: fc.constantFrom(['rating.saved'], [], ['__proto__'], 'rating.saved'),
          kind: fc.constantFrom('standard', 'slack', 'teams', undefined),
        },
      },
      'GET /api/v1/sites/:siteId/webhooks': {
        params: { siteId: everySite },
        tokens: admin,
        cookies: [cookie],
      },
      'GET /api/v1/sites/:siteId/webhooks/:id': {
        params: { siteId: everySite, id: [webhookId, 'nope', '__proto__'] },
        tokens: admin,
        cookies: [cookie],
      },
      'PATCH /api/v1/sites/:siteId/webhooks/:id': {
        params: { siteId: changeable, id: [webhookId, 'nope'] },
        tokens: admin,
        cookies: [cookie],
        body: {
          url: fc.constantFrom(undefined, 'http://127.0.0.1:9/y', 'javascript:alert(1)'),
          events: fc.constantFrom(undefined, ['followup.created'], ['nope']),
          enabled: fc.constantFrom(undefined, true, false, 'yes'),
        },
      },
      'DELETE /api/v1/sites/:siteId/webhooks/:id': {
        params: { siteId: changeable, id: ['wh_01ARZ3NDEKTSV4RRFFQ69G5FAV', 'nope'] },
        tokens: admin,
        cookies: [cookie],
      },
      'POST /api/v1/sites/:siteId/webhooks/:id/ping': {
        params: { siteId: changeable, id: [webhookId, 'nope'] },
        tokens: admin,
        cookies: [cookie],
      },
      'GET /api/v1/sites/:siteId/webhooks/:id/deliveries': {
        params: { siteId: everySite, id: [webhookId, 'nope'] },
        tokens: admin,
        cookies: [cookie],
        query: {
          before: fc.constantFrom(deliveryId, 'msg_x', '__proto__'),
          limit: fc.constantFrom('1', '0', '101', 'ten'),
        },
      },
      'POST /api/v1/sites/:siteId/webhooks/:id/deliveries/:deliveryId/resend': {
        params: {
          siteId: changeable,
          id: [webhookId, 'nope'],
          deliveryId: [deliveryId, 'msg_01ARZ3NDEKTSV4RRFFQ69G5FAV', 'nope'],
        },
        tokens: admin,
        cookies: [cookie],
      },
      'GET /api/v1/sites/:siteId/visitors': {
        params: { siteId: everySite },
        tokens: admin,
        cookies: [cookie],
        query: {
          userId: fc.constantFrom('user-1', '', '__proto__', 'a b', 'x'.repeat(300)),
          conversationId: fc.constantFrom('c-1', '__proto__', ''),
        },
      },
      'GET /api/v1/sites/:siteId/visitors/:visitorId/export': {
        params: { siteId: everySite, visitorId: ['v-1', '__proto__', 'nope', '%00'] },
        tokens: admin,
        cookies: [cookie],
      },
      'POST /api/v1/sites/:siteId/visitors/:visitorId/erase': {
        params: { siteId: changeable, visitorId: ['v-1', '__proto__', 'nope', '%00'] },
        tokens: admin,
        cookies: [cookie],
      },
      'PATCH /api/v1/sites/:siteId/followups/:id': {
        params: { siteId: everySite, id: ['nope', '__proto__'] },
        tokens: [fuzzSite.key],
        cookies: [cookie],
        body: {
          status: fc.constantFrom('contacted', 'dismissed', 'lost'),
          owner: fc.constantFrom('anna', null, '__proto__'),
          note: fc.constantFrom('Called back', '', ...SCRIPT_PAYLOADS),
          reason: fc.constantFrom(undefined, 'Duplicate'),
        },
      },
    };
  };

  /** Every route of the Express app, as `METHOD /path` (each path of a route with several). */
  function routesOf(): string[] {
    type Layer = {
      route?: { path: string | string[]; methods: Record<string, boolean> };
      handle?: { stack?: Layer[] };
    };
    const found: string[] = [];
    const walk = (stack: Layer[]) => {
      for (const layer of stack) {
        if (layer.route) {
          const paths = [layer.route.path].flat();
          for (const method of Object.keys(layer.route.methods)) {
            for (const path of paths) found.push(`${method.toUpperCase()} ${path}`);
          }
        } else if (layer.handle?.stack) walk(layer.handle.stack);
      }
    };
    walk((server.application.app as unknown as { router: { stack: Layer[] } }).router.stack);
    return [...new Set(found)].sort();
  }

  // Node's own HTTP parser answers 431 to headers past 16 KB, before any of ours runs.
  const asciiHeader = hostileString.map((s) => s.replace(/[^\x20-\x7e]/g, '').slice(0, 2000));

  /** Bodies no route should choke on, with the content type they claim. */
  const BROKEN_BODIES: { type?: string; encoding?: string; body: string }[] = [
    { type: 'application/json', body: '{"email":' },
    { type: 'application/json', body: '\u0000' },
    { type: 'application/json', body: '' },
    { type: 'application/json', body: 'null' },
    { type: 'application/json', body: '"just a string"' },
    { type: 'application/json', body: `${'['.repeat(50_000)}${']'.repeat(50_000)}` },
    { type: 'application/json', body: `{"a":${'{"a":'.repeat(20_000)}1${'}'.repeat(20_001)}` },
    { type: 'application/json', body: JSON.stringify({ x: 'y'.repeat(1_100_000) }) },
    {
      type: 'application/json',
      body: '{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}}}',
    },
    { type: 'application/json; charset=utf-16', body: '{}' },
    { type: 'application/json; charset=bogus', body: '{}' },
    { type: 'application/json', encoding: 'gzip', body: 'not gzip at all' },
    { type: 'application/json', encoding: 'bogus', body: '{}' },
    { type: 'application/x-www-form-urlencoded', body: 'a=1&__proto__[polluted]=1' },
    { type: 'multipart/form-data; boundary=x', body: '--x\r\n\r\n--x--' },
    { type: 'text/plain', body: '{"ratings":' },
    { type: 'text/plain', body: 'x'.repeat(100_000) },
    { body: '{}' },
  ];

  function requestOf(method: string, template: string, c: RouteCase): fc.Arbitrary<Sent> {
    const parts = template.split('/').map((part) => {
      if (part.startsWith(':')) return segment(...(c.params?.[part.slice(1)] ?? ['x']));
      if (part.startsWith('*')) {
        return fc
          .array(segment('a', 'b.js'), { minLength: 1, maxLength: 3 })
          .map((s) => s.join('/'));
      }
      return fc.constant(part);
    });
    const queryKeys = Object.keys(c.query ?? {});
    const query = fc.oneof(
      { weight: 3, arbitrary: fc.constant('') },
      {
        weight: 2,
        arbitrary: fc
          .array(
            fc.tuple(
              fc.oneof(
                fc.constantFrom(...queryKeys, '__proto__', 'constructor[prototype][polluted]'),
                hostileString,
              ),
              fc.oneof(...Object.values(c.query ?? {}), hostileValue.map(asText), hostileString),
            ),
            { maxLength: 3 },
          )
          .map(
            (pairs) =>
              '?' +
              pairs
                .map(([k, v]) => `${encodeSegment(asText(k))}=${encodeSegment(asText(v))}`)
                .join('&'),
          ),
      },
      { weight: 1, arbitrary: fc.constantFrom('?%', '?at=%E0%A4%A', '?&&==', '?at&at') },
    );
    // Known credentials most of the time, so most requests get past them to their body.
    const known = <T>(values: T[], weight: number) =>
      values.length ? [{ weight, arbitrary: fc.constantFrom(...values) }] : [];
    const authorization = fc.oneof(
      { weight: 1, arbitrary: fc.constant(undefined) },
      ...known(
        (c.tokens ?? []).map((token) => `Bearer ${token}`),
        4,
      ),
      { weight: 1, arbitrary: asciiHeader.map((s) => `Bearer ${s}`) },
      { weight: 1, arbitrary: asciiHeader },
    );
    const cookieHeader = fc.oneof(
      { weight: 1, arbitrary: fc.constant(undefined) },
      ...known(c.cookies ?? [], 3),
      { weight: 1, arbitrary: asciiHeader.map((s) => `peakend_session=${s}`) },
    );
    const origin = fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(undefined, server.url) },
      { weight: 1, arbitrary: fc.constantFrom('https://evil.example', 'null') },
    );
    const json = payload(c.body ?? {}).map((value) => ({
      type: 'application/json',
      body: JSON.stringify(value) ?? '',
    }));
    const textPlain = json.map(({ body }) => ({ type: 'text/plain;charset=UTF-8', body }));
    const reads = method === 'GET' || method === 'OPTIONS';
    const body = fc.oneof(
      { weight: reads ? 6 : 1, arbitrary: fc.constant(undefined) },
      { weight: 4, arbitrary: json },
      ...(c.plainText ? [{ weight: 3, arbitrary: textPlain }] : []),
      { weight: 1, arbitrary: fc.constantFrom(...BROKEN_BODIES) },
    );
    return (
      fc
        .record({
          path: fc.tuple(...parts).map((p) => p.join('/')),
          query,
          authorization,
          cookie: cookieHeader,
          origin,
          body,
        })
        // Node's own HTTP parser answers 431 to a URL past 16 KB, before any of ours runs.
        .filter(({ path, query: q }) => path.length + q.length < 8000)
        .map(({ path, query: q, authorization: a, cookie: k, origin: o, body: b }) => {
          const headers: Record<string, string> = {};
          if (a !== undefined) headers.authorization = a;
          if (k !== undefined) headers.cookie = k;
          if (o !== undefined) headers.origin = o;
          if (b?.type) headers['content-type'] = b.type;
          if (b && 'encoding' in b && b.encoding) headers['content-encoding'] = b.encoding;
          return { method, path: `${path}${q}`, headers, body: b?.body };
        })
    );
  }

  /** A value as query text: strings as they are, anything else as JSON. */
  const asText = (value: unknown): string =>
    typeof value === 'string' ? value : (JSON.stringify(value) ?? 'undefined');

  function send({ method, path, headers, body }: Sent) {
    return new Promise<{ status: number; type: string; text: string }>((resolve, reject) => {
      const url = new URL(server.url);
      const req = httpRequest(
        {
          host: url.hostname,
          port: url.port,
          method,
          path,
          agent: keep.connection,
          headers: {
            ...headers,
            ...(body !== undefined && { 'content-length': Buffer.byteLength(body) }),
          },
          timeout: ANSWER_WITHIN_MS,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              type: String(res.headers['content-type'] ?? ''),
              text: Buffer.concat(chunks).toString('utf8'),
            }),
          );
          res.on('error', reject);
        },
      );
      req.on('timeout', () => req.destroy(new Error(`no answer within ${ANSWER_WITHIN_MS} ms`)));
      req.on('error', reject);
      req.end(body);
    });
  }

  it('refuses hostile requests on every HTTP route', async () => {
    const cases = routeCases();
    const routes = routesOf();
    expect(
      routes.filter((route) => !(route in cases)),
      'routes without a fuzz case',
    ).toEqual([]);
    expect(Object.keys(cases).filter((route) => !routes.includes(route))).toEqual([]);
    for (const route of routes) {
      const [method, template] = route.split(' ') as [string, string];
      await fc.assert(
        fc.asyncProperty(requestOf(method, template, cases[route]!), async (sent) => {
          const answer = await send(sent);
          tally(route, String(answer.status));
          const what = `${sent.method} ${sent.path.slice(0, 200)} → ${answer.status} ${answer.text.slice(0, 300)}`;
          expect(answer.status, what).toBeLessThan(500);
          if (answer.status < 400) return;
          expect(answer.type, what).toMatch(/^application\/json/);
          const error = ZHttpError.safeParse(JSON.parse(answer.text));
          expect(error.success, what).toBe(true);
        }),
        { numRuns: RUNS },
      );
    }
  }, 600_000);

  it('is still up afterwards, with the data accepted before unchanged and no prototype polluted', async () => {
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await snapshot()).toEqual(before);
    expect(prototypeKeys()).toEqual(prototypesBefore);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(logged.map((args) => args.map(String).join(' '))).toEqual([]);
  });
});
