/**
 * ISO weeks of a site's time zone, for the weekly report (issue #11 §7): `2026-W47` names the
 * week from Monday of week 47 of ISO year 2026, and its instants are where that Monday and the
 * next begin in the site's zone (zoned.ts), so a report covers the same days as the site's
 * weekly trend buckets. Pure and `Intl`-based: it runs on the server and in the console.
 */
import { z } from 'zod';
import { addDays, localDate, periodStart, startOfDate, type LocalDate } from './zoned';

export interface IsoWeek {
  year: number;
  week: number;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** `2026-W07`, as `<input type="week">` writes it. */
export const weekName = ({ year, week }: IsoWeek): string => `${pad(year, 4)}-W${pad(week, 2)}`;

/** The ISO week holding a local date (week 1 holds the year's first Thursday). */
export function weekOf(date: LocalDate): IsoWeek {
  const monday = periodStart(date, 'week');
  const thursday = addDays(monday, 3);
  const jan1 = Date.UTC(thursday.year, 0, 1);
  const day = Math.round(
    (Date.UTC(thursday.year, thursday.month - 1, thursday.day) - jan1) / 864e5,
  );
  return { year: thursday.year, week: Math.floor(day / 7) + 1 };
}

/** The Monday an ISO week begins on; null when the year has no such week (W53 of most years). */
export function mondayOf({ year, week }: IsoWeek): LocalDate | null {
  if (week < 1 || week > 53) return null;
  const firstMonday = periodStart({ year, month: 1, day: 4 }, 'week');
  const monday = addDays(firstMonday, (week - 1) * 7);
  const back = weekOf(monday);
  return back.year === year && back.week === week ? monday : null;
}

/** A week's instants in a zone: from its Monday's start to the next Monday's (exclusive). */
export function weekSpan(week: IsoWeek, zone: string): { from: number; to: number } | null {
  const monday = mondayOf(week);
  if (!monday) return null;
  return { from: startOfDate(monday, zone), to: startOfDate(addDays(monday, 7), zone) };
}

/** The week before (or `by` weeks after, when positive). */
export function shiftWeek(week: IsoWeek, by: number): IsoWeek {
  const monday = mondayOf(week) ?? { year: week.year, month: 1, day: 4 };
  return weekOf(addDays(monday, by * 7));
}

/** The last complete week at `now` in the zone: the one before the week now runs in. */
export const lastCompleteWeek = (now: number, zone: string): IsoWeek =>
  shiftWeek(weekOf(localDate(now, zone)), -1);

/** A week's name on the wire: `2026-W47`. */
export const ZIsoWeek = z
  .string()
  .regex(/^\d{4}-W\d{2}$/, 'must be an ISO week such as 2026-W47')
  .transform((text) => ({ year: Number(text.slice(0, 4)), week: Number(text.slice(6)) }))
  .refine((week) => mondayOf(week) !== null, 'that year has no such week');
