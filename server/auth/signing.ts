/**
 * What a customer's own server vouches for in the browser, signed with the site's signing secret
 * (HMAC-SHA256, hex, as most chat products do it):
 *   - host-chat mode: `peakend('rate', {conversationId, signature})` lets this visitor rate that
 *     helpdesk conversation; `signature = HMAC(signingSecret, conversationId)`;
 *   - identity verification: `peakend('init', {userId, userHash})` says the visitor is that
 *     signed-in user; `userHash = HMAC(signingSecret, userId)`.
 *
 * The secret is derived from a server secret, the site id and the site key's hash, so nothing
 * more is stored and rotating the site key rotates the signing secret with it.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export function siteSigningSecret(
  serverSecret: Buffer,
  site: { id: string; keyHash: string | null },
): string {
  return createHmac('sha256', serverSecret)
    .update(`signing\n${site.id}\n${site.keyHash ?? ''}`)
    .digest('base64url');
}

/** What the customer's server computes: lowercase hex HMAC-SHA256 of `value`. */
export function signValue(signingSecret: string, value: string): string {
  return createHmac('sha256', signingSecret).update(value).digest('hex');
}

export function verifySignedValue(
  signingSecret: string,
  value: string,
  signature: string,
): boolean {
  const given = Buffer.from(signature.toLowerCase());
  const expected = Buffer.from(signValue(signingSecret, value));
  return given.length === expected.length && timingSafeEqual(given, expected);
}
