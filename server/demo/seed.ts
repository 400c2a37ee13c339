/**
 * The demo: one site and three people with published credentials, one of each role, created on
 * start when PEAKEND_DEMO is on (refused in production), with six weeks of history on its first
 * start. Safe to run on every start.
 */
import { createHmac } from 'node:crypto';
import type { Role } from '../../shared/accounts';
import { DEFAULT_SETTINGS } from '../../shared/settings';
import { hashPassword } from '../auth/passwords';
import { sha256 } from '../auth/tokens';
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
 * The demo's API credentials, for trying the API at once in development: an admin token (used
 * when PEAKEND_ADMIN_TOKEN is not set) and the demo site's key. Derived from a secret the store
 * keeps, so they stay the same from one start to the next and `npm start` can print them.
 */
export async function demoCredentials(
  store: Store,
): Promise<{ adminToken: string; siteKey: string }> {
  const secret = await store.secret('demo-credentials');
  const derive = (what: string) =>
    createHmac('sha256', secret).update(what).digest('base64url').slice(0, 32);
  return { adminToken: `dev_${derive('admin-token')}`, siteKey: `demo_${derive('site-key')}` };
}

/**
 * The demo's credentials as `npm start` prints them: the site key only while the demo site still
 * has it (an admin may have rotated it since, and a stale key would answer 401).
 */
export async function printableDemoCredentials(
  store: Store,
): Promise<{ adminToken: string; siteKey: string | null }> {
  const credentials = await demoCredentials(store);
  const site = await store.getSite(DEMO_SITE_ID);
  const current = site?.keyHash === sha256(credentials.siteKey);
  return { ...credentials, siteKey: current ? credentials.siteKey : null };
}

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
  const keyHash = sha256((await demoCredentials(store)).siteKey);
  const existing = await store.getSite(DEMO_SITE_ID);
  if (!existing) {
    await store.createSite({
      id: DEMO_SITE_ID,
      name: 'Northwind Outfitters (demo)',
      allowedOrigins: [new URL(publicUrl).origin],
      settings: DEFAULT_SETTINGS,
      keyHash,
      createdAt: now,
    });
  } else if (existing.keyHash === null) {
    // A demo from before it had a key: give it the one `npm start` prints.
    await store.rotateSiteKey(DEMO_SITE_ID, keyHash, null);
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
