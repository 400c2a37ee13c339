/**
 * The weekly report's sections (Report.tsx): the week's scores against the week before, per
 * agent too; what drove bad endings in each segment; the follow-ups of the week; the best
 * moments, naming the agent to praise; and the expectation gap. Each
 * takes figures already loaded, so the page decides what to load and when.
 */
import type { ComponentChildren } from 'preact';
import { useId } from 'preact/hooks';
import type { CommentView } from '../../../shared/comments';
import type { ExpectationBody, SegmentsBody, TrendBucket } from '../../../shared/insights';
import type { FollowupTally, ReportBody } from '../../../shared/report';
import { FOLLOWUP_CAUSES, FOLLOWUP_STATUSES } from '../../../shared/followups';
import { waitIn } from '../figures';
import { calendarDate, formatPercent } from '../format';
import { useT } from '../i18n';
import { endLabel, peakLabel } from '../peaks';
import { Drivers } from './Segments';
import { TableScroll } from './TableScroll';
import { MEASURES, pointOf, type Measure } from './Trends';

/** A measure's figure and n at one week's end (Trends.tsx's point). */
type Figure = { value: number | null; n: number } | null;

/**
 * The change from the week before, as an arrow and words a reader and a printer keep. Only
 * between figures with evidence: without any, an agent's score is the team's prior, and its
 * change would say nothing about the agent.
 */
function Delta({ now, before }: { now: Figure; before: Figure }) {
  const words = useT().insights.report.scores;
  if (!now || !before || now.value === null || before.value === null || !now.n || !before.n) {
    return <span class="muted">—</span>;
  }
  const change = Math.round(now.value) - Math.round(before.value);
  if (change === 0) return <span class="delta delta--same">±0</span>;
  const up = change > 0;
  return (
    <span class={`delta delta--${up ? 'up' : 'down'}`}>
      <span aria-hidden="true">{up ? '▲' : '▼'}</span>
      <span class="sr-only">{up ? words.up : words.down} </span>
      {up ? '+' : '−'}
      {Math.abs(change)}
    </span>
  );
}

const figure = (value: number | null, asPercent = false) =>
  value === null ? '—' : asPercent ? formatPercent(value) : `${Math.round(value)}`;

