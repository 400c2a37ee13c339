// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { useState } from 'preact/hooks';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { HistoryItem, HistoryPage } from '../../shared/history';
import type { SignedInAgent } from '../../shared/protocol';
import type { HistoryApi } from '../../widget/console/historyApi';
import {
  filterParams,
  historyHash,
  historyTarget,
  type HistoryFilter,
} from '../../widget/console/historyLink';
import { History } from '../../widget/console/components/History';
import { anna, conversation, minutesAgo, ok } from '../support/console';
import { addressedView } from '../../widget/console/viewLink';

afterEach(cleanup);

const supervisor: SignedInAgent = { ...anna, role: 'supervisor' };

const item = (id: string, overrides: Partial<HistoryItem> = {}): HistoryItem => ({
  id,
  visitorLabel: `Visitor ${id}`,
  segment: null,
  status: 'closed',
  assignedAgent: { id: 'ben', name: 'Ben Okafor' },
  openedAt: minutesAgo(60),
  lastActivityAt: minutesAgo(30),
  closedAt: minutesAgo(30),
  rating: null,
  snippet: null,
  ...overrides,
});

/** A history API over fixed pages, recording each filter asked for. */
function fakeHistory(pages: HistoryPage[]) {
  const asked: { filter: HistoryFilter; cursor?: string }[] = [];
  const api: HistoryApi = {
    conversations: vi.fn(async (_siteId: string, filter: HistoryFilter, cursor?: string) => {
      asked.push({ filter, cursor });
      return ok(pages[cursor ? Number(cursor) : 0] ?? { conversations: [], next: null });
    }),
  };
  return { api, asked };
}

/** The view with its filter and open conversation held as the workspace holds them. */
function Harness(props: {
  api: HistoryApi;
  agent?: SignedInAgent;
  initial?: HistoryFilter;
  onOpenLive?: (id: string) => void;
  load?: (id: string) => Promise<ReturnType<typeof ok>>;
}) {
  const [filter, setFilter] = useState<HistoryFilter>(props.initial ?? {});
  const [openId, setOpenId] = useState<string | null>(null);
  return (
    <History
      api={props.api}
      agent={props.agent ?? supervisor}
      team={[
        { id: 'anna', name: 'Anna Berg' },
        { id: 'ben', name: 'Ben Okafor' },
      ]}
      filter={filter}
      onFilter={setFilter}
      openId={openId}
      onOpen={setOpenId}
      load={
        (props.load as never) ??
        (async (id: string) =>
          ok(
            conversation({
              id,
              status: id === 'open-1' ? 'open' : 'closed',
              messages: [
                {
                  id: 'm1',
                  from: 'visitor',
                  text: `Message of ${id}`,
                  at: minutesAgo(40),
                  agent: null,
                },
              ],
            }),
          ))
      }
      onOpenLive={props.onOpenLive ?? vi.fn()}
      now={Date.now()}
    />
  );
}

