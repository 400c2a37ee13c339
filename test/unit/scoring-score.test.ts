import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../shared/settings';
import {
  agentDimensionScore,
  betaInterval,
  csatAt,
  siteDimensionScore,
  teamMean,
} from '../../shared/scoring/score';
import { ScoreSums, SumsAt, type DecayedSums } from '../../shared/scoring/sums';
import type { Observation } from '../../shared/scoring/types';
import { DAY } from '../../shared/time';

const t0 = Date.parse('2026-11-23T10:00:00Z');
const H = DEFAULT_SETTINGS.halfLifeDays * DAY;

let seq = 0;
const obs = (
  subject: string | null,
  value: number,
  at: number,
  weight = 1,
  dimension: Observation['dimension'] = 'reliability',
): Observation => ({
  subject,
  dimension,
  value,
  weight,
  at,
  cause: { kind: 'reopen', conversationId: 'c', factId: `f${++seq}` },
});

const sumsOf = (S: number, F: number, n: number): DecayedSums => ({
  S,
  F,
  n,
  share: n ? S / (S + F) : null,
});

describe('decayed sums', () => {
  it('halves an observation’s weight every half-life', () => {
    const sums = new ScoreSums(DEFAULT_SETTINGS);
    sums.add(obs('anna', 1, t0));
    sums.add(obs('anna', 0, t0));
    expect(sums.read('anna', 'reliability', t0)).toMatchObject({ S: 1, F: 2, n: 2 });
    const later = sums.read('anna', 'reliability', t0 + H);
    expect(later.S).toBeCloseTo(0.5, 12);
    expect(later.F).toBeCloseTo(1, 12); // λ = 2
    expect(later.n).toBe(2);
    expect(sums.read('anna', 'reliability', t0 + 3 * H).S).toBeCloseTo(0.125, 12);
  });

  it('weighs a failure λ times a success', () => {
    const sums = new ScoreSums({ ...DEFAULT_SETTINGS, negativityWeight: 2.25 });
    sums.add(obs('anna', 0.4, t0, 0.5));
    const read = sums.read('anna', 'reliability', t0);
    expect(read.S).toBeCloseTo(0.2, 12);
    expect(read.F).toBeCloseTo(2.25 * 0.5 * 0.6, 12);
  });

  it('keeps subjects, the unassigned bucket and the site apart', () => {
    const sums = new ScoreSums(DEFAULT_SETTINGS);
    sums.add(obs('anna', 1, t0));
    sums.add(obs(null, 0, t0));
    expect(sums.read('anna', 'reliability', t0)).toMatchObject({ S: 1, F: 0, n: 1 });
    expect(sums.read(null, 'reliability', t0)).toMatchObject({ S: 0, F: 2, n: 1 });
    expect(sums.readSite('reliability', t0)).toMatchObject({ S: 1, F: 2, n: 2 });
    expect(sums.readSite('responsiveness', t0)).toMatchObject({ n: 0, share: null });
    expect(sums.subjects(t0)).toEqual(new Set(['anna', null]));
    // The team is the agents only: the unassigned bucket is left out.
    expect(sums.readTeam('reliability', t0)).toMatchObject({ S: 1, F: 0, n: 1, share: 1 });
    sums.add(obs('ben', 0, t0));
    expect(sums.readTeam('reliability', t0)).toMatchObject({ S: 1, F: 2, n: 2 });
    sums.remove(obs('ben', 0, t0));
    sums.remove(obs(null, 0, t0));
    expect(sums.readTeam('reliability', t0)).toMatchObject({ S: 1, F: 0, n: 1 });
    expect(sums.readSite('reliability', t0)).toMatchObject({ S: 1, F: 0, n: 1 });
  });

  it('adds stored per-subject sums into the team’s (agents only) and the site’s', () => {
    const row = (subject: string | null, S: number, F: number, n: number) => ({
      subject,
      dimension: 'reliability' as const,
      ...sumsOf(S, F, n),
    });
    const sums = new SumsAt([row('anna', 1, 0, 1), row('ben', 0, 2, 1), row(null, 0, 6, 3)]);
    // Already read at one τ: no time to pass.
    expect(sums.read('anna', 'reliability')).toMatchObject({ S: 1, F: 0, n: 1 });
    expect(sums.read(null, 'reliability')).toMatchObject({ S: 0, F: 6, n: 3 });
    expect(sums.readTeam('reliability')).toEqual({ S: 1, F: 2, n: 2, share: 1 / 3 });
    expect(sums.readSite('reliability')).toEqual({ S: 1, F: 8, n: 5, share: 1 / 9 });
    expect(sums.readTeam('experience')).toMatchObject({ n: 0, share: null });
  });

  it('undoes an addition exactly when the observation is removed', () => {
    const sums = new ScoreSums(DEFAULT_SETTINGS);
    const a = obs('anna', 0.3, t0 - 5 * DAY);
    sums.add(obs('anna', 1, t0 - 10 * DAY));
    const before = sums.read('anna', 'reliability', t0);
    sums.add(a);
    sums.remove(a);
    const after = sums.read('anna', 'reliability', t0);
    expect(after.n).toBe(before.n);
    expect(after.S).toBeCloseTo(before.S, 12);
    expect(after.F).toBeCloseTo(before.F, 12);
    sums.remove(obs('anna', 1, t0 - 10 * DAY));
    expect(sums.read('anna', 'reliability', t0)).toEqual({ S: 0, F: 0, n: 0, share: null });
    expect(sums.subjects(t0)).toEqual(new Set());
  });

  it('stays finite over years of history with a half-life of minutes', () => {
    const settings = { ...DEFAULT_SETTINGS, halfLifeDays: 5 / (24 * 60) }; // five minutes
    const sums = new ScoreSums(settings);
    const oneYear = 365 * DAY;
    for (let i = 0; i <= 365; i++) sums.add(obs('anna', i % 2, t0 + (i * oneYear) / 365));
    const end = t0 + oneYear;
    const read = sums.read('anna', 'reliability', end);
    expect(Number.isFinite(read.S) && Number.isFinite(read.F)).toBe(true);
    expect(read.n).toBe(366);
    // Only the last day's observation (v = 1, i = 365 is odd) still weighs anything.
    expect(read.S).toBeCloseTo(1, 9);
    expect(read.F).toBeCloseTo(0, 9);
    // A year later, nothing weighs anything, but the evidence's own share is still known.
    const yearLater = sums.read('anna', 'reliability', end + oneYear);
    expect(yearLater).toMatchObject({ S: 0, F: 0, n: 366 });
    expect(yearLater.share).toBeCloseTo(1, 9);
  });

  it('counts an observation dated in the future only from its time, and can take it back before', () => {
    const sums = new ScoreSums(DEFAULT_SETTINGS);
    const broken = obs('anna', 0, t0 + 600_000); // a Promise due in ten minutes
    sums.add(broken);
    expect(sums.read('anna', 'reliability', t0)).toMatchObject({ n: 0 });
    expect(sums.read('anna', 'reliability', t0 + 600_000)).toMatchObject({ S: 0, F: 2, n: 1 });

    const other = new ScoreSums(DEFAULT_SETTINGS);
    other.add(broken);
    other.read('anna', 'reliability', t0);
    other.remove(broken); // kept in time after all: the conversation is re-derived
    other.add(obs('anna', 1, t0 + 300_000));
    expect(other.read('anna', 'reliability', t0 + DAY)).toMatchObject({ F: 0, n: 1 });
  });
});

