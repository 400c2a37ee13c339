/**
 * The demo's first start: six weeks of history written through the store, the follow-up queue
 * worked as a team would have, and nothing written again on the next start.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FOLLOWUP_STATUSES } from '../../shared/followups';
import { DEMO_SITE_ID, seedDemo } from '../../server/demo/seed';
import type { Store } from '../../server/storage/store';
import { createTestStorage, storeKinds, type TestStorage } from '../support/stores';

describe.each(await storeKinds())("the demo's history (%s)", (kind) => {
  let storage: TestStorage;
  let store: Store;
  const now = Date.now();
  const clock = { now: () => now };

  beforeAll(async () => {
    storage = await createTestStorage(kind);
    store = await storage.open();
  });

  afterAll(async () => {
    await store?.close();
    await storage?.remove();
  });

  it('is written on the first start, with follow-up items in every state', async () => {
    await seedDemo(store, clock, 'http://localhost:3000', { history: true });
    const ratings = await store.countedRatings(DEMO_SITE_ID);
    expect(ratings.length).toBeGreaterThan(150);
    expect(new Set(ratings.map((r) => r.agentId))).toEqual(new Set(['anna', 'ben', 'dana']));
    const items = await store.listFollowups(DEMO_SITE_ID, { until: now, limit: 500 });
    expect(new Set(items.map((item) => item.status))).toEqual(new Set(FOLLOWUP_STATUSES));
    const segments = await store.segmentRatings(DEMO_SITE_ID, now - 30 * 86_400_000, now + 1);
    expect(new Set(segments.map((s) => s.segment))).toEqual(new Set(['business', 'consumer']));
  });

  it('is not written again on the next start', async () => {
    const before = await store.lastChange(DEMO_SITE_ID);
    await seedDemo(store, clock, 'http://localhost:3000', { history: true });
    expect(await store.lastChange(DEMO_SITE_ID)).toBe(before);
  });
});
