/**
 * Formatting of times and figures for the console: in the locale of the language shown
 * (i18n/locale.ts) and the browser's time zone.
 */
import { consoleLocale } from './i18n/locale';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

function sameDay(a: Date, b: Date): boolean {
  return (
    a.getFullYear() === b.getFullYear() &&
    a.getMonth() === b.getMonth() &&
    a.getDate() === b.getDate()
  );
}

/**
 * Compact units ("4m", "2h") where the language has them; elsewhere CLDR's narrow forms read as
 * signs or symbols (fr "-4 min", nl "4 m"), so its short ones are used ("vor 4 Min.").
 */
function compact(): 'narrow' | 'short' {
  const language = new Intl.Locale(new Intl.NumberFormat(consoleLocale()).resolvedOptions().locale)
    .language;
  return language === 'en' ? 'narrow' : 'short';
}

/** `count` of `unit` as a length of time: "4m", "2h" (en), "4 Min.", "2 Std." (de). */
function span(count: number, unit: 'minute' | 'hour'): string {
  return new Intl.NumberFormat(consoleLocale(), {
    style: 'unit',
    unit,
    unitDisplay: compact(),
  }).format(count);
}

/** A word starting a line: "Yesterday", "Gestern", from Intl's "yesterday". */
function capitalised(text: string): string {
  return text.charAt(0).toLocaleUpperCase(consoleLocale()) + text.slice(1);
}

/** "Yesterday", "Mon", "12 Mar": a day further back than today. */
function pastDay(at: number, now: number): string {
  if (sameDay(new Date(at), new Date(now - DAY))) {
    const words = new Intl.RelativeTimeFormat(consoleLocale(), { numeric: 'auto' });
    return capitalised(words.format(-1, 'day'));
  }
  if (now - at < 6 * DAY) {
    return new Date(at).toLocaleDateString(consoleLocale(), { weekday: 'short' });
  }
  return new Date(at).toLocaleDateString(consoleLocale(), { day: 'numeric', month: 'short' });
}

/** Earlier today, or within the last 12 hours: hours ago count more than the day. */
function withinHours(at: number, now: number): boolean {
  return now - at < 12 * HOUR || sameDay(new Date(at), new Date(now));
}

/** "now", "4m", "2h", "Yesterday", "Mon", "12 Mar": short, for lists (in the console's language). */
export function relativeTime(iso: string, now: number): string {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return '';
  const ago = now - at;
  if (ago < MINUTE) {
    return new Intl.RelativeTimeFormat(consoleLocale(), { numeric: 'auto' }).format(0, 'second');
  }
  if (ago < HOUR) return span(Math.floor(ago / MINUTE), 'minute');
  if (withinHours(at, now)) return span(Math.floor(ago / HOUR), 'hour');
  return pastDay(at, now);
}

/**
 * "4m ago", "2h ago", "Yesterday", "Mon", "12 Mar": how long ago, for a note beside something
 * (in the console's language: "vor 4 Min.", "il y a 2 h"); null under a minute (say "just now").
 */
export function timeAgo(iso: string, now: number): string | null {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return '';
  const ago = now - at;
  if (ago < MINUTE) return null;
  const words = new Intl.RelativeTimeFormat(consoleLocale(), { style: compact() });
  if (ago < HOUR) return words.format(-Math.floor(ago / MINUTE), 'minute');
  if (withinHours(at, now)) return words.format(-Math.floor(ago / HOUR), 'hour');
  return pastDay(at, now);
}

/**
 * The time of day as the console's locale writes it: "14:05", or "2:05 PM" (never "02:05 PM":
 * the hour is not forced to two digits, so the console and the widget read alike).
 */
const TIME_OPTIONS: Intl.DateTimeFormatOptions = { hour: 'numeric', minute: '2-digit' };

/** The time of day, in `timeZone` when given (the browser's otherwise). */
export function timeOfDay(at: Date | number, timeZone?: string): string {
  return new Intl.DateTimeFormat(consoleLocale(), { ...TIME_OPTIONS, timeZone }).format(at);
}

