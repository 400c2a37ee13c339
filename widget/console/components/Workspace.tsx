/**
 * The signed-in console: header, inbox, the selected conversation and the live scores ("Live");
 * on demand instead, the follow-up queue, the history of conversations, trends and segments
 * (supervisors and admins) or the admin screens (admins). The live connection stays up meanwhile.
 *
 * The history follows the page's address (historyLink.ts), so any view links to the
 * conversations behind a figure with a plain `href="#conversations?agent=…"`.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { SignedInAgent } from '../../../shared/protocol';
import type { AdminApi } from '../adminApi';
import type { HistoryApi } from '../historyApi';
import { historyHash, historyTarget, type HistoryFilter } from '../historyLink';
import { addressedView } from '../viewLink';
import type { InsightsApi } from '../insightsApi';
import type { ReportApi } from '../reportApi';
import { awaitsReply } from '../inbox';
import type { LiveClient } from '../live';
import { useArrivals } from '../arrivals';
import { errorText } from '../errors';
import { useT } from '../i18n';
import { useWaitingArrivals, waitingElsewhere } from '../elsewhere';
import { useNewFollowups } from '../followups';
import { useLiveConsole } from '../useLiveConsole';
import { useNow } from '../useNow';
import { ConversationList } from './ConversationList';
import { Comments } from './Comments';
import { ConversationPane } from './ConversationPane';
import { FollowUp } from './FollowUp';
import { Admin } from './admin/Admin';
import { Header, type ConsoleView } from './Header';
import { History } from './History';
import { BackIcon, InboxIcon } from './icons';
import { LiveScores } from './LiveScores';
import { Report } from './Report';
import { ScoreBreakdown } from './ScoreBreakdown';
import { Segments } from './Segments';
import { Trends } from './Trends';

interface Props {
  agent: SignedInAgent;
  connect: () => LiveClient;
  onSignOut: () => void;
  onUnauthorized: () => void;
  /** The admin screens' calls; without them, no admin screens. */
  admin?: AdminApi;
  /** The insights screens' calls; without them, no insights. */
  insights?: InsightsApi;
  /** The history's calls; without them, no history. */
  history?: HistoryApi;
  /** The weekly report's and the comments feed's calls; without them, neither. */
  report?: ReportApi;
  onSwitchSite?: (siteId: string) => void;
  /** The person's sites changed (one was created or renamed). */
  onSitesChanged?: () => void;
}

