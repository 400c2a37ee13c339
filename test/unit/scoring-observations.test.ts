import { describe, expect, it } from 'vitest';
import { ZFact, type Fact } from '../../shared/facts';
import { DEFAULT_SETTINGS, type SiteSettings } from '../../shared/settings';
import { evaluateSite } from '../../shared/scoring/evaluate';
import { countedRating, observeConversation } from '../../shared/scoring/observations';
import type { Observation } from '../../shared/scoring/types';
import { DAY, MINUTE } from '../../shared/time';
import { withoutCauses } from '../support/scenarios';

const t0 = Date.parse('2026-11-23T10:00:00Z');
const ms = (seconds: number) => t0 + seconds * 1000;
const at = (seconds: number) => new Date(ms(seconds)).toISOString();
let seq = 0;
/** A fact in wire form, parsed by the real schema (so every test input is a valid fact). */
const fact = (input: Record<string, unknown>): Fact =>
  ZFact.parse({ id: `f${String(++seq).padStart(4, '0')}`, conversationId: 'c1', ...input });

const visitor = (s: number) => fact({ type: 'message', from: 'visitor', at: at(s) });
const agent = (s: number, agentId: string) =>
  fact({ type: 'message', from: 'agent', agentId, at: at(s) });
const close = (s: number, agentId?: string) =>
  fact({ type: 'conversation.closed', at: at(s), ...(agentId ? { agentId } : {}) });
const reopen = (s: number) => fact({ type: 'conversation.reopened', at: at(s) });
const assign = (s: number, agentId: string) =>
  fact({ type: 'conversation.assigned', at: at(s), agentId });
const promise = (s: number, promiseId: string, agentId: string, dueSeconds: number) =>
  fact({ type: 'promise.made', at: at(s), promiseId, agentId, dueAt: at(dueSeconds) });
const keep = (s: number, promiseId: string, agentId?: string) =>
  fact({ type: 'promise.kept', at: at(s), promiseId, ...(agentId ? { agentId } : {}) });
const rating = (s: number, end: number, peak?: { dimension: string; polarity: string }) =>
  fact({ type: 'rating', at: at(s), end, ...(peak ? { peak } : {}) });

const observe = (facts: Fact[], settings: SiteSettings = DEFAULT_SETTINGS) =>
  observeConversation(facts, settings);
const of = (observations: Observation[], dimension: Observation['dimension']) =>
  withoutCauses(observations.filter((o) => o.dimension === dimension));

describe('the worked example of scoring.md', () => {
  const facts = [
    visitor(0),
    agent(60, 'anna'), // wait 60 s, q = 1
    visitor(100),
    agent(400, 'anna'), // wait 300 s, q = 0.4
    close(500, 'anna'),
  ];

  it('judges the conversation by its peak wait, which is also its end: one observation', () => {
    expect(withoutCauses(observe(facts))).toEqual([
      { subject: 'anna', dimension: 'responsiveness', value: 0.4, weight: 1, at: ms(500) },
    ]);
  });

  it('scores responsiveness 25.0', () => {
    const scores = evaluateSite({
      agents: [{ id: 'anna', name: 'Anna' }],
      conversations: [facts],
      settings: DEFAULT_SETTINGS,
      at: ms(500),
    });
    expect(scores.agents[0]!.responsiveness.score).toBeCloseTo(25.0, 10);
    expect(scores.agents[0]!.responsiveness.n).toBe(1);
    expect(scores.site.responsiveness.score).toBeCloseTo(25.0, 10); // 100 · 0.4 / 1.6
  });
});

