/**
 * The integrity rules of scoring version 2 (shared/design/scoring.md, "Integrity rules"), one
 * describe per rule, each with the worked example docs/scoring.md gives for it: the exact
 * observations and the exact scores. Every score is also checked against the independent oracle
 * (test/support/reference-scoring.ts).
 */
import { describe, expect, it } from 'vitest';
import { commitmentStatus } from '../../shared/conversation';
import { deriveConversation } from '../../shared/scoring/fold';
import { factToWire, inConversationOrder, ZFact, type Fact } from '../../shared/facts';
import { LIMITS } from '../../shared/limits';
import { DEFAULT_SETTINGS, type SiteSettings } from '../../shared/settings';
import { evaluateSite } from '../../shared/scoring/evaluate';
import {
  finishFold,
  foldConversation,
  foldFact,
  startFold,
  type ConversationFold,
} from '../../shared/scoring/fold';
import { conversationEvidence, observeConversation } from '../../shared/scoring/observations';
import { agentDimensionScore } from '../../shared/scoring/score';
import type { AgentScores, Observation, ScoresBody } from '../../shared/scoring/types';
import { DAY } from '../../shared/time';
import { Refusal } from '../../server/errors';
import { checkConversationBounds, refuseChangedRepeat } from '../../server/storage/derive';
import { referenceScores } from '../support/reference-scoring';
import { expectClose, prng, shuffle, withoutCauses } from '../support/scenarios';

const t0 = Date.parse('2026-11-23T10:00:00Z');
/** Seconds after 10:00:00 as epoch ms, and as ISO. */
const ms = (seconds: number) => t0 + Math.round(seconds * 1000);
const iso = (seconds: number) => new Date(ms(seconds)).toISOString();
const MINUTES = 60;
const DAYS = DAY / 1000;

let seq = 0;
/** A fact in wire form, parsed by the real schema (so every test input is a valid fact). */
const fact = (conversationId: string, input: Record<string, unknown>): Fact =>
  ZFact.parse({ id: `f${String(++seq).padStart(5, '0')}`, conversationId, ...input });

/** The facts of one conversation, times in seconds after 10:00:00. */
function chat(conversationId = 'c1') {
  const f = (s: number, input: Record<string, unknown>) =>
    fact(conversationId, { at: iso(s), ...input });
  return {
    visitor: (s: number) => f(s, { type: 'message', from: 'visitor' }),
    agent: (s: number, agentId: string) => f(s, { type: 'message', from: 'agent', agentId }),
    assign: (s: number, agentId: string) => f(s, { type: 'conversation.assigned', agentId }),
    close: (s: number, agentId?: string) =>
      f(s, { type: 'conversation.closed', ...(agentId ? { agentId } : {}) }),
    reopen: (s: number) => f(s, { type: 'conversation.reopened' }),
    promise: (s: number, promiseId: string, agentId: string, dueSeconds: number) =>
      f(s, { type: 'promise.made', promiseId, agentId, dueAt: iso(dueSeconds) }),
    keep: (s: number, promiseId: string, id?: string) =>
      f(s, { type: 'promise.kept', promiseId, ...(id ? { id } : {}) }),
    dispute: (s: number, promiseId: string, id?: string) =>
      f(s, { type: 'promise.disputed', promiseId, ...(id ? { id } : {}) }),
    rating: (s: number, end: number, extra: Record<string, unknown> = {}) =>
      f(s, { type: 'rating', end, ...extra }),
  };
}

const settings = DEFAULT_SETTINGS;
const AGENTS = [
  { id: 'anna', name: 'Anna' },
  { id: 'ben', name: 'Ben' },
];

const observe = (facts: Fact[], s: SiteSettings = settings) =>
  withoutCauses(observeConversation(facts, s));
const of = (facts: Fact[], dimension: Observation['dimension']) =>
  observe(facts).filter((o) => o.dimension === dimension);

/** The scores at τ (seconds after 10:00), checked against the oracle of scoring.md. */
function scoresAt(conversations: Fact[][], seconds: number, s: SiteSettings = settings) {
  const body = evaluateSite({ agents: AGENTS, conversations, settings: s, at: ms(seconds) });
  const oracle = referenceScores(conversations.flat().map(factToWire), s, iso(seconds), AGENTS);
  expectClose(body, oracle, 1e-9);
  return body;
}
const row = (body: ScoresBody, agentId: string): AgentScores =>
  body.agents.find((a) => a.agentId === agentId)!;

/** An agent's part of the body without any evidence, with the team mean μ (×100) at `team`. */
const noEvidence = (team: number) => ({
  score: team,
  n: 0,
  own: { score: null, weight: 0 },
  team: { score: team, weight: 4 },
  tooLittleEvidence: true,
});

