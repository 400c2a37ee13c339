/**
 * The scores of a whole site at τ, as the scores API returns them (product.md).
 *
 * `evaluateSite` replays every conversation from its facts: the reference the other paths must
 * agree with. The live path keeps a `ScoreSums` up to date as facts arrive, and `?at=` in the
 * past has the store aggregate its observation rows (`SumsAt`); both call `assembleScores`,
 * which costs O(1) per agent and dimension.
 */
import type { Fact } from '../facts';
import type { SiteSettings } from '../settings';
import { iso } from '../time';
import { conversationEvidence } from './observations';
import type { CountedRating } from './ratings';
import { agentDimensionScore, csatAt, siteDimensionScore, teamMean } from './score';
import { ScoreSums, type SumsReader } from './sums';
import {
  SCORED_DIMENSIONS,
  type AgentScores,
  type CsatFigure,
  type Observation,
  type ScoredDimension,
  type ScoresBody,
} from './types';

export interface AgentRef {
  id: string;
  name: string;
  /** False for a member who does not answer chats: listed only once they have observations. */
  answersChats?: boolean;
}

export interface SiteEvaluation {
  /** The site's agents, in the order to list them. */
  agents: readonly AgentRef[];
  /** Each conversation's facts (any order, duplicates allowed). */
  conversations: readonly (readonly Fact[])[];
  settings: SiteSettings;
  /** τ, epoch ms. */
  at: number;
}

/** Time, then where the observation came from: a total order in practice. */
function compareObservations(a: Observation, b: Observation): number {
  return (
    a.at - b.at ||
    compare(a.cause.conversationId, b.cause.conversationId) ||
    compare(a.cause.factId, b.cause.factId) ||
    compare(a.cause.kind, b.cause.kind)
  );
}
const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Replays every conversation and scores the site at τ. */
export function evaluateSite({ agents, conversations, settings, at }: SiteEvaluation): ScoresBody {
  const sums = new ScoreSums(settings);
  sums.advanceTo(at);
  const ratings: CountedRating[] = [];
  const observations: Observation[] = [];
  for (const facts of conversations) {
    const evidence = conversationEvidence(facts, settings);
    for (const observation of evidence.observations) {
      if (observation.at <= at) observations.push(observation);
    }
    if (evidence.rating) ratings.push(evidence.rating);
  }
  // Summed in one canonical order, so the result is the same to the last bit however the
  // store groups and orders its conversations (float addition is not associative).
  observations.sort(compareObservations);
  for (const observation of observations) sums.add(observation);
  return assembleScores({ agents, sums, ratings, settings, at });
}

/** CSAT at τ, counted elsewhere: the site's, and each rated agent's (null: unassigned). */
export interface CsatCounts {
  site: CsatFigure;
  byAgent: ReadonlyMap<string | null, CsatFigure>;
}

export interface ScoreAssembly {
  agents: readonly AgentRef[];
  /** Decayed sums holding the site's observations (those after τ are not counted). */
  sums: SumsReader;
  /**
   * Counting Ratings of the site (those outside CSAT's 30 days up to τ are not counted), or
   * CSAT already counted over that window (trends count it from daily figures).
   */
  ratings: readonly CountedRating[] | CsatCounts;
  settings: Pick<SiteSettings, 'priorStrength'>;
  at: number;
}

/**
 * The scores body from decayed sums and counting Ratings. Agents are listed in the given order,
 * then anyone else with an observation counted at τ (by id, named by their id), so evidence about
 * an agent the site does not list yet is never hidden. The unassigned bucket has no row: it
 * counts in the site's figures, not in the team mean.
 */
export function assembleScores({ agents, sums, ratings, settings, at }: ScoreAssembly): ScoresBody {
  const mean = {} as Record<ScoredDimension, number>;
  const site = {} as Record<ScoredDimension, ReturnType<typeof siteDimensionScore>>;
  for (const dimension of SCORED_DIMENSIONS) {
    mean[dimension] = teamMean(sums.readTeam(dimension, at));
    site[dimension] = siteDimensionScore(sums.readSite(dimension, at));
  }

  // A member who does not answer chats is listed only once they have evidence of their own.
  const subjects = new Set(sums.subjects(at));
  const shown = agents.filter((agent) => agent.answersChats !== false || subjects.has(agent.id));
  const listed = new Set(agents.map((agent) => agent.id));
  const others = [...subjects]
    .filter((subject): subject is string => subject !== null && !listed.has(subject))
    .sort()
    .map((id) => ({ id, name: id }));

  const csat = Array.isArray(ratings) ? countCsat(ratings, at) : (ratings as CsatCounts);

  const score = (agentId: string, dimension: ScoredDimension) =>
    agentDimensionScore(sums.read(agentId, dimension, at), mean[dimension], settings.priorStrength);
  const rows: AgentScores[] = [...shown, ...others].map((agent) => ({
    agentId: agent.id,
    name: agent.name,
    responsiveness: score(agent.id, 'responsiveness'),
    reliability: score(agent.id, 'reliability'),
    experience: score(agent.id, 'experience'),
    csat: csat.byAgent.get(agent.id) ?? { value: null, n: 0 },
  }));

  return {
    at: iso(at),
    site: { ...site, csat: csat.site },
    agents: rows,
  };
}

/** CSAT at τ from the Ratings themselves: the site's and each rated agent's. */
function countCsat(ratings: readonly CountedRating[], at: number): CsatCounts {
  const bySubject = new Map<string | null, CountedRating[]>();
  for (const rating of ratings) {
    const list = bySubject.get(rating.agentId);
    if (list) list.push(rating);
    else bySubject.set(rating.agentId, [rating]);
  }
  return {
    site: csatAt(ratings, at),
    byAgent: new Map([...bySubject].map(([agentId, list]) => [agentId, csatAt(list, at)])),
  };
}
