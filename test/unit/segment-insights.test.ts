import { describe, expect, it } from 'vitest';
import type { Peak } from '../../shared/facts';
import { drivers, MIN_RATINGS_TO_RANK, segmentInsights } from '../../server/insights/segments';
import type { SegmentRatingCount } from '../../server/storage/store';

const slow: Peak = { dimension: 'responsiveness', polarity: 'negative' };
const kind: Peak = { dimension: 'empathy', polarity: 'positive' };
const fast: Peak = { dimension: 'responsiveness', polarity: 'positive' };
const rated = (segment: string | null, end: number, peak: Peak | null, n: number) =>
  ({ segment, end, peak, n }) satisfies SegmentRatingCount;

describe('what matters most to a segment', () => {
  it('ranks chips by how much more often they mark bad endings than good ones', () => {
    // 10 bad endings, 6 of them "slow"; 20 good ones, 1 "slow", 12 "kind", 7 "fast".
    const ranked = drivers([
      rated('b', 1, slow, 6),
      rated('b', 2, null, 4),
      rated('b', 5, slow, 1),
      rated('b', 4, kind, 12),
      rated('b', 5, fast, 7),
      rated('b', 3, kind, 5),
    ]);
    expect(ranked.map((d) => [d.peak, d.bad, d.good])).toEqual([
      [slow, 6, 1],
      [fast, 0, 7],
      [kind, 0, 12],
    ]);
    // (6/10 + 0.01) / (1/20 + 0.01)
    expect(ranked[0]!.lift).toBeCloseTo(0.61 / 0.06, 10);
    expect(ranked[2]!.lift).toBeCloseTo(0.01 / 0.61, 10);
  });

  it(`ranks nothing below ${MIN_RATINGS_TO_RANK} ratings, and gives each segment its CSAT`, () => {
    const insights = segmentInsights(
      [],
      [
        rated('trial', 5, fast, MIN_RATINGS_TO_RANK - 2),
        rated('trial', 1, slow, 1),
        rated('business', 4, null, MIN_RATINGS_TO_RANK - 5),
        rated('business', 2, slow, 5),
        rated(null, 3, null, 2),
      ],
    );
    expect(
      insights.map((s) => [s.segment, s.ratings, s.csat.value, s.drivers?.length ?? null]),
    ).toEqual([
      ['business', MIN_RATINGS_TO_RANK, 75, 1],
      ['trial', MIN_RATINGS_TO_RANK - 1, (100 * 18) / 19, null],
      [null, 2, 0, null],
    ]);
  });
});
