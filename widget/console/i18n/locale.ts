/**
 * The locale the console writes times and figures in: that of the language shown (see index.tsx),
 * set before anything is drawn in it. Undefined until then, which Intl reads as the browser's.
 */
let locale: string | undefined;

export function setConsoleLocale(next: string | undefined): void {
  locale = next;
}

export function consoleLocale(): string | undefined {
  return locale;
}

/** The plural category of `count` in the console's locale ("one", "other", …). */
export function pluralOf(count: number): Intl.LDMLPluralRule {
  return new Intl.PluralRules(locale).select(count);
}
