/**
 * Every route of the public HTTP API, as its route file declares it. To document a new route:
 * declare it with `apiRoute` beside its handler, mount the handler from the declaration, and add
 * its route file's declarations here. A test walks the app's router and fails on any /api/v1
 * route missing from this list.
 */
import { ACCOUNT_API } from '../http/account';
import { COMMENT_API } from '../http/comments';
import { EVENT_API } from '../http/events';
import { EXPECTATION_API } from '../http/expectation';
import { EXPORT_API } from '../http/exports';
import { FOLLOWUP_API } from '../http/followups';
import { HISTORY_API } from '../http/history';
import { INTEGRATION_API } from '../http/integrations';
import { INVITE_API } from '../http/invites';
import { RATING_API } from '../http/ratings';
import { REPORT_API } from '../http/report';
import { SCORE_API } from '../http/scores';
import { SEGMENT_API } from '../http/segments';
import { SESSION_API } from '../http/session';
import { SITE_API } from '../http/sites';
import { TEAM_API } from '../http/team';
import { TREND_API } from '../http/trends';
import { WEBHOOK_API } from '../http/webhooks';
import { VISITOR_API } from '../http/visitors';
import type { ApiRoute } from './route';

const DECLARED: readonly Record<string, ApiRoute>[] = [
  SITE_API,
  TEAM_API,
  SESSION_API,
  ACCOUNT_API,
  INVITE_API,
  EVENT_API,
  SCORE_API,
  EXPORT_API,
  COMMENT_API,
  HISTORY_API,
  SEGMENT_API,
  TREND_API,
  EXPECTATION_API,
  REPORT_API,
  FOLLOWUP_API,
  RATING_API,
  INTEGRATION_API,
  WEBHOOK_API,
  VISITOR_API,
];

export const API_ROUTES: readonly ApiRoute[] = DECLARED.flatMap((routes) => Object.values(routes));
