/**
 * `GET /api/v1/sites/:siteId/trends?interval=day|week|month&from=&to=&agent=`: the site's scores
 * over time, one bucket per day, ISO week or month of its time zone, each the scores at the
 * bucket's end exactly as `GET scores?at=<end>` gives them (insights/trends.ts). For the site's
 * key or a supervisor's (or admin's) console session, as the scores. Without a period: up to
 * now, 30 days of days, 13 weeks of weeks or 12 months of months.
 */
import express, { type Router } from 'express';
import { z } from 'zod';
import { ZId } from '../../shared/facts';
import type { TrendsBody } from '../../shared/insights';
import { DAY, iso } from '../../shared/time';
import { TREND_INTERVALS, type TrendInterval } from '../../shared/zoned';
import type { Sessions } from '../auth/sessions';
import type { Clock } from '../clock';
import { Refusal } from '../errors';
import { bucketSpans, MAX_BUCKETS, trendBuckets } from '../insights/trends';
import type { Store } from '../storage/store';
import { IN_ORDER, inOrder, ZWhen } from './rating-query';
import { supervisorOrSiteKey } from './site-auth';
import { parseQuery } from './validate';
import { apiRoute } from '../openapi/route';
import { TRENDS_EXAMPLE } from '../openapi/examples';
import { ZTrendsBody } from '../openapi/views';

const ZTrendsQuery = z
  .strictObject({
    interval: z
      .enum(TREND_INTERVALS, { error: `must be one of ${TREND_INTERVALS.join(', ')}` })
      .optional(),
    from: ZWhen.optional(),
    to: ZWhen.optional(),
    agent: ZId.optional(),
  })
  .refine(inOrder, IN_ORDER);

/** How far back a trend reaches when no `from` is given. */
const DEFAULT_SPAN_MS: Record<TrendInterval, number> = {
  day: 30 * DAY,
  week: 13 * 7 * DAY,
  month: 365 * DAY,
};

/** The route below, as the OpenAPI document describes it (server/openapi/registry.ts). */
export const TREND_API = {
  trends: apiRoute({
    method: 'get',
    path: '/api/v1/sites/:siteId/trends',
    tag: 'Insights',
    summary: 'Scores over time',
    description:
      "Responsiveness, reliability, experience and CSAT by day, week or month in the site's time zone; the last bucket is partial and ends now.",
    auth: ['siteKey', 'session'],
    query: ZTrendsQuery,
    responses: {
      200: {
        description: 'The figures.',
        schema: ZTrendsBody,
        example: TRENDS_EXAMPLE,
      },
    },
  }),
};

export function trendRoutes(store: Store, sessions: Sessions, clock: Clock): Router {
  const router = express.Router();

  router.get(TREND_API.trends.path, async (req, res) => {
    const site = await supervisorOrSiteKey(req, store, sessions, clock, 'its trends');
    const query = parseQuery(TREND_API.trends.query, req.query);
    const now = clock.now();
    const interval = query.interval ?? 'week';
    const to = query.to ?? now;
    if (to > now) throw new Refusal('invalid', 'to: trends cannot be read in the future.');
    const from = query.from ?? to - DEFAULT_SPAN_MS[interval];
    const zone = site.settings.timeZone;
    const spans = bucketSpans(interval, from, to, now, zone);
    if (spans === null) {
      throw new Refusal(
        'invalid',
        `from, to: at most ${MAX_BUCKETS} buckets of a ${interval}; choose a shorter period ` +
          'or a longer interval.',
      );
    }
    const agents = await store.listAgents(site.id);
    if (query.agent !== undefined && !agents.some((a) => a.id === query.agent)) {
      throw new Refusal('not_found', `agent: this site has no agent ${query.agent}.`);
    }
    const points = await store.trendPoints(
      site.id,
      spans.map((span) => span.end),
      site.settings,
    );
    const body: TrendsBody = {
      interval,
      timeZone: zone,
      from: iso(from),
      to: iso(to),
      buckets: trendBuckets(spans, points, agents, site.settings, query.agent),
    };
    res.setHeader('Cache-Control', 'no-store');
    res.json(body);
  });

  return router;
}
