/**
 * Amounts of time as the console's locale writes them (i18n/locale.ts: "1,5 Minuten"), and waits
 * in the words of a dictionary. Decimals and percentages are format.ts's.
 */
import type { ConsoleDictionary } from './i18n';
import { consoleLocale } from './i18n/locale';

/** An amount of seconds, minutes or hours in the locale's words and plural ("1,5 minute"). */
export const amountOf = (amount: number, unit: 'second' | 'minute' | 'hour'): string =>
  new Intl.NumberFormat(consoleLocale(), {
    style: 'unit',
    unit,
    unitDisplay: 'long',
    maximumFractionDigits: 1,
  }).format(amount);

/**
 * A wait in words: seconds under a minute, then minutes and hours to the nearest half
 * ("3½ minutes"), so the figures read as people say them.
 */
export function waitIn(words: ConsoleDictionary['insights']['duration'], seconds: number): string {
  if (seconds < 59.5) return words.seconds(Math.round(seconds));
  const [amount, say] =
    seconds < 3600 ? [seconds / 60, words.minutes] : [seconds / 3600, words.hours];
  return say(Math.round(amount * 2) / 2);
}
