/**
 * Scores over the public API equal an independent implementation of scoring.md, whatever order,
 * batching and duplication the events arrive in; and the clock alone moves them when a promise
 * falls due.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { FactInput } from '../../shared/facts';
import type { LiveScores } from '../../shared/protocol';
import { referenceScores } from '../support/reference-scoring';
import { prng, randomSite, shuffle, expectClose } from '../support/scenarios';
import {
  connectAgent,
  connectVisitor,
  next,
  serversPerTest,
  tempDir,
  TEST_ADMIN_TOKEN,
  until,
  type TestServer,
} from '../support/server';
import { storeKinds } from '../support/stores';

const dir = tempDir();
const servers = serversPerTest();
afterAll(() => dir.remove());

/** Creates a site through the sites API; its id and key. */
async function createSite(server: TestServer, body: Record<string, unknown>) {
  return json(
    await fetch(`${server.url}/api/v1/sites`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }),
  );
}

async function json(response: Response) {
  const body = (await response.json()) as Record<string, unknown>;
  if (!response.ok) throw new Error(`${response.status}: ${JSON.stringify(body)}`);
  return body;
}

/** Sends the facts shuffled, in random batches, with some sent twice. */
async function sendScrambled(url: string, key: string, facts: FactInput[], seed: number) {
  const rng = prng(seed);
  const withRepeats = shuffle([...facts, ...facts.filter(() => rng.chance(0.2))], rng);
  let duplicates = 0;
  for (let i = 0; i < withRepeats.length;) {
    const size = rng.int(1, 400);
    const batch = withRepeats.slice(i, i + size);
    i += size;
    const body = await json(
      await fetch(url, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ events: batch }),
      }),
    );
    duplicates += body.duplicates as number;
  }
  expect(duplicates).toBe(withRepeats.length - facts.length);
}

describe.each(await storeKinds())('scores over the API (%s)', (kind) => {
  it.each([
    [11, 40],
    [2026, 40],
    [777_001, 400], // thousands of events
  ])(
    'equal the reference implementation on a random site (seed %i, %i conversations), live and at a past time',
    async (seed, conversations) => {
      const site = randomSite(seed, conversations);
      const server = await servers.startOn(kind, { clock: { now: () => site.at } });
      const created = await createSite(server, {
        name: 'Random',
        allowedOrigins: [],
        settings: site.settings,
      });
      const base = `${server.url}/api/v1/sites/${created.siteId as string}`;
      const key = created.key as string;
      await sendScrambled(`${base}/events`, key, site.facts, seed);
      expect(site.facts.length).toBeGreaterThan(conversations * 4);

      // Every agent named by a fact became an agent of the site, named by its id.
      const ids = [
        ...new Set(site.facts.flatMap((f) => ('agentId' in f && f.agentId ? [f.agentId] : []))),
      ].sort();
      const agents = ids.map((id) => ({ id, name: id }));
      const auth = { headers: { authorization: `Bearer ${key}` } };

      const live = await json(await fetch(`${base}/scores`, auth));
      expectClose(
        live,
        referenceScores(site.facts, site.settings, new Date(site.at).toISOString(), agents),
        0.01,
      );

      const past = new Date(site.at - 9 * 86_400_000).toISOString();
      const then = await json(await fetch(`${base}/scores?at=${encodeURIComponent(past)}`, auth));
      expectClose(then, referenceScores(site.facts, site.settings, past, agents), 0.01);
    },
  );

  it('refuses a time in the future or not a time, and strangers', async () => {
    const server = await servers.start({ dbPath: `${dir.path}/refusals.db` });
    const created = await createSite(server, { name: 'S', allowedOrigins: [] });
    const base = `${server.url}/api/v1/sites/${created.siteId as string}/scores`;
    const auth = { headers: { authorization: `Bearer ${created.key as string}` } };
    const future = new Date(Date.now() + 86_400_000).toISOString();
    expect((await fetch(`${base}?at=${future}`, auth)).status).toBe(400);
    expect((await fetch(`${base}?at=yesterday`, auth)).status).toBe(400);
    expect((await fetch(base)).status).toBe(401);
    const empty = await json(await fetch(base, auth));
    expect(empty.site).toEqual({
      responsiveness: { score: null, n: 0 },
      reliability: { score: null, n: 0 },
      experience: { score: null, n: 0 },
      csat: { value: null, n: 0 },
    });
  });
});

describe('a promise falling due', () => {
  it('turns broken at its due time and moves the live scores without anyone asking', async () => {
    const server = await servers.start({ dbPath: `${dir.path}/due.db` });
    // A promise due in a moment: the site must allow one that soon (minPromiseSeconds).
    const patched = await fetch(`${server.url}/api/v1/sites/demo`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ settings: { minPromiseSeconds: 0 } }),
    });
    expect(patched.status).toBe(200);
    const anna = await connectAgent(server.url, 'anna@demo.peakend.test');
    await next(anna, 'connect');
    const visitor = connectVisitor(server.url, { siteId: 'demo' });
    await next(visitor, 'connect');
    try {
      const opened = await visitor.emitWithAck('message:send', { text: 'Where is my refund?' });
      if (!opened.ok) throw new Error(opened.error.message);
      const conversationId = opened.data.id;
      const dueAt = new Date(Date.now() + 1200).toISOString();
      await anna.emitWithAck('promise:make', { conversationId, text: 'Check with billing', dueAt });

      // Nobody does anything more: the due time alone must reach both screens.
      const broken = until(
        visitor,
        'conversation',
        (v: { promises: { status: string }[] }) => v.promises[0]?.status === 'broken',
        5000,
      );
      const scores = await until<LiveScores>(
        anna,
        'scores',
        (s) => s.agents.find((a) => a.agentId === 'anna')!.reliability.n === 1,
        5000,
      );
      await broken;
      expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(dueAt));
      const reliability = scores.agents.find((a) => a.agentId === 'anna')!.reliability;
      // One broken promise, shrunk toward the (clamped) team mean: m·μ / (F + m) = 4·0.05 / (2 + 4).
      expect(reliability.score).toBeCloseTo((100 * 4 * 0.05) / (2 + 4), 6);
      expect(scores.site.reliability).toEqual({ score: 0, n: 1 });
    } finally {
      visitor.disconnect();
      anna.disconnect();
    }
  });
});
