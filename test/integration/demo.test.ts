/**
 * The demo's first start: six weeks of history written through the store, the follow-up queue
 * worked as a team would have, and nothing written again on the next start. And the credentials
 * `npm start` prints for trying the API: they work, and they stay the same across restarts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FOLLOWUP_STATUSES } from '../../shared/followups';
import { DEMO_SITE_ID, seedDemo } from '../../server/demo/seed';
import type { Store } from '../../server/storage/store';
import { launchServer, type ServerProcess } from '../support/process';
import { tempDir } from '../support/server';
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

describe('the demo’s API credentials', () => {
  const dir = tempDir();
  afterAll(() => dir.remove());

  /** Starts `npm start`'s server without PEAKEND_ADMIN_TOKEN; what its banner says to export. */
  async function start(): Promise<{ node: ServerProcess; exports: Record<string, string> }> {
    const node = await launchServer(`sqlite:${dir.path}/demo.db`, { PEAKEND_ADMIN_TOKEN: '' });
    const exports = Object.fromEntries(
      [...node.output().matchAll(/(\w+)=([^\s"]+)/g)]
        .filter(([, name]) =>
          ['PEAKEND_URL', 'PEAKEND_ADMIN_TOKEN', 'SITE_ID', 'SITE_KEY'].includes(name!),
        )
        .map(([, name, value]) => [name!, value!]),
    );
    return { node, exports };
  }

  const stop = async (node: ServerProcess) => {
    node.child.kill('SIGTERM');
    await node.exited;
  };

  it('prints an admin token and the demo site’s key that work, the same on every start', async () => {
    const first = await start();
    try {
      const { PEAKEND_URL, PEAKEND_ADMIN_TOKEN, SITE_ID, SITE_KEY } = first.exports;
      expect(PEAKEND_URL).toBe(first.node.url);
      expect(SITE_ID).toBe(DEMO_SITE_ID);
      const site = await fetch(`${PEAKEND_URL}/api/v1/sites/${SITE_ID}`, {
        headers: { authorization: `Bearer ${PEAKEND_ADMIN_TOKEN}` },
      });
      expect(site.status).toBe(200);
      const scores = await fetch(`${PEAKEND_URL}/api/v1/sites/${SITE_ID}/scores`, {
        headers: { authorization: `Bearer ${SITE_KEY}` },
      });
      expect(scores.status).toBe(200);
      const wrong = await fetch(`${PEAKEND_URL}/api/v1/sites/${SITE_ID}/scores`, {
        headers: { authorization: `Bearer ${SITE_KEY}x` },
      });
      expect(wrong.status).toBe(401);
    } finally {
      await stop(first.node);
    }
    const second = await start();
    try {
      expect(second.exports.PEAKEND_ADMIN_TOKEN).toBe(first.exports.PEAKEND_ADMIN_TOKEN);
      expect(second.exports.SITE_KEY).toBe(first.exports.SITE_KEY);
      // An admin rotates the demo's key: the printed one would now answer 401.
      const rotated = await fetch(`${second.node.url}/api/v1/sites/${DEMO_SITE_ID}/key`, {
        method: 'POST',
        headers: { authorization: `Bearer ${second.exports.PEAKEND_ADMIN_TOKEN}` },
      });
      expect(rotated.status).toBe(200);
    } finally {
      await stop(second.node);
    }
    const third = await start();
    try {
      // So the banner no longer prints it, and says where the key is instead.
      expect(third.exports.SITE_KEY).toBeUndefined();
      expect(third.node.output()).toContain('the demo’s key was rotated');
    } finally {
      await stop(third.node);
    }
    // Three starts of a whole server.
  }, 90_000);
});
