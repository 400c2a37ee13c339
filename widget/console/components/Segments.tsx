/**
 * Segments: who the visitors are (as the host page says), and for each group its ratings, CSAT
 * and scores, and what matters most to it: the "what stood out" chips that mark its bad endings
 * far more often than its good ones. For supervisors and admins.
 */
import { useEffect, useId, useState } from 'preact/hooks';
import type { Driver, SegmentInsight, SegmentsBody } from '../../../shared/insights';
import type { SiteDimensionScore } from '../../../shared/scoring/types';
import type { InsightsApi } from '../insightsApi';
import { peakLabel } from '../peaks';
import { DAY_MS } from '../periods';
import { TableScroll } from './TableScroll';

const PERIODS = [
  { days: 7, label: 'Last 7 days' },
  { days: 30, label: 'Last 30 days' },
  { days: 90, label: 'Last 90 days' },
] as const;

/** Chips shown per segment: the strongest few say what matters; the rest are noise. */
const DRIVERS_SHOWN = 3;

interface Props {
  api: InsightsApi;
  siteId: string;
  /** The address of a segment's conversations in the history (null: those without one). */
  conversationsOf?: (segment: string | null) => string;
}

export function Segments({ api, siteId, conversationsOf }: Props) {
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
        if (!answer.ok) return setError(`Segments could not be loaded: ${answer.error.message}`);
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
        <h1 id="segments-title">Segments</h1>
        <label class="field">
          <span class="field-label">Period</span>
          <select value={days} onChange={(e) => setDays(Number(e.currentTarget.value))}>
            {PERIODS.map((period) => (
              <option key={period.days} value={period.days}>
                {period.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p class="insights-intro">
        Who your visitors are, as your pages say with <code>peakend('set', …)</code>. Scores are
        each group's evidence today; ratings and CSAT are those given in the period.
      </p>
      {error && (
        <div class="note note--error" role="alert">
          {error}
        </div>
      )}
      {!error && body === null && (
        <p class="muted" role="status">
          Loading segments…
        </p>
      )}
      {body && body.segments.length === 0 && (
        <p class="insights-empty">
          No ratings or evidence yet. Once conversations end, each group of visitors shows here.
        </p>
      )}
      {body && body.segments.length > 0 && (
        <TableScroll captionId={captionId}>
          <table class="insights-table">
            <caption id={captionId} class="sr-only">
              Segments of visitors, biggest first
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
                <th scope="col" class="num">
                  Experience
                </th>
                <th scope="col" class="num">
                  Responsiveness
                </th>
                <th scope="col" class="num">
                  Reliability
                </th>
                <th scope="col">What matters most</th>
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
  const name = segment.segment ?? <span class="muted">No segment</span>;
  return (
    <tr>
      <th scope="row">
        {href ? (
          <a href={href} title="Its conversations">
            {name}
          </a>
        ) : (
          name
        )}
      </th>
      <td class="num">{segment.ratings}</td>
      <td class="num">
        <Figure value={segment.csat.value} unit="%" n={segment.csat.n} />
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

function Figure({ value, unit = '', n }: { value: number | null; unit?: string; n: number }) {
  if (value === null) return <span class="muted">—</span>;
  return (
    <>
      {Math.round(value)}
      {unit}
      <span class="figure-n"> n={n}</span>
    </>
  );
}

export function Drivers(props: { drivers: Driver[] | null; ratings: number; minRatings: number }) {
  const { drivers, ratings, minRatings } = props;
  if (drivers === null) {
    return (
      <span class="muted">
        Too few ratings to rank ({ratings} of {minRatings})
      </span>
    );
  }
  // Ranked by lift (the server's order); only chips that mark bad endings more often than good
  // ones say what went wrong. The counts behind each are shown, as decided.
  const worse = drivers.filter((driver) => driver.lift > 1).slice(0, DRIVERS_SHOWN);
  if (worse.length === 0) return <span class="muted">No chip marks bad endings more</span>;
  return (
    <ul class="drivers">
      {worse.map((driver) => (
        <li
          key={`${driver.peak.dimension}-${driver.peak.polarity}`}
          class={`peak-chip peak-chip--${driver.peak.polarity}`}
        >
          {/* One flex item, so the space between the label and its counts stays. */}
          <span>
            {peakLabel(driver.peak)}{' '}
            <span class="driver-counts">
              · in {driver.bad} bad, {driver.good} good
            </span>
          </span>
        </li>
      ))}
    </ul>
  );
}
