// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LanguageSelect } from '../../widget/console/components/LanguageSelect';
import {
  LANGUAGES,
  LanguageProvider,
  initialLanguage,
  loadConsoleDictionary,
  type ConsoleDictionary,
} from '../../widget/console/i18n';
import { en } from '../../widget/console/i18n/en';
import { consoleLocale } from '../../widget/console/i18n/locale';

afterEach(cleanup);
beforeEach(() => localStorage.clear());

/** Every string of a dictionary, functions called with sample arguments, by its path. */
function strings(value: unknown, path = ''): [string, string][] {
  if (typeof value === 'string') return [[path, value]];
  if (typeof value === 'function') {
    const args = Array.from({ length: value.length }, (_, i) => (i === 0 ? 2 : 'x'));
    return strings((value as (...a: unknown[]) => unknown)(...args), `${path}()`);
  }
  if (Array.isArray(value)) return value.flatMap((v, i) => strings(v, `${path}[${i}]`));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => strings(v, path ? `${path}.${k}` : k));
  }
  return [[path, String(value)]];
}

describe('console languages', () => {
  it.each(LANGUAGES)('%s fills in every word of the console, none of them empty', async (lang) => {
    const dictionary = await loadConsoleDictionary(lang);
    const words = strings(dictionary);
    expect(words.map(([path]) => path)).toEqual(strings(en).map(([path]) => path));
    expect(words.filter(([, text]) => text.trim() === '')).toEqual([]);
  });

  it('starts in the browser language it speaks, or in the one chosen on this browser', () => {
    const languages = vi.spyOn(navigator, 'languages', 'get').mockReturnValue(['de-AT', 'en']);
    expect(initialLanguage()).toEqual({ lang: 'de', locale: 'de-AT' });
    localStorage.setItem('peakend.console.language', 'fr');
    expect(initialLanguage().lang).toBe('fr');
    languages.mockReturnValue(['pt-BR']);
    localStorage.clear();
    expect(initialLanguage()).toEqual({ lang: 'en', locale: 'en' });
    languages.mockRestore();
  });

  it('switches language from the menu, remembers it, and writes times in its locale', async () => {
    render(
      <LanguageProvider initial={{ lang: 'en', locale: 'en-GB' }} dictionary={en}>
        <LanguageSelect />
      </LanguageProvider>,
    );
    const menu = screen.getByLabelText('Language');
    expect(screen.getByRole('option', { name: 'Nederlands' })).toHaveProperty('lang', 'nl');

    fireEvent.change(menu, { target: { value: 'nl' } });

    await waitFor(() => expect(screen.getByLabelText('Taal')).toBeTruthy());
    expect(document.documentElement.lang).toBe('nl');
    expect(localStorage.getItem('peakend.console.language')).toBe('nl');
    expect(consoleLocale()?.startsWith('nl')).toBe(true);
  });

  it('falls back to English when a language cannot be loaded', async () => {
    const dictionary: ConsoleDictionary = await loadConsoleDictionary(
      'xx' as unknown as 'nl', // no such chunk
    );
    expect(dictionary).toBe(en);
  });
});
