/**
 * Bearer credentials of the public API: the admin token (sites API) and site keys (events and
 * scores). Secrets are compared as hashes, in constant time.
 */
import { timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import { sha256 } from '../auth/tokens';
import { Refusal } from '../errors';

/** The token of an `Authorization: Bearer …` header; refuses a missing or malformed one. */
export function bearerToken(req: Request): string {
  const header = req.headers.authorization;
  if (!header) {
    throw new Refusal('unauthorized', 'Send your key as "Authorization: Bearer <key>".');
  }
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match?.[1]) {
    throw new Refusal('unauthorized', 'The Authorization header must be "Bearer <key>".');
  }
  return match[1];
}

/** Whether `token` hashes to `hash`, without leaking how much of it matched. */
export function matchesHash(token: string, hash: string | null): boolean {
  if (!hash) return false;
  const given = Buffer.from(sha256(token));
  const expected = Buffer.from(hash);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Refuses unless the request carries the admin token set by PEAKEND_ADMIN_TOKEN. */
export function requireAdmin(req: Request, adminTokenHash: string | null): void {
  const token = bearerToken(req);
  if (adminTokenHash === null) {
    throw new Refusal(
      'forbidden',
      'The admin API is off: set PEAKEND_ADMIN_TOKEN on the server to use it.',
    );
  }
  if (!matchesHash(token, adminTokenHash)) {
    throw new Refusal('unauthorized', 'This token is not the admin token.');
  }
}
