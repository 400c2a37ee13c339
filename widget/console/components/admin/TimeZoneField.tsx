/**
 * The site's time zone (settings `timeZone`): where its days, weeks and months begin in Trends.
 * A list rather than free text, so only zones the server accepts (IANA names) can be chosen;
 * the current one stays listed even if this browser does not know it. The zone chosen is also
 * named in the console's language ("Midden-Europese tijd"), as the browser names it.
 */
import { useMemo } from 'preact/hooks';
import { useT } from '../../i18n';
import { consoleLocale } from '../../i18n/locale';

interface Props {
  value: string;
  onChange(zone: string): void;
}

/** UTC first (the default), then every zone this browser knows, alphabetically. */
function zonesWith(current: string): string[] {
  const known =
    typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  const rest = new Set(known.filter((zone) => zone !== 'UTC'));
  rest.add(current);
  rest.delete('UTC');
  return ['UTC', ...[...rest].sort()];
}

/** The zone's name in the console's language, capitalised; null where the browser has none. */
function zoneName(zone: string): string | null {
  try {
    const name = new Intl.DateTimeFormat(consoleLocale(), {
      timeZone: zone,
      // UTC has no generic name ("GMT+00:00"): its long one is "Coordinated Universal Time".
      timeZoneName: zone === 'UTC' ? 'long' : 'longGeneric',
    })
      .formatToParts(0)
      .find((part) => part.type === 'timeZoneName')?.value;
    return name ? name.charAt(0).toLocaleUpperCase(consoleLocale()) + name.slice(1) : null;
  } catch {
    return null; // a zone this browser does not know
  }
}

export function TimeZoneField({ value, onChange }: Props) {
  const t = useT();
  const zones = useMemo(() => zonesWith(value), [value]);
  const name = zoneName(value);
  return (
    <div class="admin-form admin-time-zone">
      <div class="field">
        <label class="field-label" for="setting-timeZone">
          {t.admin.timeZone.label}
        </label>
        <select
          id="setting-timeZone"
          aria-describedby="setting-timeZone-hint"
          value={value}
          onChange={(e) => onChange(e.currentTarget.value)}
        >
          {zones.map((zone) => (
            <option key={zone} value={zone}>
              {zone.replaceAll('_', ' ')}
            </option>
          ))}
        </select>
        <span id="setting-timeZone-hint" class="field-hint">
          {name && t.admin.timeZone.named(name)} {t.admin.timeZone.hint}
        </span>
        <code class="admin-setting-key" title={t.admin.settings.apiName}>
          timeZone
        </code>
      </div>
    </div>
  );
}
