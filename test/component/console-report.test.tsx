// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CommentView } from '../../shared/comments';
import type { SegmentsBody, TrendBucket, TrendsBody } from '../../shared/insights';
import type { ReportBody } from '../../shared/report';
import type { AgentDimensionScore } from '../../shared/scoring/types';
import { Comments } from '../../widget/console/components/Comments';
import { expectationBody } from '../support/expectation';
import { Report } from '../../widget/console/components/Report';
import type { InsightsApi } from '../../widget/console/insightsApi';
import type { ReportApi } from '../../widget/console/reportApi';
import { fakeChart } from '../support/console';

afterEach(cleanup);

const agentScore = (score: number, n: number): AgentDimensionScore => ({
  score,
  low: score - 10,
  high: score + 10,
  n,
  own: { score, weight: n },
  team: { score: 50, weight: 4 },
  tooLittleEvidence: false,
});

const bucket = (end: string, site: number, anna: number, csat: number): TrendBucket => ({
  start: end,
  end,
  partial: false,
  site: {
    responsiveness: { score: site, n: 10 },
    reliability: { score: null, n: 0 },
    experience: { score: site - 5, n: 8 },
    csat: { value: csat, n: 8 },
  },
  agents: [
    {
      agentId: 'anna',
      name: 'Anna',
      responsiveness: agentScore(anna, 6),
      reliability: agentScore(50, 0),
      experience: agentScore(70, 5),
      csat: { value: 80, n: 5 },
    },
  ],
});

const tally = (rating: number, status: Partial<ReportBody['followups']['opened']['byStatus']>) => ({
  total: rating + 1,
  byCause: { rating, promise: 1, reopen: 0 },
  byStatus: { new: 0, contacted: 0, resolved: 0, dismissed: 0, ...status },
});

const frame: ReportBody = {
  week: '2026-W47',
  from: '2026-11-15T23:00:00.000Z',
  to: '2026-11-22T23:00:00.000Z',
  timeZone: 'Europe/Amsterdam',
  previous: { week: '2026-W46', from: '2026-11-08T23:00:00.000Z', to: '2026-11-15T23:00:00.000Z' },
  latest: '2026-W47',
  followups: {
    opened: tally(3, { new: 2, contacted: 1, resolved: 1 }),
    closed: tally(1, { resolved: 1, dismissed: 1 }),
  },
};

const trends: TrendsBody = {
  interval: 'week',
  timeZone: 'Europe/Amsterdam',
  from: '2026-09-01T00:00:00.000Z',
  to: frame.to,
  buckets: [
    bucket('2026-11-08T23:00:00.000Z', 60, 50, 50),
    bucket(frame.previous.to, 70, 66, 75),
    bucket(frame.to, 74, 61, 75),
  ],
};

const segments: SegmentsBody = {
  from: frame.from,
  to: frame.to,
  minRatingsToRank: 20,
  segments: [
    {
      segment: 'business',
      ratings: 24,
      csat: { value: 62.5, n: 24 },
      scores: {
        responsiveness: { score: 70, n: 10 },
        reliability: { score: 80, n: 4 },
        experience: { score: 65, n: 24 },
      },
      drivers: [
        { peak: { dimension: 'responsiveness', polarity: 'negative' }, bad: 6, good: 1, lift: 5 },
      ],
    },
    {
      segment: null,
      ratings: 3,
      csat: { value: 100, n: 3 },
      scores: {
        responsiveness: { score: null, n: 0 },
        reliability: { score: null, n: 0 },
        experience: { score: 90, n: 3 },
      },
      drivers: null,
    },
  ],
};

const moment = (id: string, agent: string, comment: string | null): CommentView => ({
  conversationId: id,
  visitorLabel: `Visitor ${id.toUpperCase()}`,
  segment: 'business',
  agent: { id: agent.toLowerCase(), name: agent },
  end: 5,
  peak: { dimension: 'empathy', polarity: 'positive' },
  comment,
  at: '2026-11-18T10:00:00.000Z',
  excluded: null,
});

