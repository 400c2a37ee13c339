import { describe, expect, it } from 'vitest';
import { mergeProfile, PROFILE_LIMITS } from '../../shared/profile';

describe("the visitor's profile, as the page sets it", () => {
  it('merges calls in order, and null takes a key away', () => {
    const first = mergeProfile({}, { segment: 'business', plan: 'pro', seats: '12' });
    expect(first).toEqual({
      profile: { segment: 'business', attributes: { plan: 'pro', seats: '12' } },
      rejected: [],
    });
    const second = mergeProfile(first.profile, { plan: 'enterprise', seats: null, segment: null });
    expect(second.profile).toEqual({ attributes: { plan: 'enterprise' } });
    expect(mergeProfile(second.profile, { plan: null }).profile).toEqual({});
  });

  it('leaves out, and names, what breaks the bounds, keeping the rest', () => {
    const given = JSON.parse(
      '{"__proto__": "x", "constructor": "ok", "2fa": "y", "segment": " padded ", "note": 5}',
    ) as Record<string, unknown>;
    const { profile, rejected } = mergeProfile({}, given);
    expect(profile).toEqual({ attributes: { constructor: 'ok' } });
    expect(Object.getPrototypeOf(profile.attributes)).toBe(Object.prototype);
    expect(rejected.sort()).toEqual(['2fa', '__proto__', 'note', 'segment']);
  });

  it(`keeps at most ${PROFILE_LIMITS.attributes} attributes, changing those it has`, () => {
    const many = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`k${i}`, 'v']));
    const { profile, rejected } = mergeProfile({}, many);
    expect(Object.keys(profile.attributes ?? {})).toHaveLength(PROFILE_LIMITS.attributes);
    expect(rejected).toEqual(['k10', 'k11']);
    expect(mergeProfile(profile, { k0: 'changed' }).profile.attributes?.k0).toBe('changed');
  });
});
