/**
 * `npm run bench`: the figures product.md budgets, measured on this machine and printed as a
 * table (and written to test-results/bench.json). Nothing here asserts; it measures.
 *
 *   1. events/s through the events API (batches of 1000, durable before the answer)
 *   2. ratings/s through visitor sockets (each acknowledged after its commit)
 *   3. rating → console latency, p50 and p99, at a steady 1,000 ratings/s offered
 *   4. live score read time with 1k, 100k and 1M ratings of history (same recent volume)
 *   5. /healthz p99 while one conversation grows to its fact limit through one-event requests,
 *      and while it sits at the limit taking refused and accepted facts (beside the same
 *      figure on the idle server, measured in the same run)
 *
 * The server runs in its own process (as in production), so the load generator does not steal
 * its event loop. `--quick` shrinks every phase, for a smoke run.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { io, type Socket } from 'socket.io-client';
import type { FactInput } from '../../shared/facts';
import { DAY } from '../../shared/time';
import { DEMO_PASSWORD } from '../../server/demo/seed';
import { Scoreboards } from '../../server/scores/scoreboard';
import { silentLogger } from '../../server/logger';
import { openSqliteStore } from '../../server/storage/sqlite';
import { DEFAULT_SETTINGS } from '../../shared/settings';
import { ZFact } from '../../shared/facts';

const quick = process.argv.includes('--quick');
const ADMIN = 'bench-admin-token-0123456789abcdef';
const results: Record<string, number | string> = {};
const dir = mkdtempSync(join(tmpdir(), 'peakend-bench-'));

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

async function startServer(): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: url,
      DATABASE_URL: `sqlite:${join(dir, 'server.db')}`,
      PEAKEND_ADMIN_TOKEN: ADMIN,
      PEAKEND_DEMO: 'true',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) return { url, child };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the server did not start');
}

async function post(url: string, token: string, body: unknown) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as Record<string, unknown>;
  if (!response.ok) throw new Error(`${response.status} ${JSON.stringify(json)}`);
  return json;
}

/** A short, realistic conversation: visitor asks, an agent answers, closes; optionally rated. */
function conversation(
  id: string,
  start: number,
  agentId: string,
  visitorId?: string,
  rated = true,
) {
  const t = (s: number) => new Date(start + s * 1000).toISOString();
  const facts: FactInput[] = [
    {
      id: `${id}-o`,
      type: 'conversation.opened',
      conversationId: id,
      at: t(0),
      ...(visitorId && { visitorId }),
    },
    { id: `${id}-v`, type: 'message', conversationId: id, at: t(1), from: 'visitor' },
    { id: `${id}-a`, type: 'conversation.assigned', conversationId: id, at: t(20), agentId },
    {
      id: `${id}-m`,
      type: 'message',
      conversationId: id,
      at: t(20 + (start % 300)),
      from: 'agent',
      agentId,
    },
    { id: `${id}-c`, type: 'conversation.closed', conversationId: id, at: t(400), agentId },
  ];
  if (rated)
    facts.push({
      id: `${id}-r`,
      type: 'rating',
      conversationId: id,
      at: t(450),
      end: 1 + (start % 5),
    });
  return facts;
}

async function eventsPerSecond(url: string): Promise<{ siteId: string; key: string }> {
  const site = await post(`${url}/api/v1/sites`, ADMIN, { name: 'Bench', allowedOrigins: [] });
  const key = site.key as string;
  const base = `${url}/api/v1/sites/${site.siteId as string}/events`;
  const conversations = quick ? 2_000 : 20_000;
  const facts = Array.from({ length: conversations }, (_, i) =>
    conversation(`c${i}`, Date.now() - 20 * DAY + i * 60_000, `agent${i % 20}`),
  ).flat();
  const started = performance.now();
  for (let i = 0; i < facts.length; i += 1000) {
    await post(base, key, { events: facts.slice(i, i + 1000) });
  }
  const seconds = (performance.now() - started) / 1000;
  results['events API: events/s (batches of 1000, durable)'] = Math.round(facts.length / seconds);
  return { siteId: site.siteId as string, key };
}

type Client = Socket;
const connect = (url: string, ns: string, opts: Record<string, unknown>) =>
  new Promise<Client>((resolve, reject) => {
    const socket = io(`${url}${ns}`, {
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
      ...opts,
    });
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });

