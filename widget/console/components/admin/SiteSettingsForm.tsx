/**
 * "Settings": the site's name, the pages allowed to embed its widget (allowed origins, one per
 * line) and its scoring settings (docs/scoring.md). The server checks every value and names each
 * problem; only settings that changed are sent, since changing any re-scores the whole site.
 */
import { useState } from 'preact/hooks';
import type { AckError } from '../../../../shared/ack';
import type { SiteSettings } from '../../../../shared/settings';
import type { SitePatch, SiteView } from '../../../../shared/sites';
import type { AdminApi } from '../../adminApi';
import { ErrorNote } from '../ErrorNote';
import { SiteFields } from './SiteFields';

interface Props {
  api: AdminApi;
  site: SiteView;
  onSaved: (site: SiteView) => void;
}

/** The scoring settings in the console's words, in the order of docs/scoring.md. */
const SCORING: readonly { key: keyof SiteSettings; label: string; unit: string }[] = [
  { key: 'targetReplySeconds', label: 'Reply time you promise', unit: 'seconds' },
  { key: 'halfLifeDays', label: 'Evidence loses half its weight every', unit: 'days' },
  { key: 'negativityWeight', label: 'A failure counts as much as', unit: 'successes' },
  { key: 'priorStrength', label: 'Each agent starts with the team average of', unit: 'chats' },
  { key: 'voiceWeight', label: 'Weight of what the visitor says stood out', unit: '×' },
  { key: 'reopenWindowDays', label: '“This isn’t solved” counts within', unit: 'days' },
  { key: 'ratingAmendMinutes', label: 'Visitors may change a rating for', unit: 'minutes' },
];

const originsText = (origins: readonly string[]) => origins.join('\n');
const originsOf = (text: string) =>
  text
    .split(/[\n,]/)
    .map((line) => line.trim())
    .filter(Boolean);

export function SiteSettingsForm({ api, site, onSaved }: Props) {
  const [name, setName] = useState(site.name);
  const [origins, setOrigins] = useState(originsText(site.allowedOrigins));
  const [settings, setSettings] = useState<Record<string, string>>(() =>
    Object.fromEntries(SCORING.map(({ key }) => [key, String(site.settings[key])])),
  );
  const [error, setError] = useState<AckError | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  const save = async (event: Event) => {
    event.preventDefault();
    const changedSettings: Partial<Record<keyof SiteSettings, number>> = {};
    for (const { key } of SCORING) {
      const value = Number(settings[key]);
      if (settings[key] !== String(site.settings[key])) changedSettings[key] = value;
    }
    const patch: SitePatch = {
      name,
      allowedOrigins: originsOf(origins),
      ...(Object.keys(changedSettings).length > 0 && { settings: changedSettings }),
    };
    setBusy(true);
    setError(null);
    setSaved(false);
    const answer = await api.updateSite(site.siteId, patch);
    setBusy(false);
    if (!answer.ok) return setError(answer.error);
    setSaved(true);
    setOrigins(originsText(answer.data.allowedOrigins));
    onSaved(answer.data);
  };

  return (
    <form class="admin-sections" onSubmit={save} onInput={() => setSaved(false)}>
      {error && <ErrorNote error={error} onDismiss={() => setError(null)} />}
      <section class="admin-card" aria-labelledby="site-details-title">
        <header class="admin-card-head">
          <h2 id="site-details-title" class="admin-card-title">
            Site
          </h2>
        </header>
        <SiteFields
          idPrefix="site"
          name={name}
          onName={setName}
          origins={origins}
          onOrigins={setOrigins}
          hint="One per line: the pages where the widget may run, as scheme and host (https://shop.example), no path. Other pages are refused."
          rows={4}
        />
      </section>

      <section class="admin-card" aria-labelledby="scoring-title">
        <header class="admin-card-head">
          <h2 id="scoring-title" class="admin-card-title">
            Scoring
          </h2>
          <p class="admin-card-intro">
            How responsiveness, reliability and experience are scored. Changing any of these scores
            every conversation of the site again.
          </p>
        </header>
        <div class="admin-settings">
          {SCORING.map(({ key, label, unit }) => (
            <div key={key} class="field admin-setting">
              <label class="field-label" for={`setting-${key}`}>
                {label}
              </label>
              <span class="admin-setting-input">
                <input
                  id={`setting-${key}`}
                  type="number"
                  inputMode="decimal"
                  step="any"
                  required
                  aria-describedby={`setting-${key}-unit`}
                  value={settings[key]}
                  onInput={(e) => {
                    const value = e.currentTarget.value;
                    setSettings((current) => ({ ...current, [key]: value }));
                  }}
                />
                <span id={`setting-${key}-unit`} class="admin-setting-unit">
                  {unit}
                </span>
              </span>
              <code class="admin-setting-key" title="Its name in the sites API">
                {key}
              </code>
            </div>
          ))}
        </div>
      </section>

      <div class="admin-save">
        <span class="admin-save-status" role="status">
          {saved && 'Saved.'}
        </span>
        <button type="submit" class="btn btn--primary" disabled={busy}>
          {busy ? 'Saving…' : 'Save changes'}
        </button>
      </div>
    </form>
  );
}
