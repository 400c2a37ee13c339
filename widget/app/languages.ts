/**
 * Loads the visitor's language: each language is a small chunk of its own (vite.config.ts) that
 * hands its dictionary over through `window.peakend`, as the app chunk hands over `mount`. Only
 * that one chunk is downloaded; English only if it cannot be.
 */
import type { PeakendApi } from './bridge';
import type { Dictionary, Language } from './i18n';

/** Past this, the widget speaks English rather than keep the visitor waiting. */
const LOAD_TIMEOUT_MS = 8_000;

const api = () => (window as unknown as { peakend?: PeakendApi }).peakend;

/**
 * The dictionary of `lang`, loaded from beside the app chunk (`src` is widget.js's URL); else
 * English's; null when neither could be loaded.
 */
export async function loadDictionary(
  lang: Language,
  src: string,
  nonce: string | undefined,
): Promise<{ lang: Language; dictionary: Dictionary } | null> {
  for (const tried of lang === 'en' ? (['en'] as const) : [lang, 'en' as const]) {
    const dictionary = await loadChunk(tried, src, nonce);
    if (dictionary) return { lang: tried, dictionary };
  }
  return null;
}

function loadChunk(
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
