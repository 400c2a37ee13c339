/**
 * `npm run bench`: the figures product.md budgets, measured on this machine beside a bare
 * reference loop (bare-loop.ts: socket.io + better-sqlite3 group commit, synchronous FULL) run in
 * the same run with the same clients, and printed as one table: measured, bare loop, ratio,
 * budget, within budget. Also written to test-results/bench.json. Nothing here asserts; it
 * measures. See README.md beside this file.
 *
 *   npm run bench                  the full run (history of 100k ratings)
 *   npm run bench -- --quick       a smoke run of about a minute
 *   npm run bench -- --history=1m  also 1M ratings of history (seeded once, then cached)
 *
 * Every server runs in its own process (as in production), so the load generator does not steal
 * its event loop; on a 2-core machine they still share the cores, for the bare loop as for
 * Peakend.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createTestStorage, postgresUnavailable } from '../support/stores';
import { boundedConversation, eventsPerSecond } from './api-phases';
import { copyHistory, history, HISTORY_AGENTS } from './history';
import { idleSockets } from './idle';
import {
  closeOpenConversations,
  disconnectAll,
  messageLatency,
  messageThroughput,
  openConsole,
  openVisitors,
  prepareConversations,
  ratingLatency,
  ratingThroughput,
  type Latency,
  type Target,
  type Throughput,
} from './load';
import { startBareLoop, startServer, stderrNote, type Running } from './processes';
import { scoreReads, trendReads } from './reads';
import { add, note, print, progress, write, type Row } from './report';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const withMillion = args.some((a) => /^--history=(1m|1000000|1000k)$/i.test(a));

const SIZES = quick
  ? {
      visitors: 20,
      conversationsPerVisitor: 10,
      closedLoopMs: 1_000,
      seconds: 1,
      waits: { waitMs: 1_500, drainMs: 2_000 },
      phaseMs: 30_000,
      events: 2_000,
      idleSockets: 2_000,
      history: [1_000, 10_000],
    }
  : {
      visitors: 50,
      conversationsPerVisitor: 40,
      closedLoopMs: 5_000,
      seconds: 5,
      waits: { waitMs: 3_000, drainMs: 30_000 },
      phaseMs: 120_000,
      events: 20_000,
      idleSockets: 20_000,
      history: [1_000, 100_000, ...(withMillion ? [1_000_000] : [])],
    };
const IN_FLIGHT = 8;
const RATE = 1_000;
const MESSAGES_PER_CONVERSATION = 24;
const FULL_IDLE_SOCKETS = 20_000;

const dir = mkdtempSync(join(tmpdir(), 'peakend-bench-'));
const count = (n: number) => n.toLocaleString('en');

interface SocketFigures {
  ratings: Throughput | null;
  ratingLatency: Latency | null;
  messages: Throughput | null;
  messageLatency: Latency | null;
}

/** Deletes a SQLite file and its write-ahead log. */
const removeDatabase = (path: string) => {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
};

/** A pause before a measured phase, so the work left from the one before does not count in it. */
const settle = () => new Promise((r) => setTimeout(r, quick ? 300 : 1000));

/** Runs `phase`; a phase that fails is noted and the bench goes on with the others. */
async function attempt<T>(
  what: string,
  phase: () => Promise<T>,
  { rethrowInCi = false } = {},
): Promise<T | null> {
  try {
    return await phase();
  } catch (error) {
    if (rethrowInCi && process.env.CI && error instanceof Unavailable) throw error;
    const [first, ...rest] = (error as Error).message.split('\n');
    note(
      `${what} failed: ${first}${rest.length ? `\n      ${rest.slice(-3).join('\n      ')}` : ''}`,
    );
    progress(`${what} failed: ${first}`);
    return null;
  }
}

/** PostgreSQL is not there: with CI set, the bench fails rather than skipping it. */
class Unavailable extends Error {}

/**
 * The socket phases, the same for every target: ratings/s and rating → console, then chat
 * messages/s and visitor → agent.
 */
