/**
 * `GET /api/v1/sites/:siteId/report?week=2026-W47`: the weekly report's frame (issue #11 §7):
 * the ISO week's instants in the site's time zone and the week before's, and the follow-ups of
 * the week, opened and closed, by cause and status. Without `week`: the last complete week.
 * For the site's key or a supervisor's (or admin's) console session, as the scores. The week's
 * scores, drivers and best moments are the trends, segments and comments APIs' for its instants.
 */
import express, { type Router } from 'express';
import { z } from 'zod';
import {
  FOLLOWUP_CAUSES,
  FOLLOWUP_STATUSES,
  type FollowupCause,
  type FollowupStatus,
} from '../../shared/followups';
import type { FollowupTally, ReportBody, ReportWeek } from '../../shared/report';
import { iso } from '../../shared/time';
import {
  lastCompleteWeek,
  shiftWeek,
  weekName,
  weekSpan,
  ZIsoWeek,
  type IsoWeek,
} from '../../shared/week';
import type { Sessions } from '../auth/sessions';
import type { Clock } from '../clock';
import { Refusal } from '../errors';
import type { FollowupTallyRow } from '../storage/followups';
import type { Store } from '../storage/store';
import { supervisorOrSiteKey } from './site-auth';
import { parseQuery } from './validate';
import { apiRoute } from '../openapi/route';
import { REPORT_EXAMPLE } from '../openapi/examples';
import { ZReportBody } from '../openapi/views';

const ZReportQuery = z.strictObject({ week: ZIsoWeek.optional() });

/** A week's name and instants; `weekSpan` is null only for weeks the query refused already. */
function reportWeek(week: IsoWeek, zone: string): { shown: ReportWeek; from: number; to: number } {
  const span = weekSpan(week, zone);
  if (!span) throw new Refusal('invalid', `week: ${weekName(week)} does not exist.`);
  return { shown: { week: weekName(week), from: iso(span.from), to: iso(span.to) }, ...span };
}

function tally(rows: readonly FollowupTallyRow[]): FollowupTally {
  const zero = <K extends string>(keys: readonly K[]) =>
    Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;
  const byCause = zero<FollowupCause>(FOLLOWUP_CAUSES);
  const byStatus = zero<FollowupStatus>(FOLLOWUP_STATUSES);
  let total = 0;
  for (const row of rows) {
    byCause[row.cause] += row.n;
    byStatus[row.status] += row.n;
    total += row.n;
  }
  return { total, byCause, byStatus };
}

/** The route below, as the OpenAPI document describes it (server/openapi/registry.ts). */
export const REPORT_API = {
  report: apiRoute({
    method: 'get',
    path: '/api/v1/sites/:siteId/report',
    tag: 'Insights',
    summary: 'The weekly report',
    description:
      "One ISO week (`week`, default the last complete one in the site's time zone) against the week before.",
    auth: ['siteKey', 'session'],
    query: ZReportQuery,
    responses: {
      200: {
        description: 'The figures.',
        schema: ZReportBody,
        example: REPORT_EXAMPLE,
      },
    },
  }),
};

export function reportRoutes(store: Store, sessions: Sessions, clock: Clock): Router {
  const router = express.Router();

  router.get(REPORT_API.report.path, async (req, res) => {
    const site = await supervisorOrSiteKey(req, store, sessions, clock, 'its report');
    const query = parseQuery(REPORT_API.report.query, req.query);
    const now = clock.now();
    const zone = site.settings.timeZone;
    const latest = lastCompleteWeek(now, zone);
    const chosen = query.week ?? latest;
    const { shown: week, ...span } = reportWeek(chosen, zone);
    // A week still running (or ahead) has no report yet: its figures would change under it.
    if (span.to > now) {
      throw new Refusal(
        'invalid',
        `week: ${week.week} has not ended yet; the latest complete week is ${weekName(latest)}.`,
      );
    }
    const previous = reportWeek(shiftWeek(chosen, -1), zone).shown;
    const counts = await store.followupTally(site.id, { ...span, until: now });
    const body: ReportBody = {
      ...week,
      timeZone: zone,
      previous,
      latest: weekName(latest),
      followups: { opened: tally(counts.opened), closed: tally(counts.closed) },
    };
    res.setHeader('Cache-Control', 'no-store');
    res.json(body);
  });

  return router;
}
