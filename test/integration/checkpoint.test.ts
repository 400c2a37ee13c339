/**
 * A start restores each site's live scores from its checkpoint and the changes after it, and
 * gets exactly what building them from every conversation gets; it builds them from scratch
 * when the checkpoint was made with other settings, or the log no longer reaches back to it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../server/logger';
import { ChangeFeed } from '../../server/pipeline/feed';
import { Scoreboards } from '../../server/scores/scoreboard';
import type { Site, Store } from '../../server/storage/store';
import { parse, randomSite, expectClose } from '../support/scenarios';
import { createTestStorage, storeKinds, type TestStorage } from '../support/stores';

describe.each(await storeKinds())('live scores from a checkpoint (%s)', (kind) => {
  let storage: TestStorage;
  let store: Store;
  const random = randomSite(31337, 80);
  const facts = parse(random.facts).sort((x, y) => x.at - y.at);
  const site: Site = {
    id: 'busy',
    name: 'Busy',
    allowedOrigins: [],
    settings: random.settings,
    keyHash: null,
    createdAt: 0,
  };
  const clock = { now: () => random.at };

  beforeAll(async () => {
    storage = await createTestStorage(kind);
    store = await storage.open();
    await store.createSite(site);
  });
  afterAll(async () => {
    await store.close();
    await storage.remove();
  });

  /** Live scores of a new node: its own feed and boards, on this store (or a stand-in). */
  async function scoresOf(on: Store, of: Site = site) {
    const feed = new ChangeFeed(on, silentLogger);
    await feed.start();
    const boards = new Scoreboards(on, clock, silentLogger);
    boards.attach(feed);
    const scores = await boards.scores(of);
    await boards.close();
    return scores;
  }

  /** The store, counting how often a board is built from every conversation. */
  function counting() {
    const calls = { snapshots: 0 };
    const wrapped = new Proxy(store, {
      get(target, name, receiver) {
        if (name === 'scoreSnapshot') calls.snapshots += 1;
        const value = Reflect.get(target, name, receiver) as unknown;
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    return { store: wrapped, calls };
  }

  /** Built from every conversation, never from a checkpoint. */
  const fromScratch = (of: Site = site) =>
    scoresOf(
      new Proxy(store, {
        get(target, name, receiver) {
          if (name === 'loadCheckpoint') return async () => null;
          if (name === 'saveCheckpoint') return async () => undefined;
          const value = Reflect.get(target, name, receiver) as unknown;
          return typeof value === 'function' ? value.bind(target) : value;
        },
      }),
      of,
    );

  it('replays only the changes after it, and scores exactly as a build from scratch', async () => {
    const half = Math.floor(facts.length / 2);
    for (let i = 0; i < half; i += 25) await store.recordFacts(site, facts.slice(i, i + 25));
    // The first node builds from every conversation, and saves a checkpoint when it closes.
    const first = counting();
    await scoresOf(first.store);
    expect(first.calls.snapshots).toBe(1);
    const saved = await store.loadCheckpoint(site.id);
    expect(saved?.seq).toBe(await store.lastChange(site.id));

    // More happens; the next start restores the checkpoint and replays the rest.
    for (let i = half; i < facts.length; i += 25) {
      await store.recordFacts(site, facts.slice(i, i + 25));
    }
    expect(await store.lastChange(site.id)).toBeGreaterThan(saved!.seq);
    const next = counting();
    const restored = await scoresOf(next.store);
    expect(next.calls.snapshots).toBe(0);
    expectClose(restored, await fromScratch(), 1e-9);
    expect(restored.agents.some((agent) => agent.experience.n > 0)).toBe(true);
  });

  it('builds from scratch when the checkpoint was made with another half-life', async () => {
    const longer: Site = {
      ...site,
      settings: { ...site.settings, halfLifeDays: site.settings.halfLifeDays * 2 },
    };
    const next = counting();
    const scores = await scoresOf(next.store, longer);
    expect(next.calls.snapshots).toBe(1);
    expectClose(scores, await fromScratch(longer), 1e-9);
  });

  it('builds from scratch when the log no longer holds the changes after it', async () => {
    const saved = await store.loadCheckpoint(site.id);
    const message = facts.find((fact) => fact.type === 'message')!;
    await store.recordFacts(site, [
      { ...message, id: 'late-message', at: (facts.at(-1)?.at ?? 0) + 1 },
    ]);
    // Pruned beyond the checkpoint (as a long-stopped node might find it).
    await store.pruneChanges(site.id, saved!.seq + 1, Number.MAX_SAFE_INTEGER);
    const next = counting();
    const scores = await scoresOf(next.store);
    expect(next.calls.snapshots).toBe(1);
    expectClose(scores, await fromScratch(), 1e-9);
  });
});
