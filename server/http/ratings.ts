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
import { apiRoute } from '../openapi/route';
import { ZRatingResults } from '../openapi/views';

const PATH = '/api/v1/sites/:siteId/ratings';

/** The route below, as the OpenAPI document describes it (server/openapi/registry.ts). */
export const RATING_API = {
  deliver: apiRoute({
    method: 'post',
    path: PATH,
    tag: 'Ratings from the widget',
    summary: 'Deliver rating steps (the widget)',
    description:
      "How the widget delivers rating answers when its live connection cannot (`navigator.sendBeacon`). Only from pages on the site's `allowedOrigins` (CORS; other pages get 403 before the body is read); no cookies. At most 20 answers and 64 KiB. Each answer is for the visitor's own ended conversation (`visitorToken`), or signed by the site's server (`signature`, host-chat mode).",
    auth: [],
    body: ZRatingDelivery,
    bodyTypes: ['text/plain', 'application/json'],
    bodyExample: {
      visitorToken: 'v-1.2.3',
      ratings: [
        { conversationId: '01JD5W3Q8R2N6T0Y4X7B9C1E3F', key: '4f1c2b', end: 4 },
        {
          conversationId: '01JD5W3Q8R2N6T0Y4X7B9C1E3F',
          key: '9a07d1',
          end: 4,
          peak: { dimension: 'responsiveness', polarity: 'positive' },
        },
      ],
    },
    responses: {
      200: {
        description: 'One result per answer, in order.',
        schema: ZRatingResults,
        example: {
          results: [
            {
              ok: true,
              data: {
                end: 4,
                peak: null,
                comment: null,
                peakAnswered: false,
                finished: false,
                at: '2026-11-23T09:06:00.000Z',
                amendableUntil: '2026-11-23T09:16:00.000Z',
              },
            },
            {
              ok: false,
              error: { code: 'conflict', message: 'This rating can no longer be changed.' },
            },
          ],
        },
      },
    },
    refusals: { 403: "A page outside the site's allowed origins.", 413: 'More than 64 KiB.' },
  }),
};

export function ratingRoutes(store: Store, chat: BuiltInChat, clock: Clock, log: Logger): Router {
  const router = express.Router();
  // Any content type, read as text and capped; JSON.parse comes after the origin check.
  const readBody = express.text({ type: () => true, limit: LIMITS.ratingDeliveryBytes });

  router.options(PATH, async (req, res) => {
    answerPreflight(req, res, await existingSite(store, String(req.params.siteId)));
  });

  router.post(RATING_API.deliver.path, async (req, res) => {
    const site = await existingSite(store, String(req.params.siteId));
    allowSiteOrigin(req, res, site);
    await new Promise<void>((resolve, reject) =>
      readBody(req, res, (error?: unknown) => (error ? reject(error) : resolve())),
    );
    const delivery = parseBody(RATING_API.deliver.body, bodyOf(req.body));
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
