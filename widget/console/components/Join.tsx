/**
 * The page an invite link opens (`/console/join#TOKEN`): join the site's team. Someone new says
 * what to call them and chooses a password. Someone whose account the invite joins signs in with
 * the normal sign-in, which, given the link, joins the site too (no route of the link takes their
 * password: docs/accounts.md); already signed in with that account, they only confirm. Either way
 * they are then signed in, on that site.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { AckError } from '../../../shared/ack';
import type { InviteLookup } from '../../../shared/accounts';
import { LIMITS } from '../../../shared/limits';
import type { SignedInAgent } from '../../../shared/protocol';
import type { AccountApi } from '../accountApi';
import type { SessionApi } from '../api';
import { errorText } from '../errors';
import { useT } from '../i18n';
import { roleAs } from '../roles';
import { LanguageSelect } from './LanguageSelect';
import { AccountUsername, NewPasswordField } from './PasswordFields';
import { CardBrand, SignIn } from './SignIn';

interface Props {
  api: AccountApi;
  /** Signing in, for someone whose account the invite joins. */
  session: SessionApi;
  token: string;
  onJoined: (agent: SignedInAgent) => void;
  /** Leave for the sign-in form. */
  onSignIn: () => void;
}

type Invite =
  | { state: 'checking' }
  | { state: 'gone'; error: AckError }
  | { state: 'open'; invite: InviteLookup };

export function Join({ api, session, token, onJoined, onSignIn }: Props) {
  const t = useT();
  const words = t.shell.join;
  /** A refusal in the language shown: the invite is gone, or someone joined a moment ago. */
  const refusal = (refused: AckError) =>
    errorText(refused, t, { not_found: words.gone, conflict: words.conflict });
  const [invite, setInvite] = useState<Invite>({ state: 'checking' });
  /** Someone with an account: whether they are signed in with it already (null: not known yet). */
  const [signedInAs, setSignedInAs] = useState<SignedInAgent | null | undefined>(undefined);
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
    void api.lookupInvite(token).then(async (answer) => {
      if (!current) return;
      setInvite(
        answer.ok ? { state: 'open', invite: answer.data } : { state: 'gone', error: answer.error },
      );
      if (answer.ok && answer.data.accountExists) {
        const agent = await session.current().catch(() => null);
        if (current) setSignedInAs(agent?.email === answer.data.email ? agent : null);
      }
    });
    return () => {
      current = false;
    };
  }, [api, session, token]);

  /** Accepts with the session of the account the invite joins. */
  const acceptSignedIn = async () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    const answer = await api.acceptInvite(token, {});
    setBusy(false);
    if (answer.ok) onJoined(answer.data);
    else setError(answer.error);
  };

  const join = async (event: Event) => {
    event.preventDefault();
    if (busy || invite.state !== 'open') return;
    setBusy(true);
    setError(null);
    const answer = await api.acceptInvite(token, { name: name.trim(), password });
    setBusy(false);
    if (answer.ok) onJoined(answer.data);
    else setError(answer.error);
  };

  if (invite.state === 'open' && invite.invite.accountExists) {
    const { siteName, email, role } = invite.invite;
    return (
      <main class="signin">
        <section class="signin-card" aria-labelledby="join-title">
          <CardBrand />
          <h1 id="join-title">{words.joinSite(siteName)}</h1>
          <p class="muted">{words.invited(siteName, roleAs(role, t), email)}</p>
          {error && (
            <p class="note note--error" role="alert">
              {refusal(error)}
            </p>
          )}
          {signedInAs === undefined && (
            <p class="muted" role="status">
              {words.checkingSignedIn}
            </p>
          )}
          {signedInAs && (
            <button
              type="button"
              class="btn btn--primary btn--block"
              disabled={busy}
              onClick={() => void acceptSignedIn()}
            >
              {busy ? words.busy : words.joinSite(siteName)}
            </button>
          )}
          {signedInAs === null && (
            <SignIn
              api={session}
              embedded
              email={email}
              title={words.signInTitle}
              intro={words.signInIntro(email, siteName)}
              submitLabel={words.signInAndJoin(siteName)}
              invite={token}
              onSignedIn={onJoined}
            />
          )}
        </section>
        <LanguageSelect class="signin-language" />
      </main>
    );
  }
  const [invitedBefore, invitedAfter] =
    invite.state === 'open' ? words.invitedNew(roleAs(invite.invite.role, t)) : ['', ''];

  return (
    <main class="signin">
      <form class="signin-card" onSubmit={join} aria-labelledby="join-title">
        <CardBrand />
        {invite.state === 'checking' && (
          <p class="muted" role="status">
            {words.checking}
          </p>
        )}
        {invite.state === 'gone' && (
          <>
            <h1 id="join-title">{words.goneTitle}</h1>
            <p class="note note--error" role="alert">
              {refusal(invite.error)}
            </p>
            <button type="button" class="btn btn--secondary btn--block" onClick={onSignIn}>
              {words.goToSignIn}
            </button>
          </>
        )}
        {invite.state === 'open' && (
          <>
            <h1 id="join-title">{words.joinSite(invite.invite.siteName)}</h1>
            <p class="muted">
              {invitedBefore}
              <strong>{invite.invite.email}</strong>
              {invitedAfter}
            </p>
            {error && (
              <div class="note note--error" role="alert">
                {refusal(error)}
                {error.issues && error.issues.length > 0 && (
                  <ul class="note-issues">
                    {error.issues.map((issue) => (
                      <li key={issue.path}>
                        {t.shell.errors.issue(
                          issue.path === 'name' ? words.yourName : words.passwordIssue,
                          issue.message,
                        )}
                      </li>
                    ))}
                  </ul>
                )}
              </div>
            )}
            <label class="field">
              <span class="field-label">{words.yourName}</span>
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
            <AccountUsername email={invite.invite.email} />
            <NewPasswordField
              id="join-password"
              label={words.choosePassword}
              name="password"
              value={password}
              onInput={setPassword}
              inputRef={passwordField}
            />
            <button type="submit" class="btn btn--primary btn--block" disabled={busy}>
              {busy ? words.busy : words.joinSite(invite.invite.siteName)}
            </button>
          </>
        )}
      </form>
      <LanguageSelect class="signin-language" />
    </main>
  );
}
