/**
 * The console's words, in the five languages Peakend speaks (en, nl, de, fr, es). English is the
 * shape every other language fills in (TypeScript checks each against it) and is built into the
 * console; the others are chunks of their own, loaded when chosen.
 *
 * The language is the person's choice on this browser (the language menu, kept in localStorage),
 * else the browser's first language Peakend speaks, else English. Times and figures are written
 * in its locale: the browser's regional variant of it when there is one (en-GB: 24-hour clock).
 *
 * Components read words with `useT()`; plain functions that word things take the dictionary (or
 * its area) as a parameter rather than reach for a global, so tests can hand them any language.
 */
import { createContext, type ComponentChildren } from 'preact';
import { useCallback, useContext, useEffect, useMemo, useState } from 'preact/hooks';
import {
  chooseLanguage,
  isLanguage,
  type Language,
  type LanguageChoice,
} from '../../../shared/languages';
import { setConsoleLocale } from './locale';
import { en } from './en';

export type { Language } from '../../../shared/languages';
export { LANGUAGES } from '../../../shared/languages';

/** Every string the console shows, by area of the console. */
export type ConsoleDictionary = typeof en;

/** Each language's name in itself, for the language menu. */
export const LANGUAGE_NAMES: Record<Language, string> = {
  en: 'English',
  nl: 'Nederlands',
  de: 'Deutsch',
  fr: 'Français',
  es: 'Español',
};

const STORAGE_KEY = 'peakend.console.language';

const LOADERS: Record<Language, () => Promise<ConsoleDictionary>> = {
  en: () => Promise.resolve(en),
  nl: () => import('./nl').then((m) => m.nl),
  de: () => import('./de').then((m) => m.de),
  fr: () => import('./fr').then((m) => m.fr),
  es: () => import('./es').then((m) => m.es),
};

/** The dictionary of `lang`; English's if it cannot be loaded (a failed chunk). */
export async function loadConsoleDictionary(lang: Language): Promise<ConsoleDictionary> {
  try {
    return await LOADERS[lang]();
  } catch {
    return en;
  }
}

function browserLanguages(): readonly string[] {
  if (typeof navigator === 'undefined') return [];
  return navigator.languages?.length ? navigator.languages : [navigator.language];
}

function storedLanguage(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null; // storage blocked: the browser's language it is
  }
}

/** The language this browser's console starts in (the person's choice, else the browser's). */
export function initialLanguage(): LanguageChoice {
  return chooseLanguage(storedLanguage(), null, browserLanguages());
}

interface I18n {
  t: ConsoleDictionary;
  lang: Language;
  /** Loads `lang`, shows it and remembers the choice on this browser. */
  setLanguage: (lang: Language) => void;
}

const I18nContext = createContext<I18n>({ t: en, lang: 'en', setLanguage: () => {} });

/** The console's words in the language shown. */
export function useT(): ConsoleDictionary {
  return useContext(I18nContext).t;
}

/** The language shown, and a way to change it. */
export function useLanguage(): Pick<I18n, 'lang' | 'setLanguage'> {
  const { lang, setLanguage } = useContext(I18nContext);
  return { lang, setLanguage };
}

interface ProviderProps {
  /** The language to start in, its dictionary already loaded (main.tsx waits for it). */
  initial: LanguageChoice;
  dictionary: ConsoleDictionary;
  children: ComponentChildren;
}

export function LanguageProvider({ initial, dictionary, children }: ProviderProps) {
  const [shown, setShown] = useState({ choice: initial, t: dictionary });

  useEffect(() => {
    setConsoleLocale(shown.choice.locale);
    document.documentElement.lang = shown.choice.lang;
  }, [shown.choice]);

  const setLanguage = useCallback((lang: Language) => {
    try {
      localStorage.setItem(STORAGE_KEY, lang);
    } catch {
      // not remembered; shown all the same
    }
    const choice = chooseLanguage(lang, null, browserLanguages());
    void loadConsoleDictionary(choice.lang).then((t) => {
      // Set before the re-render, so times drawn in it are in the new locale.
      setConsoleLocale(choice.locale);
      document.documentElement.lang = choice.lang;
      setShown({ choice, t });
    });
  }, []);

  const value = useMemo(
    () => ({ t: shown.t, lang: shown.choice.lang, setLanguage }),
    [shown, setLanguage],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export { isLanguage };
