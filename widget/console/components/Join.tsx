/**
 * The page an invite link opens (`/console/join#TOKEN`): join the site's team. Someone new says
 * what to call them and chooses a password; someone with an account already (on another site)
 * enters its password. Either way they are then signed in.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { AckError } from '../../../shared/ack';
import type { InviteLookup } from '../../../shared/accounts';
import { LIMITS } from '../../../shared/limits';
import type { SignedInAgent } from '../../../shared/protocol';
import type { AccountApi } from '../accountApi';
import { ROLE_LABEL } from '../roles';

interface Props {
  api: AccountApi;
  token: string;
  onJoined: (agent: SignedInAgent) => void;
  /** Leave for the sign-in form. */
  onSignIn: () => void;
}

type Invite =
  | { state: 'checking' }
  | { state: 'gone'; message: string }
  | { state: 'open'; invite: InviteLookup };

const article = (word: string) => (/^[aeiou]/i.test(word) ? 'an' : 'a');

export function Join({ api, token, onJoined, onSignIn }: Props) {
  const [invite, setInvite] = useState<Invite>({ state: 'checking' });
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<AckError | null>(null);
  const [busy, setBusy] = useState(false);
  const nameField = useRef<HTMLInputElement>(null);
  const passwordField = useRef<HTMLInputElement>(null);

  // The first thing to fill in has the focus once the invite is known.
  useEffect(() => {
    if (invite.state === 'open') (nameField.current ?? passwordField.current)?.focus();
  }, [invite.state]);

  useEffect(() => {
    let current = true;
    void api.lookupInvite(token).then((answer) => {
      if (!current) return;
      setInvite(
        answer.ok
          ? { state: 'open', invite: answer.data }
          : { state: 'gone', message: answer.error.message },
      );
    });
    return () => {
      current = false;
    };
  }, [api, token]);

  const join = async (event: Event) => {
    event.preventDefault();
    if (busy || invite.state !== 'open') return;
    setBusy(true);
    setError(null);
    const answer = await api.acceptInvite(
      token,
      invite.invite.accountExists ? { password } : { name: name.trim(), password },
    );
    setBusy(false);
    if (answer.ok) onJoined(answer.data);
    else setError(answer.error);
  };

  return (
    <main class="signin">
      <form class="signin-card" onSubmit={join} aria-labelledby="join-title">
        <div class="brand brand--large" aria-hidden="true">
          <span class="brand-mark" />
          Peakend
        </div>
        {invite.state === 'checking' && (
          <p class="muted" role="status">
            Checking your invite…
          </p>
        )}
        {invite.state === 'gone' && (
          <>
            <h1 id="join-title">This invite link does not work</h1>
            <p class="note note--error" role="alert">
              {invite.message}
            </p>
            <button type="button" class="btn btn--secondary btn--block" onClick={onSignIn}>
              Go to sign in
            </button>
          </>
        )}
        {invite.state === 'open' && (
          <>
            <h1 id="join-title">Join {invite.invite.siteName}</h1>
            <p class="muted">
              You are invited as {article(invite.invite.role)}{' '}
              {ROLE_LABEL[invite.invite.role].toLowerCase()}, with{' '}
              <strong>{invite.invite.email}</strong>.
              {invite.invite.accountExists
                ? ' You have a Peakend account already: enter its password to accept.'
                : ' Say what to call you and choose a password.'}
            </p>
            {error && (
              <div class="note note--error" role="alert">
                {error.message}
                {error.issues && error.issues.length > 0 && (
                  <ul class="note-issues">
                    {error.issues.map((issue) => (
                      <li key={issue.path}>
                        {issue.path === 'name' ? 'Your name' : 'Password'}: {issue.message}
                      </li>
                    ))}
                  </ul>
                )}
              </div>
            )}
            {!invite.invite.accountExists && (
              <label class="field">
                <span class="field-label">Your name</span>
                <input
                  type="text"
                  name="name"
                  autoComplete="name"
                  required
                  maxLength={LIMITS.nameLength}
                  ref={nameField}
                  value={name}
                  onInput={(e) => setName(e.currentTarget.value)}
                />
              </label>
            )}
            {/* For password managers: the account this password belongs to. */}
            <input
              type="email"
              name="email"
              autoComplete="username"
              value={invite.invite.email}
              readOnly
              hidden
            />
            <div class="field">
              <label class="field-label" for="join-password">
                {invite.invite.accountExists ? 'Password' : 'Choose a password'}
              </label>
              <input
                id="join-password"
                type="password"
                name="password"
                autoComplete={invite.invite.accountExists ? 'current-password' : 'new-password'}
                required
                minLength={invite.invite.accountExists ? undefined : LIMITS.passwordMinLength}
                maxLength={LIMITS.passwordLength}
                value={password}
                ref={passwordField}
                onInput={(e) => setPassword(e.currentTarget.value)}
                aria-describedby={invite.invite.accountExists ? undefined : 'password-hint'}
              />
              {!invite.invite.accountExists && (
                <span id="password-hint" class="field-hint">
                  At least {LIMITS.passwordMinLength} characters.
                </span>
              )}
            </div>
            <button type="submit" class="btn btn--primary btn--block" disabled={busy}>
              {busy ? 'Joining…' : `Join ${invite.invite.siteName}`}
            </button>
          </>
        )}
      </form>
    </main>
  );
}
