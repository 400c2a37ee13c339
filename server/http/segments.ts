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

const DEFAULT_PERIOD_MS = 30 * DAY;

export function segmentRoutes(store: Store, sessions: Sessions, clock: Clock): Router {
  const router = express.Router();

  router.get('/api/v1/sites/:siteId/segments', async (req, res) => {
    const site = await supervisorOrSiteKey(req, store, sessions, 'its segments');
    const query = parseQuery(ZRatingWindow, req.query);
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
