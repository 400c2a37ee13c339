/**
 * Properties of the scoring model on random but realistic sites: scores depend only on the set
 * of facts, Promises move reliability the right way, the live (incremental) path equals a
 * replay, and the replay equals the naive reference implementation of scoring.md.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ZFact, type Fact, type FactInput } from '../../shared/facts';
import { DEFAULT_SETTINGS, type SiteSettings } from '../../shared/settings';
import { assembleScores, evaluateSite } from '../../shared/scoring/evaluate';
import { conversationEvidence } from '../../shared/scoring/observations';
import type { CountedRating } from '../../shared/scoring/ratings';
import { ScoreSums } from '../../shared/scoring/sums';
import type { Observation, ScoresBody } from '../../shared/scoring/types';
import { DAY, MINUTE } from '../../shared/time';
import { referenceScores } from '../support/reference-scoring';

const t0 = Date.parse('2026-09-01T08:00:00Z');
const AGENTS = [
  { id: 'anna', name: 'Anna' },
  { id: 'ben', name: 'Ben' },
  { id: 'cleo', name: 'Cleo' },
];
/** An agent the site does not list (e.g. from a helpdesk webhook): still scored. */
const STRANGER = 'zoe';

/** A small seeded PRNG (mulberry32), so a failing seed replays the same site. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    chance: (p: number) => next() < p,
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
  };
}
type Rng = ReturnType<typeof prng>;

/** A gap between two things happening in a chat: mostly seconds, sometimes hours or days. */
function gap(rng: Rng): number {
  const r = rng.next();
  if (r < 0.1) return 0; // same instant: order falls to the fact id
  if (r < 0.3) return rng.pick([30, 60, 120, 300, 600]) * 1000; // round numbers: equal Waits
  if (r < 0.6) return rng.int(1, 180) * 1000;
  if (r < 0.9) return rng.int(180, 3600) * 1000;
  return rng.int(1, 72) * 3600 * 1000;
}

/** One conversation's facts in wire form, as a helpdesk might send them. */
function randomConversation(rng: Rng, conversationId: string, start: number): FactInput[] {
  const facts: FactInput[] = [];
  let n = 0;
  const add = (at: number, fields: Record<string, unknown>) =>
    facts.push({
      // Random id prefixes, so ties in time are broken in no particular pattern.
      id: `${conversationId}-${rng.int(0, 99).toString().padStart(2, '0')}-${++n}`,
      conversationId,
      at: new Date(at).toISOString(),
      ...fields,
    } as FactInput);
  const anyAgent = () => (rng.chance(0.1) ? STRANGER : rng.pick(AGENTS).id);

  let t = start;
  let assigned: string | null = null;
  if (rng.chance(0.7)) add(t, { type: 'conversation.opened', visitorId: 'v1' });
  const steps = rng.int(3, 25);
  for (let i = 0; i < steps; i++) {
    t += gap(rng);
    const r = rng.next();
    if (r < 0.3) {
      add(t, { type: 'message', from: 'visitor', text: 'hello?' });
    } else if (r < 0.55) {
      add(t, { type: 'message', from: 'agent', agentId: assigned ?? anyAgent() });
    } else if (r < 0.63) {
      assigned = anyAgent();
      add(t, { type: 'conversation.assigned', agentId: assigned });
    } else if (r < 0.73) {
      const promiseId = `${conversationId}-p${i}`;
      const due = t + rng.int(1, 48 * 60) * MINUTE;
      add(t, {
        type: 'promise.made',
        promiseId,
        agentId: assigned ?? anyAgent(),
        dueAt: new Date(due).toISOString(),
      });
      const fate = rng.next();
      if (fate < 0.5)
        add(rng.int(t, due), { type: 'promise.kept', promiseId }); // in time
      else if (fate < 0.6)
        add(due, { type: 'promise.kept', promiseId }); // at the due time
      else if (fate < 0.75)
        add(due + rng.int(1, 600_000), { type: 'promise.kept', promiseId }); // late
      else if (fate < 0.8) add(t - rng.int(0, 60_000), { type: 'promise.kept', promiseId }); // skewed clock
      if (rng.chance(0.15)) add(rng.int(t, due + DAY), { type: 'promise.kept', promiseId }); // a second keep
    } else if (r < 0.85) {
      add(t, {
        type: 'conversation.closed',
        ...(rng.chance(0.7) && assigned
          ? { agentId: assigned }
          : rng.chance(0.3)
            ? { agentId: anyAgent() }
            : {}),
      });
    } else if (r < 0.92) {
      t += rng.chance(0.5) ? rng.int(1, 3600) * 1000 : rng.int(1, 10) * DAY;
      add(t, { type: 'conversation.reopened' });
    } else {
      const rate = (at: number) => {
        const peak = rng.chance(0.3)
          ? undefined
          : {
              dimension: rng.pick(['responsiveness', 'reliability', 'competence', 'empathy']),
              polarity: rng.pick(['positive', 'negative']),
            };
        add(at, { type: 'rating', end: rng.int(1, 5), ...(peak ? { peak } : {}) });
      };
      rate(t);
      // Amendments: within the window, and now and then one too late.
      if (rng.chance(0.4)) rate(t + rng.int(0, 10 * 60) * 1000);
      if (rng.chance(0.2)) rate(t + rng.int(10 * 60 + 1, 20 * 60) * 1000);
    }
  }
  return facts;
}

