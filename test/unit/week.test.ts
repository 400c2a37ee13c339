/**
 * ISO weeks of a site's time zone (shared/week.ts), where the weekly report's days begin and
 * end: weeks that straddle a new year, years with a week 53, and a daylight-saving change.
 */
import { describe, expect, it } from 'vitest';
import {
  lastCompleteWeek,
  mondayOf,
  shiftWeek,
  weekName,
  weekOf,
  weekSpan,
  ZIsoWeek,
} from '../../shared/week';

describe('ISO weeks', () => {
  it.each([
    [{ year: 2026, month: 1, day: 1 }, '2026-W01'], // a Thursday: week 1 holds it
    [{ year: 2025, month: 12, day: 29 }, '2026-W01'], // its Monday, still in 2025
    [{ year: 2021, month: 1, day: 3 }, '2020-W53'], // a Sunday of 2020's week 53
    [{ year: 2026, month: 11, day: 22 }, '2026-W47'],
    [{ year: 2026, month: 11, day: 23 }, '2026-W48'],
  ])('puts %o in %s', (date, name) => {
    expect(weekName(weekOf(date))).toBe(name);
  });

  it('knows which years have a week 53', () => {
    expect(mondayOf({ year: 2020, week: 53 })).toEqual({ year: 2020, month: 12, day: 28 });
    // 2026 begins on a Thursday: it has one too; 2025 does not.
    expect(mondayOf({ year: 2026, week: 53 })).toEqual({ year: 2026, month: 12, day: 28 });
    expect(mondayOf({ year: 2025, week: 53 })).toBeNull();
    expect(ZIsoWeek.safeParse('2025-W53').success).toBe(false);
    expect(ZIsoWeek.safeParse('2026-W00').success).toBe(false);
    expect(ZIsoWeek.parse('2026-W47')).toEqual({ year: 2026, week: 47 });
  });

  it('steps across a new year', () => {
    expect(weekName(shiftWeek({ year: 2026, week: 1 }, -1))).toBe('2025-W52');
    expect(weekName(shiftWeek({ year: 2020, week: 53 }, 1))).toBe('2021-W01');
  });

  it("begins and ends at the site's local midnights, a daylight-saving change included", () => {
    // Amsterdam leaves summer time on Sunday 25 October 2026: that week lasts 7 days and an hour.
    const span = weekSpan({ year: 2026, week: 43 }, 'Europe/Amsterdam')!;
    expect(new Date(span.from).toISOString()).toBe('2026-10-18T22:00:00.000Z');
    expect(new Date(span.to).toISOString()).toBe('2026-10-25T23:00:00.000Z');
    expect(weekSpan({ year: 2026, week: 43 }, 'UTC')!.to - span.from).toBeGreaterThan(0);
  });

  it('takes the last complete week in the zone, which may differ from UTC', () => {
    // Monday 23 November, 00:30 in Amsterdam; still Sunday in UTC.
    const at = Date.parse('2026-11-22T23:30:00Z');
    expect(weekName(lastCompleteWeek(at, 'Europe/Amsterdam'))).toBe('2026-W47');
    expect(weekName(lastCompleteWeek(at, 'UTC'))).toBe('2026-W46');
  });
});
