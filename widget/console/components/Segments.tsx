/**
 * Segments: who the visitors are (as the host page says), and for each group its ratings, CSAT
 * and scores, and what matters most to it: the "what stood out" chips that mark its bad endings
 * far more often than its good ones. For supervisors and admins.
 */
import { useEffect, useId, useState } from 'preact/hooks';
import type { Driver, SegmentInsight, SegmentsBody } from '../../../shared/insights';
import type { SiteDimensionScore } from '../../../shared/scoring/types';
import { useT } from '../i18n';
import type { InsightsApi } from '../insightsApi';
import { peakLabel } from '../peaks';
import { DAY_MS } from '../periods';
import { TableScroll } from './TableScroll';
import { formatPercent } from '../format';

/** The periods offered, in days up to now. */
const PERIODS = [7, 30, 90] as const;

/** Chips shown per segment: the strongest few say what matters; the rest are noise. */
const DRIVERS_SHOWN = 3;

interface Props {
  api: InsightsApi;
  siteId: string;
  /** The address of a segment's conversations in the history (null: those without one). */
  conversationsOf?: (segment: string | null) => string;
}

export function Segments({ api, siteId, conversationsOf }: Props) {
  const t = useT();
  const words = t.insights.segments;
  const { labels, measures } = t.insights;
  const [days, setDays] = useState<number>(30);
  const captionId = useId();
  const [body, setBody] = useState<SegmentsBody | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    const to = new Date();
    setBody(null);
    void api
      .segments(siteId, { from: new Date(to.getTime() - days * DAY_MS), to })
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
  }, [api, siteId, days]);

  return (
    <main class="insights" aria-labelledby="segments-title">
      <div class="insights-head">
        <h1 id="segments-title">{words.title}</h1>
        <label class="field">
          <span class="field-label">{labels.period}</span>
          <select value={days} onChange={(e) => setDays(Number(e.currentTarget.value))}>
            {PERIODS.map((period) => (
              <option key={period} value={period}>
                {t.insights.periods.lastDays(period)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p class="insights-intro">
        {words.introBefore}
        <code>peakend('set', …)</code>
        {words.introAfter}
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
      {body && body.segments.length === 0 && <p class="insights-empty">{words.empty}</p>}
      {body && body.segments.length > 0 && (
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
                <th scope="col" class="num">
                  {measures.experience}
                </th>
                <th scope="col" class="num">
                  {measures.responsiveness}
                </th>
                <th scope="col" class="num">
                  {measures.reliability}
                </th>
                <th scope="col">{words.whatMatters}</th>
              </tr>
            </thead>
            <tbody>
              {body.segments.map((segment) => (
                <SegmentRow
                  key={segment.segment ?? ''}
                  segment={segment}
                  href={conversationsOf?.(segment.segment)}
                  minRatings={body.minRatingsToRank}
                />
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </main>
  );
}

function SegmentRow(props: { segment: SegmentInsight; minRatings: number; href?: string }) {
  const { segment, minRatings, href } = props;
  const t = useT();
  const name = segment.segment ?? <span class="muted">{t.insights.labels.noSegment}</span>;
  return (
    <tr>
      <th scope="row">
        {href ? (
          <a href={href} title={t.insights.segments.itsConversations}>
            {name}
          </a>
        ) : (
          name
        )}
      </th>
      <td class="num">{segment.ratings}</td>
      <td class="num">
        <Figure value={segment.csat.value} asPercent n={segment.csat.n} />
      </td>
      <td class="num">
        <Score score={segment.scores.experience} />
      </td>
      <td class="num">
        <Score score={segment.scores.responsiveness} />
      </td>
      <td class="num">
        <Score score={segment.scores.reliability} />
      </td>
      <td>
        <Drivers drivers={segment.drivers} ratings={segment.ratings} minRatings={minRatings} />
      </td>
    </tr>
  );
}

const Score = ({ score }: { score: SiteDimensionScore }) => (
  <Figure value={score.score} n={score.n} />
);

function Figure(props: { value: number | null; asPercent?: boolean; n: number }) {
  const { value, asPercent = false, n } = props;
  if (value === null) return <span class="muted">—</span>;
  return (
    <>
      {asPercent ? formatPercent(value) : Math.round(value)}
      <span class="figure-n"> n={n}</span>
    </>
  );
}

export function Drivers(props: { drivers: Driver[] | null; ratings: number; minRatings: number }) {
  const { drivers, ratings, minRatings } = props;
  const t = useT();
  const words = t.insights.segments;
  if (drivers === null) return <span class="muted">{words.tooFew(ratings, minRatings)}</span>;
  // Ranked by lift (the server's order); only chips that mark bad endings more often than good
  // ones say what went wrong. The counts behind each are shown, as decided.
  const worse = drivers.filter((driver) => driver.lift > 1).slice(0, DRIVERS_SHOWN);
  if (worse.length === 0) return <span class="muted">{words.noDriver}</span>;
  return (
    <ul class="drivers">
      {worse.map((driver) => (
        <li
          key={`${driver.peak.dimension}-${driver.peak.polarity}`}
          class={`peak-chip peak-chip--${driver.peak.polarity}`}
        >
          {/* One flex item, so the space between the label and its counts stays. */}
          <span>
            {peakLabel(driver.peak, t)}{' '}
            <span class="driver-counts">{words.driverCounts(driver.bad, driver.good)}</span>
          </span>
        </li>
      ))}
    </ul>
  );
}
