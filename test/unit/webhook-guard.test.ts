/**
 * Where webhooks may go (server/webhooks/guard.ts), and how retries spread out
 * (server/webhooks/worker.ts).
 */
import { describe, expect, it } from 'vitest';
import {
  destinationGuard,
  ForbiddenDestination,
  mayConnect,
  parseAllowlist,
} from '../../server/webhooks/guard';
import { retryDelay } from '../../server/webhooks/worker';

const none = parseAllowlist([]);

describe('the destination guard', () => {
  it.each([
    '127.0.0.1',
    '127.8.9.10',
    '10.0.0.1',
    '172.16.5.4',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '224.0.0.1',
    '255.255.255.255',
    '::1',
    '::',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '0:0:0:0:0:ffff:7f00:1',
    '::ffff:10.0.0.1',
    'fd12:3456::1',
    'fe80::1',
    'ff02::1',
  ])('refuses %s', (address) => {
    expect(mayConnect(address, none)).toBe(false);
  });

  it.each(['93.184.216.34', '8.8.8.8', '2606:4700:4700::1111', '::ffff:8.8.8.8'])(
    'lets %s through',
    (address) => {
      expect(mayConnect(address, none)).toBe(true);
    },
  );

  it('lets through the subnets and host names the operator allows', () => {
    const allow = parseAllowlist(['10.20.0.0/16', 'fd00::/8', 'Hooks.Internal']);
    expect(mayConnect('10.20.3.4', allow)).toBe(true);
    expect(mayConnect('10.21.0.1', allow)).toBe(false);
    expect(mayConnect('fd00::5', allow)).toBe(true);
    expect(allow.hosts.has('hooks.internal')).toBe(true);
    expect(() => parseAllowlist(['10.0.0.0/33'])).toThrow(/prefix/);
    expect(() => parseAllowlist(['https://x'])).toThrow(/neither/);
  });

  it('refuses an address in the URL at once, and a name when it resolves to one', async () => {
    const guard = destinationGuard(true, none);
    expect(() => guard.checkHost('127.0.0.1')).toThrow(ForbiddenDestination);
    expect(() => guard.checkHost('[::1]')).toThrow(ForbiddenDestination);
    expect(() => guard.checkHost('example.com')).not.toThrow(); // resolved at connect time
    const resolved = await new Promise<{ error: Error | null }>((resolve) =>
      guard.lookup('localhost', {}, (error) => resolve({ error })),
    );
    expect(resolved.error).toBeInstanceOf(ForbiddenDestination);
    expect(resolved.error?.message).toMatch(/localhost resolves to .*not a public address/);
  });

  it('lets everything through when off (development, tests)', async () => {
    const guard = destinationGuard(false, none);
    expect(() => guard.checkHost('127.0.0.1')).not.toThrow();
    const resolved = await new Promise<{ error: Error | null; address: unknown }>((resolve) =>
      guard.lookup('localhost', {}, (error, address) => resolve({ error, address })),
    );
    expect(resolved.error).toBeNull();
    expect(String(resolved.address)).toMatch(/^(127\.0\.0\.1|::1)$/);
  });
});

describe('retry delays', () => {
  it('retry first within 10 s, then back off exponentially with jitter, at most an hour', () => {
    for (const random of [0, 0.5, 0.999]) {
      const delays = Array.from({ length: 30 }, (_, i) => retryDelay(i + 1, () => random));
      expect(delays[0]).toBeLessThanOrEqual(10_000);
      expect(delays[0]).toBeGreaterThan(0);
      for (let i = 1; i < delays.length; i++) {
        expect(delays[i]).toBeGreaterThanOrEqual(delays[i - 1]!);
      }
      expect(Math.max(...delays)).toBeLessThanOrEqual(3_600_000);
    }
    // Jitter: two workers failing together do not retry together.
    expect(retryDelay(3, () => 0)).not.toBe(retryDelay(3, () => 0.9));
  });
});
