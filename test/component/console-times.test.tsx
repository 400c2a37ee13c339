// @vitest-environment happy-dom
/**
 * One time format for the console and the widget (issue 13): the console wrote "02:05 PM" where
 * the widget wrote "2:05 PM". Both now write times as the browser's locale does, the hour never
 * forced to two digits.
 */
import { describe, expect, it } from 'vitest';
import { formatWhen, setTimeLocale } from '../../widget/app/format';
import { clockTime, timeOfDay } from '../../widget/console/format';

describe('times in the console', () => {
  const afternoon = new Date(2026, 10, 30, 14, 5);
  const morning = new Date(2026, 10, 30, 9, 5);
  const now = new Date(2026, 10, 30, 18, 0).getTime();

  it('reads like the widget in the same locale, today and earlier in the week', () => {
    setTimeLocale();
    for (const at of [afternoon, morning, new Date(2026, 10, 27, 14, 5)]) {
      expect(clockTime(at.toISOString(), now)).toBe(formatWhen(at.toISOString(), new Date(now)));
    }
  });

  it('never pads the hour where the locale does not', () => {
    const expected = new Intl.DateTimeFormat(undefined, {
      hour: 'numeric',
      minute: '2-digit',
    }).format(morning);
    expect(clockTime(morning.toISOString(), now)).toBe(expected);
    expect(timeOfDay(afternoon)).not.toMatch(/^02:05/);
    // In the visitor's own zone too.
    expect(timeOfDay(Date.UTC(2026, 10, 30, 13, 5), 'Europe/Amsterdam')).toBe(
      new Intl.DateTimeFormat(undefined, {
        hour: 'numeric',
        minute: '2-digit',
        timeZone: 'Europe/Amsterdam',
      }).format(Date.UTC(2026, 10, 30, 13, 5)),
    );
  });
});
