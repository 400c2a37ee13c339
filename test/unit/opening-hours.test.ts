/**
 * When a site next opens (shared/opening-hours.ts): the instant its hours next begin in its own
 * time zone, null while open or when it sets no hours.
 */
import { describe, expect, it } from 'vitest';
import { nextOpening, ZOpeningHours, type OpeningHours } from '../../shared/opening-hours';

const OFFICE = { from: '09:00', to: '17:00' };
const WEEKDAYS: OpeningHours = [OFFICE, OFFICE, OFFICE, OFFICE, OFFICE, null, null];
const at = (iso: string) => Date.parse(iso);
const next = (hours: OpeningHours | null, zone: string, now: string) => {
  const opens = nextOpening(hours, zone, at(now));
  return opens === null ? null : new Date(opens).toISOString();
};

describe('opening hours', () => {
  it('is null while open, and without hours', () => {
    // Monday 2026-11-30, 10:00 in Amsterdam (UTC+1).
    expect(next(WEEKDAYS, 'Europe/Amsterdam', '2026-11-30T09:00:00.000Z')).toBeNull();
    expect(next(null, 'Europe/Amsterdam', '2026-11-30T21:00:00.000Z')).toBeNull();
    expect(next([null, null, null, null, null, null, null], 'UTC', '2026-11-30T21:00:00Z')).toBe(
      null,
    );
  });

  it('is the same morning before opening, the next open day after closing', () => {
    expect(next(WEEKDAYS, 'Europe/Amsterdam', '2026-11-30T06:00:00.000Z')).toBe(
      '2026-11-30T08:00:00.000Z',
    );
    expect(next(WEEKDAYS, 'Europe/Amsterdam', '2026-11-30T16:00:00.000Z')).toBe(
      '2026-12-01T08:00:00.000Z',
    );
    // Friday evening: Monday morning.
    expect(next(WEEKDAYS, 'Europe/Amsterdam', '2026-12-04T18:00:00.000Z')).toBe(
      '2026-12-07T08:00:00.000Z',
    );
    // In New York, Monday 17:30 local is 22:30 UTC.
    expect(next(WEEKDAYS, 'America/New_York', '2026-11-30T22:30:00.000Z')).toBe(
      '2026-12-01T14:00:00.000Z',
    );
  });

  it('takes seven days, Monday first, each opening before it closes', () => {
    expect(ZOpeningHours.safeParse(WEEKDAYS).success).toBe(true);
    expect(ZOpeningHours.safeParse(WEEKDAYS.slice(1)).success).toBe(false);
    expect(
      ZOpeningHours.safeParse([{ from: '17:00', to: '09:00' }, ...WEEKDAYS.slice(1)]).success,
    ).toBe(false);
    expect(
      ZOpeningHours.safeParse([{ from: '9:00', to: '17:00' }, ...WEEKDAYS.slice(1)]).success,
    ).toBe(false);
  });
});
