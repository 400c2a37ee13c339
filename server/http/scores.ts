/**
 * `GET /api/v1/sites/:siteId/scores[?at=ISO]`: the site's scores, for its key or a supervisor's
 * (or admin's) console session. Now: the live scoreboard, O(agents). A past time: the store
 * aggregates the observations stored up to then; no conversation is derived again.
 */
import express, { type Request, type Router } from 'express';
import { z } from 'zod';
import { assembleScores } from '../../shared/scoring/evaluate';
import { SumsAt } from '../../shared/scoring/sums';
import { may } from '../auth/roles';
import type { Sessions } from '../auth/sessions';
import type { Clock } from '../clock';
import { Refusal } from '../errors';
import type { Scoreboards } from '../scores/scoreboard';
import type { Site, Store } from '../storage/store';
import { existingSite } from './caller';
import { authenticateSite } from './site-auth';
import { parseBody } from './validate';

const ZScoresQuery = z.object({
  at: z.iso
    .datetime({ offset: true, error: 'must be an ISO-8601 time with a time zone' })
    .optional(),
});

export function scoreRoutes(
  store: Store,
  scoreboards: Scoreboards,
  sessions: Sessions,
  clock: Clock,
): Router {
  const router = express.Router();

  /** A supervisor or admin of the site signed in to the console, else the site's key. */
  const authorize = async (req: Request): Promise<Site> => {
    const signedIn = req.headers.authorization ? null : await sessions.signedIn(req.headers.cookie);
    if (!signedIn) return authenticateSite(req, store);
    const siteId = String(req.params.siteId);
    const member = await store.memberOf(signedIn.account.id, siteId);
    if (!member || !may(member.role, 'supervise')) {
      throw new Refusal(
        'forbidden',
        "Only the site's supervisors and admins may read its scores here.",
      );
    }
    return existingSite(store, siteId);
  };

  router.get('/api/v1/sites/:siteId/scores', async (req, res) => {
    const site = await authorize(req);
    const { at } = parseBody(ZScoresQuery, req.query);
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
