/**
 * What a customer's own server vouches for in the browser, signed with the site's signing secret
 * (HMAC-SHA256, lowercase hex). Each kind of claim signs its value behind its own label, so a
 * signature made for one kind never passes for another:
 *   - host-chat mode: `peakend('rate', {conversationId, signature})` lets this visitor rate that
 *     helpdesk conversation; `signature = HMAC(signingSecret, "conversation:" + conversationId)`;
 *   - identity verification: `peakend('init', {userId, userHash})` says the visitor is that
 *     signed-in user; `userHash = HMAC(signingSecret, "user:" + userId)`.
 * Without the labels, the signature of conversation "42" was also the userHash of user "42".
 *
 * The secret is derived from a server secret, the site id and the site key's hash, so nothing
 * more is stored and rotating the site key rotates the signing secret with it. During a
 * rotation's grace period the previous key's secret still signs (auth/site-keys.ts).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { acceptedKeyHashes, type KeyedSite } from './site-keys';

/** What a signature vouches for; its label is signed in front of the value. */
export type SignedKind = 'conversation' | 'user';

export function siteSigningSecret(
  serverSecret: Buffer,
  site: { id: string; keyHash: string | null },
): string {
  return createHmac('sha256', serverSecret)
    .update(`signing\n${site.id}\n${site.keyHash ?? ''}`)
    .digest('base64url');
}

/** What the customer's server computes: lowercase hex HMAC-SHA256 of `kind:value`. */
export function signValue(signingSecret: string, kind: SignedKind, value: string): string {
  return createHmac('sha256', signingSecret).update(`${kind}:${value}`).digest('hex');
}

export function verifySignedValue(
  signingSecret: string,
  kind: SignedKind,
  value: string,
  signature: string,
): boolean {
  const given = Buffer.from(signature.toLowerCase());
  const expected = Buffer.from(signValue(signingSecret, kind, value));
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * Which accepted key's signing secret made `signature` of `value` at `now`: the hash of the
 * current key, or of the previous one while its grace period runs; undefined when neither did.
 * (A site without a key signs with the secret of no key, whose hash is null.)
 */
export function signingKeyOf(
  serverSecret: Buffer,
  site: KeyedSite,
  now: number,
  kind: SignedKind,
  value: string,
  signature: string,
): { keyHash: string | null } | undefined {
  for (const keyHash of acceptedKeyHashes(site, now)) {
    const secret = siteSigningSecret(serverSecret, { id: site.id, keyHash });
    if (verifySignedValue(secret, kind, value, signature)) return { keyHash };
  }
  return undefined;
}