describe('answerable agent: closing someone else’s chat takes nothing (M2a)', () => {
  // Anna answers within a minute; Ben closes the chat at 10:05; the visitor rates it 5 at once.
  const c = chat();
  const facts = [
    c.visitor(0),
    c.agent(60, 'anna'), // wait 60 s: q = 1
    c.close(300, 'ben'),
    c.rating(300, 5), // same instant, after the close (its id sorts after the close's)
  ];

  it('gives the wait and the rating to the agent the visitor heard last, not to the closer', () => {
    expect(observe(facts)).toEqual([
      { subject: 'anna', dimension: 'responsiveness', value: 1, weight: 1, at: ms(300) },
      { subject: 'anna', dimension: 'experience', value: 1, weight: 1, at: ms(300) },
    ]);
    const state = deriveConversation(facts, settings)!;
    expect(state.closedByAgentId).toBe('ben'); // shown, but it takes nothing
    expect(state.rating).toMatchObject({ agentId: 'anna', end: 5 });
  });

  it('scores Anna 96 on responsiveness and experience with CSAT 100%, and leaves Ben without evidence', () => {
    const body = scoresAt([facts], 300);
    const anna = row(body, 'anna');
    // S = 1, F = 0; μ = 1 clamped to 0.95: 100 · (1 + 4 · 0.95) / (1 + 4) = 96.
    expect(anna.responsiveness.score).toBeCloseTo(96, 10);
    expect(anna.experience.score).toBeCloseTo(96, 10);
    expect(anna.csat).toEqual({ value: 100, n: 1 });
    const ben = row(body, 'ben');
    expect(ben.responsiveness).toMatchObject(noEvidence(95));
    expect(ben.experience).toMatchObject(noEvidence(95));
    expect(ben.reliability).toMatchObject(noEvidence(50));
    expect(ben.csat).toEqual({ value: null, n: 0 });
  });

  it('ends an unanswered wait on the agent assigned at the close, not on whoever pressed close', () => {
    const u = chat('c2');
    expect(observe([u.assign(0, 'anna'), u.visitor(0), u.close(360, 'ben')])).toEqual([
      { subject: 'anna', dimension: 'responsiveness', value: 1 / 3, weight: 1, at: ms(360) },
    ]);
  });
});

describe('whom a rating rates: open or closed at the rating’s time', () => {
  // Anna answers and closes; the visitor reopens ("This isn't solved"); Ben answers.
  const c = chat();
  const story = [
    c.visitor(0),
    c.agent(30, 'anna'),
    c.close(60, 'anna'),
    c.reopen(120),
    c.visitor(130),
    c.agent(180, 'ben'),
  ];
  const rated = (facts: Fact[]) => of(facts, 'experience').map((o) => o.subject);

  it('open, after Ben’s answer: Ben, the author of the last agent message so far', () => {
    expect(of([...story, c.rating(240, 4)], 'experience')).toEqual([
      { subject: 'ben', dimension: 'experience', value: 0.75, weight: 1, at: ms(240) },
    ]);
  });

  it('open, before Ben’s answer: Anna, whom the visitor heard last then', () => {
    expect(rated([...story.slice(0, 5), c.rating(150, 4)])).toEqual(['anna']);
  });

  it('closed again by Anna: the answerable agent of that close, Ben', () => {
    expect(rated([...story, c.close(300, 'anna'), c.rating(310, 4)])).toEqual(['ben']);
  });
});

describe('unhandled conversations rate nobody (H1)', () => {
  // Anna's one real conversation, rated 5 as it ends at 10:10.
  const a = chat('real');
  const real = [a.visitor(540), a.agent(600, 'anna'), a.close(600, 'anna'), a.rating(600, 5)];
  // 50 visitors nobody answered: each leaves after 10 minutes, at 10:10, and rates 1 star.
  const flood = Array.from({ length: 50 }, (_, i) => {
    const c = chat(`flood${i}`);
    return [c.visitor(0), c.close(600), c.rating(600, 1)];
  });

  it('sets the rating aside as unanswered; the wait still counts, on the unassigned bucket', () => {
    const facts = flood[0]!;
    expect(observe(facts)).toEqual([
      { subject: null, dimension: 'responsiveness', value: 0.2, weight: 1, at: ms(600) },
    ]);
    expect(conversationEvidence(facts, settings).rating).toBeNull();
    const state = deriveConversation(facts, settings)!;
    expect(state.rating).toBeNull();
    expect(state.setAsideRating).toMatchObject({ end: 1, reason: 'unanswered', agentId: null });
  });

  it('leaves CSAT and every agent unmoved; only the site’s own responsiveness figure shows the waits', () => {
    const before = scoresAt([real], 600);
    const after = scoresAt([real, ...flood], 600);
    expect(after.agents).toEqual(before.agents);
    expect(after.site.csat).toEqual({ value: 100, n: 1 });
    expect(after.site.experience).toEqual(before.site.experience);
    expect(before.site.responsiveness).toEqual({ score: 100, n: 1 });
    // S = 1 + 50 · 0.2 = 11, F = 2 · 50 · 0.8 = 80: 100 · 11 / 91 = 12.09.
    expect(after.site.responsiveness.n).toBe(51);
    expect(after.site.responsiveness.score).toBeCloseTo(1100 / 91, 10);
    expect(row(after, 'anna').responsiveness.score).toBeCloseTo(96, 10);
  });

  it('still counts the wait of a visitor left waiting, on the agent assigned', () => {
    const c = chat('waiting');
    const facts = [c.assign(0, 'ben'), c.visitor(0), c.close(360), c.rating(370, 1)];
    expect(observe(facts)).toEqual([
      { subject: 'ben', dimension: 'responsiveness', value: 1 / 3, weight: 1, at: ms(360) },
    ]);
    const ben = row(scoresAt([facts], 400), 'ben');
    // S = 1/3, F = 2 · 2/3; μ = 0.2 (Ben alone): 100 · (1/3 + 0.8) / (5/3 + 4) = 20.
    expect(ben.responsiveness.score).toBeCloseTo(20, 10);
    expect(ben.experience.n).toBe(0);
    expect(ben.csat).toEqual({ value: null, n: 0 });
  });
});

