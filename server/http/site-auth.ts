/**
 * Which site a request with a site key may act for. The four answers are distinct so an
 * integrator can tell what to fix: no key (401), a key we do not know (401), a site that does not
 * exist (404), a key of another site (403).
 */
import type { Request } from 'express';
import { sha256 } from '../auth/tokens';
import { Refusal } from '../errors';
import type { Site, Store } from '../storage/store';
import { bearerToken, matchesHash } from './bearer';
import { existingSite } from './caller';

export async function authenticateSite(req: Request, store: Store): Promise<Site> {
  const token = bearerToken(req);
  const siteId = String(req.params.siteId);
  const site = await existingSite(store, siteId);
  if (matchesHash(token, site.keyHash)) return site;
  const owner = await store.findSiteByKeyHash(sha256(token));
  if (owner) {
    throw new Refusal('forbidden', `This key belongs to another site, not to "${siteId}".`);
  }
  throw new Refusal('unauthorized', 'Unknown site key.');
}
