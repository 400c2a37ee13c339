/**
 * The follow-up queue's API (docs/api.md): `GET /api/v1/sites/:siteId/followups` lists the
 * site's items, a page at a time; `PATCH …/followups/:id` changes one. For the site's key, or a
 * console session of one of its supervisors or admins (agents use their console).
 */
import express, { type Request, type Router } from 'express';
import { ZFollowupFilter, ZFollowupPatch } from '../../shared/followups';
import { may } from '../auth/roles';
import type { Sessions } from '../auth/sessions';
import type { Clock } from '../clock';
import { Refusal } from '../errors';
import type { FollowupQueue, FollowupViewer } from '../followups/queue';
import type { Site, Store } from '../storage/store';
import { existingSite } from './caller';
import { requireSameOrigin } from './same-origin';
import { authenticateSite } from './site-auth';
import { parseBody } from './validate';

export function followupRoutes(
  store: Store,
  queue: FollowupQueue,
  sessions: Sessions,
  clock: Clock,
): Router {
  const router = express.Router();

  /** The site's key, else a supervisor or admin of the site signed in to the console. */
  const authorize = async (req: Request): Promise<{ site: Site; viewer: FollowupViewer }> => {
    const signedIn = req.headers.authorization ? null : await sessions.signedIn(req.headers.cookie);
    if (!signedIn)
      return { site: await authenticateSite(req, store), viewer: { kind: 'site-key' } };
    requireSameOrigin(req);
    const siteId = String(req.params.siteId);
    const member = await store.memberOf(signedIn.account.id, siteId);
    if (!member || !may(member.role, 'supervise')) {
      throw new Refusal(
        'forbidden',
        "Only the site's supervisors and admins may use its follow-up queue here.",
      );
    }
    return { site: await existingSite(store, siteId), viewer: { kind: 'member', member } };
  };

  router.get('/api/v1/sites/:siteId/followups', async (req, res) => {
    const { site, viewer } = await authorize(req);
    const filter = parseBody(ZFollowupFilter, req.query);
    res.setHeader('Cache-Control', 'no-store');
    res.json(await queue.list(site, viewer, filter, clock.now()));
  });

  router.patch('/api/v1/sites/:siteId/followups/:id', async (req, res) => {
    const { site, viewer } = await authorize(req);
    const patch = parseBody(ZFollowupPatch, req.body);
    res.json(await queue.change(site, viewer, String(req.params.id), patch, clock.now()));
  });

  return router;
}
