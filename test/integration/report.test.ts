/**
 * The weekly report's reads over real HTTP, on both stores: the week's instants in the site's
 * time zone, the follow-ups opened and closed in it, the comments feed narrowed to the best
 * moments (good chips), and refusals for everyone the scores API refuses.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../server/demo/seed';
import type { CommentsPage } from '../../server/http/comments';
import type { FactInput } from '../../shared/facts';
import type { FollowupPage } from '../../shared/followups';
import type { ReportBody } from '../../shared/report';
import { call, startServer, TEST_ADMIN_TOKEN, type TestServer } from '../support/server';
import { createTestStorage, storeKinds, type TestStorage } from '../support/stores';

const SECOND = 1000;
const iso = (ms: number) => new Date(ms).toISOString();
/** Wednesday of ISO week 47 of 2026 (Monday 16 November), in Amsterdam's winter time (UTC+1). */
const IN_W47 = Date.parse('2026-11-18T12:00:00Z');
/** Wednesday of week 48. */
const IN_W48 = Date.parse('2026-11-25T12:00:00Z');

/** A conversation answered by `agentId` that ends in this rating at `at`. */
function rated(
  conversationId: string,
  at: number,
  rating: { end: number; agentId?: string; peak?: object; comment?: string },
): FactInput[] {
  const id = (what: string) => `${conversationId}.${what}`;
  return [
    { id: id('v'), type: 'message', conversationId, at: iso(at - 3 * SECOND), from: 'visitor' },
    {
      id: id('a'),
      type: 'message',
      conversationId,
      at: iso(at - 2 * SECOND),
      from: 'agent',
      agentId: rating.agentId ?? 'anna',
    },
    { id: id('c'), type: 'conversation.closed', conversationId, at: iso(at - SECOND) },
    {
      id: id('r'),
      type: 'rating',
      conversationId,
      at: iso(at),
      end: rating.end,
      ...(rating.peak && { peak: rating.peak }),
      ...(rating.comment !== undefined && { comment: rating.comment }),
    } as FactInput,
  ];
}

