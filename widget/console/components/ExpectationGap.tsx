/**
 * The expectation gap (issue #11 §5), beside the trends: satisfaction is experience measured
 * against expectation, so the team sees the reply time it states against the one it keeps (the
 * 80th percentile of the last 7 days' first replies), and per ISO week the first replies, their
 * share within the target, and the median and 90th percentile of the waits, for the site or the
 * agent chosen in Trends. The share has a chart ("… over time") and every figure a table.
 */
import { useEffect, useId, useState } from 'preact/hooks';
import type { ExpectationBody, ReplyFigures, StatedReplyTime } from '../../../shared/insights';
import { waitIn } from '../figures';
import { useT } from '../i18n';
import { en } from '../i18n/en';
import type { InsightsApi } from '../insightsApi';
import { TableScroll } from './TableScroll';
import { Chart, lastDay, type ChartModule } from './TrendChart';
import { formatPercent } from '../format';

/** Thirteen weeks, as the trends' weekly view. */
const SPAN_MS = 12 * 7 * 86_400_000;

interface Props {
  api: InsightsApi;
  siteId: string;
  /** The agent chosen in Trends; empty: the whole site. */
  agent: string;
  loadChart: () => Promise<ChartModule>;
}

export function ExpectationGap({ api, siteId, agent, loadChart }: Props) {
  const t = useT();
  const words = t.insights.expectation;
  const { labels } = t.insights;
  const wait = (seconds: number) => waitIn(t.insights.duration, seconds);
  const [body, setBody] = useState<ExpectationBody | null>(null);
  const [error, setError] = useState<string | null>(null);
  const captionId = useId();

  useEffect(() => {
    let current = true;
    const to = new Date();
    setBody(null);
    void api
      .expectation(siteId, {
        from: new Date(to.getTime() - SPAN_MS),
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
      });
    return () => {
      current = false;
    };
  }, [api, siteId, agent]);

  const figuresOf = (row: {
    site: ReplyFigures;
    agents: (ReplyFigures & { agentId: string })[];
  }) => (agent ? (row.agents.find((a) => a.agentId === agent) ?? null) : row.site);
  const target = body ? wait(body.stated.targetReplySeconds) : '';
  const chartName = words.chart;

  return (
    <section class="expectation" aria-labelledby="expectation-title">
      <h2 id="expectation-title" class="expectation-title">
        {words.title}
      </h2>
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
        <>
          <StatedVersusKept stated={body.stated} />
          <p class="insights-intro">{words.intro(body.timeZone, Boolean(agent))}</p>
          <div class="trend">
            <h3 class="trend-title">{chartName}</h3>
            <Chart
              name={chartName}
              points={body.weeks.map((week) => ({
                end: week.end,
                partial: week.partial,
                value: figuresOf(week)?.withinShare ?? null,
                n: figuresOf(week)?.replies ?? 0,
              }))}
              loadChart={loadChart}
            />
            <details class="trend-table" open>
              <summary>{labels.tableView}</summary>
              <TableScroll captionId={captionId}>
                <table class="insights-table">
                  <caption id={captionId} class="sr-only">
                    {words.caption}
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">{t.insights.trends.weekTo}</th>
                      <th scope="col" class="num">
                        {words.firstReplies}
                      </th>
                      <th scope="col" class="num">
                        {words.within(target)}
                      </th>
                      <th scope="col" class="num">
                        {words.medianWait}
                      </th>
                      <th scope="col" class="num">
                        {words.p90}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {body.weeks.map((week) => (
                      <FiguresRow
                        key={week.end}
                        label={lastDay(week.end, body.timeZone)}
                        partial={week.partial}
                        figures={figuresOf(week)}
                      />
                    ))}
                  </tbody>
                  <tfoot>
                    <FiguresRow
                      label={words.allWeeks(body.weeks.length)}
                      partial={false}
                      figures={figuresOf(body.total)}
                    />
                  </tfoot>
                </table>
              </TableScroll>
            </details>
          </div>
        </>
      )}
    </section>
  );
}

/** "You say 2 minutes; you kept 3½ minutes for 80% of visitors in the last 7 days." */
function StatedVersusKept({ stated }: { stated: StatedReplyTime }) {
  const t = useT();
  const words = t.insights.expectation;
  const wait = (seconds: number) => waitIn(t.insights.duration, seconds);
  const said = wait(stated.targetReplySeconds);
  const kept = stated.keptSeconds;
  // The widget's own words in this language, so the console quotes exactly what visitors read.
  const says = words.quote(words.widgetReplyTime(stated.widgetMinutes));
  const widget =
    stated.widgetMinutes !== null
      ? words.widgetFollows(says)
      : stated.followsKept
        ? words.widgetFollowsNone(says)
        : words.widgetStates(says);
  return (
    <div class={kept !== null && kept > stated.targetReplySeconds ? 'gap gap--over' : 'gap'}>
      <p class="gap-summary">
        {kept === null
          ? words.noneKept(said, stated.keptDays)
          : words.kept(said, wait(kept), formatPercent(stated.keptPercentile), stated.keptDays)}
        {kept !== null && <span class="figure-n">n = {stated.keptReplies}</span>}
      </p>
      <p class="gap-note">{widget}</p>
    </div>
  );
}

function FiguresRow({
  label,
  partial,
  figures,
}: {
  label: string;
  partial: boolean;
  figures: ReplyFigures | null;
}) {
  const t = useT();
  const formatWait = (seconds: number | null) =>
    seconds === null ? '—' : waitIn(t.insights.duration, seconds);
  const share = figures?.withinShare ?? null;
  return (
    <tr>
      <th scope="row">
        {label}
        {partial && <span class="muted"> {t.insights.labels.soFar}</span>}
      </th>
      <td class="num">{figures?.replies ?? 0}</td>
      <td class="num">
        {share === null ? '—' : formatPercent(share)}
        {figures && figures.replies > 0 && <span class="figure-n">{figures.withinTarget}</span>}
      </td>
      <td class="num">{formatWait(figures?.medianSeconds ?? null)}</td>
      <td class="num">{formatWait(figures?.p90Seconds ?? null)}</td>
    </tr>
  );
}

/** A wait in English words ("3½ minutes"); the screens word waits in the language shown. */
export const formatDuration = (seconds: number): string => waitIn(en.insights.duration, seconds);