async function socketPhases(target: Target): Promise<SocketFigures> {
  const figures: SocketFigures = {
    ratings: null,
    ratingLatency: null,
    messages: null,
    messageLatency: null,
  };
  const console_ = await openConsole(target);
  const visitors = await openVisitors(target, SIZES.visitors);
  const step = (what: string) => progress(`${target.name}: ${what}`);
  try {
    step('making conversations to rate');
    const made = await prepareConversations(
      console_,
      visitors,
      SIZES.conversationsPerVisitor,
      performance.now() + SIZES.phaseMs,
    );
    const wanted = SIZES.visitors * SIZES.conversationsPerVisitor;
    if (made.made < wanted) {
      note(
        `${target.name}: only ${count(made.made)} of ${count(wanted)} conversations to rate were ` +
          `made in ${made.seconds.toFixed(0)} s (${made.failed} failed)`,
      );
    }
    await settle();
    step('ratings/s');
    figures.ratings = await attempt(`${target.name}: ratings/s`, () =>
      ratingThroughput(visitors, IN_FLIGHT, SIZES.closedLoopMs),
    );
    await settle();
    step('rating → console');
    figures.ratingLatency = await attempt(`${target.name}: rating → console`, () =>
      ratingLatency(console_, visitors, RATE, SIZES.seconds, SIZES.waits),
    );
    await settle();
    step('chat messages/s');
    figures.messages = await attempt(`${target.name}: chat messages/s`, () =>
      messageThroughput(
        console_,
        visitors,
        MESSAGES_PER_CONVERSATION,
        IN_FLIGHT,
        SIZES.closedLoopMs,
      ),
    );
    figures.messageLatency = await attempt(`${target.name}: visitor → agent`, async () => {
      await closeOpenConversations(console_, visitors);
      await settle();
      step('visitor → agent');
      return messageLatency(console_, visitors, RATE, SIZES.seconds, SIZES.waits);
    });
  } finally {
    disconnectAll([console_, ...visitors.map((v) => v.socket)]);
  }
  return figures;
}

const throughputNote = (t: Throughput | null, what: string) =>
  t &&
  `${count(t.done)} ${what} acked in ${t.seconds.toFixed(1)} s` +
    (t.failed ? `; ${count(t.failed)} failed (${t.firstError})` : '');

const deliveredNote = (l: Latency | null, bare?: Latency | null) =>
  l &&
  `delivered ${count(l.delivered)} of ${count(l.sent)}` +
    (l.delivered < l.sent
      ? ` (waited ${(l.waitedMs / 1000).toFixed(1)} s after the last send; p50/p99 are of those delivered)`
      : l.waitedMs >= 50
        ? `, the last ${(l.waitedMs / 1000).toFixed(1)} s after the last send`
        : '') +
    (l.failed ? `; ${count(l.failed)} refused` : '') +
    (l.unanswered ? `; ${count(l.unanswered)} never answered` : '') +
    (bare ? ` (bare loop: ${count(bare.delivered)} of ${count(bare.sent)})` : '');

const throughputCounts = (t: Throughput | null, bare: Throughput | null) =>
  t
    ? {
        acked: t.done,
        failed: t.failed,
        seconds: t.seconds,
        ...(bare && { bareAcked: bare.done, bareSeconds: bare.seconds }),
      }
    : undefined;

const latencyCounts = (l: Latency | null, bare: Latency | null) =>
  l
    ? {
        sent: l.sent,
        delivered: l.delivered,
        refused: l.failed,
        unanswered: l.unanswered,
        ...(bare && { bareSent: bare.sent, bareDelivered: bare.delivered }),
      }
    : undefined;

interface Budgets {
  ratings?: Row['budget'];
  ratingP99?: Row['budget'];
  messages?: Row['budget'];
  messageP99?: Row['budget'];
}

/** The rows of one target's socket figures, each beside the bare loop's. */
function socketRows(
  section: string,
  figures: SocketFigures,
  bare: SocketFigures,
  budgets: Budgets,
): void {
  const concurrency = `${SIZES.visitors} sockets × ${IN_FLIGHT} in flight`;
  throughputRows(section, `ratings/s, ${concurrency}, acked after commit`, 'ratings', {
    measured: figures.ratings,
    bare: bare.ratings,
    budget: budgets.ratings,
  });
  latencyRows(section, `rating → console`, {
    measured: figures.ratingLatency,
    bare: bare.ratingLatency,
    budget: budgets.ratingP99,
  });
  throughputRows(
    section,
    `chat messages/s, ${concurrency}, chats of ${MESSAGES_PER_CONVERSATION}`,
    'messages',
    { measured: figures.messages, bare: bare.messages, budget: budgets.messages },
  );
  latencyRows(section, `visitor → agent`, {
    measured: figures.messageLatency,
    bare: bare.messageLatency,
    budget: budgets.messageP99,
  });
}

