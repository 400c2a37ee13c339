/**
 * Trends: the site's (or one agent's) responsiveness, reliability, experience and CSAT over time,
 * one point per day, week or month of the site's time zone, each the score at the period's end
 * (its band the agent's interval, with n), compared with the period before. Each chart has a
 * table view with the same figures. For supervisors and admins.
 *
 * The charts are uPlot's, loaded on first use (trendChart.ts); until then, and if loading fails,
 * the tables still say everything.
 */
import { useEffect, useId, useState } from 'preact/hooks';
import type { TrendBucket, TrendsBody } from '../../../shared/insights';
import { useT } from '../i18n';
import type { InsightsApi } from '../insightsApi';
import { ExpectationGap } from './ExpectationGap';
import { TableScroll } from './TableScroll';
import { Chart, lastDay, type ChartModule, type Point } from './TrendChart';
import { DAY_MS } from '../periods';
import { formatDecimal, formatPercent } from '../format';

export type { ChartModule };

export type Interval = 'day' | 'week' | 'month';

const INTERVALS: Interval[] = ['day', 'week', 'month'];

const SPAN_MS: Record<Interval, number> = {
  day: 29 * DAY_MS,
  week: 12 * 7 * DAY_MS,
  month: 334 * DAY_MS,
};

/** The measures charted, in order (their words: `insights.measures`). */
export const MEASURES = ['responsiveness', 'reliability', 'experience', 'csat'] as const;
export type Measure = (typeof MEASURES)[number];

interface Props {
  api: InsightsApi;
  siteId: string;
  /** The chart module; the dynamic import by default (tests may pass their own). */
  loadChart?: () => Promise<ChartModule>;
}

const importChart = () => import('./trendChart');

export function Trends({ api, siteId, loadChart = importChart }: Props) {
  const t = useT();
  const words = t.insights.trends;
  const [interval, setInterval] = useState<Interval>('week');
  const [agent, setAgent] = useState<string>('');
  const [agents, setAgents] = useState<{ id: string; name: string }[]>([]);
  const [body, setBody] = useState<TrendsBody | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    const to = new Date();
    setBody(null);
    void api
      .trends(siteId, {
        interval,
        from: new Date(to.getTime() - SPAN_MS[interval]),
        to,
        ...(agent && { agent }),
      })
      .then((answer) => {
        if (!current) return;
        if (!answer.ok) {
          return setError(
            words.loadFailed(t.insights.refusal(answer.error.code, answer.error.message)),
          );
        }
        setError(null);
        setBody(answer.data);
        // The agent list comes from the whole site's answer (the filtered one holds one agent).
        if (!agent) {
          const last = answer.data.buckets.at(-1);
          setAgents(last ? last.agents.map((a) => ({ id: a.agentId, name: a.name })) : []);
        }
      });
    return () => {
      current = false;
    };
  }, [api, siteId, interval, agent]);

  return (
    <main class="insights" aria-labelledby="trends-title">
      <div class="insights-head">
        <h1 id="trends-title">{words.title}</h1>
        <div class="trends-controls">
          <label class="field">
            <span class="field-label">{words.periods}</span>
            <select
              value={interval}
              onChange={(e) => setInterval(e.currentTarget.value as Interval)}
            >
              {INTERVALS.map((option) => (
                <option key={option} value={option}>
                  {words.intervals[option]}
                </option>
              ))}
            </select>
          </label>
          <label class="field">
            <span class="field-label">{words.who}</span>
            <select value={agent} onChange={(e) => setAgent(e.currentTarget.value)}>
              <option value="">{words.wholeSite}</option>
              {agents.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </select>
          </label>
        </div>
      </div>
      <p class="insights-intro">
        {words.intro(body ? body.timeZone : null)} {agent ? words.bandAgent : words.bandSite}
      </p>
      {error && (
        <div class="note note--error" role="alert">
          {error}
        </div>
      )}
      {!error && body === null && (
        <p class="muted" role="status">
          {words.loading}
        </p>
      )}
      {body && (
        <div class="trends">
          {MEASURES.map((measure) => (
            <TrendPanel
              key={measure}
              measure={measure}
              interval={interval}
              timeZone={body.timeZone}
              points={body.buckets.map((bucket) => pointOf(bucket, measure, agent))}
              loadChart={loadChart}
            />
          ))}
        </div>
      )}
      <ExpectationGap api={api} siteId={siteId} agent={agent} loadChart={loadChart} />
    </main>
  );
}