async function ratingsThroughSockets(url: string) {
  // The demo site: its agents can watch the console while visitors rate.
  const signIn = await fetch(`${url}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'anna@demo.peakend.test', password: DEMO_PASSWORD }),
  });
  const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
  const console_ = await connect(url, '/agent', { extraHeaders: { cookie } });

  // Visitors, each with closed conversations to rate, made through the demo site's chat.
  const visitorCount = quick ? 20 : 50;
  const perVisitor = quick ? 20 : 120;
  const visitors: { socket: Client; conversations: string[] }[] = [];
  for (let v = 0; v < visitorCount; v++) {
    const socket = await connect(url, '/visitor', { auth: { siteId: 'demo' } });
    const conversations: string[] = [];
    for (let c = 0; c < perVisitor; c++) {
      const sent = (await socket.emitWithAck('message:send', { text: 'Hello' })) as {
        data: { id: string };
      };
      const id = sent.data.id;
      // Answered, so the rating rates the agent (a chat nobody answered rates nobody).
      await console_.emitWithAck('message:send', { conversationId: id, text: 'Done!' });
      await console_.emitWithAck('conversation:close', { conversationId: id });
      conversations.push(id);
    }
    visitors.push({ socket, conversations });
  }

  // Throughput: every visitor rates all its conversations, up to 8 unacknowledged at a time.
  let started = performance.now();
  await Promise.all(
    visitors.map(async ({ socket, conversations }) => {
      for (let i = 0; i < conversations.length; i += 8) {
        await Promise.all(
          conversations
            .slice(i, i + 8)
            .map((conversationId, j) =>
              socket.emitWithAck('rating:save', { conversationId, key: `t${i + j}`, end: 4 }),
            ),
        );
      }
    }),
  );
  const total = visitorCount * perVisitor;
  results['socket ratings: ratings/s (each acked after commit)'] = Math.round(
    total / ((performance.now() - started) / 1000),
  );

  // Latency at a steady 1,000 ratings/s offered: amendments of those ratings (each a new fact).
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  console_.on('conversation', (view: { id: string; rating: { end: number } | null }) => {
    const t = sentAt.get(`${view.id}:${view.rating?.end}`);
    if (t !== undefined) {
      latencies.push(performance.now() - t);
      sentAt.delete(`${view.id}:${view.rating?.end}`);
    }
  });
  const all = visitors.flatMap(({ socket, conversations }) =>
    conversations.map((id) => ({ socket, id })),
  );
  const seconds = quick ? 2 : 5;
  const rate = 1000;
  started = performance.now();
  let sent = 0;
  await new Promise<void>((resolve) => {
    const tick = setInterval(() => {
      const due = Math.min(
        rate * seconds,
        Math.floor(((performance.now() - started) / 1000) * rate),
      );
      for (; sent < due; sent++) {
        const { socket, id } = all[sent % all.length]!;
        const end = 1 + (Math.floor(sent / all.length) % 3); // 1, 2, 3: each a change
        sentAt.set(`${id}:${end}`, performance.now());
        socket.emit('rating:save', { conversationId: id, key: `l${sent}`, end }, () => {});
      }
      if (sent >= rate * seconds) {
        clearInterval(tick);
        setTimeout(resolve, 1000);
      }
    }, 5);
  });
  const sorted = latencies.sort((a, b) => a - b);
  results['rating → console at 1,000/s offered: delivered'] = `${sorted.length} of ${sent}`;
  results['rating → console at 1,000/s: p50 ms'] = Number(percentile(sorted, 50).toFixed(1));
  results['rating → console at 1,000/s: p99 ms'] = Number(percentile(sorted, 99).toFixed(1));

  console_.disconnect();
  for (const { socket } of visitors) socket.disconnect();
}

/** Live score reads with growing history and the same recent volume (in-process, SQLite). */
async function scoreReads() {
  const sizes = quick ? [1_000, 10_000] : [1_000, 100_000, 1_000_000];
  for (const size of sizes) {
    const store = await openSqliteStore(join(dir, `reads-${size}.db`));
    const now = Date.now();
    const site = {
      id: 's',
      name: 'Reads',
      allowedOrigins: [],
      settings: DEFAULT_SETTINGS,
      keyHash: null,
      createdAt: now,
    };
    await store.createSite(site);
    // 1,000 ratings in the last 30 days; the rest of the history before that.
    const started = performance.now();
    for (let i = 0; i < size; i += 2000) {
      const batch = [];
      for (let j = i; j < Math.min(size, i + 2000); j++) {
        const age = j < 1000 ? (j / 1000) * 29 * DAY : 30 * DAY + (j / size) * 700 * DAY;
        batch.push(
          ...conversation(`c${j}`, now - age, `agent${j % 20}`).map((f) => ZFact.parse(f)),
        );
      }
      await store.recordFacts(site, batch);
    }
    const loadSeconds = (performance.now() - started) / 1000;
    const boards = new Scoreboards(store, { now: () => Date.now() }, silentLogger);
    const built = performance.now();
    await boards.scores(site);
    const buildMs = performance.now() - built;
    const reads = 2000;
    const t = performance.now();
    for (let r = 0; r < reads; r++) await boards.scores(site);
    const perRead = (performance.now() - t) / reads;
    results[`score read, ${size.toLocaleString('en')} ratings: µs per read (20 agents)`] =
      Math.round(perRead * 1000);
    results[`score read, ${size.toLocaleString('en')} ratings: board built once, ms`] =
      Math.round(buildMs);
    results[`(history of ${size.toLocaleString('en')} ratings loaded in s)`] = Number(
      loadSeconds.toFixed(1),
    );
    boards.close();
    await store.close();
  }
}

/** /healthz answer times (ms), asked one after another while `load` runs, until it ends. */
async function healthzDuring(url: string, load: Promise<unknown>): Promise<number[]> {
  let done = false;
  void load.finally(() => (done = true));
  const times: number[] = [];
  while (!done) {
    const started = performance.now();
    await fetch(`${url}/healthz`);
    times.push(performance.now() - started);
  }
  await load;
  return times.sort((a, b) => a - b);
}

/**
 * The attack of one conversation grown to 100k events, which made each new event cost seconds
 * on the event loop for every tenant: now it holds at most its limit, each in-order event is
 * folded on in O(1), and a late one re-derives only its bounded conversation.
 */
async function boundedConversation(url: string) {
  const site = await post(`${url}/api/v1/sites`, ADMIN, { name: 'Full', allowedOrigins: [] });
  const base = `${url}/api/v1/sites/${site.siteId as string}/events`;
  const key = site.key as string;
  const start = Date.now() - DAY;
  let n = 0;
  const event = (fields: Record<string, unknown>, at = start + n * 10) => ({
    id: `full-${++n}`,
    conversationId: 'full',
    at: new Date(at).toISOString(),
    ...fields,
  });
  const send = (body: unknown) =>
    fetch(base, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }).then((r) => r.status);
  const message = (i: number) =>
    i % 2
      ? { type: 'message', from: 'visitor' }
      : { type: 'message', from: 'agent', agentId: 'a1' };

  const idle = await healthzDuring(url, new Promise((r) => setTimeout(r, quick ? 500 : 2000)));
  // Four clients at once, one event per request, as the attack did; every 50th arrives late.
  const grow = async (count: number, make: (i: number) => unknown) => {
    const statuses: number[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        while (next < count) {
          const i = next++;
          statuses.push(await send({ events: [make(i)] }));
        }
      }),
    );
    return statuses;
  };
  const limit = 2000;
  const growing = await healthzDuring(
    url,
    grow(limit, (i) =>
      i % 50 === 49 ? event(message(i), start + (i - 40) * 10 - 5) : event(message(i)),
    ),
  );
  const atLimit: number[] = [];
  const full = await healthzDuring(
    url,
    grow(quick ? 200 : 1000, (i) => {
      const kind = i % 3;
      if (kind === 0) return event(message(i)); // refused: 409 conversation_full
      return event({ type: kind === 1 ? 'conversation.closed' : 'conversation.reopened' });
    }).then((statuses) => atLimit.push(...statuses)),
  );
  results['/healthz p99 ms, idle server'] = percentile(idle, 99).toFixed(1);
  results['/healthz p99 ms, conversation growing to 2,000 messages'] = percentile(
    growing,
    99,
  ).toFixed(1);
  results['/healthz p99 ms, conversation at its limit taking events'] = percentile(
    full,
    99,
  ).toFixed(1);
  results['events at the limit: refused (409) / accepted'] =
    `${atLimit.filter((s) => s === 409).length} / ${atLimit.filter((s) => s === 200).length}`;
}

async function main() {
  const { url, child } = await startServer();
  try {
    await eventsPerSecond(url);
    await ratingsThroughSockets(url);
    await boundedConversation(url);
    const rss = await fetch(`${url}/healthz`).then(() => 0);
    void rss;
  } finally {
    child.kill('SIGTERM');
  }
  await scoreReads();

  const width = Math.max(...Object.keys(results).map((k) => k.length));
  console.log(
    `\nPeakend bench${quick ? ' (quick)' : ''}: node ${process.version}, ${new Date().toISOString()}\n`,
  );
  for (const [name, value] of Object.entries(results))
    console.log(`  ${name.padEnd(width)}  ${value}`);
  mkdirSync('test-results', { recursive: true });
  writeFileSync('test-results/bench.json', JSON.stringify(results, null, 2));
  rmSync(dir, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  console.error(error);
  rmSync(dir, { recursive: true, force: true });
  process.exit(1);
});