/** One closed-loop throughput figure beside the bare loop's. */
function throughputRows(
  section: string,
  name: string,
  what: string,
  t: { measured: Throughput | null; bare: Throughput | null; budget: Row['budget'] | undefined },
): void {
  add({
    section,
    name,
    unit: '/s',
    value: t.measured?.perSecond ?? NaN,
    bare: t.bare?.perSecond,
    budget: t.budget,
    note: throughputNote(t.measured, what) ?? undefined,
    counts: throughputCounts(t.measured, t.bare),
  });
}

/** p50 and p99 of one open-loop latency beside the bare loop's; p99 holds only if all came. */
function latencyRows(
  section: string,
  name: string,
  l: { measured: Latency | null; bare: Latency | null; budget: Row['budget'] | undefined },
): void {
  const offered = `${count(RATE)}/s offered`;
  add({
    section,
    name: `${name} p50, ${offered}`,
    unit: 'ms',
    value: l.measured?.p50 ?? NaN,
    bare: l.bare?.p50,
  });
  add({
    section,
    name: `${name} p99, ${offered}`,
    unit: 'ms',
    value: l.measured?.p99 ?? NaN,
    bare: l.bare?.p99,
    budget: l.budget,
    requires: l.budget && {
      holds: l.measured !== null && l.measured.delivered === l.measured.sent,
      why: 'not all delivered',
    },
    note: deliveredNote(l.measured, l.bare) ?? undefined,
    counts: latencyCounts(l.measured, l.bare),
  });
}

function noteStderr(...servers: Running[]): void {
  for (const server of servers) {
    const line = stderrNote(server);
    if (line) note(line);
  }
}

async function bareLoop(): Promise<{ figures: SocketFigures; startMs: number }> {
  const bare = await startBareLoop(join(dir, 'bare.db'));
  try {
    const figures = await socketPhases({
      name: 'bare loop',
      visitorUrl: bare.url,
      consoleUrl: bare.url,
      siteId: 'demo',
      signIn: false,
    });
    return { figures, startMs: bare.startMs };
  } finally {
    await bare.stop();
    noteStderr(bare);
  }
}

async function sqlitePhases(bare: SocketFigures): Promise<void> {
  const server = await startServer('SQLite server', `sqlite:${join(dir, 'server.db')}`);
  const section = 'SQLite, one node';
  try {
    progress('SQLite: events API');
    const events = await attempt('events API', () => eventsPerSecond(server.url, SIZES.events));
    // Before the socket phases, on a server with no backlog of theirs (another site).
    progress('SQLite: /healthz while one conversation fills up');
    const bounded = await attempt('bounded conversation', () =>
      boundedConversation(server.url, quick),
    );
    const figures = await socketPhases({
      name: 'SQLite',
      visitorUrl: server.url,
      consoleUrl: server.url,
      siteId: 'demo',
      signIn: true,
    });
    socketRows(section, figures, bare, {
      ratings: { better: 'higher', ratio: 0.5, absolute: 3_000 },
      ratingP99: { better: 'lower', ratio: 2, absolute: 20 },
    });
    add({
      section,
      name: 'events API, batches of 1000, durable',
      unit: 'events/s',
      value: events ?? NaN,
    });
    if (bounded) {
      add({ section, name: '/healthz p99, idle server', unit: 'ms', value: bounded.idleP99 });
      add({
        section,
        name: '/healthz p99, one conversation growing to 2,000 messages',
        unit: 'ms',
        value: bounded.growingP99,
      });
      add({
        section,
        name: '/healthz p99, one conversation at its limit taking events',
        unit: 'ms',
        value: bounded.fullP99,
        budget: { better: 'lower', absolute: 50 },
        note: `events at the limit: ${bounded.refused} refused (409), ${bounded.accepted} accepted`,
      });
    }
  } finally {
    await server.stop();
    noteStderr(server);
  }
}