interface Site {
  facts: FactInput[];
  settings: SiteSettings;
  /** τ: sometimes in the middle of the history, sometimes after it. */
  at: number;
}

function randomSite(seed: number, conversations = rng0(seed).int(5, 30)): Site {
  const rng = prng(seed);
  const facts: FactInput[] = [];
  for (let c = 0; c < conversations; c++) {
    facts.push(...randomConversation(rng, `c${c}`, t0 + rng.int(0, 60 * 24 * 60) * MINUTE));
  }
  const settings: SiteSettings = {
    targetReplySeconds: rng.pick([30, 120, 600]),
    halfLifeDays: rng.pick([0.5, 7, 30, 365]),
    negativityWeight: rng.pick([1, 2, 2.25, 3]),
    priorStrength: rng.pick([0, 1, 4, 20]),
    voiceWeight: rng.pick([0, 1, 2]),
    reopenWindowDays: rng.pick([0, 1, 7]),
    ratingAmendMinutes: rng.pick([0, 5, 10]),
  };
  // τ exactly at a fact's time, or 30 days after it, now and then: the edges of `t ≤ τ` and
  // of CSAT's window.
  const ratings = facts.filter((f) => f.type === 'rating');
  const edge = rng.pick(ratings.length && rng.chance(0.5) ? ratings : facts);
  const at = rng.chance(0.3)
    ? Date.parse(edge.at as string) + rng.pick([0, 30 * DAY])
    : t0 + rng.int(10, 80) * DAY + rng.int(0, DAY);
  return { facts, settings, at };
}
const rng0 = (seed: number) => prng(seed ^ 0x5bd1e995);

const parse = (facts: readonly FactInput[]): Fact[] => facts.map((f) => ZFact.parse(f));

/** Facts grouped by conversation, as a store hands them to evaluateSite. */
function byConversation(facts: readonly Fact[]): Fact[][] {
  const groups = new Map<string, Fact[]>();
  for (const fact of facts) {
    const group = groups.get(fact.conversationId);
    if (group) group.push(fact);
    else groups.set(fact.conversationId, [fact]);
  }
  return [...groups.values()];
}

const evaluate = (facts: readonly Fact[], settings: SiteSettings, at: number) =>
  evaluateSite({ agents: AGENTS, conversations: byConversation(facts), settings, at });

