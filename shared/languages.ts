/**
 * The five languages Peakend speaks (the widget and the console alike), and how one is chosen from
 * what the page, the person and the browser say.
 */

export const LANGUAGES = ['en', 'nl', 'de', 'fr', 'es'] as const;
export type Language = (typeof LANGUAGES)[number];

/** "nl" from "nl-BE", "NL_be" or "nl". */
function primary(tag: string): string {
  return (tag.trim().split(/[-_]/)[0] || '').toLowerCase();
}

export function isLanguage(code: string): code is Language {
  return (LANGUAGES as readonly string[]).includes(code);
}

/** A valid BCP 47 tag for Intl ("en_GB" → "en-GB"), or undefined if Intl would reject it. */
function canonical(tag: string | undefined): string | undefined {
  if (!tag) return undefined;
  try {
    return Intl.getCanonicalLocales(tag.trim().replace(/_/g, '-'))[0];
  } catch {
    return undefined;
  }
}

export interface LanguageChoice {
  /** The dictionary, and the `lang` of what is drawn in it. */
  lang: Language;
  /** For dates and times: a regional variant when one is known (en-US 12h, en-GB 24h). */
  locale: string;
}

/**
 * The first supported language of: the widget's own option (`data-lang`, `init({lang})`), the
 * host page's `<html lang>`, the browser's languages; else English. Only the primary subtag has
 * to match (`nl-BE` → nl). Times use the matching tag if it has a region, else the browser's own
 * regional variant of that language, else the bare language.
 */
export function chooseLanguage(
  requested: string | null | undefined,
  page: string | null | undefined,
  browser: readonly string[],
): LanguageChoice {
  for (const tag of [requested, page, ...browser, 'en']) {
    if (!tag) continue;
    const lang = primary(tag);
    if (!isLanguage(lang)) continue;
    const regional = [tag, ...browser].find((t) => primary(t) === lang && /[-_]/.test(t.trim()));
    return { lang, locale: canonical(regional) ?? lang };
  }
  return { lang: 'en', locale: 'en' };
}
