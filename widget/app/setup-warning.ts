/**
 * Setup problems the page's webmaster can fix (an origin not allowed, an unknown site, a
 * userHash or signature that does not verify): the visitor keeps "Chat isn't available", and
 * the page's console gets one warning per cause, with the server's words naming the fix.
 */
import type { SetupCause } from '../../shared/ack';

const warned = new Set<string>();

/** Warns about `cause` once per page; anything that is not a setup problem is ignored. */
export function warnSetup(cause: SetupCause | undefined, message: string | undefined): void {
  if (!cause || warned.has(cause)) return;
  warned.add(cause);
  console.warn(`Peakend: ${message || cause}`);
}