describe('Waits → responsiveness', () => {
  it('gives the peak and the end half the weight each, each to the agent who answered it', () => {
    const observations = observe([
      visitor(0),
      agent(300, 'ben'), // 300 s: q = 0.4, the peak
      visitor(400),
      agent(460, 'anna'), // 60 s: q = 1, the end
      close(500, 'anna'),
    ]);
    expect(withoutCauses(observations)).toEqual([
      { subject: 'ben', dimension: 'responsiveness', value: 0.4, weight: 0.5, at: ms(500) },
      { subject: 'anna', dimension: 'responsiveness', value: 1, weight: 0.5, at: ms(500) },
    ]);
    expect(observations.map((o) => o.cause)).toMatchObject([
      { kind: 'peak-wait', seconds: 300 },
      { kind: 'end-wait', seconds: 60 },
    ]);
  });

  it('takes the earliest of equally long waits as the peak', () => {
    const observations = observe([
      visitor(0),
      agent(240, 'ben'), // 240 s
      visitor(300),
      agent(540, 'anna'), // 240 s too
      visitor(600),
      agent(610, 'anna'), // 10 s, the end
      close(700),
    ]);
    expect(withoutCauses(observations)).toEqual([
      { subject: 'ben', dimension: 'responsiveness', value: 0.5, weight: 0.5, at: ms(700) },
      { subject: 'anna', dimension: 'responsiveness', value: 1, weight: 0.5, at: ms(700) },
    ]);
  });

  it('keeps one wait open across several visitor messages', () => {
    expect(
      of(observe([visitor(0), visitor(100), agent(240, 'anna'), close(300)]), 'responsiveness'),
    ).toEqual([
      { subject: 'anna', dimension: 'responsiveness', value: 0.5, weight: 1, at: ms(300) },
    ]);
  });

  it('ends an unanswered wait at the close, on the agent assigned then (not the closer)', () => {
    expect(withoutCauses(observe([assign(0, 'ben'), visitor(10), close(370, 'anna')]))).toEqual([
      { subject: 'ben', dimension: 'responsiveness', value: 1 / 3, weight: 1, at: ms(370) },
    ]);
    // Nobody assigned: the site's unassigned bucket.
    expect(withoutCauses(observe([visitor(10), close(250, 'anna')]))).toEqual([
      { subject: null, dimension: 'responsiveness', value: 0.5, weight: 1, at: ms(250) },
    ]);
  });

  it('judges at each close only the waits since the previous close, and ignores a closed conversation', () => {
    const observations = observe([
      visitor(0),
      agent(600, 'anna'), // 600 s: q = 0.2, judged at the first close
      close(700, 'anna'),
      visitor(710), // closed: no wait
      close(720, 'ben'), // closed already: nothing
      reopen(30 * 24 * 3600), // outside the reopen window
      visitor(30 * 24 * 3600 + 10),
      agent(30 * 24 * 3600 + 70, 'ben'), // 60 s: q = 1
      close(30 * 24 * 3600 + 100, 'ben'),
      reopen(30 * 24 * 3600 + 200), // inside the window, but no wait after it: nothing
      close(30 * 24 * 3600 + 300, 'ben'),
    ]);
    expect(of(observations, 'responsiveness')).toEqual([
      { subject: 'anna', dimension: 'responsiveness', value: 0.2, weight: 1, at: ms(700) },
      {
        subject: 'ben',
        dimension: 'responsiveness',
        value: 1,
        weight: 1,
        at: ms(30 * 24 * 3600 + 100),
      },
    ]);
  });

  it('does not judge a wait still open (no close yet)', () => {
    expect(observe([visitor(0), agent(60, 'anna'), visitor(100)])).toEqual([]);
  });

  it('is open from its first fact, without an explicit open', () => {
    expect(
      of(observe([agent(0, 'anna'), visitor(5), agent(20, 'anna'), close(30)]), 'responsiveness'),
    ).toHaveLength(1);
  });
});

