/**
 * Fixtures for the console's component tests: a signed-in agent, a conversation, scores with
 * nothing observed, a session API and a LiveClient driven by the test, and `startConsole`, which
 * renders the console and connects it.
 */
import { act, render, screen, waitFor } from '@testing-library/preact';
import { expect, vi } from 'vitest';
import type { Ack } from '../../shared/ack';
import type {
  AgentConversationView,
  AgentServerEvents,
  LiveScores,
  SignedInAgent,
} from '../../shared/protocol';
import type { SessionApi } from '../../widget/console/api';
import { App } from '../../widget/console/components/App';
import type { TrendSeries } from '../../widget/console/components/trendChart';
import type {
  ConnectionState,
  DataOf,
  LiveClient,
  PayloadOf,
  RequestEvent,
} from '../../widget/console/live';

/** An agent of the demo site, signed in. */
export const anna: SignedInAgent = {
  id: 'anna',
  name: 'Anna Berg',
  email: 'anna@demo.test',
  siteId: 'demo',
  siteName: 'Demo shop',
  role: 'agent',
  sites: [{ siteId: 'demo', siteName: 'Demo shop', role: 'agent' }],
};

export const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();

/** An open, unclaimed conversation with one visitor message, as the inbox lists it. */
export function conversation(
  overrides: Partial<AgentConversationView> = {},
): AgentConversationView {
  return {
    id: 'c1',
    version: 1,
    status: 'open',
    visitorLabel: 'Visitor 3F2A',
    segment: null,
    attributes: {},
    contact: null,
    visit: null,
    assignedAgent: null,
    openedAt: minutesAgo(10),
    lastActivityAt: minutesAgo(2),
    closedAt: null,
    reopenedAt: null,
    rating: null,
    setAsideRating: null,
    messages: [
      { id: 'm1', from: 'visitor', text: 'Where is my parcel?', at: minutesAgo(2), agent: null },
    ],
    promises: [],
    timeline: [],
    ...overrides,
  };
}

/** The live scores of a site with nothing observed yet: no site figures, no agents unless given. */
export function noScores(overrides: Partial<LiveScores> = {}): LiveScores {
  return {
    at: new Date().toISOString(),
    site: {
      responsiveness: { score: null, n: 0 },
      reliability: { score: null, n: 0 },
      experience: { score: null, n: 0 },
      csat: { value: null, n: 0 },
    },
    agents: [],
    ...overrides,
  };
}

export const ok = <T,>(data: T): Ack<T> => ({ ok: true, data });

/** A session API for which `agent` is signed in. */
export function signedInApi(agent: SignedInAgent = anna): SessionApi {
  return {
    current: vi.fn(async () => agent),
    signIn: vi.fn(async () => ({ ok: true as const, agent })),
    signOut: vi.fn(async () => undefined),
  };
}

type Handler = (payload: unknown) => Ack<unknown>;

/** A LiveClient driven by the test: answers requests with handlers, pushes events on demand. */
export class FakeLive implements LiveClient {
  requests: { event: string; payload: unknown }[] = [];
  typings: unknown[] = [];
  closed = false;
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
  typing(payload: PayloadOf<'typing'>) {
    this.typings.push(payload);
  }
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
  close() {
    this.closed = true;
  }
  /** True once the console has subscribed (effects run after the first paint). */
  get subscribed() {
    return this.stateListeners.size > 0;
  }
  /** Test side: a server push. */
  push<E extends keyof AgentServerEvents>(event: E, payload: Parameters<AgentServerEvents[E]>[0]) {
    act(() => this.listeners.get(event)?.forEach((fn) => (fn as (p: unknown) => void)(payload)));
  }
  state(state: ConnectionState) {
    act(() => this.stateListeners.forEach((fn) => fn(state)));
  }
  sent(event: string) {
    return this.requests.filter((r) => r.event === event).map((r) => r.payload);
  }
}

/** Renders the console on `live`, connects it and waits for its first inbox request. */
export async function startConsole(live: FakeLive, api: SessionApi = signedInApi()) {
  // The address names the view (viewLink.ts): each test starts at the console's own, on Live.
  window.history.replaceState(null, '', location.pathname);
  render(<App api={api} connect={() => live} />);
  await screen.findByRole('navigation', { name: 'Conversations' });
  await waitFor(() => expect(live.subscribed).toBe(true));
  live.state('connected');
  await waitFor(() => expect(live.sent('inbox:list')).toHaveLength(1));
}

/** The chart module, as happy-dom cannot draw: records every series it was asked to draw. */
export function fakeChart() {
  const drawn: TrendSeries[] = [];
  /** The widths charts were fitted to after they were drawn. */
  const resized: number[] = [];
  const load = vi.fn(async () => ({
    drawTrend: (_into: HTMLElement, series: TrendSeries) => {
      drawn.push(series);
      return { resize: (width: number) => resized.push(width), remove: () => undefined };
    },
  }));
  return { drawn, resized, load };
}
