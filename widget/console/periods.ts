/**
 * The periods the console's lists filter by, up to now: the history of conversations and the
 * comments feed offer the same choices, and turn one into the same `from`.
 */
import type { ConsoleDictionary } from './i18n';

export const DAY_MS = 86_400_000;

/** '' is any time; the others are days up to now (worded by `periodLabel`). */
export const PERIODS = ['', '7', '30', '90'] as const;

/** A period's name in the console's words. */
export const periodLabel = (
  words: ConsoleDictionary['insights']['periods'],
  days: string,
): string => (days === '' ? words.anyTime : words.lastDays(Number(days)));

/** Where a period chosen at `now` starts, as the APIs take it; undefined for any time. */
export const periodStart = (days: string, now: number): string | undefined =>
  days === '' ? undefined : new Date(now - Number(days) * DAY_MS).toISOString();
