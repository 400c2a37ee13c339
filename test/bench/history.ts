/**
 * History for the phases that need a large store (start time, score reads): SQLite files seeded
 * through the real store code (`openSqliteStore(path).recordFacts`, in large batches, so every
 * row is what the server itself would have written), then cached under the OS temp directory.
 *
 * A cached file is named by its size and a hash of what decides its content: this file and the
 * store's schema and write path. It is reused while those are unchanged (and for a week at most,
 * as its recent ratings age); otherwise it is seeded again and the older variants are deleted.
 * Callers copy it before use, so the cached file itself is never opened by a server.
 */
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { ZFact, type Fact, type FactInput } from '../../shared/facts';
import { DEFAULT_SETTINGS } from '../../shared/settings';
import { DAY } from '../../shared/time';
import { openSqliteStore } from '../../server/storage/sqlite';
import type { Site } from '../../server/storage/store';
import { ROOT } from './processes';

/** A short, realistic conversation: visitor asks, an agent answers, closes; optionally rated. */
export function conversation(
  id: string,
  start: number,
  agentId: string,
  visitorId?: string,
  rated = true,
): FactInput[] {
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

/** How many agents share the history (product.md: trends for 50 agents). */
export const HISTORY_AGENTS = 50;

/** The site that holds the history. */
export const HISTORY_SITE_ID = 'history';

/** What decides a seeded file's content: change any of them and the cache is seeded anew. */
const SEED_INPUTS = [
  'test/bench/history.ts',
  'server/storage/sqlite.ts',
  'server/storage/record.ts',
  'server/storage/batch.ts',
  'server/storage/migrations/0001_baseline.ts',
  'server/storage/migrations/0007_trend_days.ts',
  'server/storage/trends.ts',
  'server/storage/derive.ts',
  'shared/scoring/fold.ts',
  'shared/facts.ts',
];
const CACHE_MAX_AGE_MS = 7 * DAY;
/** Conversations per `recordFacts` call (six facts each). */
const BATCH = 5_000;

function seedKey(): string {
  const hash = createHash('sha256');
  for (const file of SEED_INPUTS) {
    hash.update(file);
    hash.update(readFileSync(join(ROOT, file)));
  }
  return hash.digest('hex').slice(0, 16);
}

const cacheName = (ratings: number) => `peakend-bench-history-${ratings}-`;

/**
 * `ratings` rated conversations spread over HISTORY_AGENTS agents: the last 1,000 in the last 30 days (the
 * same recent volume at every size), the rest over the two years before.
 */
async function seed(path: string, ratings: number): Promise<void> {
  const store = await openSqliteStore(path);
  const now = Date.now();
  const site: Site = {
    id: HISTORY_SITE_ID,
    name: 'History',
    allowedOrigins: [],
    settings: DEFAULT_SETTINGS,
    keyHash: null,
    createdAt: now - 800 * DAY,
  };
  await store.createSite(site);
  for (let i = 0; i < ratings; i += BATCH) {
    const batch: Fact[] = [];
    for (let j = i; j < Math.min(ratings, i + BATCH); j++) {
      const age = j < 1000 ? (j / 1000) * 29 * DAY : 30 * DAY + (j / ratings) * 700 * DAY;
      for (const fact of conversation(`h${j}`, now - age, `agent${j % HISTORY_AGENTS}`))
        batch.push(ZFact.parse(fact));
    }
    await store.recordFacts(site, batch);
  }
  await store.close();
  // One self-contained file: the write-ahead log folded in.
  const db = new Database(path);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.pragma('journal_mode = DELETE');
  db.close();
}

export interface History {
  /** The cached file; copy it (`copyHistory`) before opening it. */
  path: string;
  ratings: number;
  /** Seconds it took to seed now; null when the cached file was reused. */
  seededSeconds: number | null;
}

/** The cached history of `ratings` ratings, seeded first when missing or stale. */
export async function history(ratings: number): Promise<History> {
  const prefix = cacheName(ratings);
  const path = join(tmpdir(), `${prefix}${seedKey()}.db`);
  for (const name of readdirSync(tmpdir())) {
    if (name.startsWith(prefix) && join(tmpdir(), name) !== path) {
      rmSync(join(tmpdir(), name), { force: true });
    }
  }
  if (existsSync(path) && Date.now() - statSync(path).mtimeMs < CACHE_MAX_AGE_MS) {
    return { path, ratings, seededSeconds: null };
  }
  rmSync(path, { force: true });
  // Seeded under another name and renamed when whole: an interrupted seed is never reused.
  const partial = `${path}.partial-${process.pid}`;
  const started = performance.now();
  try {
    await seed(partial, ratings);
    renameSync(partial, path);
  } finally {
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${partial}${suffix}`, { force: true });
  }
  return { path, ratings, seededSeconds: (performance.now() - started) / 1000 };
}

/** A private copy of a cached history, at `to`. */
export function copyHistory(from: History, to: string): string {
  copyFileSync(from.path, to);
  return to;
}
