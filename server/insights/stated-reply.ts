/**
 * The reply time the widget states when a site lets it follow the time it keeps (issue #11 §5,
 * decisions.md): "We usually reply within 3 minutes". Asked on every visitor's `hello`, so each
 * node keeps a site's figure for a minute rather than read a week of first replies each time.
 * Only the widget's words change: `targetReplySeconds` stays the scoring target.
 */
import type { Clock } from '../clock';
import type { Site, Store } from '../storage/store';
import { statedReplyTime } from './expectation';

/** How long a node reuses a site's figure: a week's 80th percentile moves slowly. */
export const STATED_REPLY_TTL_MS = 60_000;

export class StatedReplyMinutes {
  private readonly cached = new Map<string, { until: number; minutes: Promise<number | null> }>();

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  /** Whole minutes to state, or null: the site states its usual words. */
  of(site: Site): Promise<number | null> {
    if (!site.settings.statedReplyFollowsKept) return Promise.resolve(null);
    const now = this.clock.now();
    const hit = this.cached.get(site.id);
    if (hit && hit.until > now) return hit.minutes;
    const minutes = statedReplyTime(this.store, site.id, site.settings, now).then(
      (stated) => stated.widgetMinutes,
    );
    this.cached.set(site.id, { until: now + STATED_REPLY_TTL_MS, minutes });
    // A failed read is not kept: the next visitor asks again.
    minutes.catch(() => this.cached.delete(site.id));
    return minutes;
  }
}
