import { describe, expect, it } from 'vitest';
import { deriveConversation } from '../../shared/scoring/fold';
import {
  commitmentStatus,
  disputableUntil,
  whyNotCounting,
  type Commitment,
} from '../../shared/conversation';
import { ZFact, type Fact } from '../../shared/facts';
import { DEFAULT_SETTINGS } from '../../shared/settings';

const t0 = Date.parse('2026-11-23T10:00:00Z');
const at = (seconds: number) => new Date(t0 + seconds * 1000).toISOString();
let seq = 0;
/** A fact in wire form, parsed by the real schema (so every test input is a valid fact). */
const fact = (input: Record<string, unknown>): Fact =>
  ZFact.parse({ id: `f${String(++seq).padStart(4, '0')}`, conversationId: 'c1', ...input });

const derive = (facts: Fact[]) => deriveConversation(facts, DEFAULT_SETTINGS)!;

/** Every order of a small list (Heap's algorithm). */
function* permutations<T>(items: T[]): Generator<T[]> {
  const a = [...items];
  const c = a.map(() => 0);
  yield [...a];
  for (let i = 1; i < a.length;) {
    if (c[i]! < i) {
      const j = i % 2 ? c[i]! : 0;
      [a[i], a[j]] = [a[j]!, a[i]!];
      yield [...a];
      c[i]! += 1;
      i = 1;
    } else {
      c[i] = 0;
      i += 1;
    }
  }
}

describe('deriveConversation', () => {
  const story = [
    fact({ type: 'conversation.opened', at: at(0), visitorId: 'v1' }),
    fact({ type: 'message', from: 'visitor', at: at(1), text: 'hi' }),
    fact({ type: 'conversation.assigned', at: at(5), agentId: 'anna' }),
    fact({ type: 'message', from: 'agent', agentId: 'anna', at: at(6), text: 'hello' }),
    fact({ type: 'promise.made', at: at(7), promiseId: 'p1', agentId: 'anna', dueAt: at(600) }),
    fact({ type: 'promise.kept', at: at(300), promiseId: 'p1' }),
    fact({ type: 'conversation.closed', at: at(400), agentId: 'anna' }),
    fact({ type: 'rating', at: at(410), end: 4 }),
  ];

  it('derives the same state from every arrival order and from duplicates', () => {
    const expected = derive(story);
    expect(expected).toMatchObject({
      status: 'closed',
      visitorId: 'v1',
      assignedAgentId: 'anna',
      closedByAgentId: 'anna',
      messageCount: 2,
      rating: { end: 4, agentId: 'anna' },
    });
    expect(expected.promises[0]).toMatchObject({ promiseId: 'p1', keptAt: t0 + 300_000 });
    let orders = 0;
    for (const order of permutations(story.slice(2))) {
      if (orders++ > 2000) break;
      expect(derive([...story.slice(0, 2), ...order, story[5]!])).toEqual(expected);
    }
  });

  it('counts a keep that arrives before its promise, and only the earliest keep', () => {
    const state = derive([
      fact({ type: 'promise.kept', at: at(50), promiseId: 'p1' }),
      fact({ type: 'promise.made', at: at(10), promiseId: 'p1', agentId: 'a', dueAt: at(100) }),
      fact({ type: 'promise.kept', at: at(20), promiseId: 'p1' }),
    ]);
    expect(state.promises[0]!.keptAt).toBe(t0 + 20_000);
    expect(commitmentStatus(state.promises[0]!, t0 + 1e9)).toBe('kept');
  });

  it('ignores a close of a closed conversation, a reopen of an open one, and messages while closed', () => {
    const state = derive([
      fact({ type: 'message', from: 'visitor', at: at(0), text: 'a' }),
      fact({ type: 'conversation.reopened', at: at(1) }),
      fact({ type: 'conversation.closed', at: at(2), agentId: 'anna' }),
      fact({ type: 'message', from: 'visitor', at: at(3), text: 'b' }),
      fact({ type: 'conversation.closed', at: at(4), agentId: 'ben' }),
    ]);
    expect(state).toMatchObject({
      status: 'closed',
      closedAt: t0 + 2000,
      closedByAgentId: 'anna',
      messageCount: 1,
    });
  });

  it('rates the agent snapshotted at the close (whom the visitor heard last), not whoever is assigned later', () => {
    const state = derive([
      fact({ type: 'conversation.assigned', at: at(0), agentId: 'anna' }),
      fact({ type: 'message', from: 'agent', agentId: 'anna', at: at(5), text: 'done' }),
      fact({ type: 'conversation.closed', at: at(10) }),
      fact({ type: 'conversation.assigned', at: at(20), agentId: 'ben' }),
      fact({ type: 'rating', at: at(30), end: 2 }),
    ]);
    expect(state.rating).toMatchObject({ end: 2, agentId: 'anna' });
  });

  it('lets an amendment within the window replace the rating, and ignores later ones', () => {
    const state = derive([
      fact({ type: 'message', from: 'agent', agentId: 'anna', at: at(0), text: 'there you go' }),
      fact({ type: 'conversation.closed', at: at(5), agentId: 'anna' }),
      fact({ type: 'rating', at: at(10), end: 2 }),
      fact({ type: 'rating', at: at(10 + 9 * 60), end: 5, comment: 'sorted after all' }),
      fact({ type: 'rating', at: at(10 + 11 * 60), end: 1 }),
    ]);
    expect(state.rating).toMatchObject({
      end: 5,
      comment: 'sorted after all',
      firstAt: t0 + 10_000,
    });
  });

  it('says when a promise is pending, kept, disputed or broken', () => {
    const promise: Commitment = {
      promiseId: 'p',
      agentId: 'a',
      madeAt: 0,
      dueAt: 100,
      keptAt: null,
      keptBy: null,
      disputedAt: null,
      counts: true,
      text: null,
    };
    expect(commitmentStatus(promise, 99)).toBe('pending');
    expect(commitmentStatus(promise, 100)).toBe('broken');
    expect(commitmentStatus({ ...promise, keptAt: 100, keptBy: 'b' }, 500)).toBe('kept');
    expect(commitmentStatus({ ...promise, keptAt: 101 }, 500)).toBe('broken');
    expect(commitmentStatus({ ...promise, keptAt: 100, disputedAt: 200 }, 500)).toBe('disputed');
  });

  it('tells who kept a promise, whether it counts, and when the visitor disputed it', () => {
    const state = derive([
      fact({ type: 'message', from: 'agent', agentId: 'anna', at: at(0), text: 'on it' }),
      // Kept 30 s after its making: a quick keep, counts neither way.
      fact({ type: 'promise.made', at: at(10), promiseId: 'p1', agentId: 'anna', dueAt: at(600) }),
      fact({ type: 'promise.kept', at: at(40), promiseId: 'p1', agentId: 'anna' }),
      // Kept 300 s after its making by another agent, then disputed by the visitor.
      fact({ type: 'promise.made', at: at(20), promiseId: 'p2', agentId: 'anna', dueAt: at(900) }),
      fact({ type: 'promise.kept', at: at(320), promiseId: 'p2', agentId: 'ben' }),
      fact({ type: 'promise.disputed', at: at(400), promiseId: 'p2' }),
    ]);
    expect(state.promises).toEqual([
      {
        promiseId: 'p1',
        agentId: 'anna',
        madeAt: t0 + 10_000,
        dueAt: t0 + 600_000,
        keptAt: t0 + 40_000,
        keptBy: 'anna',
        disputedAt: null,
        counts: false,
        text: null,
      },
      {
        promiseId: 'p2',
        agentId: 'anna',
        madeAt: t0 + 20_000,
        dueAt: t0 + 900_000,
        keptAt: t0 + 320_000,
        keptBy: 'ben',
        disputedAt: t0 + 400_000,
        counts: true,
        text: null,
      },
    ]);
    expect(state.promises.map((p) => commitmentStatus(p, t0 + 1e9))).toEqual(['kept', 'disputed']);
  });

  it('says until when a promise may be disputed, and why one does not count', () => {
    const base: Commitment = {
      promiseId: 'p',
      agentId: 'a',
      madeAt: 0,
      dueAt: 600_000,
      keptAt: 300_000,
      keptBy: null,
      disputedAt: null,
      counts: true,
      text: null,
    };
    const until = 300_000 + 7 * 24 * 3600_000; // reopenWindowDays after the keep
    expect(disputableUntil(base, DEFAULT_SETTINGS, 400_000)).toBe(until);
    expect(disputableUntil(base, DEFAULT_SETTINGS, until)).toBe(until);
    expect(disputableUntil(base, DEFAULT_SETTINGS, until + 1)).toBeNull();
    expect(disputableUntil({ ...base, keptAt: null }, DEFAULT_SETTINGS, 400_000)).toBeNull();
    expect(disputableUntil({ ...base, keptAt: 600_001 }, DEFAULT_SETTINGS, 700_000)).toBeNull();
    expect(disputableUntil({ ...base, disputedAt: 350_000 }, DEFAULT_SETTINGS, 400_000)).toBeNull();

    expect(whyNotCounting(base, DEFAULT_SETTINGS)).toBeNull();
    expect(whyNotCounting({ ...base, keptAt: 30_000, counts: false }, DEFAULT_SETTINGS)).toEqual({
      reason: 'quick',
      minPromiseSeconds: 60,
    });
    expect(whyNotCounting({ ...base, counts: false }, DEFAULT_SETTINGS)).toEqual({
      reason: 'extra',
      maxPromisesPerConversation: 3,
    });
  });
});

