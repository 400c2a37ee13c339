// @vitest-environment happy-dom
/**
 * The expectation gap panel in Trends: the stated time against the kept time in words, the
 * weekly table (share within the target, median, p90) for the site or the chosen agent, its
 * chart named "… over time", and what the widget says.
 */
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { InsightsApi } from '../../widget/console/insightsApi';
import { formatDuration } from '../../widget/console/components/ExpectationGap';
import { Trends } from '../../widget/console/components/Trends';
import { expectationBody } from '../support/expectation';
import { fakeChart } from '../support/console';

afterEach(cleanup);

const trendsOf: InsightsApi['trends'] = async () => ({
  ok: true,
  data: {
    interval: 'week',
    timeZone: 'Asia/Kolkata',
    from: '2026-08-13T12:00:00.000Z',
    to: '2026-11-12T12:00:00.000Z',
    buckets: [
      {
        start: '2026-11-08T18:30:00.000Z',
        end: '2026-11-12T12:00:00.000Z',
        partial: true,
        site: {
          responsiveness: { score: 80, n: 1 },
          reliability: { score: null, n: 0 },
          experience: { score: null, n: 0 },
          csat: { value: null, n: 0 },
        },
        agents: (['anna', 'ben'] as const).map((id) => ({
          agentId: id,
          name: id === 'anna' ? 'Anna' : 'Ben',
          ...Object.fromEntries(
            (['responsiveness', 'reliability', 'experience'] as const).map((d) => [
              d,
              {
                score: 50,
                low: 40,
                high: 60,
                n: 1,
                own: { score: 50, weight: 1 },
                team: { score: 50, weight: 4 },
                tooLittleEvidence: true,
              },
            ]),
          ),
          csat: { value: null, n: 0 },
        })) as never,
      },
    ],
  },
});

const cells = (row: HTMLElement) =>
  [within(row).getByRole('rowheader'), ...within(row).getAllByRole('cell')].map(
    (c) => c.textContent,
  );

describe('the expectation gap panel', () => {
  it('says the stated time against the kept time, and shows each week for the site', async () => {
    const expectation = vi.fn<InsightsApi['expectation']>(async () => ({
      ok: true,
      data: expectationBody(),
    }));
    const chart = fakeChart();
    render(
      <Trends
        api={{ segments: vi.fn(), trends: trendsOf, expectation }}
        siteId="demo"
        loadChart={chart.load}
      />,
    );
    const panel = await screen.findByRole('region', { name: 'Expectation gap' });
    await within(panel).findByText(
      /You say 2 minutes; you kept 3½ minutes for 80% of visitors in the last 7 days\./,
    );
    expect(panel.textContent).toContain('We usually reply within a few minutes');
    expect(
      within(panel).getByRole('img', { name: 'First replies within the target over time' }),
    ).toBeTruthy();
    const table = within(panel).getByRole('table', { name: 'First replies per week' });
    const rows = within(table).getAllByRole('row');
    expect(
      within(rows[0]!)
        .getAllByRole('columnheader')
        .map((c) => c.textContent),
    ).toEqual(['Week to', 'First replies', 'Within 2 minutes', 'Median wait', '90th percentile']);
    const body = rows.slice(1);
    expect(body.map((row) => cells(row).slice(1))).toEqual([
      ['6', '50%3', '1½ minutes', '6½ minutes'],
      ['5', '80%4', '50 seconds', '35 minutes'],
      ['11', '64%7', '1½ minutes', '6½ minutes'],
    ]);
    expect(cells(body[1]!)[0]).toContain('(so far)');
    expect(cells(body[2]!)[0]).toBe('All 2 weeks');
    await waitFor(() =>
      expect(chart.drawn.map((series) => series.values)).toContainEqual([50, 80]),
    );
    expect(expectation.mock.calls[0]![1].agent).toBeUndefined();
  });

  it('shows the chosen agent’s replies, and what the widget says when it follows', async () => {
    const expectation = vi.fn<InsightsApi['expectation']>(async () => ({
      ok: true,
      data: expectationBody({ followsKept: true, widgetMinutes: 4 }),
    }));
    render(
      <Trends
        api={{ segments: vi.fn(), trends: trendsOf, expectation }}
        siteId="demo"
        loadChart={fakeChart().load}
      />,
    );
    const panel = await screen.findByRole('region', { name: 'Expectation gap' });
    await within(panel).findByText(/We usually reply within 4 minutes/);
    fireEvent.change(await screen.findByLabelText('Who'), { target: { value: 'ben' } });
    await waitFor(() =>
      expect(expectation).toHaveBeenLastCalledWith(
        'demo',
        expect.objectContaining({ agent: 'ben' }),
      ),
    );
    const table = await within(panel).findByRole('table', { name: 'First replies per week' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((row) => cells(row).slice(1))).toEqual([
      ['3', '33%1', '2½ minutes', '6½ minutes'],
      ['2', '100%2', '10 seconds', '50 seconds'],
      ['5', '60%3', '1 minute', '6½ minutes'],
    ]);
  });

  it('says when nobody got a reply, and when the server refuses', async () => {
    const expectation = vi
      .fn<InsightsApi['expectation']>()
      .mockResolvedValueOnce({ ok: true, data: expectationBody({ keptSeconds: null }) })
      .mockResolvedValueOnce({ ok: false, error: { code: 'forbidden', message: 'Not yours.' } });
    render(
      <Trends
        api={{ segments: vi.fn(), trends: trendsOf, expectation }}
        siteId="demo"
        loadChart={fakeChart().load}
      />,
    );
    const panel = await screen.findByRole('region', { name: 'Expectation gap' });
    await within(panel).findByText(/no visitor got a first reply in the last 7 days/);
    fireEvent.change(await screen.findByLabelText('Who'), { target: { value: 'anna' } });
    expect((await within(panel).findByRole('alert')).textContent).toContain('Not yours.');
  });

  it('puts waits in words', () => {
    expect([1, 45, 59.4, 60, 75, 90, 210, 3600, 5400].map(formatDuration)).toEqual([
      '1 second',
      '45 seconds',
      '59 seconds',
      '1 minute',
      '1½ minutes',
      '1½ minutes',
      '3½ minutes',
      '1 hour',
      '1½ hours',
    ]);
  });
});
