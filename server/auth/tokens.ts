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

export function issueVisitorToken(
  secret: Buffer,
  siteId: string,
): { visitorId: string; token: string } {
  const visitorId = `v-${randomToken(12)}`;
  return { visitorId, token: `${visitorId}.${sign(secret, siteId, visitorId)}` };
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
