// @vitest-environment happy-dom
/**
 * The console's inbox a page at a time ("Load more conversations"), and the conversation's
 * timeline: who claimed, promised, kept and closed, between the messages.
 */
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Ack } from '../../shared/ack';
import type {
  AgentConversationView,
  AgentServerEvents,
  LiveScores,
  SignedInAgent,
} from '../../shared/protocol';
import type { SessionApi } from '../../widget/console/api';
import { App } from '../../widget/console/components/App';
import type {
  ConnectionState,
  DataOf,
  LiveClient,
  PayloadOf,
  RequestEvent,
} from '../../widget/console/live';

const anna: SignedInAgent = {
  id: 'anna',
  name: 'Anna Berg',
  email: 'anna@demo.test',
  siteId: 'demo',
  siteName: 'Demo shop',
  role: 'agent',
  sites: [{ siteId: 'demo', siteName: 'Demo shop', role: 'agent' }],
};
const ben = { id: 'ben', name: 'Ben Okafor' };
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();

function conversation(overrides: Partial<AgentConversationView> = {}): AgentConversationView {
  return {
    id: 'c1',
    status: 'open',
    visitorLabel: 'Visitor 3F2A',
    assignedAgent: null,
    openedAt: minutesAgo(10),
    lastActivityAt: minutesAgo(2),
    closedAt: null,
    rating: null,
    setAsideRating: null,
    messages: [
      { id: 'm1', from: 'visitor', text: 'Where is my parcel?', at: minutesAgo(9), agent: null },
    ],
    promises: [],
    timeline: [],
    ...overrides,
  };
}

const scores: LiveScores = {
  at: new Date().toISOString(),
  site: {
    responsiveness: { score: null, n: 0 },
    reliability: { score: null, n: 0 },
    experience: { score: null, n: 0 },
    csat: { value: null, n: 0 },
  },
  agents: [],
};

type Handler = (payload: unknown) => Ack<unknown>;

/** A LiveClient answering requests with the test's handlers. */
class FakeLive implements LiveClient {
  requests: { event: string; payload: unknown }[] = [];
  private listeners = new Map<string, Set<(payload: never) => void>>();
  private stateListeners = new Set<(state: ConnectionState) => void>();

  constructor(public handlers: Partial<Record<RequestEvent, Handler>>) {}

  request<E extends RequestEvent>(event: E, payload: PayloadOf<E>): Promise<Ack<DataOf<E>>> {
    this.requests.push({ event, payload });
    const handler = this.handlers[event];
    const answer = handler
      ? handler(payload)
      : { ok: false as const, error: { code: 'internal' as const, message: `no ${event}` } };
    return Promise.resolve(answer as Ack<DataOf<E>>);
  }
  typing() {}
  on<E extends keyof AgentServerEvents>(event: E, listener: AgentServerEvents[E]) {
    const set = this.listeners.get(event) ?? new Set();
    set.add(listener as (payload: never) => void);
    this.listeners.set(event, set);
    return () => void set.delete(listener as (payload: never) => void);
  }
  onState(listener: (state: ConnectionState) => void) {
    this.stateListeners.add(listener);
    return () => void this.stateListeners.delete(listener);
  }
  close() {}
  get subscribed() {
    return this.stateListeners.size > 0;
  }
  state(state: ConnectionState) {
    act(() => this.stateListeners.forEach((fn) => fn(state)));
  }
  sent(event: string) {
    return this.requests.filter((r) => r.event === event).map((r) => r.payload);
  }
}

const ok = <T,>(data: T): Ack<T> => ({ ok: true, data });

async function start(live: FakeLive) {
  const api: SessionApi = {
    current: vi.fn(async () => anna),
    signIn: vi.fn(async () => ({ ok: true as const, agent: anna })),
    signOut: vi.fn(async () => undefined),
  };
  render(<App api={api} connect={() => live} />);
  await screen.findByRole('navigation', { name: 'Conversations' });
  await waitFor(() => expect(live.subscribed).toBe(true));
  live.state('connected');
  await waitFor(() => expect(live.sent('inbox:list')).toHaveLength(1));
}

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
    await start(live);
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
    await start(live);
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
    await start(live);
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
