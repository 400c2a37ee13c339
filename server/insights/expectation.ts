/**
 * The expectation gap (issue #11 §5): satisfaction is experience measured against expectation,
 * so a team should promise only what it keeps. Per ISO week of the site's time zone (trend
 * buckets, decisions.md) and for the whole period, per site and per agent: the first replies,
 * their share within the target reply time, and the median and 90th percentile of their Waits;
 * beside it the time the site states and the time it keeps (the 80th percentile of the last 7
 * days' first replies; decisions.md, closing the loop: once opening hours exist, only within
 * them).
 *
 * A first reply belongs to the week in which it was sent, and to the agent who sent it. The
 * target is the site's setting now, so changing it re-reads history against the new promise.
 */
import type {
  AgentReplyFigures,
  ExpectationBody,
  ExpectationWeek,
  ReplyFigures,
  StatedReplyTime,
} from '../../shared/insights';
import type { AgentRef } from '../../shared/scoring/evaluate';
import type { SiteSettings } from '../../shared/settings';
import { DAY, iso } from '../../shared/time';
import type { FirstReplyFigures, FirstReplyRow } from '../storage/expectation';
import type { Store } from '../storage/store';
import type { BucketSpan } from './trends';

/** The kept time is this percentile of the first replies... */
export const KEPT_PERCENTILE = 80;
/** ...sent in this many days up to now. */
export const KEPT_DAYS = 7;

const NONE: FirstReplyFigures = { replies: 0, withinTarget: 0, medianMs: null, p90Ms: null };

const seconds = (ms: number | null) => (ms === null ? null : ms / 1000);

function figures({ replies, withinTarget, medianMs, p90Ms }: FirstReplyFigures): ReplyFigures {
  return {
    replies,
    withinTarget,
    withinShare: replies ? (100 * withinTarget) / replies : null,
    medianSeconds: seconds(medianMs),
    p90Seconds: seconds(p90Ms),
  };
}

/**
 * The words the widget states, in whole minutes, rounded up so it never promises less than was
 * kept ("within 3 minutes" for 2½); null when nothing was kept to follow.
 */
export const statedMinutes = (keptSeconds: number | null): number | null =>
  keptSeconds === null ? null : Math.max(1, Math.ceil(keptSeconds / 60));

/** The time the site states and the time it kept over the last `KEPT_DAYS` days up to `now`. */
export async function statedReplyTime(
  store: Store,
  siteId: string,
  settings: Pick<SiteSettings, 'targetReplySeconds' | 'statedReplyFollowsKept'>,
  now: number,
): Promise<StatedReplyTime> {
  const kept = await store.firstReplyPercentile(
    siteId,
    now - KEPT_DAYS * DAY,
    now,
    KEPT_PERCENTILE,
  );
  const keptSeconds = seconds(kept.waitMs);
  return {
    targetReplySeconds: settings.targetReplySeconds,
    keptSeconds,
    keptReplies: kept.replies,
    keptPercentile: KEPT_PERCENTILE,
    keptDays: KEPT_DAYS,
    followsKept: settings.statedReplyFollowsKept,
    widgetMinutes: settings.statedReplyFollowsKept ? statedMinutes(keptSeconds) : null,
  };
}

/**
 * Each week's figures and the whole period's from the store's rows (period -1: all weeks), the
 * site's and each agent's (only `agent`'s when given). An agent without a reply in a week is
 * listed with none, so a table or chart has a row for every week.
 */
export function expectationWeeks(
  spans: readonly BucketSpan[],
  rows: readonly FirstReplyRow[],
  agents: readonly AgentRef[],
  agent?: string,
): { weeks: ExpectationWeek[]; total: ExpectationBody['total'] } {
  const listed = agent === undefined ? agents : agents.filter((a) => a.id === agent);
  const key = (period: number, agentId: string | null) => `${period}\u0000${agentId ?? ''}`;
  const byKey = new Map(rows.map((row) => [key(row.period, row.agentId), row]));
  const at = (period: number) => ({
    site: figures(byKey.get(key(period, null)) ?? NONE),
    agents: listed.map((a): AgentReplyFigures => ({
      agentId: a.id,
      name: a.name,
      ...figures(byKey.get(key(period, a.id)) ?? NONE),
    })),
  });
  return {
    weeks: spans.map((span, i) => ({
      start: iso(span.start),
      end: iso(span.end),
      partial: span.partial,
      ...at(i),
    })),
    total: at(-1),
  };
}
