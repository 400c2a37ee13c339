/**
 * Sites and conversations for tests that share one store or server: each test makes sites of
 * its own, so none sees another's rows.
 */
import { expect } from 'vitest';
import type { Fact, FactDraft } from '../../shared/facts';
import { DEFAULT_SETTINGS } from '../../shared/settings';
import { MINUTE } from '../../shared/time';
import type { Site, Store } from '../../server/storage/store';
import { call, TEST_ADMIN_TOKEN } from './server';

/** Makes fresh sites in a store (`store()` is read at each call, once it is open). */
export function siteMaker(store: () => Store, prefix: string, createdAt: number) {
  let sites = 0;
  return async (patch: Partial<Site> = {}): Promise<Site> => {
    sites += 1;
    const site: Site = {
      id: `${prefix}-${sites}`,
      name: `Site ${sites}`,
      allowedOrigins: ['https://shop.example'],
      settings: DEFAULT_SETTINGS,
      keyHash: null,
      createdAt,
      ...patch,
    };
    await store().createSite(site);
    return site;
  };
}

/** Facts of one conversation, `minutes` after `t0`, numbered in the order they are made. */
export function conversationFacts(conversationId: string, t0: number) {
  let n = 0;
  return (minutes: number, draft: FactDraft): Fact =>
    ({
      id: `${conversationId}-${String(++n).padStart(3, '0')}`,
      conversationId,
      at: t0 + minutes * MINUTE,
      ...draft,
    }) as Fact;
}

/** Makes fresh sites through the sites API of a running server; each with its key. */
export function apiSiteMaker(server: () => { url: string }, name: string) {
  let serial = 0;
  return async (): Promise<{ siteId: string; key: string }> => {
    const answer = await call<{ siteId: string; key: string }>(server(), 'POST', '/api/v1/sites', {
      token: TEST_ADMIN_TOKEN,
      body: { name: `${name} ${++serial}`, allowedOrigins: [] },
    });
    expect(answer.status).toBe(201);
    return answer.body;
  };
}
