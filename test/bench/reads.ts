/**
 * Live score reads with growing history and the same recent volume, in this process, on a copy
 * of the cached history (history.ts): the board built once, then the time per read.
 */
import { performance } from 'node:perf_hooks';
import { silentLogger } from '../../server/logger';
import { Scoreboards } from '../../server/scores/scoreboard';
import { openSqliteStore } from '../../server/storage/sqlite';
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
