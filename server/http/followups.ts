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
import { parseBody, parseQuery } from './validate';
import { apiRoute } from '../openapi/route';
import { ZFollowupPage, ZFollowupView } from '../openapi/views';

const ITEM_EXAMPLE = {
  id: '01JD5W3Q8R2N6T0Y4X7B9C1E3F',
  conversationId: 'conv-1042',
  contact: { email: 'sam@customer.example' },
  cause: 'rating',
  at: '2026-11-23T09:58:12.000Z',
  agent: { id: 'anna', name: 'Anna Jansen' },
  rating: { end: 1, peak: null, comment: 'Nobody helped me', unhandled: false },
  promise: null,
  status: 'new',
  owner: null,
  reason: null,
  notes: [],
  createdAt: '2026-11-23T09:58:12.000Z',
  updatedAt: '2026-11-23T09:58:12.000Z',
  version: 1,
} as const;

/** The routes below, as the OpenAPI document describes them (server/openapi/registry.ts). */
export const FOLLOWUP_API = {
  list: apiRoute({
    method: 'get',
    path: '/api/v1/sites/:siteId/followups',
    tag: 'Follow-up',
    summary: 'The follow-up queue',
    description:
      'Bad endings, broken promises and reopens to contact, newest cause first, a page at a time (`next` → `cursor`).',
    auth: ['siteKey', 'session'],
    query: ZFollowupFilter,
    responses: {
      200: {
        description: 'A page of items.',
        schema: ZFollowupPage,
        example: { items: [ITEM_EXAMPLE], next: null },
      },
    },
  }),
  change: apiRoute({
    method: 'patch',
    path: '/api/v1/sites/:siteId/followups/:id',
    tag: 'Follow-up',
    summary: 'Work an item',
    description:
      'At least one of `status`, `owner`, `note` and `reason` (with `"status": "dismissed"` only, and required by it). Statuses move new → contacted → resolved, or to dismissed; resolved and dismissed are final.',
    auth: ['siteKey', 'session'],
    body: ZFollowupPatch,
    bodyExample: { status: 'contacted', note: 'Called, refund agreed' },
    responses: {
      200: {
        description: 'The item as it is now.',
        schema: ZFollowupView,
        example: {
          ...ITEM_EXAMPLE,
          status: 'contacted',
          notes: [{ at: '2026-11-23T11:00:00.000Z', by: null, text: 'Called, refund agreed' }],
          updatedAt: '2026-11-23T11:00:00.000Z',
          version: 2,
        },
      },
    },
    refusals: { 404: 'No such item on this site.', 409: 'The item is resolved or dismissed.' },
  }),
};

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
      return { site: await authenticateSite(req, store, clock), viewer: { kind: 'site-key' } };
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

  router.get(FOLLOWUP_API.list.path, async (req, res) => {
    const { site, viewer } = await authorize(req);
    const filter = parseQuery(FOLLOWUP_API.list.query, req.query);
    res.setHeader('Cache-Control', 'no-store');
    res.json(await queue.list(site, viewer, filter, clock.now()));
  });

  router.patch(FOLLOWUP_API.change.path, async (req, res) => {
    const { site, viewer } = await authorize(req);
    const patch = parseBody(FOLLOWUP_API.change.body, req.body);
    res.json(await queue.change(site, viewer, String(req.params.id), patch, clock.now()));
  });

  return router;
}