describe('which rating counts', () => {
  // 10:00:30 a 1 before anyone answered; Anna answers and closes; 10:15 a 4; 10:16 a 1 from a
  // member's address; 10:20 the visitor changes it to 5; 10:25:01 to 2.
  const c = chat();
  const facts = [
    c.visitor(0),
    c.rating(30, 1), // unhandled: set aside, opens no window
    c.agent(60, 'anna'),
    c.close(120, 'anna'),
    c.rating(15 * MINUTES, 4), // the first that counts: the window runs to 10:25:00
    c.rating(16 * MINUTES, 1, { excluded: 'member' }), // set aside: replaces nothing
    c.rating(20 * MINUTES, 5), // within the window: replaces the 4 wholly
    c.rating(25 * MINUTES + 1, 2), // too late: ignored
  ];

  it('counts the 5 of 10:20, at its own time', () => {
    expect(of(facts, 'experience')).toEqual([
      { subject: 'anna', dimension: 'experience', value: 1, weight: 1, at: ms(20 * MINUTES) },
    ]);
    expect(conversationEvidence(facts, settings).rating).toEqual({
      agentId: 'anna',
      end: 5,
      at: ms(20 * MINUTES),
    });
    const state = deriveConversation(facts, settings)!;
    expect(state.rating).toMatchObject({ end: 5, firstAt: ms(15 * MINUTES) });
    expect(state.setAsideRating).toMatchObject({ end: 1, reason: 'member' });
  });

  it('lets neither an excluded nor an unhandled rating open the window', () => {
    const d = chat('c2');
    const handled = [d.visitor(0), d.agent(60, 'anna'), d.close(120, 'anna')];
    // Excluded first: the rating 15 minutes later is the first that counts.
    expect(
      of(
        [...handled, d.rating(130, 1, { excluded: 'flood' }), d.rating(130 + 15 * MINUTES, 4)],
        'experience',
      ),
    ).toEqual([{ subject: 'anna', dimension: 'experience', value: 0.75, weight: 1, at: ms(1030) }]);
    // Unhandled first (the facts above without the unhandled rating would count the 4 too).
    expect(of(facts.slice(0, 5), 'experience')).toEqual([
      { subject: 'anna', dimension: 'experience', value: 0.75, weight: 1, at: ms(15 * MINUTES) },
    ]);
  });

  it('lets neither replace a counting rating within its window', () => {
    const d = chat('c3');
    const handled = [d.visitor(0), d.agent(60, 'anna'), d.close(120, 'anna'), d.rating(130, 5)];
    expect(of([...handled, d.rating(190, 1, { excluded: 'member' })], 'experience')).toEqual([
      { subject: 'anna', dimension: 'experience', value: 1, weight: 1, at: ms(130) },
    ]);
  });
});

describe('excluded ratings: member and flood', () => {
  // Ben handles a chat; a 1 arrives from an address a member signed in from (or over the visitor
  // rating limits).
  const conversation = (excluded?: 'member' | 'flood') => {
    const c = chat(`c-${excluded ?? 'counted'}`);
    return [
      c.visitor(0),
      c.agent(60, 'ben'),
      c.close(120, 'ben'),
      c.rating(130, 1, excluded ? { excluded } : {}),
    ];
  };

  for (const reason of ['member', 'flood'] as const) {
    it(`keeps a “${reason}” rating with its reason and lets it yield nothing`, () => {
      const facts = conversation(reason);
      expect(observe(facts)).toEqual([
        { subject: 'ben', dimension: 'responsiveness', value: 1, weight: 1, at: ms(120) },
      ]);
      const state = deriveConversation(facts, settings)!;
      expect(state.rating).toBeNull();
      expect(state.setAsideRating).toMatchObject({ end: 1, reason, agentId: 'ben' });
      const body = scoresAt([facts], 200);
      expect(row(body, 'ben').experience).toMatchObject(noEvidence(50));
      expect(row(body, 'ben').csat).toEqual({ value: null, n: 0 });
      expect(body.site.csat).toEqual({ value: null, n: 0 });
    });
  }

  it('would otherwise cost Ben 3.3 on experience and a CSAT of 0%', () => {
    const ben = row(scoresAt([conversation()], 130), 'ben');
    // S = 0, F = 2; μ = 0 clamped to 0.05: 100 · (0 + 0.2) / (2 + 4) = 3.33.
    expect(ben.experience.score).toBeCloseTo(10 / 3, 10);
    expect(ben.csat).toEqual({ value: 0, n: 1 });
  });
});

