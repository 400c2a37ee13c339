// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PromiseView } from '../../shared/protocol';
import type { SessionApi } from '../../widget/console/api';
import { App } from '../../widget/console/components/App';
import {
  anna,
  conversation,
  FakeLive,
  minutesAgo,
  noScores,
  ok,
  signedInApi,
  startConsole,
} from '../support/console';

/** A new site: nothing observed yet, so Anna's scores are the even prior with n = 0. */
const noEvidence = {
  score: 50,
  low: 9.8,
  high: 90.2,
  n: 0,
  own: { score: null, weight: 0 },
  team: { score: 50, weight: 4 },
  tooLittleEvidence: true,
};
const scores = noScores({
  agents: [
    {
      agentId: 'anna',
      name: 'Anna Berg',
      responsiveness: noEvidence,
      reliability: noEvidence,
      experience: noEvidence,
      csat: { value: null, n: 0 },
    },
  ],
});

afterEach(cleanup);

describe('console workspace', () => {
  it('loads the inbox and scores on connect and shows the conversation', async () => {
    const live = new FakeLive({
      'inbox:list': () => ok({ agent: anna, conversations: [conversation()] }),
      'scores:get': () => ok(scores),
    });
    await startConsole(live);

    const list = screen.getByRole('navigation', { name: 'Conversations' });
    const item = await within(list).findByRole('button', { name: /Visitor 3F2A/ });
    expect(item.textContent).toMatch(/Unassigned/);
    expect(item.textContent).toMatch(/Where is my parcel\?/);
    expect(live.sent('scores:get')).toHaveLength(1);
    expect(
      within(screen.getByRole('region', { name: 'Live scores' })).getByText('You'),
    ).toBeTruthy();
    // The first conversation is selected and shown.
    expect(await screen.findByRole('heading', { name: 'Visitor 3F2A' })).toBeTruthy();
    expect(screen.getByRole('button', { name: /Claim/ })).toBeTruthy();
  });

  it('says who the visitor is, as the host page said, and nothing when it said nothing', async () => {
    const live = new FakeLive({
      'inbox:list': () =>
        ok({
          agent: anna,
          conversations: [
            conversation({ segment: 'business', attributes: { plan: 'pro', region: 'eu' } }),
          ],
        }),
      'scores:get': () => ok(scores),
    });
    await startConsole(live);
    const about = await screen.findByRole('list', { name: 'About the visitor' });
    expect(
      within(about)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['Segment business', 'plan pro', 'region eu']);

    cleanup();
    await startConsole(
      new FakeLive({
        'inbox:list': () => ok({ agent: anna, conversations: [conversation()] }),
        'scores:get': () => ok(scores),
      }),
    );
    await screen.findByRole('heading', { name: 'Visitor 3F2A' });
    expect(screen.queryByRole('list', { name: 'About the visitor' })).toBeNull();
  });

  it('upserts pushed conversations, open before closed, newest first', async () => {
    const live = new FakeLive({
      'inbox:list': () => ok({ agent: anna, conversations: [conversation()] }),
      'scores:get': () => ok(scores),
    });
    await startConsole(live);
    await screen.findByRole('button', { name: /Visitor 3F2A/ });

    live.push(
      'conversation',
      conversation({ id: 'c2', visitorLabel: 'Visitor 77AB', lastActivityAt: minutesAgo(0) }),
    );
    live.push(
      'conversation',
      conversation({
        id: 'c1',
        status: 'closed',
        closedAt: minutesAgo(0),
        lastActivityAt: minutesAgo(0),
      }),
    );

    const items = within(screen.getByRole('navigation', { name: 'Conversations' })).getAllByRole(
      'listitem',
    );
    expect(items.map((li) => li.textContent)).toEqual([
      expect.stringMatching(/Visitor 77AB.*Unassigned/),
      expect.stringMatching(/Visitor 3F2A.*Closed/),
    ]);
  });

  it('sends a reply with Enter and shows a refusal inline', async () => {
    const replies: string[] = [];
    const live = new FakeLive({
      'inbox:list': () => ok({ agent: anna, conversations: [conversation()] }),
      'scores:get': () => ok(scores),
      'message:send': (payload) => {
        const { text } = payload as { text: string };
        replies.push(text);
        if (text === 'boom') {
          return {
            ok: false,
            error: { code: 'conflict', message: 'This conversation is closed.' },
          };
        }
        return ok(
          conversation({
            assignedAgent: { id: 'anna', name: 'Anna Berg' },
            messages: [
              ...conversation().messages,
              {
                id: 'm2',
                from: 'agent',
                text,
                at: new Date().toISOString(),
                agent: { id: 'anna', name: 'Anna Berg' },
              },
            ],
          }),
        );
      },
    });
    await startConsole(live);

    const reply = await screen.findByLabelText('Reply');
    fireEvent.input(reply, { target: { value: 'On its way!' } });
    fireEvent.keyDown(reply, { key: 'Enter' });

    await waitFor(() => expect(replies).toEqual(['On its way!']));
    expect(live.sent('message:send')).toEqual([{ conversationId: 'c1', text: 'On its way!' }]);
    await screen.findByText('On its way!', { selector: '.message-bubble' });
    expect((screen.getByLabelText('Reply') as HTMLTextAreaElement).value).toBe('');
    // Typing was announced, then stopped by the send.
    expect(live.typings).toEqual([
      { conversationId: 'c1', typing: true },
      { conversationId: 'c1', typing: false },
    ]);
    expect(screen.getByRole('navigation', { name: 'Conversations' }).textContent).toMatch(/Open/);

    fireEvent.input(screen.getByLabelText('Reply'), { target: { value: 'boom' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/This conversation is closed\./);
    // The draft is kept so nothing is lost.
    expect((screen.getByLabelText('Reply') as HTMLTextAreaElement).value).toBe('boom');
  });

  it('makes a promise due in 30 minutes and marks it kept', async () => {
    const promised = (status: 'pending' | 'kept', dueAt: string) =>
      conversation({
        assignedAgent: { id: 'anna', name: 'Anna Berg' },
        promises: [
          {
            id: 'p1',
            text: 'Check with the warehouse',
            dueAt,
            madeAt: new Date().toISOString(),
            keptAt: status === 'kept' ? new Date().toISOString() : null,
            disputedAt: null,
            status,
            counts: true,
            notCounting: null,
            disputableUntil: null,
            agent: { id: 'anna', name: 'Anna Berg' },
          },
        ],
      });
    let due = '';
    const live = new FakeLive({
      'inbox:list': () =>
        ok({
          agent: anna,
          conversations: [conversation({ assignedAgent: { id: 'anna', name: 'Anna Berg' } })],
        }),
      'scores:get': () => ok(scores),
      'promise:make': (payload) => {
        due = (payload as { dueAt: string }).dueAt;
        return ok(promised('pending', due));
      },
      'promise:keep': () => ok(promised('kept', due)),
    });
    await startConsole(live);

    fireEvent.click(await screen.findByRole('button', { name: /Make a promise/ }));
    fireEvent.input(screen.getByLabelText('What will you do?'), {
      target: { value: 'Check with the warehouse' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Confirm promise' }));

    await waitFor(() => expect(live.sent('promise:make')).toHaveLength(1));
    const [made] = live.sent('promise:make') as {
      conversationId: string;
      text: string;
      dueAt: string;
    }[];
    expect(made?.conversationId).toBe('c1');
    expect(made?.text).toBe('Check with the warehouse');
    const minutesAhead = (Date.parse(made?.dueAt ?? '') - Date.now()) / 60_000;
    expect(minutesAhead).toBeGreaterThan(28);
    expect(minutesAhead).toBeLessThanOrEqual(30);

    fireEvent.click(await screen.findByRole('button', { name: /Mark promise kept/ }));
    await waitFor(() =>
      expect(live.sent('promise:keep')).toEqual([{ conversationId: 'c1', promiseId: 'p1' }]),
    );
    const promises = screen.getByRole('region', { name: 'Promises' });
    await within(promises).findByText('Kept');
    expect(within(promises).queryByRole('button', { name: /Mark promise kept/ })).toBeNull();
  });

  it("closes the conversation and shows the visitor's rating when it arrives", async () => {
    const assigned = conversation({ assignedAgent: { id: 'anna', name: 'Anna Berg' } });
    const closed = { ...assigned, status: 'closed' as const, closedAt: new Date().toISOString() };
    const live = new FakeLive({
      'inbox:list': () => ok({ agent: anna, conversations: [assigned] }),
      'scores:get': () => ok(scores),
      'conversation:close': () => ok(closed),
    });
    await startConsole(live);

    fireEvent.click(await screen.findByRole('button', { name: /Close conversation/ }));
    await screen.findByText(/Waiting for the visitor's rating/);
    expect(screen.queryByLabelText('Reply')).toBeNull();

    live.push('conversation', {
      ...closed,
      rating: {
        end: 4,
        peak: { dimension: 'responsiveness', polarity: 'positive' },
        comment: 'Thanks <b>a lot</b>',
        peakAnswered: true,
        finished: true,
        at: new Date().toISOString(),
        amendableUntil: new Date(Date.now() + 600_000).toISOString(),
        agent: { id: 'anna', name: 'Anna Berg' },
      },
    });
    const rating = await screen.findByRole('region', { name: "Visitor's rating" });
    expect(rating.textContent).toMatch(/4\/5/);
    expect(rating.textContent).toMatch(/Good/);
    expect(rating.textContent).toMatch(/Quick replies/);
    // Text is escaped, never parsed as HTML.
    expect(within(rating).getByText('Thanks <b>a lot</b>')).toBeTruthy();
    expect(rating.querySelector('b')).toBeNull();
  });

  it('shows a disputed promise, and why a promise does not count', async () => {
    const promise = (id: string, patch: Partial<PromiseView>): PromiseView => ({
      id,
      text: null,
      dueAt: minutesAgo(-30),
      madeAt: minutesAgo(9),
      keptAt: minutesAgo(8),
      disputedAt: null,
      status: 'kept',
      counts: true,
      notCounting: null,
      disputableUntil: null,
      agent: { id: 'anna', name: 'Anna Berg' },
      ...patch,
    });
    const live = new FakeLive({
      'inbox:list': () =>
        ok({
          agent: anna,
          conversations: [
            conversation({
              assignedAgent: { id: 'anna', name: 'Anna Berg' },
              promises: [
                promise('p1', {
                  text: 'Send the invoice again',
                  status: 'disputed',
                  disputedAt: minutesAgo(1),
                }),
                promise('p2', {
                  text: 'Check the address',
                  madeAt: minutesAgo(8.5),
                  counts: false,
                  notCounting: { reason: 'quick', minPromiseSeconds: 60 },
                }),
                promise('p3', {
                  text: 'Call the courier',
                  status: 'pending',
                  keptAt: null,
                  counts: false,
                  notCounting: { reason: 'extra', maxPromisesPerConversation: 3 },
                }),
              ],
            }),
          ],
        }),
      'scores:get': () => ok(scores),
    });
    await startConsole(live);
    const promises = await screen.findByRole('region', { name: 'Promises' });
    const item = (text: string) => within(promises).getByText(text).closest('li')!;

    const disputed = item('Send the invoice again');
    expect(disputed.textContent).toMatch(/Disputed: the visitor says it didn’t happen/);
    expect(disputed.textContent).toMatch(/so it counts as broken/);
    expect(disputed.className).toMatch(/promise--disputed/);
    expect(within(disputed).queryByText(/Doesn’t count/)).toBeNull();

    expect(within(item('Check the address')).getByText(/^Doesn’t count/).textContent).toBe(
      'Doesn’t count: kept within a minute of being made',
    );
    expect(within(item('Call the courier')).getByText(/^Doesn’t count/).textContent).toBe(
      'Doesn’t count: beyond the first 3 promises of this conversation',
    );
    // A promise that does not count can still be kept: the visitor is owed it all the same.
    expect(
      within(item('Call the courier')).getByRole('button', { name: /Mark promise kept/ }),
    ).toBeTruthy();
  });

  it('shows a rating set aside with its reason, apart from the one that counts', async () => {
    const closed = conversation({
      assignedAgent: { id: 'anna', name: 'Anna Berg' },
      status: 'closed',
      closedAt: minutesAgo(5),
      rating: {
        end: 5,
        peak: null,
        comment: null,
        peakAnswered: true,
        finished: true,
        at: minutesAgo(4),
        amendableUntil: minutesAgo(-6),
        agent: { id: 'anna', name: 'Anna Berg' },
      },
      setAsideRating: {
        end: 1,
        peak: { dimension: 'reliability', polarity: 'negative' },
        comment: 'again and again',
        peakAnswered: true,
        finished: true,
        at: minutesAgo(3),
        reason: 'flood',
      },
    });
    const live = new FakeLive({
      'inbox:list': () => ok({ agent: anna, conversations: [closed] }),
      'scores:get': () => ok(scores),
    });
    await startConsole(live);

    const counting = await screen.findByRole('region', { name: "Visitor's rating" });
    expect(counting.textContent).toMatch(/counts for Anna Berg/);
    const setAside = screen.getByRole('region', { name: 'Rating set aside' });
    expect(setAside.textContent).toMatch(/^Excluded: too many ratings from one address/);
    expect(setAside.textContent).toMatch(/1\/5 · Very bad/);
    expect(setAside.textContent).toMatch(/Broke a promise/);
    expect(setAside.textContent).toMatch(/counts for nobody/);
    expect(setAside.className).toMatch(/rating--set-aside/);

    const reasons = {
      member: 'Excluded: a team member’s address',
      unanswered: 'Unanswered: no agent had replied',
    } as const;
    for (const [reason, title] of Object.entries(reasons)) {
      live.push('conversation', {
        ...closed,
        rating: null,
        setAsideRating: { ...closed.setAsideRating!, reason: reason as keyof typeof reasons },
      });
      const shown = await screen.findByRole('region', { name: 'Rating set aside' });
      await waitFor(() => expect(shown.textContent).toMatch(new RegExp(`^${title}`)));
      // The visitor did rate: nothing says the console is still waiting for it.
      expect(screen.queryByText(/Waiting for the visitor's rating/)).toBeNull();
      expect(screen.queryByRole('region', { name: "Visitor's rating" })).toBeNull();
    }
  });

  it('shows visitor typing and live score pushes', async () => {
    const live = new FakeLive({
      'inbox:list': () => ok({ agent: anna, conversations: [conversation()] }),
      'scores:get': () => ok(scores),
    });
    await startConsole(live);
    await screen.findByRole('heading', { name: 'Visitor 3F2A' });

    live.push('typing', { conversationId: 'c1', typing: true });
    expect(screen.getByText(/Visitor 3F2A is typing/)).toBeTruthy();
    live.push('typing', { conversationId: 'c1', typing: false });
    expect(screen.queryByText(/Visitor 3F2A is typing/)).toBeNull();

    const row = () =>
      within(screen.getByRole('region', { name: 'Live scores' })).getByRole('row', {
        name: /Anna Berg/,
      });
    expect(within(row()).getByText('No data yet')).toBeTruthy();

    // A first rating, "Good" with "Quick replies": experience and responsiveness move.
    live.push('scores', {
      ...scores,
      at: new Date().toISOString(),
      site: {
        ...scores.site,
        responsiveness: { score: 100, n: 1 },
        experience: { score: 87.5, n: 1 },
        csat: { value: 100, n: 1 },
      },
      agents: [
        {
          ...scores.agents[0]!,
          // Own evidence weighing 2 and 1, less than the team mean's 4: too little to show.
          responsiveness: {
            score: 96.67,
            low: 84.6,
            high: 100,
            n: 1,
            own: { score: 100, weight: 2 },
            team: { score: 95, weight: 4 },
            tooLittleEvidence: true,
          },
          experience: {
            score: 87.5,
            low: 66.1,
            high: 99.6,
            n: 1,
            own: { score: 87.5, weight: 1 },
            team: { score: 87.5, weight: 4 },
            tooLittleEvidence: true,
          },
          csat: { value: 100, n: 1 },
        },
      ],
    });
    expect(
      within(row())
        .getAllByRole('cell')
        .map((cell) => cell.textContent),
    ).toEqual([
      'too little evidence, range 85–100, n=1',
      '—, no data yet',
      'too little evidence, range 66–100, n=1',
      '100%, n=1',
    ]);
    expect(within(row()).queryByText('No data yet')).toBeNull();
    expect(row().className).toMatch(/is-flashing/);
  });

  it('reloads on reconnect and shows the connection state', async () => {
    const live = new FakeLive({
      'inbox:list': () => ok({ agent: anna, conversations: [] }),
      'scores:get': () => ok(scores),
    });
    await startConsole(live);
    live.state('reconnecting');
    expect(screen.getAllByText(/Reconnecting/).length).toBeGreaterThan(0);
    live.state('connected');
    await waitFor(() => expect(live.sent('inbox:list')).toHaveLength(2));
    expect(screen.queryByText(/Reconnecting/)).toBeNull();
  });

  it('shows a failed inbox load inline instead of crashing', async () => {
    const live = new FakeLive({
      'inbox:list': () => ({
        ok: false,
        error: { code: 'internal', message: 'Database is asleep.' },
      }),
      'scores:get': () => ok(scores),
    });
    await startConsole(live);
    expect((await screen.findByRole('alert')).textContent).toMatch(/Database is asleep\./);
  });

  it('goes back to sign in when the socket is refused as unauthorized', async () => {
    const live = new FakeLive({
      'inbox:list': () => ok({ agent: anna, conversations: [] }),
      'scores:get': () => ok(scores),
    });
    await startConsole(live);
    live.state('unauthorized');
    expect(await screen.findByRole('button', { name: 'Sign in' })).toBeTruthy();
    expect(screen.getByText(/session has ended/)).toBeTruthy();
    expect(live.closed).toBe(true);
  });

  it('shows the sign-in form when there is no session, and signs out', async () => {
    const api: SessionApi = { ...signedInApi(), current: vi.fn(async () => null) };
    const live = new FakeLive({
      'inbox:list': () => ok({ agent: anna, conversations: [] }),
      'scores:get': () => ok(scores),
    });
    render(<App api={api} connect={() => live} />);
    fireEvent.input(await screen.findByLabelText('Email'), { target: { value: 'anna@demo.test' } });
    fireEvent.input(screen.getByLabelText('Password'), { target: { value: 'pw' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    await screen.findByRole('navigation', { name: 'Conversations' });
    await waitFor(() => expect(live.subscribed).toBe(true));

    fireEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    await screen.findByRole('button', { name: 'Sign in' });
    expect(api.signOut).toHaveBeenCalled();
    expect(live.closed).toBe(true);
  });

  it('tells screen readers of a chat that starts waiting, politely and without moving focus', async () => {
    const first = conversation({ id: 'c1', visitorLabel: 'Visitor 3F2A' });
    const live = new FakeLive({
      'inbox:list': () => ok({ agent: anna, conversations: [first] }),
      'scores:get': () => ok(scores),
    });
    await startConsole(live);
    const status = screen.getByRole('banner').querySelector('[role="status"]') as HTMLElement;
    // What the console shows when it opens is not news.
    expect(status.textContent).toBe('');
    const reply = await screen.findByRole('textbox', { name: 'Reply' });
    reply.focus();
    live.push('conversation', conversation({ id: 'c2', visitorLabel: 'Visitor 9B1C' }));
    await waitFor(() => expect(status.textContent).toBe('New chat waiting: Visitor 9B1C'));
    expect(document.activeElement).toBe(reply);
  });
});