describe('Promises → reliability', () => {
  it('counts a promise kept at or before its due time as a success at the time of keeping', () => {
    expect(withoutCauses(observe([promise(0, 'p1', 'anna', 600), keep(300, 'p1')]))).toEqual([
      { subject: 'anna', dimension: 'reliability', value: 1, weight: 1, at: ms(300) },
    ]);
    expect(withoutCauses(observe([promise(0, 'p1', 'anna', 600), keep(600, 'p1')]))).toEqual([
      { subject: 'anna', dimension: 'reliability', value: 1, weight: 1, at: ms(600) },
    ]);
  });

  it('counts a promise not kept by its due time as a failure at the due time; a late keep changes nothing', () => {
    const broken = [
      { subject: 'anna', dimension: 'reliability', value: 0, weight: 1, at: ms(600) },
    ];
    expect(withoutCauses(observe([promise(0, 'p1', 'anna', 600)]))).toEqual(broken);
    expect(withoutCauses(observe([promise(0, 'p1', 'anna', 600), keep(601, 'p1')]))).toEqual(
      broken,
    );
  });

  it('takes the earliest of several keeps', () => {
    expect(
      withoutCauses(observe([promise(0, 'p1', 'anna', 600), keep(900, 'p1'), keep(500, 'p1')])),
    ).toEqual([{ subject: 'anna', dimension: 'reliability', value: 1, weight: 1, at: ms(500) }]);
  });

  it('counts a keep that arrives before its promise; one dated before it is a quick keep', () => {
    const made = promise(100, 'p1', 'anna', 600);
    // Arrives first, dated 100 s after the making (≥ minPromiseSeconds): kept, at its time.
    expect(withoutCauses(observe([keep(200, 'p1'), made]))).toEqual([
      { subject: 'anna', dimension: 'reliability', value: 1, weight: 1, at: ms(200) },
    ]);
    // Dated before the promise (clock skew between sources): kept less than minPromiseSeconds
    // after its making, so it counts neither way (version 2), whichever arrives first.
    expect(observe([keep(50, 'p1'), made])).toEqual([]);
    expect(observe([made, keep(50, 'p1')])).toEqual([]);
  });

  it('credits the agent who made the promise, whoever closes or marks it kept', () => {
    const observations = observe([
      assign(0, 'ben'),
      promise(10, 'p1', 'anna', 600),
      close(20, 'ben'),
      keep(130, 'p1', 'ben'), // 120 s after the making: not a quick keep
    ]);
    expect(of(observations, 'reliability')).toEqual([
      { subject: 'anna', dimension: 'reliability', value: 1, weight: 1, at: ms(130) },
    ]);
  });

  it('emits the failure of a promise due in the future; scores count it only from its due time', () => {
    const facts = [promise(0, 'p1', 'anna', 600), close(10, 'anna')];
    expect(of(observe(facts), 'reliability')).toEqual([
      { subject: 'anna', dimension: 'reliability', value: 0, weight: 1, at: ms(600) },
    ]);
    const score = (seconds: number) =>
      evaluateSite({
        agents: [],
        conversations: [facts],
        settings: DEFAULT_SETTINGS,
        at: ms(seconds),
      }).site.reliability;
    expect(score(599)).toEqual({ score: null, n: 0 });
    expect(score(600)).toEqual({ score: 0, n: 1 });
  });
});

describe('Reopen → reliability', () => {
  it('counts a reopen within the window as a failure of the agent the visitor heard last, not the closer', () => {
    expect(
      of(
        observe([assign(0, 'ben'), agent(5, 'cleo'), close(10, 'anna'), reopen(10 + 6 * 86400)]),
        'reliability',
      ),
    ).toEqual([
      { subject: 'cleo', dimension: 'reliability', value: 0, weight: 1, at: ms(10 + 6 * 86400) },
    ]);
    // At the edge of the window still counts.
    expect(
      of(observe([agent(5, 'anna'), close(10, 'anna'), reopen(10 + 7 * 86400)]), 'reliability'),
    ).toHaveLength(1);
  });

  it('ignores a reopen after the window, and a reopen of an open conversation', () => {
    expect(observe([agent(5, 'anna'), close(10, 'anna'), reopen(10 + 7 * 86400 + 1)])).toEqual([]);
    expect(
      observe([agent(0, 'anna'), visitor(1), reopen(5)]).filter(
        (o) => o.dimension === 'reliability',
      ),
    ).toEqual([]);
  });

  it('blames the author of the last agent message whoever closed, and nobody when no agent wrote', () => {
    // Nobody named on the close: still the agent who wrote last.
    expect(
      of(observe([assign(0, 'ben'), agent(5, 'anna'), close(10), reopen(20)]), 'reliability'),
    ).toEqual([{ subject: 'anna', dimension: 'reliability', value: 0, weight: 1, at: ms(20) }]);
    // No agent message at all: no work to blame, not even the assignee or the unassigned bucket.
    expect(of(observe([assign(0, 'ben'), close(10), reopen(20)]), 'reliability')).toEqual([]);
  });

  it('measures the window from the last close', () => {
    const facts = [
      agent(0, 'anna'),
      close(10, 'anna'),
      reopen(8 * 86400), // outside: nothing
      agent(8 * 86400 + 60, 'ben'),
      close(9 * 86400, 'ben'),
      reopen(10 * 86400), // inside, on ben
    ];
    expect(of(observe(facts), 'reliability')).toEqual([
      { subject: 'ben', dimension: 'reliability', value: 0, weight: 1, at: ms(10 * 86400) },
    ]);
  });
});