describe('promise ids are unique within their conversation', () => {
  it('ignores a later promise.made with a used id: it cannot move the due time or the maker', () => {
    // Anna promises p1 for 10:10; at 10:05 “p1” is made again by Ben for 11:00; kept at 10:15.
    const c = chat();
    const facts = [
      c.promise(0, 'p1', 'anna', 10 * MINUTES),
      c.promise(5 * MINUTES, 'p1', 'ben', 60 * MINUTES),
      c.keep(15 * MINUTES, 'p1'),
    ];
    expect(observe(facts)).toEqual([
      { subject: 'anna', dimension: 'reliability', value: 0, weight: 1, at: ms(10 * MINUTES) },
    ]);
    expect(deriveConversation(facts, settings)!.promises).toMatchObject([
      { promiseId: 'p1', agentId: 'anna', dueAt: ms(10 * MINUTES), keptAt: ms(15 * MINUTES) },
    ]);
    const body = scoresAt([facts], 10 * MINUTES);
    // S = 0, F = 2; μ = 0.05: 100 · 0.2 / 6 = 3.33.
    expect(row(body, 'anna').reliability.score).toBeCloseTo(10 / 3, 10);
    expect(row(body, 'ben').reliability.n).toBe(0);
  });

  it('matches keeps and disputes to promises of their own conversation only', () => {
    const c = chat('c1');
    const other = chat('c2');
    const made = [c.promise(0, 'p1', 'anna', 10 * MINUTES)];
    const elsewhere = [other.keep(5 * MINUTES, 'p1'), other.dispute(6 * MINUTES, 'p1')];
    const body = scoresAt([made, elsewhere], 10 * MINUTES);
    expect(observe(made)).toEqual([
      { subject: 'anna', dimension: 'reliability', value: 0, weight: 1, at: ms(10 * MINUTES) },
    ]);
    expect(observe(elsewhere)).toEqual([]);
    expect(row(body, 'anna').reliability.n).toBe(1);
  });
});

describe('quick keeps count neither way', () => {
  // Anna promises at 10:00 to call back by 11:00.
  const kept = (seconds: number) => {
    const c = chat(`quick${seconds}`);
    return [c.promise(0, 'p1', 'anna', 60 * MINUTES), c.keep(seconds, 'p1')];
  };

  it('ignores a keep 20 s after the making: Anna stays without evidence', () => {
    expect(observe(kept(20))).toEqual([]);
    const [promise] = deriveConversation(kept(20), settings)!.promises;
    expect(promise).toMatchObject({ keptAt: ms(20), counts: false });
    expect(commitmentStatus(promise!, ms(20))).toBe('kept'); // still shown as kept
    expect(row(scoresAt([kept(20)], 20), 'anna').reliability).toMatchObject(noEvidence(50));
  });

  it('counts a keep at 60 s (not less than minPromiseSeconds): reliability 96', () => {
    expect(observe(kept(60))).toEqual([
      { subject: 'anna', dimension: 'reliability', value: 1, weight: 1, at: ms(60) },
    ]);
    expect(row(scoresAt([kept(60)], 60), 'anna').reliability.score).toBeCloseTo(96, 10);
  });

  it('follows the site’s minPromiseSeconds', () => {
    expect(observe(kept(20), { ...settings, minPromiseSeconds: 0 })).toHaveLength(1);
    expect(observe(kept(60), { ...settings, minPromiseSeconds: 120 })).toEqual([]);
  });
});

describe('maxPromisesPerConversation (M2b)', () => {
  /** Anna makes 40 promises at 10:00, due at 11:00, and marks them all kept at `keptAt`. */
  const forty = (keptAt: number) => {
    const c = chat(`forty${keptAt}`);
    const ids = Array.from({ length: 40 }, (_, i) => `p${String(i + 1).padStart(2, '0')}`);
    return [
      ...ids.map((id) => c.promise(0, id, 'anna', 60 * MINUTES)),
      ...ids.map((id) => c.keep(keptAt, id)),
    ];
  };

  it('counts the first 3 made, kept 2 minutes later: reliability 97.1, not 99.5', () => {
    const facts = forty(120);
    expect(observe(facts)).toEqual(
      Array.from({ length: 3 }, () => ({
        subject: 'anna',
        dimension: 'reliability',
        value: 1,
        weight: 1,
        at: ms(120),
      })),
    );
    const promises = deriveConversation(facts, settings)!.promises;
    expect(promises.filter((p) => p.counts).map((p) => p.promiseId)).toEqual(['p01', 'p02', 'p03']);
    const reliability = row(scoresAt([facts], 120), 'anna').reliability;
    // S = 3, F = 0; μ = 0.95: 100 · (3 + 3.8) / (3 + 4) = 97.14 (all 40 would give 99.55).
    expect(reliability.score).toBeCloseTo(680 / 7, 10);
    expect(reliability.score).toBeLessThan(99.5);
    // Were all 40 to count: 100 · (40 + 3.8) / (40 + 4) = 99.5.
    const all = scoresAt([facts], 120, { ...settings, maxPromisesPerConversation: 40 });
    expect(row(all, 'anna').reliability.score).toBeCloseTo(4380 / 44, 10);
    expect(reliability).toMatchObject({ n: 3, own: { score: 100, weight: 3 } });
    expect(reliability.tooLittleEvidence).toBe(true);
    expect(reliability.low).toBeCloseTo(85.15, 2);
    expect(reliability.high).toBeCloseTo(100, 4);
  });

  it('counts none of them when they are kept at the moment they are made: 50', () => {
    const facts = forty(0);
    expect(observe(facts)).toEqual([]);
    expect(row(scoresAt([facts], 120), 'anna').reliability).toMatchObject(noEvidence(50));
  });

  it('does not let quick keeps use up the limit', () => {
    const c = chat();
    const facts = [
      c.promise(0, 'q1', 'anna', 60 * MINUTES),
      c.promise(1, 'q2', 'anna', 60 * MINUTES),
      c.promise(2, 'p1', 'anna', 60 * MINUTES),
      c.promise(3, 'p2', 'anna', 60 * MINUTES),
      c.promise(4, 'p3', 'anna', 60 * MINUTES),
      c.promise(5, 'p4', 'anna', 10 * MINUTES), // the fourth that could count: counts neither way
      c.keep(10, 'q1'),
      c.keep(10, 'q2'),
      c.keep(300, 'p1'),
      c.keep(300, 'p2'),
      // p3 is never kept: broken at 11:00
    ];
    expect(observe(facts)).toEqual([
      { subject: 'anna', dimension: 'reliability', value: 1, weight: 1, at: ms(300) },
      { subject: 'anna', dimension: 'reliability', value: 1, weight: 1, at: ms(300) },
      { subject: 'anna', dimension: 'reliability', value: 0, weight: 1, at: ms(60 * MINUTES) },
    ]);
    expect(deriveConversation(facts, settings)!.promises.map((p) => p.counts)).toEqual([
      false,
      false,
      true,
      true,
      true,
      false,
    ]);
  });
});

