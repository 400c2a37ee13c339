/**
 * Hostile host pages for browser tests: customer sites that do things widgets meet in the wild
 * (global CSS resets, a tiny root font size, huge z-indexes, AMD/CommonJS globals, patched
 * prototypes, a strict nonce-only CSP). Each embeds the real snippet (`embedSnippet`) pointing
 * at a Peakend test server, and is served from its own loopback origin by a tiny node:http
 * server, so the widget runs cross-origin exactly as on a customer's site.
 *
 * Every page has a `#probe` paragraph styled by the page itself (the tests compare its computed
 * styles with and without the widget) and, just before the snippet, records `Object.keys(window)`
 * in a non-enumerable `__hostKeys`, so a test can tell which globals the widget added.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { embedSnippet } from '../../shared/snippet';
import { TEST_ADMIN_TOKEN } from './server';

export interface HostPage {
  /** What the page does to the widget, for test names. */
  title: string;
  /** Page CSS, in a <style> in <head>. */
  css?: string;
  /** Page script, run before the snippet. */
  script?: string;
  /** Extra body markup, before the snippet. */
  body?: string;
  /** Serve the page with a strict nonce-only Content-Security-Policy header. */
  strictCsp?: boolean;
}

/** The probe's own look: the widget must not change any of it. */
const PROBE_CSS =
  '#probe{font:15px/1.6 Georgia,serif;color:#7a2e12;background:#fdf6e3;margin:12px 24px;padding:4px}';

export const HOST_PAGES = {
  clean: { title: 'a plain page' },
  resets: {
    title: 'aggressive global resets',
    css:
      '*{all:unset !important}' +
      'button{display:none !important}' +
      'div{position:static !important;z-index:-1 !important}' +
      // After the resets, the page restores its own probe (as real reset sheets do).
      '#probe{display:block !important;font:15px/1.6 Georgia,serif !important;color:#7a2e12 !important}',
    body: '<div class="card"><button type="button">Host button</button></div>',
  },
  rootFontSize: {
    title: 'html { font-size: 10px }',
    css: 'html{font-size:10px}body{font-size:1.4rem;margin:0}',
  },
  overlayHigh: {
    title: 'a full-viewport layer at z-index 999999',
    css: '#layer{position:fixed;inset:0;z-index:999999;background:rgba(20,20,60,.08)}',
    body: '<div id="layer"></div>',
  },
  overlayMax: {
    title: 'a full-viewport overlay at z-index 2147483647 (deliberate cover)',
    css:
      '#consent{position:fixed;inset:0;z-index:2147483647;background:rgba(0,0,0,.45);' +
      'display:grid;place-items:center;color:#fff;font:20px sans-serif}',
    body: '<div id="consent">Cookie consent: the page covers everything on purpose</div>',
  },
  moduleGlobals: {
    title: 'window.module, window.exports and an AMD window.define',
    script:
      'window.module={exports:{}};window.exports=window.module.exports;' +
      'window.define=function(){window.defineCalls=(window.defineCalls||0)+1};' +
      'window.define.amd={jQuery:true};window.require=function(){throw new Error("no require")};',
  },
  prototypes: {
    title: 'enumerable extras on Array.prototype and Object.prototype',
    script:
      'Array.prototype.hostExtra=function(){return this.length};' +
      'Array.prototype.last=function(){return this[this.length-1]};' +
      'Object.prototype.hostFlag="from the host page";',
  },
  csp: { title: 'a strict nonce-only CSP', strictCsp: true },
} satisfies Record<string, HostPage>;

export type HostPageName = keyof typeof HOST_PAGES;

/** The helpdesk page's agent avatar: an inline picture, as a site might give one. */
const AVATAR =
  'data:image/svg+xml,' +
  encodeURIComponent(
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 40"><rect width="40" height="40" fill="#f59e0b"/>' +
      '<circle cx="20" cy="16" r="7" fill="#fff7ed"/><path d="M7 38c2-8 8-12 13-12s11 4 13 12" fill="#fff7ed"/></svg>',
  );

