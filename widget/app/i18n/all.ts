/**
 * Every dictionary at once, for tests that walk all languages. The app never imports this: it
 * loads only the visitor's language (languages.ts).
 */
import type { Dictionary, Language } from '../i18n';
import { de } from './de';
import { en } from './en';
import { es } from './es';
import { fr } from './fr';
import { nl } from './nl';

export const dictionaries: Record<Language, Dictionary> = { en, nl, de, fr, es };
