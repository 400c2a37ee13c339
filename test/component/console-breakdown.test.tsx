// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type {
  BreakdownItem,
  LiveScores as LiveScoresView,
  ScoreBreakdown as ScoreBreakdownView,
  SignedInAgent,
} from '../../shared/protocol';
import type { AgentDimensionScore, AgentScores } from '../../shared/scoring/types';
import { App } from '../../widget/console/components/App';
import { LiveScores } from '../../widget/console/components/LiveScores';
import { ScoreBreakdown } from '../../widget/console/components/ScoreBreakdown';
import { clockTime } from '../../widget/console/format';
import { FakeLive, ok, signedInApi } from '../support/console';

const NOW = Date.now();
const ago = (minutes: number) => new Date(NOW - minutes * 60_000).toISOString();

const base = { conversationId: 'c1', visitorLabel: 'Visitor 3F2A' };
const dueAt = ago(10);

/** One of each: what the server sends for Anna, newest first. */
const items: BreakdownItem[] = [
  {
    ...base,
    kind: 'promise-broken',
    dimension: 'reliability',
    value: 0,
    weight: 1,
    at: dueAt,
    detail: { promiseId: 'p2', text: 'Call the courier', dueAt, keptAt: null, disputedAt: null },
  },
  {
    ...base,
    kind: 'promise-disputed',
    dimension: 'reliability',
    value: 0,
    weight: 1,
    at: ago(15),
    detail: {
      promiseId: 'p3',
      text: 'Refund the shipping',
      dueAt: ago(30),
      keptAt: ago(40),
      disputedAt: ago(15),
    },
  },
  {
    ...base,
    kind: 'voice',
    dimension: 'responsiveness',
    value: 1,
    weight: 2,
    at: ago(20),
    detail: { end: 4, peak: { dimension: 'responsiveness', polarity: 'positive' } },
  },
  {
    ...base,
    kind: 'rating',
    dimension: 'experience',
    value: 0.875,
    weight: 1,
    at: ago(20),
    detail: { end: 4, peak: { dimension: 'responsiveness', polarity: 'positive' } },
  },
  {
    ...base,
    conversationId: 'c2',
    visitorLabel: 'Visitor 9B01',
    kind: 'reopen',
    dimension: 'reliability',
    value: 0,
    weight: 1,
    at: ago(25),
    detail: {},
  },
  {
    ...base,
    kind: 'peak-wait',
    dimension: 'responsiveness',
    value: 0.4,
    weight: 0.5,
    at: ago(30),
    detail: { seconds: 300, targetSeconds: 120 },
  },
  {
    ...base,
    kind: 'end-wait',
    dimension: 'responsiveness',
    value: 1,
    weight: 0.5,
    at: ago(30),
    detail: { seconds: 40, targetSeconds: 120 },
  },
  {
    ...base,
    kind: 'promise-kept',
    dimension: 'reliability',
    value: 1,
    weight: 1,
    at: ago(35),
    detail: {
      promiseId: 'p1',
      text: 'Email the tracking link',
      dueAt: ago(5),
      keptAt: ago(35),
      disputedAt: null,
    },
  },
];

const breakdown: ScoreBreakdownView = {
  agentId: 'anna',
  name: 'Anna Jansen',
  at: new Date(NOW).toISOString(),
  items,
};

/** A score with enough evidence of its own: 3 parts own evidence (at 70) to the team's 4. */
const dim = (score: number, n: number): AgentDimensionScore => ({
  score,
  low: score - 20,
  high: score + 15,
  n,
  own: { score: 70, weight: 4.5 },
  team: { score: 50, weight: 4 },
  tooLittleEvidence: false,
});
const row = (agentId: string, name: string): AgentScores => ({
  agentId,
  name,
  responsiveness: dim(61, 3),
  reliability: dim(38, 3),
  experience: dim(72, 1),
  csat: { value: 100, n: 1 },
});

const scores: LiveScoresView = {
  at: new Date(NOW).toISOString(),
  site: {
    responsiveness: { score: 60, n: 3 },
    reliability: { score: 40, n: 3 },
    experience: { score: 70, n: 1 },
    csat: { value: 100, n: 1 },
  },
  agents: [row('anna', 'Anna Jansen'), row('ben', 'Ben Okafor')],
};

function dialog(name = 'Anna Jansen') {
  return screen.getByRole('dialog', { name: `Score breakdown: ${name}` });
}

/** The items of one score's group, as read aloud (text without hidden marks), in order. */
function group(name: RegExp) {
  const section = within(dialog()).getByRole('region', { name });
  return within(section)
    .getAllByRole('listitem')
    .map((li) => {
      const copy = li.cloneNode(true) as Element;
      copy.querySelectorAll('[aria-hidden="true"]').forEach((hidden) => hidden.remove());
      return copy.textContent?.replace(/\s+/g, ' ').trim();
    });
}

/** Text as read aloud: without the parts hidden from screen readers. */
function spoken(element: Element) {
  const copy = element.cloneNode(true) as Element;
  copy.querySelectorAll('[aria-hidden="true"]').forEach((hidden) => hidden.remove());
  return copy.textContent?.replace(/\s+/g, ' ').trim();
}

