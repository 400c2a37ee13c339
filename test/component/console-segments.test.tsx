// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SegmentInsight, SegmentsBody } from '../../shared/insights';
import type { InsightsApi } from '../../widget/console/insightsApi';
import { Segments } from '../../widget/console/components/Segments';

afterEach(cleanup);

const score = (value: number | null, n: number) => ({ score: value, n });
const segment = (patch: Partial<SegmentInsight>): SegmentInsight => ({
  segment: 'business',
  ratings: 42,
  csat: { value: 81.2, n: 42 },
  scores: {
    experience: score(79.6, 42),
    responsiveness: score(88.1, 130),
    reliability: score(null, 0),
  },
  drivers: [
    { peak: { dimension: 'reliability', polarity: 'negative' }, bad: 5, good: 1, lift: 9.12 },
    { peak: { dimension: 'empathy', polarity: 'positive' }, bad: 0, good: 14, lift: 0.02 },
  ],
  ...patch,
});
const body = (segments: SegmentInsight[]): SegmentsBody => ({
  from: '2026-10-30T00:00:00.000Z',
  to: '2026-11-29T00:00:00.000Z',
  minRatingsToRank: 20,
  segments,
});

describe('the segments view', () => {
  it('shows each segment with its figures and what matters most, in a table', async () => {
    const api: InsightsApi = {
      trends: vi.fn(),
      expectation: vi.fn(),
      segments: vi.fn(async () => ({
        ok: true as const,
        data: body([segment({}), segment({ segment: null, ratings: 3, drivers: null })]),
      })),
    };
    render(<Segments api={api} siteId="demo" />);
    const table = await screen.findByRole('table', { name: /Segments of visitors/ });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((row) => row.querySelector('th')?.textContent)).toEqual([
      'business',
      'No segment',
    ]);
    const cells = within(rows[0]!)
      .getAllByRole('cell')
      .map((cell) => cell.textContent);
    expect(cells.slice(0, 5)).toEqual(['42', '81% n=42', '80 n=42', '88 n=130', '—']);
    // Only chips that mark bad endings more often than good ones.
    expect(
      within(rows[0]!)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['Broke a promise · in 5 bad, 1 good']);
    expect(rows[1]!.textContent).toMatch(/Too few ratings to rank \(3 of 20\)/);
  });

  it('asks again for another period, and says so when the server refuses', async () => {
    const segments = vi
      .fn<InsightsApi['segments']>()
      .mockResolvedValueOnce({ ok: true, data: body([]) })
      .mockResolvedValueOnce({ ok: false, error: { code: 'forbidden', message: 'Not yours.' } });
    render(<Segments api={{ segments, trends: vi.fn(), expectation: vi.fn() }} siteId="demo" />);
    await screen.findByText(/No ratings or evidence yet/);
    const [, first] = segments.mock.calls[0]!;
    expect(first.to.getTime() - first.from.getTime()).toBe(30 * 86_400_000);

    fireEvent.change(screen.getByRole('combobox', { name: 'Period' }), {
      target: { value: '7' },
    });
    await waitFor(() => expect(segments).toHaveBeenCalledTimes(2));
    const [, second] = segments.mock.calls[1]!;
    expect(second.to.getTime() - second.from.getTime()).toBe(7 * 86_400_000);
    expect((await screen.findByRole('alert')).textContent).toMatch(/Not yours\./);
  });
});
