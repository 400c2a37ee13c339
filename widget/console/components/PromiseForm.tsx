/** "Make a promise": what the agent will do and by when (30 minutes from now unless changed). */
import { useRef, useState } from 'preact/hooks';
import { LIMITS } from '../../../shared/limits';
import { fromDateTimeLocal, toDateTimeLocal } from '../format';
import { useFocusOnMount } from '../useFocusOnMount';

const MINUTE = 60_000;
const DEFAULT_DUE_MINUTES = 30;
const PRESETS = [
  { label: '15 min', minutes: 15 },
  { label: '30 min', minutes: 30 },
  { label: '1 hour', minutes: 60 },
  { label: '4 hours', minutes: 240 },
  { label: '1 day', minutes: 24 * 60 },
];

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
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = (name: string) => `promise-${name}-${conversationId}`;
  // The form opens after the page has loaded, when `autofocus` no longer works.
  const textField = useRef<HTMLInputElement>(null);
  useFocusOnMount(textField);

  const submit = async (event: Event) => {
    event.preventDefault();
    const what = text.trim();
    const dueAt = fromDateTimeLocal(due);
    if (!what) return setProblem('Say what you will do.');
    if (!dueAt) return setProblem('Choose when it will be done.');
    if (Date.parse(dueAt) <= now()) return setProblem('Choose a time in the future.');
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
      aria-label="New promise"
    >
      <div class="promise-form-fields">
        <div class="field field--grow">
          <label class="field-label" for={id('text')}>
            What will you do?
          </label>
          <input
            id={id('text')}
            type="text"
            required
            maxLength={LIMITS.promiseTextLength}
            placeholder="e.g. Check the refund with billing and get back to you"
            value={text}
            onInput={(e) => setText(e.currentTarget.value)}
            ref={textField}
          />
        </div>
        <div class="field">
          <label class="field-label" for={id('due')}>
            By when
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
        <div class="presets" role="group" aria-label="Due in">
          {PRESETS.map((preset) => (
            <button
              key={preset.label}
              type="button"
              class="chip"
              onClick={() => setDue(toDateTimeLocal(now() + preset.minutes * MINUTE))}
            >
              {preset.label}
            </button>
          ))}
        </div>
        <div class="promise-form-actions">
          <button type="button" class="btn btn--quiet" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" class="btn btn--primary" disabled={busy}>
            {busy ? 'Saving…' : 'Confirm promise'}
          </button>
        </div>
      </div>
      {problem && (
        <p class="field-error" role="alert">
          {problem}
        </p>
      )}
    </form>
  );
}
