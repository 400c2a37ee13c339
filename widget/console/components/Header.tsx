/** The top bar: product, site, connection state, who is signed in, sign out. */
import type { SignedInAgent } from '../../../shared/protocol';
import type { ConnectionState } from '../live';

const CONNECTION_LABEL: Record<ConnectionState, string> = {
  connecting: 'Connecting…',
  connected: 'Live',
  reconnecting: 'Reconnecting…',
  unauthorized: 'Signed out',
};

const ROLE_LABEL: Record<SignedInAgent['role'], string> = {
  admin: 'Admin',
  supervisor: 'Supervisor',
  agent: 'Agent',
};

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const letters = parts.length > 1 ? [parts[0], parts[parts.length - 1]] : [parts[0]];
  return letters
    .map((part) => part?.[0] ?? '')
    .join('')
    .toUpperCase();
}

interface Props {
  agent: SignedInAgent;
  connection: ConnectionState;
  onSignOut: () => void;
}

export function Header({ agent, connection, onSignOut }: Props) {
  return (
    <header class="topbar">
      <div class="brand">
        <span class="brand-mark" aria-hidden="true" />
        Peakend
      </div>
      <span class="topbar-site" title="Site">
        {agent.siteName}
      </span>
      <span class={`connection connection--${connection}`} role="status" aria-live="polite">
        <span class="connection-dot" aria-hidden="true" />
        {CONNECTION_LABEL[connection]}
      </span>
      <div class="topbar-me">
        <span class="avatar" aria-hidden="true">
          {initials(agent.name)}
        </span>
        <span class="topbar-who">
          <span class="topbar-name">{agent.name}</span>
          <span class="topbar-role">{ROLE_LABEL[agent.role]}</span>
        </span>
        <button type="button" class="btn btn--ghost-dark" onClick={onSignOut}>
          Sign out
        </button>
      </div>
    </header>
  );
}
