/**
 * The demo: one site and three people with published credentials, one of each role, created on
 * start when PEAKEND_DEMO is on (refused in production), with six weeks of history on its first
 * start. Safe to run on every start.
 */
import type { Role } from '../../shared/accounts';
import { DEFAULT_SETTINGS } from '../../shared/settings';
import { hashPassword } from '../auth/passwords';
import type { Clock } from '../clock';
import type { Store } from '../storage/store';
import { seedDemoHistory } from './history';

export const DEMO_SITE_ID = 'demo';
export const DEMO_PASSWORD = 'peakend-demo';
export const DEMO_AGENTS: readonly { id: string; name: string; email: string; role: Role }[] = [
  { id: 'anna', name: 'Anna Jansen', email: 'anna@demo.peakend.test', role: 'supervisor' },
  { id: 'ben', name: 'Ben Okafor', email: 'ben@demo.peakend.test', role: 'agent' },
  { id: 'dana', name: 'Dana Reyes', email: 'dana@demo.peakend.test', role: 'admin' },
];

/**
 * `history`: also six weeks of conversations on the site's first start (demo/history.ts), as
 * `npm start` shows it; tests start from an empty site.
 */
export async function seedDemo(
  store: Store,
  clock: Clock,
  publicUrl: string,
  { history = false } = {},
): Promise<void> {
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
  let passwordHash: string | undefined;
  for (const person of DEMO_AGENTS) {
    if (await store.getAgent(DEMO_SITE_ID, person.id)) continue;
    let account = (await store.findCredentials(person.email))?.account;
    if (!account) {
      account = {
        id: `acct_demo_${person.id}`,
        email: person.email,
        name: person.name,
        createdAt: now,
      };
      passwordHash ??= await hashPassword(DEMO_PASSWORD);
      await store.createAccount(account, passwordHash);
    }
    await store.saveAgent({
      siteId: DEMO_SITE_ID,
      id: person.id,
      name: person.name,
      role: person.role,
      accountId: account.id,
      email: account.email,
      createdAt: now,
    });
  }
  if (history) {
    const site = await store.getSite(DEMO_SITE_ID);
    if (site) await seedDemoHistory(store, site, now);
  }
}