async function postgresPhases(bare: SocketFigures): Promise<void> {
  const why = await postgresUnavailable();
  if (why) {
    if (process.env.CI) throw new Unavailable(`the PostgreSQL phases need a database, and ${why}`);
    note(`PostgreSQL phases skipped: ${why}. (With CI set the bench fails instead.)`);
    return;
  }

  // One node.
  const one = await createTestStorage('postgres');
  try {
    const server = await startServer('PostgreSQL server', one.databaseUrl);
    const section = 'PostgreSQL, one node';
    try {
      progress('PostgreSQL, one node: events API');
      const events = await attempt('events API (PostgreSQL)', () =>
        eventsPerSecond(server.url, SIZES.events),
      );
      const figures = await socketPhases({
        name: 'PostgreSQL, one node',
        visitorUrl: server.url,
        consoleUrl: server.url,
        siteId: 'demo',
        signIn: true,
      });
      socketRows(section, figures, bare, {
        ratings: { better: 'higher', absolute: 3_000 },
        ratingP99: { better: 'lower', absolute: 20 },
      });
      add({
        section,
        name: 'events API, batches of 1000, durable',
        unit: 'events/s',
        value: events ?? NaN,
      });
    } finally {
      await server.stop();
      noteStderr(server);
    }
  } finally {
    await one.remove();
  }

  // Two nodes on one schema: visitors on node A, the console on node B.
  const two = await createTestStorage('postgres');
  try {
    const a = await startServer('PostgreSQL node A', two.databaseUrl);
    let b: Running | null = null;
    try {
      b = await startServer('PostgreSQL node B', two.databaseUrl);
      const figures = await socketPhases({
        name: 'PostgreSQL, two nodes',
        visitorUrl: a.url,
        consoleUrl: b.url,
        siteId: 'demo',
        signIn: true,
      });
      socketRows('PostgreSQL, two nodes (visitors on A, console on B)', figures, bare, {
        ratingP99: { better: 'lower', absolute: 50 },
      });
    } finally {
      await Promise.all([a.stop(), b?.stop()]);
      noteStderr(a, ...(b ? [b] : []));
    }
  } finally {
    await two.remove();
  }
}

async function memoryPhase(): Promise<void> {
  const server = await startServer('idle-sockets server', `sqlite:${join(dir, 'idle.db')}`);
  try {
    progress(`idle sockets: opening ${count(SIZES.idleSockets)}`);
    const idle = await idleSockets(
      server,
      'demo',
      SIZES.idleSockets,
      FULL_IDLE_SOCKETS,
      quick ? 60_000 : 300_000,
    );
    const mb = (bytes: number) => bytes / 2 ** 20;
    const held = idle.connected - idle.dropped;
    const measuredAll = held === FULL_IDLE_SOCKETS;
    add({
      section: 'Memory and start',
      name: `server RSS with ${count(FULL_IDLE_SOCKETS)} idle visitor sockets${measuredAll ? '' : ' (scaled)'}`,
      unit: 'MB',
      value: mb(measuredAll ? idle.rssAfter : idle.rssScaled),
      budget: { better: 'lower', absolute: 500 },
      requires: { holds: idle.failed === 0 && idle.dropped === 0, why: 'sockets failed' },
      note:
        `measured ${mb(idle.rssAfter).toFixed(0)} MB with ${count(held)} sockets held ` +
        `(${mb(idle.rssBefore).toFixed(0)} MB before; ` +
        `${((idle.rssAfter - idle.rssBefore) / Math.max(1, held) / 1024).toFixed(1)} KB per socket), ` +
        `opened in ${idle.seconds.toFixed(0)} s` +
        (idle.failed ? `; ${count(idle.failed)} failed (${idle.firstError})` : '') +
        (idle.dropped ? `; ${count(idle.dropped)} dropped while idle` : '') +
        (measuredAll ? '' : '; scaled linearly to 20,000'),
    });
    if (idle.tried < idle.wanted) {
      note(
        `idle sockets: the server may open ${count(idle.fileLimit)} files (RLIMIT_NOFILE, not ` +
          `raisable here), so ${count(idle.tried)} of ${count(idle.wanted)} sockets were opened and ` +
          `the RSS is scaled linearly from them`,
      );
    }
  } finally {
    await server.stop();
    noteStderr(server);
  }
}

