/**
 * `node --import tsx test/bench/store-writes.ts [sqlite|postgres] [runs] [in flight]`: the
 * store's group commit alone, without a server: 4,000 single-fact `recordFacts` calls with 400
 * (or the given number) in flight, one conversation each, which gets an open and then messages,
 * one call at a time; printed as facts/s for each run and their median.
 */
import { performance } from 'node:perf_hooks';
import type { Fact } from '../../shared/facts';
import { DEFAULT_SETTINGS } from '../../shared/settings';
import type { Site } from '../../server/storage/store';
import { createTestStorage, type StoreKind } from '../support/stores';

const kind = (process.argv[2] ?? 'sqlite') as StoreKind;
const runs = Number(process.argv[3] ?? 5);
const CONVERSATIONS = Number(process.argv[4] ?? 400);
const CALLS_EACH = Math.round(4000 / CONVERSATIONS);

async function run(round: number): Promise<number> {
  const storage = await createTestStorage(kind);
  const store = await storage.open();
  try {
    const site: Site = {
      id: `bench-${round}`,
      name: 'Bench',
      allowedOrigins: [],
      settings: DEFAULT_SETTINGS,
      keyHash: null,
      createdAt: Date.now(),
    };
    await store.createSite(site);
    const t0 = Date.now() - 60_000;
    const factOf = (c: number, i: number): Fact =>
      i === 0
        ? { id: `c${c}-o`, conversationId: `c${c}`, at: t0, type: 'conversation.opened' }
        : ({
            id: `c${c}-m${i}`,
            conversationId: `c${c}`,
            at: t0 + i * 1000,
            type: 'message',
            from: i % 2 ? 'visitor' : 'agent',
            ...(i % 2 ? {} : { agentId: `agent-${c % 20}` }),
            text: `message ${i} of conversation ${c}`,
          } as Fact);
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CONVERSATIONS }, async (_, c) => {
        for (let i = 0; i < CALLS_EACH; i++) await store.recordFacts(site, [factOf(c, i)]);
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    return (CONVERSATIONS * CALLS_EACH) / seconds;
  } finally {
    await store.close();
    await storage.remove();
  }
}

const figures: number[] = [];
for (let round = 0; round < runs; round++) figures.push(await run(round));
const median = [...figures].sort((a, b) => a - b)[Math.floor(figures.length / 2)] ?? 0;
console.info(
  `${kind}: ${figures.map((f) => Math.round(f)).join(', ')} facts/s; median ${Math.round(median)}`,
);
