/**
 * The built browser bundles. Widget files are embedded by other sites, so they are sent with
 * `Cross-Origin-Resource-Policy: cross-origin` (helmet's default `same-origin` would block them).
 * The loader is cached briefly so a deploy reaches every site soon; hashed chunks forever.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { type Response, type Router } from 'express';

const LOADER_MAX_AGE_S = 300;

function widgetHeaders(res: Response): void {
  res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
  res.setHeader('Access-Control-Allow-Origin', '*');
}

export function assetRoutes(distDir: string): Router {
  // Strict, so the `/console` → `/console/` redirect does not also match `/console/` itself.
  const router = express.Router({ strict: true });
  const widgetDir = join(distDir, 'widget');
  const consoleDir = join(distDir, 'console');

  const missingBuild = (res: Response) =>
    res
      .status(503)
      .type('text/plain')
      .send(
        'The browser bundles are not built yet: run `npm run build` (npm start does it for you).',
      );

  router.get('/widget.js', (_req, res) => {
    const file = join(widgetDir, 'widget.js');
    if (!existsSync(file)) return missingBuild(res);
    widgetHeaders(res);
    res.setHeader('Cache-Control', `public, max-age=${LOADER_MAX_AGE_S}`);
    res.sendFile(file);
  });

  router.use(
    '/widget',
    express.static(widgetDir, {
      index: false,
      dotfiles: 'ignore',
      immutable: true,
      maxAge: '365d',
      setHeaders: widgetHeaders,
    }),
  );

  router.get('/console', (_req, res) => res.redirect(301, '/console/'));
  router.use(
    '/console/assets',
    express.static(join(consoleDir, 'assets'), { immutable: true, maxAge: '365d', index: false }),
  );
  // The console is a single-page app: every other /console/ path gets its page.
  router.get(['/console/', '/console/*path'], (_req, res) => {
    const page = join(consoleDir, 'index.html');
    if (!existsSync(page)) return missingBuild(res);
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(page);
  });

  return router;
}