async function historyPhases(bareStartMs: number): Promise<void> {
  for (const ratings of SIZES.history) {
    progress(`history of ${count(ratings)} ratings`);
    const cached = await history(ratings);
    const size = count(ratings);
    const gb = `${(statSync(cached.path).size / 2 ** 30).toFixed(2)} GB`;
    note(
      cached.seededSeconds === null
        ? `history of ${size} ratings: cached file reused (${cached.path}, ${gb})`
        : `history of ${size} ratings: seeded through the store in ${cached.seededSeconds.toFixed(1)} s, cached at ${cached.path} (${gb})`,
    );
    const readsPath = join(dir, `reads-${ratings}.db`);
    const reads = await attempt(`score reads at ${size}`, () =>
      scoreReads(copyHistory(cached, readsPath)),
    );
    removeDatabase(readsPath);
    const trends = await attempt(`trend reads at ${size}`, () =>
      trendReads(copyHistory(cached, readsPath)),
    );
    removeDatabase(readsPath);
    if (trends) {
      add({
        section: 'Score reads (in process)',
        name: `trends: a year of weekly points (${trends.buckets}), ${trends.agents} agents, ${size} ratings of history`,
        unit: 'ms',
        value: trends.medianMs,
        budget: { better: 'lower', absolute: 200 },
      });
    }
    if (reads) {
      add({
        section: 'Score reads (in process)',
        name: `score read, ${size} ratings of history, ${HISTORY_AGENTS} agents`,
        unit: 'µs',
        value: reads.microsecondsPerRead,
      });
      add({
        section: 'Score reads (in process)',
        name: `board built once, ${size} ratings of history`,
        unit: 'ms',
        value: reads.buildMs,
      });
    }
    if (ratings < (quick ? 10_000 : 100_000)) continue;
    const path = copyHistory(cached, join(dir, `start-${ratings}.db`));
    // The first start on the seeded file, then a restart on the same file: whatever the server
    // keeps for its next start (written while it ran or as it stopped) counts in the second.
    for (const [run, label] of [
      ['first', 'first start on the seeded file'],
      ['restart', 'restart'],
    ] as const) {
      const server = await attempt(`${label} at ${size} ratings`, () =>
        startServer(`server with ${size} ratings (${run})`, `sqlite:${path}`, {
          demo: false,
          startTimeoutMs: 300_000,
        }),
      );
      if (!server) break;
      add({
        section: 'Memory and start',
        name: `start time, ${size} ratings of history, ${label} (spawn → /healthz ok)`,
        unit: 'ms',
        value: server.startMs,
        bare: bareStartMs,
        budget:
          ratings >= 1_000_000 && run === 'restart'
            ? { better: 'lower', absolute: 2_000 }
            : undefined,
      });
      await server.stop();
      noteStderr(server);
    }
    removeDatabase(path);
  }
  if (!withMillion && !quick) {
    note('1M ratings of history (start time ≤ 2 s, score reads) not run: add --history=1m');
  }
}

const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');

async function main() {
  const started = performance.now();
  const loadBefore = load();
  const bare = await bareLoop();
  // A phase whose server fails (to start, or midway) is noted; the others still run.
  await attempt('SQLite phases', () => sqlitePhases(bare.figures));
  await attempt('PostgreSQL phases', () => postgresPhases(bare.figures), { rethrowInCi: true });
  await attempt('idle sockets', () => memoryPhase());
  await attempt('history phases', () => historyPhases(bare.startMs));

  const title =
    `Peakend bench${quick ? ' (quick)' : ''}: node ${process.version}, ${cpus().length} cores, ` +
    `${new Date().toISOString()}, ${((performance.now() - started) / 1000).toFixed(0)} s, ` +
    `load average ${loadBefore} before, ${load()} after.\n` +
    `Bare loop: socket.io + better-sqlite3 group commit, synchronous FULL, same clients, same run.`;
  print(title);
  write('test-results/bench.json', {
    node: process.version,
    cores: cpus().length,
    at: new Date().toISOString(),
    quick,
    history: SIZES.history,
    seconds: Math.round((performance.now() - started) / 1000),
    loadAverage: { before: loadBefore, after: load() },
  });
  rmSync(dir, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  console.error(error);
  rmSync(dir, { recursive: true, force: true });
  process.exit(1);
});
