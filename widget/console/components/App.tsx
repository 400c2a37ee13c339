/** The console's top level: find out whether the agent is signed in, then sign in or work. */
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { SignedInAgent } from '../../../shared/protocol';
import type { SessionApi } from '../api';
import type { LiveClient } from '../live';
import { SignIn } from './SignIn';
import { Workspace } from './Workspace';

export interface AppProps {
  api: SessionApi;
  /** Opens the live connection (a fake in tests). */
  connect: () => LiveClient;
}

type Session =
  | { state: 'checking' }
  | { state: 'signed-out'; notice: string | null }
  | { state: 'signed-in'; agent: SignedInAgent };

export function App({ api, connect }: AppProps) {
  const [session, setSession] = useState<Session>({ state: 'checking' });

  useEffect(() => {
    let current = true;
    api
      .current()
      .catch(() => null)
      .then((agent) => {
        if (!current) return;
        setSession(agent ? { state: 'signed-in', agent } : { state: 'signed-out', notice: null });
      });
    return () => {
      current = false;
    };
  }, [api]);

  const signOut = useCallback(() => {
    // Wait for the server to end the session, so a quick sign-in again cannot race it.
    void api
      .signOut()
      .catch(() => undefined)
      .then(() => setSession({ state: 'signed-out', notice: 'You have signed out.' }));
  }, [api]);

  const expired = useCallback(
    () =>
      setSession({ state: 'signed-out', notice: 'Your session has ended. Please sign in again.' }),
    [],
  );

  switch (session.state) {
    case 'checking':
      return (
        <div class="boot" role="status">
          <span class="brand-mark" aria-hidden="true" />
          <span class="sr-only">Loading the console…</span>
        </div>
      );
    case 'signed-out':
      return (
        <SignIn
          api={api}
          notice={session.notice}
          onSignedIn={(agent) => setSession({ state: 'signed-in', agent })}
        />
      );
    case 'signed-in':
      return (
        <Workspace
          agent={session.agent}
          connect={connect}
          onSignOut={signOut}
          onUnauthorized={expired}
        />
      );
  }
}