/** Text as seen on screen: without the parts only for screen readers. */
function seen(element: Element) {
  const copy = element.cloneNode(true) as Element;
  copy.querySelectorAll('.sr-only').forEach((hidden) => hidden.remove());
  return copy.textContent?.replace(/\s+/g, ' ').trim();
}

afterEach(cleanup);

describe('Score breakdown', () => {
  it('lists what moved each score, in plain words, with its effect, weight and time', async () => {
    const load = vi.fn(async () => ok(breakdown));
    render(
      <ScoreBreakdown
        agentId="anna"
        name="Anna Jansen"
        scores={scores.agents[0]!}
        self
        load={load}
        now={NOW}
        onClose={() => undefined}
      />,
    );
    await within(dialog()).findByRole('region', { name: /Responsiveness/ });
    expect(load).toHaveBeenCalledWith('anna');

    expect(group(/Responsiveness/)).toEqual([
      'The visitor said ‘Quick replies’ stood out, helps responsiveness. Visitor 3F2A, 20m ago, weight 2',
      'Waited 5 min (promised 2 min), hurts responsiveness. Visitor 3F2A, longest wait, 30m ago, weight ½',
      'Answered in 40 s (promised 2 min), helps responsiveness. Visitor 3F2A, last wait, 30m ago, weight ½',
    ]);
    expect(group(/Reliability/)).toEqual([
      `Broke promise ‘Call the courier’ (due ${clockTime(dueAt, NOW)}), hurts reliability. Visitor 3F2A, 10m ago, weight 1`,
      `Promise ‘Refund the shipping’ marked kept; the visitor said it didn’t happen, hurts reliability. Visitor 3F2A, marked kept ${clockTime(ago(40), NOW)}, 15m ago, weight 1`,
      'Reopened: ‘This isn’t solved’, hurts reliability. Visitor 9B01, 25m ago, weight 1',
      `Kept promise ‘Email the tracking link’, helps reliability. Visitor 3F2A, due ${clockTime(ago(5), NOW)}, 35m ago, weight 1`,
    ]);
    expect(group(/Experience/)).toEqual([
      'Rated 4 of 5, ‘Quick replies’ stood out, helps experience. Visitor 3F2A, 20m ago, weight 1',
    ]);

    // Each group says how the score stands now, and how much helped and hurt.
    const heading = within(dialog()).getByRole('heading', { name: /Reliability/ });
    expect(heading.textContent).toMatch(/38.*1 helped · 3 hurt/);
    // Helps and hurts are coloured as well as marked.
    const marks = dialog().querySelectorAll('.bd-item .bd-effect');
    expect([...marks].map((m) => m.className)).toEqual([
      'bd-effect is-helps',
      'bd-effect is-hurts',
      'bd-effect is-helps',
      'bd-effect is-hurts',
      'bd-effect is-hurts',
      'bd-effect is-hurts',
      'bd-effect is-helps',
      'bd-effect is-helps',
    ]);
  });

  it('shows the two parts of each score, and what they make', async () => {
    render(
      <ScoreBreakdown
        agentId="anna"
        name="Anna Jansen"
        scores={scores.agents[0]!}
        self
        load={async () => ok(breakdown)}
        now={NOW}
        onClose={() => undefined}
      />,
    );
    const section = await within(dialog()).findByRole('region', { name: /Reliability/ });
    const parts = section.querySelector('.bd-parts')!;
    expect(seen(parts)).toBe('Own evidence 70 (weight 4.5) · Team mean 50 (weight 4) → 38');
    expect(spoken(parts)).toBe(
      'Own evidence 70 (weight 4.5), Team mean 50 (weight 4), together 38',
    );
    expect(within(section).queryByText(/too little evidence/i)).toBeNull();
  });

  it('explains a score with too little evidence: one kept promise next to a team that broke some', async () => {
    // The bug report: reliability 31 beside "1 helped · 0 hurt", and nothing said why.
    const reliability: AgentDimensionScore = {
      score: 31,
      low: 6.2,
      high: 67.4,
      n: 1,
      own: { score: 100, weight: 0.9999 },
      team: { score: 13.75, weight: 4 },
      tooLittleEvidence: true,
    };
    const kept = items.find((item) => item.kind === 'promise-kept')!;
    render(
      <ScoreBreakdown
        agentId="anna"
        name="Anna Jansen"
        scores={{ ...scores.agents[0]!, reliability }}
        self
        load={async () => ok({ ...breakdown, items: [kept] })}
        now={NOW}
        onClose={() => undefined}
      />,
    );
    const section = await within(dialog()).findByRole('region', { name: /Reliability/ });
    const heading = within(section).getByRole('heading');
    expect(spoken(heading)).toBe('Reliability, now too little evidence · 6–67: 1 helped · 0 hurt');
    expect(heading.textContent).not.toMatch(/31/);
    // What is on screen adds up: (100 · 1.0 + 14 · 4) / 5 = 31.
    expect(seen(section.querySelector('.bd-parts-sum')!)).toBe(
      'Own evidence 100 (weight 1.0) · Team mean 14 (weight 4) → 31',
    );
    expect(section.querySelector('.bd-parts-note')!.textContent).toMatch(
      /^Too little evidence: the agent’s own evidence weighs less than the team mean’s 4.*6–67\.$/,
    );
  });

  it('says so when nothing has moved the scores yet, or the breakdown cannot be loaded', async () => {
    const empty = { ...breakdown, items: [] };
    const { unmount } = render(
      <ScoreBreakdown
        agentId="anna"
        name="Anna Jansen"
        scores={null}
        self={false}
        load={async () => ok(empty)}
        now={NOW}
        onClose={() => undefined}
      />,
    );
    expect(await within(dialog()).findByText(/Nothing has moved these scores yet/)).toBeTruthy();
    unmount();

    render(
      <ScoreBreakdown
        agentId="anna"
        name="Anna Jansen"
        scores={null}
        self={false}
        load={async () => ({ ok: false, error: { code: 'forbidden', message: 'Not yours.' } })}
        now={NOW}
        onClose={() => undefined}
      />,
    );
    expect((await within(dialog()).findByRole('alert')).textContent).toMatch(/Not yours\./);
  });

  it('loads again when the live scores move', async () => {
    const load = vi.fn(async () => ok(breakdown));
    const props = {
      agentId: 'anna',
      name: 'Anna Jansen',
      scores: null,
      self: true,
      load,
      now: NOW,
      onClose: () => undefined,
    };
    const { rerender } = render(<ScoreBreakdown {...props} version="v1" />);
    await waitFor(() => expect(load).toHaveBeenCalledTimes(1));
    rerender(<ScoreBreakdown {...props} version="v2" />);
    await waitFor(() => expect(load).toHaveBeenCalledTimes(2));
  });
});

