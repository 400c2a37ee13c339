/**
 * The expectation gap (issue #11 §5), beside the trends: satisfaction is experience measured
 * against expectation, so the team sees the reply time it states against the one it keeps (the
 * 80th percentile of the last 7 days' first replies), and per ISO week the first replies, their
 * share within the target, and the median and 90th percentile of the waits, for the site or the
 * agent chosen in Trends. The share has a chart ("… over time") and every figure a table.
 */
import { useEffect, useId, useState } from 'preact/hooks';
import type { ExpectationBody, ReplyFigures, StatedReplyTime } from '../../../shared/insights';
import type { InsightsApi } from '../insightsApi';
import { TableScroll } from './TableScroll';
import { Chart, lastDay, type ChartModule } from './TrendChart';
import { en as widgetWords } from '../../app/i18n/en';

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
        if (!answer.ok) return setError(`Reply times could not be loaded: ${answer.error.message}`);
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
  const target = body ? formatDuration(body.stated.targetReplySeconds) : '';
  const chartName = 'First replies within the target over time';

  return (
    <section class="expectation" aria-labelledby="expectation-title">
      <h2 id="expectation-title" class="expectation-title">
        Expectation gap
      </h2>
      {error && (
        <div class="note note--error" role="alert">
          {error}
        </div>
      )}
      {!error && body === null && (
        <p class="muted" role="status">
          Loading reply times…
        </p>
      )}
      {body && (
        <>
          <StatedVersusKept stated={body.stated} />
          <p class="insights-intro">
            Each visitor’s first wait, from their message to the first reply, in the week the reply
            was sent ({body.timeZone} time),{' '}
            {agent ? 'for the replies this agent sent' : 'for the whole site'}. Median and 90th
            percentile are the waits half and nine in ten visitors got a reply within.
          </p>
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
              <summary>Table view</summary>
              <TableScroll captionId={captionId}>
                <table class="insights-table">
                  <caption id={captionId} class="sr-only">
                    First replies per week
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">Week to</th>
                      <th scope="col" class="num">
                        First replies
                      </th>
                      <th scope="col" class="num">
                        Within {target}
                      </th>
                      <th scope="col" class="num">
                        Median wait
                      </th>
                      <th scope="col" class="num">
                        90th percentile
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
                      label={`All ${body.weeks.length} weeks`}
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
  const said = formatDuration(stated.targetReplySeconds);
  const kept = stated.keptSeconds;
  // The widget's own English words, so the console quotes exactly what visitors read.
  const says = `“${widgetWords.replyTime(stated.widgetMinutes)}”`;
  const widget =
    stated.widgetMinutes !== null
      ? `The chat tells visitors ${says}, following the time you keep.`
      : stated.followsKept
        ? `The chat follows the time you keep; with no first replies to follow, it says ${says}.`
        : `The chat says ${says}; the site settings can let it state the time you keep.`;
  return (
    <div class={kept !== null && kept > stated.targetReplySeconds ? 'gap gap--over' : 'gap'}>
      <p class="gap-summary">
        {kept === null
          ? `You say ${said}; no visitor got a first reply in the last ${stated.keptDays} days.`
          : `You say ${said}; you kept ${formatDuration(kept)} for ${stated.keptPercentile}% of visitors in the last ${stated.keptDays} days.`}
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
  const share = figures?.withinShare ?? null;
  return (
    <tr>
      <th scope="row">
        {label}
        {partial && <span class="muted"> (so far)</span>}
      </th>
      <td class="num">{figures?.replies ?? 0}</td>
      <td class="num">
        {share === null ? '—' : `${share.toFixed(0)}%`}
        {figures && figures.replies > 0 && <span class="figure-n">{figures.withinTarget}</span>}
      </td>
      <td class="num">{formatWait(figures?.medianSeconds ?? null)}</td>
      <td class="num">{formatWait(figures?.p90Seconds ?? null)}</td>
    </tr>
  );
}

const formatWait = (seconds: number | null) => (seconds === null ? '—' : formatDuration(seconds));

/**
 * A wait in words: seconds under a minute, then minutes and hours to the nearest half
 * ("3½ minutes"), so the figures read as people say them.
 */
export function formatDuration(seconds: number): string {
  if (seconds < 59.5) {
    const s = Math.round(seconds);
    return `${s} second${s === 1 ? '' : 's'}`;
  }
  const [amount, unit] = seconds < 3600 ? [seconds / 60, 'minute'] : [seconds / 3600, 'hour'];
  const halves = Math.round(amount * 2);
  const whole = Math.floor(halves / 2);
  const text = halves % 2 ? (whole ? `${whole}½` : '½') : `${whole}`;
  return `${text} ${unit}${halves === 2 ? '' : 's'}`;
}
