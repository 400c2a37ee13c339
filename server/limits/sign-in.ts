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
import { HOUR } from '../../shared/time';
import type { Clock } from '../clock';
import { RateLimited } from '../errors';
import { retryAfterSeconds } from './limiter';
import { normalAddress } from './members';
import type { SignInBackoff } from './policy';
import { MemoryRecords, type Records } from '../storage/records';

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

/** An address as the backoff counts it (see `normalAddress`: IPv6 by its /64 block). */
export const block = (ip: string | undefined): string => (ip ? normalAddress(ip) : '');

/** A record of the backoff (see the keys below). */
type BackoffRecord = Failures | Load | number;

export class SignInGuard {
  constructor(
    private readonly clock: Clock,
    private readonly backoff: SignInBackoff,
    /** Where the counts are kept: shared by every node on PostgreSQL (./records.ts). */
    private readonly records: Records = new MemoryRecords(),
  ) {}

  /**
   * Refuses while the email from this address, or the address, must wait, or while the email's
   * throttle delays this address; otherwise the attempt goes ahead and counts as a failure until
   * `succeeded`.
   */
  async begin(ip: string | undefined, email: string): Promise<void> {
    const now = this.clock.now();
    const keys = this.keysOf(ip, email);
    const turn = `turn:${email}\n${block(ip)}`;
    const loadKey = `load:${email}`;
    const refusal = await this.records.change(
      [...keys.map(([key]) => key), turn, loadKey],
      { now, expires: now + this.backoff.forgetAfterMs },
      (records: Map<string, BackoffRecord>) => {
        const waitMs = Math.max(...keys.map(([key]) => this.waitOf(records, key, now)));
        if (waitMs > 0) {
          const seconds = retryAfterSeconds(waitMs);
          return new RateLimited(`Too many failed sign-ins: try again in ${seconds} s.`, seconds);
        }
        if (this.load(records, loadKey, now, 0) >= this.backoff.emailFailuresPerHour) {
          let turnAt = records.get(turn) as number | undefined;
          if (turnAt === undefined) {
            turnAt = now + this.backoff.emailDelayMs;
            records.set(turn, turnAt);
          }
          if (now < turnAt) {
            const seconds = retryAfterSeconds(turnAt - now);
            return new RateLimited(
              `Many failed sign-ins for this email lately: try again in ${seconds} s.`,
              seconds,
            );
          }
        }
        // The attempt goes ahead: it uses up this address's turn, and its next one (while the
        // email is throttled) waits again.
        records.delete(turn);
        for (const [key, free] of keys) this.fail(records, key, free, now);
        this.load(records, loadKey, now, 1);
        return null;
      },
    );
    if (refusal) throw refusal;
  }

  /**
   * The attempt was right: the email from this address starts over; the address and the email
   * forgive this one attempt, and nothing more.
   */
  async succeeded(ip: string | undefined, email: string): Promise<void> {
    const now = this.clock.now();
    const [pair, address] = this.keysOf(ip, email);
    const loadKey = `load:${email}`;
    const keys = [pair, address].flatMap((entry) => (entry ? [entry[0]] : []));
    await this.records.change(
      [...keys, loadKey],
      { now, expires: now + this.backoff.forgetAfterMs },
      (records: Map<string, BackoffRecord>) => {
        if (pair) records.delete(pair[0]);
        if (address) this.forgive(records, address[0], address[1]);
        this.load(records, loadKey, now, -1);
      },
    );
  }

  private keysOf(ip: string | undefined, email: string): [key: string, free: number][] {
    const keys: [string, number][] = [
      [`pair:${email}\n${block(ip)}`, this.backoff.freeFailuresPerEmail],
    ];
    if (ip) keys.push([`ip:${block(ip)}`, this.backoff.freeFailuresPerIp]);
    return keys;
  }

  private current(
    records: Map<string, BackoffRecord>,
    key: string,
    now: number,
  ): Failures | undefined {
    const entry = records.get(key) as Failures | undefined;
    if (entry && now - entry.lastAt > this.backoff.forgetAfterMs) {
      records.delete(key);
      return undefined;
    }
    return entry;
  }

  private waitOf(records: Map<string, BackoffRecord>, key: string, now: number): number {
    const entry = this.current(records, key, now);
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

  private fail(records: Map<string, BackoffRecord>, key: string, free: number, now: number): void {
    const count = (this.current(records, key, now)?.count ?? 0) + 1;
    records.set(key, { count, lastAt: now, waitUntil: now + this.waitAfter(count, free) });
  }

  /** Takes back one failure counted at the start of an attempt that then succeeded. */
  private forgive(records: Map<string, BackoffRecord>, key: string, free: number): void {
    const entry = records.get(key) as Failures | undefined;
    if (!entry) return;
    const count = entry.count - 1;
    if (count <= 0) {
      records.delete(key);
      return;
    }
    records.set(key, {
      count,
      lastAt: entry.lastAt,
      waitUntil: Math.min(entry.waitUntil, entry.lastAt + this.waitAfter(count, free)),
    });
  }

  /** The email's recent failures, leaked away at the allowed rate, plus `add`. */
  private load(records: Map<string, BackoffRecord>, key: string, now: number, add: number): number {
    const rate = this.backoff.emailFailuresPerHour / HOUR;
    const before = records.get(key) as Load | undefined;
    const level = Math.max(0, (before ? before.level - (now - before.at) * rate : 0) + add);
    if (level > 0) records.set(key, { level, at: now });
    else records.delete(key);
    return level;
  }
}