/** "14:05" today, "Tue 14:05" this week, "12 Mar, 14:05" otherwise. */
export function clockTime(iso: string, now: number): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const time = timeOfDay(date);
  if (sameDay(date, new Date(now))) return time;
  if (Math.abs(now - date.getTime()) < 6 * DAY) {
    return `${date.toLocaleDateString(consoleLocale(), { weekday: 'short' })} ${time}`;
  }
  return `${date.toLocaleDateString(consoleLocale(), { day: 'numeric', month: 'short' })}, ${time}`;
}

/** "in 25 min.", "in 3 hr.", "12 min. ago" (en), "in 25 Min." (de): how far a due time is. */
export function dueIn(iso: string, now: number): string {
  const delta = Date.parse(iso) - now;
  const abs = Math.abs(delta);
  const sign = delta >= 0 ? 1 : -1;
  const words = new Intl.RelativeTimeFormat(consoleLocale(), { style: 'short' });
  if (abs < HOUR) return words.format(sign * Math.max(1, Math.round(abs / MINUTE)), 'minute');
  if (abs < DAY) return words.format(sign * Math.round(abs / HOUR), 'hour');
  return words.format(sign * Math.round(abs / DAY), 'day');
}

/** A length of time in whole minutes, hours or days: "15 min", "1 hour", "4 hours", "1 day". */
export function duration(minutes: number): string {
  const [count, unit] =
    minutes < 60
      ? [minutes, 'minute' as const]
      : minutes < 24 * 60
        ? [minutes / 60, 'hour' as const]
        : [minutes / (24 * 60), 'day' as const];
  return new Intl.NumberFormat(consoleLocale(), {
    style: 'unit',
    unit,
    // "15 min" reads better than "15 minutes" on a small button; "1 hr" worse than "1 hour".
    unitDisplay: unit === 'minute' ? 'short' : 'long',
    maximumFractionDigits: 1,
  }).format(count);
}

/** The value of an `<input type="datetime-local">` for a time, in local time. */
export function toDateTimeLocal(ms: number): string {
  const date = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}`
  );
}

/** An `<input type="datetime-local">` value as an ISO instant; null when incomplete. */
export function fromDateTimeLocal(value: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!match) return null;
  const [, y, mo, d, h, mi] = match.map(Number) as [number, number, number, number, number, number];
  const date = new Date(y, mo - 1, d, h, mi);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

export const EMPTY = '—';

/** A 0–100 score, rounded ("72"). */
export function formatScore(value: number | null): string {
  return value === null ? EMPTY : String(Math.round(value));
}

/**
 * A percentage given from 0 to 100, as the console's locale writes it ("86%", "86 %"), with
 * `digits` decimals (none unless given).
 */
export function formatPercent(value: number | null, digits = 0): string {
  if (value === null) return EMPTY;
  return new Intl.NumberFormat(consoleLocale(), {
    style: 'percent',
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(value / 100);
}

/** A number with `digits` decimals, as the console's locale writes it ("1.0", "1,0"). */
export function formatDecimal(value: number, digits: number): string {
  return new Intl.NumberFormat(consoleLocale(), {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(value);
}

/** A number with at most one decimal, as the console's locale writes it ("2", "2.5", "2,5"). */
export function formatNumber(value: number): string {
  return new Intl.NumberFormat(consoleLocale(), { maximumFractionDigits: 1 }).format(value);
}

/** "30 Nov 2026": a day, for how long something lasts (an invite link). */
export function calendarDate(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return date.toLocaleDateString(consoleLocale(), {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
  });
}

/** "Tue 24 Nov, 10:00": a moment within the coming days, for when something stops working. */
export function dayAndTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const day = date.toLocaleDateString(consoleLocale(), {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
  });
  return `${day}, ${timeOfDay(date)}`;
}