describe('disputes: “That didn’t happen”', () => {
  // Anna promises at 10:00 for 11:00 and marks it kept at 10:10; the visitor disputes at 10:30.
  const c = chat();
  const kept = [c.promise(0, 'p1', 'anna', 60 * MINUTES), c.keep(10 * MINUTES, 'p1')];
  const disputed = [...kept, c.dispute(30 * MINUTES, 'p1')];

  it('turns the on-time keep into a broken promise at the time of the dispute', () => {
    const observations = observeConversation(disputed, settings);
    expect(withoutCauses(observations)).toEqual([
      { subject: 'anna', dimension: 'reliability', value: 0, weight: 1, at: ms(30 * MINUTES) },
    ]);
    expect(observations[0]!.cause).toMatchObject({ kind: 'promise-disputed', promiseId: 'p1' });
    const [promise] = deriveConversation(disputed, settings)!.promises;
    expect(promise).toMatchObject({ keptAt: ms(10 * MINUTES), disputedAt: ms(30 * MINUTES) });
    expect(commitmentStatus(promise!, ms(30 * MINUTES))).toBe('disputed');
  });

  it('changes a past scores?at value once the dispute is known: 96, then 50, then 3.3', () => {
    // At 10:10, before anyone heard of the dispute: kept, 100 · (1 + 3.8) / 5 = 96.
    expect(row(scoresAt([kept], 10 * MINUTES), 'anna').reliability.score).toBeCloseTo(96, 10);
    // The same 10:10 once the dispute is known: the keep no longer counts; nothing does yet.
    expect(row(scoresAt([disputed], 10 * MINUTES), 'anna').reliability).toMatchObject(
      noEvidence(50),
    );
    // From 10:30: broken, 100 · (0 + 0.2) / (2 + 4) = 3.33.
    expect(row(scoresAt([disputed], 30 * MINUTES), 'anna').reliability.score).toBeCloseTo(
      10 / 3,
      10,
    );
  });

  it('takes the earliest dispute at or after the keep and within reopenWindowDays of it', () => {
    const d = chat('c2');
    const base = [d.promise(0, 'p1', 'anna', 60 * MINUTES), d.keep(10 * MINUTES, 'p1')];
    const brokenAt = (facts: Fact[]) => observe(facts).map((o) => [o.value, o.at]);
    expect(
      brokenAt([
        ...base,
        d.dispute(5 * MINUTES, 'p1'), // before the keep: ignored
        d.dispute(3 * DAYS, 'p1'),
        d.dispute(2 * 60 * MINUTES, 'p1'), // the earliest that counts
      ]),
    ).toEqual([[0, ms(2 * 60 * MINUTES)]]);
    // Exactly 7 days after the keep still counts; a millisecond later does not.
    const edge = 10 * MINUTES + 7 * DAYS;
    expect(brokenAt([...base, d.dispute(edge, 'p1')])).toEqual([[0, ms(edge)]]);
    expect(brokenAt([...base, d.dispute(edge + 0.001, 'p1')])).toEqual([[1, ms(10 * MINUTES)]]);
    expect(brokenAt([...base, d.dispute(5 * MINUTES, 'p1')])).toEqual([[1, ms(10 * MINUTES)]]);
  });

  it('counts a dispute at the same instant as the keep, whichever id sorts first', () => {
    for (const [keepId, disputeId] of [
      ['a-keep', 'b-dispute'],
      ['b-keep', 'a-dispute'],
    ] as const) {
      const d = chat(`same-${keepId}`);
      const facts = [
        d.promise(0, 'p1', 'anna', 60 * MINUTES),
        d.keep(10 * MINUTES, 'p1', keepId),
        d.dispute(10 * MINUTES, 'p1', disputeId),
      ];
      for (const order of [facts, [...facts].reverse()]) {
        expect(observe(order)).toEqual([
          { subject: 'anna', dimension: 'reliability', value: 0, weight: 1, at: ms(10 * MINUTES) },
        ]);
      }
    }
  });

  it('changes nothing when the promise was not kept, or kept late', () => {
    const d = chat('c3');
    const made = d.promise(0, 'p1', 'anna', 10 * MINUTES);
    const broken = [
      { subject: 'anna', dimension: 'reliability', value: 0, weight: 1, at: ms(10 * MINUTES) },
    ];
    expect(observe([made])).toEqual(broken);
    expect(observe([made, d.dispute(5 * MINUTES, 'p1')])).toEqual(broken);
    expect(observe([made, d.keep(15 * MINUTES, 'p1'), d.dispute(20 * MINUTES, 'p1')])).toEqual(
      broken,
    );
  });

  it('turns a quick keep, disputed, into a broken promise too', () => {
    const d = chat('c4');
    const facts = [
      d.promise(0, 'p1', 'anna', 60 * MINUTES),
      d.keep(10, 'p1'),
      d.dispute(100, 'p1'),
    ];
    expect(observe(facts)).toEqual([
      { subject: 'anna', dimension: 'reliability', value: 0, weight: 1, at: ms(100) },
    ]);
    expect(deriveConversation(facts, settings)!.promises[0]!.counts).toBe(true);
  });
});

