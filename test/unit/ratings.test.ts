import { describe, expect, it } from 'vitest';
import { CSAT_WINDOW_MS, summarizeRatings } from '../../shared/scoring/ratings';

const agents = [
  { id: 'anna', name: 'Anna' },
  { id: 'ben', name: 'Ben' },
];
const now = Date.parse('2026-11-23T12:00:00Z');

describe('summarizeRatings', () => {
  it('counts, averages and gives CSAT per rated agent', () => {
    const rows = summarizeRatings(
      agents,
      [
        { agentId: 'anna', end: 5, at: now - 1000 },
        { agentId: 'anna', end: 3, at: now - 2000 },
        { agentId: 'anna', end: 4, at: now - CSAT_WINDOW_MS - 1 }, // too old for CSAT
        { agentId: null, end: 1, at: now - 1000 }, // unassigned: no agent's row
      ],
      now,
    );
    expect(rows).toEqual([
      { agentId: 'anna', name: 'Anna', ratings: 3, meanEnd: 4, csat: { value: 50, n: 2 } },
      { agentId: 'ben', name: 'Ben', ratings: 0, meanEnd: null, csat: { value: null, n: 0 } },
    ]);
  });

  it('ignores ratings after the evaluation time', () => {
    const [anna] = summarizeRatings(agents, [{ agentId: 'anna', end: 5, at: now + 1 }], now);
    expect(anna).toMatchObject({ ratings: 0, csat: { value: null } });
  });
});
