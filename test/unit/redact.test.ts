/**
 * What data deletion takes out of each kind of fact, and what it keeps (shared/redact.ts): every
 * part scoring reads stays, so a redacted conversation folds to the same evidence.
 */
import { describe, expect, it } from 'vitest';
import type { Fact } from '../../shared/facts';
import { holdsPersonalData, redactFact } from '../../shared/redact';
import { foldConversation } from '../../shared/scoring/fold';
import { DEFAULT_SETTINGS } from '../../shared/settings';

const T0 = Date.UTC(2026, 2, 2, 9, 0);
const at = (minutes: number) => T0 + minutes * 60_000;
const base = (n: number) => ({ id: `f${n}`, conversationId: 'c1', at: at(n) });

const facts: Fact[] = [
  {
    ...base(0),
    type: 'conversation.opened',
    visitorId: 'v1',
    segment: 'business',
    attributes: { plan: 'gold' },
    contact: { email: 'sam@customer.example', name: 'Sam' },
    visit: { pageUrl: 'https://shop.example/a', pageTitle: 'A', language: 'nl', device: 'mobile' },
  },
  { ...base(1), type: 'message', from: 'visitor', text: 'Hello' },
  { ...base(2), type: 'conversation.assigned', agentId: 'anna', agentName: 'Anna Jansen' },
  { ...base(3), type: 'message', from: 'agent', agentId: 'anna', text: 'Hi' },
  {
    ...base(4),
    type: 'promise.made',
    promiseId: 'p1',
    agentId: 'anna',
    dueAt: at(30),
    text: 'Call you back',
  },
  { ...base(40), type: 'conversation.closed', agentId: 'anna' },
  {
    ...base(41),
    type: 'rating',
    end: 2,
    peak: { dimension: 'reliability', polarity: 'negative' },
    comment: 'Never called',
    contact: { email: 'sam@customer.example' },
    finished: true,
  },
];

describe('redacting a fact', () => {
  it('takes out texts, contact, attributes and pages, and keeps everything else', () => {
    expect(facts.map(redactFact)).toEqual([
      {
        ...base(0),
        type: 'conversation.opened',
        visitorId: 'v1',
        segment: 'business',
        visit: { language: 'nl', device: 'mobile' },
      },
      { ...base(1), type: 'message', from: 'visitor' },
      facts[2],
      { ...base(3), type: 'message', from: 'agent', agentId: 'anna' },
      { ...base(4), type: 'promise.made', promiseId: 'p1', agentId: 'anna', dueAt: at(30) },
      facts[5],
      {
        ...base(41),
        type: 'rating',
        end: 2,
        peak: { dimension: 'reliability', polarity: 'negative' },
        finished: true,
      },
    ]);
  });

  it('drops a visit that held only pages, and is done after once', () => {
    const opened: Fact = {
      ...base(0),
      type: 'conversation.opened',
      visit: { pageUrl: 'https://shop.example/a' },
    };
    expect(redactFact(opened)).toEqual({ ...base(0), type: 'conversation.opened' });
    for (const fact of facts) {
      const once = redactFact(fact);
      expect(holdsPersonalData(once)).toBe(false);
      expect(redactFact(once)).toBe(once);
    }
    expect(holdsPersonalData(facts[2]!)).toBe(false);
  });

  it('leaves the evidence a conversation folds to as it was', () => {
    const before = foldConversation(facts, DEFAULT_SETTINGS);
    const after = foldConversation(facts.map(redactFact), DEFAULT_SETTINGS);
    expect(after?.evidence).toEqual(before?.evidence);
    expect(after?.state.lastMessage).toEqual({ from: 'agent', text: null, at: at(3) });
    expect(after?.state.contact).toBeUndefined();
  });
});
