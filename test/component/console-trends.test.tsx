// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TrendBucket, TrendsBody } from '../../shared/insights';
import type { AgentDimensionScore } from '../../shared/scoring/types';
import type { InsightsApi } from '../../widget/console/insightsApi';
import { Chart } from '../../widget/console/components/TrendChart';
import { Trends } from '../../widget/console/components/Trends';
import { noReplies } from '../support/expectation';
import { fakeChart } from '../support/console';

afterEach(cleanup);

const agentScore = (score: number, low: number, high: number, n: number): AgentDimensionScore => ({
  score,
  low,
  high,
  n,
  own: { score, weight: n },
  team: { score: 50, weight: 4 },
  tooLittleEvidence: false,
});

const bucket = (end: string, partial: boolean, site: number, anna: number): TrendBucket => ({
  start: '2026-10-26T00:00:00.000Z',
  end,
  partial,
  site: {
    responsiveness: { score: site, n: 10 },
    reliability: { score: null, n: 0 },
    experience: { score: site - 5, n: 8 },
    csat: { value: 75, n: 8 },
  },
  agents: [
    {
      agentId: 'anna',
      name: 'Anna',
      responsiveness: agentScore(anna, anna - 10, anna + 8, 6),
      reliability: agentScore(50, 10, 90, 0),
      experience: agentScore(70, 60, 80, 5),
      csat: { value: 80, n: 5 },
    },
  ],
});

const body: TrendsBody = {
  interval: 'week',
  timeZone: 'Europe/Amsterdam',
  from: '2026-08-01T00:00:00.000Z',
  to: '2026-11-04T10:00:00.000Z',
  buckets: [
    bucket('2026-10-26T00:00:00.000Z', false, 80, 70),
    bucket('2026-11-02T00:00:00.000Z', false, 83.4, 72),
    bucket('2026-11-04T10:00:00.000Z', true, 81, 72),
  ],
};

describe('the trends view', () => {
  it('names each chart "… over time" and gives each a table with n and the change', async () => {
    const trends = vi.fn<InsightsApi['trends']>(async () => ({ ok: true, data: body }));
    const chart = fakeChart();
    render(
      <Trends
        api={{ segments: vi.fn(), trends, expectation: vi.fn(noReplies) }}
        siteId="demo"
        loadChart={chart.load}
      />,
    );
    for (const name of ['Responsiveness', 'Reliability', 'Experience', 'CSAT']) {
      expect(await screen.findByRole('img', { name: `${name} over time` })).toBeTruthy();
    }
    const table = screen.getByRole('table', { name: 'Responsiveness over time' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(
      rows.map((row) =>
        within(row)
          .getAllByRole('cell')
          .map((c) => c.textContent),
      ),
    ).toEqual([
      ['80.0', '10', '—'],
      ['83.4', '10', '+3.4'],
      ['81.0', '10', '−2.4'],
    ]);
    expect(rows[2]!.textContent).toContain('(so far)');
    const csat = screen.getByRole('table', { name: 'CSAT over time' });
    expect(within(csat).getAllByRole('row')[1]!.textContent).toContain('75.0%');
    // Four measures, and the expectation gap's share within the target.
    await waitFor(() => expect(chart.drawn).toHaveLength(5));
    const responsiveness = chart.drawn.find((s) => s.values[0] === 80);
    expect(responsiveness?.values).toEqual([80, 83.4, 81]);
    expect(responsiveness?.low).toBeUndefined();
    const [, query] = trends.mock.calls[0]!;
    expect(query.interval).toBe('week');
    expect(query.agent).toBeUndefined();
  });

  it('shows one agent with the band of their interval, and asks again for other periods', async () => {
    const trends = vi.fn<InsightsApi['trends']>(async () => ({ ok: true, data: body }));
    const chart = fakeChart();
    render(
      <Trends
        api={{ segments: vi.fn(), trends, expectation: vi.fn(noReplies) }}
        siteId="demo"
        loadChart={chart.load}
      />,
    );
    await screen.findByRole('table', { name: 'Responsiveness over time' });
    fireEvent.change(screen.getByLabelText('Who'), { target: { value: 'anna' } });
    await waitFor(() =>
      expect(trends).toHaveBeenLastCalledWith('demo', expect.objectContaining({ agent: 'anna' })),
    );
    const table = await screen.findByRole('table', { name: 'Responsiveness over time' });
    await waitFor(() =>
      expect(within(table).getAllByRole('row')[1]!.textContent).toContain('60–78'),
    );
    await waitFor(() => expect(chart.drawn.some((s) => s.low?.[0] === 60)).toBe(true));
    fireEvent.change(screen.getByLabelText('Periods'), { target: { value: 'month' } });
    await waitFor(() =>
      expect(trends).toHaveBeenLastCalledWith(
        'demo',
        expect.objectContaining({ interval: 'month' }),
      ),
    );
  });

  it('keeps the tables when the chart cannot load, and says when the server refuses', async () => {
    const trends = vi
      .fn<InsightsApi['trends']>()
      .mockResolvedValueOnce({ ok: true, data: body })
      .mockResolvedValueOnce({ ok: false, error: { code: 'forbidden', message: 'Not yours.' } });
    const load = vi.fn(() => Promise.reject(new Error('offline')));
    render(
      <Trends
        api={{ segments: vi.fn(), trends, expectation: vi.fn(noReplies) }}
        siteId="demo"
        loadChart={load}
      />,
    );
    await screen.findByRole('table', { name: 'Experience over time' });
    // The four measures' charts and the expectation gap's.
    await waitFor(async () =>
      expect((await screen.findAllByText(/the table below has every figure/)).length).toBe(5),
    );
    fireEvent.change(screen.getByLabelText('Periods'), { target: { value: 'day' } });
    expect((await screen.findByRole('alert')).textContent).toContain('Not yours.');
  });
});

describe('a trend chart', () => {
  it('follows its box when the window or the layout changes its width', async () => {
    const observers: (() => void)[] = [];
    vi.stubGlobal(
      'ResizeObserver',
      class {
        constructor(callback: () => void) {
          observers.push(callback);
        }
        observe() {}
        disconnect() {}
      },
    );
    let width = 900;
    const widthSpy = vi
      .spyOn(HTMLElement.prototype, 'clientWidth', 'get')
      .mockImplementation(() => width);
    try {
      const chart = fakeChart();
      render(
        <Chart
          name="CSAT over time"
          points={[{ end: '2026-11-09T00:00:00.000Z', partial: false, value: 80, n: 12 }]}
          loadChart={chart.load}
        />,
      );
      await waitFor(() => expect(observers).toHaveLength(1));
      width = 640;
      observers[0]!();
      observers[0]!(); // the same width again: nothing to redraw
      width = 100; // narrower than a chart can be read: it keeps its smallest width
      observers[0]!();
      expect(chart.resized).toEqual([640, 280]);
    } finally {
      widthSpy.mockRestore();
      vi.unstubAllGlobals();
    }
  });
});
