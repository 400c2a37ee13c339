/**
 * What the insights APIs answer, shared by the server and the console: segments of visitors
 * (server/insights/segments.ts), trends over time (server/insights/trends.ts) and the expectation
 * gap (server/insights/expectation.ts).
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

/**
 * First replies of a period (server/insights/expectation.ts): how many, how many came within the
 * site's target reply time (and their share, 0–100, null without any), and the median and 90th
 * percentile of the Waits they ended, exact by nearest rank.
 */
export interface ReplyFigures {
  replies: number;
  withinTarget: number;
  withinShare: number | null;
  medianSeconds: number | null;
  p90Seconds: number | null;
}

export interface AgentReplyFigures extends ReplyFigures {
  agentId: string;
  name: string;
}

/** One ISO week (start, end] of the site's time zone; the current one is partial and ends now. */
export interface ExpectationWeek {
  start: string;
  end: string;
  partial: boolean;
  site: ReplyFigures;
  agents: AgentReplyFigures[];
}

/**
 * The reply time the site states against the one it keeps: the target (the scoring target, and
 * what the widget states unless it follows the kept time) and the kept time, the 80th percentile
 * of the first replies sent in the last 7 days.
 */
export interface StatedReplyTime {
  targetReplySeconds: number;
  keptSeconds: number | null;
  /** First replies the kept time is taken over. */
  keptReplies: number;
  keptPercentile: number;
  keptDays: number;
  /** The site's setting: the widget states the kept time (rounded up to whole minutes). */
  followsKept: boolean;
  /** Minutes the widget states now ("We usually reply within N minutes"); null: its usual words. */
  widgetMinutes: number | null;
}

export interface ExpectationBody {
  timeZone: string;
  from: string;
  to: string;
  stated: StatedReplyTime;
  /** All the weeks together. */
  total: { site: ReplyFigures; agents: AgentReplyFigures[] };
  weeks: ExpectationWeek[];
}
