/** Formatting of times and figures for the console (the agent's locale and time zone). */

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

/** "now", "4m", "2h", "Yesterday", "Mon", "12 Mar": short, for lists. */
export function relativeTime(iso: string, now: number): string {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return '';
  const ago = now - at;
  if (ago < MINUTE) return 'now';
  if (ago < HOUR) return `${Math.floor(ago / MINUTE)}m`;
  if (ago < 12 * HOUR || sameDay(new Date(at), new Date(now))) return `${Math.floor(ago / HOUR)}h`;
  if (sameDay(new Date(at), new Date(now - DAY))) return 'Yesterday';
  if (ago < 6 * DAY) return new Date(at).toLocaleDateString(undefined, { weekday: 'short' });
  return new Date(at).toLocaleDateString(undefined, { day: 'numeric', month: 'short' });
}

/**
 * The time of day as the browser's locale writes it: "14:05", or "2:05 PM" (never "02:05 PM":
 * the hour is not forced to two digits, so the console and the widget read alike).
 */
const TIME_OPTIONS: Intl.DateTimeFormatOptions = { hour: 'numeric', minute: '2-digit' };

/** The time of day, in `timeZone` when given (the browser's otherwise). */
export function timeOfDay(at: Date | number, timeZone?: string): string {
  return new Intl.DateTimeFormat(undefined, { ...TIME_OPTIONS, timeZone }).format(at);
}

/** "14:05" today, "Tue 14:05" this week, "12 Mar, 14:05" otherwise. */
export function clockTime(iso: string, now: number): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const time = timeOfDay(date);
  if (sameDay(date, new Date(now))) return time;
  if (Math.abs(now - date.getTime()) < 6 * DAY) {
    return `${date.toLocaleDateString(undefined, { weekday: 'short' })} ${time}`;
  }
  return `${date.toLocaleDateString(undefined, { day: 'numeric', month: 'short' })}, ${time}`;
}

/** "in 25 min", "in 3 h", "12 min ago": how far a due time is. */
export function dueIn(iso: string, now: number): string {
  const delta = Date.parse(iso) - now;
  const abs = Math.abs(delta);
  const amount =
    abs < HOUR
      ? `${Math.max(1, Math.round(abs / MINUTE))} min`
      : abs < DAY
        ? `${Math.round(abs / HOUR)} h`
        : `${Math.round(abs / DAY)} d`;
  return delta >= 0 ? `in ${amount}` : `${amount} ago`;
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

/** A percentage without decimals ("86%"). */
export function formatPercent(value: number | null): string {
  return value === null ? EMPTY : `${Math.round(value)}%`;
}

/** "30 Nov 2026": a day, for how long something lasts (an invite link). */
export function calendarDate(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return date.toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: 'numeric' });
}

/** "Tue 24 Nov, 10:00": a moment within the coming days, for when something stops working. */
export function dayAndTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const day = date.toLocaleDateString(undefined, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
  });
  return `${day}, ${timeOfDay(date)}`;
}