/**
 * A site with its own helpdesk chat that uses Peakend only for the rating card (host-chat mode):
 * no launcher, and a button of its own that asks for the rating of the conversation named in the
 * URL (`?c=<conversation id>&s=<its signature>`, which the site's server would compute). Every
 * `rated` event is recorded in `window.__rated`.
 */
export const HOST_CHAT_PAGE: HostPage = {
  title: 'a helpdesk page asking for a rating (host-chat mode)',
  script:
    'window.peakend=window.peakend||function(){(peakend.q=peakend.q||[]).push(arguments)};' +
    `peakend('init',{launcher:false,avatar:'${AVATAR}'});window.__rated=[];` +
    "peakend('on','rated',function(d){window.__rated.push(d)});" +
    "document.addEventListener('click',function(e){if(e.target.id!=='rate')return;" +
    'var q=new URLSearchParams(location.search);' +
    "peakend('rate',{conversationId:q.get('c'),signature:q.get('s'),agentName:'Ben Okafor'})});",
  body: '<p><button id="rate" type="button">Rate our support</button></p>',
};

/** The policy of `strictCsp` pages: nonce-only scripts and styles, no unsafe-*, no eval. */
export function strictPolicy(nonce: string, peakendUrl: string): string {
  const origin = new URL(peakendUrl).origin;
  const ws = origin.replace(/^http/, 'ws');
  const n = `'nonce-${nonce}'`;
  return (
    `default-src 'self' ${origin}; script-src ${n}; style-src ${n}; img-src 'self' data:; ` +
    `connect-src 'self' ${origin} ${ws}; base-uri 'none'; form-action 'none'; object-src 'none'`
  );
}

export function renderHostPage(
  page: HostPage,
  options: { peakendUrl: string; nonce: string; withWidget: boolean },
): string {
  const n = ` nonce="${options.nonce}"`;
  const record =
    `<script${n}>Object.defineProperty(window,'__hostKeys',` +
    `{value:Object.keys(window),enumerable:false})</script>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Host page: ${page.title}</title>
<style${n}>${PROBE_CSS}${page.css ?? ''}</style>
${page.script ? `<script${n}>${page.script}</script>` : ''}
</head>
<body>
<main><h1>A customer's page</h1><p id="probe">Host text the widget must leave alone.</p></main>
${page.body ?? ''}
${record}
${options.withWidget ? embedSnippet({ publicUrl: options.peakendUrl, siteId: 'demo', nonce: options.nonce }) : ''}
</body>
</html>`;
}

export interface HostServer {
  /** e.g. http://127.0.0.1:41234; pages at `${url}/${name}`, `?bare` leaves the widget out. */
  url: string;
  stop(): Promise<void>;
}

/** Serves HOST_PAGES from a loopback port of their own (a different origin from Peakend's). */
export async function startHostServer(peakendUrl: string): Promise<HostServer> {
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://host');
    const name = url.pathname.slice(1);
    const page =
      name === 'helpdesk'
        ? HOST_CHAT_PAGE
        : (HOST_PAGES[name as HostPageName] as HostPage | undefined);
    if (!page) {
      res.writeHead(404).end();
      return;
    }
    const nonce = randomBytes(16).toString('base64');
    const headers: Record<string, string> = {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
    };
    if (page.strictCsp) headers['content-security-policy'] = strictPolicy(nonce, peakendUrl);
    res.writeHead(200, headers);
    res.end(renderHostPage(page, { peakendUrl, nonce, withWidget: !url.searchParams.has('bare') }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Lets the demo site's visitors connect from `origin` too (admin API, as a webmaster would). */
export async function allowOrigin(peakendUrl: string, origin: string): Promise<void> {
  const response = await fetch(`${peakendUrl}/api/v1/sites/demo`, {
    method: 'PATCH',
    headers: {
      authorization: `Bearer ${TEST_ADMIN_TOKEN}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify({ allowedOrigins: [peakendUrl, origin] }),
  });
  if (!response.ok) throw new Error(`allowing ${origin} failed: ${response.status}`);
}