export function Workspace({
  agent: signedIn,
  connect,
  onSignOut,
  onUnauthorized,
  admin,
  insights,
  history,
  report,
  onSwitchSite,
  onSitesChanged,
}: Props) {
  const t = useT();
  const words = t.live.workspace;
  const live = useLiveConsole(connect, signedIn, onUnauthorized);
  const { agent, conversations, typing } = live;
  // Admins of any of their sites see the admin screens (the server checks each call too).
  const administers = agent.sites.some((site) => site.role === 'admin');
  const [chosenView, setView] = useState<ConsoleView>(
    () => addressedView(location.hash)?.view ?? 'live',
  );
  const [historyFilter, setHistoryFilter] = useState<HistoryFilter>(
    () => historyTarget(location.hash)?.filter ?? {},
  );
  const [historyOpen, setHistoryOpen] = useState<string | null>(
    () => historyTarget(location.hash)?.open ?? null,
  );
  // "Conversations" shows the history, or (supervisors and admins) the comments feed.
  const [conversationsShow, setConversationsShow] = useState<'history' | 'comments'>(() =>
    addressedView(location.hash)?.comments ? 'comments' : 'history',
  );
  // A link (a drill-down, another view's, Back) changes the address: follow it.
  useEffect(() => {
    const follow = () => {
      const addressed = addressedView(location.hash);
      if (!addressed) return;
      const target = historyTarget(location.hash);
      if (target) {
        setHistoryFilter(target.filter);
        setHistoryOpen(target.open ?? null);
      }
      setConversationsShow(addressed.comments ? 'comments' : 'history');
      setView(addressed.view);
    };
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, []);
  /** The history's state as the address, so it can be shared, reloaded and gone back to. */
  const showHistory = (filter: HistoryFilter, open: string | null) => {
    setHistoryFilter(filter);
    setHistoryOpen(open);
    window.history.replaceState(null, '', historyHash(filter, open ?? undefined));
  };
  // Supervisors and admins of this site see insights (the server checks each call too).
  const supervises = agent.role !== 'agent';
  const offered = (view: ConsoleView) =>
    view === 'admin'
      ? Boolean(admin && administers)
      : view === 'segments' || view === 'trends'
        ? Boolean(insights && supervises)
        : view === 'report'
          ? Boolean(insights && report && supervises)
          : true;
  const view: ConsoleView = offered(chosenView) ? chosenView : 'live';
  const newFollowups = useNewFollowups(live);
  const arrivals = useArrivals(conversations ?? null, newFollowups);
  // Chats waiting on the person's other sites, said like the shown site's (elsewhere.ts).
  const arrivalsElsewhere = useWaitingArrivals(agent, live.waitingElsewhere);
  const [announcement, setAnnouncement] = useState('');
  useEffect(() => setAnnouncement(arrivals), [arrivals]);
  useEffect(() => setAnnouncement(arrivalsElsewhere), [arrivalsElsewhere]);
  /** The site the admin screens show (the header names it). */
  const [administering, setAdministering] = useState<string | null>(null);
  const now = useNow(30_000);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  // On a narrow screen the inbox and the conversation take turns (console.css): whether the
  // conversation has the screen. Wider, both show and this changes nothing.
  const [reading, setReading] = useState(false);
  const open = (id: string) => {
    setSelectedId(id);
    setReading(true);
  };
  const workspace = useRef<HTMLDivElement>(null);
  // Taking turns hides what had the focus: hand it to the side that now shows, as a screen
  // reader or keyboard user would expect (the conversation's "Back to inbox", or the inbox's
  // selected item), and show that side from its top.
  useLayoutEffect(() => {
    const focused = document.activeElement;
    const root = workspace.current;
    if (!root || !(focused instanceof HTMLElement) || !root.contains(focused)) return;
    if (typeof focused.checkVisibility !== 'function' || focused.checkVisibility()) return;
    const target = root.querySelector<HTMLElement>(
      reading ? '.back-to-inbox' : '.inbox-item[aria-current]',
    );
    target?.focus();
    if (reading) root.querySelector('.main')?.scrollIntoView({ block: 'start' });
  }, [reading]);
  const selected = conversations?.find((c) => c.id === selectedId) ?? null;
  const offersComments = Boolean(report && supervises);
  const [breakdownOf, setBreakdownOf] = useState<string | null>(null);
  // Agents open their own breakdown; supervisors and admins anyone's (the server checks too).
  const mayOpenBreakdown = (agentId: string) => agent.role !== 'agent' || agentId === agent.id;
  const breakdownRow = live.scores?.agents.find((row) => row.agentId === breakdownOf) ?? null;

  // Start on the most pressing conversation.
  useEffect(() => {
    if (selectedId === null && conversations && conversations.length > 0) {
      setSelectedId(conversations[0]?.id ?? null);
    }
  }, [conversations, selectedId]);

  // "Conversations" or "Comments": shown inside either view's own main, where it belongs.
  const conversationsSwitch = offersComments ? (
    <div class="subviews" role="group" aria-label={words.show}>
      {(['history', 'comments'] as const).map((which) => (
        <button
          key={which}
          type="button"
          class={`subview${conversationsShow === which ? ' is-current' : ''}`}
          aria-pressed={conversationsShow === which}
          onClick={() => {
            setConversationsShow(which);
            window.history.replaceState(
              null,
              '',
              which === 'comments'
                ? '#comments'
                : historyHash(historyFilter, historyOpen ?? undefined),
            );
          }}
        >
          {which === 'history' ? words.history : words.comments}
        </button>
      ))}
    </div>
  ) : null;

  // What needs someone: visitors waiting for a reply (here and on the person's other sites), and
  // new follow-up items.
  const waitingHere = conversations?.filter(awaitsReply).length ?? 0;
  const elsewhere = waitingElsewhere(agent, live.waitingElsewhere);
  const waiting =
    waitingHere + newFollowups + elsewhere.reduce((sum, site) => sum + site.waiting, 0);
  const waitingBySite = new Map([
    ...elsewhere.map(({ site, waiting: n }) => [site.siteId, n] as const),
    [agent.siteId, waitingHere] as const,
  ]);
  useEffect(() => {
    document.title = t.shell.app.documentTitle(waiting);
  }, [waiting, t]);

  return (
    <div class="app">
      <Header
        agent={agent}
        connection={live.connection}
        onSignOut={onSignOut}
        view={view}
        onView={(next) => {
          setView(next);
          // The address says which view shows (the history's with its filter).
          setConversationsShow('history');
          const hash =
            next === 'conversations'
              ? historyHash(historyFilter, historyOpen ?? undefined)
              : `#${next}`;
          window.history.replaceState(null, '', hash);
        }}
        administers={Boolean(admin && administers)}
        supervises={Boolean(insights && supervises)}
        reports={Boolean(insights && report && supervises)}
        newFollowups={newFollowups}
        onSwitchSite={onSwitchSite}
        administering={administering}
        announcement={announcement}
        waitingBySite={waitingBySite}
        waitingElsewhere={live.waitingElsewhere}
      />
      {live.connection === 'reconnecting' && (
        <div class="banner" role="status">
          {words.reconnecting}
        </div>
      )}
      {live.loadError && (
        <div class="banner banner--error" role="alert">
          {[
            live.loadError.conversations &&
              words.conversationsFailed(errorText(live.loadError.conversations, t)),
            live.loadError.scores && words.scoresFailed(errorText(live.loadError.scores, t)),
          ]
            .filter(Boolean)
            .join(' ')}
        </div>
      )}
      {admin && view === 'admin' && (
        <Admin
          api={admin}
          currentSiteId={agent.siteId}
          onSitesChanged={() => onSitesChanged?.()}
          onShowing={setAdministering}
        />
      )}
      {insights && view === 'trends' && <Trends api={insights} siteId={agent.siteId} />}
      {insights && view === 'segments' && (
        <Segments
          api={insights}
          siteId={agent.siteId}
          conversationsOf={
            history ? (segment) => historyHash({ segment: segment ?? '' }) : undefined
          }
        />
      )}
      {insights && report && view === 'report' && (
        <Report api={report} insights={insights} siteId={agent.siteId} />
      )}
      {report && offersComments && view === 'conversations' && conversationsShow === 'comments' && (
        <Comments
          api={report}
          siteId={agent.siteId}
          team={(live.scores?.agents ?? []).map((row) => ({ id: row.agentId, name: row.name }))}
          now={now}
          switcher={conversationsSwitch}
        />
      )}
      {history && view === 'conversations' && conversationsShow === 'history' && (
        <History
          api={history}
          agent={agent}
          team={(live.scores?.agents ?? []).map((row) => ({ id: row.agentId, name: row.name }))}
          filter={historyFilter}
          onFilter={(filter) => showHistory(filter, null)}
          openId={historyOpen}
          onOpen={(id) => showHistory(historyFilter, id)}
          load={live.conversation}
          onOpenLive={(id) => {
            open(id);
            setView('live');
          }}
          now={now}
          switcher={conversationsSwitch}
        />
      )}
      {view === 'followup' && (
        <FollowUp
          conversationHref={history ? (id) => historyHash({}, id) : undefined}
          live={live}
          agent={agent}
          team={(live.scores?.agents ?? []).map((row) => ({ id: row.agentId, name: row.name }))}
        />
      )}
      <div
        class={`workspace${reading ? ' is-reading' : ''}`}
        hidden={view !== 'live'}
        ref={workspace}
      >
        <ConversationList
          conversations={conversations}
          selectedId={selectedId}
          onSelect={open}
          typing={typing}
          now={now}
          selfId={agent.id}
          hasMore={live.hasMore}
          onLoadMore={live.loadMore}
        />
        <main class="main" aria-labelledby="live-title">
          {/* Every view has one level-one heading; here the three panes say the rest. */}
          <h1 id="live-title" class="sr-only">
            {words.title}
          </h1>
          {/* Shown only where the conversation has the screen to itself (console.css). */}
          <button
            type="button"
            class="btn btn--quiet back-to-inbox"
            onClick={() => setReading(false)}
          >
            <BackIcon />
            {words.backToInbox}
          </button>
          {selected ? (
            <ConversationPane
              key={selected.id}
              conversation={selected}
              agent={agent}
              visitorTyping={typing.has(selected.id)}
              now={now}
              act={live.act}
              sendTyping={live.sendTyping}
            />
          ) : (
            <div class="main-empty">
              <InboxIcon size={36} />
              <p>{conversations && conversations.length > 0 ? words.choose : words.nothingYet}</p>
            </div>
          )}
        </main>
        <aside class="side">
          <LiveScores
            scores={live.scores}
            selfId={agent.id}
            now={now}
            stale={live.connection !== 'connected'}
            onOpenBreakdown={setBreakdownOf}
            canOpenBreakdown={mayOpenBreakdown}
            conversationsOf={history ? (agentId) => historyHash({ agent: agentId }) : undefined}
          />
        </aside>
      </div>
      {breakdownOf !== null && view === 'live' && (
        <ScoreBreakdown
          agentId={breakdownOf}
          name={breakdownRow?.name ?? breakdownOf}
          scores={breakdownRow}
          self={breakdownOf === agent.id}
          load={live.breakdown}
          version={live.scores?.at}
          now={now}
          onClose={() => setBreakdownOf(null)}
        />
      )}
    </div>
  );
}
