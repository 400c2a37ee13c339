/**
 * The insights screens' calls (segments, trends, the expectation gap): read-only, for supervisors and admins;
 * the server answers 403 for anyone else.
 */
import type { Ack } from '../../shared/ack';
import type { ExpectationBody, SegmentsBody, TrendsBody } from '../../shared/insights';
import { requestJson, type Fetch } from './http';

export interface InsightsApi {
  /** Each segment of visitors, its ratings in [from, to) and its scores at `to`. */
  segments(siteId: string, period: { from: Date; to: Date }): Promise<Ack<SegmentsBody>>;
  /** Scores at the end of each day, week or month from `from` to `to` (or now). */
  trends(
    siteId: string,
    query: { interval: 'day' | 'week' | 'month'; from: Date; to: Date; agent?: string },
  ): Promise<Ack<TrendsBody>>;
  /** First replies per week from `from` to `to`, and the reply time stated against the kept. */
  expectation(
    siteId: string,
    query: { from: Date; to: Date; agent?: string },
  ): Promise<Ack<ExpectationBody>>;
}

export function httpInsightsApi(fetchFn: Fetch = (...args) => fetch(...args)): InsightsApi {
  return {
    segments(siteId, { from, to }) {
      const query = new URLSearchParams({ from: from.toISOString(), to: to.toISOString() });
      return requestJson<SegmentsBody>(
        fetchFn,
        'GET',
        `/api/v1/sites/${encodeURIComponent(siteId)}/segments?${query}`,
      );
    },
    trends(siteId, { interval, from, to, agent }) {
      const query = new URLSearchParams({
        interval,
        from: from.toISOString(),
        to: to.toISOString(),
        ...(agent && { agent }),
      });
      return requestJson<TrendsBody>(
        fetchFn,
        'GET',
        `/api/v1/sites/${encodeURIComponent(siteId)}/trends?${query}`,
      );
    },
    expectation(siteId, { from, to, agent }) {
      const query = new URLSearchParams({
        from: from.toISOString(),
        to: to.toISOString(),
        ...(agent && { agent }),
      });
      return requestJson<ExpectationBody>(
        fetchFn,
        'GET',
        `/api/v1/sites/${encodeURIComponent(siteId)}/expectation?${query}`,
      );
    },
  };
}
