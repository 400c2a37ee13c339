/**
 * The expectation gap over the API (issue #11 §5): first replies per ISO week of the site's time
 * zone and for the whole period, for the site and per agent, against a hand-computed fixture;
 * the kept time of the last 7 days; a late reply that becomes the first; the agent filter; one
 * site's replies never in another's figures; bad queries and strangers refused; the setting that
 * lets the widget follow the kept time, through the sites API.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { FactInput } from '../../shared/facts';
import type { ExpectationBody, ReplyFigures } from '../../shared/insights';
import { DAY } from '../../shared/time';
import {
  call,
  connectVisitor,
  data,
  next,
  serversPerTest,
  tempDir,
  TEST_ADMIN_TOKEN,
  type TestServer,
} from '../support/server';
import { storeKinds } from '../support/stores';

const dir = tempDir();
const servers = serversPerTest();
afterAll(() => dir.remove());

/** Asia/Kolkata is UTC+5:30 without summer time: its weeks begin on Sundays at 18:30 UTC. */
const ZONE = 'Asia/Kolkata';
const NOW = Date.parse('2026-11-12T12:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();

async function createSite(server: TestServer, body: Record<string, unknown>) {
  const created = await call<{ siteId: string; key: string }>(server, 'POST', '/api/v1/sites', {
    token: TEST_ADMIN_TOKEN,
    body,
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body;
}

async function send(server: TestServer, siteId: string, key: string, facts: FactInput[]) {
  const sent = await call(server, 'POST', `/api/v1/sites/${siteId}/events`, {
    token: key,
    body: { events: facts },
  });
  expect(sent.status, JSON.stringify(sent.body)).toBe(200);
}

/** A conversation: the visitor writes, and `agent` replies `wait` seconds later at `repliedAt`. */
function replied(c: string, agent: string, repliedAt: string, wait: number): FactInput[] {
  const at = Date.parse(repliedAt);
  return [
    {
      id: `${c}-v`,
      type: 'message',
      conversationId: c,
      at: iso(at - wait * 1000),
      from: 'visitor',
    },
    {
      id: `${c}-a`,
      type: 'message',
      conversationId: c,
      at: iso(at),
      from: 'agent',
      agentId: agent,
    },
  ];
}

/** The fixture's facts; the figures each week should have are worked out in the tests. */
function fixture(prefix: string): FactInput[] {
  const c = (name: string) => `${prefix}${name}`;
  return [
    // Week of Monday 2 November (local): (1 Nov 18:30Z, 8 Nov 18:30Z].
    ...replied(c('a1'), 'anna', '2026-11-03T10:00:00Z', 30),
    ...replied(c('b1'), 'ben', '2026-11-04T10:00:00Z', 60),
    ...replied(c('a2'), 'anna', '2026-11-06T10:00:00Z', 90),
    ...replied(c('b2'), 'ben', '2026-11-06T14:00:00Z', 400),
    ...replied(c('a3'), 'anna', '2026-11-07T10:00:00Z', 200),
    // At exactly Monday 00:00 local: the week it ends.
    ...replied(c('b3'), 'ben', '2026-11-08T18:30:00Z', 150),
    // Week of Monday 9 November, up to now. Asked on Sunday, answered on Monday: the reply's week.
    ...replied(c('a4'), 'anna', '2026-11-08T18:35:00Z', 2100),
    ...replied(c('a5'), 'anna', '2026-11-09T10:00:00Z', 45),
    // A later, slower reply in the same conversation is not its first.
    {
      id: c('a5-v2'),
      type: 'message',
      conversationId: c('a5'),
      at: '2026-11-09T11:00:00Z',
      from: 'visitor',
    },
    {
      id: c('a5-a2'),
      type: 'message',
      conversationId: c('a5'),
      at: '2026-11-09T11:16:40Z',
      from: 'agent',
      agentId: 'anna',
    },
    // Exactly the target: within it.
    ...replied(c('a6'), 'anna', '2026-11-10T10:00:00Z', 120),
    ...replied(c('b4'), 'ben', '2026-11-11T10:00:00Z', 10),
    // The agent greets first: no Wait until the visitor writes.
    {
      id: c('b5-g'),
      type: 'message',
      conversationId: c('b5'),
      at: '2026-11-11T14:00:00Z',
      from: 'agent',
      agentId: 'ben',
    },
    ...replied(c('b5'), 'ben', '2026-11-11T15:00:00Z', 50),
    // Never answered: no first reply.
    {
      id: c('u-v'),
      type: 'message',
      conversationId: c('u'),
      at: '2026-11-10T12:00:00Z',
      from: 'visitor',
    },
    {
      id: c('u-c'),
      type: 'conversation.closed',
      conversationId: c('u'),
      at: '2026-11-10T13:00:00Z',
    },
  ];
}

/** Figures from Waits in seconds, as the fixture's worked examples give them. */
const fig = (
  replies: number,
  withinTarget: number,
  medianSeconds: number,
  p90Seconds: number,
): ReplyFigures => ({
  replies,
  withinTarget,
  withinShare: (100 * withinTarget) / replies,
  medianSeconds,
  p90Seconds,
});

const NO_REPLIES: ReplyFigures = {
  replies: 0,
  withinTarget: 0,
  withinShare: null,
  medianSeconds: null,
  p90Seconds: null,
};

describe.each(await storeKinds())('expectation gap (%s)', (kind) => {
  async function siteWithFixture(settings: Record<string, unknown> = {}) {
    const server = await servers.startOn(kind, { clock: { now: () => NOW } });
    const site = await createSite(server, {
      name: 'Kolkata',
      allowedOrigins: [],
      settings: { timeZone: ZONE, ...settings },
    });
    await send(server, site.siteId, site.key, fixture(''));
    const read = (query = '', token = site.key) =>
      call<ExpectationBody>(server, 'GET', `/api/v1/sites/${site.siteId}/expectation?${query}`, {
        token,
      });
    return { server, ...site, read };
  }

  it('gives each week’s and the period’s first replies, by nearest rank', async () => {
    const { read } = await siteWithFixture();
    const answer = await read('from=2026-11-03');
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    const body = answer.body;
    expect(body.timeZone).toBe(ZONE);
    expect(body.weeks.map((w) => [w.start, w.end, w.partial])).toEqual([
      ['2026-11-01T18:30:00.000Z', '2026-11-08T18:30:00.000Z', false],
      ['2026-11-08T18:30:00.000Z', iso(NOW), true],
    ]);
    const [first, second] = body.weeks;
    // Week 1: 30 60 90 150 200 400. Within 120 s: 3. Median: the 3rd; p90: the ⌈5.4⌉ = 6th.
    expect(first?.site).toEqual(fig(6, 3, 90, 400));
    expect(first?.agents).toEqual([
      { agentId: 'anna', name: 'anna', ...fig(3, 2, 90, 200) }, // 30 90 200
      { agentId: 'ben', name: 'ben', ...fig(3, 1, 150, 400) }, // 60 150 400
    ]);
    // Week 2: 10 45 50 120 2100. Within: 4 (120 is the target itself). Median 3rd, p90 5th.
    expect(second?.site).toEqual(fig(5, 4, 50, 2100));
    expect(second?.agents).toEqual([
      { agentId: 'anna', name: 'anna', ...fig(3, 2, 120, 2100) }, // 45 120 2100
      { agentId: 'ben', name: 'ben', ...fig(2, 2, 10, 50) }, // 10 50
    ]);
    // Both: 10 30 45 50 60 90 120 150 200 400 2100. Median: the 6th; p90: the ⌈9.9⌉ = 10th.
    expect(body.total.site).toEqual(fig(11, 7, 90, 400));
    expect(body.total.agents).toEqual([
      { agentId: 'anna', name: 'anna', ...fig(6, 4, 90, 2100) },
      { agentId: 'ben', name: 'ben', ...fig(5, 3, 60, 400) },
    ]);
    // Kept: replies after 5 Nov 12:00Z: 10 45 50 90 120 150 200 400 2100; the ⌈7.2⌉ = 8th.
    expect(body.stated).toEqual({
      targetReplySeconds: 120,
      keptSeconds: 400,
      keptReplies: 9,
      keptPercentile: 80,
      keptDays: 7,
      followsKept: false,
      widgetMinutes: null,
    });
  });

  it('follows the agent filter, a late first reply and a new target', async () => {
    const { server, siteId, key, read } = await siteWithFixture({ statedReplyFollowsKept: true });
    const ben = await read('from=2026-11-03&agent=ben');
    expect(ben.status).toBe(200);
    expect(ben.body.weeks.map((w) => w.agents.map((a) => a.agentId))).toEqual([['ben'], ['ben']]);
    expect(ben.body.total.site).toEqual(fig(11, 7, 90, 400)); // the site's stay the site's
    expect(ben.body.stated).toMatchObject({ followsKept: true, widgetMinutes: 7 }); // ⌈400/60⌉

    // A reply arrives late, sent 100 s into b2's 400 s Wait: it is b2's first reply now.
    await send(server, siteId, key, [
      {
        id: 'b2-late',
        type: 'message',
        conversationId: 'b2',
        at: '2026-11-06T13:55:00Z',
        from: 'agent',
        agentId: 'ben',
      },
    ]);
    const late = await read('from=2026-11-03&agent=ben');
    expect(late.body.weeks[0]?.agents).toEqual([
      { agentId: 'ben', name: 'ben', ...fig(3, 2, 100, 150) }, // 60 100 150
    ]);

    // A new target re-reads the same replies against it.
    const patched = await call(server, 'PATCH', `/api/v1/sites/${siteId}`, {
      token: TEST_ADMIN_TOKEN,
      body: { settings: { targetReplySeconds: 60 } },
    });
    expect(patched.status).toBe(200);
    const stricter = await read('from=2026-11-03');
    expect(stricter.body.total.site.withinTarget).toBe(5); // 10 30 45 50 60
    expect(stricter.body.stated.targetReplySeconds).toBe(60);
  });

  it('tells the widget the kept time only when the site lets it follow it', async () => {
    const hello = async (server: TestServer, siteId: string) => {
      const visitor = connectVisitor(server.url, { siteId });
      try {
        await next(visitor, 'connect');
        return data(await visitor.emitWithAck('hello', {}));
      } finally {
        visitor.disconnect();
      }
    };
    const follows = await siteWithFixture({ statedReplyFollowsKept: true });
    // The last 7 days' 80th percentile first reply is 400 s: "within 7 minutes".
    expect((await hello(follows.server, follows.siteId)).replyMinutes).toBe(7);
    const states = await siteWithFixture();
    expect((await hello(states.server, states.siteId)).replyMinutes).toBeNull();
  });

  it('keeps each site’s replies to itself', async () => {
    const { server, read, key } = await siteWithFixture();
    const other = await createSite(server, {
      name: 'Other',
      allowedOrigins: [],
      settings: { timeZone: ZONE },
    });
    // The same conversation and agent ids on another site.
    await send(
      server,
      other.siteId,
      other.key,
      replied('a1', 'anna', '2026-11-10T10:00:00Z', 5000),
    );
    const mine = await read('from=2026-11-03');
    expect(mine.body.total.site.replies).toBe(11);
    expect(mine.body.total.site.p90Seconds).toBe(400);
    const theirs = await call<ExpectationBody>(
      server,
      'GET',
      `/api/v1/sites/${other.siteId}/expectation?from=2026-11-03`,
      { token: other.key },
    );
    expect(theirs.body.total.site).toEqual(fig(1, 0, 5000, 5000));
    expect(theirs.body.weeks[0]?.site).toEqual(NO_REPLIES);
    // Another site's key reads nothing of this one.
    expect((await read('', other.key)).status).toBe(403);
    expect((await read('', key)).status).toBe(200);
  });

  it('refuses bad queries with what is wrong, and strangers', async () => {
    const { read } = await siteWithFixture();
    const refused = async (query: string, field: string) => {
      const answer = await read(query);
      expect(answer.status, query).toBe(400);
      expect(JSON.stringify(answer.body.error), query).toContain(field);
    };
    await refused('from=2026-05-01&to=2026-04-01', 'to');
    await refused('from=yesterday', 'from');
    await refused('agent=no%20spaces', 'agent');
    await refused('from=2020-01-01&to=2026-01-01', 'at most 106 weeks');
    await refused(`to=${iso(NOW + DAY)}`, 'future');
    await refused('interval=day', 'interval');
    expect((await read('agent=nobody')).status).toBe(404);
    expect((await read('', '')).status).toBe(401);
    const empty = await read('from=2026-01-05&to=2026-01-12');
    expect(empty.status).toBe(200);
    expect(empty.body.total.site).toEqual(NO_REPLIES);
  });

  it('takes the setting that lets the widget follow the kept time through the sites API', async () => {
    const server = await servers.startOn(kind, {});
    const { siteId } = await createSite(server, { name: 'S', allowedOrigins: [] });
    const path = `/api/v1/sites/${siteId}`;
    const settingsOf = async () =>
      (
        await call<{ settings: Record<string, unknown> }>(server, 'GET', path, {
          token: TEST_ADMIN_TOKEN,
        })
      ).body.settings;
    expect((await settingsOf()).statedReplyFollowsKept).toBe(false);
    const patched = await call(server, 'PATCH', path, {
      token: TEST_ADMIN_TOKEN,
      body: { settings: { statedReplyFollowsKept: true } },
    });
    expect(patched.status).toBe(200);
    expect(await settingsOf()).toMatchObject({
      statedReplyFollowsKept: true,
      targetReplySeconds: 120,
    });
    const bad = await call(server, 'PATCH', path, {
      token: TEST_ADMIN_TOKEN,
      body: { settings: { statedReplyFollowsKept: 'yes' } },
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('statedReplyFollowsKept');
  });
});
