/**
 * A secret shown this once (an invite link, a site key): Peakend keeps only its hash, so the
 * admin must copy it now. It stays until they say they are done.
 */
import type { ComponentChildren } from 'preact';
import { useT } from '../../i18n';
import { CopyField } from './CopyField';
import { KeyIcon } from '../icons';

interface Props {
  title: string;
  label: string;
  value: string;
  copyLabel: string;
  /** What the secret is for and how long it works. */
  children: ComponentChildren;
  onDone: () => void;
}

export function SecretOnce({ title, label, value, copyLabel, children, onDone }: Props) {
  const t = useT();
  return (
    <section class="secret" aria-label={title}>
      <div class="secret-head">
        <KeyIcon />
        <h3 class="secret-title">{title}</h3>
      </div>
      <div class="secret-body">{children}</div>
      <CopyField label={label} value={value} copyLabel={copyLabel} autoFocus />
      <p class="secret-warning">{t.admin.secret.warning}</p>
      <div class="secret-actions">
        <button type="button" class="btn btn--primary btn--small" onClick={onDone}>
          {t.admin.secret.done}
        </button>
      </div>
    </section>
  );
}
