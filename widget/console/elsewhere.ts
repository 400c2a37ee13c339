/**
 * Chats waiting on the person's other sites (shared/waiting.ts). The console shows one site at a
 * time, and the server tells it how many chats wait on each of the others: asked on every
 * (re)connection, pushed whenever a count moves. Kept here as the newest count per site; the site
 * switcher, the badge beside it and the tab title show them, and a count that goes up is said to
 * screen readers, naming the site, as a new chat on the shown site is (arrivals.ts).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { SignedInAgent, SiteMembership } from '../../shared/protocol';
import {
  ZSitesWaiting,
  ZSiteWaiting,
  type SitesWaiting,
  type SiteWaiting,
} from '../../shared/waiting';
import { useT } from './i18n';
import type { LiveClient } from './live';

/** The newest count heard of each other site, by site id. */
export type WaitingCounts = ReadonlyMap<string, SiteWaiting>;

export const NO_COUNTS: WaitingCounts = new Map();

/** A pushed count, unless the one held is newer (pushes and answers may cross). */
export function withCount(counts: WaitingCounts, count: SiteWaiting): WaitingCounts {
  const held = counts.get(count.siteId);
  if (held && held.seq > count.seq) return counts;
  return new Map(counts).set(count.siteId, count);
}

/**
 * The answer to `sites:waiting`: the sites it lists (those the person is on now, besides the one
 * shown), each at the newer of its count and the one held.
 */
export function withAnswer(counts: WaitingCounts, answer: SitesWaiting): WaitingCounts {
  const next = new Map<string, SiteWaiting>();
  for (const count of answer.sites) {
    const held = counts.get(count.siteId);
    next.set(count.siteId, held && held.seq > count.seq ? held : count);
  }
  return next;
}

/**
 * Follows the counts on a live connection: `load` asks for them (on each connection), pushes are
 * taken in as they come. What the server sends is parsed: anything else is dropped.
 */
export function followWaiting(
  live: LiveClient,
  update: (change: (counts: WaitingCounts) => WaitingCounts) => void,
): { load(): void; stop(): void } {
  let stopped = false;
  const off = live.on('site:waiting', (payload) => {
    const count = ZSiteWaiting.safeParse(payload);
    if (!stopped && count.success) update((counts) => withCount(counts, count.data));
  });
  return {
    load() {
      void live.request('sites:waiting', {}).then((answer) => {
        // Not shown without it: the counts are a help, the console works on.
        const parsed = answer.ok ? ZSitesWaiting.safeParse(answer.data) : null;
        if (!stopped && parsed?.success) update((counts) => withAnswer(counts, parsed.data));
      });
    },
    stop() {
      stopped = true;
      off();
    },
  };
}

export interface WaitingSite {
  site: SiteMembership;
  waiting: number;
}

/** The person's other sites with chats waiting, the most first (else in the switcher's order). */
export function waitingElsewhere(agent: SignedInAgent, counts: WaitingCounts): WaitingSite[] {
  return agent.sites
    .filter((site) => site.siteId !== agent.siteId)
    .map((site) => ({ site, waiting: counts.get(site.siteId)?.waiting ?? 0 }))
    .filter(({ waiting }) => waiting > 0)
    .sort((a, b) => b.waiting - a.waiting);
}

/**
 * What is said to screen readers when chats start waiting on another site ("New chat on Kestrel
 * Shop"). The first count heard of a site is not news. The same words twice in a row are told
 * apart by a trailing no-break space, so a live region says them again.
 */
export function useWaitingArrivals(agent: SignedInAgent, counts: WaitingCounts): string {
  const t = useT();
  const [said, setSaid] = useState('');
  const before = useRef(new Map<string, number>());

  useEffect(() => {
    const news: string[] = [];
    for (const site of agent.sites) {
      const count = counts.get(site.siteId);
      if (site.siteId === agent.siteId || !count) continue;
      const was = before.current.get(site.siteId);
      before.current.set(site.siteId, count.waiting);
      if (was === undefined || count.waiting <= was) continue;
      const added = count.waiting - was;
      news.push(
        added === 1 ? t.sites.newChatOn(site.siteName) : t.sites.newChatsOn(added, site.siteName),
      );
    }
    if (news.length === 0) return;
    const text = news.join('. ');
    setSaid((previous) => (previous === text ? `${text}\u00a0` : text));
  }, [agent, counts, t]);

  return said;
}
