/**
 * Whether a site's team is there, for its visitors (decisions.md, presence): "online" is a
 * member of the site with the console open, on any node. When none is, the widget says it is
 * away, worded by the site's opening hours ("We're closed, back at 9:00").
 *
 * Cheap: a console opening or closing asks its site's room once and pushes one message to the
 * site's visitors (the adapter carries it to every node); a visitor's `hello` asks nothing of
 * other nodes while a console of the site is open on this one, and otherwise reuses a recent
 * answer.
 */
import { nextOpening } from '../../shared/opening-hours';
import type { SitePresence } from '../../shared/protocol';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import type { Site } from '../storage/store';
import { siteRoom, siteVisitorsRoom, type AgentNamespace, type VisitorNamespace } from './rooms';

/** How long a `hello` may reuse the answer of another node's consoles. */
const REMOTE_ANSWER_MS = 5_000;

export class SitePresences {
  /** Console sockets open on this node, per site. */
  private readonly local = new Map<string, number>();
  private readonly remote = new Map<string, { online: boolean; at: number }>();

  constructor(
    private readonly agents: AgentNamespace,
    private readonly visitors: VisitorNamespace,
    private readonly sites: (siteId: string) => Promise<Site | null>,
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {}

  /** A console socket of the site opened here; call what it returns once it has closed. */
  opened(siteId: string): () => void {
    this.local.set(siteId, (this.local.get(siteId) ?? 0) + 1);
    this.tell(siteId);
    let closed = false;
    return () => {
      if (closed) return;
      closed = true;
      const left = (this.local.get(siteId) ?? 1) - 1;
      if (left > 0) this.local.set(siteId, left);
      else this.local.delete(siteId);
      this.tell(siteId);
    };
  }

  /** What the site's visitors are told now. */
  async of(site: Site): Promise<SitePresence> {
    return this.view(site, await this.online(site.id, false));
  }

  private async online(siteId: string, fresh: boolean): Promise<boolean> {
    if (this.local.has(siteId)) return true;
    const now = this.clock.now();
    const known = this.remote.get(siteId);
    if (!fresh && known && now - known.at < REMOTE_ANSWER_MS) return known.online;
    const online = (await this.agents.in(siteRoom(siteId)).fetchSockets()).length > 0;
    this.remote.set(siteId, { online, at: now });
    return online;
  }

  private view(site: Site, online: boolean): SitePresence {
    const opens = online
      ? null
      : nextOpening(site.settings.openingHours, site.settings.timeZone, this.clock.now());
    return { online, backAt: opens === null ? null : new Date(opens).toISOString() };
  }

  /** Pushes the site's presence to its visitors, on every node. */
  private tell(siteId: string): void {
    Promise.all([this.sites(siteId), this.online(siteId, true)])
      .then(([site, online]) => {
        if (site)
          this.visitors.to(siteVisitorsRoom(siteId)).emit('presence', this.view(site, online));
      })
      .catch((error: unknown) =>
        this.log.warn(`could not tell visitors who is online: ${String(error)}`),
      );
  }
}
