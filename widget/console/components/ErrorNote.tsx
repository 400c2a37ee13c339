/** An action's refusal, shown where it happened; the agent can dismiss it. */
import type { AckError } from '../../../shared/ack';
import { errorText } from '../errors';
import { useT } from '../i18n';
import { AlertIcon, XIcon } from './icons';

interface Props {
  error: AckError;
  onDismiss: () => void;
  /**
   * The refusal is worded already, in the language shown, by what knows its place (the admin
   * screens: adminRefusals.ts): shown as it is rather than worded again by its code.
   */
  worded?: boolean;
}

/** An action's refusal, worded in the language shown where its code is known (errors.ts). */
export function ErrorNote({ error, onDismiss, worded = false }: Props) {
  const t = useT();
  return (
    <div class="note note--error note--inline" role="alert">
      <AlertIcon />
      <div class="note-body">
        <span>{worded ? error.message : errorText(error, t)}</span>
        {error.issues && error.issues.length > 0 && (
          <ul class="note-issues">
            {error.issues.map((issue) => (
              <li key={`${issue.path}:${issue.message}`}>
                {issue.path ? t.shell.errors.issue(issue.path, issue.message) : issue.message}
              </li>
            ))}
          </ul>
        )}
      </div>
      <button
        type="button"
        class="icon-btn"
        aria-label={t.shell.errorNote.dismiss}
        onClick={onDismiss}
      >
        <XIcon />
      </button>
    </div>
  );
}
