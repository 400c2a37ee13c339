/**
 * The site's opening hours (settings `openingHours`), per weekday in its time zone. They only
 * word the widget's away message ("We're closed, back at 9:00"): the chat is online while a
 * member has the console open, whatever the hours say (docs/embedding.md, away mode).
 */
import type { OpeningHours } from '../../../../shared/opening-hours';
import { useT } from '../../i18n';
import { consoleLocale } from '../../i18n/locale';

/** One day as the form edits it: closed days keep their times, so unticking is undone by a tick. */
export interface DayDraft {
  open: boolean;
  from: string;
  to: string;
}

const DAYS = 7;

/**
 * A weekday's name in the console's language, Monday first (0) as the setting has them:
 * "Monday", "maandag", "lundi" (as written within a sentence).
 */
export function weekdayName(index: number): string {
  // 1 January 2024 was a Monday.
  const day = new Date(Date.UTC(2024, 0, 1 + index));
  const name = new Intl.DateTimeFormat(consoleLocale(), {
    weekday: 'long',
    timeZone: 'UTC',
  }).format(day);
  return name;
}

/** A name as a label begins: "Maandag", "Lundi". */
const capitalised = (name: string) =>
  name.charAt(0).toLocaleUpperCase(consoleLocale()) + name.slice(1);

export function draftOf(hours: OpeningHours | null): DayDraft[] {
  return Array.from({ length: DAYS }, (_, i) => {
    const day = hours?.[i] ?? null;
    return day ? { open: true, ...day } : { open: false, from: '09:00', to: '17:00' };
  });
}

/** What the form says, as the setting: no open day at all is "no hours". */
export function hoursOf(draft: DayDraft[]): OpeningHours | null {
  if (!draft.some((day) => day.open)) return null;
  return draft.map((day) => (day.open ? { from: day.from, to: day.to } : null));
}

interface Props {
  value: DayDraft[];
  onChange(value: DayDraft[]): void;
}

export function OpeningHoursField({ value, onChange }: Props) {
  const t = useT();
  const words = t.admin.hours;
  const change = (index: number, patch: Partial<DayDraft>) =>
    onChange(value.map((day, i) => (i === index ? { ...day, ...patch } : day)));
  return (
    <fieldset class="admin-form admin-hours" aria-describedby="setting-openingHours-hint">
      <legend class="field-label">{words.legend}</legend>
      <span id="setting-openingHours-hint" class="field-hint">
        {words.hint}
      </span>
      {value.map((day, i) => {
        const name = capitalised(weekdayName(i));
        return (
          <div key={i} class="admin-hours-day">
            <span class="admin-switch-row">
              <input
                id={`hours-${i}-open`}
                type="checkbox"
                checked={day.open}
                onChange={(e) => change(i, { open: e.currentTarget.checked })}
              />
              <label for={`hours-${i}-open`}>{name}</label>
            </span>
            <input
              type="time"
              aria-label={words.opensAt(name)}
              disabled={!day.open}
              value={day.from}
              onInput={(e) => change(i, { from: e.currentTarget.value })}
            />
            <span aria-hidden="true">–</span>
            <input
              type="time"
              aria-label={words.closesAt(name)}
              disabled={!day.open}
              value={day.to}
              onInput={(e) => change(i, { to: e.currentTarget.value })}
            />
          </div>
        );
      })}
      <code class="admin-setting-key" title={t.admin.settings.apiName}>
        openingHours
      </code>
    </fieldset>
  );
}
