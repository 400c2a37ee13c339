/**
 * Trend buckets (issue #11 §3; decisions.md, trend buckets): the site's days, ISO weeks (from
 * Monday) or months in its time zone, each ending where the next begins. The current one is
 * partial and ends now; none lies in the future. Each bucket's figures are the scores at its
 * end, assembled as the scores API assembles them, from the store's daily figures.
 */
import type { TrendBucket } from '../../shared/insights';
import { assembleScores, type AgentRef } from '../../shared/scoring/evaluate';
import { SumsAt } from '../../shared/scoring/sums';
import type { CsatFigure } from '../../shared/scoring/types';
import type { SiteSettings } from '../../shared/settings';
import { DAY, iso } from '../../shared/time';
import {
  localDate,
  nextPeriod,
  periodStart,
  startOfDate,
  type TrendInterval,
} from '../../shared/zoned';
import { sumsAtFrom } from '../storage/derive';
import type { RatingCount, TrendPoint } from '../storage/trends';

/** At most this many buckets in one answer: a year of days, with room to spare. */
export const MAX_BUCKETS = 400;

export interface BucketSpan {
  start: number;
  end: number;
  partial: boolean;
}

/**
 * The periods that end after `from` and begin before `to` (at least the one holding `from`), none
 * beginning after now; the current one ends now. Null when there would be more than `max`.
 */
export function bucketSpans(
  interval: TrendInterval,
  from: number,
  to: number,
  now: number,
  zone: string,
  max = MAX_BUCKETS,
): BucketSpan[] | null {
  const spans: BucketSpan[] = [];
  let date = periodStart(localDate(from, zone), interval);
  let start = startOfDate(date, zone);
  while ((start < to || spans.length === 0) && start < now) {
    date = nextPeriod(date, interval);
    const end = startOfDate(date, zone);
    if (spans.length === max) return null;
    spans.push({ start, end: Math.min(end, now), partial: end > now });
    start = end;
  }
  return spans;
}

const csatOf = ({ n, satisfied }: RatingCount): CsatFigure => ({
  value: n ? (100 * satisfied) / n : null,
  n,
});

/** Each bucket's scores from the store's figures at its end, as the scores API gives them. */
export function trendBuckets(
  spans: readonly BucketSpan[],
  points: readonly TrendPoint[],
  agents: readonly AgentRef[],
  settings: SiteSettings,
  agent?: string,
): TrendBucket[] {
  return spans.map((span, i) => {
    const point = points[i];
    if (!point || point.end !== span.end) throw new Error('trend points out of step with buckets');
    const site = { n: 0, satisfied: 0 };
    for (const count of point.ratings.values()) {
      site.n += count.n;
      site.satisfied += count.satisfied;
    }
    const scores = assembleScores({
      agents,
      sums: new SumsAt(sumsAtFrom(point.sums, span.end, settings.halfLifeDays * DAY)),
      ratings: {
        site: csatOf(site),
        byAgent: new Map([...point.ratings].map(([id, count]) => [id, csatOf(count)])),
      },
      settings,
      at: span.end,
    });
    return {
      start: iso(span.start),
      end: scores.at,
      partial: span.partial,
      site: scores.site,
      agents:
        agent === undefined ? scores.agents : scores.agents.filter((a) => a.agentId === agent),
    };
  });
}
