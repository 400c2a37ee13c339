/** The sign-in form: email and password, the server's refusal shown as it says it. */
import { useState } from 'preact/hooks';
import { LIMITS } from '../../../shared/limits';
import type { SignedInAgent } from '../../../shared/protocol';
import type { SessionApi } from '../api';

interface Props {
  api: SessionApi;
  onSignedIn: (agent: SignedInAgent) => void;
  /** Why the agent is here again (a session that ended), shown above the form. */
  notice?: string | null;
}

export function SignIn({ api, onSignedIn, notice }: Props) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    const result = await api.signIn(email.trim(), password);
    setBusy(false);
    if (result.ok) onSignedIn(result.agent);
    else setError(result.message);
  };

  return (
    <main class="signin">
      <form class="signin-card" onSubmit={submit} aria-labelledby="signin-title">
        <div class="brand brand--large" aria-hidden="true">
          <span class="brand-mark" />
          Peakend
        </div>
        <h1 id="signin-title">Sign in to your console</h1>
        <p class="muted">Answer chats, keep your promises and watch your scores live.</p>
        {notice && !error && (
          <p class="note note--info" role="status">
            {notice}
          </p>
        )}
        {error && (
          <p class="note note--error" role="alert">
            {error}
          </p>
        )}
        <label class="field">
          <span class="field-label">Email</span>
          <input
            type="email"
            name="email"
            autoComplete="username"
            required
            maxLength={LIMITS.emailLength}
            value={email}
            onInput={(e) => setEmail(e.currentTarget.value)}
            autoFocus
          />
        </label>
        <label class="field">
          <span class="field-label">Password</span>
          <input
            type="password"
            name="password"
            autoComplete="current-password"
            required
            maxLength={LIMITS.passwordLength}
            value={password}
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
        </label>
        <button type="submit" class="btn btn--primary btn--block" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
