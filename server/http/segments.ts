/**
 * `GET /api/v1/sites/:siteId/segments?from=&to=`: each segment of visitors (who the host page
 * said they are) with its ratings in the period, CSAT, scores at the period's end, and what
 * matters most to it (insights/segments.ts). For the site's key or a supervisor's (or admin's)
 * console session, as the scores. Without a period: the last 30 days, up to now.
 */
import express, { type Router } from 'express';
import { DAY, iso } from '../../shared/time';
import type { Sessions } from '../auth/sessions';
import type { Clock } from '../clock';
import { Refusal } from '../errors';
import type { SegmentsBody } from '../../shared/insights';
import { segmentInsights, MIN_RATINGS_TO_RANK } from '../insights/segments';
import type { Store } from '../storage/store';
import { ZRatingWindow } from './rating-query';
import { supervisorOrSiteKey } from './site-auth';
import { parseQuery } from './validate';
import { apiRoute } from '../openapi/route';
import { SEGMENTS_EXAMPLE } from '../openapi/examples';
import { ZSegmentsBody } from '../openapi/views';

const DEFAULT_PERIOD_MS = 30 * DAY;

/** The route below, as the OpenAPI document describes it (server/openapi/registry.ts). */
export const SEGMENT_API = {
  segments: apiRoute({
    method: 'get',
    path: '/api/v1/sites/:siteId/segments',
    tag: 'Insights',
    summary: 'Ratings, CSAT and scores by segment',
    description:
      "Each group of visitors your pages describe (`peakend('set', …)`), and what matters most to each.",
    auth: ['siteKey', 'session'],
    query: ZRatingWindow,
    responses: {
      200: {
        description: 'The figures.',
        schema: ZSegmentsBody,
        example: SEGMENTS_EXAMPLE,
      },
    },
  }),
};

export function segmentRoutes(store: Store, sessions: Sessions, clock: Clock): Router {
  const router = express.Router();

  router.get(SEGMENT_API.segments.path, async (req, res) => {
    const site = await supervisorOrSiteKey(req, store, sessions, clock, 'its segments');
    const query = parseQuery(SEGMENT_API.segments.query, req.query);
    const now = clock.now();
    const to = query.to ?? now;
    if (to > now) throw new Refusal('invalid', 'to: segments cannot be read in the future.');
    const from = query.from ?? to - DEFAULT_PERIOD_MS;
    const [sums, ratings] = await Promise.all([
      store.segmentSumsAt(site.id, to, site.settings),
      store.segmentRatings(site.id, from, to),
    ]);
    const body: SegmentsBody = {
      from: iso(from),
      to: iso(to),
      minRatingsToRank: MIN_RATINGS_TO_RANK,
      segments: segmentInsights(sums, ratings),
    };
    res.setHeader('Cache-Control', 'no-store');
    res.json(body);
  });

  return router;
}