/** (a) The site's scores at the week's end against the week before's, then each agent's. */
export function WeekScores({ week, before }: { week: TrendBucket; before: TrendBucket | null }) {
  const t = useT();
  const words = t.insights.report.scores;
  const { labels, measures } = t.insights;
  const site = (bucket: TrendBucket | null, measure: Measure) =>
    bucket ? pointOf(bucket, measure, '') : null;
  const agent = (bucket: TrendBucket | null, id: string, measure: Measure) =>
    bucket ? pointOf(bucket, measure, id) : null;
  const scoresId = useId();
  const agentsId = useId();
  return (
    <section class="report-section" aria-labelledby="report-scores">
      <h2 id="report-scores">{words.title}</h2>
      <TableScroll captionId={scoresId}>
        <table class="insights-table">
          <caption id={scoresId} class="sr-only">
            {words.caption}
          </caption>
          <thead>
            <tr>
              <th scope="col">{words.measure}</th>
              <th scope="col" class="num">
                {words.thisWeek}
              </th>
              <th scope="col" class="num">
                {words.weekBefore}
              </th>
              <th scope="col" class="num">
                {labels.change}
              </th>
            </tr>
          </thead>
          <tbody>
            {MEASURES.map((key) => {
              const now = site(week, key);
              const then = site(before, key);
              const asPercent = key === 'csat';
              return (
                <tr key={key}>
                  <th scope="row">{measures[key]}</th>
                  <td class="num">
                    {figure(now?.value ?? null, asPercent)}
                    <span class="figure-n"> n={now?.n ?? 0}</span>
                  </td>
                  <td class="num">
                    {figure(then?.value ?? null, asPercent)}
                    <span class="figure-n"> n={then?.n ?? 0}</span>
                  </td>
                  <td class="num">
                    <Delta now={now} before={then} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableScroll>
      <h3>{words.eachAgent}</h3>
      {week.agents.length === 0 ? (
        <p class="insights-empty">{words.noAgents}</p>
      ) : (
        <TableScroll captionId={agentsId}>
          <table class="insights-table">
            <caption id={agentsId} class="sr-only">
              {words.agentsCaption}
            </caption>
            <thead>
              <tr>
                <th scope="col">{labels.agent}</th>
                {MEASURES.map((key) => (
                  <th key={key} scope="col" class="num">
                    {measures[key]}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {week.agents.map((row) => (
                <tr key={row.agentId}>
                  <th scope="row">{row.name}</th>
                  {MEASURES.map((key) => {
                    const now = agent(week, row.agentId, key);
                    const then = agent(before, row.agentId, key);
                    return (
                      <td key={key} class="num">
                        {figure(now?.value ?? null, key === 'csat')}{' '}
                        <Delta now={now} before={then} />
                        <span class="figure-n"> n={now?.n ?? 0}</span>
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}

/** (b) Per segment: the chips that marked its bad endings of the week far more than good ones. */
export function WeekDrivers({ body }: { body: SegmentsBody }) {
  const t = useT();
  const words = t.insights.report.drivers;
  const { labels, measures } = t.insights;
  const captionId = useId();
  return (
    <section class="report-section" aria-labelledby="report-drivers">
      <h2 id="report-drivers">{words.title}</h2>
      {body.segments.length === 0 ? (
        <p class="insights-empty">{words.empty}</p>
      ) : (
        <TableScroll captionId={captionId}>
          <table class="insights-table">
            <caption id={captionId} class="sr-only">
              {words.caption}
            </caption>
            <thead>
              <tr>
                <th scope="col">{labels.segment}</th>
                <th scope="col" class="num">
                  {labels.ratings}
                </th>
                <th scope="col" class="num">
                  {measures.csat}
                </th>
                <th scope="col">{words.top}</th>
              </tr>
            </thead>
            <tbody>
              {body.segments.map((segment) => (
                <tr key={segment.segment ?? ''}>
                  <th scope="row">
                    {segment.segment ?? <span class="muted">{labels.noSegment}</span>}
                  </th>
                  <td class="num">{segment.ratings}</td>
                  <td class="num">
                    {figure(segment.csat.value, true)}
                    <span class="figure-n"> n={segment.csat.n}</span>
                  </td>
                  <td>
                    <Drivers
                      drivers={segment.drivers}
                      ratings={segment.ratings}
                      minRatings={body.minRatingsToRank}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}

/** (d) The follow-ups the week opened and closed, by cause and by where they stand now. */
export function WeekFollowups({ followups }: { followups: ReportBody['followups'] }) {
  const { opened, closed } = followups;
  const t = useT();
  const words = t.insights.report.followups;
  const row = (label: string, pick: (tally: FollowupTally) => number) => (
    <tr key={label}>
      <th scope="row">{label}</th>
      <td class="num">{pick(opened)}</td>
      <td class="num">{pick(closed)}</td>
    </tr>
  );
  return (
    <section class="report-section" aria-labelledby="report-followups">
      <h2 id="report-followups">{words.title}</h2>
      <p class="insights-intro">{words.intro}</p>
      <div class="report-pair">
        <TallyTable caption={words.byCause} what={words.cause}>
          {FOLLOWUP_CAUSES.map((cause) =>
            row(words.causes[cause], (tally) => tally.byCause[cause]),
          )}
          {row(words.all, (tally) => tally.total)}
        </TallyTable>
        <TallyTable caption={words.byStatus} what={t.insights.labels.status}>
          {FOLLOWUP_STATUSES.map((status) =>
            row(t.insights.followupStatus[status], (tally) => tally.byStatus[status]),
          )}
        </TallyTable>
      </div>
    </section>
  );
}

/** (e) Ratings whose chip was good, naming the agent: the moments to praise. */
export function BestMoments(props: {
  moments: CommentView[];
  more: boolean;
  onMore: () => void;
  loadingMore: boolean;
}) {
  const { moments, more, onMore, loadingMore } = props;
  const t = useT();
  const words = t.insights.report.moments;
  const praised = new Map<string, number>();
  for (const moment of moments) {
    const name = moment.agent?.name;
    if (name && moment.excluded === null) praised.set(name, (praised.get(name) ?? 0) + 1);
  }
  return (
    <section class="report-section" aria-labelledby="report-moments">
      <h2 id="report-moments">{words.title}</h2>
      {moments.length === 0 ? (
        <p class="insights-empty">{words.empty}</p>
      ) : (
        <>
          <p class="insights-intro">
            {[...praised].map(([name, count], i) => (
              <span key={name}>
                {i > 0 && ', '}
                <strong>{name}</strong> {count}
              </span>
            ))}
            {praised.size > 0 && words.praisedEnd(more)}
          </p>
          <ul class="moments">
            {moments.map((moment) => (
              <li key={moment.conversationId} class="moment">
                <div class="moment-head">
                  <strong>{moment.agent?.name ?? t.insights.labels.unassigned}</strong>
                  <span class="peak-chip peak-chip--positive">{peakLabel(moment.peak, t)}</span>
                  <span class="muted">
                    {endLabel(moment.end, t)} · {calendarDate(moment.at)}
                    {moment.segment && ` · ${moment.segment}`}
                  </span>
                </div>
                {moment.comment && <blockquote class="moment-comment">{moment.comment}</blockquote>}
              </li>
            ))}
          </ul>
          {more && (
            <button
              type="button"
              class="btn btn--secondary report-control"
              onClick={onMore}
              disabled={loadingMore}
            >
              {loadingMore ? t.common.loading : t.insights.labels.loadMore}
            </button>
          )}
        </>
      )}
    </section>
  );
}

/**
 * (c) The expectation gap: the reply time the site states against the one it kept, and the
 * week's first replies (all of them, whichever week each was sent in, within the report's week).
 */
export function ExpectationGapSection({ gap }: { gap: ExpectationBody }) {
  const { stated, total } = gap;
  const figures = total.site;
  const t = useT();
  const words = t.insights.expectation;
  const wait = (seconds: number) => waitIn(t.insights.duration, seconds);
  const said = wait(stated.targetReplySeconds);
  return (
    <section class="report-section" aria-labelledby="report-gap">
      <h2 id="report-gap">{words.title}</h2>
      <p>
        {stated.keptSeconds === null
          ? words.tooFewKept(said, stated.keptDays)
          : words.kept(
              said,
              wait(stated.keptSeconds),
              formatPercent(stated.keptPercentile),
              stated.keptDays,
            )}
      </p>
      <dl class="report-figures">
        <div>
          <dt>{t.insights.report.gap.firstReplies}</dt>
          <dd>{figures.replies}</dd>
        </div>
        <div>
          <dt>{words.within(said)}</dt>
          <dd>{figures.withinShare === null ? '—' : formatPercent(figures.withinShare)}</dd>
        </div>
        <div>
          <dt>{t.insights.report.gap.median}</dt>
          <dd>{figures.medianSeconds === null ? '—' : wait(figures.medianSeconds)}</dd>
        </div>
        <div>
          <dt>{words.p90}</dt>
          <dd>{figures.p90Seconds === null ? '—' : wait(figures.p90Seconds)}</dd>
        </div>
      </dl>
    </section>
  );
}

/** Follow-ups opened and closed in the week, one row per `what` (a cause, a status). */
function TallyTable(props: { caption: string; what: string; children: ComponentChildren }) {
  const words = useT().insights.report.followups;
  return (
    <table class="insights-table">
      <caption>{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col">{props.what}</th>
          <th scope="col" class="num">
            {words.opened}
          </th>
          <th scope="col" class="num">
            {words.closed}
          </th>
        </tr>
      </thead>
      <tbody>{props.children}</tbody>
    </table>
  );
}
