/**
 * Times in the visitor's own language (the widget's chosen locale, see `applyLanguage` in
 * i18n.ts) and the browser's time zone, through Intl.
 */

let time: Intl.DateTimeFormat;
let dayTime: Intl.DateTimeFormat;
let dateTime: Intl.DateTimeFormat;

/** `undefined`: the browser's default locale. The time zone is always the browser's. */
export function setTimeLocale(locale?: string): void {
  time = new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit' });
  dayTime = new Intl.DateTimeFormat(locale, {
    weekday: 'short',
    hour: 'numeric',
    minute: '2-digit',
  });
  dateTime = new Intl.DateTimeFormat(locale, {
    day: 'numeric',
    month: 'short',
    hour: 'numeric',
    minute: '2-digit',
  });
}

setTimeLocale();

const DAY = 24 * 60 * 60 * 1000;

function sameDay(a: Date, b: Date): boolean {
  return a.toDateString() === b.toDateString();
}

/** "15:30" today, "Tue 15:30" within a week, "12 Mar, 15:30" further away. */
export function formatWhen(iso: string, now = new Date()): string {
  const date = new Date(iso);
  if (sameDay(date, now)) return time.format(date);
  if (Math.abs(date.getTime() - now.getTime()) < 6 * DAY) return dayTime.format(date);
  return dateTime.format(date);
}

/** Short time of a message, always just the clock ("09:41"). */
export function formatTime(iso: string): string {
  return time.format(new Date(iso));
}
