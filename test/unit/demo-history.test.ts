import { describe, expect, it } from 'vitest';
import { ZFact, type Fact } from '../../shared/facts';
import { iso } from '../../shared/time';
import { demoHistory } from '../../server/demo/history';

/** A fact in its wire form, as the events API would take it. */
function wire(fact: Fact): unknown {
  const out: Record<string, unknown> = { ...fact, at: iso(fact.at) };
  if (fact.type === 'promise.made') out.dueAt = iso(fact.dueAt);
  return out;
}

describe("the demo's six weeks of history", () => {
  const now = Date.parse('2026-11-29T15:00:00Z');
  const history = demoHistory(now);

  it('tells the same story on every first start', () => {
    expect(demoHistory(now)).toEqual(history);
  });

  it('is made of valid facts, none after now, two visitors waiting', () => {
    const facts = history.flat();
    for (const fact of facts) {
      expect(ZFact.safeParse(wire(fact)).success, JSON.stringify(fact)).toBe(true);
      expect(fact.at).toBeLessThanOrEqual(now);
    }
    expect(new Set(facts.map((f) => f.id)).size).toBe(facts.length);
    const open = history.filter((c) => !c.some((f) => f.type === 'conversation.closed'));
    expect(open.length).toBeGreaterThanOrEqual(2);
    expect(history.length).toBeGreaterThan(250);
  });

  it('has two segments, three agents, promises kept and broken, and bad endings', () => {
    const facts = history.flat();
    const segments = new Set(
      facts.flatMap((f) => (f.type === 'conversation.opened' && f.segment ? [f.segment] : [])),
    );
    expect([...segments].sort()).toEqual(['business', 'consumer']);
    const agents = new Set(
      facts.flatMap((f) => (f.type === 'message' && f.agentId ? [f.agentId] : [])),
    );
    expect([...agents].sort()).toEqual(['anna', 'ben', 'dana']);
    const made = facts.filter((f) => f.type === 'promise.made').length;
    const kept = facts.filter((f) => f.type === 'promise.kept').length;
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThan(made);
    const ends = facts.flatMap((f) => (f.type === 'rating' ? [f.end] : []));
    expect(ends.some((end) => end <= 2)).toBe(true);
    expect(ends.some((end) => end >= 4)).toBe(true);
  });
});
