/**
 * What `GET /api/v1/sites/:siteId/report?week=` answers (server/http/report.ts): the week the
 * weekly report covers, in the site's time zone, the week before, and the follow-up queue's
 * work of the week. The report's other figures come from the trends, segments and comments
 * APIs for exactly these instants, so every section of it covers the same days.
 */
import type { FollowupCause, FollowupStatus } from './followups';

export interface ReportWeek {
  /** `2026-W47`. */
  week: string;
  /** Where its Monday begins in the site's zone, and where the next Monday begins (ISO). */
  from: string;
  to: string;
}

/** Items by cause and by their status now. */
export interface FollowupTally {
  total: number;
  byCause: Record<FollowupCause, number>;
  byStatus: Record<FollowupStatus, number>;
}

export interface ReportBody extends ReportWeek {
  timeZone: string;
  previous: ReportWeek;
  /** The last complete week: the latest a report may cover. */
  latest: string;
  followups: {
    /** Items whose cause (a bad ending, a broken promise, a reopen) fell in the week. */
    opened: FollowupTally;
    /** Items now resolved or dismissed whose last change fell in the week. */
    closed: FollowupTally;
  };
}
