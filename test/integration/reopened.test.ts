/**
 * A chat the visitor reopens ("This isn't solved") comes back to the console like a new chat:
 * its view says when it was reopened, the old rating stays as it was (shown "before reopening"),
 * and the inbox puts it with the chats waiting for a reply until an agent writes again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  connectAgent,
  connectVisitor,
  data,
  movableClock,
  next,
  startServer,
  type AgentClient,
  type TestServer,
  type VisitorClient,
} from '../support/server';
import { createTestStorage, storeKinds, type TestStorage } from '../support/stores';

describe.each(await storeKinds())('a reopened chat in the inbox (%s)', (kind) => {
  let storage: TestStorage;
  let server: TestServer;
  let anna: AgentClient;
  const visitors: VisitorClient[] = [];
  const clock = movableClock();

  beforeAll(async () => {
    storage = await createTestStorage(kind);
    server = await startServer({ storage, clock });
    anna = await connectAgent(server.url, 'anna@demo.peakend.test');
    await next(anna, 'connect');
  });

  afterAll(async () => {
    for (const visitor of visitors) visitor.disconnect();
    anna?.disconnect();
    await server?.stop();
    await storage?.remove();
  });

  /** A visitor's chat that Anna answered. */
  async function answeredChat(text: string) {
    const visitor = connectVisitor(server.url, { siteId: 'demo' });
    visitors.push(visitor);
    await next(visitor, 'connect');
    data(await visitor.emitWithAck('hello', {}));
    const { id: conversationId } = data(await visitor.emitWithAck('message:send', { text }));
    data(await anna.emitWithAck('conversation:claim', { conversationId }));
    clock.advance(1000);
    data(await anna.emitWithAck('message:send', { conversationId, text: 'Sorted!' }));
    clock.advance(1000);
    return { visitor, conversationId };
  }

  it('says when it was reopened, keeps the old rating, and ranks it with the waiting chats', async () => {
    const rated = await answeredChat('My parcel is lost');
    data(await anna.emitWithAck('conversation:close', { conversationId: rated.conversationId }));
    clock.advance(1000);
    const rating = data(
      await rated.visitor.emitWithAck('rating:save', {
        conversationId: rated.conversationId,
        key: 'step-1',
        end: 5,
      }),
    );
    // Another chat, answered and still open: newer, but not waiting.
    clock.advance(60_000);
    const other = await answeredChat('Do you ship to Belgium?');

    const before = data(await anna.emitWithAck('inbox:list', {}));
    const shown = before.conversations.find((c) => c.id === rated.conversationId);
    expect(shown?.reopenedAt).toBeNull();

    clock.advance(60_000);
    data(
      await rated.visitor.emitWithAck('conversation:reopen', {
        conversationId: rated.conversationId,
      }),
    );
    const inbox = data(await anna.emitWithAck('inbox:list', {}));
    const ids = inbox.conversations.map((c) => c.id);
    expect(ids.indexOf(rated.conversationId)).toBeLessThan(ids.indexOf(other.conversationId));
    const reopened = inbox.conversations.find((c) => c.id === rated.conversationId)!;
    expect(reopened.status).toBe('open');
    expect(reopened.reopenedAt).not.toBeNull();
    expect(Date.parse(reopened.reopenedAt!)).toBeGreaterThan(Date.parse(rating.at));
    expect(reopened.rating).toMatchObject({ end: 5, at: rating.at });

    // Anna answers: it is no longer waiting, and still reopened.
    clock.advance(1000);
    const answered = data(
      await anna.emitWithAck('message:send', {
        conversationId: rated.conversationId,
        text: 'Looking again',
      }),
    );
    expect(answered.reopenedAt).toBe(reopened.reopenedAt);
    const after = data(await anna.emitWithAck('inbox:list', {}));
    const order = after.conversations.map((c) => c.id);
    // Both answered and open now: the newest activity first.
    expect(order.indexOf(rated.conversationId)).toBeLessThan(order.indexOf(other.conversationId));
    const page = data(await anna.emitWithAck('inbox:list', {}));
    expect(page.conversations.find((c) => c.id === rated.conversationId)?.reopenedAt).toBe(
      reopened.reopenedAt,
    );
  });

  it('ranks a reopened, unanswered chat before newer answered ones', async () => {
    const first = await answeredChat('Where is my refund?');
    data(await anna.emitWithAck('conversation:close', { conversationId: first.conversationId }));
    clock.advance(1000);
    data(
      await first.visitor.emitWithAck('conversation:reopen', {
        conversationId: first.conversationId,
      }),
    );
    clock.advance(60_000);
    const newer = await answeredChat('Can I change my address?');
    const inbox = data(await anna.emitWithAck('inbox:list', {}));
    const ids = inbox.conversations.map((c) => c.id);
    // Waiting (reopened, nobody wrote since) comes before open and answered, however new.
    expect(ids.indexOf(first.conversationId)).toBeLessThan(ids.indexOf(newer.conversationId));
  });
});
