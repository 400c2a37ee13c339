/**
 * A value to copy: a read-only field (a textarea for several lines) and a Copy button. Where the
 * browser refuses the clipboard, the text is selected so the person can copy it themselves.
 */
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { useT } from '../../i18n';
import { useFocusOnMount } from '../../useFocusOnMount';

interface Props {
  label: string;
  value: string;
  /** The button's text, e.g. "Copy link". */
  copyLabel: string;
  multiline?: boolean;
  /** Focus the field when it appears (a secret that was just made). */
  autoFocus?: boolean;
}

type Copied = 'idle' | 'copied' | 'select';

export function CopyField({
  label,
  value,
  copyLabel,
  multiline = false,
  autoFocus = false,
}: Props) {
  const t = useT();
  const id = useId();
  const field = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const [copied, setCopied] = useState<Copied>('idle');
  useFocusOnMount(field, autoFocus);

  useEffect(() => {
    if (copied !== 'copied') return;
    const timer = setTimeout(() => setCopied('idle'), 2500);
    return () => clearTimeout(timer);
  }, [copied]);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied('copied');
    } catch {
      field.current?.focus();
      field.current?.select();
      setCopied('select');
    }
  };

  const common = {
    id,
    ref: field,
    class: 'copy-field-input',
    readOnly: true,
    value,
    spellcheck: false,
    onFocus: (event: FocusEvent) => (event.currentTarget as HTMLInputElement).select(),
  };

  return (
    <div class="field copy-field">
      <label class="field-label" for={id}>
        {label}
      </label>
      <div class={`copy-field-row${multiline ? ' copy-field-row--multiline' : ''}`}>
        {multiline ? <textarea {...common} rows={3} /> : <input type="text" {...common} />}
        <button type="button" class="btn btn--secondary" onClick={() => void copy()}>
          {copied === 'copied' ? t.admin.copy.copied : copyLabel}
        </button>
      </div>
      <span class="copy-field-status" role="status">
        {copied === 'copied' && t.admin.copy.copiedStatus}
        {copied === 'select' && t.admin.copy.selectStatus}
      </span>
    </div>
  );
}
