/**
 * Properties of the scoring model on random but realistic sites: scores depend only on the set
 * of facts, Promises move reliability the right way, the live (incremental) path equals a
 * replay, and the replay equals the naive reference implementation of scoring.md.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ZFact, type Fact } from '../../shared/facts';
import { DEFAULT_SETTINGS, type SiteSettings } from '../../shared/settings';
import { assembleScores, evaluateSite } from '../../shared/scoring/evaluate';
import { conversationEvidence } from '../../shared/scoring/observations';
import type { CountedRating } from '../../shared/scoring/ratings';
import { ScoreSums } from '../../shared/scoring/sums';
import type { Observation, ScoresBody } from '../../shared/scoring/types';
import { DAY } from '../../shared/time';
import { referenceScores } from '../support/reference-scoring';
import {
  t0,
  AGENTS,
  prng,
  randomSite,
  parse,
  byConversation,
  evaluate,
  shuffle,
  expectClose,
} from '../support/scenarios';

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
  const withAllPromisesCounting = (site: ReturnType<typeof randomSite>) => ({
    ...site,
    settings: { ...site.settings, maxPromisesPerConversation: 100 },
  });

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
        // Every promise counts (no limit to push another out), and the promise is undisputed
        // (a dispute after the new keep would move its failure later, where it weighs more).
        const site = withAllPromisesCounting(randomSite(seed));
        const found = brokenPromise(parse(site.facts), site.settings);
        if (!found) return;
        const made = found.group.find((f) => f.id === found.observation.cause.factId)!;
        if (made.type !== 'promise.made') throw new Error('the broken promise names its promise');
        const facts = parse(site.facts).filter(
          (f) => f.type !== 'promise.disputed' || f.promiseId !== made.promiseId,
        );
        // Not so soon that it counts neither way (a quick keep: scoring-integrity tests those).
        const soonest = made.at + site.settings.minPromiseSeconds * 1000;
        const keptAt = Math.round(soonest + when * (made.dueAt - soonest));
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
        const site = withAllPromisesCounting(randomSite(seed));
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
