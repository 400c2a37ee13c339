/**
 * `POST /api/v1/sites/:siteId/ratings`: the widget's second way in for rating steps, used when
 * its socket cannot carry them: the page is being hidden (`navigator.sendBeacon`, which cannot
 * wait for a socket) or the socket cannot connect. Each step is checked exactly as over the
 * socket (the visitor's own ended conversation, or the host's signature) and answered in order
 * with the same acknowledgement envelope, so the widget's outbox treats both ways alike.
 *
 * Beacons send text/plain (a CORS "simple" request, no preflight), so the body is parsed here.
 */
import express, { type Router } from 'express';
import type { Ack } from '../../shared/ack';
import { LIMITS } from '../../shared/limits';
import { ZRatingDelivery, type RatingView } from '../../shared/protocol';
import { verifyVisitorToken } from '../auth/tokens';
import { Refusal } from '../errors';
import type { Logger } from '../logger';
import { ratingView } from '../live/views';
import type { BuiltInChat } from '../sources/chat';
import type { Store } from '../storage/store';
import { existingSite } from './caller';
import { allowSiteOrigin, answerPreflight } from './cors';
import { parseBody } from './validate';

const PATH = '/api/v1/sites/:siteId/ratings';

export function ratingRoutes(store: Store, chat: BuiltInChat, log: Logger): Router {
  const router = express.Router();

  router.options(PATH, async (req, res) => {
    answerPreflight(req, res, await existingSite(store, String(req.params.siteId)));
  });

  router.post(
    PATH,
    express.text({ type: 'text/plain', limit: LIMITS.ratingDeliveryBytes }),
    async (req, res) => {
      const site = await existingSite(store, String(req.params.siteId));
      allowSiteOrigin(req, res, site);
      const delivery = parseBody(ZRatingDelivery, bodyOf(req.body));
      const secret = await store.secret('visitor-token');
      const visitorId = delivery.visitorToken
        ? verifyVisitorToken(secret, site.id, delivery.visitorToken)
        : null;
      const results: Ack<RatingView>[] = [];
      // In order: each step re-sends the earlier ones, so the latest must land last.
      for (const rating of delivery.ratings) {
        try {
          const state = await chat.rate(site, visitorId, rating);
          if (!state.rating) throw new Error('a saved rating is missing from its conversation');
          results.push({ ok: true, data: ratingView(site, state.rating) });
        } catch (error) {
          if (!(error instanceof Refusal)) {
            log.error('rating delivery failed', error);
            results.push({
              ok: false,
              error: { code: 'internal', message: 'Something went wrong on our side.' },
            });
          } else results.push({ ok: false, error: error.toAckError() });
        }
      }
      res.setHeader('Cache-Control', 'no-store');
      res.json({ results });
    },
  );

  return router;
}

/** A text/plain body is JSON text; a JSON body arrives parsed. */
function bodyOf(body: unknown): unknown {
  if (typeof body !== 'string') return body;
  try {
    return JSON.parse(body);
  } catch {
    throw new Refusal('invalid', 'The request body is not valid JSON.');
  }
}
