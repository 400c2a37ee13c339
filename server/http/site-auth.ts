/**
 * Which site a request with a site key may act for. The four answers are distinct so an
 * integrator can tell what to fix: no key (401), a key we do not know (401), a site that does not
 * exist (404), a key of another site (403).
 */
import type { Request } from 'express';
import { may } from '../auth/roles';
import type { Sessions } from '../auth/sessions';
import { acceptedKeyHashes } from '../auth/site-keys';
import { sha256 } from '../auth/tokens';
import type { Clock } from '../clock';
import { Refusal } from '../errors';
import type { Site, Store } from '../storage/store';
import { bearerToken, matchesHash } from './bearer';
import { existingSite } from './caller';

export async function authenticateSite(req: Request, store: Store, clock: Clock): Promise<Site> {
  const token = bearerToken(req);
  const siteId = String(req.params.siteId);
  const site = await existingSite(store, siteId);
  const now = clock.now();
  // The current key, or the previous one while a rotation's grace period runs.
  if (acceptedKeyHashes(site, now).some((hash) => matchesHash(token, hash))) return site;
  const owner = await store.findSiteByKeyHash(sha256(token), now);
  if (owner) {
    throw new Refusal('forbidden', `This key belongs to another site, not to "${siteId}".`);
  }
  throw new Refusal('unauthorized', 'Unknown site key.');
}

/**
 * The site, for a supervisor or admin of it signed in to the console, else for its key: who may
 * read what a site's team has earned (scores, ratings, comments). `what` names it in the refusal.
 * A request with an Authorization header is judged by that header alone.
 */
export async function supervisorOrSiteKey(
  req: Request,
  store: Store,
  sessions: Sessions,
  clock: Clock,
  what: string,
): Promise<Site> {
  const signedIn = req.headers.authorization ? null : await sessions.signedIn(req.headers.cookie);
  if (!signedIn) return authenticateSite(req, store, clock);
  const siteId = String(req.params.siteId);
  const member = await store.memberOf(signedIn.account.id, siteId);
  if (!member || !may(member.role, 'supervise')) {
    throw new Refusal('forbidden', `Only the site's supervisors and admins may read ${what} here.`);
  }
  return existingSite(store, siteId);
}
