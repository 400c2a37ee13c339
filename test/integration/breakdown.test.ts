/**
 * "Why did my score move?" over real sockets: after a slow reply, a kept promise and a rating,
 * an agent's breakdown lists each with what it was about; a promise not yet due is not there
 * until it falls due; agents see only their own breakdown, supervisors anyone's on their site.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BreakdownItem } from '../../shared/protocol';
import { MINUTE } from '../../shared/time';
import {
  connectAgent,
  connectVisitor,
  next,
  startServer,
  type AgentClient,
  type TestServer,
  type VisitorClient,
  data,
} from '../support/server';
import { createTestStorage, storeKinds, type TestStorage } from '../support/stores';

describe.each(await storeKinds())('an agent’s score breakdown (%s)', (kind) => {
  let storage: TestStorage;
  let server: TestServer;
  let visitor: VisitorClient;
  let anna: AgentClient;
  let ben: AgentClient;
  /** The server's clock runs ahead of the real one by this much. */
  let offset = 0;
  const now = () => Date.now() + offset;

  let conversationId: string;
  let visitorLabel: string;
  let keptDueAt: string;
  let laterDueAt: string;

  beforeAll(async () => {
    storage = await createTestStorage(kind);
    server = await startServer({ storage, clock: { now } });
    anna = await connectAgent(server.url, 'anna@demo.peakend.test'); // supervisor
    await next(anna, 'connect');
    ben = await connectAgent(server.url, 'ben@demo.peakend.test'); // agent
    await next(ben, 'connect');
    visitor = connectVisitor(server.url, { siteId: 'demo' });
    await next(visitor, 'connect');
    data(await visitor.emitWithAck('hello', {}));
  });

  afterAll(async () => {
    visitor?.disconnect();
    anna?.disconnect();
    ben?.disconnect();
    await server?.stop();
    await storage?.remove();
  });

  it('lists a slow reply, a kept promise and a rating, newest first, in words', async () => {
    const opened = data(await visitor.emitWithAck('message:send', { text: 'Where is my parcel?' }));
    conversationId = opened.id;
    const claimed = data(await anna.emitWithAck('conversation:claim', { conversationId }));
    visitorLabel = claimed.visitorLabel;

    offset += 5 * MINUTE; // the visitor waits five minutes against a promised two
    data(await anna.emitWithAck('message:send', { conversationId, text: 'Sorry, checking now.' }));

    keptDueAt = new Date(now() + 30 * MINUTE).toISOString();
    const made = data(
      await anna.emitWithAck('promise:make', {
        conversationId,
        text: 'Email the tracking link',
        dueAt: keptDueAt,
      }),
    );
    offset += 2 * MINUTE; // kept two minutes later (one kept within a minute would not count)
    data(
      await anna.emitWithAck('promise:keep', { conversationId, promiseId: made.promises[0]!.id }),
    );
    // A second promise, not kept, due in an hour: not evidence until then.
    laterDueAt = new Date(now() + 60 * MINUTE).toISOString();
    data(
      await anna.emitWithAck('promise:make', {
        conversationId,
        text: 'Call the courier',
        dueAt: laterDueAt,
      }),
    );
    data(await anna.emitWithAck('conversation:close', { conversationId }));
    const peak = { dimension: 'responsiveness', polarity: 'positive' } as const;
    data(await visitor.emitWithAck('rating:save', { conversationId, key: 'r1', end: 4, peak }));

    const breakdown = data(await anna.emitWithAck('scores:breakdown', {}));
    expect(breakdown).toMatchObject({ agentId: 'anna', name: 'Anna Jansen' });
    expect(Date.parse(breakdown.at)).toBeCloseTo(now(), -4);
    const items = breakdown.items;
    expect(items.map((i) => [i.kind, i.dimension])).toEqual([
      ['voice', 'responsiveness'],
      ['rating', 'experience'],
      ['wait', 'responsiveness'],
      ['promise-kept', 'reliability'],
    ]);
    for (const item of items) {
      expect(item).toMatchObject({ conversationId, visitorLabel });
    }
    const [voice, rating, wait, kept] = items as [
      BreakdownItem,
      BreakdownItem,
      BreakdownItem,
      BreakdownItem,
    ];

    // "Quick replies" stood out: the visitor's own verdict, weighing twice a conversation's waits.
    expect(voice).toMatchObject({ value: 1, weight: 2, detail: { end: 4, peak } });
    // Experience ((5 + 4) / 2 − 1) / 4: ended "Good", and a good moment stood out.
    expect(rating).toMatchObject({ value: 0.875, weight: 1, detail: { end: 4, peak } });
    // Five minutes against two: 120 / 300.
    expect(wait).toMatchObject({ weight: 1, detail: { targetSeconds: 120 } });
    expect(wait.value).toBeCloseTo(0.4, 2);
    expect(wait.detail).toMatchObject({ seconds: expect.closeTo(300, 0) });
    expect(kept).toMatchObject({
      value: 1,
      weight: 1,
      detail: { text: 'Email the tracking link', dueAt: keptDueAt, keptAt: expect.any(String) },
    });
    expect(Date.parse(rating.at)).toBeGreaterThanOrEqual(Date.parse(wait.at));
  });

  it('adds a broken promise once it falls due, at its due time', async () => {
    offset += 61 * MINUTE;
    const { items } = data(await anna.emitWithAck('scores:breakdown', { agentId: 'anna' }));
    expect(items.map((i) => i.kind)).toEqual([
      'promise-broken',
      'voice',
      'rating',
      'wait',
      'promise-kept',
    ]);
    expect(items[0]).toMatchObject({
      dimension: 'reliability',
      value: 0,
      weight: 1,
      at: laterDueAt,
      detail: { text: 'Call the courier', dueAt: laterDueAt, keptAt: null },
    });
  });

  it("shows an agent their own breakdown, and refuses them anyone else's", async () => {
    const own = data(await ben.emitWithAck('scores:breakdown', {}));
    expect(own).toMatchObject({ agentId: 'ben', name: 'Ben Okafor', items: [] });
    const refused = await ben.emitWithAck('scores:breakdown', { agentId: 'anna' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    // Asking about an agent who does not exist gives nothing away either.
    const unknown = await ben.emitWithAck('scores:breakdown', { agentId: 'nobody' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it("lets a supervisor open any agent's breakdown of their site", async () => {
    const bens = data(await anna.emitWithAck('scores:breakdown', { agentId: 'ben' }));
    expect(bens).toMatchObject({ agentId: 'ben', name: 'Ben Okafor', items: [] });
    const unknown = await anna.emitWithAck('scores:breakdown', { agentId: 'nobody' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const invalid = await anna.emitWithAck('scores:breakdown', { agentId: 42 } as never);
    expect(invalid).toMatchObject({ ok: false, error: { code: 'invalid' } });
  });
});
