/**
 * The demo: one site and two agents with published credentials, created on start when
 * PEAKEND_DEMO is on (refused in production). Safe to run on every start.
 */
import { DEFAULT_SETTINGS } from '../../shared/settings';
import { hashPassword } from '../auth/passwords';
import type { Clock } from '../clock';
import type { Agent, Store } from '../storage/store';

export const DEMO_SITE_ID = 'demo';
export const DEMO_PASSWORD = 'peakend-demo';
export const DEMO_AGENTS: readonly Pick<Agent, 'id' | 'name' | 'email' | 'role'>[] = [
  { id: 'anna', name: 'Anna Jansen', email: 'anna@demo.peakend.test', role: 'supervisor' },
  { id: 'ben', name: 'Ben Okafor', email: 'ben@demo.peakend.test', role: 'agent' },
];

export async function seedDemo(store: Store, clock: Clock, publicUrl: string): Promise<void> {
  const now = clock.now();
  if (!(await store.getSite(DEMO_SITE_ID))) {
    await store.createSite({
      id: DEMO_SITE_ID,
      name: 'Northwind Outfitters (demo)',
      allowedOrigins: [new URL(publicUrl).origin],
      settings: DEFAULT_SETTINGS,
      keyHash: null,
      createdAt: now,
    });
  }
  for (const agent of DEMO_AGENTS) {
    if (await store.getAgent(DEMO_SITE_ID, agent.id)) continue;
    await store.saveAgent(
      { ...agent, siteId: DEMO_SITE_ID, createdAt: now },
      await hashPassword(DEMO_PASSWORD),
    );
  }
}