/** Fisher–Yates with the test's PRNG. */
function shuffle<T>(items: readonly T[], rng: Rng): T[] {
  const a = [...items];
  for (let i = a.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

/** Every number in two bodies within `tolerance`, everything else equal. */
function expectClose(actual: unknown, expected: unknown, tolerance: number, path = 'body'): void {
  if (typeof expected === 'number' && typeof actual === 'number') {
    if (Math.abs(actual - expected) > tolerance) {
      throw new Error(`${path}: ${actual} differs from ${expected} by more than ${tolerance}`);
    }
    return;
  }
  if (expected !== null && typeof expected === 'object') {
    expect(actual, path).toBeTypeOf('object');
    expect(actual, path).not.toBeNull();
    const a = actual as Record<string, unknown>;
    const e = expected as Record<string, unknown>;
    expect(Object.keys(a).sort(), path).toEqual(Object.keys(e).sort());
    for (const key of Object.keys(e)) expectClose(a[key], e[key], tolerance, `${path}.${key}`);
    return;
  }
  expect(actual, path).toEqual(expected);
}

const seeds = fc.integer({ min: 0, max: 2 ** 31 - 1 });

describe('scores depend only on the set of facts', () => {
  it('are the same whatever the arrival order, batching and duplicates', () => {
    fc.assert(
      fc.property(seeds, seeds, (seed, orderSeed) => {
        const site = randomSite(seed);
        const facts = parse(site.facts);
        const expected = evaluate(facts, site.settings, site.at);
        const rng = prng(orderSeed);
        // Shuffled, with some facts repeated, and split across batches of the same conversation.
        const noisy = shuffle([...facts, ...facts.filter(() => rng.chance(0.2))], rng);
        const conversations = byConversation(noisy).flatMap((group) => {
          if (!rng.chance(0.3)) return [group];
          const cut = rng.int(0, group.length);
          return [[...group.slice(cut), ...group.slice(0, cut)]];
        });
        const again = evaluateSite({
          agents: AGENTS,
          conversations,
          settings: site.settings,
          at: site.at,
        });
        expect(again).toEqual(expected);
      }),
      { numRuns: 60 },
    );
  });
});

describe('Promises move reliability the right way', () => {
  /** A Promise of the site that was not kept by its due time. */
  function brokenPromise(facts: Fact[], settings: SiteSettings) {
    for (const group of byConversation(facts)) {
      for (const o of conversationEvidence(group, settings).observations) {
        if (o.cause.kind === 'promise-broken') return { observation: o, group };
      }
    }
    return null;
  }

  it('never lowers an agent’s reliability when a Promise is kept in time', () => {
    fc.assert(
      fc.property(seeds, fc.double({ min: 0, max: 1, noNaN: true }), (seed, when) => {
        const site = randomSite(seed);
        const facts = parse(site.facts);
        const found = brokenPromise(facts, site.settings);
        if (!found) return;
        const made = found.group.find((f) => f.id === found.observation.cause.factId)!;
        if (made.type !== 'promise.made') throw new Error('the broken promise names its promise');
        const keptAt = Math.round(made.at + when * (made.dueAt - made.at));
        const keepFact = ZFact.parse({
          id: 'zz-keep',
          conversationId: made.conversationId,
          type: 'promise.kept',
          promiseId: made.promiseId,
          at: new Date(Math.min(keptAt, made.dueAt)).toISOString(),
        });
        const agent = made.agentId;
        for (const at of [site.at, made.dueAt, made.dueAt + DAY]) {
          const before = evaluate(facts, site.settings, at);
          const after = evaluate([...facts, keepFact], site.settings, at);
          const row = (body: ScoresBody) => body.agents.find((a) => a.agentId === agent);
          // An agent the site does not list has a row only once there is evidence about them.
          const now = row(after)?.reliability.score;
          if (now === undefined) expect(row(before)).toBeUndefined();
          else expect(now).toBeGreaterThanOrEqual((row(before)?.reliability.score ?? 0) - 1e-9);
          expect(after.site.reliability.score ?? 0).toBeGreaterThanOrEqual(
            (before.site.reliability.score ?? 0) - 1e-9,
          );
        }
      }),
      { numRuns: 60 },
    );
  });

  it('never raises an agent’s reliability when a Promise is broken', () => {
    fc.assert(
      fc.property(seeds, fc.constantFrom(...AGENTS.map((a) => a.id)), (seed, agent) => {
        const site = randomSite(seed);
        const facts = parse(site.facts);
        const due = site.at - DAY;
        const made = ZFact.parse({
          id: 'zz-promise',
          conversationId: 'c0',
          type: 'promise.made',
          promiseId: 'zz-never-kept',
          agentId: agent,
          at: new Date(due - 3600_000).toISOString(),
          dueAt: new Date(due).toISOString(),
        });
        const before = evaluate(facts, site.settings, site.at);
        const after = evaluate([...facts, made], site.settings, site.at);
        const row = (body: ScoresBody) => body.agents.find((a) => a.agentId === agent)!;
        expect(row(after).reliability.score).toBeLessThanOrEqual(
          row(before).reliability.score + 1e-9,
        );
        expect(row(after).reliability.n).toBe(row(before).reliability.n + 1);
      }),
      { numRuns: 60 },
    );
  });
});

describe('the live path', () => {
  it('equals a fresh replay after facts arrive late, in batches, and conversations are re-derived', () => {
    fc.assert(
      fc.property(seeds, seeds, (seed, orderSeed) => {
        const site = randomSite(seed);
        const facts = parse(site.facts);
        const rng = prng(orderSeed);
        const arrivals = shuffle(facts, rng);

        // The server's loop: each batch re-derives the conversations it touches, takes their old
        // observations out and puts the new ones in; the clock moves on between batches.
        const sums = new ScoreSums(site.settings);
        const known = new Map<string, Fact[]>();
        const current = new Map<
          string,
          { observations: Observation[]; rating: CountedRating | null }
        >();
        let clock = t0;
        for (let i = 0; i < arrivals.length;) {
          const batch = arrivals.slice(i, (i += rng.int(1, 40)));
          const touched = new Set(batch.map((f) => f.conversationId));
          for (const f of batch)
            known.set(f.conversationId, [...(known.get(f.conversationId) ?? []), f]);
          for (const id of touched) {
            const old = current.get(id);
            for (const o of old?.observations ?? []) sums.remove(o);
            const evidence = conversationEvidence(known.get(id)!, site.settings);
            for (const o of evidence.observations) sums.add(o);
            current.set(id, evidence);
          }
          clock = Math.min(site.at, clock + rng.int(0, 5) * DAY);
          sums.advanceTo(clock);
        }
        // Remove one conversation's observations and put them back, as an amendment would.
        const some = [...current.values()][rng.int(0, current.size - 1)]!;
        for (const o of some.observations) sums.remove(o);
        for (const o of some.observations) sums.add(o);

        const ratings = [...current.values()].flatMap((e) => (e.rating ? [e.rating] : []));
        const live = assembleScores({
          agents: AGENTS,
          sums,
          ratings,
          settings: site.settings,
          at: site.at,
        });
        const replay = evaluate(facts, site.settings, site.at);
        expectClose(live, replay, 1e-9);
      }),
      { numRuns: 60 },
    );
  });
});

describe('the replay equals the reference implementation of scoring.md', () => {
  it('on random multi-agent sites of hundreds of events', () => {
    let events = 0;
    fc.assert(
      fc.property(seeds, seeds, (seed, orderSeed) => {
        const site = randomSite(seed, 40);
        events += site.facts.length;
        const rng = prng(orderSeed);
        const wire = shuffle([...site.facts, ...site.facts.filter(() => rng.chance(0.1))], rng);
        const ours = evaluate(parse(site.facts), site.settings, site.at);
        const oracle = referenceScores(
          wire,
          site.settings,
          new Date(site.at).toISOString(),
          AGENTS,
        );
        expectClose(ours, oracle, 0.01);
      }),
      { numRuns: 80 },
    );
    expect(events / 80).toBeGreaterThan(200); // hundreds of events per site
  });

  it('with the default settings, at many times through the history', () => {
    fc.assert(
      fc.property(seeds, fc.integer({ min: 0, max: 90 * 24 }), (seed, hours) => {
        const site = randomSite(seed, 25);
        const at = t0 + hours * 3600_000;
        const ours = evaluate(parse(site.facts), DEFAULT_SETTINGS, at);
        const oracle = referenceScores(
          site.facts,
          DEFAULT_SETTINGS,
          new Date(at).toISOString(),
          AGENTS,
        );
        expectClose(ours, oracle, 0.01);
      }),
      { numRuns: 60 },
    );
  });
});
