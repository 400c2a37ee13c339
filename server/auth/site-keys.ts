/**
 * Which keys a site accepts, and when. Its current key always; after a rotation with a grace
 * period, also the key that rotation replaced, until the grace period ends (by time, or when an
 * admin revokes it). Everything derived from a key lives exactly as long as the key does: its
 * signing secret's signatures (auth/signing.ts) and the visitor tokens issued under it
 * (auth/tokens.ts). Nothing has to happen when a grace period ends: each check asks the time.
 */
import type { PreviousKey } from '../storage/store';

/** What the checks need of a site. */
export interface KeyedSite {
  id: string;
  keyHash: string | null;
  previousKey?: PreviousKey | null;
}

/** The site's previous key, if its grace period still runs at `now`. */
export function previousKeyAt(site: KeyedSite, now: number): PreviousKey | null {
  const previous = site.previousKey;
  return previous && now < previous.until ? previous : null;
}

/** The key hashes the site accepts at `now`: the current one first, then one in grace. */
export function acceptedKeyHashes(site: KeyedSite, now: number): (string | null)[] {
  const previous = previousKeyAt(site, now);
  return previous ? [site.keyHash, previous.keyHash] : [site.keyHash];
}

/** Whether the site still accepts `keyHash` (what a visitor socket is bound to) at `now`. */
export function acceptsKey(site: KeyedSite, keyHash: string | null, now: number): boolean {
  return acceptedKeyHashes(site, now).includes(keyHash);
}
