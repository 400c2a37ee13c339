/**
 * `GET /api/v1/sites/:siteId/expectation?from=&to=&agent=`: the expectation gap (issue #11 §5;
 * insights/expectation.ts). Per ISO week of the site's time zone in the period, and for all of
 * those weeks together, per site and per agent: first replies, their share within the target
 * reply time, and the median and 90th percentile of their Waits; and the reply time the site
 * states against the one it kept over the last 7 days. For the site's key or a supervisor's (or
 * admin's) console session, as the trends. Without a period: the last 13 weeks, up to now.
 */
import express, { type Router } from 'express';
import { z } from 'zod';
import { ZId } from '../../shared/facts';
import type { ExpectationBody } from '../../shared/insights';
import { DAY, iso } from '../../shared/time';
import type { Sessions } from '../auth/sessions';
import type { Clock } from '../clock';
import { Refusal } from '../errors';
import { expectationWeeks, statedReplyTime } from '../insights/expectation';
import { bucketSpans } from '../insights/trends';
import type { Store } from '../storage/store';
import { IN_ORDER, inOrder, ZWhen } from './rating-query';
import { supervisorOrSiteKey } from './site-auth';
import { parseQuery } from './validate';
import { apiRoute } from '../openapi/route';
import { EXPECTATION_EXAMPLE } from '../openapi/examples';
import { ZExpectationBody } from '../openapi/views';

const ZExpectationQuery = z
  .strictObject({ from: ZWhen.optional(), to: ZWhen.optional(), agent: ZId.optional() })
  .refine(inOrder, IN_ORDER);

/** How far back the weeks reach when no `from` is given. */
const DEFAULT_SPAN_MS = 13 * 7 * DAY;
/** At most this many weeks in one answer: two years. */
export const MAX_WEEKS = 106;

/** The route below, as the OpenAPI document describes it (server/openapi/registry.ts). */
export const EXPECTATION_API = {
  expectation: apiRoute({
    method: 'get',
    path: '/api/v1/sites/:siteId/expectation',
    tag: 'Insights',
    summary: 'Stated against kept reply times',
    description:
      'First replies by ISO week: within target, median and p90, for the site and each agent (`agent`: one). At most 106 weeks.',
    auth: ['siteKey', 'session'],
    query: ZExpectationQuery,
    responses: {
      200: {
        description: 'The figures.',
        schema: ZExpectationBody,
        example: EXPECTATION_EXAMPLE,
      },
    },
  }),
};

export function expectationRoutes(store: Store, sessions: Sessions, clock: Clock): Router {
  const router = express.Router();

  router.get(EXPECTATION_API.expectation.path, async (req, res) => {
    const site = await supervisorOrSiteKey(req, store, sessions, clock, 'its reply times');
    const query = parseQuery(EXPECTATION_API.expectation.query, req.query);
    const now = clock.now();
    const to = query.to ?? now;
    if (to > now) throw new Refusal('invalid', 'to: reply times cannot be read in the future.');
    const from = query.from ?? to - DEFAULT_SPAN_MS;
    const zone = site.settings.timeZone;
    const spans = bucketSpans('week', from, to, now, zone, MAX_WEEKS);
    if (spans === null) {
      throw new Refusal(
        'invalid',
        `from, to: at most ${MAX_WEEKS} weeks; choose a shorter period.`,
      );
    }
    const agents = await store.listAgents(site.id);
    if (query.agent !== undefined && !agents.some((a) => a.id === query.agent)) {
      throw new Refusal('not_found', `agent: this site has no agent ${query.agent}.`);
    }
    const [rows, stated] = await Promise.all([
      store.firstReplyFigures(site.id, spans, site.settings.targetReplySeconds * 1000),
      statedReplyTime(store, site.id, site.settings, now),
    ]);
    const body: ExpectationBody = {
      timeZone: zone,
      from: iso(from),
      to: iso(to),
      stated,
      ...expectationWeeks(spans, rows, agents, query.agent),
    };
    res.setHeader('Cache-Control', 'no-store');
    res.json(body);
  });

  return router;
}