describe.each(await storeKinds())('weekly report (%s)', (kind) => {
  let storage: TestStorage;
  let server: TestServer;
  let now = IN_W47;
  let serial = 0;

  beforeAll(async () => {
    storage = await createTestStorage(kind);
    server = await startServer({ storage, clock: { now: () => now } });
  });
  afterAll(async () => {
    await server?.stop();
    await storage?.remove();
  });

  async function signIn(email: string): Promise<string> {
    const answer = await call(server, 'POST', '/api/v1/session', {
      body: { email, password: DEMO_PASSWORD },
    });
    expect(answer.status).toBe(200);
    return answer.cookie!;
  }

  /** A new site of this test's own, in Amsterdam's time zone, and its key. */
  async function newSite(): Promise<{ siteId: string; key: string }> {
    const answer = await call<{ siteId: string; key: string }>(server, 'POST', '/api/v1/sites', {
      token: TEST_ADMIN_TOKEN,
      body: {
        name: `Report ${kind} ${++serial}`,
        allowedOrigins: [],
        settings: { timeZone: 'Europe/Amsterdam' },
      },
    });
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    return answer.body;
  }

  async function send(siteId: string, key: string, facts: FactInput[]) {
    const answer = await call(server, 'POST', `/api/v1/sites/${siteId}/events`, {
      token: key,
      body: { events: facts },
    });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  }

  it("covers the week of the site's time zone, and counts its follow-ups opened and closed", async () => {
    now = IN_W47;
    const { siteId, key } = await newSite();
    await send(siteId, key, [
      // Week 46: a bad ending, resolved in week 47.
      ...rated(`w46-${serial}`, Date.parse('2026-11-10T10:00:00Z'), { end: 1 }),
      // Week 47 (Monday 00:30 in Amsterdam is Sunday 23:30 UTC): a bad ending, and a bad chip.
      ...rated(`w47-${serial}`, Date.parse('2026-11-15T23:30:00Z'), { end: 2 }),
      ...rated(`chip-${serial}`, Date.parse('2026-11-17T09:00:00Z'), {
        end: 4,
        peak: { dimension: 'responsiveness', polarity: 'negative' },
      }),
    ]);
    const items = await call<FollowupPage>(server, 'GET', `/api/v1/sites/${siteId}/followups`, {
      token: key,
    });
    expect(items.body.items).toHaveLength(3);
    const idOf = (prefix: string) =>
      items.body.items.find((item) => item.conversationId.startsWith(prefix))!.id;
    for (const [prefix, status] of [
      ['w46', 'resolved'],
      ['w47', 'contacted'],
    ] as const) {
      const changed = await call(
        server,
        'PATCH',
        `/api/v1/sites/${siteId}/followups/${idOf(prefix)}`,
        { token: key, body: { status } },
      );
      expect(changed.status).toBe(200);
    }

    // A rating early on Monday of week 48, local time: Sunday evening in UTC.
    now = IN_W48;
    await send(siteId, key, rated(`w48-${serial}`, Date.parse('2026-11-22T23:30:00Z'), { end: 1 }));
    // A note on the item resolved in week 47 does not move its closing into week 48.
    const noted = await call(server, 'PATCH', `/api/v1/sites/${siteId}/followups/${idOf('w46')}`, {
      token: key,
      body: { note: 'They wrote back to say thanks.' },
    });
    expect(noted.status).toBe(200);

    const report = await call<ReportBody>(server, 'GET', `/api/v1/sites/${siteId}/report`, {
      token: key,
    });
    expect(report.status, JSON.stringify(report.body)).toBe(200);
    expect(report.body).toEqual({
      week: '2026-W47',
      from: '2026-11-15T23:00:00.000Z',
      to: '2026-11-22T23:00:00.000Z',
      timeZone: 'Europe/Amsterdam',
      previous: {
        week: '2026-W46',
        from: '2026-11-08T23:00:00.000Z',
        to: '2026-11-15T23:00:00.000Z',
      },
      latest: '2026-W47',
      followups: {
        opened: {
          total: 2,
          byCause: { rating: 2, promise: 0, reopen: 0 },
          byStatus: { new: 1, contacted: 1, resolved: 0, dismissed: 0 },
        },
        closed: {
          total: 1,
          byCause: { rating: 1, promise: 0, reopen: 0 },
          byStatus: { new: 0, contacted: 0, resolved: 1, dismissed: 0 },
        },
      },
    });

    const before = await call<ReportBody>(
      server,
      'GET',
      `/api/v1/sites/${siteId}/report?week=2026-W46`,
      { token: key },
    );
    expect(before.status).toBe(200);
    expect(before.body.followups.opened.total).toBe(1);
    expect(before.body.followups.closed.total).toBe(0);
  });

  it('refuses a week that has not ended, a week that does not exist, and unknown parameters', async () => {
    now = IN_W48;
    const { siteId, key } = await newSite();
    for (const query of ['week=2026-W48', 'week=2025-W53', 'week=2026-47', 'weak=2026-W47']) {
      const answer = await call(server, 'GET', `/api/v1/sites/${siteId}/report?${query}`, {
        token: key,
      });
      expect(answer.status, query).toBe(400);
      expect(answer.body, query).toMatchObject({ error: { code: 'invalid' } });
    }
  });

  it("refuses another site's key, another site's supervisor and an agent", async () => {
    now = IN_W48;
    const a = await newSite();
    const b = await newSite();
    const supervisor = await signIn('anna@demo.peakend.test');
    const agent = await signIn('ben@demo.peakend.test');
    const path = (siteId: string) => `/api/v1/sites/${siteId}/report`;
    expect((await call(server, 'GET', path(a.siteId), { token: b.key })).status).toBe(403);
    expect((await call(server, 'GET', path(a.siteId), { cookie: supervisor })).status).toBe(403);
    expect((await call(server, 'GET', path('demo'), { cookie: agent })).status).toBe(403);
    expect((await call(server, 'GET', path('demo'), { cookie: supervisor })).status).toBe(200);
    expect((await call(server, 'GET', path(a.siteId))).status).toBe(401);
  });

  it('narrows the comments feed to the best moments: ratings whose chip was good', async () => {
    now = IN_W48;
    const { siteId, key } = await newSite();
    const at = Date.parse('2026-11-17T09:00:00Z');
    await send(siteId, key, [
      ...rated(`good-${serial}`, at, {
        end: 5,
        agentId: 'cleo',
        peak: { dimension: 'empathy', polarity: 'positive' },
        comment: 'Cleo really listened',
      }),
      ...rated(`bad-${serial}`, at + SECOND, {
        end: 2,
        peak: { dimension: 'responsiveness', polarity: 'negative' },
      }),
      ...rated(`words-${serial}`, at + 2 * SECOND, { end: 5, comment: 'Thanks' }),
    ]);
    const feed = async (query: string) => {
      const answer = await call<CommentsPage>(
        server,
        'GET',
        `/api/v1/sites/${siteId}/comments?${query}`,
        { token: key },
      );
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      return answer.body.comments.map((c) => [c.conversationId.split('-')[0], c.agent?.id]);
    };
    expect(await feed('peak=positive')).toEqual([['good', 'cleo']]);
    expect(await feed('peak=negative')).toEqual([['bad', 'anna']]);
    expect(await feed('')).toHaveLength(3);
    const wrong = await call(server, 'GET', `/api/v1/sites/${siteId}/comments?peak=best`, {
      token: key,
    });
    expect(wrong.status).toBe(400);
  });
});
