/**
 * Loads the visitor's language: English is in the app, every other language is a small chunk of
 * its own (vite.config.ts) that hands its dictionary over through `window.peakend`, as the app
 * chunk hands over `mount`. Only that one chunk is downloaded.
 */
import type { PeakendApi } from './bridge';
import type { Dictionary, Language } from './i18n';

/** Past this, the widget speaks English rather than keep the visitor waiting. */
const LOAD_TIMEOUT_MS = 8_000;

const api = () => (window as unknown as { peakend?: PeakendApi }).peakend;

/**
 * The dictionary of `lang`, loaded from beside the app chunk (`src` is widget.js's URL); null
 * for English, or when the chunk could not be loaded.
 */
export function loadDictionary(
  lang: Language,
  src: string,
  nonce: string | undefined,
): Promise<Dictionary | null> {
  const file = __PEAKEND_LANGUAGE_CHUNKS__[lang];
  const loaded = () => api()?.__languages?.[lang] ?? null;
  if (!file || loaded()) return Promise.resolve(loaded());
  return new Promise((resolve) => {
    const el = document.createElement('script');
    const done = () => {
      clearTimeout(timer);
      el.onload = el.onerror = null;
      resolve(loaded());
    };
    const timer = setTimeout(done, LOAD_TIMEOUT_MS);
    el.onload = el.onerror = done;
    if (nonce) el.nonce = nonce;
    el.src = new URL('widget/' + file, src).href;
    document.head.appendChild(el);
  });
}
