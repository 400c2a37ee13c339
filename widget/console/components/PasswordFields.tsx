/**
 * The fields of a form that sets a password (joining a site, changing one's password): the
 * account's email for password managers, and the new password with its length limits.
 */
import type { Ref } from 'preact';
import { LIMITS } from '../../../shared/limits';
import { useT } from '../i18n';

/** For password managers: the account the password belongs to (hidden, not sent by hand). */
export function AccountUsername({ email }: { email: string }) {
  return <input type="email" name="email" autoComplete="username" value={email} readOnly hidden />;
}

interface NewPasswordProps {
  /** The input's id; its hint's id is `${id}-hint`. */
  id: string;
  label: string;
  name: string;
  value: string;
  onInput(value: string): void;
  /** Said after the least length. */
  hint?: string;
  inputRef?: Ref<HTMLInputElement>;
}

export function NewPasswordField({
  id,
  label,
  name,
  value,
  onInput,
  hint,
  inputRef,
}: NewPasswordProps) {
  const t = useT();
  const hintId = `${id}-hint`;
  return (
    <div class="field">
      <label class="field-label" for={id}>
        {label}
      </label>
      <input
        id={id}
        type="password"
        name={name}
        autoComplete="new-password"
        required
        minLength={LIMITS.passwordMinLength}
        maxLength={LIMITS.passwordLength}
        value={value}
        ref={inputRef}
        onInput={(e) => onInput(e.currentTarget.value)}
        aria-describedby={hintId}
      />
      <span id={hintId} class="field-hint">
        {t.shell.password.atLeast(LIMITS.passwordMinLength)}
        {hint && ` ${hint}`}
      </span>
    </div>
  );
}
