/**
 * The site's time zone (settings `timeZone`): where its days, weeks and months begin in Trends.
 * A list rather than free text, so only zones the server accepts (IANA names) can be chosen;
 * the current one stays listed even if this browser does not know it.
 */
import { useMemo } from 'preact/hooks';

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

export function TimeZoneField({ value, onChange }: Props) {
  const zones = useMemo(() => zonesWith(value), [value]);
  return (
    <div class="admin-form admin-time-zone">
      <div class="field">
        <label class="field-label" for="setting-timeZone">
          Time zone
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
          Where this site’s days, weeks (from Monday) and months begin in Trends. Scores do not
          depend on it.
        </span>
        <code class="admin-setting-key" title="Its name in the sites API">
          timeZone
        </code>
      </div>
    </div>
  );
}
