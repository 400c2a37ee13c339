/**
 * Insights by segment (who the visitors are, profile.ts): for each group, how many ratings, its
 * CSAT, experience, responsiveness and reliability, and what matters most to it: the "what
 * stood out" chips ranked by how much more often they mark bad endings than good ones.
 *
 * Pure: the store's sums and counts in, figures out (decisions.md, "What matters most").
 */
import type { Driver, SegmentInsight } from '../../shared/insights';
import { siteDimensionScore } from '../../shared/scoring/score';
import {
  SCORED_DIMENSIONS,
  type ScoredDimension,
  type SiteDimensionScore,
} from '../../shared/scoring/types';
import type { Peak } from '../../shared/facts';
import type { SegmentRatingCount, SegmentSums } from '../storage/store';

/** Below this many ratings in a segment its chips are not ranked: too few to say. */
export const MIN_RATINGS_TO_RANK = 20;
/** Keeps a chip that never marks a good (or a bad) ending from dividing by zero. */
const SMOOTHING = 0.01;

const isBad = (end: number) => end <= 2;
const isGood = (end: number) => end >= 4;
const peakKey = (peak: Peak) => `${peak.dimension} ${peak.polarity}`;

/** Figures of every segment with ratings in the period or evidence at its end, biggest first. */
export function segmentInsights(
  sums: readonly SegmentSums[],
  ratings: readonly SegmentRatingCount[],
): SegmentInsight[] {
  const segments = new Set<string | null>([
    ...sums.map((row) => row.segment),
    ...ratings.map((row) => row.segment),
  ]);
  return [...segments]
    .map((segment) =>
      insight(
        segment,
        sums.filter((row) => row.segment === segment),
        ratings.filter((row) => row.segment === segment),
      ),
    )
    .sort(
      (a, b) =>
        b.ratings - a.ratings ||
        // The unsaid segment last among equals, then by name.
        Number(a.segment === null) - Number(b.segment === null) ||
        (a.segment ?? '').localeCompare(b.segment ?? ''),
    );
}

function insight(
  segment: string | null,
  sums: readonly SegmentSums[],
  ratings: readonly SegmentRatingCount[],
): SegmentInsight {
  const scores = {} as Record<ScoredDimension, SiteDimensionScore>;
  for (const dimension of SCORED_DIMENSIONS) {
    const row = sums.find((s) => s.dimension === dimension);
    scores[dimension] = siteDimensionScore(row ?? { S: 0, F: 0, n: 0, share: null });
  }
  const n = ratings.reduce((total, row) => total + row.n, 0);
  const satisfied = ratings.reduce((total, row) => total + (isGood(row.end) ? row.n : 0), 0);
  return {
    segment,
    ratings: n,
    csat: { value: n ? (100 * satisfied) / n : null, n },
    scores,
    drivers: n < MIN_RATINGS_TO_RANK ? null : drivers(ratings),
  };
}

/** Every chip chosen in the segment, ranked by lift (then by how many bad endings it marked). */
export function drivers(ratings: readonly SegmentRatingCount[]): Driver[] {
  let badTotal = 0;
  let goodTotal = 0;
  const chips = new Map<string, Driver>();
  for (const { end, peak, n } of ratings) {
    if (isBad(end)) badTotal += n;
    if (isGood(end)) goodTotal += n;
    if (!peak) continue;
    const chip = chips.get(peakKey(peak)) ?? { peak, bad: 0, good: 0, lift: 0 };
    if (isBad(end)) chip.bad += n;
    if (isGood(end)) chip.good += n;
    chips.set(peakKey(peak), chip);
  }
  const share = (count: number, total: number) => (total > 0 ? count / total : 0);
  for (const chip of chips.values()) {
    chip.lift = (share(chip.bad, badTotal) + SMOOTHING) / (share(chip.good, goodTotal) + SMOOTHING);
  }
  return [...chips.values()].sort(
    (a, b) => b.lift - a.lift || b.bad - a.bad || peakKey(a.peak).localeCompare(peakKey(b.peak)),
  );
}
