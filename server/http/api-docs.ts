/**
 * The API's own description: `GET /api/v1/openapi.json` (OpenAPI 3.1, built from the route
 * declarations, server/openapi/) and `/docs/api`, the reference rendered by Swagger UI, served
 * from its npm package (no CDN) under the console's strict Content-Security-Policy: the page
 * loads only files of this server, with no inline script or style.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import express, { type Response, type Router } from 'express';
import { buildOpenApiDocument } from '../openapi/document';

const SWAGGER_UI_DIR = dirname(
  createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'),
);

const PAGE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>Peakend HTTP API</title>
    <link rel="stylesheet" href="/docs/api/swagger-ui.css">
    <link rel="stylesheet" href="/docs/api/peakend.css">
    <link rel="icon" type="image/png" href="/docs/api/favicon-32x32.png">
  </head>
  <body>
    <div id="api"></div>
    <noscript><p>The reference needs JavaScript. The document itself: <a href="/api/v1/openapi.json">openapi.json</a>.</p></noscript>
    <script src="/docs/api/swagger-ui-bundle.js"></script>
    <script src="/docs/api/start.js"></script>
  </body>
</html>
`;

/** Swagger UI's start, a file rather than an inline script: the CSP allows no inline script. */
const START = `window.ui = SwaggerUIBundle({
  url: '/api/v1/openapi.json',
  dom_id: '#api',
  // No deep links: they nest a link inside each operation's button, which screen readers and
  // keyboards cannot tell apart.
  deepLinking: false,
  // Never send the document to a validator elsewhere.
  validatorUrl: null,
  defaultModelsExpandDepth: 0,
  docExpansion: 'list',
  tryItOutEnabled: false,
  // Plain examples: the highlighter's colours fall short of WCAG AA contrast.
  syntaxHighlight: false,
});

// Swagger UI leaves its header and its Authorize bar outside any landmark, where screen
// readers' landmark navigation cannot reach them: name them as regions, as they render.
const landmarks = [
  ['.information-container', 'About this API'],
  ['.scheme-container', 'Authorization'],
];
new MutationObserver(function () {
  // Its schema accordions are icons alone: name each after the schema it opens.
  document.querySelectorAll('.json-schema-2020-12-accordion:not([aria-label])').forEach(function (button) {
    var head = button.closest('.json-schema-2020-12-head');
    var title = head && head.querySelector('.json-schema-2020-12__title');
    button.setAttribute('aria-label', 'Properties of ' + (title ? title.textContent : 'this schema'));
  });
  // The dialog's close button is an icon alone; its buttons' names must say what they show.
  document.querySelectorAll('.close-modal:not([aria-label])').forEach(function (button) {
    button.setAttribute('aria-label', 'Close');
  });
  document.querySelectorAll('.auth-btn-wrapper button[aria-label]').forEach(function (button) {
    var shown = button.textContent.trim();
    if (shown && button.getAttribute('aria-label').indexOf(shown) === -1) {
      button.setAttribute('aria-label', shown);
    }
  });
  // Its "Schemas" heading is an h4; after the webhooks' h2 it skips a level: it is a third.
  document.querySelectorAll('.models h4:not([aria-level])').forEach(function (heading) {
    heading.setAttribute('aria-level', '3');
  });
  landmarks.forEach(function (landmark) {
    var element = document.querySelector(landmark[0]);
    if (element && !element.hasAttribute('role')) {
      element.setAttribute('role', 'region');
      element.setAttribute('aria-label', landmark[1]);
    }
  });
}).observe(document.getElementById('api'), { childList: true, subtree: true });
`;

/**
 * Where Swagger UI's own colours fall short of WCAG AA contrast on white. And examples show whole
 * rather than scroll in a box of 400 px: a box that scrolls must take focus to be read by
 * keyboard (WCAG 2.1.1), and Swagger UI's do not.
 */
const THEME = `.swagger-ui .json-schema-2020-12__constraint,
.swagger-ui .json-schema-2020-12__constraint--string { background: #4a4f5c; color: #fff; }
.swagger-ui .json-schema-2020-12-expand-deep-button { color: #505050; }
.swagger-ui .opblock .opblock-summary .view-line-link.copy-to-clipboard { width: 24px; min-width: 24px; }
.swagger-ui .opblock .opblock-summary .view-line-link.copy-to-clipboard button { width: 24px; min-height: 24px; }
.swagger-ui .opblock .opblock-summary-method { color: #111; text-shadow: none; }
.swagger-ui .info .title small pre,
.swagger-ui .info .title small.version-stamp { background: #1b5e20; }
.swagger-ui .info .base-url, .swagger-ui .info a, .swagger-ui .info .link { color: #3b4151; }
.swagger-ui .info a { color: #1f4fa3; }
.swagger-ui .btn.authorize span, .swagger-ui .btn.authorize { color: #1b5e20; border-color: #1b5e20; }
.swagger-ui .btn.authorize svg { fill: #1b5e20; }
.swagger-ui .highlight-code > .microlight { max-height: none; overflow-y: visible; }
`;

export function apiDocRoutes(): Router {
  const router = express.Router({ strict: true });
  // Built once: the declarations do not change while the server runs.
  const document = JSON.stringify(buildOpenApiDocument());

  router.get('/api/v1/openapi.json', (_req, res) => {
    res.setHeader('Cache-Control', 'no-cache');
    res.type('json').send(document);
  });
  router.get('/docs/api', (_req, res) => {
    res.setHeader('Cache-Control', 'no-cache');
    res.type('html').send(PAGE);
  });
  // The page's files: Swagger UI's own from its package, and this page's start and colours.
  const files: Record<string, (res: Response) => void> = {
    'start.js': (res) => res.setHeader('Cache-Control', 'no-cache').type('js').send(START),
    'peakend.css': (res) => res.setHeader('Cache-Control', 'no-cache').type('css').send(THEME),
  };
  for (const file of ['swagger-ui.css', 'swagger-ui-bundle.js', 'favicon-32x32.png']) {
    files[file] = (res) =>
      res.setHeader('Cache-Control', 'public, max-age=86400').sendFile(join(SWAGGER_UI_DIR, file));
  }
  router.get('/docs/api/:file', (req, res, next) => {
    const serve = Object.hasOwn(files, req.params.file) ? files[req.params.file] : undefined;
    if (serve) serve(res);
    else next();
  });
  return router;
}
