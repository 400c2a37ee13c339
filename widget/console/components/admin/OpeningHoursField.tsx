/**
 * The site's opening hours (settings `openingHours`), per weekday in its time zone. They only
 * word the widget's away message ("We're closed, back at 9:00"): the chat is online while a
 * member has the console open, whatever the hours say (docs/embedding.md, away mode).
 */
import type { OpeningHours } from '../../../../shared/opening-hours';

/** One day as the form edits it: closed days keep their times, so unticking is undone by a tick. */
export interface DayDraft {
  open: boolean;
  from: string;
  to: string;
}

const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

export function draftOf(hours: OpeningHours | null): DayDraft[] {
  return DAYS.map((_, i) => {
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
  const change = (index: number, patch: Partial<DayDraft>) =>
    onChange(value.map((day, i) => (i === index ? { ...day, ...patch } : day)));
  return (
    <fieldset class="admin-form admin-hours" aria-describedby="setting-openingHours-hint">
      <legend class="field-label">Opening hours</legend>
      <span id="setting-openingHours-hint" class="field-hint">
        In the site’s time zone. When no one has the console open, the chat says “We’re closed, back
        at 9:00” outside these hours and “We’re away right now” within them (or when no day is
        open), and asks visitors for their email.
      </span>
      {value.map((day, i) => {
        const name = DAYS[i] ?? '';
        return (
          <div key={name} class="admin-hours-day">
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
              aria-label={`${name} opens at`}
              disabled={!day.open}
              value={day.from}
              onInput={(e) => change(i, { from: e.currentTarget.value })}
            />
            <span aria-hidden="true">–</span>
            <input
              type="time"
              aria-label={`${name} closes at`}
              disabled={!day.open}
              value={day.to}
              onInput={(e) => change(i, { to: e.currentTarget.value })}
            />
          </div>
        );
      })}
      <code class="admin-setting-key" title="Its name in the sites API">
        openingHours
      </code>
    </fieldset>
  );
}
