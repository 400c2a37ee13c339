/**
 * The vocabulary of the scoring model (shared/design/scoring.md): observations drawn from a
 * conversation's facts, and the scores API body built from them (product.md, `GET …/scores`).
 * Plain types only: the server produces these, nothing parses them from untrusted input.
 */

/** What a score measures. Competence and empathy are asked about but not scored. */
export const SCORED_DIMENSIONS = ['responsiveness', 'reliability', 'experience'] as const;
export type ScoredDimension = (typeof SCORED_DIMENSIONS)[number];

/** Where an observation came from, so an agent's breakdown can say why a score moved. */
export type ObservationCause =
  | {
      /** The longest Wait between two closes, the last one, or both when they are one Wait. */
      kind: 'peak-wait' | 'end-wait' | 'wait';
      conversationId: string;
      /** The fact that ended the Wait: the agent's reply, or the close for an unanswered Wait. */
      factId: string;
      /** Length of the Wait in seconds. */
      seconds: number;
    }
  | {
      /** A Promise kept by its due time (fact: the earliest keep). */
      kind: 'promise-kept';
      conversationId: string;
      factId: string;
      promiseId: string;
    }
  | {
      /** A Promise not kept by its due time (fact: the `promise.made`). */
      kind: 'promise-broken';
      conversationId: string;
      factId: string;
      promiseId: string;
    }
  | {
      /** A Promise kept in time that the visitor says did not happen (fact: the dispute). */
      kind: 'promise-disputed';
      conversationId: string;
      factId: string;
      promiseId: string;
    }
  | {
      /** "This isn't solved": a reopen soon after a close (fact: the reopen). */
      kind: 'reopen';
      conversationId: string;
      factId: string;
    }
  | {
      /** The peak-end experience of a Rating, or the visitor's own peak judgement ("voice"). */
      kind: 'rating' | 'voice';
      conversationId: string;
      /** The counting version of the Rating. */
      factId: string;
    };

/**
 * One piece of evidence about a subject on one dimension: a value in [0, 1] with a weight > 0,
 * at a time (epoch ms). Scores at τ use the observations with `at ≤ τ`, decayed by age.
 */
export interface Observation {
  /** The agent credited or blamed; null is the site's unassigned bucket. */
  subject: string | null;
  dimension: ScoredDimension;
  value: number;
  weight: number;
  at: number;
  cause: ObservationCause;
}

/** An agent's score on one dimension: shrunk toward the team mean, with a 90% interval. */
export interface AgentDimensionScore {
  score: number;
  /** 5% quantile of the posterior, × 100. */
  low: number;
  /** 95% quantile of the posterior, × 100. */
  high: number;
  /** Observations counted (with `at ≤ τ`), not decayed. */
  n: number;
  /**
   * The two parts the score is the weighted mean of (scoring.md, showing a score): the agent's
   * own evidence, 100·S/(S + F) (null without any) with its weight S + F, and the team mean
   * 100·μ with its weight m.
   */
  own: { score: number | null; weight: number };
  team: { score: number; weight: number };
  /** The own evidence weighs less than the prior (S + F < m): show the interval, not the number. */
  tooLittleEvidence: boolean;
}

/** The whole site on one dimension, unshrunk; null when the site has no observation. */
export interface SiteDimensionScore {
  score: number | null;
  n: number;
}

/** Percentage of counting Ratings with end ≥ 4 in the 30 days up to τ; null when none. */
export interface CsatFigure {
  value: number | null;
  n: number;
}

export interface AgentScores {
  agentId: string;
  name: string;
  responsiveness: AgentDimensionScore;
  reliability: AgentDimensionScore;
  experience: AgentDimensionScore;
  csat: CsatFigure;
}

export interface SiteScores {
  responsiveness: SiteDimensionScore;
  reliability: SiteDimensionScore;
  experience: SiteDimensionScore;
  csat: CsatFigure;
}

/** The body of `GET /api/v1/sites/:siteId/scores[?at=ISO]`. */
export interface ScoresBody {
  /** τ, ISO-8601. */
  at: string;
  site: SiteScores;
  agents: AgentScores[];
}
