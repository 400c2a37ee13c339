/**
 * The weekly report's calls (issue #11 §7), for supervisors and admins: the week's frame and
 * follow-up counts and the best moments (the comments feed narrowed to good chips). The trends,
 * segments and expectation gap come from InsightsApi.
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

export interface ReportApi {
  /** The week's frame; without a week, the last complete one. */
  report(siteId: string, week?: string): Promise<Ack<ReportBody>>;
  comments(siteId: string, query: CommentsQuery): Promise<Ack<CommentsPage>>;
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
  };
}
