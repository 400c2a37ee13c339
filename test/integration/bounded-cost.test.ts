/**
 * H2, "one conversation stalls everyone": an outside review grew one conversation to 100k events
 * through the events API, after which every new event into it cost over a second of synchronous
 * work, and `scores?at=` replayed every fact of the site. Here a conversation holds at most its
 * limit (refused with 409 `conversation_full`, naming it), in-order facts are folded on without
 * reading the conversation again, and past scores come from stored observations. Also the event
 * identity rules of scoring version 2 (scoring.md, precision and identity; promises about the
 * future), on both stores.
 */
import { describe, expect, it } from 'vitest';
import { foldConversation } from '../../shared/scoring/fold';
import { LIMITS } from '../../shared/limits';
import { DEFAULT_SETTINGS } from '../../shared/settings';
import { ZFact, type FactInput } from '../../shared/facts';
import { FACTS_IN_VIEW, timeline } from '../../server/live/views';
import { foldOn } from '../../server/storage/derive';
import type { Store } from '../../server/storage/store';
import { serversPerTest, TEST_ADMIN_TOKEN } from '../support/server';
import { storeKinds } from '../support/stores';

const servers = serversPerTest();

const T0 = Date.parse('2026-10-01T09:00:00Z');
const at = (ms: number) => new Date(T0 + ms).toISOString();

