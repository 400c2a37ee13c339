/**
 * The weekly report's calls (issue #11 §7), for supervisors and admins: the week's frame and
 * follow-up counts, the best moments (the comments feed narrowed to good chips), and the
 * expectation gap where the server has it. The trends and segments come from InsightsApi.
 */
import type { Ack } from '../../shared/ack';
import type { CommentsPage } from '../../shared/comments';
import type { ReportBody } from '../../shared/report';
import { requestJson, type Fetch } from './http';

/** What the comments feed can be asked: the history's agent and window, and the chip's tone. */
export interface CommentsQuery {
  from?: string;
  to?: string;
  agent?: string;
  peak?: 'positive' | 'negative';
  cursor?: string;
  limit?: number;
}

/** The expectation gap's answer, as the server gives it (its shape is that API's to define). */
export type ExpectationGap = Record<string, unknown>;

/**
 * Where the expectation gap will be served. Servers without it answer 404, and the report then
 * leaves the section out rather than show anything in its place.
 */
export const EXPECTATION_GAP_PATH = 'expectation-gap';

export interface ReportApi {
  /** The week's frame; without a week, the last complete one. */
  report(siteId: string, week?: string): Promise<Ack<ReportBody>>;
  comments(siteId: string, query: CommentsQuery): Promise<Ack<CommentsPage>>;
  /** The gap for the period; null when this server has no such API. */
  expectationGap(
    siteId: string,
    period: { from: string; to: string },
  ): Promise<Ack<ExpectationGap | null>>;
}

const sitePath = (siteId: string, rest: string) =>
  `/api/v1/sites/${encodeURIComponent(siteId)}/${rest}`;

export function httpReportApi(fetchFn: Fetch = (...args) => fetch(...args)): ReportApi {
  return {
    report(siteId, week) {
      const query = week ? `?${new URLSearchParams({ week })}` : '';
      return requestJson<ReportBody>(fetchFn, 'GET', sitePath(siteId, `report${query}`));
    },
    comments(siteId, query) {
      const params = new URLSearchParams();
      for (const [key, value] of Object.entries(query)) {
        if (value !== undefined && value !== '') params.set(key, String(value));
      }
      const rest = `comments${params.size ? `?${params}` : ''}`;
      return requestJson<CommentsPage>(fetchFn, 'GET', sitePath(siteId, rest));
    },
    async expectationGap(siteId, period) {
      const url = sitePath(siteId, `${EXPECTATION_GAP_PATH}?${new URLSearchParams(period)}`);
      // Feature detection: a 404 means this server has no such API, which is not an error.
      // (The server answers an unknown route 404 with code not_found, in its error envelope.)
      const answer = await requestJson<ExpectationGap>(fetchFn, 'GET', url);
      if (!answer.ok && answer.error.code === 'not_found') return { ok: true, data: null };
      return answer;
    },
  };
}
