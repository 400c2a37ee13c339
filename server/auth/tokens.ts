/**
 * Random tokens and their signatures: agent session cookies (stored only as hashes) and visitor
 * tokens (`visitorId.signature`, HMAC over site and visitor with a server secret), so a visitor
 * can only ever reach their own conversations.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const randomToken = (bytes = 32): string => randomBytes(bytes).toString('base64url');

export const sha256 = (text: string): string =>
  createHash('sha256').update(text).digest('base64url');

function sign(secret: Buffer, siteId: string, visitorId: string): string {
  return createHmac('sha256', secret).update(`${siteId}\n${visitorId}`).digest('base64url');
}

/** A token for `visitorId` (by default a new random visitor). */
export function issueVisitorToken(
  secret: Buffer,
  siteId: string,
  visitorId = `v-${randomToken(12)}`,
): { visitorId: string; token: string } {
  return { visitorId, token: `${visitorId}.${sign(secret, siteId, visitorId)}` };
}

/**
 * The visitor id of a signed-in user of the customer's site (identity verification): the same on
 * every device, and not the user id itself, which stays with the customer.
 */
export function verifiedVisitorId(siteId: string, userId: string): string {
  return `u-${sha256(`${siteId}\n${userId}`).slice(0, 22)}`;
}

/** The visitor id in a token, if the token was issued by this server for this site. */
export function verifyVisitorToken(secret: Buffer, siteId: string, token: string): string | null {
  const dot = token.lastIndexOf('.');
  if (dot <= 0) return null;
  const visitorId = token.slice(0, dot);
  const given = Buffer.from(token.slice(dot + 1));
  const expected = Buffer.from(sign(secret, siteId, visitorId));
  return given.length === expected.length && timingSafeEqual(given, expected) ? visitorId : null;
}
