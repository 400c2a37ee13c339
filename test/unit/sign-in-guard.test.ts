/**
 * The sign-in backoff as an attacker meets it (issue 9, L1; decisions.md "Sign-in backoff"):
 * the addresses of one IPv6 /64, which one machine is usually given whole, are one address.
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
async function tries(g: SignInGuard, ip: string): Promise<boolean> {
  try {
    await g.begin(ip, EMAIL);
    return true;
  } catch (error) {
    if (error instanceof RateLimited) return false;
    throw error;
  }
}

describe('the per-email throttle', () => {
  it('counts the addresses of one IPv6 /64 as one address', async () => {
    expect(block('2001:db8:1:2:aaaa::1')).toBe(block('2001:db8:1:2:ffff:1:2:3'));
    expect(block('2001:db8:1:2::')).toBe('2001:db8:1:2::/64');
    expect(block('2001:db8::7')).toBe('2001:db8:0:0::/64');
    expect(block('2001:db8:1:3::1')).not.toBe(block('2001:db8:1:2::1'));
    expect(block('::ffff:203.0.113.9')).toBe('203.0.113.9');

    // Twenty wrong guesses at one email from twenty addresses of one /64 meet the backoff.
    const { guard: g } = guard();
    const outcomes: boolean[] = [];
    for (let i = 0; i < 20; i++) outcomes.push(await tries(g, `2001:db8:1:2::${i + 1}`));
    expect(outcomes.slice(0, backoff.freeFailuresPerEmail).every(Boolean)).toBe(true);
    expect(outcomes.slice(backoff.freeFailuresPerEmail + 1).some(Boolean)).toBe(false);
  });
});
