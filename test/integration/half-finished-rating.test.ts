/**
 * A rating card left half-way: the visitor chose a face and went to another page. The views say
 * which questions are answered, so the next page's card asks the rest and the console says "not
 * answered" rather than "Nothing in particular", which is an answer of its own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentConversationView } from '../../shared/protocol';
import {
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

describe.each(await storeKinds())('a rating left half-way (%s)', (kind) => {
  let storage: TestStorage;
  let server: TestServer;
  let visitor: VisitorClient;
  let anna: AgentClient;
  let conversationId: string;
  let visitorToken: string;

  beforeAll(async () => {
    storage = await createTestStorage(kind);
    server = await startServer({ storage });
    anna = await connectAgent(server.url, 'anna@demo.peakend.test');
    await next(anna, 'connect');
    visitor = connectVisitor(server.url, { siteId: 'demo' });
    await next(visitor, 'connect');
    visitorToken = data(await visitor.emitWithAck('hello', {})).visitorToken;
    conversationId = data(await visitor.emitWithAck('message:send', { text: 'Where is it?' })).id;
    data(await anna.emitWithAck('conversation:claim', { conversationId }));
    data(await anna.emitWithAck('message:send', { conversationId, text: 'On its way.' }));
    data(await anna.emitWithAck('conversation:close', { conversationId }));
  });

  afterAll(async () => {
    visitor?.disconnect();
    anna?.disconnect();
    await server?.stop();
    await storage?.remove();
  });

  /** The conversation as the visitor's next page sees it. */
  async function nextPage() {
    const again = connectVisitor(server.url, { siteId: 'demo', visitorToken });
    try {
      await next(again, 'connect');
      return data(await again.emitWithAck('hello', {})).conversation;
    } finally {
      again.disconnect();
    }
  }

  async function inConsole(): Promise<AgentConversationView['rating']> {
    const inbox = data(await anna.emitWithAck('inbox:list', {}));
    return inbox.conversations.find((c) => c.id === conversationId)?.rating ?? null;
  }

  it('tells a face alone from a face and "Nothing in particular"', async () => {
    const faceOnly = data(
      await visitor.emitWithAck('rating:save', { conversationId, key: 'half-1', end: 2 }),
    );
    expect(faceOnly).toMatchObject({ end: 2, peak: null, peakAnswered: false, finished: false });
    expect((await nextPage())?.rating).toMatchObject({ peakAnswered: false, finished: false });
    expect(await inConsole()).toMatchObject({ end: 2, peakAnswered: false, finished: false });

    const nothing = data(
      await visitor.emitWithAck('rating:save', {
        conversationId,
        key: 'half-2',
        end: 2,
        peak: null,
      }),
    );
    expect(nothing).toMatchObject({ peak: null, peakAnswered: true, finished: false });
    expect((await nextPage())?.rating).toMatchObject({ peakAnswered: true, finished: false });
    expect(await inConsole()).toMatchObject({ peak: null, peakAnswered: true, finished: false });
  });

  it('is finished once the visitor sends the card', async () => {
    const sent = data(
      await visitor.emitWithAck('rating:save', {
        conversationId,
        key: 'half-3',
        end: 3,
        peak: null,
        finished: true,
      }),
    );
    expect(sent).toMatchObject({ end: 3, peakAnswered: true, finished: true });
    expect((await nextPage())?.rating).toMatchObject({ end: 3, finished: true });
  });
});
