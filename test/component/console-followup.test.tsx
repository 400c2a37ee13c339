// @vitest-environment happy-dom
/**
 * The console's follow-up queue: reached by its nav link, each item a listitem with "Mark
 * contacted" and "Resolve"; a supervisor dismisses with a reason and assigns; an agent sees no
 * dismissal; the tab title counts new items, and a push reads the queue again.
 */
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { FollowupQueueView, FollowupView } from '../../shared/followups';
import type { SignedInAgent } from '../../shared/protocol';
import {
  anna,
  FakeLive,
  minutesAgo,
  noScores,
  ok,
  signedInApi,
  startConsole,
} from '../support/console';

const supervisor: SignedInAgent = {
  ...anna,
  role: 'supervisor',
  sites: [{ siteId: 'demo', siteName: 'Demo shop', role: 'supervisor' }],
};

function item(overrides: Partial<FollowupView> = {}): FollowupView {
  return {
    id: 'f1',
    conversationId: 'c1',
    contact: null,
    cause: 'rating',
    at: minutesAgo(5),
    agent: { id: 'ben', name: 'Ben Okafor' },
    rating: { end: 1, peak: null, comment: 'Nobody helped me', unhandled: false },
    promise: null,
    status: 'new',
    owner: null,
    reason: null,
    notes: [],
    createdAt: minutesAgo(5),
    updatedAt: minutesAgo(5),
    version: 1,
    ...overrides,
  };
}

function queueLive(items: FollowupView[], person: SignedInAgent = supervisor) {
  let current = items;
  const queue = (): FollowupQueueView => ({
    items: current,
    next: null,
    newCount: current.filter((i) => i.status === 'new').length,
    nextAt: null,
  });
  const live = new FakeLive({
    'inbox:list': () => ok({ agent: person, conversations: [], next: null }),
    'scores:get': () =>
      ok(
        noScores({
          agents: [],
        }),
      ),
    'followups:list': () => ok(queue()),
    'followup:update': (payload) => {
      const { id, change } = payload as { id: string; change: Partial<FollowupView> };
      current = current.map((i) =>
        i.id === id
          ? {
              ...i,
              ...(change.status && { status: change.status }),
              ...(change.reason && { reason: change.reason }),
              version: i.version + 1,
            }
          : i,
      );
      return ok(current.find((i) => i.id === id)!);
    },
  });
  return {
    live,
    set(next: FollowupView[]) {
      current = next;
    },
  };
}

afterEach(() => {
  cleanup();
  document.title = '';
});

describe('the follow-up queue in the console', () => {
  it('counts new items in the tab title and lists them behind the Follow-up link', async () => {
    const { live } = queueLive([item(), item({ id: 'f2', conversationId: 'c2' })]);
    await startConsole(live, signedInApi(supervisor));
    await waitFor(() => expect(document.title).toBe('(2) Peakend console'));

    fireEvent.click(screen.getByRole('link', { name: /Follow-up/ }));
    const list = await screen.findByRole('list', { name: 'Follow-up items' });
    const items = within(list).getAllByRole('listitem');
    expect(items).toHaveLength(2);
    const first = items[0]!;
    expect(within(first).getByText('Rated “Very bad”')).toBeTruthy();
    expect(within(first).getByText('Nobody helped me')).toBeTruthy();

    fireEvent.click(within(first).getByRole('button', { name: 'Mark contacted' }));
    await waitFor(() =>
      expect(live.sent('followup:update')).toEqual([{ id: 'f1', change: { status: 'contacted' } }]),
    );
    await waitFor(() =>
      expect(within(first).queryByRole('button', { name: 'Mark contacted' })).toBeNull(),
    );
    expect(within(first).getByRole('button', { name: 'Resolve' })).toBeTruthy();
  });

  it('lets a supervisor dismiss with a reason', async () => {
    const { live } = queueLive([item()]);
    await startConsole(live, signedInApi(supervisor));
    fireEvent.click(screen.getByRole('link', { name: /Follow-up/ }));
    const [entry] = within(
      await screen.findByRole('list', { name: 'Follow-up items' }),
    ).getAllByRole('listitem');
    fireEvent.click(within(entry!).getByRole('button', { name: 'Dismiss…' }));
    fireEvent.input(within(entry!).getByRole('textbox', { name: 'Reason for dismissing' }), {
      target: { value: 'Test order' },
    });
    fireEvent.click(within(entry!).getByRole('button', { name: 'Dismiss item' }));
    await waitFor(() =>
      expect(live.sent('followup:update')).toEqual([
        { id: 'f1', change: { status: 'dismissed', reason: 'Test order' } },
      ]),
    );
  });

  it('offers an agent no dismissal, and reads the queue again on a push', async () => {
    const { live, set } = queueLive([item()], anna);
    await startConsole(live, signedInApi(anna));
    fireEvent.click(screen.getByRole('link', { name: /Follow-up/ }));
    const list = await screen.findByRole('list', { name: 'Follow-up items' });
    expect(within(list).queryByRole('button', { name: /Dismiss/ })).toBeNull();
    expect(within(list).getByRole('button', { name: 'Take' })).toBeTruthy();

    set([item(), item({ id: 'f3', conversationId: 'c3' })]);
    live.push('followups:changed', { ids: ['f3'] });
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(2));
    await waitFor(() => expect(document.title).toBe('(2) Peakend console'));
  });
});
