/**
 * The page a link that confirms an email opens (`/console/verify#TOKEN`, mailed when Peakend
 * sends email). The link works only signed in as the account it was sent for, so the owner of
 * the mailbox cannot vouch, by one click, for an account someone else made with their address
 * (docs/accounts.md): not signed in, the page asks to sign in first.
 */
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { SignedInAgent } from '../../../shared/protocol';
import type { AccountSettingsApi } from '../accountApi';
import type { SessionApi } from '../api';
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
  | { state: 'failed'; message: string };

export function Verify({ api, session, token, onDone, onSignIn }: Props) {
  const [state, setState] = useState<State>({ state: 'checking' });

  const confirm = useCallback(async () => {
    const answer = await api.verify(token);
    if (answer.ok) setState({ state: 'done', agent: answer.data });
    else if (answer.error.code === 'unauthorized') setState({ state: 'sign-in' });
    else setState({ state: 'failed', message: answer.error.message });
  }, [api, token]);

  useEffect(() => {
    void confirm();
  }, [confirm]);

  return (
    <main class="signin">
      <section class="signin-card" aria-labelledby="verify-title">
        <CardBrand />
        <h1 id="verify-title">Confirm your email</h1>
        {state.state === 'checking' && (
          <p class="muted" role="status">
            Confirming…
          </p>
        )}
        {state.state === 'sign-in' && (
          <SignIn
            api={session}
            embedded
            title="Sign in to confirm"
            intro="Sign in with the Peakend account this link was sent for."
            submitLabel="Sign in and confirm"
            onSignedIn={() => void confirm()}
          />
        )}
        {state.state === 'done' && (
          <>
            <p class="note note--info" role="status">
              Your email {state.agent.email} is confirmed.
            </p>
            <button
              type="button"
              class="btn btn--primary btn--block"
              onClick={() => onDone(state.agent)}
            >
              Continue to the console
            </button>
          </>
        )}
        {state.state === 'failed' && (
          <>
            <p class="note note--error" role="alert">
              {state.message}
            </p>
            <button type="button" class="btn btn--secondary btn--block" onClick={onSignIn}>
              Go to the console
            </button>
          </>
        )}
      </section>
    </main>
  );
}
