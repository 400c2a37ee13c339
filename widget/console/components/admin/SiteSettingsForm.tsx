/**
 * "Settings": the site's name, the pages allowed to embed its widget (allowed origins, one per
 * line), its time zone (for trends and opening hours), its opening hours (the widget's away
 * message) and its scoring settings (docs/scoring.md). The server
 * checks every value and names each problem; only settings that changed are sent, since changing
 * any re-scores the whole site.
 */
import { useState } from 'preact/hooks';
import type { AckError } from '../../../../shared/ack';
import type { SiteSettings } from '../../../../shared/settings';
import type { SitePatch, SiteView } from '../../../../shared/sites';
import type { AdminApi } from '../../adminApi';
import { issuesByField, sentence, topError } from '../../fieldIssues';
import { ErrorNote } from '../ErrorNote';
import { siteFieldOf, SiteFields, typedOrigins } from './SiteFields';
import { draftOf, hoursOf, OpeningHoursField } from './OpeningHoursField';
import { TimeZoneField } from './TimeZoneField';

interface Props {
  api: AdminApi;
  site: SiteView;
  onSaved: (site: SiteView) => void;
}

type KeysOf<T> = {
  [K in keyof SiteSettings]: SiteSettings[K] extends T ? K : never;
}[keyof SiteSettings];
type NumberSetting = Exclude<KeysOf<number>, 'retentionDays'>;
type SwitchSetting = KeysOf<boolean>;

/** The numeric scoring settings in the console's words, in the order of docs/scoring.md. */
const SCORING: readonly {
  key: NumberSetting;
  label: string;
  unit: string;
  /** Whole numbers only. */
  whole?: boolean;
  hint?: string;
}[] = [
  { key: 'targetReplySeconds', label: 'Reply time you promise', unit: 'seconds' },
  { key: 'halfLifeDays', label: 'Evidence loses half its weight every', unit: 'days' },
  { key: 'negativityWeight', label: 'A failure counts as much as', unit: 'successes' },
  { key: 'priorStrength', label: 'Each agent starts with the team average of', unit: 'chats' },
  { key: 'voiceWeight', label: 'Weight of what the visitor says stood out', unit: '×' },
  {
    key: 'reopenWindowDays',
    label: '“This isn’t solved” counts within',
    unit: 'days',
    hint: 'Also how long a visitor may say a kept promise didn’t happen.',
  },
  { key: 'ratingAmendMinutes', label: 'Visitors may change a rating for', unit: 'minutes' },
  {
    key: 'maxPromisesPerConversation',
    label: 'Promises that count per conversation',
    unit: 'promises',
    whole: true,
    hint: 'The first ones made count; later ones count neither way, so a burst of promises cannot lift a score.',
  },
  {
    key: 'minPromiseSeconds',
    label: 'A promise kept sooner than this counts neither way',
    unit: 'seconds',
    hint: 'Also the shortest time a promise may be due after it is made.',
  },
];

/** The on/off scoring settings. */
const SWITCHES: readonly { key: SwitchSetting; label: string; hint: string }[] = [
  {
    key: 'excludeMemberRatings',
    label: 'Set aside ratings from your own team',
    hint: 'A rating given from an address a team member signed in from in the last 24 hours, or by a visitor with a team member’s email, is kept but counts for nobody. Turn this off if your customers share your team’s network, as an internal IT desk does.',
  },
  {
    key: 'statedReplyFollowsKept',
    label: 'State the reply time you keep',
    hint: 'The chat says “We usually reply within N minutes”, N being the time 80% of visitors got their first reply within over the last 7 days. Scores still measure waits against the target reply time.',
  },
];

const retentionText = (days: number | null) => (days === null ? '' : String(days));

const originsText = (origins: readonly string[]) => origins.join('\n');

