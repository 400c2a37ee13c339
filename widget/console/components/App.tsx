/**
 * The console's top level: the page of an invite link or of a link that confirms an email, or
 * find out whether the person is signed in, then sign in or work (on one of their sites at a time).
 */
import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import type { SignedInAgent } from '../../../shared/protocol';
import {
  httpAccountApi,
  httpAccountSettingsApi,
  type AccountApi,
  type AccountSettingsApi,
} from '../accountApi';
import { httpAdminApi, type AdminApi } from '../adminApi';
import { httpHistoryApi, type HistoryApi } from '../historyApi';
import { httpInsightsApi, type InsightsApi } from '../insightsApi';
import { httpReportApi, type ReportApi } from '../reportApi';
import type { SessionApi } from '../api';
import { useT } from '../i18n';
import type { LiveClient } from '../live';
import { Join } from './Join';
import { SignIn } from './SignIn';
import { Verify } from './Verify';
import { Workspace } from './Workspace';

export interface AppProps {
  api: SessionApi;
  /** Opens the live connection (a fake in tests). */
  connect: () => LiveClient;
  /** The admin screens' calls (over HTTP unless given). */
  admin?: AdminApi;
  /** The insights screens' calls (over HTTP unless given). */
  insights?: InsightsApi;
  /** The history's calls (over HTTP unless given). */
  history?: HistoryApi;
  /** The weekly report's and comments feed's calls (over HTTP unless given). */
  report?: ReportApi;
  /** Invites and site switching (over HTTP unless given). */
  account?: AccountApi;
  /** The account menu's calls and email confirmation (over HTTP unless given). */
  settings?: AccountSettingsApi;
  /** The token of the invite link this page was opened with, if any. */
  inviteToken?: string | null;
  /** The secret of the link that confirms an email this page was opened with, if any. */
  verifyToken?: string | null;
  /** Called once a link's page is done with (an invite accepted), to leave its address behind. */
  onJoined?: () => void;
}

type Session =
  | { state: 'checking' }
  | { state: 'joining'; token: string }
  | { state: 'verifying'; token: string }
  /** `notice`: why they are here (they signed out, or their session ended). */
  | { state: 'signed-out'; notice: 'signed-out' | 'session-ended' | null }
  | { state: 'signed-in'; agent: SignedInAgent };

export function App({
  api,
  connect,
  admin,
  insights,
  history,
  report,
  account,
  settings,
  inviteToken,
  verifyToken,
  onJoined,
}: AppProps) {
  const t = useT();
  const [session, setSession] = useState<Session>(
    inviteToken
      ? { state: 'joining', token: inviteToken }
      : verifyToken
        ? { state: 'verifying', token: verifyToken }
        : { state: 'checking' },
  );
  const adminApi = useMemo(() => admin ?? httpAdminApi(), [admin]);
  const insightsApi = useMemo(() => insights ?? httpInsightsApi(), [insights]);
  const historyApi = useMemo(() => history ?? httpHistoryApi(), [history]);
  const reportApi = useMemo(() => report ?? httpReportApi(), [report]);
  const accountApi = useMemo(() => account ?? httpAccountApi(), [account]);
  const settingsApi = useMemo(() => settings ?? httpAccountSettingsApi(), [settings]);

  // The tab's title, in the language shown; signed in, the workspace's says what waits too.
  const signedIn = session.state === 'signed-in';
  useEffect(() => {
    if (!signedIn) document.title = t.shell.app.documentTitle(0);
  }, [signedIn, t]);

  useEffect(() => {
    if (inviteToken || verifyToken) return;
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
  }, [api, inviteToken, verifyToken]);

  /** Reads the session again: the person's sites changed (or `signedOut` when there is none). */
  const refresh = useCallback(
    (signedOut?: () => void) => {
      void api
        .current()
        .catch(() => null)
        .then((agent) => {
          if (agent) setSession({ state: 'signed-in', agent });
          else signedOut?.();
        });
    },
    [api],
  );

  const switchSite = useCallback(
    (siteId: string) => {
      void accountApi.switchSite(siteId).then((answer) => {
        if (answer.ok) setSession({ state: 'signed-in', agent: answer.data });
        else refresh();
      });
    },
    [accountApi, refresh],
  );

  const signOut = useCallback(() => {
    // Wait for the server to end the session, so a quick sign-in again cannot race it.
    void api
      .signOut()
      .catch(() => undefined)
      .then(() => setSession({ state: 'signed-out', notice: 'signed-out' }));
  }, [api]);

  const expired = useCallback(
    () => setSession({ state: 'signed-out', notice: 'session-ended' }),
    [],
  );

  switch (session.state) {
    case 'checking':
      return (
        <div class="boot" role="status">
          <span class="brand-mark" aria-hidden="true" />
          <span class="sr-only">{t.shell.app.loading}</span>
        </div>
      );
    case 'joining':
      return (
        <Join
          api={accountApi}
          session={api}
          token={session.token}
          onJoined={(agent) => {
            onJoined?.();
            setSession({ state: 'signed-in', agent });
          }}
          onSignIn={() => {
            onJoined?.();
            setSession({ state: 'signed-out', notice: null });
          }}
        />
      );
    case 'verifying':
      return (
        <Verify
          api={settingsApi}
          session={api}
          token={session.token}
          onDone={(agent) => {
            onJoined?.();
            setSession({ state: 'signed-in', agent });
          }}
          onSignIn={() => {
            onJoined?.();
            setSession({ state: 'checking' });
            refresh(() => setSession({ state: 'signed-out', notice: null }));
          }}
        />
      );
    case 'signed-out':
      return (
        <SignIn
          api={api}
          notice={
            session.notice === 'signed-out'
              ? t.shell.app.signedOut
              : session.notice === 'session-ended'
                ? t.shell.app.sessionEnded
                : null
          }
          onSignedIn={(agent) => setSession({ state: 'signed-in', agent })}
        />
      );
    case 'signed-in':
      return (
        // One site at a time: another site is another workspace, with its own connection.
        <Workspace
          key={session.agent.siteId}
          agent={session.agent}
          connect={connect}
          onSignOut={signOut}
          onUnauthorized={expired}
          admin={adminApi}
          insights={insightsApi}
          history={historyApi}
          report={reportApi}
          onSwitchSite={switchSite}
          onSitesChanged={() => refresh()}
        />
      );
  }
}
