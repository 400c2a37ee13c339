/**
 * Who the visitor is: the segment and attributes the host page says (widget) or the helpdesk
 * sends (events API) are recorded on the conversation's opening and shown to agents; they are
 * bounded, refused with a clear error when they break the bounds, and never move a score.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentConversationView } from '../../shared/protocol';
import {
  call,
  connectAgent,
  connectVisitor,
  data,
  next,
  startServer,
  TEST_ADMIN_TOKEN,
  until,
  type AgentClient,
  type TestServer,
  type VisitorClient,
} from '../support/server';
import { createTestStorage, storeKinds, type TestStorage } from '../support/stores';

describe.each(await storeKinds())('visitor segments and attributes (%s)', (kind) => {
  let storage: TestStorage;
  let server: TestServer;
  let anna: AgentClient;

  beforeAll(async () => {
    storage = await createTestStorage(kind);
    server = await startServer({ storage });
    anna = await connectAgent(server.url, 'anna@demo.peakend.test');
    await next(anna, 'connect');
  });

  afterAll(async () => {
    anna?.disconnect();
    await server?.stop();
    await storage?.remove();
  });

  async function newVisitor(): Promise<VisitorClient> {
    const visitor = connectVisitor(server.url, { siteId: 'demo' });
    await next(visitor, 'connect');
    return visitor;
  }

  it('records what the page said when the conversation starts, and shows it to agents', async () => {
    const visitor = await newVisitor();
    try {
      const seen = until<AgentConversationView>(anna, 'conversation', (c) =>
        c.messages.some((m) => m.text === 'Can I upgrade?'),
      );
      const first = data(
        await visitor.emitWithAck('message:send', {
          text: 'Can I upgrade?',
          profile: { segment: 'business', attributes: { plan: 'pro', region: 'eu-west' } },
        }),
      );
      const view = await seen;
      expect(view.id).toBe(first.id);
      expect(view.segment).toBe('business');
      expect(view.attributes).toEqual({ plan: 'pro', region: 'eu-west' });

      // A later message, saying something else, changes nothing: the opening decided.
      const later = until<AgentConversationView>(anna, 'conversation', (c) =>
        c.messages.some((m) => m.text === 'Hello?'),
      );
      await visitor.emitWithAck('message:send', {
        text: 'Hello?',
        profile: { segment: 'trial' },
      });
      expect(await later).toMatchObject({ id: first.id, segment: 'business' });
    } finally {
      visitor.disconnect();
    }
  });

  it('shows no segment for a visitor the page said nothing about', async () => {
    const visitor = await newVisitor();
    try {
      const seen = until<AgentConversationView>(anna, 'conversation', (c) =>
        c.messages.some((m) => m.text === 'Just browsing'),
      );
      await visitor.emitWithAck('message:send', { text: 'Just browsing' });
      expect(await seen).toMatchObject({ segment: null, attributes: {} });
    } finally {
      visitor.disconnect();
    }
  });

  it.each([
    ['a prototype key', JSON.parse('{"attributes": {"__proto__": "x"}}') as object, /attributes/],
    ['a key that is not a name', { attributes: { 'my plan': 'pro' } }, /attributes/],
    ['a segment too long', { segment: 'x'.repeat(41) }, /segment/],
    ['an empty segment', { segment: '' }, /segment/],
    ['a value too long', { attributes: { plan: 'p'.repeat(101) } }, /attributes/],
    [
      'too many attributes',
      { attributes: Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`k${i}`, 'v'])) },
      /at most 10 attributes/,
    ],
    ['a value that is not text', { attributes: { seats: 5 } }, /attributes/],
  ])('refuses %s with a clear error, storing nothing', async (_what, profile, message) => {
    const visitor = await newVisitor();
    try {
      const ack = await visitor.emitWithAck('message:send', {
        text: 'Is anyone there?',
        profile: profile as never,
      });
      expect(ack.ok).toBe(false);
      if (ack.ok) return;
      expect(ack.error.code).toBe('invalid');
      expect(ack.error.message).toMatch(message);
      const hello = data(await visitor.emitWithAck('hello', {}));
      expect(hello.conversation).toBeNull();
    } finally {
      visitor.disconnect();
    }
  });

  it('takes a segment and attributes on conversation.opened through the events API', async () => {
    const created = await call(server, 'POST', '/api/v1/sites', {
      token: TEST_ADMIN_TOKEN,
      body: { name: 'Segment shop', allowedOrigins: ['https://segment.example'] },
    });
    expect(created.status).toBe(201);
    const { siteId, key } = created.body as { siteId: string; key: string };
    const at = new Date().toISOString();
    const events = (opened: Record<string, unknown>) =>
      call(server, 'POST', `/api/v1/sites/${siteId}/events`, {
        token: key,
        body: {
          events: [{ id: `o-${Math.random()}`, type: 'conversation.opened', at, ...opened }],
        },
      });
    expect(
      await events({ conversationId: 'hd-1', segment: 'vip', attributes: { plan: 'gold' } }),
    ).toMatchObject({ status: 200 });
    const refused = await events({ conversationId: 'hd-2', attributes: { 'a b': 'x' } });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body.error)).toMatch(/attributes/);
  });

  it('gives each segment its ratings, CSAT, scores and chips, from this site alone', async () => {
    const newSite = async (name: string) => {
      const created = await call(server, 'POST', '/api/v1/sites', {
        token: TEST_ADMIN_TOKEN,
        body: { name, allowedOrigins: ['https://segments.example'] },
      });
      return created.body as { siteId: string; key: string };
    };
    const [shop, other] = [await newSite('Segments shop'), await newSite('Other shop')];
    const t0 = Date.now() - 60 * 60_000;
    const at = (minutes: number) => new Date(t0 + minutes * 60_000).toISOString();
    /** A conversation answered within a minute and rated `end`, with the chip given. */
    const conversation = (id: string, segment: string | null, end: number, peak?: object) => [
      {
        id: `${id}-o`,
        type: 'conversation.opened',
        conversationId: id,
        at: at(0),
        ...(segment && { segment }),
      },
      {
        id: `${id}-v`,
        type: 'message',
        conversationId: id,
        at: at(1),
        from: 'visitor',
        text: 'Hi',
      },
      {
        id: `${id}-a`,
        type: 'message',
        conversationId: id,
        at: at(1.5),
        from: 'agent',
        agentId: 'ann',
        text: 'Hello',
      },
      { id: `${id}-c`, type: 'conversation.closed', conversationId: id, at: at(2), agentId: 'ann' },
      { id: `${id}-r`, type: 'rating', conversationId: id, at: at(3), end, ...(peak && { peak }) },
    ];
    const slow = { dimension: 'responsiveness', polarity: 'negative' };
    const events = [
      ...Array.from({ length: 3 }, (_, i) => conversation(`biz-good-${i}`, 'business', 5)),
      ...conversation('biz-bad', 'business', 1, slow),
      ...conversation('none', null, 4),
    ].flat();
    const posted = await call(server, 'POST', `/api/v1/sites/${shop.siteId}/events`, {
      token: shop.key,
      body: { events },
    });
    expect(posted.status).toBe(200);
    await call(server, 'POST', `/api/v1/sites/${other.siteId}/events`, {
      token: other.key,
      body: { events: conversation('elsewhere', 'business', 1, slow) },
    });

    const answer = await call<{ segments: Record<string, unknown>[] }>(
      server,
      'GET',
      `/api/v1/sites/${shop.siteId}/segments`,
      { token: shop.key },
    );
    expect(answer.status).toBe(200);
    const [business, none] = answer.body.segments;
    expect(business).toMatchObject({
      segment: 'business',
      ratings: 4,
      csat: { value: 75, n: 4 },
      drivers: null, // fewer than 20 ratings: nothing ranked
    });
    expect(business!.scores).toMatchObject({ responsiveness: { n: expect.any(Number) } });
    expect(
      (business!.scores as { responsiveness: { n: number } }).responsiveness.n,
    ).toBeGreaterThan(0);
    expect(none).toMatchObject({ segment: null, ratings: 1, csat: { value: 100, n: 1 } });
    expect(answer.body.segments).toHaveLength(2);

    const refused = await call(
      server,
      'GET',
      `/api/v1/sites/${shop.siteId}/segments?from=yesterday`,
      {
        token: shop.key,
      },
    );
    expect(refused.status).toBe(400);
  });
});
