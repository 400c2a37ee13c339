/**
 * "Report": one ISO week of the site (issue #11 §7), laid out to print (console.css, @media
 * print): the week's scores against the week before, per agent, with the trend charts of the
 * last 12 weeks; what drove bad endings per segment; the expectation gap where the server has
 * it; the follow-ups opened and closed; and the best moments, naming the agent to praise. For
 * supervisors and admins. The week is the server's (report API): by default the last complete
 * one in the site's time zone, and every other read covers exactly its instants.
 */
import { useEffect, useState } from 'preact/hooks';
import type { AckError } from '../../../shared/ack';
import type { CommentView } from '../../../shared/comments';
import type { ExpectationBody, SegmentsBody, TrendsBody } from '../../../shared/insights';
import type { ReportBody } from '../../../shared/report';
import { useT, type ConsoleDictionary } from '../i18n';
import { consoleLocale } from '../i18n/locale';
import type { InsightsApi } from '../insightsApi';
import type { ReportApi } from '../reportApi';
import {
  BestMoments,
  ExpectationGapSection,
  WeekDrivers,
  WeekFollowups,
  WeekScores,
} from './ReportSections';
import { MEASURES, pointOf, TrendPanel, type ChartModule } from './Trends';

/** Weeks the charts reach back, the report's own included. */
const CHART_WEEKS = 12;
const WEEK_MS = 7 * 86_400_000;
const MOMENTS_PAGE = 50;

interface Props {
  api: ReportApi;
  insights: InsightsApi;
  siteId: string;
  loadChart?: () => Promise<ChartModule>;
  /** Prints the page; the browser's own by default. */
  print?: () => void;
}

/** Everything the week shows, loaded together once the week's frame is known. */
interface Week {
  frame: ReportBody;
  trends: TrendsBody;
  segments: SegmentsBody;
  moments: CommentView[];
  momentsNext: string | null;
  /** First replies that week against the time the site states. */
  gap: ExpectationBody;
}

const importChart = () => import('./trendChart');

export function Report({
  api,
  insights,
  siteId,
  loadChart = importChart,
  print = () => window.print(),
}: Props) {
  const t = useT();
  const words = t.insights.report;
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  const [week, setWeek] = useState<Week | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);

  useEffect(() => {
    let current = true;
    setWeek(null);
    setError(null);
    const fail = (what: keyof ConsoleDictionary['insights']['report']['failed'], error: AckError) =>
      current && setError(words.failed[what](t.insights.refusal(error.code, error.message)));
    void (async () => {
      const frame = await api.report(siteId, chosen);
      if (!current) return;
      if (!frame.ok) return fail('report', frame.error);
      const { from, to } = frame.data;
      const [trends, segments, moments, gap] = await Promise.all([
        insights.trends(siteId, {
          interval: 'week',
          from: new Date(Date.parse(to) - (CHART_WEEKS - 1) * WEEK_MS - 1),
          to: new Date(to),
        }),
        insights.segments(siteId, { from: new Date(from), to: new Date(to) }),
        api.comments(siteId, { from, to, peak: 'positive', limit: MOMENTS_PAGE }),
        insights.expectation(siteId, { from: new Date(from), to: new Date(to) }),
      ]);
      if (!current) return;
      if (!trends.ok) return fail('trends', trends.error);
      if (!segments.ok) return fail('segments', segments.error);
      if (!moments.ok) return fail('moments', moments.error);
      if (!gap.ok) return fail('replyTimes', gap.error);
      setWeek({
        frame: frame.data,
        trends: trends.data,
        segments: segments.data,
        moments: moments.data.comments,
        momentsNext: moments.data.next,
        gap: gap.data,
      });
    })();
    return () => {
      current = false;
    };
  }, [api, insights, siteId, chosen]);

  const loadMore = async () => {
    if (!week?.momentsNext) return;
    setLoadingMore(true);
    const { from, to } = week.frame;
    const answer = await api.comments(siteId, {
      from,
      to,
      peak: 'positive',
      limit: MOMENTS_PAGE,
      cursor: week.momentsNext,
    });
    setLoadingMore(false);
    if (!answer.ok) {
      return setError(
        words.moreFailed(t.insights.refusal(answer.error.code, answer.error.message)),
      );
    }
    setWeek({
      ...week,
      moments: [...week.moments, ...answer.data.comments],
      momentsNext: answer.data.next,
    });
  };

  const frame = week?.frame;
  const buckets = week?.trends.buckets ?? [];
  const thisWeek = buckets.find((b) => frame && Date.parse(b.end) === Date.parse(frame.to));
  const weekBefore = buckets.find(
    (b) => frame && Date.parse(b.end) === Date.parse(frame.previous.to),
  );

  return (
    <main class="insights report" aria-labelledby="report-title">
      <div class="insights-head">
        <div>
          <h1 id="report-title">{words.title}</h1>
          {frame && (
            <p class="report-period">{words.period(frame.week, weekDays(frame), frame.timeZone)}</p>
          )}
        </div>
        <div class="trends-controls report-controls report-control">
          <label class="field">
            <span class="field-label">{words.week}</span>
            <input
              type="week"
              value={chosen ?? frame?.week ?? ''}
              max={frame?.latest}
              onChange={(e) => {
                const value = e.currentTarget.value;
                if (/^\d{4}-W\d{2}$/.test(value)) setChosen(value);
              }}
            />
          </label>
          <button type="button" class="btn btn--primary" onClick={print} disabled={!week}>
            {words.print}
          </button>
        </div>
      </div>
      {error && (
        <div class="note note--error" role="alert">
          {error}
        </div>
      )}
      {!error && !week && (
        <p class="muted" role="status">
          {words.loading}
        </p>
      )}
      {week && frame && (
        <>
          {thisWeek ? (
            <WeekScores week={thisWeek} before={weekBefore ?? null} />
          ) : (
            <p class="insights-empty">{words.noScores}</p>
          )}
          <section class="report-section report-charts" aria-labelledby="report-trends">
            <h2 id="report-trends">{words.lastWeeks(buckets.length)}</h2>
            <div class="trends">
              {MEASURES.map((measure) => (
                <TrendPanel
                  key={measure}
                  measure={measure}
                  interval="week"
                  timeZone={frame.timeZone}
                  points={buckets.map((bucket) => pointOf(bucket, measure, ''))}
                  loadChart={loadChart}
                />
              ))}
            </div>
          </section>
          <WeekDrivers body={week.segments} />
          <ExpectationGapSection gap={week.gap} />
          <WeekFollowups followups={frame.followups} />
          <BestMoments
            moments={week.moments}
            more={week.momentsNext !== null}
            onMore={() => void loadMore()}
            loadingMore={loadingMore}
          />
        </>
      )}
    </main>
  );
}

/** "16 Nov – 22 Nov 2026": the week's days in the site's zone (its end is the next Monday). */
function weekDays({ from, to, timeZone }: { from: string; to: string; timeZone: string }) {
  const day = (at: number) =>
    new Date(at).toLocaleDateString(consoleLocale(), {
      timeZone,
      day: 'numeric',
      month: 'short',
      year: 'numeric',
    });
  return `${day(Date.parse(from))} – ${day(Date.parse(to) - 1)}`;
}
