// @vitest-environment happy-dom
/**
 * A chat reopened with "This isn't solved" (issue 13): a "Reopened" status in the inbox and the
 * conversation's header, the old rating shown as "before reopening" rather than its old green
 * face, and the same alert as a new chat, counted in the tab title.
 */
import { cleanup, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { AgentConversationView } from '../../shared/protocol';
import {
  anna,
  conversation,
  FakeLive,
  minutesAgo,
  noScores,
  ok,
  startConsole,
} from '../support/console';

afterEach(() => {
  cleanup();
  document.title = '';
});

const annaRef = { id: 'anna', name: anna.name };

/** Rated 5 after Anna's answer, then reopened by the visitor a minute ago. */
function reopened(overrides: Partial<AgentConversationView> = {}): AgentConversationView {
  return conversation({
    id: 'r1',
    visitorLabel: 'Visitor REOP',
    assignedAgent: annaRef,
    lastActivityAt: minutesAgo(1),
    reopenedAt: minutesAgo(1),
    rating: {
      end: 5,
      peak: null,
      peakAnswered: true,
      finished: true,
      comment: 'Great, thanks',
      at: minutesAgo(20),
      amendableUntil: minutesAgo(10),
      agent: annaRef,
    },
    messages: [
      { id: 'm1', from: 'visitor', text: 'My parcel is lost', at: minutesAgo(40), agent: null },
      { id: 'm2', from: 'agent', text: 'Found it!', at: minutesAgo(30), agent: annaRef },
    ],
    timeline: [
      { id: 't1', at: minutesAgo(25), kind: 'closed', agent: annaRef },
      { id: 't2', at: minutesAgo(1), kind: 'reopened' },
    ],
    ...overrides,
  });
}

async function show(list: AgentConversationView[]) {
  const live = new FakeLive({
    'inbox:list': () => ok({ agent: anna, conversations: list, next: null }),
    'scores:get': () => ok(noScores()),
  });
  await startConsole(live);
  return screen.getByRole('navigation', { name: 'Conversations' });
}

describe('a reopened chat in the console', () => {
  it('is marked Reopened, its old rating reads "before reopening", and it counts in the tab title', async () => {
    const answered = conversation({
      id: 'a1',
      visitorLabel: 'Visitor DONE',
      assignedAgent: annaRef,
      messages: [
        { id: 'x1', from: 'visitor', text: 'Hi', at: minutesAgo(9), agent: null },
        { id: 'x2', from: 'agent', text: 'Hello', at: minutesAgo(8), agent: annaRef },
      ],
    });
    const inbox = await show([reopened(), answered]);
    const item = await within(inbox).findByRole('button', { name: /Visitor REOP/ });
    expect(within(item).getByText('Reopened')).toBeTruthy();
    expect(item.textContent).toMatch(/Rated 5 of 5 before reopening/);
    // Not its old green badge.
    expect(item.querySelector('.rating-badge--good')).toBeNull();
    // Alerted as a new chat: the waiting dot, and counted in the title (the answered chat not).
    expect(item.querySelector('.unread-dot')).toBeTruthy();
    await waitFor(() => expect(document.title).toBe('(1) Peakend console'));

    // The conversation's header says so too, and the rating shows where it stood.
    const pane = await screen.findByRole('region', { name: 'Visitor REOP' });
    expect(within(pane).getByText('Reopened')).toBeTruthy();
    const rating = within(pane).getByRole('region', { name: "Visitor's rating before reopening" });
    expect(rating.textContent).toMatch(/Before reopening/);
    expect(rating.textContent).toMatch(/Great, thanks/);
  });

  it('stops alerting once an agent answers, and is still Reopened until closed again', async () => {
    const inbox = await show([
      reopened({
        messages: [
          { id: 'm1', from: 'visitor', text: 'My parcel is lost', at: minutesAgo(40), agent: null },
          { id: 'm3', from: 'agent', text: 'Looking again', at: minutesAgo(0.5), agent: annaRef },
        ],
      }),
    ]);
    const item = await within(inbox).findByRole('button', { name: /Visitor REOP/ });
    expect(within(item).getByText('Reopened')).toBeTruthy();
    expect(item.querySelector('.unread-dot')).toBeNull();
    await waitFor(() => expect(document.title).toBe('Peakend console'));
  });

  it('keeps "before reopening" on the old rating once closed again, and a new rating is plain', async () => {
    const closedAgain = reopened({
      status: 'closed',
      closedAt: minutesAgo(0.5),
      timeline: [
        { id: 't1', at: minutesAgo(25), kind: 'closed', agent: annaRef },
        { id: 't2', at: minutesAgo(1), kind: 'reopened' },
        { id: 't3', at: minutesAgo(0.5), kind: 'closed', agent: annaRef },
      ],
    });
    const inbox = await show([closedAgain]);
    const item = await within(inbox).findByRole('button', { name: /Visitor REOP/ });
    expect(within(item).getByText('Closed')).toBeTruthy();
    expect(item.textContent).toMatch(/before reopening/);
    const pane = await screen.findByRole('region', { name: 'Visitor REOP' });
    expect(
      within(pane).getByRole('region', { name: "Visitor's rating before reopening" }),
    ).toBeTruthy();
    cleanup();

    const rerated = await show([
      { ...closedAgain, rating: { ...closedAgain.rating!, end: 2, at: minutesAgo(0.2) } },
    ]);
    const again = await within(rerated).findByRole('button', { name: /Visitor REOP/ });
    expect(again.textContent).not.toMatch(/before reopening/);
    expect(again.querySelector('.rating-badge--bad')).toBeTruthy();
  });
});