describe('Opening a breakdown from Live scores', () => {
  it("offers an agent their own row only, and a supervisor everyone's", () => {
    const open = vi.fn();
    const { rerender } = render(
      <LiveScores
        scores={scores}
        selfId="ben"
        onOpenBreakdown={open}
        canOpenBreakdown={(id) => id === 'ben'}
      />,
    );
    const region = screen.getByRole('region', { name: 'Live scores' });
    expect(within(region).queryByRole('button', { name: /Anna Jansen/ })).toBeNull();
    fireEvent.click(within(region).getByRole('row', { name: /Anna Jansen/ }));
    expect(open).not.toHaveBeenCalled();

    fireEvent.click(within(region).getByRole('button', { name: /Ben Okafor/ }));
    expect(open).toHaveBeenLastCalledWith('ben');
    // Anywhere on the row does it too.
    fireEvent.click(
      within(within(region).getByRole('row', { name: /Ben Okafor/ })).getAllByRole('cell')[1]!,
    );
    expect(open).toHaveBeenCalledTimes(2);

    rerender(<LiveScores scores={scores} selfId="anna" onOpenBreakdown={open} />);
    fireEvent.click(within(region).getByRole('button', { name: /Ben Okafor/ }));
    expect(open).toHaveBeenLastCalledWith('ben');
    expect(within(region).getByRole('button', { name: /Anna Jansen/ })).toBeTruthy();
  });

  it('opens as a dialog from the console, by keyboard, and gives focus back on Escape', async () => {
    const live = new FakeLive({
      'inbox:list': () => ok({ agent: supervisor, conversations: [] }),
      'scores:get': () => ok(scores),
      'scores:breakdown': () => ok({ ...breakdown, agentId: 'ben', name: 'Ben Okafor' }),
    });
    render(<App api={signedInApi(supervisor)} connect={() => live} />);
    await screen.findByRole('navigation', { name: 'Conversations' });
    await waitFor(() => expect(live.subscribed).toBe(true));
    live.state('connected');

    const button = await screen.findByRole('button', { name: /Ben Okafor/ });
    expect(button.getAttribute('aria-haspopup')).toBe('dialog');
    button.focus();
    fireEvent.click(button); // Enter or Space on a button is a click
    expect(live.sent('scores:breakdown')).toEqual([{ agentId: 'ben' }]);
    const ben = dialog('Ben Okafor');
    await within(ben).findByRole('region', { name: /Experience/ });
    expect(document.activeElement).toBe(within(ben).getByRole('button', { name: 'Close' }));
    expect(ben.getAttribute('aria-modal')).toBe('true');

    // A score push reloads it.
    live.push('scores', { ...scores, at: new Date(NOW + 60_000).toISOString() });
    await waitFor(() => expect(live.sent('scores:breakdown')).toHaveLength(2));

    fireEvent.keyDown(ben, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: /Ben Okafor/ }));
  });
});

const supervisor: SignedInAgent = {
  id: 'anna',
  name: 'Anna Jansen',
  email: 'anna@demo.test',
  siteId: 'demo',
  siteName: 'Demo shop',
  role: 'supervisor',
  sites: [{ siteId: 'demo', siteName: 'Demo shop', role: 'supervisor' }],
};