describe('reopens penalise work, once', () => {
  // Anna answers and closes at 10:02; the visitor reopens and the chat is closed again, ten
  // times, with nobody writing in between.
  const c = chat();
  const answered = [c.visitor(0), c.agent(60, 'anna'), c.close(120, 'anna')];
  const cycles = Array.from({ length: 10 }, (_, k) => [
    c.reopen(200 + 100 * k),
    c.close(250 + 100 * k, 'anna'),
  ]).flat();
  const facts = [...answered, ...cycles];

  it('blames Anna once: reliability 3.3 with n = 1 (not 0.8 with n = 10)', () => {
    expect(of(facts, 'reliability')).toEqual([
      { subject: 'anna', dimension: 'reliability', value: 0, weight: 1, at: ms(200) },
    ]);
    const reliability = row(scoresAt([facts], 200), 'anna').reliability;
    // S = 0, F = 2; μ = 0.05: 100 · 0.2 / 6 = 3.33.
    expect(reliability.n).toBe(1);
    expect(reliability.score).toBeCloseTo(10 / 3, 10);
    // Ten failures (version 1) would have been 100 · 0.2 / (20 + 4) = 0.8.
    const ten = agentDimensionScore({ S: 0, F: 20, n: 10, share: 0 }, 0.05, 4);
    expect(ten.score).toBeCloseTo(2.5 / 3, 10);
  });

  it('blames the author of the last message since the previous reopen when work was done again', () => {
    const more = [
      c.reopen(1200), // nothing: nobody wrote since the previous reopen
      c.visitor(1210),
      c.agent(1260, 'ben'),
      c.close(1300, 'anna'),
      c.reopen(1400), // Ben's work did not hold: on Ben, whoever closed
    ];
    expect(of([...facts, ...more], 'reliability')).toEqual([
      { subject: 'anna', dimension: 'reliability', value: 0, weight: 1, at: ms(200) },
      { subject: 'ben', dimension: 'reliability', value: 0, weight: 1, at: ms(1400) },
    ]);
  });

  it('blames nobody when no agent ever wrote', () => {
    const d = chat('c2');
    expect(of([d.assign(0, 'anna'), d.close(10, 'anna'), d.reopen(20)], 'reliability')).toEqual([]);
  });
});

describe('the team mean is over agents only', () => {
  it('does not let unanswered unassigned traffic drag an agent’s prior: Anna 96, not 30.8', () => {
    const a = chat('anna');
    const anna = [a.visitor(540), a.agent(600, 'anna'), a.close(600, 'anna')];
    const unanswered = Array.from({ length: 20 }, (_, i) => {
      const c = chat(`nobody${i}`);
      return [c.visitor(0), c.close(600)];
    });
    const body = scoresAt([anna, ...unanswered], 600);
    const responsiveness = row(body, 'anna').responsiveness;
    // μ over the agents: Anna's 1 / 1, clamped to 0.95: 100 · (1 + 3.8) / (1 + 4) = 96.
    expect(responsiveness.score).toBeCloseTo(96, 10);
    expect(responsiveness.team).toEqual({ score: 95, weight: 4 });
    // Had the unassigned bucket counted, μ = 5 / 37 and Anna 100 · (1 + 4 · 5/37) / 5 = 30.8.
    const dragged = agentDimensionScore({ S: 1, F: 0, n: 1, share: 1 }, 5 / 37, 4);
    expect(dragged.score).toBeCloseTo(1140 / 37, 10);
    // The site's own figure counts everything: S = 1 + 20 · 0.2 = 5, F = 2 · 20 · 0.8 = 32.
    expect(body.site.responsiveness.n).toBe(21);
    expect(body.site.responsiveness.score).toBeCloseTo(500 / 37, 10);
  });

  it('shows the two parts of a score: Anna kept her one promise, Ben broke three', () => {
    const a = chat('anna');
    const b = chat('ben');
    const anna = [a.promise(0, 'p1', 'anna', 60 * MINUTES), a.keep(10 * MINUTES, 'p1')];
    const ben = ['p1', 'p2', 'p3'].map((id) => b.promise(0, id, 'ben', 10 * MINUTES));
    const body = scoresAt([anna, ben], 10 * MINUTES);
    // Agents' S = 1, F = 2 · 3 = 6: μ = 1/7, the team mean 14.29.
    const annaReliability = row(body, 'anna').reliability;
    expect(annaReliability.score).toBeCloseTo(220 / 7, 10); // 100 · (1 + 4/7) / (1 + 4) = 31.43
    expect(annaReliability.own).toEqual({ score: 100, weight: 1 });
    expect(annaReliability.team.weight).toBe(4);
    expect(annaReliability.team.score).toBeCloseTo(100 / 7, 10);
    expect(annaReliability.tooLittleEvidence).toBe(true); // 1 < 4
    expect(annaReliability.low).toBeCloseTo(5.23, 2);
    expect(annaReliability.high).toBeCloseTo(66.63, 2);
    const benReliability = row(body, 'ben').reliability;
    expect(benReliability.score).toBeCloseTo(40 / 7, 10); // 100 · (4/7) / (6 + 4) = 5.71
    expect(benReliability.own).toEqual({ score: 0, weight: 6 });
    expect(benReliability.tooLittleEvidence).toBe(false); // 6 ≥ 4
    expect(benReliability.high).toBeCloseTo(20.3, 2);
  });
});

