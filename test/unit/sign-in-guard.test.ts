/**
 * The sign-in backoff as an attacker meets it (issue 9, L1; decisions.md "Sign-in backoff"):
 * guesses at one email from a thousand addresses go no faster than from one, IPv6 addresses of
 * one /64 are one address, and the owner still gets in from where they signed in before.
 */
import { describe, expect, it } from 'vitest';
import { RateLimited } from '../../server/errors';
import { RATE_LIMITS } from '../../server/limits/policy';
import { block, SignInGuard } from '../../server/limits/sign-in';

const backoff = RATE_LIMITS.signInBackoff;
const EMAIL = 'owner@shop.test';

function guard() {
  let now = Date.parse('2026-11-29T10:00:00Z');
  const clock = { now: () => now, advance: (ms: number) => void (now += ms) };
  return { clock, guard: new SignInGuard(clock, backoff) };
}

/** Whether an attempt from `ip` may go ahead now (it then fails, as a guess does). */
function tries(g: SignInGuard, ip: string): boolean {
  try {
    g.begin(ip, EMAIL);
    return true;
  } catch (error) {
    if (error instanceof RateLimited) return false;
    throw error;
  }
}

describe('the per-email throttle', () => {
  it('lets guesses from a thousand addresses through no faster than from one', () => {
    const { clock, guard: g } = guard();
    // The owner signs in from home once; their address keeps a turn of its own.
    g.begin('198.51.100.7', EMAIL);
    g.succeeded('198.51.100.7', EMAIL);

    let guesses = 0;
    let next = 0;
    // An hour of guesses, ten a second, from a thousand addresses in turn: each comes back every
    // 100 s, past its own 72 s turn.
    for (let t = 0; t < 3_600_000; t += 100) {
      const address = next++ % 1000;
      const ip = `10.0.${address >> 8}.${address & 255}`;
      if (tries(g, ip)) guesses += 1;
      clock.advance(100);
    }
    // The free allowance, then one every emailDelayMs for all those addresses together.
    const allowed = backoff.emailFailuresPerHour + 3_600_000 / backoff.emailDelayMs;
    expect(guesses).toBeLessThanOrEqual(allowed + 1);

    // The owner, from home, waits at most one delay, then gets in.
    let waited = 0;
    while (!tries(g, '198.51.100.7')) {
      clock.advance(1000);
      waited += 1000;
    }
    expect(waited).toBeLessThanOrEqual(backoff.emailDelayMs);
  });

  it('counts the addresses of one IPv6 /64 as one address', () => {
    expect(block('2001:db8:1:2:aaaa::1')).toBe(block('2001:db8:1:2:ffff:1:2:3'));
    expect(block('2001:db8:1:2::')).toBe('2001:db8:1:2::/64');
    expect(block('2001:db8::7')).toBe('2001:db8:0:0::/64');
    expect(block('2001:db8:1:3::1')).not.toBe(block('2001:db8:1:2::1'));
    expect(block('::ffff:203.0.113.9')).toBe('203.0.113.9');

    // Twenty wrong guesses at one email from twenty addresses of one /64 meet the backoff.
    const { guard: g } = guard();
    const outcomes = Array.from({ length: 20 }, (_, i) => tries(g, `2001:db8:1:2::${i + 1}`));
    expect(outcomes.slice(0, backoff.freeFailuresPerEmail).every(Boolean)).toBe(true);
    expect(outcomes.slice(backoff.freeFailuresPerEmail + 1).some(Boolean)).toBe(false);
  });
});
