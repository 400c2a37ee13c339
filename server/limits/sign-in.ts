/**
 * Backoff for console sign-in: after a few failures in a row for one email (or many from one
 * address), each further attempt must wait, from one second doubling up to a cap, so guessing a
 * password takes years while a person who mistyped waits a moment. A success starts over.
 *
 * An attempt counts as a failure from the moment it starts, and is forgiven when it succeeds:
 * checking a password takes a while, and many guesses sent at once must not all slip through
 * before the first one has failed.
 */
import type { Clock } from '../clock';
import { RateLimited } from '../errors';
import { retryAfterSeconds } from './limiter';
import type { SignInBackoff } from './policy';

interface Failures {
  count: number;
  lastAt: number;
  /** No attempt before this instant. */
  waitUntil: number;
}

/**
 * Most emails and addresses tracked at once; the longest quiet are forgotten first. Bounds the
 * memory a stream of made-up emails can take (the per-address attempt rate bounds it too).
 */
const MAX_TRACKED = 100_000;

export class SignInGuard {
  private readonly failures = new Map<string, Failures>();

  constructor(
    private readonly clock: Clock,
    private readonly backoff: SignInBackoff,
  ) {}

  /**
   * Refuses while the email or the address must wait; otherwise the attempt goes ahead and
   * counts as a failure until `succeeded`.
   */
  begin(ip: string | undefined, email: string): void {
    const now = this.clock.now();
    const keys = this.keysOf(ip, email);
    const waitMs = Math.max(...keys.map(([key]) => this.waitOf(key, now)));
    if (waitMs > 0) {
      const seconds = retryAfterSeconds(waitMs);
      throw new RateLimited(`Too many failed sign-ins: try again in ${seconds} s.`, seconds);
    }
    for (const [key, free] of keys) this.fail(key, free, now);
  }

  /** The attempt was right: the email and the address start over. */
  succeeded(ip: string | undefined, email: string): void {
    for (const [key] of this.keysOf(ip, email)) this.failures.delete(key);
  }

  private keysOf(ip: string | undefined, email: string): [key: string, free: number][] {
    const keys: [string, number][] = [[`email:${email}`, this.backoff.freeFailuresPerEmail]];
    if (ip) keys.push([`ip:${ip}`, this.backoff.freeFailuresPerIp]);
    return keys;
  }

  private current(key: string, now: number): Failures | undefined {
    const entry = this.failures.get(key);
    if (entry && now - entry.lastAt > this.backoff.forgetAfterMs) {
      this.failures.delete(key);
      return undefined;
    }
    return entry;
  }

  private waitOf(key: string, now: number): number {
    const entry = this.current(key, now);
    return entry ? Math.max(0, entry.waitUntil - now) : 0;
  }

  private fail(key: string, free: number, now: number): void {
    const count = (this.current(key, now)?.count ?? 0) + 1;
    const { firstWaitMs, longestWaitMs } = this.backoff;
    // The `free`-th failure in a row is the first to make the next attempt wait.
    const waitMs =
      count < free ? 0 : Math.min(longestWaitMs, firstWaitMs * 2 ** Math.min(count - free, 40));
    // Deleted and set again, so the map's order is oldest-quiet first.
    this.failures.delete(key);
    this.failures.set(key, { count, lastAt: now, waitUntil: now + waitMs });
    if (this.failures.size > MAX_TRACKED) {
      const oldest = this.failures.keys().next();
      if (!oldest.done) this.failures.delete(oldest.value);
    }
  }
}