describe('the Conversations view', () => {
  it('lists conversations and searches them by what was written', async () => {
    const { api, asked } = fakeHistory([
      {
        conversations: [
          item('c1', {
            rating: {
              end: 1,
              peak: null,
              comment: 'Too slow',
              at: minutesAgo(29),
              agent: null,
              excluded: null,
            },
          }),
          item('c2', { status: 'open', closedAt: null, assignedAgent: null, segment: 'trial' }),
        ],
        next: null,
      },
    ]);
    render(<Harness api={api} />);
    const list = await screen.findByRole('list', { name: 'Past conversations' });
    const rows = within(list).getAllByRole('button');
    expect(rows.map((row) => row.textContent)).toEqual([
      expect.stringMatching(/Visitor c1.*Closed.*Ben Okafor.*“Too slow”/),
      expect.stringMatching(/Visitor c2.*Open.*Not assigned · trial/),
    ]);

    fireEvent.input(screen.getByRole('searchbox', { name: 'Search conversations' }), {
      target: { value: '  parcel  ' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Search' }));
    await waitFor(() => expect(asked.at(-1)?.filter).toEqual({ q: 'parcel' }));
  });

  it('says when nothing matches, in the words of what was asked', async () => {
    const { api } = fakeHistory([]);
    render(<Harness api={api} initial={{ q: 'refund' }} />);
    expect((await screen.findByRole('status')).textContent).toMatch(/all of these words/);
    cleanup();
    render(<Harness api={fakeHistory([]).api} initial={{ status: 'open' }} />);
    expect((await screen.findByRole('status')).textContent).toMatch(/No conversations match/);
  });

  it('filters by status, agent, rating, comment and period, keeping only what is set', async () => {
    const { api, asked } = fakeHistory([{ conversations: [item('c1')], next: null }]);
    render(<Harness api={api} />);
    await screen.findByRole('list', { name: 'Past conversations' });
    const choose = (name: string, value: string) =>
      fireEvent.change(screen.getByRole('combobox', { name }), { target: { value } });
    choose('Status', 'closed');
    choose('Agent', 'ben');
    choose('Rating', '1,2');
    choose('Comment', 'true');
    await waitFor(() =>
      expect(asked.at(-1)?.filter).toEqual({
        status: 'closed',
        agent: 'ben',
        rating: '1,2',
        comment: 'true',
      }),
    );
    choose('Last active', '7');
    await waitFor(() => expect(asked.at(-1)?.filter.from).toBeDefined());
    const days = (Date.now() - Date.parse(asked.at(-1)!.filter.from!)) / 86_400_000;
    expect(Math.round(days)).toBe(7);
    choose('Status', '');
    await waitFor(() => expect(asked.at(-1)?.filter).not.toHaveProperty('status'));
  });

  it('shows a segment filter from a link, and removes it', async () => {
    const { api, asked } = fakeHistory([{ conversations: [item('c1')], next: null }]);
    render(<Harness api={api} initial={{ segment: '' }} />);
    expect((await screen.findByText(/Segment: none/)).textContent).toMatch(/none/);
    fireEvent.click(screen.getByRole('button', { name: 'Remove the segment filter' }));
    await waitFor(() => expect(asked.at(-1)?.filter).toEqual({}));
    expect(screen.queryByText(/Segment:/)).toBeNull();
  });

  it('opens a conversation read-only, and takes an open one to Live', async () => {
    const onOpenLive = vi.fn();
    const { api } = fakeHistory([
      {
        conversations: [item('c1'), item('open-1', { status: 'open', closedAt: null })],
        next: null,
      },
    ]);
    render(<Harness api={api} onOpenLive={onOpenLive} />);
    expect(screen.getByText('Choose a conversation to read it.')).toBeTruthy();
    const list = await screen.findByRole('list', { name: 'Past conversations' });
    fireEvent.click(within(list).getByRole('button', { name: /Visitor c1/ }));
    expect(await screen.findByText('Message of c1')).toBeTruthy();
    expect(
      within(list)
        .getByRole('button', { name: /Visitor c1/ })
        .getAttribute('aria-current'),
    ).toBe('true');
    expect(screen.queryByRole('button', { name: 'Answer in Live' })).toBeNull();
    // Read-only: no reply box.
    expect(screen.queryByRole('textbox', { name: 'Reply' })).toBeNull();

    fireEvent.click(within(list).getByRole('button', { name: /Visitor open-1/ }));
    fireEvent.click(await screen.findByRole('button', { name: 'Answer in Live' }));
    expect(onOpenLive).toHaveBeenCalledWith('open-1');
  });

  it('says when a conversation cannot be shown', async () => {
    const { api } = fakeHistory([{ conversations: [item('c1')], next: null }]);
    render(
      <Harness
        api={api}
        load={async () =>
          ({ ok: false, error: { code: 'not_found', message: 'No such conversation.' } }) as never
        }
      />,
    );
    fireEvent.click(await screen.findByRole('button', { name: /Visitor c1/ }));
    expect((await screen.findByRole('alert')).textContent).toMatch(
      /could not be shown: No such conversation/,
    );
  });

  it('loads older pages on demand, and says when that fails', async () => {
    const { api, asked } = fakeHistory([
      { conversations: [item('c1')], next: '1' },
      { conversations: [item('c2')], next: null },
    ]);
    render(<Harness api={api} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Load more' }));
    await screen.findByRole('button', { name: /Visitor c2/ });
    expect(asked.at(-1)?.cursor).toBe('1');
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
  });

  it('offers supervisors the period’s ratings as CSV, and agents neither that nor the agent filter', async () => {
    const { api } = fakeHistory([{ conversations: [item('c1')], next: null }]);
    const from = '2026-03-01T00:00:00.000Z';
    render(<Harness api={api} initial={{ from }} />);
    const link = await screen.findByRole('link', { name: 'Export CSV' });
    expect(link.getAttribute('href')).toBe(
      `/api/v1/sites/demo/ratings.csv?from=${encodeURIComponent(from)}`,
    );
    expect(link.hasAttribute('download')).toBe(true);
    cleanup();
    render(<Harness api={fakeHistory([]).api} agent={anna} />);
    await screen.findByRole('status');
    expect(screen.queryByRole('link', { name: 'Export CSV' })).toBeNull();
    expect(screen.queryByRole('combobox', { name: 'Agent' })).toBeNull();
  });

  it('reports a list that cannot be loaded', async () => {
    const api: HistoryApi = {
      conversations: async () => ({
        ok: false,
        error: { code: 'forbidden', message: 'Not yours.' },
      }),
    };
    render(<Harness api={api} />);
    expect((await screen.findByRole('alert')).textContent).toMatch(
      /could not be loaded: Not yours/,
    );
  });
});

describe('drill-down addresses into the history', () => {
  it('round-trip a filter and the conversation to open', () => {
    const filter: HistoryFilter = {
      agent: 'ben',
      from: '2026-03-01',
      to: '2026-03-08',
      segment: '',
    };
    const hash = historyHash(filter, 'c 1');
    expect(hash).toBe('#conversations?agent=ben&segment=&from=2026-03-01&to=2026-03-08&open=c+1');
    expect(historyTarget(hash)).toEqual({ filter, open: 'c 1' });
    expect(historyHash({})).toBe('#conversations');
    expect(historyTarget('#conversations')).toEqual({ filter: {}, open: undefined });
  });

  it('drop values the API would refuse, and ignore other addresses', () => {
    expect(historyTarget('#conversations?status=deleted&comment=maybe&rating=1,2')).toEqual({
      filter: { rating: '1,2' },
      open: undefined,
    });
    expect(historyTarget('#trends')).toBeNull();
    expect(historyTarget('#conversationsx')).toBeNull();
    // Every view has an address of its own.
    expect(addressedView('#trends')).toEqual({ view: 'trends', comments: false });
    expect(addressedView('#comments')).toEqual({ view: 'conversations', comments: true });
    expect(addressedView('#conversations?agent=ben')).toEqual({
      view: 'conversations',
      comments: false,
    });
    expect(addressedView('#nowhere')).toBeNull();
    expect(addressedView('')).toBeNull();
    expect(filterParams({ q: 'late parcel', status: 'open' }).toString()).toBe(
      'q=late+parcel&status=open',
    );
  });
});