export function SiteSettingsForm({ api, site, onSaved }: Props) {
  const [name, setName] = useState(site.name);
  const [origins, setOrigins] = useState(originsText(site.allowedOrigins));
  const [settings, setSettings] = useState<Record<string, string>>(() =>
    Object.fromEntries(SCORING.map(({ key }) => [key, String(site.settings[key])])),
  );
  const [switches, setSwitches] = useState<Record<string, boolean>>(() =>
    Object.fromEntries(SWITCHES.map(({ key }) => [key, site.settings[key]])),
  );
  const [timeZone, setTimeZone] = useState(site.settings.timeZone);
  // Empty: kept for as long as the site exists.
  const [retention, setRetention] = useState(retentionText(site.settings.retentionDays));
  const [hours, setHours] = useState(() => draftOf(site.settings.openingHours));
  const [error, setError] = useState<AckError | null>(null);
  /** The origins as last sent: a problem's line is named with what it said. */
  const [sentOrigins, setSentOrigins] = useState<string[]>([]);
  const issues = issuesByField(error, (issue) => {
    const setting = /^settings\.(\w+)/.exec(issue.path);
    if (setting) return [`settings.${setting[1]}`, sentence(issue.message)];
    return siteFieldOf(issue, sentOrigins);
  });
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  const save = async (event: Event) => {
    event.preventDefault();
    const changedSettings: Partial<SiteSettings> = {};
    for (const { key } of SCORING) {
      if (settings[key] !== String(site.settings[key]))
        changedSettings[key] = Number(settings[key]);
    }
    for (const { key } of SWITCHES) {
      const value = switches[key] ?? site.settings[key];
      if (value !== site.settings[key]) changedSettings[key] = value;
    }
    if (timeZone !== site.settings.timeZone) changedSettings.timeZone = timeZone;
    if (retention.trim() !== retentionText(site.settings.retentionDays)) {
      changedSettings.retentionDays = retention.trim() === '' ? null : Number(retention);
    }
    const allowedOrigins = typedOrigins(origins);
    setSentOrigins(allowedOrigins);
    const openingHours = hoursOf(hours);
    if (JSON.stringify(openingHours) !== JSON.stringify(site.settings.openingHours ?? null)) {
      changedSettings.openingHours = openingHours;
    }
    const patch: SitePatch = {
      name,
      allowedOrigins,
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
      {error && <ErrorNote error={topError(error, issues)} onDismiss={() => setError(null)} />}
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
          errors={issues.byField}
        />
        <TimeZoneField
          value={timeZone}
          onChange={(zone) => {
            setTimeZone(zone);
            setSaved(false);
          }}
        />
        <OpeningHoursField
          value={hours}
          onChange={(value) => {
            setHours(value);
            setSaved(false);
          }}
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
          {SCORING.map(({ key, label, unit, whole, hint }) => (
            <div key={key} class="field admin-setting">
              <label class="field-label" for={`setting-${key}`}>
                {label}
              </label>
              <span class="admin-setting-input">
                <input
                  id={`setting-${key}`}
                  type="number"
                  inputMode={whole ? 'numeric' : 'decimal'}
                  step={whole ? 1 : 'any'}
                  min={whole ? 1 : undefined}
                  required
                  aria-invalid={issues.byField.has(`settings.${key}`) ? 'true' : undefined}
                  aria-describedby={[
                    issues.byField.has(`settings.${key}`) ? `setting-${key}-error` : '',
                    `setting-${key}-unit`,
                    hint ? `setting-${key}-hint` : '',
                  ]
                    .filter(Boolean)
                    .join(' ')}
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
              {issues.byField.has(`settings.${key}`) && (
                <span id={`setting-${key}-error`} class="field-error">
                  {issues.byField.get(`settings.${key}`)?.join(' ')}
                </span>
              )}
              {hint && (
                <span id={`setting-${key}-hint`} class="field-hint">
                  {hint}
                </span>
              )}
              <code class="admin-setting-key" title="Its name in the sites API">
                {key}
              </code>
            </div>
          ))}
        </div>
        {SWITCHES.map(({ key, label, hint }) => (
          <div key={key} class="field admin-switch">
            <span class="admin-switch-row">
              <input
                id={`setting-${key}`}
                type="checkbox"
                aria-describedby={`setting-${key}-hint`}
                checked={switches[key] ?? site.settings[key]}
                onChange={(e) => {
                  const checked = e.currentTarget.checked;
                  setSwitches((current) => ({ ...current, [key]: checked }));
                  setSaved(false);
                }}
              />
              <label class="field-label" for={`setting-${key}`}>
                {label}
              </label>
            </span>
            <span id={`setting-${key}-hint`} class="field-hint">
              {hint}
            </span>
            <code class="admin-setting-key" title="Its name in the sites API">
              {key}
            </code>
          </div>
        ))}
      </section>

      <section class="admin-card" aria-labelledby="retention-title">
        <header class="admin-card-head">
          <h2 id="retention-title" class="admin-card-title">
            Data retention
          </h2>
          <p class="admin-card-intro">
            After this many days without activity, what was written in a conversation (messages,
            comments, contact details, visitor attributes, the pages visited) is erased. Times and
            ratings stay, so scores do not change. Leave empty to keep everything.
          </p>
        </header>
        <div class="field admin-setting">
          <label class="field-label" for="setting-retentionDays">
            Erase conversation text after
          </label>
          <span class="admin-setting-input">
            <input
              id="setting-retentionDays"
              type="number"
              inputMode="numeric"
              step={1}
              min={1}
              max={3650}
              placeholder="Keep"
              aria-describedby="setting-retentionDays-unit setting-retentionDays-hint"
              value={retention}
              onInput={(e) => setRetention(e.currentTarget.value)}
            />
            <span id="setting-retentionDays-unit" class="admin-setting-unit">
              days
            </span>
          </span>
          <span id="setting-retentionDays-hint" class="field-hint">
            Checked every hour. To erase one visitor's data at once, use Visitor data.
          </span>
          <code class="admin-setting-key" title="Its name in the sites API">
            retentionDays
          </code>
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