describe('Rating → experience and the visitor’s voice', () => {
  it('scores the peak-end experience; without a peak, the end is the peak', () => {
    expect(withoutCauses(observe([agent(0, 'anna'), close(5, 'anna'), rating(10, 4)]))).toEqual([
      { subject: 'anna', dimension: 'experience', value: 0.75, weight: 1, at: ms(10) },
    ]);
  });

  it('adds the visitor’s voice on responsiveness or reliability with weight k', () => {
    const quick = observe([
      agent(0, 'anna'),
      close(5, 'anna'),
      rating(10, 2, { dimension: 'responsiveness', polarity: 'positive' }),
    ]);
    expect(withoutCauses(quick)).toEqual([
      { subject: 'anna', dimension: 'experience', value: 0.625, weight: 1, at: ms(10) }, // p = 5
      { subject: 'anna', dimension: 'responsiveness', value: 1, weight: 2, at: ms(10) },
    ]);
    expect(quick[1]!.cause.kind).toBe('voice');
    const broke = observe([
      agent(0, 'anna'),
      close(5, 'anna'),
      rating(10, 5, { dimension: 'reliability', polarity: 'negative' }),
    ]);
    expect(withoutCauses(broke)).toEqual([
      { subject: 'anna', dimension: 'experience', value: 0.5, weight: 1, at: ms(10) }, // p = 1
      { subject: 'anna', dimension: 'reliability', value: 0, weight: 2, at: ms(10) },
    ]);
  });

  it('gives competence and empathy peaks no voice, only their effect on the experience', () => {
    expect(
      withoutCauses(
        observe([
          agent(0, 'anna'),
          close(5, 'anna'),
          rating(10, 3, { dimension: 'empathy', polarity: 'negative' }),
        ]),
      ),
    ).toEqual([{ subject: 'anna', dimension: 'experience', value: 0.25, weight: 1, at: ms(10) }]);
  });

  it('counts only the latest version within the amendment window, at its own time', () => {
    const facts = [
      agent(0, 'anna'),
      close(5, 'anna'),
      rating(10, 2, { dimension: 'responsiveness', polarity: 'negative' }),
      rating(10 + 10 * 60, 5), // exactly at the end of the window: replaces it wholly
      rating(10 + 10 * 60 + 1, 1), // too late: ignored
    ];
    expect(withoutCauses(observe(facts))).toEqual([
      { subject: 'anna', dimension: 'experience', value: 1, weight: 1, at: ms(610) },
    ]);
    expect(countedRating(facts, DEFAULT_SETTINGS)).toEqual({
      agentId: 'anna',
      end: 5,
      at: ms(610),
    });
  });

  it('rates the answerable agent of the close (whom the visitor heard last), not the closer, snapshotted at the close', () => {
    const rated = (facts: Fact[]) => of(observe(facts), 'experience').map((o) => o.subject);
    expect(rated([assign(0, 'ben'), agent(5, 'cleo'), close(10, 'anna'), rating(20, 5)])).toEqual([
      'cleo',
    ]);
    // Assigning someone else after the close, or a message while closed, changes nothing.
    expect(
      rated([assign(0, 'ben'), agent(5, 'anna'), close(10), assign(15, 'cleo'), rating(20, 5)]),
    ).toEqual(['anna']);
    expect(rated([agent(5, 'anna'), close(10), agent(15, 'ben'), rating(20, 5)])).toEqual(['anna']);
    // No agent message before the rating: it rates nobody, not even the unassigned bucket.
    expect(observe([assign(0, 'ben'), close(10), rating(20, 5)])).toEqual([]);
    expect(observe([close(10), rating(20, 5)])).toEqual([]);
  });

  it('rates the author of the last agent message when rated before any close, and nobody without one', () => {
    expect(of(observe([assign(0, 'ben'), agent(5, 'anna'), rating(20, 5)]), 'experience')).toEqual([
      { subject: 'anna', dimension: 'experience', value: 1, weight: 1, at: ms(20) },
    ]);
    expect(observe([assign(0, 'ben'), rating(20, 5)])).toEqual([]);
    expect(observe([visitor(0), rating(20, 5)])).toEqual([]);
    expect(countedRating([visitor(0), rating(20, 5)], DEFAULT_SETTINGS)).toBeNull();
  });

  it('takes the snapshot at the most recent close before the rating', () => {
    const facts = [
      agent(0, 'anna'),
      close(5, 'anna'),
      reopen(60),
      agent(90, 'ben'),
      close(120, 'anna'),
      rating(130, 4),
    ];
    expect(of(observe(facts), 'experience')[0]!.subject).toBe('ben');
  });
});

