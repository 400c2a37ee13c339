/**
 * The console's language menu: each language named in itself, so anyone can find their own
 * whatever the console speaks now. The choice is kept on this browser (i18n/index.tsx).
 */
import { LANGUAGE_NAMES, LANGUAGES, isLanguage, useLanguage, useT } from '../i18n';

export function LanguageSelect({ class: className = '' }: { class?: string }) {
  const t = useT();
  const { lang, setLanguage } = useLanguage();
  return (
    <label class={`language-select ${className}`.trim()}>
      <span class="field-label">{t.common.language}</span>
      <select
        value={lang}
        onChange={(event) => {
          const chosen = event.currentTarget.value;
          if (isLanguage(chosen)) setLanguage(chosen);
        }}
      >
        {LANGUAGES.map((code) => (
          <option key={code} value={code} lang={code}>
            {LANGUAGE_NAMES[code]}
          </option>
        ))}
      </select>
    </label>
  );
}
