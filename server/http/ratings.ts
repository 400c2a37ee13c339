/**
 * `POST /api/v1/sites/:siteId/ratings`: the widget's second way in for rating steps, used when
 * its socket cannot carry them: the page is being hidden (`navigator.sendBeacon`, which cannot
 * wait for a socket) or the socket cannot connect. Each step is checked exactly as over the
 * socket (the visitor's own ended conversation, or the host's signature) and answered in order
 * with the same acknowledgement envelope, so the widget's outbox treats both ways alike.
 *
 * Beacons send text/plain (a CORS "simple" request, no preflight), so the body is read here, and
 * only after the page's origin is allowed: a page elsewhere is refused before a byte of its body
 * is read, and any body over `LIMITS.ratingDeliveryBytes` (text/plain or JSON alike) gets 413
 * unread. This router is mounted before the app's JSON parser for that reason.
 */
import express, { type Router } from 'express';
import type { Ack } from '../../shared/ack';
import { LIMITS } from '../../shared/limits';
import { ZRatingDelivery, type RatingView } from '../../shared/protocol';
import { verifyVisitorToken } from '../auth/tokens';
import type { Clock } from '../clock';
import { Refusal } from '../errors';
import type { Logger } from '../logger';
import { visitorRatingView } from '../live/views';
import type { BuiltInChat } from '../sources/chat';
import type { Store } from '../storage/store';
import { existingSite } from './caller';
import { allowSiteOrigin, answerPreflight } from './cors';
import { parseBody } from './validate';

const PATH = '/api/v1/sites/:siteId/ratings';

export function ratingRoutes(store: Store, chat: BuiltInChat, clock: Clock, log: Logger): Router {
  const router = express.Router();
  // Any content type, read as text and capped; JSON.parse comes after the origin check.
  const readBody = express.text({ type: () => true, limit: LIMITS.ratingDeliveryBytes });

  router.options(PATH, async (req, res) => {
    answerPreflight(req, res, await existingSite(store, String(req.params.siteId)));
  });

  router.post(PATH, async (req, res) => {
    const site = await existingSite(store, String(req.params.siteId));
    allowSiteOrigin(req, res, site);
    await new Promise<void>((resolve, reject) =>
      readBody(req, res, (error?: unknown) => (error ? reject(error) : resolve())),
    );
    const delivery = parseBody(ZRatingDelivery, bodyOf(req.body));
    const secret = await store.secret('visitor-token');
    const visitorId = delivery.visitorToken
      ? verifyVisitorToken(secret, site, delivery.visitorToken, clock.now())
      : null;
    const results: Ack<RatingView>[] = [];
    // In order: each step re-sends the earlier ones, so the latest must land last.
    for (const rating of delivery.ratings) {
      try {
        // The address counts toward the site's flood limits, as over the socket.
        const saved = visitorRatingView(
          site,
          await chat.rate(site, visitorId, rating, { address: req.ip }),
        );
        if (!saved) throw new Error('a saved rating is missing from its conversation');
        results.push({ ok: true, data: saved });
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
  });

  return router;
}

/** The body as read above: JSON text, whatever its content type said (none: undefined). */
function bodyOf(body: unknown): unknown {
  if (typeof body !== 'string') return body;
  try {
    return JSON.parse(body);
  } catch {
    throw new Refusal('invalid', 'The request body is not valid JSON.');
  }
}
