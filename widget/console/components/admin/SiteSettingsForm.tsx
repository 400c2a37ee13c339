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
import { formRefusal, wordedProblem } from '../../adminRefusals';
import { issuesByField, sentence } from '../../fieldIssues';
import { useT } from '../../i18n';
import { ErrorNote } from '../ErrorNote';
import { siteFieldOf, SiteFields, typedOrigins } from './SiteFields';
import { draftOf, hoursOf, OpeningHoursField, weekdayName } from './OpeningHoursField';
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

/**
 * The numeric scoring settings, in the order of docs/scoring.md (their words: the dictionary's
 * `settings.scoring`); `whole`: whole numbers only.
 */
const SCORING: readonly { key: NumberSetting; whole?: boolean }[] = [
  { key: 'targetReplySeconds' },
  { key: 'halfLifeDays' },
  { key: 'negativityWeight' },
  { key: 'priorStrength' },
  { key: 'voiceWeight' },
  { key: 'reopenWindowDays' },
  { key: 'ratingAmendMinutes' },
  { key: 'maxPromisesPerConversation', whole: true },
  { key: 'minPromiseSeconds' },
];

/** The on/off scoring settings (their words: `settings.switches`). */
const SWITCHES: readonly SwitchSetting[] = ['excludeMemberRatings', 'statedReplyFollowsKept'];

/** A scoring setting's words: each has a label and a unit, some a hint. */
const settingWords = (words: { label: string; unit: string; hint?: string }) => words;

const retentionText = (days: number | null) => (days === null ? '' : String(days));

const originsText = (origins: readonly string[]) => origins.join('\n');

export function SiteSettingsForm({ api, site, onSaved }: Props) {
  const t = useT();
  const words = t.admin.settings;
  const scoring = SCORING.map((setting) => ({
    ...setting,
    ...settingWords(words.scoring[setting.key]),
  }));
  const [name, setName] = useState(site.name);
  const [origins, setOrigins] = useState(originsText(site.allowedOrigins));
  const [settings, setSettings] = useState<Record<string, string>>(() =>
    Object.fromEntries(SCORING.map(({ key }) => [key, String(site.settings[key])])),
  );
  const [switches, setSwitches] = useState<Record<string, boolean>>(() =>
    Object.fromEntries(SWITCHES.map((key) => [key, site.settings[key]])),
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
    // Only the scoring numbers have a place for their problems; the rest are said at the top.
    if (setting) {
      return SCORING.some(({ key }) => key === setting[1])
        ? [`settings.${setting[1]}`, sentence(wordedProblem(issue.message, t.admin.problems))]
        : null;
    }
    return siteFieldOf(issue, sentOrigins, t.admin);
  });
  /** A setting's name, for a problem said at the top. */
  const settingName = (path: string): string | null => {
    const day = /^settings\.openingHours\.(\d)\b/.exec(path);
    if (day) return t.admin.hours.day(weekdayName(Number(day[1])));
    const key = /^settings\.(\w+)$/.exec(path)?.[1];
    if (key === 'timeZone') return t.admin.timeZone.label;
    if (key === 'openingHours') return t.admin.hours.legend;
    if (key === 'retentionDays') return words.retentionLabel;
    const toggle = SWITCHES.find((name) => name === key);
    return toggle ? words.switches[toggle].label : null;
  };
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  const save = async (event: Event) => {
    event.preventDefault();
    const changedSettings: Partial<SiteSettings> = {};
    for (const { key } of SCORING) {
      if (settings[key] !== String(site.settings[key]))
        changedSettings[key] = Number(settings[key]);
    }
    for (const key of SWITCHES) {
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
      {error && (
        <ErrorNote
          worded
          error={formRefusal(error, issues, t.admin, {}, settingName)}
          onDismiss={() => setError(null)}
        />
      )}
      <section class="admin-card" aria-labelledby="site-details-title">
        <header class="admin-card-head">
          <h2 id="site-details-title" class="admin-card-title">
            {words.siteTitle}
          </h2>
        </header>
        <SiteFields
          idPrefix="site"
          name={name}
          onName={setName}
          origins={origins}
          onOrigins={setOrigins}
          hint={words.originsHint}
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
            {words.scoringTitle}
          </h2>
          <p class="admin-card-intro">{words.scoringIntro}</p>
        </header>
        <div class="admin-settings">
          {scoring.map(({ key, label, unit, whole, hint }) => (
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
              <code class="admin-setting-key" title={words.apiName}>
                {key}
              </code>
            </div>
          ))}
        </div>
        {SWITCHES.map((key) => (
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
                {words.switches[key].label}
              </label>
            </span>
            <span id={`setting-${key}-hint`} class="field-hint">
              {words.switches[key].hint}
            </span>
            <code class="admin-setting-key" title={words.apiName}>
              {key}
            </code>
          </div>
        ))}
      </section>

      <section class="admin-card" aria-labelledby="retention-title">
        <header class="admin-card-head">
          <h2 id="retention-title" class="admin-card-title">
            {words.retentionTitle}
          </h2>
          <p class="admin-card-intro">{words.retentionIntro}</p>
        </header>
        <div class="field admin-setting">
          <label class="field-label" for="setting-retentionDays">
            {words.retentionLabel}
          </label>
          <span class="admin-setting-input">
            <input
              id="setting-retentionDays"
              type="number"
              inputMode="numeric"
              step={1}
              min={1}
              max={3650}
              placeholder={words.keep}
              aria-describedby="setting-retentionDays-unit setting-retentionDays-hint"
              value={retention}
              onInput={(e) => setRetention(e.currentTarget.value)}
            />
            <span id="setting-retentionDays-unit" class="admin-setting-unit">
              {words.days}
            </span>
          </span>
          <span id="setting-retentionDays-hint" class="field-hint">
            {words.retentionHint}
          </span>
          <code class="admin-setting-key" title={words.apiName}>
            retentionDays
          </code>
        </div>
      </section>

      <div class="admin-save">
        <span class="admin-save-status" role="status">
          {saved && words.saved}
        </span>
        <button type="submit" class="btn btn--primary" disabled={busy}>
          {busy ? t.common.saving : words.save}
        </button>
      </div>
    </form>
  );
}