describe('ZFact', () => {
  it('accepts every event type of the scoring contract', () => {
    for (const input of [
      { type: 'conversation.opened' },
      { type: 'conversation.assigned', agentId: 'a' },
      { type: 'message', from: 'visitor' },
      { type: 'message', from: 'agent', agentId: 'a' },
      { type: 'promise.made', promiseId: 'p', agentId: 'a', dueAt: at(60) },
      { type: 'promise.kept', promiseId: 'p' },
      { type: 'conversation.closed' },
      { type: 'conversation.reopened' },
      { type: 'rating', end: 3, peak: { dimension: 'empathy', polarity: 'negative' } },
    ]) {
      expect(ZFact.safeParse({ id: 'e1', conversationId: 'c1', at: at(0), ...input }).success).toBe(
        true,
      );
    }
  });

  it('names what is wrong', () => {
    const result = ZFact.safeParse({
      id: 'e 1',
      conversationId: 'c1',
      at: 'yesterday',
      type: 'rating',
      end: 6,
    });
    expect(result.success).toBe(false);
    const paths = result.error!.issues.map((i) => i.path.join('.')).sort();
    expect(paths).toEqual(['at', 'end', 'id']);
    const agentless = ZFact.safeParse({
      id: 'e',
      conversationId: 'c',
      at: at(0),
      type: 'message',
      from: 'agent',
    });
    expect(agentless.error!.issues[0]).toMatchObject({
      path: ['agentId'],
      message: 'an agent message needs agentId',
    });
  });
});
