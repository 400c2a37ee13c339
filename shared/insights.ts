/**
 * What the insights APIs answer, shared by the server and the console: segments of visitors
 * (server/insights/segments.ts) and trends over time (server/insights/trends.ts).
 */
import type { Peak } from './facts';
import type { AgentScores, ScoredDimension, SiteDimensionScore, SiteScores } from './scoring/types';
import type { TrendInterval } from './zoned';

/** A chip, with how often it marked bad (end ≤ 2) and good (end ≥ 4) endings of the segment. */
export interface Driver {
  peak: Peak;
  bad: number;
  good: number;
  /** (share of bad endings with it + 0.01) ÷ (share of good endings with it + 0.01). */
  lift: number;
}

export interface SegmentInsight {
  /** Null: conversations whose visitor nobody described. */
  segment: string | null;
  /** Counting ratings given in the period. */
  ratings: number;
  /** Satisfied (4 or 5) share of those ratings, null without any. */
  csat: { value: number | null; n: number };
  /** The segment's evidence at the period's end, as the site's own figures are. */
  scores: Record<ScoredDimension, SiteDimensionScore>;
  /** Ranked, highest lift first; null below `MIN_RATINGS_TO_RANK` ratings. */
  drivers: Driver[] | null;
}

export interface SegmentsBody {
  from: string;
  to: string;
  /** Chips are ranked only in segments with at least this many ratings. */
  minRatingsToRank: number;
  segments: SegmentInsight[];
}

/**
 * One trend bucket (server/insights/trends.ts): the period (start, end] in the site's time zone,
 * and the scores at its end exactly as `GET scores?at=<end>` gives them. The current bucket is
 * partial: it ends now.
 */
export interface TrendBucket {
  start: string;
  end: string;
  partial: boolean;
  site: SiteScores;
  agents: AgentScores[];
}

export interface TrendsBody {
  interval: TrendInterval;
  timeZone: string;
  from: string;
  to: string;
  buckets: TrendBucket[];
}
