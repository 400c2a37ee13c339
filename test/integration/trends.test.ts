/**
 * Trends over the API: every bucket equals `GET scores?at=<its end>` on random sites in several
 * time zones, after late and repeated events, and after the time zone or half-life changes; the
 * buckets follow the site's calendar (weeks from Monday, across a daylight-saving change), the
 * current one ends now and none lies in the future; bad queries and strangers are refused.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { FactInput } from '../../shared/facts';
import type { TrendsBody } from '../../shared/insights';
import { DAY } from '../../shared/time';
import { expectClose, prng, randomSite, shuffle, t0 } from '../support/scenarios';
import {
  call,
  serversPerTest,
  tempDir,
  TEST_ADMIN_TOKEN,
  type TestServer,
} from '../support/server';
import { storeKinds } from '../support/stores';

const dir = tempDir();
const servers = serversPerTest();
afterAll(() => dir.remove());

/** Floating tolerance: the same sums, added in another grouping. */
const EXACT = 1e-9;

async function createSite(server: TestServer, body: Record<string, unknown>) {
  const created = await call<{ siteId: string; key: string }>(server, 'POST', '/api/v1/sites', {
    token: TEST_ADMIN_TOKEN,
    body,
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body;
}

async function send(server: TestServer, siteId: string, key: string, facts: FactInput[]) {
  for (let i = 0; i < facts.length; i += 300) {
    const sent = await call(server, 'POST', `/api/v1/sites/${siteId}/events`, {
      token: key,
      body: { events: facts.slice(i, i + 300) },
    });
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
  }
}

/** Every bucket of the trend, compared with the scores API at its end. */
async function expectBucketsEqualScores(
  server: TestServer,
  siteId: string,
  key: string,
  query: string,
) {
  const trend = await call<TrendsBody>(server, 'GET', `/api/v1/sites/${siteId}/trends?${query}`, {
    token: key,
  });
  expect(trend.status, JSON.stringify(trend.body)).toBe(200);
  expect(trend.body.buckets.length).toBeGreaterThan(0);
  for (const bucket of trend.body.buckets) {
    const scores = await call(
      server,
      'GET',
      `/api/v1/sites/${siteId}/scores?at=${encodeURIComponent(bucket.end)}`,
      { token: key },
    );
    expect(scores.status).toBe(200);
    expectClose(
      { site: bucket.site, agents: bucket.agents },
      { site: scores.body.site, agents: scores.body.agents },
      EXACT,
      `bucket ending ${bucket.end}`,
    );
  }
  return trend.body;
}

describe.each(await storeKinds())('trends (%s)', (kind) => {
  it.each([
    [11, 30],
    [12, 30],
    [2027, 60],
    [777_003, 200],
  ])(
    'every bucket equals scores?at= its end (seed %i, %i conversations)',
    async (seed, conversations) => {
      const site = randomSite(seed, conversations);
      const now = t0 + 90 * DAY + 5 * 3_600_000;
      const server = await servers.startOn(kind, { clock: { now: () => now } });
      const { siteId, key } = await createSite(server, {
        name: 'Random',
        allowedOrigins: [],
        settings: site.settings,
      });
      // Late, shuffled and repeated: the touched days are summed again each time.
      const rng = prng(seed);
      const facts = shuffle([...site.facts, ...site.facts.filter(() => rng.chance(0.2))], rng);
      await send(server, siteId, key, facts);

      const from = new Date(t0 - 3 * DAY).toISOString();
      const days = await expectBucketsEqualScores(server, siteId, key, `interval=day&from=${from}`);
      expect(days.timeZone).toBe(site.settings.timeZone);
      expect(days.buckets.at(-1)).toMatchObject({
        end: new Date(now).toISOString(),
        partial: true,
      });
      await expectBucketsEqualScores(server, siteId, key, `interval=week&from=${from}`);

      // Another time zone and half-life: the days are summed again.
      const patched = await call(server, 'PATCH', `/api/v1/sites/${siteId}`, {
        token: TEST_ADMIN_TOKEN,
        body: { settings: { timeZone: 'Asia/Kolkata', halfLifeDays: 3 } },
      });
      expect(patched.status).toBe(200);
      await expectBucketsEqualScores(server, siteId, key, `interval=month&from=${from}`);
      await expectBucketsEqualScores(server, siteId, key, `interval=week&from=${from}`);
    },
  );

  it('cuts weeks from Monday in the site’s time zone, across a daylight-saving change', async () => {
    // Europe/Amsterdam leaves summer time on Sunday 25 October 2026 (a 25-hour day).
    const now = Date.parse('2026-11-04T10:30:00Z');
    const server = await servers.startOn(kind, { clock: { now: () => now } });
    const { siteId, key } = await createSite(server, {
      name: 'Amsterdam',
      allowedOrigins: [],
      settings: { timeZone: 'Europe/Amsterdam' },
    });
    const facts: FactInput[] = [];
    for (const [i, at] of [
      '2026-10-18T21:59:59.999Z', // Sunday 23:59:59.999 local: the week before
      '2026-10-18T22:00:00.000Z', // Monday 00:00 local exactly: ends that week
      '2026-10-25T22:30:00.000Z', // Sunday 23:30 local, after the change
      '2026-11-03T09:00:00.000Z',
    ].entries()) {
      const t = Date.parse(at);
      const c = `dst${i}`;
      const iso = (ms: number) => new Date(ms).toISOString();
      facts.push(
        { id: `${c}-v`, type: 'message', conversationId: c, at: iso(t - 600_000), from: 'visitor' },
        {
          id: `${c}-a`,
          type: 'message',
          conversationId: c,
          at: iso(t - 300_000),
          from: 'agent',
          agentId: 'anna',
        },
        { id: `${c}-c`, type: 'conversation.closed', conversationId: c, at: iso(t - 1) },
        { id: `${c}-r`, type: 'rating', conversationId: c, at: iso(t), end: 5 - i },
      );
    }
    await send(server, siteId, key, facts);
    const body = await expectBucketsEqualScores(
      server,
      siteId,
      key,
      'interval=week&from=2026-10-14T12:00:00Z',
    );
    expect(body.buckets.map((b) => [b.start, b.end, b.partial])).toEqual([
      ['2026-10-11T22:00:00.000Z', '2026-10-18T22:00:00.000Z', false],
      ['2026-10-18T22:00:00.000Z', '2026-10-25T23:00:00.000Z', false], // 7 days and an hour
      ['2026-10-25T23:00:00.000Z', '2026-11-01T23:00:00.000Z', false],
      ['2026-11-01T23:00:00.000Z', '2026-11-04T10:30:00.000Z', true], // now: no future bucket
    ]);
    // A rating at exactly Monday 00:00 counts in the week it ends.
    expect(body.buckets.map((b) => b.site.csat.n)).toEqual([2, 3, 3, 4]);
    expect(body.buckets[0]?.agents.map((a) => a.agentId)).toEqual(['anna']);

    const days = await expectBucketsEqualScores(
      server,
      siteId,
      key,
      'interval=day&from=2026-10-24T12:00:00Z&to=2026-10-26T23:00:00Z',
    );
    expect(days.buckets.map((b) => b.end)).toEqual([
      '2026-10-24T22:00:00.000Z',
      '2026-10-25T23:00:00.000Z',
      '2026-10-26T23:00:00.000Z',
    ]);
    const months = await call<TrendsBody>(
      server,
      'GET',
      `/api/v1/sites/${siteId}/trends?interval=month&from=2026-09-15&agent=anna`,
      { token: key },
    );
    expect(months.body.buckets.map((b) => b.end)).toEqual([
      '2026-09-30T22:00:00.000Z',
      '2026-10-31T23:00:00.000Z',
      '2026-11-04T10:30:00.000Z',
    ]);
  });

  it('refuses bad queries with what is wrong, and strangers', async () => {
    const server = await servers.startOn(kind, {});
    const { siteId, key } = await createSite(server, { name: 'S', allowedOrigins: [] });
    const other = await createSite(server, { name: 'Other', allowedOrigins: [] });
    const path = `/api/v1/sites/${siteId}/trends`;
    const refused = async (query: string, field: string) => {
      const answer = await call(server, 'GET', `${path}?${query}`, { token: key });
      expect(answer.status, query).toBe(400);
      expect(JSON.stringify(answer.body.error), query).toContain(field);
    };
    await refused('interval=year', 'interval');
    await refused('from=2026-05-01&to=2026-04-01', 'to');
    await refused('from=yesterday', 'from');
    await refused('agent=no%20spaces', 'agent');
    await refused('interval=day&from=2020-01-01&to=2026-01-01', 'at most 400');
    await refused(`to=${new Date(Date.now() + DAY).toISOString()}`, 'future');
    await refused('colour=red', 'colour');
    const unknownAgent = await call(server, 'GET', `${path}?agent=nobody`, { token: key });
    expect(unknownAgent.status).toBe(404);

    expect((await call(server, 'GET', path)).status).toBe(401);
    expect((await call(server, 'GET', path, { token: other.key })).status).toBe(403);
    const empty = await call<TrendsBody>(server, 'GET', `${path}?interval=day`, { token: key });
    expect(empty.status).toBe(200);
    expect(empty.body.buckets).toHaveLength(31);
    expect(empty.body.buckets.at(-1)?.site.csat).toEqual({ value: null, n: 0 });
  });

  it('takes a time zone in the site settings, and refuses one that does not exist', async () => {
    const server = await servers.startOn(kind, {});
    const bad = await call(server, 'POST', '/api/v1/sites', {
      token: TEST_ADMIN_TOKEN,
      body: { name: 'S', allowedOrigins: [], settings: { timeZone: 'Mars/Olympus' } },
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('IANA');
    const { siteId } = await createSite(server, { name: 'S', allowedOrigins: [] });
    const read = await call<{ settings: { timeZone: string } }>(
      server,
      'GET',
      `/api/v1/sites/${siteId}`,
      { token: TEST_ADMIN_TOKEN },
    );
    expect(read.body.settings.timeZone).toBe('UTC');
  });
});
