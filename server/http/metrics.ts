/**
 * `GET /metrics`: Prometheus's text format, for a scraper holding the metrics token
 * (METRICS_TOKEN) or the admin token, sent as `Authorization: Bearer <token>`.
 */
import express, { type Router } from 'express';
import { Refusal } from '../errors';
import type { Metrics } from '../metrics';
import { bearerToken, matchesHash } from './bearer';

export function metricsRoutes(
  metrics: Metrics,
  tokens: { adminTokenHash: string | null; metricsTokenHash: string | null },
): Router {
  const router = express.Router();
  router.get('/metrics', async (req, res) => {
    const token = bearerToken(req);
    if (tokens.adminTokenHash === null && tokens.metricsTokenHash === null) {
      throw new Refusal(
        'forbidden',
        'Metrics are off: set METRICS_TOKEN (or PEAKEND_ADMIN_TOKEN) on the server to read them.',
      );
    }
    if (
      !matchesHash(token, tokens.metricsTokenHash) &&
      !matchesHash(token, tokens.adminTokenHash)
    ) {
      throw new Refusal('unauthorized', 'This token is neither the metrics nor the admin token.');
    }
    const { contentType, body } = await metrics.scrape();
    res.setHeader('Cache-Control', 'no-store');
    res.type(contentType).send(body);
  });
  return router;
}
