// @vitest-environment happy-dom
/**
 * The console's inbox a page at a time ("Load more conversations"), and the conversation's
 * timeline: who claimed, promised, kept and closed, between the messages.
 */
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import {
  anna,
  conversation,
  FakeLive,
  minutesAgo,
  noScores,
  ok,
  startConsole,
} from '../support/console';

const ben = { id: 'ben', name: 'Ben Okafor' };
const scores = noScores();

afterEach(cleanup);

describe('console inbox, a page at a time', () => {
  it('loads more conversations on demand, waiting ones still first', async () => {
    const waiting = conversation({ id: 'w', visitorLabel: 'Visitor AAAA' });
    const older = conversation({
      id: 'o',
      visitorLabel: 'Visitor BBBB',
      status: 'closed',
      closedAt: minutesAgo(30),
      lastActivityAt: minutesAgo(30),
    });
    const stillWaiting = conversation({
      id: 's',
      visitorLabel: 'Visitor CCCC',
      lastActivityAt: minutesAgo(40),
    });
    const live = new FakeLive({
      'inbox:list': (payload) =>
        (payload as { cursor?: string }).cursor === 'page-2'
          ? ok({ agent: anna, conversations: [stillWaiting, older], next: null })
          : ok({ agent: anna, conversations: [waiting], next: 'page-2' }),
      'scores:get': () => ok(scores),
    });
    await startConsole(live);
    const inbox = screen.getByRole('navigation', { name: 'Conversations' });
    await within(inbox).findByRole('button', { name: /Visitor AAAA/ });

    fireEvent.click(within(inbox).getByRole('button', { name: 'Load more conversations' }));
    await within(inbox).findByRole('button', { name: /Visitor BBBB/ });
    expect(live.sent('inbox:list')).toEqual([{}, { cursor: 'page-2' }]);
    const items = within(inbox)
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    expect(items).toEqual([
      expect.stringMatching(/Visitor AAAA/),
      expect.stringMatching(/Visitor CCCC/),
      expect.stringMatching(/Visitor BBBB/),
    ]);
    // The last page says there is no more.
    expect(within(inbox).queryByRole('button', { name: 'Load more conversations' })).toBeNull();
  });

  it('says so when the next page cannot be loaded, and keeps what is shown', async () => {
    const live = new FakeLive({
      'inbox:list': (payload) =>
        (payload as { cursor?: string }).cursor
          ? { ok: false, error: { code: 'internal', message: 'The server is busy.' } }
          : ok({ agent: anna, conversations: [conversation()], next: 'page-2' }),
      'scores:get': () => ok(scores),
    });
    await startConsole(live);
    const inbox = screen.getByRole('navigation', { name: 'Conversations' });
    await within(inbox).findByRole('button', { name: /Visitor 3F2A/ });
    fireEvent.click(within(inbox).getByRole('button', { name: 'Load more conversations' }));
    expect((await within(inbox).findByRole('alert')).textContent).toMatch(/The server is busy/);
    expect(within(inbox).getAllByRole('listitem')).toHaveLength(1);
  });
});

describe('conversation timeline', () => {
  it('shows who claimed, promised, kept, closed and what rating counts for nobody', async () => {
    const closed = conversation({
      status: 'closed',
      assignedAgent: ben,
      closedAt: minutesAgo(3),
      lastActivityAt: minutesAgo(2),
      messages: [
        { id: 'm1', from: 'visitor', text: 'Where is my parcel?', at: minutesAgo(9), agent: null },
        { id: 'm2', from: 'agent', text: 'Checking now', at: minutesAgo(7), agent: ben },
      ],
      timeline: [
        { id: 't1', at: minutesAgo(8), kind: 'assigned', agent: anna, previous: null },
        { id: 't2', at: minutesAgo(7.5), kind: 'assigned', agent: ben, previous: anna },
        {
          id: 't3',
          at: minutesAgo(6),
          kind: 'promise-made',
          promiseId: 'p1',
          text: 'Email the tracking link',
          agent: ben,
        },
        {
          id: 't4',
          at: minutesAgo(5),
          kind: 'promise-kept',
          promiseId: 'p1',
          text: 'Email the tracking link',
          agent: anna,
        },
        { id: 't5', at: minutesAgo(3), kind: 'closed', agent: ben },
        { id: 't6', at: minutesAgo(2), kind: 'rating-set-aside', reason: 'member', end: 5 },
      ],
    });
    const live = new FakeLive({
      'inbox:list': () => ok({ agent: anna, conversations: [closed], next: null }),
      'scores:get': () => ok(scores),
    });
    await startConsole(live);
    const log = await screen.findByRole('log', { name: 'Messages' });
    await waitFor(() => expect(log.textContent).toMatch(/You claimed the conversation/));
    const lines = [...log.querySelectorAll('.timeline-action, .message-bubble')].map((el) =>
      el.textContent?.replace(/ · .*$/, ''),
    );
    expect(lines).toEqual([
      'Where is my parcel?',
      'You claimed the conversation',
      'Ben Okafor took over from You',
      'Checking now',
      'Ben Okafor promised “Email the tracking link”',
      'You marked “Email the tracking link” kept',
      'Ben Okafor closed the conversation',
      expect.stringMatching(/^A rating of 5\/5 counts for nobody: .*team member/),
    ]);
    // Each says when, in a time element.
    expect(log.querySelectorAll('.timeline-action time')).toHaveLength(6);
  });
});