describe('team mean', () => {
  it('is the agents’ share of successes, clamped to [0.05, 0.95], and 0.5 without evidence', () => {
    expect(teamMean(sumsOf(1, 3, 2))).toBe(0.25);
    expect(teamMean(sumsOf(0, 3, 2))).toBe(0.05);
    expect(teamMean(sumsOf(3, 0, 2))).toBe(0.95);
    expect(teamMean(sumsOf(0, 0, 0))).toBe(0.5);
  });
});

describe('agent score', () => {
  const m = DEFAULT_SETTINGS.priorStrength;

  it('is the team mean without evidence', () => {
    expect(agentDimensionScore(sumsOf(0, 0, 0), 0.3, m).score).toBeCloseTo(30, 12);
  });

  it('shrinks a perfect start toward the team mean, less as evidence grows', () => {
    const one = agentDimensionScore(sumsOf(1, 0, 1), 0.5, m).score; // 100·(1 + 2)/(1 + 4)
    expect(one).toBeCloseTo(60, 12);
    const ten = agentDimensionScore(sumsOf(10, 0, 10), 0.5, m).score;
    const hundred = agentDimensionScore(sumsOf(100, 0, 100), 0.5, m).score;
    expect(ten).toBeGreaterThan(one);
    expect(hundred).toBeGreaterThan(ten);
    expect(hundred).toBeLessThan(100);
    // One failure does not make an agent 0 either.
    expect(agentDimensionScore(sumsOf(0, 2, 1), 0.5, m).score).toBeCloseTo(100 / 3, 12);
  });

  it('narrows its interval as evidence grows, around the score', () => {
    const widths = [1, 10, 100].map((n) => {
      const s = agentDimensionScore(sumsOf(0.8 * n, 2 * 0.2 * n, n), 0.5, m);
      expect(s.low).toBeLessThan(s.score);
      expect(s.high).toBeGreaterThan(s.score);
      return s.high - s.low;
    });
    expect(widths[1]!).toBeLessThan(widths[0]!);
    expect(widths[2]!).toBeLessThan(widths[1]!);
  });

  it('gives the 5% and 95% quantiles of Beta(S + m·μ, F + m·(1 − μ))', () => {
    // Beta(2, 2): the quantile solving 3p² − 2p³ = 0.05.
    const { low, high } = agentDimensionScore(sumsOf(0, 0, 0), 0.5, m);
    expect(low).toBeCloseTo(13.535, 2);
    expect(high).toBeCloseTo(86.465, 2);
    // Beta(1, 1) is uniform.
    expect(betaInterval(1, 1).low).toBeCloseTo(5, 9);
    expect(betaInterval(1, 1).high).toBeCloseTo(95, 9);
  });

  it('is the weighted mean of its two parts: own evidence (weight S + F) and team mean (weight m)', () => {
    // One kept promise next to a team mean of 1/7 (a teammate broke three).
    const one = agentDimensionScore(sumsOf(1, 0, 1), 1 / 7, m);
    expect(one.own).toEqual({ score: 100, weight: 1 });
    expect(one.team.weight).toBe(4);
    expect(one.team.score).toBeCloseTo(100 / 7, 12);
    expect(one.score).toBeCloseTo(220 / 7, 12); // (100 · 1 + 100/7 · 4) / (1 + 4)
    for (const [S, F, n, mu] of [
      [0.4, 1.2, 1, 0.25],
      [3, 0, 3, 0.95],
      [2.5, 7, 9, 0.6],
    ] as const) {
      const s = agentDimensionScore(sumsOf(S, F, n), mu, m);
      const mean =
        (s.own.score! * s.own.weight + s.team.score * s.team.weight) /
        (s.own.weight + s.team.weight);
      expect(s.score).toBeCloseTo(mean, 10);
    }
    // Without evidence there is no own part.
    expect(agentDimensionScore(sumsOf(0, 0, 0), 0.3, m).own).toEqual({ score: null, weight: 0 });
  });

  it('says “too little evidence” while the own evidence weighs less than the prior (S + F < m)', () => {
    const tooLittle = (S: number, F: number, n: number) =>
      agentDimensionScore(sumsOf(S, F, n), 0.5, m).tooLittleEvidence;
    expect(tooLittle(0, 0, 0)).toBe(true);
    expect(tooLittle(1, 0, 1)).toBe(true);
    expect(tooLittle(0, 2, 1)).toBe(true);
    expect(tooLittle(3.9, 0, 5)).toBe(true); // five old observations, faded to 3.9
    expect(tooLittle(2, 2, 3)).toBe(false); // exactly m
    expect(tooLittle(0, 6, 3)).toBe(false);
  });

  it('with no prior (m = 0): the agent’s own share, and points or all of 0..100 at the edges', () => {
    expect(agentDimensionScore(sumsOf(1, 1, 2), 0.5, 0).score).toBeCloseTo(50, 12);
    expect(agentDimensionScore(sumsOf(2, 0, 2), 0.5, 0)).toMatchObject({
      score: 100,
      low: 100,
      high: 100,
    });
    expect(agentDimensionScore(sumsOf(0, 2, 1), 0.5, 0)).toMatchObject({
      score: 0,
      low: 0,
      high: 0,
    });
    expect(agentDimensionScore(sumsOf(0, 0, 0), 0.4, 0)).toMatchObject({ low: 0, high: 100 });
    expect(agentDimensionScore(sumsOf(0, 0, 0), 0.4, 0).score).toBeCloseTo(40, 12);
  });
});

describe('site score', () => {
  it('is the unshrunk share, null when the site has no observation', () => {
    expect(siteDimensionScore(sumsOf(1, 3, 2))).toEqual({ score: 25, n: 2 });
    expect(siteDimensionScore(sumsOf(0, 0, 0))).toEqual({ score: null, n: 0 });
  });
});

describe('CSAT', () => {
  it('is the share of 4s and 5s among counting ratings in (τ − 30 days, τ]', () => {
    const ratings = [
      { agentId: 'anna', end: 5, at: t0 },
      { agentId: 'anna', end: 4, at: t0 - 30 * DAY + 1 },
      { agentId: 'anna', end: 2, at: t0 - 1 },
      { agentId: 'anna', end: 5, at: t0 - 30 * DAY }, // just outside
      { agentId: 'anna', end: 5, at: t0 + 1 }, // after τ
    ];
    expect(csatAt(ratings, t0)).toEqual({ value: (100 * 2) / 3, n: 3 });
    expect(csatAt([], t0)).toEqual({ value: null, n: 0 });
  });
});
