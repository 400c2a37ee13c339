// @vitest-environment happy-dom
import { cleanup, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { LiveScores as LiveScoresView } from '../../shared/protocol';
import type { AgentDimensionScore, AgentScores } from '../../shared/scoring/types';
import { LiveScores } from '../../widget/console/components/LiveScores';
import { noScores } from '../support/console';

/** A score with plenty of evidence of its own (its parts do not matter to the table). */
const dim = (score: number, low: number, high: number, n: number): AgentDimensionScore => ({
  score,
  low,
  high,
  n,
  own: { score: n === 0 ? null : score, weight: n },
  team: { score: 50, weight: 4 },
  tooLittleEvidence: n === 0,
});

/**
 * The bug report: one kept promise (own evidence 100, weight 1) after a teammate broke promises
 * (team mean 13.75, weight 4) made reliability (100 · 1 + 13.75 · 4) / 5 = 31.
 */
const onePromiseKept: AgentDimensionScore = {
  score: 31,
  low: 6.2,
  high: 67.4,
  n: 1,
  own: { score: 100, weight: 1 },
  team: { score: 13.75, weight: 4 },
  tooLittleEvidence: true,
};

/** An agent without any evidence: the server sends the team mean, with n = 0. */
const newcomer = (agentId: string, name: string): AgentScores => ({
  agentId,
  name,
  responsiveness: dim(70.07, 31.1, 96.9, 0),
  reliability: dim(42.86, 9.0, 81.1, 0),
  experience: dim(57.07, 18.8, 90.9, 0),
  csat: { value: null, n: 0 },
});

const first: LiveScoresView = {
  at: '2025-03-04T10:00:00.000Z',
  site: {
    responsiveness: { score: 70.07, n: 24 },
    reliability: { score: 42.86, n: 9 },
    experience: { score: 57.07, n: 15 },
    csat: { value: 73.33, n: 15 },
  },
  agents: [
    {
      agentId: 'anna',
      name: 'Anna Berg',
      responsiveness: dim(80.02, 63.64, 92.73, 14),
      reliability: dim(74.6, 49.02, 93.72, 5),
      experience: dim(68.63, 47.71, 86.52, 9),
      csat: { value: 88.89, n: 9 },
    },
    {
      agentId: 'bo',
      name: 'Bo Lind',
      responsiveness: dim(58.55, 38.48, 77.4, 10),
      reliability: dim(20.88, 5.89, 41.09, 4),
      experience: dim(43.96, 22.41, 66.63, 6),
      csat: { value: 50, n: 6 },
    },
    newcomer('cy', 'Cy Park'),
  ],
};

function region() {
  return screen.getByRole('region', { name: 'Live scores' });
}

function rowOf(name: string) {
  return within(region()).getByRole('row', { name: new RegExp(name) });
}

function cellsOf(name: string) {
  return within(rowOf(name))
    .getAllByRole('cell')
    .map((cell) => cell.textContent);
}

/** What a screen reader reads of an element: its text without the parts hidden from it. */
function spokenText(element: Element) {
  const copy = element.cloneNode(true) as Element;
  copy.querySelectorAll('[aria-hidden="true"]').forEach((hidden) => hidden.remove());
  return copy.textContent?.replace(/\s+/g, ' ').trim();
}

afterEach(cleanup);

describe('Live scores', () => {
  it('renders one row per agent with each score, its 90% range and how much evidence', () => {
    render(<LiveScores scores={first} selfId="bo" />);

    const rows = within(region()).getAllByRole('row');
    expect(rows).toHaveLength(1 + first.agents.length); // header + agents

    expect(cellsOf('Anna Berg')).toEqual([
      '80, range 64–93, n=14',
      '75, range 49–94, n=5',
      '69, range 48–87, n=9',
      '89%, n=9',
    ]);
    expect(cellsOf('Bo Lind')).toEqual([
      '59, range 38–77, n=10',
      '21, range 6–41, n=4',
      '44, range 22–67, n=6',
      '50%, n=6',
    ]);
  });

  it('names each column and explains it in plain words on hover', () => {
    render(<LiveScores scores={first} selfId="bo" />);
    const headers = within(region()).getAllByRole('columnheader');
    expect(headers.map(spokenText)).toEqual([
      'Agent',
      'Responsiveness',
      'Reliability',
      'Experience',
      'CSAT',
    ]);
    const tooltip = (name: string) =>
      within(region()).getByRole('columnheader', { name }).getAttribute('title');
    expect(tooltip('Responsiveness')).toMatch(/reply time/);
    expect(tooltip('Reliability')).toMatch(/promises/);
    expect(tooltip('Experience')).toMatch(/ended.*stood out/);
    expect(tooltip('CSAT')).toMatch(/4 or 5.*30 days/);
  });

  it('spells out a score, its range and its evidence on hover', () => {
    render(<LiveScores scores={first} selfId="bo" />);
    const [responsiveness] = within(rowOf('Anna Berg')).getAllByRole('cell');
    expect(responsiveness!.querySelector('[title]')!.getAttribute('title')).toBe(
      'Responsiveness 80: likely between 64 and 93 (90%), from 14 observations.',
    );
  });

  it('does not rank an agent against the team by colour (the two figures do not compare)', () => {
    render(<LiveScores scores={first} selfId="bo" />);
    const titles = within(screen.getByRole('region', { name: 'Live scores' }))
      .getAllByRole('cell')
      .map((cell) => cell.querySelector('[title]')?.getAttribute('title') ?? '');
    expect(titles.some((title) => /team’s \d/.test(title) && /Clearly/.test(title))).toBe(false);
  });

  it('shows an agent without evidence as no data, never as the team mean it starts at', () => {
    render(<LiveScores scores={first} selfId="bo" />);
    const cy = rowOf('Cy Park');
    expect(within(cy).getByText('No data yet')).toBeTruthy();
    expect(cellsOf('Cy Park')).toEqual(['—, no data yet', '—, no data yet', '—, no data yet', '—']);
    // The prior (the team's 70, 43, 57) is not shown as if it were the agent's own score.
    expect(cy.textContent).not.toMatch(/\d/);
  });

  it('shows "no data yet" on a single dimension an agent has no evidence for', () => {
    const scores: LiveScoresView = {
      ...first,
      agents: [{ ...first.agents[0]!, reliability: dim(42.86, 9.0, 81.1, 0) }],
    };
    render(<LiveScores scores={scores} selfId="bo" />);
    expect(cellsOf('Anna Berg')).toEqual([
      '80, range 64–93, n=14',
      '—, no data yet',
      '69, range 48–87, n=9',
      '89%, n=9',
    ]);
    // Only an agent with no evidence at all is marked as such.
    expect(within(rowOf('Anna Berg')).queryByText('No data yet')).toBeNull();
  });

  it('shows a score with too little evidence as just that and its range, never a bare number', () => {
    const scores: LiveScoresView = {
      ...first,
      agents: [{ ...first.agents[0]!, reliability: onePromiseKept }],
    };
    render(<LiveScores scores={scores} selfId="bo" />);
    const cell = within(rowOf('Anna Berg')).getAllByRole('cell')[1]!;
    expect(cell.textContent).toBe('too little evidence, range 6–67, n=1');
    expect(spokenText(cell)).toBe('too little evidence, range 6–67, n=1');
    // Not the 31 it is pulled to by the team, anywhere in the cell, tooltip included.
    expect(cell.textContent).not.toMatch(/31/);
    const title = cell.querySelector('[title]')!.getAttribute('title')!;
    expect(title).not.toMatch(/31/);
    expect(title).toMatch(/too little evidence.*between 6 and 67/);
    // The other scores read as before.
    expect(cellsOf('Anna Berg')[0]).toBe('80, range 64–93, n=14');
    // The legend says what it means.
    expect(within(region()).getByText(/Too little evidence:/)).toBeTruthy();
  });

  it('flashes a row when a score moves from too little evidence to a number', () => {
    const thin: LiveScoresView = {
      ...first,
      agents: [{ ...first.agents[0]!, reliability: onePromiseKept }],
    };
    const { rerender } = render(<LiveScores scores={thin} selfId="bo" />);
    // The hidden number moving alone (the team mean shifted) changes nothing on screen.
    rerender(
      <LiveScores
        scores={{
          ...thin,
          agents: [{ ...first.agents[0]!, reliability: { ...onePromiseKept, score: 35 } }],
        }}
        selfId="bo"
      />,
    );
    expect(rowOf('Anna Berg').className).not.toMatch(/is-flashing/);
    rerender(<LiveScores scores={first} selfId="bo" />);
    expect(rowOf('Anna Berg').className).toMatch(/is-flashing/);
    expect(cellsOf('Anna Berg')[1]).toBe('75, range 49–94, n=5');
  });

  it('sums up the whole team on one line', () => {
    render(<LiveScores scores={first} selfId="bo" />);
    const team = within(region()).getByText(/^Team/).closest('p')!;
    expect(spokenText(team)).toBe(
      'Team: Responsiveness 70, Reliability 43, Experience 57, CSAT 73%',
    );
  });

  it("marks the signed-in agent's own row", () => {
    render(<LiveScores scores={first} selfId="bo" />);
    expect(within(rowOf('Bo Lind')).getByText('You')).toBeTruthy();
    expect(within(rowOf('Anna Berg')).queryByText('You')).toBeNull();
    expect(rowOf('Bo Lind').getAttribute('aria-current')).toBe('true');
  });

  it('updates when new scores arrive and highlights the rows that changed', () => {
    const { rerender } = render(<LiveScores scores={first} selfId="bo" />);
    expect(rowOf('Anna Berg').className).not.toMatch(/is-flashing/);

    // Bo keeps a promise; Cy gets a first rating; Dee joins.
    const next: LiveScoresView = {
      at: '2025-03-04T10:01:00.000Z',
      site: { ...first.site, reliability: { score: 52.63, n: 10 } },
      agents: [
        first.agents[0]!,
        { ...first.agents[1]!, reliability: dim(30.12, 11.2, 51.4, 5) },
        {
          ...newcomer('cy', 'Cy Park'),
          experience: dim(62.5, 30.1, 88.2, 1),
          csat: { value: 100, n: 1 },
        },
        newcomer('dee', 'Dee Moss'),
      ],
    };
    rerender(<LiveScores scores={next} selfId="bo" />);

    expect(cellsOf('Bo Lind')[1]).toBe('30, range 11–51, n=5');
    expect(cellsOf('Cy Park')).toEqual([
      '—, no data yet',
      '—, no data yet',
      '63, range 30–88, n=1',
      '100%, n=1',
    ]);
    expect(within(rowOf('Cy Park')).queryByText('No data yet')).toBeNull();
    expect(rowOf('Dee Moss')).toBeTruthy();
    expect(spokenText(within(region()).getByText(/^Team/).closest('p')!)).toMatch(/Reliability 53/);

    expect(rowOf('Bo Lind').className).toMatch(/is-flashing/);
    expect(rowOf('Cy Park').className).toMatch(/is-flashing/);
    expect(rowOf('Anna Berg').className).not.toMatch(/is-flashing/);
  });

  it('says so while loading and when the site has no agents or data', () => {
    const { rerender } = render(<LiveScores scores={null} selfId="bo" />);
    expect(within(region()).getByText(/Loading/)).toBeTruthy();
    const empty = noScores({ at: first.at });
    rerender(<LiveScores scores={empty} selfId="bo" />);
    expect(within(region()).getByText(/No agents/)).toBeTruthy();
    expect(spokenText(within(region()).getByText(/^Team/).closest('p')!)).toBe(
      'Team: Responsiveness —, Reliability —, Experience —, CSAT —',
    );
  });
});
