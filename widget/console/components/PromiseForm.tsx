/** "Make a promise": what the agent will do and by when (30 minutes from now unless changed). */
import { useRef, useState } from 'preact/hooks';
import { LIMITS } from '../../../shared/limits';
import { duration, fromDateTimeLocal, toDateTimeLocal } from '../format';
import { useT } from '../i18n';
import { useFocusOnMount } from '../useFocusOnMount';

const MINUTE = 60_000;
const DEFAULT_DUE_MINUTES = 30;
/** Due in 15 min, 30 min, 1 hour, 4 hours, 1 day (in the console's language: format.ts). */
const PRESETS = [15, 30, 60, 240, 24 * 60];

/** What keeps the promise from being made, before asking the server. */
type Problem = 'noText' | 'noTime' | 'past';

interface Props {
  conversationId: string;
  /** Resolves true when the promise was recorded (the form then closes). */
  onMake: (text: string, dueAt: string) => Promise<boolean>;
  onCancel: () => void;
  now?: () => number;
}

export function PromiseForm({ conversationId, onMake, onCancel, now = Date.now }: Props) {
  const [text, setText] = useState('');
  const [due, setDue] = useState(() => toDateTimeLocal(now() + DEFAULT_DUE_MINUTES * MINUTE));
  const t = useT();
  const words = t.live.promiseForm;
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const id = (name: string) => `promise-${name}-${conversationId}`;
  // The form opens after the page has loaded, when `autofocus` no longer works.
  const textField = useRef<HTMLInputElement>(null);
  useFocusOnMount(textField);

  const submit = async (event: Event) => {
    event.preventDefault();
    const what = text.trim();
    const dueAt = fromDateTimeLocal(due);
    if (!what) return setProblem('noText');
    if (!dueAt) return setProblem('noTime');
    if (Date.parse(dueAt) <= now()) return setProblem('past');
    setProblem(null);
    setBusy(true);
    const made = await onMake(what, dueAt);
    setBusy(false);
    if (made) onCancel();
  };

  return (
    <form
      class="promise-form"
      onSubmit={submit}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onCancel();
      }}
      aria-label={words.title}
    >
      <div class="promise-form-fields">
        <div class="field field--grow">
          <label class="field-label" for={id('text')}>
            {words.what}
          </label>
          <input
            id={id('text')}
            type="text"
            required
            maxLength={LIMITS.promiseTextLength}
            placeholder={words.placeholder}
            value={text}
            onInput={(e) => setText(e.currentTarget.value)}
            ref={textField}
          />
        </div>
        <div class="field">
          <label class="field-label" for={id('due')}>
            {words.byWhen}
          </label>
          <input
            id={id('due')}
            type="datetime-local"
            required
            value={due}
            min={toDateTimeLocal(now())}
            onInput={(e) => setDue(e.currentTarget.value)}
          />
        </div>
      </div>
      <div class="promise-form-bar">
        <div class="presets" role="group" aria-label={words.dueIn}>
          {PRESETS.map((minutes) => (
            <button
              key={minutes}
              type="button"
              class="chip"
              onClick={() => setDue(toDateTimeLocal(now() + minutes * MINUTE))}
            >
              {duration(minutes)}
            </button>
          ))}
        </div>
        <div class="promise-form-actions">
          <button type="button" class="btn btn--quiet" onClick={onCancel}>
            {t.common.cancel}
          </button>
          <button type="submit" class="btn btn--primary" disabled={busy}>
            {busy ? t.common.saving : words.confirm}
          </button>
        </div>
      </div>
      {problem && (
        <p class="field-error" role="alert">
          {words[problem]}
        </p>
      )}
    </form>
  );
}
