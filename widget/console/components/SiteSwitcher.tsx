/**
 * The top bar's site switcher for people on several sites, each site named with the chats
 * waiting there ("Kestrel Shop (2 waiting)"), and beside it, when chats wait on other sites than
 * the one shown, a badge that says so and switches to the site where most wait. The switcher
 * stays a native select: its options carry the counts, so a screen reader hears them too.
 */
import type { SignedInAgent } from '../../../shared/protocol';
import { waitingElsewhere, type WaitingCounts } from '../elsewhere';
import { useT } from '../i18n';

interface SwitcherProps {
  agent: SignedInAgent;
  /** Chats waiting, by site id: the one shown (its inbox) and the others (the server's counts). */
  waiting: ReadonlyMap<string, number>;
  onSwitchSite: (siteId: string) => void;
}

export function SiteSwitcher({ agent, waiting, onSwitchSite }: SwitcherProps) {
  const t = useT();
  return (
    <select
      class="topbar-site topbar-site-select"
      aria-label={t.sites.site}
      value={agent.siteId}
      onChange={(event) => onSwitchSite(event.currentTarget.value)}
    >
      {agent.sites.map((site) => (
        <option key={site.siteId} value={site.siteId}>
          {t.sites.option(waiting.get(site.siteId) ?? 0, site.siteName)}
        </option>
      ))}
    </select>
  );
}

interface BadgeProps {
  agent: SignedInAgent;
  counts: WaitingCounts;
  onSwitchSite: (siteId: string) => void;
}

/** Where the badge says what it does (one badge per page). */
const HINT_ID = 'waiting-elsewhere-hint';

export function WaitingElsewhereBadge({ agent, counts, onSwitchSite }: BadgeProps) {
  const t = useT();
  const others = waitingElsewhere(agent, counts);
  const [most] = others;
  if (!most) return null;
  const total = others.reduce((sum, { waiting }) => sum + waiting, 0);
  const label =
    others.length === 1
      ? t.sites.waitingOn(total, most.site.siteName)
      : t.sites.waitingOnOthers(total);
  return (
    <span class="topbar-waiting-wrap">
      <button
        type="button"
        class="topbar-waiting"
        aria-describedby={HINT_ID}
        title={t.sites.switchTo(most.site.siteName)}
        onClick={() => onSwitchSite(most.site.siteId)}
      >
        <span class="topbar-waiting-dot" aria-hidden="true" />
        <span class="topbar-waiting-count" aria-hidden="true">
          {total}
        </span>
        <span class="topbar-waiting-label">{label}</span>
      </button>
      <span id={HINT_ID} class="sr-only">
        {t.sites.switchTo(most.site.siteName)}
      </span>
    </span>
  );
}