/** One measure of one bucket: the agent's when one is chosen, else the site's. */
export function pointOf(bucket: TrendBucket, measure: Measure, agentId: string): Point {
  const base = { end: bucket.end, partial: bucket.partial };
  if (measure === 'csat') {
    const csat = agentId
      ? (bucket.agents.find((a) => a.agentId === agentId)?.csat ?? { value: null, n: 0 })
      : bucket.site.csat;
    return { ...base, value: csat.value, n: csat.n };
  }
  if (!agentId) {
    const site = bucket.site[measure];
    return { ...base, value: site.score, n: site.n };
  }
  const row = bucket.agents.find((a) => a.agentId === agentId);
  if (!row) return { ...base, value: null, n: 0 };
  const score = row[measure];
  return { ...base, value: score.score, low: score.low, high: score.high, n: score.n };
}

export function TrendPanel({
  measure,
  interval,
  timeZone,
  points,
  loadChart,
}: {
  measure: Measure;
  interval: Interval;
  /** The site's: a period's last day is named as the site's calendar says. */
  timeZone: string;
  points: Point[];
  loadChart: () => Promise<ChartModule>;
}) {
  const t = useT();
  const { labels } = t.insights;
  const words = t.insights.trends;
  const label = t.insights.measures[measure];
  const name = words.overTime(label);
  const id = `trend-${measure}`;
  const captionId = useId();
  return (
    <section class="trend" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} class="trend-title">
        {name}
      </h2>
      <Chart name={name} points={points} loadChart={loadChart} />
      <details class="trend-table">
        <summary>{labels.tableView}</summary>
        <TableScroll captionId={captionId}>
          <table class="insights-table">
            <caption id={captionId} class="sr-only">
              {name}
            </caption>
            <thead>
              <tr>
                <th scope="col">
                  {interval === 'day'
                    ? words.day
                    : interval === 'week'
                      ? words.weekTo
                      : words.monthTo}
                </th>
                <th scope="col" class="num">
                  {label}
                </th>
                {points.some((p) => p.low !== undefined) && (
                  <th scope="col" class="num">
                    {words.interval}
                  </th>
                )}
                <th scope="col" class="num">
                  n
                </th>
                <th scope="col" class="num">
                  {labels.change}
                </th>
              </tr>
            </thead>
            <tbody>
              {points.map((point, i) => (
                <tr key={point.end}>
                  <th scope="row">
                    {lastDay(point.end, timeZone)}
                    {point.partial && <span class="muted"> {labels.soFar}</span>}
                  </th>
                  <td class="num">{formatFigure(point.value, measure === 'csat')}</td>
                  {point.low !== undefined && (
                    <td class="num">
                      {Math.round(point.low)}–{Math.round(point.high ?? point.low)}
                    </td>
                  )}
                  <td class="num">{point.n}</td>
                  <td class="num">{formatChange(point.value, points[i - 1]?.value ?? null)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </details>
    </section>
  );
}

const formatFigure = (value: number | null, asPercent: boolean) =>
  value === null ? '—' : asPercent ? formatPercent(value, 1) : formatDecimal(value, 1);

/** The change from the period before, in points; a dash where either has no figure. */
function formatChange(value: number | null, before: number | null): string {
  if (value === null || before === null) return '—';
  const change = value - before;
  if (Math.abs(change) < 0.05) return `±${formatDecimal(0, 1)}`;
  return `${change > 0 ? '+' : '−'}${formatDecimal(Math.abs(change), 1)}`;
}
