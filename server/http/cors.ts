/**
 * CORS for the routes the widget calls from customers' pages. Only a site's allowed origins (and
 * this server's own pages) are answered with `Access-Control-Allow-Origin`; any other page is
 * refused before anything is read or written, so a page elsewhere cannot even learn the answer.
 * No credentials: the widget authenticates with its visitor token in the body, never cookies.
 */
import type { Request, Response } from 'express';
import { originAllowed } from '../auth/origins';
import { Refusal } from '../errors';
import type { Site } from '../storage/store';

/** Answers the CORS headers for `site`, or refuses a page it does not allow. */
export function allowSiteOrigin(req: Request, res: Response, site: Site): void {
  const origin = req.headers.origin;
  res.vary('Origin');
  if (!originAllowed(origin, site.allowedOrigins, req.headers.host)) {
    throw new Refusal(
      'forbidden',
      `This site's widget is not allowed on ${String(origin)}: add it to the site's allowed origins.`,
    );
  }
  if (origin) res.setHeader('Access-Control-Allow-Origin', origin);
}

/** The preflight of a JSON POST from an allowed page (text/plain needs none, JSON does). */
export function answerPreflight(req: Request, res: Response, site: Site): void {
  allowSiteOrigin(req, res, site);
  res.setHeader('Access-Control-Allow-Methods', 'POST');
  res.setHeader('Access-Control-Allow-Headers', 'Content-Type');
  res.setHeader('Access-Control-Max-Age', '86400');
  res.status(204).end();
}
