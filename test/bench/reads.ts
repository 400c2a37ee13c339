/**
 * Live score reads with growing history and the same recent volume, in this process, on a copy
 * of the cached history (history.ts): the board built once, then the time per read. And trend
 * reads: a year of weekly points for every agent.
 */
import { performance } from 'node:perf_hooks';
import { silentLogger } from '../../server/logger';
import { Scoreboards } from '../../server/scores/scoreboard';
import { openSqliteStore } from '../../server/storage/sqlite';
import { bucketSpans, trendBuckets } from '../../server/insights/trends';
import { DAY } from '../../shared/time';
import { HISTORY_SITE_ID } from './history';

export interface ScoreReads {
  buildMs: number;
  microsecondsPerRead: number;
}

export async function scoreReads(path: string): Promise<ScoreReads> {
  const store = await openSqliteStore(path);
  try {
    const site = await store.getSite(HISTORY_SITE_ID);
    if (!site) throw new Error('the history has no site');
    const boards = new Scoreboards(store, { now: () => Date.now() }, silentLogger);
    const built = performance.now();
    await boards.scores(site);
    const buildMs = performance.now() - built;
    const reads = 2000;
    const started = performance.now();
    for (let r = 0; r < reads; r++) await boards.scores(site);
    const perRead = (performance.now() - started) / reads;
    boards.close();
    return { buildMs, microsecondsPerRead: perRead * 1000 };
  } finally {
    await store.close();
  }
}

export interface TrendReads {
  buckets: number;
  agents: number;
  /** The median of several reads, ms. */
  medianMs: number;
}

/**
 * A year of weekly trend points for every agent, as `GET trends?interval=week` reads them (the
 * store's daily figures, then each bucket assembled as the scores API assembles it): the
 * median of a few reads after one to warm up.
 */
export async function trendReads(path: string): Promise<TrendReads> {
  const store = await openSqliteStore(path);
  try {
    const site = await store.getSite(HISTORY_SITE_ID);
    if (!site) throw new Error('the history has no site');
    const now = Date.now();
    const spans = bucketSpans('week', now - 365 * DAY, now, now, site.settings.timeZone);
    if (!spans) throw new Error('a year of weeks is more buckets than a trend may hold');
    const read = async () => {
      const agents = await store.listAgents(site.id);
      const points = await store.trendPoints(
        site.id,
        spans.map((span) => span.end),
        site.settings,
      );
      return trendBuckets(spans, points, agents, site.settings);
    };
    const buckets = await read();
    const times: number[] = [];
    for (let r = 0; r < 7; r++) {
      const started = performance.now();
      await read();
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    return {
      buckets: buckets.length,
      agents: buckets.at(-1)?.agents.length ?? 0,
      medianMs: times[Math.floor(times.length / 2)] ?? NaN,
    };
  } finally {
    await store.close();
  }
}
