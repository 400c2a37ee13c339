/**
 * `GET /api/v1/sites/:siteId/comments?from=&to=&agent=&peak=&cursor=&limit=`: what visitors said,
 * newest first: each rated conversation whose rating has a comment or a chip ("What stood out
 * most?"), a page at a time, for the site's key or a supervisor's (or admin's) console session,
 * as the scores. A rating set aside is listed too, with why (`excluded`): an unanswered visitor's
 * words are often the ones a supervisor most needs to read.
 */
import express, { type Router } from 'express';
import type { CommentsPage, CommentView } from '../../shared/comments';
import { iso } from '../../shared/time';
import type { Sessions } from '../auth/sessions';
import type { Clock } from '../clock';
import { visitorLabel } from '../live/views';
import type { Store, StoredRating } from '../storage/store';
import { COMMENTS_PAGE, encodeCursor, ZCommentsQuery } from './rating-query';
import { supervisorOrSiteKey } from './site-auth';
import { parseQuery } from './validate';
import { apiRoute } from '../openapi/route';
import { ZCommentsPage } from '../openapi/views';

export type { CommentsPage, CommentView };

/** The route below, as the OpenAPI document describes it (server/openapi/registry.ts). */
export const COMMENT_API = {
  comments: apiRoute({
    method: 'get',
    path: '/api/v1/sites/:siteId/comments',
    tag: 'Ratings and comments',
    summary: 'What visitors wrote and the chips they chose',
    description: 'Newest first, a page at a time: pass the `next` of a page as `cursor`.',
    auth: ['siteKey', 'session'],
    query: ZCommentsQuery,
    responses: {
      200: {
        description: 'A page of ratings.',
        schema: ZCommentsPage,
        example: {
          comments: [
            {
              conversationId: 'c-1042',
              visitorLabel: 'Visitor C146',
              segment: 'business',
              agent: { id: 'anna', name: 'Anna Jansen' },
              end: 4,
              peak: { dimension: 'responsiveness', polarity: 'positive' },
              comment: 'Quick and kind',
              at: '2026-11-23T09:06:00.000Z',
              excluded: null,
            },
          ],
          next: null,
        },
      },
    },
  }),
};

function commentView(rated: StoredRating, agentNames: ReadonlyMap<string, string>): CommentView {
  const { rating } = rated;
  return {
    conversationId: rated.conversationId,
    visitorLabel: visitorLabel({ id: rated.conversationId, visitorId: rated.visitorId }),
    segment: rated.segment,
    agent:
      rating.agentId === null
        ? null
        : { id: rating.agentId, name: agentNames.get(rating.agentId) ?? rating.agentId },
    end: rating.end,
    peak: rating.peak,
    comment: rating.comment,
    at: iso(rating.at),
    excluded: rated.setAside,
  };
}

export function commentRoutes(store: Store, sessions: Sessions, clock: Clock): Router {
  const router = express.Router();

  router.get(COMMENT_API.comments.path, async (req, res) => {
    const site = await supervisorOrSiteKey(req, store, sessions, clock, 'its comments');
    const query = parseQuery(COMMENT_API.comments.query, req.query);
    const limit = query.limit ?? COMMENTS_PAGE.default;
    // One more than the page, to know whether another follows.
    const [rows, agents] = await Promise.all([
      store.listRatings(site.id, {
        from: query.from ?? 0,
        // Up to now, included, unless asked otherwise.
        to: query.to ?? clock.now() + 1,
        order: 'desc',
        after: query.cursor,
        limit: limit + 1,
        remarked: true,
        agentId: query.agent,
        polarity: query.peak,
      }),
      store.listAgents(site.id),
    ]);
    const agentNames = new Map(agents.map((agent) => [agent.id, agent.name]));
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    const body: CommentsPage = {
      comments: page.map((rated) => commentView(rated, agentNames)),
      next:
        rows.length > limit && last
          ? encodeCursor({ at: last.rating.at, conversationId: last.conversationId })
          : null,
    };
    res.setHeader('Cache-Control', 'no-store');
    res.json(body);
  });

  return router;
}
