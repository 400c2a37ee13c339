/**
 * Where and how a visitor writes from reaches the agent (issue 12, §5): the widget's context is
 * kept on the conversation's opening, tidied and bounded, and a hostile page never costs the
 * visitor their message; the events API takes the same context, refusing what is out of bounds.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MINUTE } from '../../shared/time';
import { VISIT_LIMITS } from '../../shared/visit';
import { sha256 } from '../../server/auth/tokens';
import {
  call,
  connectAgent,
  connectVisitor,
  data,
  next,
  startServer,
  type AgentClient,
  type TestServer,
  type VisitorClient,
} from '../support/server';
import { createTestStorage, storeKinds, type TestStorage } from '../support/stores';

const DEMO_KEY = 'demo-site-key-for-visits-0123456789';

describe.each(await storeKinds())('what agents learn of the visit (%s)', (kind) => {
  let storage: TestStorage;
  let server: TestServer;
  let anna: AgentClient;
  const visitors: VisitorClient[] = [];

  /** A new visitor's first message with `visit`; the conversation as the console shows it. */
  async function firstMessage(visit: unknown, text = 'Hello') {
    const visitor = connectVisitor(server.url, { siteId: 'demo' });
    visitors.push(visitor);
    await next(visitor, 'connect');
    data(await visitor.emitWithAck('hello', {}));
    const sent = await visitor.emitWithAck('message:send', { text, visit } as never);
    const opened = data(sent);
    const view = data(await anna.emitWithAck('conversation:get', { conversationId: opened.id }));
    return { visitor, view, conversationId: opened.id };
  }

  beforeAll(async () => {
    storage = await createTestStorage(kind);
    server = await startServer({ storage });
    const { pipeline } = server.application;
    // A key of the test's own, as a rotation sets it.
    await pipeline.rotateKey('demo', sha256(DEMO_KEY), null);
    anna = await connectAgent(server.url, 'anna@demo.peakend.test');
    await next(anna, 'connect');
  });

  afterAll(async () => {
    visitors.forEach((v) => v.disconnect());
    anna?.disconnect();
    await server?.stop();
    await storage?.remove();
  });

  it('keeps the page, title, referrer, language, time zone and device on the conversation', async () => {
    const visit = {
      pageUrl: 'https://shop.example/checkout?step=2',
      pageTitle: 'Checkout',
      referrer: 'https://www.google.com/',
      language: 'nl-NL',
      timeZone: 'Europe/Amsterdam',
      device: 'mobile',
    };
    const { visitor, view, conversationId } = await firstMessage(visit);
    expect(view.visit).toEqual(visit);
    // Later messages do not change it, whatever they carry.
    data(
      await visitor.emitWithAck('message:send', {
        text: 'Still there?',
        visit: { pageUrl: 'https://shop.example/elsewhere' },
      } as never),
    );
    const again = data(await anna.emitWithAck('conversation:get', { conversationId }));
    expect(again.visit).toEqual(visit);
    // Kept in the conversation's opening fact, like its segment.
    const facts = await server.application.store.listFacts('demo', conversationId);
    expect(facts.find((f) => f.type === 'conversation.opened')).toMatchObject({ visit });
  });

  it('tidies what a page gets wrong: credentials, fragments, long queries, control characters', async () => {
    const longQuery = `https://shop.example/search?q=${'x'.repeat(VISIT_LIMITS.urlLength)}`;
    const { view } = await firstMessage({
      pageUrl: 'https://user:secret@shop.example/account?tab=orders#token=abc',
      pageTitle: `  My\u0000 account\u202e\n${'!'.repeat(400)}`,
      referrer: longQuery,
      language: 'en-GB',
      timeZone: 'UTC',
      device: 'desktop',
    });
    expect(view.visit?.pageUrl).toBe('https://shop.example/account?tab=orders');
    expect(view.visit?.referrer).toBe('https://shop.example/search');
    expect(view.visit?.pageTitle).toMatch(/^My account !+$/);
    expect(view.visit?.pageTitle?.length).toBe(VISIT_LIMITS.titleLength);
    expect(JSON.stringify(view.visit)).not.toMatch(/secret|token=abc|\\u0000/);
  });

  it('drops what cannot be tidied, and still takes the message', async () => {
    const { view } = await firstMessage({
      pageUrl: 'javascript:alert(document.cookie)',
      pageTitle: { toString: 'x' },
      referrer: 'data:text/html,<script>alert(1)</script>',
      language: 'en"><script>',
      timeZone: '../../etc/passwd',
      device: 'smart-fridge',
      userAgent: 'Mozilla/5.0 (fingerprint)',
      screen: '2560x1440',
      __proto__: { polluted: true },
    });
    expect(view.visit).toBeNull();
    expect(view.messages.map((m) => m.text)).toEqual(['Hello']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // Not an object at all, or far too big: the message still goes.
    expect((await firstMessage('https://shop.example/')).view.visit).toBeNull();
    const huge = await firstMessage({ pageUrl: `https://shop.example/${'a'.repeat(50_000)}` });
    expect(huge.view.visit).toBeNull();
    expect(huge.view.messages).toHaveLength(1);
  });

  it('takes a visit on conversation.opened through the events API, refusing what is out of bounds', async () => {
    const at = new Date(Date.now() - 10 * MINUTE).toISOString();
    const post = (id: string, visit: unknown) =>
      call(server, 'POST', '/api/v1/sites/demo/events', {
        token: DEMO_KEY,
        body: { events: [{ id, conversationId: id, at, type: 'conversation.opened', visit }] },
      });
    const visit = { pageUrl: 'https://shop.example/', language: 'de', device: 'tablet' };
    expect((await post(`visit-${kind}-ok`, visit)).status).toBe(200);
    const view = data(
      await anna.emitWithAck('conversation:get', { conversationId: `visit-${kind}-ok` }),
    );
    expect(view.visit).toEqual(visit);
    for (const [bad, path] of [
      [{ pageUrl: 'https://u:p@shop.example/' }, 'pageUrl'],
      [{ pageUrl: 'https://shop.example/#x' }, 'pageUrl'],
      [{ referrer: 'ftp://shop.example/' }, 'referrer'],
      [{ pageTitle: 'a\u0007b' }, 'pageTitle'],
      [{ pageTitle: 'x'.repeat(VISIT_LIMITS.titleLength + 1) }, 'pageTitle'],
      [{ device: 'fridge' }, 'device'],
      [{ userAgent: 'Mozilla' }, ''],
    ] as const) {
      const answer = await post(`visit-${kind}-bad`, bad);
      expect(answer.status, JSON.stringify(bad)).toBe(400);
      expect(answer.body.error?.issues?.[0]?.path).toMatch(
        new RegExp(`^events\\.0\\.visit${path ? `\\.${path}` : ''}$`),
      );
    }
    expect(await server.application.store.listFacts('demo', `visit-${kind}-bad`)).toEqual([]);
  });
});
