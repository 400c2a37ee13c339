/**
 * The whole loop over real sockets: a visitor chats, an agent claims, replies, makes and keeps a
 * promise and closes; the visitor rates in three steps; the rating is stored, counted once, and
 * reaches the console's live scores; and it is all still there after a restart.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentConversationView, LiveScores } from '../../shared/protocol';
import {
  connectAgent,
  connectVisitor,
  movableClock,
  next,
  startServer,
  until,
  type AgentClient,
  type TestServer,
  type VisitorClient,
  data,
} from '../support/server';
import { createTestStorage, storeKinds, type TestStorage } from '../support/stores';

describe.each(await storeKinds())('a conversation, first message to live score (%s)', (kind) => {
  let storage: TestStorage;
  let server: TestServer;
  let visitor: VisitorClient;
  let anna: AgentClient;
  const clock = movableClock();

  beforeAll(async () => {
    storage = await createTestStorage(kind);
    server = await startServer({ storage, clock });
    anna = await connectAgent(server.url, 'anna@demo.peakend.test');
    await next(anna, 'connect');
    visitor = connectVisitor(server.url, { siteId: 'demo' });
    await next(visitor, 'connect');
  });

  afterAll(async () => {
    visitor?.disconnect();
    anna?.disconnect();
    await server?.stop();
    await storage?.remove();
  });

  let conversationId: string;
  let visitorToken: string;

  it('greets a new visitor with a token and no conversation', async () => {
    const hello = data(await visitor.emitWithAck('hello', {}));
    expect(hello.conversation).toBeNull();
    expect(hello.visitorToken).toMatch(/^v-[\w-]+\.\d+\.[\w-]+$/);
    visitorToken = hello.visitorToken;
  });

  it('shows a visitor message to the agents, live', async () => {
    const seen = until<AgentConversationView>(anna, 'conversation', (c) => c.messages.length === 1);
    const view = data(
      await visitor.emitWithAck('message:send', { text: 'My order has not arrived' }),
    );
    conversationId = view.id;
    expect(view.status).toBe('open');
    expect(view.messages.map((m) => m.text)).toEqual(['My order has not arrived']);
    const agentSide = await seen;
    expect(agentSide.id).toBe(conversationId);
    expect(agentSide.assignedAgent).toBeNull();
    expect(agentSide.visitorLabel).toMatch(/^Visitor [0-9A-F]{4}$/);
  });

  it('lets the agent claim, reply and promise; the visitor sees each at once', async () => {
    const claimed = data(await anna.emitWithAck('conversation:claim', { conversationId }));
    expect(claimed.assignedAgent).toEqual({ id: 'anna', name: 'Anna Jansen' });

    const reply = until(
      visitor,
      'conversation',
      (v: { messages: unknown[] }) => v.messages.length === 2,
    );
    data(
      await anna.emitWithAck('message:send', {
        conversationId,
        text: 'Let me check with the courier.',
      }),
    );
    const afterReply = await reply;
    expect(afterReply).toMatchObject({ agent: { name: 'Anna Jansen' } });

    const dueAt = new Date(Date.now() + 30 * 60_000).toISOString();
    const promised = until(
      visitor,
      'conversation',
      (v: { promises: unknown[] }) => v.promises.length === 1,
    );
    const afterPromise = data(
      await anna.emitWithAck('promise:make', {
        conversationId,
        text: 'Email you the tracking link',
        dueAt,
      }),
    );
    const visitorPromise = (await promised) as { promises: { status: string; dueAt: string }[] };
    expect(visitorPromise.promises[0]).toMatchObject({ status: 'pending', dueAt });

    // Kept a few minutes later: a promise kept within a minute of being made says nothing.
    clock.advance(5 * 60_000);
    const promiseId = afterPromise.promises[0]!.id;
    const kept = data(await anna.emitWithAck('promise:keep', { conversationId, promiseId }));
    expect(kept.promises[0]).toMatchObject({ status: 'kept' });
  });

  it('closes, takes the rating step by step, and moves the live scores', async () => {
    const closed = until(visitor, 'conversation', (v: { status: string }) => v.status === 'closed');
    data(await anna.emitWithAck('conversation:close', { conversationId }));
    expect(await closed).toMatchObject({ status: 'closed', rating: null });

    const scores = until<LiveScores>(anna, 'scores', (s) =>
      s.agents.some((a) => a.agentId === 'anna' && a.experience.n === 1),
    );
    const step1 = data(
      await visitor.emitWithAck('rating:save', { conversationId, key: 'step-1', end: 4 }),
    );
    expect(step1).toMatchObject({ end: 4, peak: null, comment: null });
    const live = await scores;
    // Ended well (4), nothing singled out: experience v = ((4 + 4) / 2 − 1) / 4 = 0.75, so the
    // site's figure is 100 · S / (S + F) = 100 · 0.75 / (0.75 + λ · 0.25) = 60 with λ = 2.
    expect(live.agents.find((a) => a.agentId === 'anna')).toMatchObject({
      responsiveness: { n: 1 }, // one wait, answered within the promised reply time
      reliability: { n: 1 }, // one promise, kept in time
      experience: { n: 1 },
      csat: { value: 100, n: 1 },
    });
    expect(live.site.experience.n).toBe(1);
    expect(live.site.experience.score).toBeCloseTo(60, 9);

    const peak = { dimension: 'reliability', polarity: 'positive' } as const;
    data(await visitor.emitWithAck('rating:save', { conversationId, key: 'step-2', end: 4, peak }));
    const step3 = data(
      await visitor.emitWithAck('rating:save', {
        conversationId,
        key: 'step-3',
        end: 5,
        peak,
        comment: 'Anna was lovely',
      }),
    );
    expect(step3).toMatchObject({ end: 5, peak, comment: 'Anna was lovely' });

    // A resend of an earlier step (same idempotency key) changes nothing.
    const resent = data(
      await visitor.emitWithAck('rating:save', { conversationId, key: 'step-1', end: 4 }),
    );
    expect(resent).toMatchObject({ end: 5, comment: 'Anna was lovely' });

    const final = data(await anna.emitWithAck('scores:get', {}));
    // The amended rating counts instead: 5, and "Kept their word" adds the visitor's voice.
    expect(final.agents.find((a) => a.agentId === 'anna')).toMatchObject({
      reliability: { n: 2 },
      experience: { n: 1 },
      csat: { value: 100, n: 1 },
    });
    expect(final.site).toMatchObject({
      experience: { score: 100, n: 1 },
      reliability: { score: 100, n: 2 },
    });
    expect(final.agents.find((a) => a.agentId === 'ben')).toMatchObject({
      responsiveness: { n: 0 },
      reliability: { n: 0 },
      experience: { n: 0 },
      csat: { value: null, n: 0 },
    });
  });

  it('recognises the returning visitor by token, and not by a forged one', async () => {
    const again = connectVisitor(server.url, { siteId: 'demo', visitorToken });
    await next(again, 'connect');
    const hello = data(await again.emitWithAck('hello', {}));
    expect(hello.conversation?.id).toBe(conversationId);
    expect(hello.conversation?.rating).toMatchObject({ end: 5 });
    again.disconnect();

    const [id] = visitorToken.split('.');
    const forged = connectVisitor(server.url, { siteId: 'demo', visitorToken: `${id}.forged` });
    await next(forged, 'connect');
    const stranger = data(await forged.emitWithAck('hello', {}));
    expect(stranger.conversation).toBeNull();
    expect(stranger.visitorId).not.toBe(id);
    const refused = await forged.emitWithAck('rating:save', { conversationId, key: 'x', end: 1 });
    expect(refused).toMatchObject({ ok: false, error: { code: 'not_found' } });
    forged.disconnect();
  });

  it('keeps a new chat the visitor’s latest while they amend the last one’s rating', async () => {
    const fresh = data(await visitor.emitWithAck('message:send', { text: 'One more question' }));
    expect(fresh.id).not.toBe(conversationId);
    data(
      await visitor.emitWithAck('rating:save', {
        conversationId,
        key: 'step-4',
        end: 5,
        peak: { dimension: 'reliability', polarity: 'positive' },
        comment: 'Anna was lovely',
      }),
    );
    // The amended rating is newer activity, but the open chat is still the one to continue.
    expect(data(await visitor.emitWithAck('hello', {})).conversation?.id).toBe(fresh.id);
    const next = data(await visitor.emitWithAck('message:send', { text: 'Still there?' }));
    expect(next.id).toBe(fresh.id);
  });

  it('keeps everything after a restart', async () => {
    await server.stop();
    const store = await storage.open();
    const state = await store.getConversation('demo', conversationId);
    expect(state).toMatchObject({ status: 'closed', rating: { end: 5, agentId: 'anna' } });
    expect(await store.countedRatings('demo')).toHaveLength(1);
    await store.close();

    server = await startServer({ storage, clock });
    anna = await connectAgent(server.url, 'anna@demo.peakend.test');
    await next(anna, 'connect');
    const inbox = data(await anna.emitWithAck('inbox:list', {}));
    expect(inbox.conversations.map((c) => c.id)).toContain(conversationId);
    const scores = data(await anna.emitWithAck('scores:get', {}));
    expect(scores.agents.find((a) => a.agentId === 'anna')).toMatchObject({
      reliability: { n: 2 },
      experience: { n: 1 },
    });
    expect(scores.site.experience).toEqual({ score: 100, n: 1 });
  });
});
