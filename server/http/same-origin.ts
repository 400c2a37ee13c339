/**
 * Changes made with a console session must come from the console's own pages. SameSite=Lax
 * already keeps the cookie off requests from other sites, but not from sibling subdomains (a
 * shop at shop.example.com is "same-site" with a Peakend at chat.example.com); browsers send
 * Origin on every cross-origin POST, PATCH and DELETE, so checking it closes that gap. A client
 * without Origin is not a web page, and cannot ride on someone else's cookie.
 */
import type { Request } from 'express';
import { originAllowed } from '../auth/origins';
import { Refusal } from '../errors';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function requireSameOrigin(req: Request): void {
  if (READS.has(req.method)) return;
  if (originAllowed(req.headers.origin, [], req.headers.host)) return;
  throw new Refusal(
    'forbidden',
    'Changes with a console session are only accepted from the console itself.',
  );
}
