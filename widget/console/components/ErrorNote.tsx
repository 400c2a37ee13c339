/** An action's refusal, shown where it happened; the agent can dismiss it. */
import type { AckError } from '../../../shared/ack';
import { AlertIcon, XIcon } from './icons';

export function ErrorNote({ error, onDismiss }: { error: AckError; onDismiss: () => void }) {
  return (
    <div class="note note--error note--inline" role="alert">
      <AlertIcon />
      <div class="note-body">
        <span>{error.message}</span>
        {error.issues && error.issues.length > 0 && (
          <ul class="note-issues">
            {error.issues.map((issue) => (
              <li key={`${issue.path}:${issue.message}`}>
                {issue.path ? `${issue.path}: ` : ''}
                {issue.message}
              </li>
            ))}
          </ul>
        )}
      </div>
      <button type="button" class="icon-btn" aria-label="Dismiss" onClick={onDismiss}>
        <XIcon />
      </button>
    </div>
  );
}