describe('the unassigned bucket', () => {
  it('counts in the site figures, not in the team mean, and has no row of its own', () => {
    const conversation = [visitor(0), close(600)]; // unanswered 600 s, nobody assigned: q = 0.2
    const scores = evaluateSite({
      agents: [{ id: 'anna', name: 'Anna' }],
      conversations: [conversation],
      settings: DEFAULT_SETTINGS,
      at: ms(600),
    });
    expect(scores.agents.map((a) => a.agentId)).toEqual(['anna']);
    // S = 0.2, F = 2·0.8: site 100·0.2/1.8. The agents have no observation, so μ = 0.5 (the
    // unassigned bucket does not drag it), and anna, without evidence, scores 100·μ = 50.
    expect(scores.site.responsiveness.score).toBeCloseTo(100 / 9, 10);
    expect(scores.agents[0]!.responsiveness).toMatchObject({
      n: 0,
      score: 50,
      team: { score: 50, weight: 4 },
    });
  });
});

describe('the scores body', () => {
  it('lists the site’s agents in order, then anyone else the evidence names, by id', () => {
    const scores = evaluateSite({
      agents: [
        { id: 'ben', name: 'Ben' },
        { id: 'anna', name: 'Anna' },
      ],
      conversations: [[visitor(0), agent(60, 'zoe'), close(100, 'zoe'), rating(110, 5)]],
      settings: DEFAULT_SETTINGS,
      at: ms(200),
    });
    expect(scores.at).toBe(at(200));
    expect(scores.agents.map((a) => [a.agentId, a.name])).toEqual([
      ['ben', 'Ben'],
      ['anna', 'Anna'],
      ['zoe', 'zoe'],
    ]);
    expect(scores.agents[2]).toMatchObject({
      responsiveness: { n: 1 },
      reliability: { n: 0 },
      experience: { n: 1 },
      csat: { value: 100, n: 1 },
    });
    expect(scores.site).toMatchObject({
      responsiveness: { score: 100, n: 1 },
      reliability: { score: null, n: 0 },
      experience: { score: 100, n: 1 },
      csat: { value: 100, n: 1 },
    });
    // Before zoe's first observation, nobody but the listed agents.
    const earlier = evaluateSite({
      agents: [],
      conversations: [[visitor(0), agent(60, 'zoe'), close(100, 'zoe')]],
      settings: DEFAULT_SETTINGS,
      at: ms(99),
    });
    expect(earlier.agents).toEqual([]);
  });
});

describe('settings', () => {
  it('uses the site’s own reply target, reopen window, amendment window and voice weight', () => {
    const settings = {
      ...DEFAULT_SETTINGS,
      targetReplySeconds: 30,
      reopenWindowDays: 1,
      ratingAmendMinutes: 1,
      voiceWeight: 0,
    };
    const observations = observe(
      [
        visitor(0),
        agent(60, 'anna'),
        close(100, 'anna'),
        fact({
          type: 'rating',
          at: at(110),
          end: 2,
          peak: { dimension: 'reliability', polarity: 'negative' },
        }),
        fact({ type: 'rating', at: new Date(ms(110) + MINUTE + 1).toISOString(), end: 5 }),
        reopen(100 + DAY / 1000 + 1),
      ],
      settings,
    );
    expect(withoutCauses(observations)).toEqual([
      { subject: 'anna', dimension: 'responsiveness', value: 0.5, weight: 1, at: ms(100) },
      { subject: 'anna', dimension: 'experience', value: 0.125, weight: 1, at: ms(110) }, // p = 1
    ]);
  });
});
