// @vitest-environment happy-dom
import { cleanup, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { LiveScores as LiveScoresView } from '../../shared/protocol';
import { LiveScores } from '../../widget/console/components/LiveScores';

const first: LiveScoresView = {
  at: '2025-03-04T10:00:00.000Z',
  agents: [
    {
      agentId: 'anna',
      name: 'Anna Berg',
      ratings: 3,
      meanEnd: 4.333,
      csat: { value: 66.67, n: 3 },
    },
    { agentId: 'bo', name: 'Bo Lind', ratings: 0, meanEnd: null, csat: { value: null, n: 0 } },
  ],
};

function region() {
  return screen.getByRole('region', { name: 'Live scores' });
}

function rowOf(name: string) {
  return within(region()).getByRole('row', { name: new RegExp(name) });
}

afterEach(cleanup);

describe('Live scores', () => {
  it('renders one row per agent with each figure', () => {
    render(<LiveScores scores={first} selfId="bo" />);

    const rows = within(region()).getAllByRole('row');
    expect(rows).toHaveLength(1 + first.agents.length); // header + agents

    const anna = rowOf('Anna Berg');
    const cells = within(anna)
      .getAllByRole('cell')
      .map((cell) => cell.textContent);
    expect(cells).toEqual(['3', '4.3', '67%, n=3']);

    const bo = rowOf('Bo Lind');
    expect(
      within(bo)
        .getAllByRole('cell')
        .map((cell) => cell.textContent),
    ).toEqual(['0', '—', '—']);
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

    const next: LiveScoresView = {
      at: '2025-03-04T10:01:00.000Z',
      agents: [
        first.agents[0]!,
        { agentId: 'bo', name: 'Bo Lind', ratings: 1, meanEnd: 5, csat: { value: 100, n: 1 } },
        { agentId: 'cy', name: 'Cy Park', ratings: 0, meanEnd: null, csat: { value: null, n: 0 } },
      ],
    };
    rerender(<LiveScores scores={next} selfId="bo" />);

    expect(
      within(rowOf('Bo Lind'))
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['1', '5.0', '100%, n=1']);
    expect(rowOf('Cy Park')).toBeTruthy();
    expect(rowOf('Bo Lind').className).toMatch(/is-flashing/);
    expect(rowOf('Anna Berg').className).not.toMatch(/is-flashing/);
  });

  it('says so while loading and when the site has no agents', () => {
    const { rerender } = render(<LiveScores scores={null} selfId="bo" />);
    expect(within(region()).getByText(/Loading/)).toBeTruthy();
    rerender(<LiveScores scores={{ at: first.at, agents: [] }} selfId="bo" />);
    expect(within(region()).getByText(/No agents/)).toBeTruthy();
  });
});