async function siteOn(kind: 'sqlite' | 'postgres', now = () => T0 + 30 * 86_400_000) {
  const server = await servers.startOn(kind, { clock: { now } });
  const response = await fetch(`${server.url}/api/v1/sites`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Shop', allowedOrigins: [] }),
  });
  const created = (await response.json()) as { siteId: string; key: string };
  const events = (list: unknown[]) =>
    fetch(`${server.url}/api/v1/sites/${created.siteId}/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${created.key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ events: list }),
    });
  return { server, siteId: created.siteId, key: created.key, events };
}

const body = async (response: Response) =>
  (await response.json()) as { accepted?: number; error?: { code: string; message: string } };

/** `count` messages of conversation `id`, alternating visitor and agent, 10 ms apart. */
function messages(id: string, count: number, from = 0): FactInput[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `${id}-m${from + i}`,
    type: 'message',
    conversationId: id,
    at: at((from + i) * 10),
    ...((from + i) % 2 ? { from: 'agent', agentId: 'anna' } : { from: 'visitor' }),
  })) as FactInput[];
}

describe.each(await storeKinds())('bounded conversations (%s)', (kind) => {
  it('refuses messages past the limit, naming it, and still takes closes up to the ceiling', async () => {
    const { events } = await siteOn(kind);
    const limit = LIMITS.messagesPerConversation;
    const all = messages('big', limit);
    for (let i = 0; i < all.length; i += 1000) {
      expect((await events(all.slice(i, i + 1000))).status).toBe(200);
    }

    // The attack: one more message, in order or dated in the middle of the history.
    for (const late of [messages('big', 1, limit), [{ ...messages('big', 1, 5)[0]!, id: 'x' }]]) {
      const refused = await events(late);
      expect(refused.status).toBe(409);
      const { error } = await body(refused);
      expect(error?.code).toBe('conversation_full');
      expect(error?.message).toContain(String(limit));
    }

    // A batch with one refused message stores nothing of the batch.
    const mixed = await events([
      { id: 'close-1', type: 'conversation.closed', conversationId: 'big', at: at(limit * 10) },
      messages('big', 1, limit + 1)[0],
    ]);
    expect(mixed.status).toBe(409);

    // Closing, reopening and rating are still taken, up to twice the limit in all.
    const lifecycle = Array.from({ length: limit }, (_, i) => ({
      id: `life-${i}`,
      type: i % 2 ? 'conversation.reopened' : 'conversation.closed',
      conversationId: 'big',
      at: at(limit * 10 + i),
    }));
    expect((await events(lifecycle.slice(0, 1000))).status).toBe(200);
    expect((await events(lifecycle.slice(1000))).status).toBe(200);
    const past = await events([
      { id: 'one-too-many', type: 'conversation.closed', conversationId: 'big', at: at(9e7) },
    ]);
    expect(past.status).toBe(409);
    expect((await body(past)).error?.message).toContain(String(LIMITS.factsPerConversation));

    // Other conversations are not affected.
    expect((await events(messages('small', 3))).status).toBe(200);
  });

  it('scores a past time from stored observations, without reading any fact again', async () => {
    const { server, siteId, key, events } = await siteOn(kind);
    const conversation = (id: string, start: number): FactInput[] =>
      [
        { id: `${id}-v`, type: 'message', from: 'visitor', at: at(start) },
        { id: `${id}-a`, type: 'message', from: 'agent', agentId: 'anna', at: at(start + 60e3) },
        { id: `${id}-c`, type: 'conversation.closed', at: at(start + 120e3) },
        { id: `${id}-r`, type: 'rating', end: 5, at: at(start + 180e3) },
      ].map((f) => ({ ...f, conversationId: id }) as FactInput);
    expect(
      (await events([...conversation('c1', 0), ...conversation('c2', 86_400_000)])).status,
    ).toBe(200);
    const scores = (query = '') =>
      fetch(`${server.url}/api/v1/sites/${siteId}/scores${query}`, {
        headers: { authorization: `Bearer ${key}` },
      }).then((r) => r.json() as Promise<Record<string, unknown>>);
    const before = await scores(`?at=${encodeURIComponent(at(2 * 86_400_000))}`);

    // Reading facts now fails: a past time must not need them.
    const store = server.application.store as Store & Record<string, unknown>;
    const forbidden = () => Promise.reject(new Error('scores at a past time replayed facts'));
    store.siteFacts = forbidden;
    store.listFacts = forbidden;
    const after = await scores(`?at=${encodeURIComponent(at(2 * 86_400_000))}`);
    expect(after).toEqual(before);
    expect(after).toMatchObject({ site: { csat: { value: 100, n: 2 } } });
  });
});

describe.each(await storeKinds())('event identity and promises about the future (%s)', (kind) => {
  it('refuses an id sent again with another body (409), and takes a true duplicate', async () => {
    const { events } = await siteOn(kind);
    const first = { id: 'e1', type: 'rating', conversationId: 'c', at: at(0), end: 5 };
    expect((await events([first])).status).toBe(200);
    const same = await events([first]);
    expect(await body(same)).toMatchObject({ accepted: 0 });

    // The attack: the same id again, now saying the visitor was unhappy.
    const changed = await events([{ ...first, end: 1 }]);
    expect(changed.status).toBe(409);
    expect((await body(changed)).error?.message).toContain('e1');
    // Within one batch too, and nothing of that batch is stored.
    const inBatch = await events([
      { id: 'e2', type: 'conversation.opened', conversationId: 'd', at: at(0) },
      { id: 'e2', type: 'conversation.opened', conversationId: 'd', at: at(1) },
    ]);
    expect(inBatch.status).toBe(409);
    const again = await events([
      { id: 'e2', type: 'conversation.opened', conversationId: 'd', at: at(1) },
    ]);
    expect(await body(again)).toMatchObject({ accepted: 1 });
  });

  it('refuses a used promise id and a promise due sooner than minPromiseSeconds', async () => {
    const { events } = await siteOn(kind);
    const promise = (id: string, promiseId: string, dueInSeconds: number, when = 0) => ({
      id,
      type: 'promise.made',
      conversationId: 'c',
      promiseId,
      agentId: 'anna',
      at: at(when),
      dueAt: at(when + dueInSeconds * 1000),
    });
    const hasty = await events([promise('p0', 'p', DEFAULT_SETTINGS.minPromiseSeconds - 1)]);
    expect(hasty.status).toBe(400);
    expect(JSON.stringify(await body(hasty))).toContain('minPromiseSeconds');

    expect((await events([promise('p1', 'p', 3600)])).status).toBe(200);
    // The attack: a second promise under the same id, to keep one promise twice.
    const reused = await events([promise('p2', 'p', 7200, 1000)]);
    expect(reused.status).toBe(400);
    expect((await body(reused)).error?.message).toContain('already made');
  });

  it('refuses a lone surrogate in any text and a NUL in names with 400, not 500 (L4)', async () => {
    const { server, siteId, events } = await siteOn(kind);
    const admin = (method: string, path: string, payload: unknown) =>
      fetch(`${server.url}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${TEST_ADMIN_TOKEN}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify(payload),
      });
    const lone = 'Lone \ud800 half';
    const text = (t: string) => [
      {
        id: `m-${t.length}`,
        type: 'message',
        conversationId: 'c',
        from: 'visitor',
        text: t,
        at: at(0),
      },
    ];
    for (const response of [
      await events(text(lone)),
      await events(text('NUL \u0000 inside')),
      await admin('POST', '/api/v1/sites', { name: 'Shop\u0000', allowedOrigins: [] }),
      await admin('POST', '/api/v1/sites', { name: lone, allowedOrigins: [] }),
      await admin('PATCH', `/api/v1/sites/${siteId}`, { name: `\udfff${lone}` }),
    ]) {
      expect(response.status).toBe(400);
      expect(JSON.stringify(await response.json())).toContain('lone surrogates');
    }
    // A well-formed pair (an emoji) is fine.
    expect((await events(text('Thanks 👍'))).status).toBe(200);
  });

  it('takes promise.disputed and excluded ratings', async () => {
    const { events } = await siteOn(kind);
    const response = await events([
      { id: 'd1', type: 'promise.disputed', conversationId: 'c', promiseId: 'p', at: at(0) },
      { id: 'r1', type: 'rating', conversationId: 'c', end: 1, excluded: 'flood', at: at(1) },
    ]);
    expect(response.status).toBe(200);
    const wrong = await events([
      { id: 'r2', type: 'rating', conversationId: 'c', end: 1, excluded: 'bored', at: at(2) },
    ]);
    expect(wrong.status).toBe(400);
  });
});

