/**
 * `GET /api/v1/sites/:siteId/scores[?at=ISO]`: the site's scores, for its key or a supervisor's
 * (or admin's) console session. Now: the live scoreboard, O(agents). A past time: the store
 * aggregates the observations stored up to then; no conversation is derived again.
 */
import express, { type Router } from 'express';
import { z } from 'zod';
import { assembleScores } from '../../shared/scoring/evaluate';
import { SumsAt } from '../../shared/scoring/sums';
import type { Sessions } from '../auth/sessions';
import type { Clock } from '../clock';
import { Refusal } from '../errors';
import type { Scoreboards } from '../scores/scoreboard';
import type { Store } from '../storage/store';
import { supervisorOrSiteKey } from './site-auth';
import { parseQuery } from './validate';
import { apiRoute } from '../openapi/route';
import { SCORES_EXAMPLE } from '../openapi/examples';
import { ZScoresBody } from '../openapi/views';

const ZScoresQuery = z.object({
  at: z.iso
    .datetime({ offset: true, error: 'must be an ISO-8601 time with a time zone' })
    .optional(),
});

/** The route below, as the OpenAPI document describes it (server/openapi/registry.ts). */
export const SCORE_API = {
  scores: apiRoute({
    method: 'get',
    path: '/api/v1/sites/:siteId/scores',
    tag: 'Scores',
    summary: "The site's scores",
    description:
      "Now (the live scoreboard), or at a past time `at`. For the site's key, or a supervisor's or admin's console session. Fields: docs/api.md and docs/scoring.md.",
    auth: ['siteKey', 'session'],
    query: ZScoresQuery,
    responses: {
      200: {
        description: 'The scores.',
        schema: ZScoresBody,
        example: SCORES_EXAMPLE,
      },
    },
  }),
};

export function scoreRoutes(
  store: Store,
  scoreboards: Scoreboards,
  sessions: Sessions,
  clock: Clock,
): Router {
  const router = express.Router();

  router.get(SCORE_API.scores.path, async (req, res) => {
    const site = await supervisorOrSiteKey(req, store, sessions, clock, 'its scores');
    const { at } = parseQuery(SCORE_API.scores.query, req.query);
    res.setHeader('Cache-Control', 'no-store');
    const now = clock.now();
    const when = at === undefined ? now : Date.parse(at);
    if (when > now) throw new Refusal('invalid', 'at: scores cannot be read in the future.');
    if (at === undefined) {
      res.json(await scoreboards.scores(site));
      return;
    }
    const [agents, sums, ratings] = await Promise.all([
      store.listAgents(site.id),
      store.sumsAt(site.id, when, site.settings),
      store.countedRatings(site.id),
    ]);
    res.json(
      assembleScores({
        agents,
        sums: new SumsAt(sums),
        ratings,
        settings: site.settings,
        at: when,
      }),
    );
  });

  return router;
}
