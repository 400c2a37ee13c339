/**
 * The periods the console's lists filter by, up to now: the history of conversations and the
 * comments feed offer the same choices, and turn one into the same `from`.
 */

export const DAY_MS = 86_400_000;

/** '' is any time; the others are days up to now. */
export const PERIODS = [
  { value: '', label: 'Any time' },
  { value: '7', label: 'Last 7 days' },
  { value: '30', label: 'Last 30 days' },
  { value: '90', label: 'Last 90 days' },
] as const;

/** Where a period chosen at `now` starts, as the APIs take it; undefined for any time. */
export const periodStart = (days: string, now: number): string | undefined =>
  days === '' ? undefined : new Date(now - Number(days) * DAY_MS).toISOString();
