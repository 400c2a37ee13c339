/**
 * The top bar: product, site (a switcher for people on several sites), the console's sections,
 * connection state, who is signed in, their account menu, sign out.
 */
import type { SignedInAgent } from '../../../shared/protocol';
import type { ConnectionState } from '../live';
import { useT } from '../i18n';
import { roleLabel } from '../roles';
import type { WaitingCounts } from '../elsewhere';
import { AccountMenu } from './AccountMenu';
import { SiteSwitcher, WaitingElsewhereBadge } from './SiteSwitcher';

/**
 * What the console shows: the live work, the follow-up queue, the history of conversations,
 * insights by segment and the weekly report (supervisors and admins), or the admin screens
 * (admins).
 */
export type ConsoleView =
  'live' | 'followup' | 'conversations' | 'trends' | 'segments' | 'report' | 'admin';

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
  view?: ConsoleView;
  /** Switches between the console's sections. */
  onView?: (view: ConsoleView) => void;
  /** Whether the admin screens are offered (admins of any of their sites). */
  administers?: boolean;
  /** Whether insights are offered (supervisors and admins of the site shown). */
  supervises?: boolean;
  /** Whether the weekly report is offered (supervisors and admins, with its calls). */
  reports?: boolean;
  /** New follow-up items the member sees, shown beside the section's link. */
  newFollowups?: number;
  /** Shows another of the person's sites. */
  onSwitchSite?: (siteId: string) => void;
  /**
   * The site the admin screens show, when they show one: it may be another site than the
   * console's, so the header names it.
   */
  administering?: string | null;
  /** Said to screen readers, politely, when work arrives (arrivals.ts). */
  announcement?: string;
  /** Chats waiting by site id, the shown site's included: the switcher's counts. */
  waitingBySite?: ReadonlyMap<string, number>;
  /** The server's counts of the person's other sites: the badge beside the switcher. */
  waitingElsewhere?: WaitingCounts;
}

export function Header({
  agent,
  connection,
  onSignOut,
  view,
  onView,
  administers = false,
  supervises = false,
  reports = supervises,
  newFollowups = 0,
  onSwitchSite,
  administering = null,
  announcement = '',
  waitingBySite = new Map(),
  waitingElsewhere = new Map(),
}: Props) {
  const t = useT();
  const words = t.shell.header;
  const sections: { view: ConsoleView; label: string }[] = [
    { view: 'live', label: words.sections.live },
    { view: 'followup', label: words.sections.followup },
    { view: 'conversations', label: words.sections.conversations },
    ...(supervises
      ? [
          { view: 'trends' as const, label: words.sections.trends },
          { view: 'segments' as const, label: words.sections.segments },
          ...(reports ? [{ view: 'report' as const, label: words.sections.report }] : []),
        ]
      : []),
    ...(administers ? [{ view: 'admin' as const, label: words.sections.admin }] : []),
  ];
  return (
    <header class="topbar">
      <p class="sr-only" role="status">
        {announcement}
      </p>
      <div class="brand">
        <span class="brand-mark" aria-hidden="true" />
        Peakend
      </div>
      {view === 'admin' && administering !== null ? (
        <span
          class="topbar-site topbar-administering"
          title={words.administeringTitle(administering)}
        >
          {words.administering} <strong>{administering}</strong>
        </span>
      ) : onSwitchSite && agent.sites.length > 1 ? (
        <SiteSwitcher agent={agent} waiting={waitingBySite} onSwitchSite={onSwitchSite} />
      ) : (
        <span class="topbar-site" title={words.site}>
          {agent.siteName}
        </span>
      )}
      {onSwitchSite && (
        <WaitingElsewhereBadge
          agent={agent}
          counts={waitingElsewhere}
          onSwitchSite={onSwitchSite}
        />
      )}
      {onView && (
        <nav class="topbar-nav" aria-label={words.navigation}>
          {/* Links, as the console's navigation contract names them; each address is its view's. */}
          {sections.map((section) => (
            <a
              key={section.view}
              href={`#${section.view}`}
              class={`topbar-tab${view === section.view ? ' is-current' : ''}`}
              aria-current={view === section.view ? 'page' : undefined}
              onClick={(event) => {
                event.preventDefault();
                onView(section.view);
              }}
            >
              {section.label}
              {section.view === 'followup' && newFollowups > 0 && (
                <span class="topbar-count">
                  {newFollowups}
                  <span class="sr-only"> {words.newItems(newFollowups)}</span>
                </span>
              )}
            </a>
          ))}
        </nav>
      )}
      <span class={`connection connection--${connection}`} role="status" aria-live="polite">
        <span class="connection-dot" aria-hidden="true" />
        {words.connection[connection]}
      </span>
      <div class="topbar-me">
        <span class="avatar" aria-hidden="true">
          {initials(agent.name)}
        </span>
        <span class="topbar-who">
          <span class="topbar-name">{agent.name}</span>
          <span class="topbar-role">{roleLabel(agent.role, t)}</span>
        </span>
        <AccountMenu agent={agent} onSignedOut={onSignOut} />
        <button type="button" class="btn btn--ghost-dark" onClick={onSignOut}>
          {words.signOut}
        </button>
      </div>
    </header>
  );
}