describe('views of a long conversation', () => {
  it('read only its latest facts, and still tell its timeline right', () => {
    // An answer, then more visitor messages than a view reads, then a close and a 5.
    const facts = [
      ...messages('long', 2),
      ...Array.from({ length: FACTS_IN_VIEW + 10 }, (_, i) => ({
        id: `long-v${i}`,
        type: 'message',
        conversationId: 'long',
        from: 'visitor',
        at: at(1000 + i),
      })),
      { id: 'long-close', type: 'conversation.closed', conversationId: 'long', at: at(9e6) },
      { id: 'long-rate', type: 'rating', conversationId: 'long', end: 5, at: at(9.1e6) },
    ].map((f) => ZFact.parse(f));
    const state = foldConversation(facts, DEFAULT_SETTINGS)!.state;
    expect(state.rating).toMatchObject({ end: 5, agentId: 'anna' });
    const site = {
      id: 's',
      name: 'S',
      allowedOrigins: [],
      settings: DEFAULT_SETTINGS,
      keyHash: null,
      createdAt: 0,
    };
    const ctx = { site, agents: new Map(), now: T0 + 1e7 };
    const entries = timeline(ctx, state, facts.slice(-FACTS_IN_VIEW));
    // The answer is out of the view's reach, yet the 5 counts: not "nobody had answered yet".
    expect(entries.map((e) => e.kind)).toEqual(['closed']);
  });
});

describe('folding on', () => {
  it('keeps promises whose ids name properties of every object', () => {
    const ids = ['__proto__', 'toString', 'constructor', 'hasOwnProperty'];
    const facts = ids.flatMap((promiseId, i) => [
      ZFact.parse({
        id: `made-${i}`,
        type: 'promise.made',
        conversationId: 'c',
        promiseId,
        agentId: 'anna',
        at: at(i),
        dueAt: at(3600e3),
      }),
      ZFact.parse({
        id: `kept-${i}`,
        type: 'promise.kept',
        conversationId: 'c',
        promiseId,
        at: at(120e3),
      }),
    ]);
    const folded = foldConversation(facts, DEFAULT_SETTINGS)!;
    expect(folded.state.promises.map((p) => [p.promiseId, p.keptAt])).toEqual(
      ids.map((id) => [id, T0 + 120e3]),
    );
    // Stored as JSON and folded on, they stay the same promises.
    const stored = JSON.parse(JSON.stringify(folded.fold));
    expect(Object.getPrototypeOf(stored.promises)).toBe(Object.prototype);
    const more = ZFact.parse({
      id: 'dispute',
      type: 'promise.disputed',
      conversationId: 'c',
      promiseId: '__proto__',
      at: at(200e3),
    });
    expect(foldOn({ fold: stored }, [more], DEFAULT_SETTINGS)!.state.promises[0]!.disputedAt).toBe(
      T0 + 200e3,
    );
  });

  it('folds facts that come in order onto the stored fold, to the same result as a full fold', () => {
    const facts = messages('c', 50).map((f) => ZFact.parse(f));
    const stored = foldConversation(facts.slice(0, 40), DEFAULT_SETTINGS)!;
    const copy = structuredClone(stored.fold);
    const folded = foldOn({ fold: copy }, facts.slice(40), DEFAULT_SETTINGS);
    expect(folded).toEqual(foldConversation(facts, DEFAULT_SETTINGS));
    // A fact dated before the last one folded asks for a full fold instead.
    const late = ZFact.parse({ ...messages('c', 1, 5)[0]!, id: 'late' });
    expect(foldOn({ fold: structuredClone(stored.fold) }, [late], DEFAULT_SETTINGS)).toBeNull();
  });
});