describe('showing a score: too little evidence when S + F < m', () => {
  const promises = (conversationId: string, ids: string[], keptAt: number | null) => {
    const c = chat(conversationId);
    return ids.flatMap((id) => [
      c.promise(0, id, 'anna', 60 * MINUTES),
      ...(keptAt === null ? [] : [c.keep(keptAt, id)]),
    ]);
  };

  it('says so without evidence, and with one kept promise (S + F = 1)', () => {
    expect(row(scoresAt([], 0), 'anna').reliability).toMatchObject(noEvidence(50));
    const one = row(scoresAt([promises('c1', ['p1'], 120)], 120), 'anna').reliability;
    expect(one).toMatchObject({ n: 1, own: { score: 100, weight: 1 }, tooLittleEvidence: true });
    expect(one.score).toBeCloseTo(96, 10);
    expect(one.low).toBeCloseTo(79.19, 2);
  });

  it('shows the number once S + F reaches m: two kept and one broken give 4, score 50', () => {
    const facts = [...promises('c1', ['p1', 'p2'], 60 * MINUTES), ...promises('c2', ['p3'], null)];
    const reliability = row(scoresAt([facts], 60 * MINUTES), 'anna').reliability;
    // S = 2, F = 2: own 50 with weight 4 (not less than m = 4); μ = 0.5: 100 · 4 / 8 = 50.
    expect(reliability).toMatchObject({
      score: 50,
      n: 3,
      own: { score: 50, weight: 4 },
      team: { score: 50, weight: 4 },
      tooLittleEvidence: false,
    });
  });

  it('says so again when old evidence has faded: four kept promises a half-life later', () => {
    const facts = [promises('c1', ['p1', 'p2', 'p3'], 120), promises('c2', ['p4'], 120)];
    const now = row(scoresAt(facts, 120), 'anna').reliability;
    // S = 4: 100 · (4 + 3.8) / 8 = 97.5, shown as a number.
    expect(now).toMatchObject({ n: 4, own: { score: 100, weight: 4 }, tooLittleEvidence: false });
    expect(now.score).toBeCloseTo(97.5, 10);
    const later = row(scoresAt(facts, 120 + 30 * DAYS), 'anna').reliability;
    // S = 2 after 30 days: 100 · (2 + 3.8) / 6 = 96.67, but too little evidence.
    expect(later.n).toBe(4);
    expect(later.own.weight).toBeCloseTo(2, 10);
    expect(later.tooLittleEvidence).toBe(true);
    expect(later.score).toBeCloseTo(290 / 3, 10);
  });
});

describe('bounded conversations', () => {
  const c = chat('full');
  const stored = (messages: number, facts: number) => {
    const fold = foldConversation([c.visitor(0)], settings)!.fold;
    return { fold: { ...fold, messages, facts } };
  };
  const refusal = (run: () => void) => {
    try {
      run();
    } catch (error) {
      return error as Refusal;
    }
    return null;
  };

  it('refuses a message past 2,000 messages with conversation_full, naming the limit', () => {
    expect(LIMITS.messagesPerConversation).toBe(2000);
    const error = refusal(() => checkConversationBounds(stored(2000, 2000), [c.visitor(10)]));
    expect(error).toBeInstanceOf(Refusal);
    expect(error!.code).toBe('conversation_full');
    expect(error!.message).toContain('2000');
    expect(refusal(() => checkConversationBounds(stored(1999, 1999), [c.visitor(10)]))).toBeNull();
  });

  it('still takes a close, a reopen, a promise, a dispute or a rating, up to 4,000 facts', () => {
    expect(LIMITS.factsPerConversation).toBe(4000);
    for (const next of [
      c.close(10),
      c.reopen(20),
      c.promise(30, 'p1', 'anna', 60 * MINUTES),
      c.dispute(40, 'p1'),
      c.rating(50, 5),
    ]) {
      expect(refusal(() => checkConversationBounds(stored(2000, 3999), [next]))).toBeNull();
      const error = refusal(() => checkConversationBounds(stored(2000, 4000), [next]));
      expect(error!.code).toBe('conversation_full');
      expect(error!.message).toContain('4000');
    }
  });

  it('refuses a promise id already made in the conversation', () => {
    const fold = foldConversation([c.promise(0, 'p1', 'anna', 60 * MINUTES)], settings)!.fold;
    const error = refusal(() =>
      checkConversationBounds({ fold }, [c.promise(10, 'p1', 'ben', 60 * MINUTES)]),
    );
    expect(error!.code).toBe('invalid');
  });
});

