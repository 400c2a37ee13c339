/**
 * `GET /metrics` on a real server: only for the metrics token or the admin token, and what a
 * scrape shows after a visitor's acknowledged event. Two servers in one process each keep their
 * own registry.
 */
import { afterAll, describe, expect, it } from 'vitest';
import {
  connectVisitor,
  data,
  next,
  serversPerTest,
  tempDir,
  TEST_ADMIN_TOKEN,
  type TestServer,
} from '../support/server';

const METRICS_TOKEN = 'test-metrics-token-0123456789abcdef';

async function scrape(server: TestServer, token?: string) {
  const response = await fetch(`${server.url}/metrics`, {
    headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
  });
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    text: await response.text(),
  };
}

/** The value of one sample line (`name{labels} value`), or undefined when it is not there. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('GET /metrics', () => {
  const dir = tempDir();
  const { start } = serversPerTest();
  afterAll(() => dir.remove());
  let n = 0;
  const startOne = (options: { metricsToken?: string; adminToken?: string | null } = {}) =>
    start({ dbPath: `${dir.path}/peakend-${++n}.db`, metricsToken: METRICS_TOKEN, ...options });

  it('answers 401 without a token or with a wrong one, 200 with either token', async () => {
    const server = await startOne();
    const anonymous = await scrape(server);
    expect(anonymous.status).toBe(401);
    expect(JSON.parse(anonymous.text)).toMatchObject({ error: { code: 'unauthorized' } });
    expect((await scrape(server, 'not-the-token-0123456789abcdef')).status).toBe(401);

    for (const token of [METRICS_TOKEN, TEST_ADMIN_TOKEN]) {
      const scraped = await scrape(server, token);
      expect(scraped.status).toBe(200);
      expect(scraped.type).toMatch(/^text\/plain; version=0\.0\.4/);
      expect(scraped.text).toContain('# TYPE peakend_socket_ack_seconds histogram');
      expect(scraped.text).toContain('# TYPE peakend_facts_total counter');
      expect(scraped.text).toContain('# TYPE peakend_commit_batch_facts histogram');
      expect(scraped.text).toContain('# TYPE peakend_change_log_lag_seconds gauge');
      // The process's own figures, served beside the application's.
      expect(scraped.text).toContain('process_cpu_user_seconds_total');
      expect(scraped.text).toContain('nodejs_eventloop_lag_seconds');
    }
  });

  it('takes the admin token alone when no metrics token is set, and refuses when neither is', async () => {
    const adminOnly = await startOne({ metricsToken: undefined });
    expect((await scrape(adminOnly, TEST_ADMIN_TOKEN)).status).toBe(200);
    expect((await scrape(adminOnly, METRICS_TOKEN)).status).toBe(401);
    const neither = await startOne({ metricsToken: undefined, adminToken: null });
    expect((await scrape(neither)).status).toBe(401);
    expect((await scrape(neither, METRICS_TOKEN)).status).toBe(403);
  });

  it('counts an acknowledged socket event, the open sockets and the facts, per server', async () => {
    const server = await startOne();
    const other = await startOne();
    const visitor = connectVisitor(server.url, { siteId: 'demo' });
    try {
      await next(visitor, 'connect');
      data(await visitor.emitWithAck('message:send', { text: 'Where is my parcel?' }));

      const { text } = await scrape(server, METRICS_TOKEN);
      const sent = 'peakend_socket_ack_seconds_count{namespace="/visitor",event="message:send"}';
      expect(sample(text, sent)).toBe(1);
      const sum = sample(text, sent.replace('_count', '_sum'));
      expect(sum).toBeGreaterThan(0);
      const inf = sent.replace('_count{', '_bucket{le="+Inf",');
      expect(sample(text, inf)).toBe(1);
      expect(sample(text, 'peakend_sockets{namespace="/visitor"}')).toBe(1);
      expect(sample(text, 'peakend_sockets{namespace="/agent"}')).toBe(0);
      expect(sample(text, 'peakend_facts_total')).toBeGreaterThanOrEqual(1);

      // The other server in this process saw none of it.
      const elsewhere = (await scrape(other, METRICS_TOKEN)).text;
      expect(sample(elsewhere, sent)).toBeUndefined();
      expect(sample(elsewhere, 'peakend_sockets{namespace="/visitor"}')).toBe(0);
      expect(sample(elsewhere, 'peakend_facts_total')).toBe(0);
    } finally {
      visitor.disconnect();
    }
  });

  it('shows the commits and how far behind the change log this node is', async () => {
    const server = await startOne();
    const visitor = connectVisitor(server.url, { siteId: 'demo' });
    try {
      await next(visitor, 'connect');
      // Two messages at once share one commit: one commit of three facts (opened + 2).
      await Promise.all([
        visitor.emitWithAck('message:send', { text: 'Hello?' }),
        visitor.emitWithAck('message:send', { text: 'Anyone there?' }),
      ]);
      const { text } = await scrape(server, METRICS_TOKEN);
      const commits = sample(text, 'peakend_commit_batch_facts_count') ?? 0;
      const facts = sample(text, 'peakend_commit_batch_facts_sum') ?? 0;
      expect(commits).toBeGreaterThanOrEqual(1);
      expect(facts).toBe(sample(text, 'peakend_facts_total'));
      const lag = text.split('\n').find((l) => l.startsWith('peakend_change_log_lag_seconds{'));
      expect(lag).toMatch(/^peakend_change_log_lag_seconds\{node="[^"]+:\d+"\} [\d.e-]+$/);
    } finally {
      visitor.disconnect();
    }
  });
});
