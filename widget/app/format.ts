/** Times in the visitor's own locale and time zone (the browser's defaults), through Intl. */

const time = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });
const dayTime = new Intl.DateTimeFormat(undefined, {
  weekday: 'short',
  hour: 'numeric',
  minute: '2-digit',
});
const dateTime = new Intl.DateTimeFormat(undefined, {
  day: 'numeric',
  month: 'short',
  hour: 'numeric',
  minute: '2-digit',
});

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
