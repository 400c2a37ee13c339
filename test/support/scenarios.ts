/**
 * Random but realistic sites for tests: conversations with opens, assignments, visitor and
 * agent messages after random waits, promises kept at once, in time, late or never (and some
 * disputed), closes, reopens and ratings with amendments (some excluded); and a comparison of
 * score bodies to a tolerance.
 */
import { expect } from 'vitest';
import { ZFact, type Fact, type FactInput } from '../../shared/facts';
import type { SiteSettings } from '../../shared/settings';
import type { Observation } from '../../shared/scoring/types';
import { evaluateSite } from '../../shared/scoring/evaluate';
import { DAY, MINUTE } from '../../shared/time';

export const t0 = Date.parse('2026-09-01T08:00:00Z');
export const AGENTS = [
  { id: 'anna', name: 'Anna' },
  { id: 'ben', name: 'Ben' },
  { id: 'cleo', name: 'Cleo' },
];
/** An agent the site does not list (e.g. from a helpdesk webhook): still scored. */
export const STRANGER = 'zoe';

/** A small seeded PRNG (mulberry32), so a failing seed replays the same site. */
export function prng(seed: number) {
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
export type Rng = ReturnType<typeof prng>;

/** A gap between two things happening in a chat: mostly seconds, sometimes hours or days. */
export function gap(rng: Rng): number {
  const r = rng.next();
  if (r < 0.1) return 0; // same instant: order falls to the fact id
  if (r < 0.3) return rng.pick([30, 60, 120, 300, 600]) * 1000; // round numbers: equal Waits
  if (r < 0.6) return rng.int(1, 180) * 1000;
  if (r < 0.9) return rng.int(180, 3600) * 1000;
  return rng.int(1, 72) * 3600 * 1000;
}

/** One conversation's facts in wire form, as a helpdesk might send them. */
export function randomConversation(rng: Rng, conversationId: string, start: number): FactInput[] {
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
      const keep = (at: number) => {
        add(at, { type: 'promise.kept', promiseId });
        // "That didn't happen": at the keep, within the window, after it, or before the keep.
        if (rng.chance(0.3)) {
          const when = rng.pick([0, rng.int(1, DAY), rng.int(DAY, 10 * DAY), -rng.int(1, 60_000)]);
          add(at + when, { type: 'promise.disputed', promiseId });
        }
      };
      const fate = rng.next();
      if (fate < 0.2)
        keep(t + rng.int(0, 90_000)); // kept at once: perhaps too quickly to count
      else if (fate < 0.5)
        keep(rng.int(t, due)); // in time
      else if (fate < 0.6)
        keep(due); // at the due time
      else if (fate < 0.75)
        keep(due + rng.int(1, 600_000)); // late
      else if (fate < 0.8) keep(t - rng.int(0, 60_000)); // skewed clock
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
        const excluded = rng.chance(0.15) ? { excluded: rng.pick(['member', 'flood']) } : {};
        add(at, { type: 'rating', end: rng.int(1, 5), ...(peak ? { peak } : {}), ...excluded });
      };
      rate(t);
      // Amendments: within the window, and now and then one too late.
      if (rng.chance(0.4)) rate(t + rng.int(0, 10 * 60) * 1000);
      if (rng.chance(0.2)) rate(t + rng.int(10 * 60 + 1, 20 * 60) * 1000);
    }
  }
  return facts;
}

export interface Site {
  facts: FactInput[];
  settings: SiteSettings;
  /** τ: sometimes in the middle of the history, sometimes after it. */
  at: number;
}

/** Zones with whole, half and quarter hour offsets, daylight saving, and midnight skipped. */
const SCENARIO_ZONES = ['UTC', 'Europe/Amsterdam', 'Asia/Kathmandu', 'America/Santiago'];

export function randomSite(seed: number, conversations = rng0(seed).int(5, 30)): Site {
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
    maxPromisesPerConversation: rng.pick([1, 3, 10]),
    minPromiseSeconds: rng.pick([0, 60]),
    excludeMemberRatings: true,
    statedReplyFollowsKept: false,
    // From the seed, not the generator, so the rest of each scenario stays as it was.
    timeZone: SCENARIO_ZONES[seed % SCENARIO_ZONES.length] ?? 'UTC',
    retentionDays: null,
    openingHours: null,
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
export const rng0 = (seed: number) => prng(seed ^ 0x5bd1e995);

export const parse = (facts: readonly FactInput[]): Fact[] => facts.map((f) => ZFact.parse(f));

/** Facts grouped by conversation, as a store hands them to evaluateSite. */
export function byConversation(facts: readonly Fact[]): Fact[][] {
  const groups = new Map<string, Fact[]>();
  for (const fact of facts) {
    const group = groups.get(fact.conversationId);
    if (group) group.push(fact);
    else groups.set(fact.conversationId, [fact]);
  }
  return [...groups.values()];
}

export const evaluate = (facts: readonly Fact[], settings: SiteSettings, at: number) =>
  evaluateSite({ agents: AGENTS, conversations: byConversation(facts), settings, at });

/** Fisher–Yates with the test's PRNG. */
export function shuffle<T>(items: readonly T[], rng: Rng): T[] {
  const a = [...items];
  for (let i = a.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

/** Every number in two bodies within `tolerance`, everything else equal. */
export function expectClose(
  actual: unknown,
  expected: unknown,
  tolerance: number,
  path = 'body',
): void {
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

/** Observations without their causes, for compact expectations. */
export const withoutCauses = (observations: Observation[]) =>
  observations.map(({ subject, dimension, value, weight, at }) => ({
    subject,
    dimension,
    value,
    weight,
    at,
  }));
