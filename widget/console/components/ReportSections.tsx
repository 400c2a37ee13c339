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
import { calendarDate } from '../format';
import { endLabel, peakLabel } from '../peaks';
import { formatDuration } from './ExpectationGap';
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
  if (!now || !before || now.value === null || before.value === null || !now.n || !before.n) {
    return <span class="muted">—</span>;
  }
  const change = Math.round(now.value) - Math.round(before.value);
  if (change === 0) return <span class="delta delta--same">±0</span>;
  const up = change > 0;
  return (
    <span class={`delta delta--${up ? 'up' : 'down'}`}>
      <span aria-hidden="true">{up ? '▲' : '▼'}</span>
      <span class="sr-only">{up ? 'up' : 'down'} </span>
      {up ? '+' : '−'}
      {Math.abs(change)}
    </span>
  );
}

const figure = (value: number | null, unit = '') =>
  value === null ? '—' : `${Math.round(value)}${unit}`;

/** (a) The site's scores at the week's end against the week before's, then each agent's. */
export function WeekScores({ week, before }: { week: TrendBucket; before: TrendBucket | null }) {
  const site = (bucket: TrendBucket | null, measure: Measure) =>
    bucket ? pointOf(bucket, measure, '') : null;
  const agent = (bucket: TrendBucket | null, id: string, measure: Measure) =>
    bucket ? pointOf(bucket, measure, id) : null;
  const scoresId = useId();
  const agentsId = useId();
  return (
    <section class="report-section" aria-labelledby="report-scores">
      <h2 id="report-scores">Scores this week</h2>
      <TableScroll captionId={scoresId}>
        <table class="insights-table">
          <caption id={scoresId} class="sr-only">
            The site's scores at the week's end, against the week before
          </caption>
          <thead>
            <tr>
              <th scope="col">Measure</th>
              <th scope="col" class="num">
                This week
              </th>
              <th scope="col" class="num">
                Week before
              </th>
              <th scope="col" class="num">
                Change
              </th>
            </tr>
          </thead>
          <tbody>
            {MEASURES.map(({ key, label }) => {
              const now = site(week, key);
              const then = site(before, key);
              const unit = key === 'csat' ? '%' : '';
              return (
                <tr key={key}>
                  <th scope="row">{label}</th>
                  <td class="num">
                    {figure(now?.value ?? null, unit)}
                    <span class="figure-n"> n={now?.n ?? 0}</span>
                  </td>
                  <td class="num">
                    {figure(then?.value ?? null, unit)}
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
      <h3>Each agent</h3>
      {week.agents.length === 0 ? (
        <p class="insights-empty">No agent has scores yet.</p>
      ) : (
        <TableScroll captionId={agentsId}>
          <table class="insights-table">
            <caption id={agentsId} class="sr-only">
              Each agent's scores at the week's end, with the change from the week before
            </caption>
            <thead>
              <tr>
                <th scope="col">Agent</th>
                {MEASURES.map(({ key, label }) => (
                  <th key={key} scope="col" class="num">
                    {label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {week.agents.map((row) => (
                <tr key={row.agentId}>
                  <th scope="row">{row.name}</th>
                  {MEASURES.map(({ key }) => {
                    const now = agent(week, row.agentId, key);
                    const then = agent(before, row.agentId, key);
                    return (
                      <td key={key} class="num">
                        {figure(now?.value ?? null, key === 'csat' ? '%' : '')}{' '}
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
  const captionId = useId();
  return (
    <section class="report-section" aria-labelledby="report-drivers">
      <h2 id="report-drivers">What drove bad endings</h2>
      {body.segments.length === 0 ? (
        <p class="insights-empty">No ratings this week.</p>
      ) : (
        <TableScroll captionId={captionId}>
          <table class="insights-table">
            <caption id={captionId} class="sr-only">
              Top drivers of bad endings in each segment this week
            </caption>
            <thead>
              <tr>
                <th scope="col">Segment</th>
                <th scope="col" class="num">
                  Ratings
                </th>
                <th scope="col" class="num">
                  CSAT
                </th>
                <th scope="col">Top drivers of bad endings</th>
              </tr>
            </thead>
            <tbody>
              {body.segments.map((segment) => (
                <tr key={segment.segment ?? ''}>
                  <th scope="row">{segment.segment ?? <span class="muted">No segment</span>}</th>
                  <td class="num">{segment.ratings}</td>
                  <td class="num">
                    {figure(segment.csat.value, '%')}
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

const CAUSE_LABEL = { rating: 'Bad ending', promise: 'Broken promise', reopen: 'Reopened' };
const STATUS_LABEL = {
  new: 'New',
  contacted: 'Contacted',
  resolved: 'Resolved',
  dismissed: 'Dismissed',
};

/** (d) The follow-ups the week opened and closed, by cause and by where they stand now. */
export function WeekFollowups({ followups }: { followups: ReportBody['followups'] }) {
  const { opened, closed } = followups;
  const row = (label: string, pick: (tally: FollowupTally) => number) => (
    <tr key={label}>
      <th scope="row">{label}</th>
      <td class="num">{pick(opened)}</td>
      <td class="num">{pick(closed)}</td>
    </tr>
  );
  return (
    <section class="report-section" aria-labelledby="report-followups">
      <h2 id="report-followups">Follow-ups</h2>
      <p class="insights-intro">
        Opened: items whose cause (a bad ending, a broken promise, a reopen) fell in the week, by
        where they stand now. Closed: items resolved or dismissed, last changed in the week.
      </p>
      <div class="report-pair">
        <TallyTable caption="By cause" what="Cause">
          {FOLLOWUP_CAUSES.map((cause) => row(CAUSE_LABEL[cause], (tally) => tally.byCause[cause]))}
          {row('All', (tally) => tally.total)}
        </TallyTable>
        <TallyTable caption="By status now" what="Status">
          {FOLLOWUP_STATUSES.map((status) =>
            row(STATUS_LABEL[status], (tally) => tally.byStatus[status]),
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
  const praised = new Map<string, number>();
  for (const moment of moments) {
    const name = moment.agent?.name;
    if (name && moment.excluded === null) praised.set(name, (praised.get(name) ?? 0) + 1);
  }
  return (
    <section class="report-section" aria-labelledby="report-moments">
      <h2 id="report-moments">Best moments</h2>
      {moments.length === 0 ? (
        <p class="insights-empty">No rating this week named a good moment.</p>
      ) : (
        <>
          <p class="insights-intro">
            {[...praised].map(([name, count], i) => (
              <span key={name}>
                {i > 0 && ', '}
                <strong>{name}</strong> {count}
              </span>
            ))}
            {praised.size > 0 && (more ? ' so far.' : '.')}
          </p>
          <ul class="moments">
            {moments.map((moment) => (
              <li key={moment.conversationId} class="moment">
                <div class="moment-head">
                  <strong>{moment.agent?.name ?? 'Unassigned'}</strong>
                  <span class="peak-chip peak-chip--positive">{peakLabel(moment.peak)}</span>
                  <span class="muted">
                    {endLabel(moment.end)} · {calendarDate(moment.at)}
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
              {loadingMore ? 'Loading…' : 'Load more'}
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
  return (
    <section class="report-section" aria-labelledby="report-gap">
      <h2 id="report-gap">Expectation gap</h2>
      <p>
        You say {formatDuration(stated.targetReplySeconds)}
        {stated.keptSeconds === null
          ? '; too few first replies in the last 7 days to say what you keep.'
          : `; you kept ${formatDuration(stated.keptSeconds)} for ${stated.keptPercentile}% of visitors in the last ${stated.keptDays} days.`}
      </p>
      <dl class="report-figures">
        <div>
          <dt>First replies this week</dt>
          <dd>{figures.replies}</dd>
        </div>
        <div>
          <dt>Within {formatDuration(stated.targetReplySeconds)}</dt>
          <dd>{figures.withinShare === null ? '—' : `${Math.round(figures.withinShare)}%`}</dd>
        </div>
        <div>
          <dt>Median first reply</dt>
          <dd>{figures.medianSeconds === null ? '—' : formatDuration(figures.medianSeconds)}</dd>
        </div>
        <div>
          <dt>90th percentile</dt>
          <dd>{figures.p90Seconds === null ? '—' : formatDuration(figures.p90Seconds)}</dd>
        </div>
      </dl>
    </section>
  );
}

/** Follow-ups opened and closed in the week, one row per `what` (a cause, a status). */
function TallyTable(props: { caption: string; what: string; children: ComponentChildren }) {
  return (
    <table class="insights-table">
      <caption>{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col">{props.what}</th>
          <th scope="col" class="num">
            Opened
          </th>
          <th scope="col" class="num">
            Closed
          </th>
        </tr>
      </thead>
      <tbody>{props.children}</tbody>
    </table>
  );
}
