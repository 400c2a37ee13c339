/**
 * Per-agent rating figures: how many counting ratings, their mean end score, and CSAT.
 * Pure; the inputs are the counting version of each conversation's rating (see
 * `deriveConversation`), so amendments are already resolved.
 */
import type { AgentScoreRow } from '../protocol';
import { DAY } from '../time';

export interface CountedRating {
  /** The rated agent, snapshotted at the close; null is the site's unassigned bucket. */
  agentId: string | null;
  end: number;
  at: number;
}

/** CSAT counts ratings in the 30 days up to now, as the industry does. */
export const CSAT_WINDOW_MS = 30 * DAY;

/** "Satisfied" in CSAT terms: a 4 or a 5. */
export const isSatisfied = (end: number): boolean => end >= 4;

export function summarizeRatings(
  agents: readonly { id: string; name: string }[],
  ratings: readonly CountedRating[],
  now: number,
): AgentScoreRow[] {
  const rows = new Map<string, { sum: number; n: number; satisfied: number; recent: number }>();
  for (const agent of agents) rows.set(agent.id, { sum: 0, n: 0, satisfied: 0, recent: 0 });
  for (const rating of ratings) {
    if (rating.agentId === null || rating.at > now) continue;
    const row = rows.get(rating.agentId);
    if (!row) continue;
    row.sum += rating.end;
    row.n += 1;
    if (rating.at > now - CSAT_WINDOW_MS) {
      row.recent += 1;
      if (isSatisfied(rating.end)) row.satisfied += 1;
    }
  }
  return agents.map((agent) => {
    const row = rows.get(agent.id) ?? { sum: 0, n: 0, satisfied: 0, recent: 0 };
    return {
      agentId: agent.id,
      name: agent.name,
      ratings: row.n,
      meanEnd: row.n ? row.sum / row.n : null,
      csat: { value: row.recent ? (100 * row.satisfied) / row.recent : null, n: row.recent },
    };
  });
}
