/**
 * Backoff for anything that checks an account's password (console sign-in, a new password), in
 * three layers (issue 9, L1; decisions.md "Sign-in backoff"):
 *
 *   - per email and address: after a few failures in a row, each further attempt must wait, from
 *     one second doubling up to a cap, so guessing a password from one place takes years while a
 *     person who mistyped waits a moment. A success starts this one over.
 *   - per address, across emails: the same, looser (offices share an address), so one network
 *     cannot try one password on many emails. A success does not start it over (L2): signing in
 *     to one's own account must not buy more guesses at other people's.
 *   - per email, across all addresses: a slower throttle. Past `emailFailuresPerHour` failures it
 *     delays each address's next attempt for that email by `emailDelayMs`, and then lets that
 *     attempt through. Guesses from many addresses slow down; the owner, from any address, is
 *     delayed but never refused (decisions.md): guesses elsewhere cannot lock them out (L1).
 *
 * IPv6 addresses count per /64: one machine is usually given a whole block of them.
 *
 * An attempt counts as a failure from the moment it starts, and is forgiven when it succeeds:
 * checking a password takes a while, and many guesses sent at once must not all slip through
 * before the first one has failed.
 */
import type { Clock } from '../clock';
import { RateLimited } from '../errors';
import { retryAfterSeconds } from './limiter';
import { normalAddress } from './members';
import type { SignInBackoff } from './policy';

interface Failures {
  count: number;
  lastAt: number;
  /** No attempt before this instant. */
  waitUntil: number;
}

/** How many failures an email has had lately: leaks away at the allowed hourly rate. */
interface Load {
  level: number;
  at: number;
}

const HOUR = 3_600_000;

/**
 * Most keys tracked at once, in each map; the longest quiet are forgotten first. Bounds the
 * memory a stream of made-up emails can take (the per-address attempt rate bounds it too).
 */
const MAX_TRACKED = 100_000;

/** Deletes the oldest entries past the bound (maps keep insertion order: re-set when touched). */
function bound<V>(map: Map<string, V>): void {
  while (map.size > MAX_TRACKED) {
    const oldest = map.keys().next();
    if (oldest.done) return;
    map.delete(oldest.value);
  }
}

/** An address as the backoff counts it (see `normalAddress`: IPv6 by its /64 block). */
export const block = (ip: string | undefined): string => (ip ? normalAddress(ip) : '');

export class SignInGuard {
  private readonly failures = new Map<string, Failures>();
  private readonly loads = new Map<string, Load>();
  /** Per email and address, while the email is throttled: when that address may try again. */
  private readonly turns = new Map<string, number>();

  constructor(
    private readonly clock: Clock,
    private readonly backoff: SignInBackoff,
  ) {}

  /**
   * Refuses while the email from this address, or the address, must wait, or while the email's
   * throttle delays this address; otherwise the attempt goes ahead and counts as a failure until
   * `succeeded`.
   */
  begin(ip: string | undefined, email: string): void {
    const now = this.clock.now();
    const keys = this.keysOf(ip, email);
    const waitMs = Math.max(...keys.map(([key]) => this.waitOf(key, now)));
    if (waitMs > 0) {
      const seconds = retryAfterSeconds(waitMs);
      throw new RateLimited(`Too many failed sign-ins: try again in ${seconds} s.`, seconds);
    }
    const turn = `${email}\n${block(ip)}`;
    if (this.throttled(email, now)) {
      let turnAt = this.turns.get(turn);
      if (turnAt === undefined) {
        turnAt = now + this.backoff.emailDelayMs;
        this.turns.set(turn, turnAt);
        bound(this.turns);
      }
      if (now < turnAt) {
        const seconds = retryAfterSeconds(turnAt - now);
        throw new RateLimited(
          `Many failed sign-ins for this email lately: try again in ${seconds} s.`,
          seconds,
        );
      }
    }
    // The attempt goes ahead: it uses up this address's turn, and its next one (while the email
    // is throttled) waits again.
    this.turns.delete(turn);
    for (const [key, free] of keys) this.fail(key, free, now);
    this.load(email, now, 1);
  }

  /**
   * The attempt was right: the email from this address starts over; the address and the email
   * forgive this one attempt, and nothing more.
   */
  succeeded(ip: string | undefined, email: string): void {
    const now = this.clock.now();
    const [pair, address] = this.keysOf(ip, email);
    if (pair) this.failures.delete(pair[0]);
    if (address) this.forgive(address[0], address[1]);
    this.load(email, now, -1);
  }

  private keysOf(ip: string | undefined, email: string): [key: string, free: number][] {
    const keys: [string, number][] = [
      [`pair:${email}\n${block(ip)}`, this.backoff.freeFailuresPerEmail],
    ];
    if (ip) keys.push([`ip:${block(ip)}`, this.backoff.freeFailuresPerIp]);
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

  /** How long the `count`-th failure in a row makes the next attempt wait. */
  private waitAfter(count: number, free: number): number {
    const { firstWaitMs, longestWaitMs } = this.backoff;
    // The `free`-th failure in a row is the first to make the next attempt wait.
    return count < free
      ? 0
      : Math.min(longestWaitMs, firstWaitMs * 2 ** Math.min(count - free, 40));
  }

  private fail(key: string, free: number, now: number): void {
    const count = (this.current(key, now)?.count ?? 0) + 1;
    // Deleted and set again, so the map's order is oldest-quiet first.
    this.failures.delete(key);
    this.failures.set(key, { count, lastAt: now, waitUntil: now + this.waitAfter(count, free) });
    bound(this.failures);
  }

  /** Takes back one failure counted at the start of an attempt that then succeeded. */
  private forgive(key: string, free: number): void {
    const entry = this.failures.get(key);
    if (!entry) return;
    const count = entry.count - 1;
    if (count <= 0) {
      this.failures.delete(key);
      return;
    }
    entry.count = count;
    entry.waitUntil = Math.min(entry.waitUntil, entry.lastAt + this.waitAfter(count, free));
  }

  /** The email's recent failures, leaked away at the allowed rate, plus `add`. */
  private load(email: string, now: number, add: number): number {
    const rate = this.backoff.emailFailuresPerHour / HOUR;
    const before = this.loads.get(email);
    const level = Math.max(0, (before ? before.level - (now - before.at) * rate : 0) + add);
    this.loads.delete(email);
    if (level > 0) {
      this.loads.set(email, { level, at: now });
      bound(this.loads);
    }
    return level;
  }

  /** Whether the email has failed more than its hourly allowance lately. */
  private throttled(email: string, now: number): boolean {
    return this.load(email, now, 0) >= this.backoff.emailFailuresPerHour;
  }
}
