/**
 * Local calendar days in a site's time zone (decisions.md, trend buckets): where a site's day,
 * ISO week (from Monday) and month begin, as instants. Built on `Intl` alone, so it runs in the
 * browser and in Node, with every zone the runtime knows and its daylight-saving changes.
 *
 * A local day is the half-open period (its midnight, the next midnight]: an instant at exactly
 * midnight closes the day before. So a day's figures, like a score at τ, count what happened up
 * to and including its end, and a trend bucket ending at a midnight is made of whole days.
 */
import { DAY } from './time';

/** Whether the runtime knows `zone` as an IANA time zone (`Europe/Amsterdam`, `UTC`). */
export function isTimeZone(zone: string): boolean {
  if (zone.length === 0 || zone.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const formats = new Map<string, Intl.DateTimeFormat>();

function formatIn(zone: string): Intl.DateTimeFormat {
  let format = formats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formats.set(zone, format);
  }
  return format;
}

/** A local calendar date (month 1..12). */
export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

/** The local date and wall-clock time of an instant, as if the wall clock were UTC (ms). */
function wallClock(at: number, zone: string): { date: LocalDate; wall: number } {
  const parts: Record<string, number> = {};
  for (const part of formatIn(zone).formatToParts(at)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const date = { year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1 };
  const wall =
    Date.UTC(date.year, date.month - 1, date.day, parts.hour, parts.minute, parts.second) +
    (((at % 1000) + 1000) % 1000);
  return { date, wall };
}

/** The local date of an instant. */
export const localDate = (at: number, zone: string): LocalDate => wallClock(at, zone).date;

/** A date `days` after another (negative: before), by the calendar. */
export function addDays(date: LocalDate, days: number): LocalDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

const sameDate = (a: LocalDate, b: LocalDate) =>
  a.year === b.year && a.month === b.month && a.day === b.day;

/**
 * The instant a local date begins: its midnight, or, where a daylight-saving change skips
 * midnight, the first instant of that date.
 */
export function startOfDate(date: LocalDate, zone: string): number {
  const wallMidnight = Date.UTC(date.year, date.month - 1, date.day);
  // The offset is one of those in force a day either side: try each, keep the earliest instant
  // that falls on the date.
  const offsets = new Set<number>();
  for (const probe of [wallMidnight - DAY, wallMidnight, wallMidnight + DAY]) {
    offsets.add(wallClock(probe, zone).wall - probe);
  }
  let start = Infinity;
  for (const offset of offsets) {
    const candidate = wallMidnight - offset;
    if (sameDate(wallClock(candidate, zone).date, date)) start = Math.min(start, candidate);
  }
  if (Number.isFinite(start)) return start;
  // Midnight skipped: the date begins where the clock jumps, found between the candidates.
  let low = wallMidnight - Math.max(...offsets) - DAY;
  let high = wallMidnight - Math.min(...offsets) + DAY;
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2);
    const on = wallClock(mid, zone).date;
    if (sameDate(on, date) || Date.UTC(on.year, on.month - 1, on.day) > wallMidnight) high = mid;
    else low = mid;
  }
  return high;
}

/** The end of the local day holding `at`: the first local midnight at or after it. */
export function dayEndOf(at: number, zone: string): number {
  const date = localDate(at, zone);
  const start = startOfDate(date, zone);
  return start === at ? at : startOfDate(addDays(date, 1), zone);
}

/** Caches day ends for a run of instants in time order (most fall on the day before). */
export function dayEnds(zone: string): (at: number) => number {
  let start = NaN;
  let end = NaN;
  return (at) => {
    if (!(at > start && at <= end)) {
      end = dayEndOf(at, zone);
      start = startOfDate(addDays(localDate(end, zone), -1), zone);
    }
    return end;
  };
}

/** The periods a trend is cut into. */
export const TREND_INTERVALS = ['day', 'week', 'month'] as const;
export type TrendInterval = (typeof TREND_INTERVALS)[number];

/** The first date of the period (day, ISO week from Monday, month) holding a date. */
export function periodStart(date: LocalDate, interval: TrendInterval): LocalDate {
  if (interval === 'day') return date;
  if (interval === 'month') return { ...date, day: 1 };
  const weekday = new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
  return addDays(date, -((weekday + 6) % 7));
}

/** The first date of the next period. */
export function nextPeriod(start: LocalDate, interval: TrendInterval): LocalDate {
  if (interval === 'day') return addDays(start, 1);
  if (interval === 'week') return addDays(start, 7);
  const d = new Date(Date.UTC(start.year, start.month, 1));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: 1 };
}