describe('precision and identity', () => {
  it('keeps times to the millisecond: a reply 120.001 s after the visitor is over the target', () => {
    const c = chat();
    const [reply] = observe([c.visitor(0), c.agent(120.001, 'anna'), c.close(200, 'anna')]);
    expect(reply!.value).toBeCloseTo(120 / 120.001, 12);
    expect(reply!.value).toBeLessThan(1);
  });

  it('breaks ties by event id in JavaScript’s default string order', () => {
    // "B" sorts before "a" (code units, not a locale): the close comes first, so the agent's
    // message at the same instant is to a closed conversation and changes nothing.
    const c = chat();
    const close = fact('c1', { id: 'B', type: 'conversation.closed', at: iso(60) });
    const message = fact('c1', {
      id: 'a',
      type: 'message',
      from: 'agent',
      agentId: 'anna',
      at: iso(60),
    });
    const state = deriveConversation([c.visitor(0), message, close], settings)!;
    expect(state.messageCount).toBe(1);
    expect(state.lastAgentId).toBeNull();
    expect(observe([c.visitor(0), message, close])).toEqual([
      { subject: null, dimension: 'responsiveness', value: 1, weight: 1, at: ms(60) },
    ]);
  });

  it('takes a repeat with the same body as a duplicate and refuses one with a different body', () => {
    const c = chat();
    const sent = c.rating(10, 5);
    expect(() => refuseChangedRepeat(ZFact.parse(factToWire(sent)), sent)).not.toThrow();
    let error: unknown = null;
    try {
      refuseChangedRepeat({ ...sent, end: 1 } as Fact, sent);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(Refusal);
    expect((error as Refusal).code).toBe('conflict');
  });
});

describe('the same result for every arrival order', () => {
  // Every worked example above in one site: conversations whose rules depend on order.
  const a = chat('order-a');
  const b = chat('order-b');
  const d = chat('order-d');
  const conversations: Fact[][] = [
    [
      a.visitor(0),
      a.rating(30, 1),
      a.agent(60, 'anna'),
      a.close(120, 'ben'),
      a.rating(15 * MINUTES, 4),
      a.rating(16 * MINUTES, 1, { excluded: 'member' }),
      a.rating(20 * MINUTES, 5),
      a.reopen(21 * MINUTES),
      a.reopen(22 * MINUTES),
      a.close(23 * MINUTES),
      a.reopen(24 * MINUTES),
    ],
    [
      ...['p1', 'p2', 'p3', 'p4', 'p5'].map((id, i) => b.promise(i, id, 'ben', 60 * MINUTES)),
      b.promise(10, 'p1', 'anna', 2 * 60 * MINUTES),
      b.keep(20, 'p1'),
      b.keep(10 * MINUTES, 'p2'),
      b.dispute(10 * MINUTES, 'p2', 'a-same-instant'),
      b.keep(10 * MINUTES, 'p3'),
      b.dispute(5 * MINUTES, 'p3'),
      b.keep(70 * MINUTES, 'p4'),
      b.dispute(71 * MINUTES, 'p4'),
    ],
    [d.visitor(0), d.close(600), d.rating(610, 1)],
  ];
  const expected = {
    scores: evaluateSite({ agents: AGENTS, conversations, settings, at: ms(DAYS) }),
    states: conversations.map((facts) => deriveConversation(facts, settings)),
    observations: conversations.map((facts) => observeConversation(facts, settings)),
  };

  it('gives the same conversation order, state, observations and scores for 200 shuffles with repeats', () => {
    const rng = prng(20261123);
    for (let run = 0; run < 200; run++) {
      const shuffled = conversations.map((facts) =>
        shuffle([...facts, ...facts.filter(() => rng.chance(0.2))], rng),
      );
      shuffled.forEach((facts, i) => {
        expect(inConversationOrder(facts)).toEqual(inConversationOrder(conversations[i]!));
        expect(deriveConversation(facts, settings)).toEqual(expected.states[i]);
        expect(observeConversation(facts, settings)).toEqual(expected.observations[i]);
      });
      expect(
        evaluateSite({
          agents: AGENTS,
          conversations: shuffle(shuffled, rng),
          settings,
          at: ms(DAYS),
        }),
      ).toEqual(expected.scores);
    }
  });

  it('gives the same when folded one fact at a time through its stored (JSON) form', () => {
    for (const [i, facts] of conversations.entries()) {
      const [first, ...rest] = inConversationOrder(facts);
      let fold: ConversationFold = startFold(first!, settings);
      for (const next of rest) {
        fold = JSON.parse(JSON.stringify(fold)) as ConversationFold;
        foldFact(fold, next, settings);
      }
      const folded = finishFold(fold, settings);
      expect(folded.state).toEqual(expected.states[i]);
      expect(folded.evidence.observations).toEqual(expected.observations[i]);
    }
  });

  it('agrees with the oracle', () => {
    scoresAt(conversations, DAYS);
  });
});
