/**
 * The figures shown in "Live scores" for one site: per agent, ratings, mean end score and CSAT.
 * (The full responsiveness and reliability model of the scoring contract grows here.)
 */
import type { LiveScores } from '../../shared/protocol';
import { summarizeRatings } from '../../shared/scoring/ratings';
import { iso } from '../../shared/time';
import type { Store } from '../storage/store';

export async function liveScores(store: Store, siteId: string, now: number): Promise<LiveScores> {
  const [agents, ratings] = await Promise.all([
    store.listAgents(siteId),
    store.countedRatings(siteId),
  ]);
  return { at: iso(now), agents: summarizeRatings(agents, ratings, now) };
}