function fakeApis() {
  const api: ReportApi = {
    report: vi.fn<ReportApi['report']>(async () => ({ ok: true, data: frame })),
    comments: vi.fn<ReportApi['comments']>(async (_site, query) =>
      query.cursor
        ? { ok: true, data: { comments: [moment('c3', 'Ben', null)], next: null } }
        : {
            ok: true,
            data: {
              comments: [moment('c1', 'Anna', 'She really listened'), moment('c2', 'Anna', null)],
              next: 'more',
            },
          },
    ),
  };
  const insights: InsightsApi = {
    trends: vi.fn<InsightsApi['trends']>(async () => ({ ok: true, data: trends })),
    segments: vi.fn<InsightsApi['segments']>(async () => ({ ok: true, data: segments })),
    expectation: vi.fn<InsightsApi['expectation']>(async () => ({
      ok: true,
      data: expectationBody(),
    })),
  };
  return { api, insights };
}

const cells = (row: HTMLElement) =>
  [...within(row).queryAllByRole('rowheader'), ...within(row).getAllByRole('cell')].map((cell) =>
    (cell.textContent ?? '').replace(/\s+/g, ' ').trim(),
  );

describe('the weekly report', () => {
  it("shows the week's scores against the week before, per agent, from the week's own reads", async () => {
    const { api, insights } = fakeApis();
    render(<Report api={api} insights={insights} siteId="demo" loadChart={fakeChart().load} />);
    const table = await screen.findByRole('table', {
      name: "The site's scores at the week's end, against the week before",
    });
    expect(within(table).getAllByRole('row').slice(1).map(cells)).toEqual([
      ['Responsiveness', '74 n=10', '70 n=10', '▲up +4'],
      ['Reliability', '— n=0', '— n=0', '—'],
      ['Experience', '69 n=8', '65 n=8', '▲up +4'],
      ['CSAT', '75% n=8', '75% n=8', '±0'],
    ]);
    const agents = screen.getByRole('table', { name: /Each agent's scores/ });
    expect(cells(within(agents).getAllByRole('row')[1]!)[0]).toBe('Anna');
    expect(cells(within(agents).getAllByRole('row')[1]!)[1]).toBe('61 ▼down −5 n=6');
    // Without evidence, an agent's score is the team's prior: no change is claimed for it.
    expect(cells(within(agents).getAllByRole('row')[1]!)[2]).toBe('50 — n=0');
    // Every read covers the week the server framed, in the site's zone.
    expect(insights.segments).toHaveBeenCalledWith('demo', {
      from: new Date(frame.from),
      to: new Date(frame.to),
    });
    expect(api.comments).toHaveBeenCalledWith('demo', {
      from: frame.from,
      to: frame.to,
      peak: 'positive',
      limit: 50,
    });
    expect(screen.getByText(/2026-W47/)).toBeTruthy();
  });

  it('names each chart "… over time", with a table view', async () => {
    const { api, insights } = fakeApis();
    render(<Report api={api} insights={insights} siteId="demo" loadChart={fakeChart().load} />);
    for (const name of ['Responsiveness', 'Reliability', 'Experience', 'CSAT']) {
      expect(await screen.findByRole('img', { name: `${name} over time` })).toBeTruthy();
      const table = screen.getByRole('table', { name: `${name} over time` });
      expect(within(table).getAllByRole('row')).toHaveLength(4);
    }
  });

  it('lists the drivers of bad endings per segment, and the follow-ups opened and closed', async () => {
    const { api, insights } = fakeApis();
    render(<Report api={api} insights={insights} siteId="demo" loadChart={fakeChart().load} />);
    const drivers = await screen.findByRole('table', {
      name: 'Top drivers of bad endings in each segment this week',
    });
    const rows = within(drivers).getAllByRole('row').slice(1).map(cells);
    expect(rows[0]).toEqual(['business', '24', '63% n=24', 'Long waits · in 6 bad, 1 good']);
    expect(rows[1]?.[3]).toBe('Too few ratings to rank (3 of 20)');

    const byCause = screen.getByRole('table', { name: 'By cause' });
    expect(within(byCause).getAllByRole('row').slice(1).map(cells)).toEqual([
      ['Bad ending', '3', '1'],
      ['Broken promise', '1', '1'],
      ['Reopened', '0', '0'],
      ['All', '4', '2'],
    ]);
    const byStatus = screen.getByRole('table', { name: 'By status now' });
    expect(within(byStatus).getAllByRole('row').slice(1).map(cells)).toEqual([
      ['New', '2', '0'],
      ['Contacted', '1', '0'],
      ['Resolved', '1', '1'],
      ['Dismissed', '0', '1'],
    ]);
  });

  it('praises agents by name for the best moments, a page at a time', async () => {
    const { api, insights } = fakeApis();
    render(<Report api={api} insights={insights} siteId="demo" loadChart={fakeChart().load} />);
    const section = await screen.findByRole('region', { name: 'Best moments' });
    expect(within(section).getByText('She really listened')).toBeTruthy();
    expect(within(section).getAllByText('Really listened')).toHaveLength(2);
    fireEvent.click(within(section).getByRole('button', { name: 'Load more' }));
    await waitFor(() => expect(within(section).getAllByRole('listitem')).toHaveLength(3));
    expect(section.textContent).toContain('Anna 2, Ben 1.');
    expect(within(section).queryByRole('button', { name: 'Load more' })).toBeNull();
  });

  it('sets the reply time stated against the one kept, and the week’s first replies', async () => {
    const { api, insights } = fakeApis();
    render(<Report api={api} insights={insights} siteId="demo" loadChart={fakeChart().load} />);
    const gap = await screen.findByRole('region', { name: 'Expectation gap' });
    expect(gap.textContent).toContain(
      'You say 2 minutes; you kept 3½ minutes for 80% of visitors in the last 7 days.',
    );
    const figures = [...gap.querySelectorAll('dt')].map(
      (dt) => `${dt.textContent}: ${dt.nextElementSibling?.textContent}`,
    );
    expect(figures).toEqual([
      'First replies this week: 11',
      'Within 2 minutes: 64%',
      'Median first reply: 1½ minutes',
      '90th percentile: 6½ minutes',
    ]);
    const [, asked] = vi.mocked(insights.expectation).mock.calls[0]!;
    expect(asked.from.toISOString()).toBe(frame.from);
  });

  it('reads another week when one is picked, and prints with "Print"', async () => {
    const { api, insights } = fakeApis();
    const print = vi.fn();
    render(
      <Report
        api={api}
        insights={insights}
        siteId="demo"
        loadChart={fakeChart().load}
        print={print}
      />,
    );
    const week = (await screen.findByLabelText('Week')) as HTMLInputElement;
    await screen.findByRole('region', { name: 'Best moments' });
    expect(week.value).toBe('2026-W47');
    expect(week.max).toBe('2026-W47');
    fireEvent.change(week, { target: { value: '2026-W40' } });
    await waitFor(() => expect(api.report).toHaveBeenLastCalledWith('demo', '2026-W40'));
    await screen.findByRole('region', { name: 'Best moments' });
    fireEvent.click(screen.getByRole('button', { name: 'Print' }));
    expect(print).toHaveBeenCalledOnce();
  });

  it('says what failed when a read is refused', async () => {
    const { api, insights } = fakeApis();
    api.report = vi.fn(async () => ({
      ok: false as const,
      error: { code: 'forbidden' as const, message: 'Only supervisors.' },
    }));
    render(<Report api={api} insights={insights} siteId="demo" loadChart={fakeChart().load} />);
    expect((await screen.findByRole('alert')).textContent).toContain('Only supervisors.');
  });
});

describe('the comments feed', () => {
  it('lists comments and chips with the filters of the history, a page at a time', async () => {
    const { api } = fakeApis();
    const now = Date.parse('2026-11-25T12:00:00Z');
    render(<Comments api={api} siteId="demo" team={[{ id: 'anna', name: 'Anna' }]} now={now} />);
    const list = await screen.findByRole('list', { name: 'Comments and chips' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(2);
    expect(api.comments).toHaveBeenLastCalledWith('demo', {
      from: new Date(now - 30 * 86_400_000).toISOString(),
    });
    fireEvent.change(screen.getByLabelText('Agent'), { target: { value: 'anna' } });
    fireEvent.change(screen.getByLabelText('Chip'), { target: { value: 'positive' } });
    fireEvent.change(screen.getByLabelText('Period'), { target: { value: '' } });
    await waitFor(() =>
      expect(api.comments).toHaveBeenLastCalledWith('demo', { agent: 'anna', peak: 'positive' }),
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Load more' }));
    await waitFor(() =>
      expect(within(screen.getByRole('list')).getAllByRole('listitem')).toHaveLength(3),
    );
    expect(
      screen.getByRole('link', { name: "Open Visitor C1's conversation" }).getAttribute('href'),
    ).toBe('#conversations?open=c1');
  });
});
