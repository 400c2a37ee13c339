/**
 * Rate limits of the HTTP API, as middleware in front of the routes. A refusal is a `RateLimited`
 * error, which the error handler answers with 429, Retry-After and the usual JSON error body.
 */
import express, { type RequestHandler, type Router } from 'express';
import { ZSignIn } from '../../shared/protocol';
import { sha256 } from '../auth/tokens';
import type { RateLimits } from './limiter';
import type { SignInGuard } from './sign-in';

/**
 * Before the body is read, so a flood costs as little as possible: any request under /api per
 * address, the site-key API per key (and a helpdesk's webhook URL per URL), and the widget's
 * rating deliveries per address.
 */
export function limitRequests(limits: RateLimits): Router {
  const router = express.Router();

  router.use('/api', async (req, _res, next) => {
    await limits.take('api', { ip: req.ip });
    next();
  });

  // Counted per credential as sent (hashed: no key is kept in memory), before it is checked, so a
  // wrong key costs nothing more; the per-address floor above bounds made-up keys.
  const perKey: RequestHandler = async (req, _res, next) => {
    const authorization = req.headers.authorization;
    if (authorization) await limits.take('siteApi', { ip: req.ip, key: sha256(authorization) });
    next();
  };
  router.use(
    [
      '/api/v1/sites/:siteId/events',
      '/api/v1/sites/:siteId/scores',
      '/api/v1/sites/:siteId/ratings.csv',
      '/api/v1/sites/:siteId/comments',
      '/api/v1/sites/:siteId/segments',
    ],
    perKey,
  );

  // A helpdesk's webhook URL is its credential: counted like a site key, per URL.
  router.use('/api/v1/integrations/chatwoot/:token', async (req, _res, next) => {
    await limits.take('siteApi', { ip: req.ip, key: sha256(`chatwoot:${req.params.token}`) });
    next();
  });

  router.use('/api/v1/sites/:siteId/ratings', async (req, _res, next) => {
    if (req.method === 'POST') await limits.take('ratingDelivery', { ip: req.ip });
    next();
  });

  // Accepting an invite hashes the new password it chooses: counted like a sign-in attempt. (No
  // invite takes an existing account's password: its owner signs in, with the backoff below.)
  // A new password checks the current one: an attempt like a sign-in (its backoff is in the route).
  router.use(['/api/v1/invites/accept', '/api/v1/account/password'], async (req, _res, next) => {
    if (req.method === 'POST') await limits.take('signIn', { ip: req.ip });
    next();
  });

  return router;
}

/**
 * Console sign-in (`POST /api/v1/session`), after the body is read: attempts per address, then
 * the backoff after failures (./sign-in.ts). The route answers 200 only when the password was
 * right, which forgives this attempt (and the failures of this email from this address).
 */
export function guardSignIns(limits: RateLimits, signIns: SignInGuard): Router {
  const router = express.Router();
  router.use('/api/v1/session', async (req, res, next) => {
    if (req.method !== 'POST' || limits.exempt(req.ip)) return next();
    await limits.take('signIn', { ip: req.ip });
    // Only a well-formed attempt is counted; the route refuses the others as invalid.
    const attempt = ZSignIn.safeParse(req.body);
    if (attempt.success) {
      const { email } = attempt.data;
      await signIns.begin(req.ip, email);
      res.once('finish', () => {
        // A lost note only leaves this attempt counted as a failure.
        if (res.statusCode === 200) void signIns.succeeded(req.ip, email).catch(() => undefined);
      });
    }
    next();
  });
  return router;
}
