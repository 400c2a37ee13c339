/**
 * Chatwoot's webhook signatures (from version 4.11.2, when its webhook has a secret): the
 * `X-Chatwoot-Signature` header is `sha256=` and the hex HMAC-SHA256, keyed with the secret, of
 * `<X-Chatwoot-Timestamp>.<raw body>`; the timestamp is epoch seconds. The URL's token stays the
 * first check (decisions.md): the signature is checked only when the admin stored the secret.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** How far a signature's time may be from ours: a replay later than this is refused. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

export function signChatwoot(secret: string, timestamp: string, body: Buffer | string): string {
  const hmac = createHmac('sha256', secret).update(`${timestamp}.`).update(body);
  return `sha256=${hmac.digest('hex')}`;
}

export type SignatureCheck = 'valid' | 'missing' | 'stale' | 'invalid';

export function checkChatwootSignature(
  secret: string,
  headers: { signature: string | undefined; timestamp: string | undefined },
  body: Buffer,
  now: number,
): SignatureCheck {
  const { signature, timestamp } = headers;
  if (!signature || !timestamp) return 'missing';
  if (!/^[0-9]{1,12}$/.test(timestamp)) return 'invalid';
  if (Math.abs(now / 1000 - Number(timestamp)) > SIGNATURE_TOLERANCE_SECONDS) return 'stale';
  const given = Buffer.from(signature.trim().toLowerCase());
  const expected = Buffer.from(signChatwoot(secret, timestamp, body));
  return given.length === expected.length && timingSafeEqual(given, expected) ? 'valid' : 'invalid';
}
