/**
 * A site's opening hours, per weekday in its own time zone. They only choose the wording of the
 * widget's away message when no member has the console open (decisions.md, presence): "We're
 * closed, back at 9:00" outside them, "We're away right now" within them or when none are set.
 */
import { z } from 'zod';
import { addDays, localDate, startOfDate } from './zoned';

const ZClock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time such as 09:00');

/** One day's hours: open `from` until `to` (local wall-clock times). */
export const ZDayHours = z
  .strictObject({ from: ZClock, to: ZClock })
  .refine((day) => day.from < day.to, { message: 'must close after it opens', path: ['to'] });

/** Monday first, as the ISO week: null is a closed day. */
export const ZOpeningHours = z.array(ZDayHours.nullable()).length(7);
export type OpeningHours = z.output<typeof ZOpeningHours>;

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

const minutes = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3));

/**
 * When the site next opens, if it is closed at `now`: null while open, or when it sets no
 * hours or none in the coming week. A day's hours count from its local midnight, so on a
 * daylight-saving day they may be an hour off: near enough for "back at 9:00".
 */
export function nextOpening(hours: OpeningHours | null, zone: string, now: number): number | null {
  if (!hours) return null;
  const today = localDate(now, zone);
  for (let ahead = 0; ahead <= 7; ahead++) {
    const date = addDays(today, ahead);
    const day =
      hours[(new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay() + 6) % 7];
    if (!day) continue;
    const midnight = startOfDate(date, zone);
    const opens = midnight + minutes(day.from) * 60_000;
    const closes = midnight + minutes(day.to) * 60_000;
    if (now < opens) return opens;
    if (now < closes) return null;
  }
  return null;
}
