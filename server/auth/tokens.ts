/**
 * Random tokens and their signatures: agent session cookies (stored only as hashes) and visitor
 * tokens, so a visitor can only ever reach their own conversations.
 *
 * A visitor token is `visitorId.expires.signature`: `expires` in seconds since the epoch, and the
 * signature an HMAC with a server secret over the site, the site key's hash, the visitor and the
 * expiry. So a token
 *   - lasts `VISITOR_TOKEN_DAYS` from when it was issued; every connection of the widget gets a
 *     fresh one for the same visitor, so only a visitor away that long starts anew;
 *   - dies with the site key: rotating the key revokes every visitor token issued before, at
 *     once, or when the rotation's grace period ends (auth/site-keys.ts).
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { DAY } from '../../shared/time';
import { acceptedKeyHashes, type KeyedSite } from './site-keys';

export const randomToken = (bytes = 32): string => randomBytes(bytes).toString('base64url');

export const sha256 = (text: string): string =>
  createHash('sha256').update(text).digest('base64url');

/** How long a visitor token is valid after it was issued (renewed at every connection). */
export const VISITOR_TOKEN_DAYS = 30;

/** What a visitor token is bound to: the site, and the key it is issued under. */
export interface TokenSite {
  id: string;
  keyHash: string | null;
}

/** Visitor ids this server issues: `v-` (anonymous) or `u-` (verified user), then base64url. */
const VISITOR_ID = /^[uv]-[A-Za-z0-9_-]{1,64}$/;
const EXPIRES = /^[0-9]{1,12}$/;

function sign(secret: Buffer, site: TokenSite, visitorId: string, expires: string): string {
  return createHmac('sha256', secret)
    .update(`visitor\n${site.id}\n${site.keyHash ?? ''}\n${visitorId}\n${expires}`)
    .digest('base64url');
}

/** A token for `visitorId` (by default a new random visitor), valid from `now`. */
export function issueVisitorToken(
  secret: Buffer,
  site: TokenSite,
  now: number,
  visitorId = `v-${randomToken(12)}`,
): { visitorId: string; token: string } {
  const expires = String(Math.floor((now + VISITOR_TOKEN_DAYS * DAY) / 1000));
  return { visitorId, token: `${visitorId}.${expires}.${sign(secret, site, visitorId, expires)}` };
}

/**
 * The visitor id of a signed-in user of the customer's site (identity verification): the same on
 * every device, and not the user id itself, which stays with the customer.
 */
export function verifiedVisitorId(siteId: string, userId: string): string {
  return `u-${sha256(`${siteId}\n${userId}`).slice(0, 22)}`;
}

/**
 * The visitor id in a token, and the key it was issued under, if this server issued it for this
 * site under a key the site accepts at `now` (its current key, or the previous one while a
 * rotation's grace period runs) and it has not expired at `now`.
 */
export function readVisitorToken(
  secret: Buffer,
  site: KeyedSite,
  token: string,
  now: number,
): { visitorId: string; keyHash: string | null } | null {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  const [visitorId, expires, signature] = parts as [string, string, string];
  if (!VISITOR_ID.test(visitorId) || !EXPIRES.test(expires)) return null;
  if (Number(expires) * 1000 <= now) return null;
  const given = Buffer.from(signature);
  for (const keyHash of acceptedKeyHashes(site, now)) {
    const expected = Buffer.from(sign(secret, { id: site.id, keyHash }, visitorId, expires));
    if (given.length === expected.length && timingSafeEqual(given, expected)) {
      return { visitorId, keyHash };
    }
  }
  return null;
}

/** The visitor id in a token the site accepts at `now` (`readVisitorToken`), else null. */
export function verifyVisitorToken(
  secret: Buffer,
  site: KeyedSite,
  token: string,
  now: number,
): string | null {
  return readVisitorToken(secret, site, token, now)?.visitorId ?? null;
}
