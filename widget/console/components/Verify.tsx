/**
 * The page a link that confirms an email opens (`/console/verify#TOKEN`, mailed when Peakend
 * sends email). The link works only signed in as the account it was sent for, so the owner of
 * the mailbox cannot vouch, by one click, for an account someone else made with their address
 * (docs/accounts.md): not signed in, the page asks to sign in first.
 */
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { AckError } from '../../../shared/ack';
import type { SignedInAgent } from '../../../shared/protocol';
import type { AccountSettingsApi } from '../accountApi';
import type { SessionApi } from '../api';
import { errorText } from '../errors';
import { useT } from '../i18n';
import { LanguageSelect } from './LanguageSelect';
import { CardBrand, SignIn } from './SignIn';

interface Props {
  api: AccountSettingsApi;
  session: SessionApi;
  token: string;
  /** Continue to the console, signed in. */
  onDone: (agent: SignedInAgent) => void;
  /** Leave for the sign-in form. */
  onSignIn: () => void;
}

type State =
  | { state: 'checking' }
  | { state: 'sign-in' }
  | { state: 'done'; agent: SignedInAgent }
  | { state: 'failed'; error: AckError };

export function Verify({ api, session, token, onDone, onSignIn }: Props) {
  const t = useT();
  const words = t.shell.verify;
  const [state, setState] = useState<State>({ state: 'checking' });

  const confirm = useCallback(async () => {
    const answer = await api.verify(token);
    if (answer.ok) setState({ state: 'done', agent: answer.data });
    else if (answer.error.code === 'unauthorized') setState({ state: 'sign-in' });
    else setState({ state: 'failed', error: answer.error });
  }, [api, token]);

  useEffect(() => {
    void confirm();
  }, [confirm]);

  return (
    <main class="signin">
      <section class="signin-card" aria-labelledby="verify-title">
        <CardBrand />
        <h1 id="verify-title">{words.title}</h1>
        {state.state === 'checking' && (
          <p class="muted" role="status">
            {words.checking}
          </p>
        )}
        {state.state === 'sign-in' && (
          <SignIn
            api={session}
            embedded
            title={words.signInTitle}
            intro={words.signInIntro}
            submitLabel={words.signInAndConfirm}
            onSignedIn={() => void confirm()}
          />
        )}
        {state.state === 'done' && (
          <>
            <p class="note note--info" role="status">
              {words.done(state.agent.email)}
            </p>
            <button
              type="button"
              class="btn btn--primary btn--block"
              onClick={() => onDone(state.agent)}
            >
              {words.continue}
            </button>
          </>
        )}
        {state.state === 'failed' && (
          <>
            <p class="note note--error" role="alert">
              {errorText(state.error, t, { not_found: words.failed })}
            </p>
            <button type="button" class="btn btn--secondary btn--block" onClick={onSignIn}>
              {words.goToConsole}
            </button>
          </>
        )}
      </section>
      <LanguageSelect class="signin-language" />
    </main>
  );
}
