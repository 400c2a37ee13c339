/**
 * Scores from decayed sums (scoring.md §Scores at time τ).
 *
 * Small samples lie, so an agent's score is shrunk toward the team mean μ by m pseudo-observations
 * and shown with the 90% interval of its Beta posterior; the site's own figure is unshrunk.
 */
import { betaLimits } from './beta';
import { CSAT_WINDOW_MS, isSatisfied, type CountedRating } from './ratings';
import type { DecayedSums } from './sums';
import type { AgentDimensionScore, CsatFigure, SiteDimensionScore } from './types';

/** μ is kept off 0 and 1 so one bad week cannot make the prior certain. */
export const TEAM_MEAN_MIN = 0.05;
export const TEAM_MEAN_MAX = 0.95;
/** Without any evidence on the site, the prior is even. */
export const TEAM_MEAN_EMPTY = 0.5;

/**
 * Team mean μ of one dimension: S / (S + F) over the site's agents (never the unassigned bucket,
 * so traffic that reached no agent cannot drag every agent's prior), clamped; 0.5 without any.
 */
export function teamMean(team: DecayedSums): number {
  if (team.share === null) return TEAM_MEAN_EMPTY;
  return Math.min(TEAM_MEAN_MAX, Math.max(TEAM_MEAN_MIN, team.share));
}

/**
 * An agent's score on one dimension, 0..100: `100·(S + m·μ)/(S + F + m)`, and the 5% and 95%
 * quantiles of `Beta(S + m·μ, F + m·(1 − μ))` × 100.
 *
 * Edge cases (only reachable with m = 0, since μ is clamped inside (0, 1)):
 * - no evidence at all: score 100·μ (as for any agent without observations), interval 0..100
 *   (nothing is known);
 * - only successes (F = 0): the posterior is all at 1, interval 100..100; only failures: 0..0.
 * With m = 0 the score is the agent's own share S/(S + F), taken before decay so that it stays
 * defined when old evidence has decayed below the smallest double.
 */
export function agentDimensionScore(
  sums: DecayedSums,
  mu: number,
  priorStrength: number,
): AgentDimensionScore {
  const m = priorStrength;
  let score: number;
  if (sums.n === 0 || sums.share === null) score = 100 * mu;
  else if (m === 0) score = 100 * sums.share;
  else score = (100 * (sums.S + m * mu)) / (sums.S + sums.F + m);
  const weight = sums.S + sums.F;
  return {
    score,
    ...betaInterval(sums.S + m * mu, sums.F + m * (1 - mu)),
    n: sums.n,
    own: { score: sums.n > 0 && sums.share !== null ? 100 * sums.share : null, weight },
    team: { score: 100 * mu, weight: m },
    tooLittleEvidence: sums.n === 0 || weight < m,
  };
}

/** The 5% and 95% quantiles of Beta(α, β), × 100, with the degenerate cases as points. */
export function betaInterval(alpha: number, beta: number): { low: number; high: number } {
  if (alpha > 0 && beta > 0) {
    const { low, high } = betaLimits(alpha, beta);
    return { low: 100 * low, high: 100 * high };
  }
  if (alpha > 0) return { low: 100, high: 100 };
  if (beta > 0) return { low: 0, high: 0 };
  return { low: 0, high: 100 };
}

/** The site's own figure on one dimension, 100·S/(S + F), null when it has no observation. */
export function siteDimensionScore(site: DecayedSums): SiteDimensionScore {
  return { score: site.n > 0 && site.share !== null ? 100 * site.share : null, n: site.n };
}

/**
 * CSAT at τ: the percentage of counting Ratings with end ≥ 4 among those in (τ − 30 days, τ].
 * Pass one agent's Ratings for the agent's figure, all of the site's for the site's.
 */
export function csatAt(ratings: Iterable<CountedRating>, at: number): CsatFigure {
  let n = 0;
  let satisfied = 0;
  for (const rating of ratings) {
    if (rating.at > at || rating.at <= at - CSAT_WINDOW_MS) continue;
    n += 1;
    if (isSatisfied(rating.end)) satisfied += 1;
  }
  return { value: n ? (100 * satisfied) / n : null, n };
}
