/**
 * widget.js: the script webmasters embed. It stays tiny (≤ 1.5 KB gzip): it reads its options,
 * replaces the snippet's `peakend` stub, and draws a launcher button in its own shadow root.
 * Nothing else loads and no socket opens until it is needed: the visitor opens the chat, the host
 * page asks for a rating (`peakend('rate', …)`), or an earlier page left something to finish (a
 * conversation going on, a rating due, rating steps not yet delivered: see widget/app/persist.ts).
 * Then the app chunk (Preact + the chat) is injected next to this script.
 *
 * Snippet:
 *   <script>window.peakend=window.peakend||function(){(peakend.q=peakend.q||[]).push(arguments)}</script>
 *   <script async src="https://HOST/widget.js" data-site="SITE_ID"></script>
 */
import type { AppHandle, PeakendApi, PeakendCall, WidgetOptions } from './app/bridge';

/** How long the app chunk may take to load before the launcher gives up (a click retries). */
const LOAD_TIMEOUT_MS = 15_000;

/**
 * The launcher's own few styles. The icon colour is black or white, whichever reads on the brand
 * colour (CSS relative colours: lightness above 62 goes to black), white where unsupported.
 * No transitions: nothing moves, so there is nothing to switch off for reduced motion.
 */
const LAUNCHER_CSS =
  ':host{all:initial}' +
  '#l{all:initial;--b:var(--peakend-brand,#4f46e5);position:fixed;z-index:2147483000;' +
  'bottom:1.25em;right:1.25em;padding:1em;border-radius:50%;display:grid;' +
  'place-items:center;cursor:pointer;background:var(--b);color:#fff;' +
  'color:lch(from var(--b) calc((62 - l)*infinity) 0 0);box-shadow:0 .5em 1.5em #1118273f}' +
  '#l:hover{box-shadow:0 .5em 2em #11182766}' +
  '#l[hidden]{display:none}' +
  ':host([data-position=left]) #l{right:auto;left:1.25em}' +
  '#l:focus-visible{outline:.2em solid var(--b);outline-offset:.25em}' +
  '#l[aria-busy=true]{opacity:.7}' +
  '#l svg{width:1.75em;height:1.75em;fill:none;stroke:currentColor;stroke-width:2;stroke-linecap:round}';

const LAUNCHER_ICON =
  '<svg viewBox="0 0 24 24"><path d="M21 12a8 8 0 0 1-11.6 7.1L4 20.5l1.4-4.9A8 8 0 1 1 21 12ZM8.5 12h.01M12 12h.01M15.5 12h.01"/></svg>';

/**
 * The launcher's name in each language of the app, which is not loaded yet. Chosen as the app
 * chooses (widget/app/i18n.ts): the `lang` option, the page's `<html lang>`, the browser's
 * languages, English. A test keeps these equal to the app's `openChat`.
 */
const OPEN_CHAT: Record<string, string> = {
  en: 'Open chat',
  nl: 'Chat openen',
  de: 'Chat öffnen',
  fr: 'Ouvrir le chat',
  es: 'Abrir chat',
};

const win = window as unknown as { peakend?: PeakendApi };
const doc = document;
// Read now: `document.currentScript` is null once this script has finished running.
const script = doc.currentScript as HTMLScriptElement | null;

function start(): void {
  const stub = win.peakend;
  // A second copy of widget.js on the page leaves the first one in charge.
  if (stub?.__loaded) return;

  const src = script?.src || location.href;
  // data-site, data-color, data-position, data-title, data-lang, data-avatar, data-launcher, data-sound,
  // data-nonce (or the script's own nonce). All of them reach the app as they are.
  const options: WidgetOptions = { ...script?.dataset };
  options.nonce ||= script?.nonce;
  /** Every call of the page until the app runs; then the app replays them, in order. */
  const calls: PeakendCall[] = [];
  let host: HTMLElement | undefined;
  let launcher: HTMLButtonElement;
  let booting = false;
  let app: AppHandle | undefined;

  /** Position, brand colour, launcher and its name (CSSOM: allowed under a strict CSP). */
  function style(): void {
    if (!host) return;
    // As given: the styles only look for "left".
    host.setAttribute('data-position', options.position as string);
    launcher.hidden = String(options.launcher) === 'false';
    for (const tag of [options.lang, doc.documentElement.lang, ...navigator.languages, 'en']) {
      const name = OPEN_CHAT[(tag || '').slice(0, 2).toLowerCase()];
      if (name) {
        launcher.setAttribute('aria-label', name);
        break;
      }
    }
    const color = options.color;
    if (color && CSS.supports('color', color)) host.style.setProperty('--peakend-brand', color);
  }

  function render(): void {
    if (host || !options.site) return;
    if (!doc.body) {
      doc.addEventListener('DOMContentLoaded', render);
      return;
    }
    host = doc.createElement('peakend-widget');
    const root = host.attachShadow({ mode: 'open' });
    // Constructable stylesheets need no nonce under a strict CSP; <style nonce> is the fallback.
    if (root.adoptedStyleSheets) {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(LAUNCHER_CSS);
      root.adoptedStyleSheets = [sheet];
    } else {
      const el = doc.createElement('style');
      if (options.nonce) el.nonce = options.nonce;
      el.textContent = LAUNCHER_CSS;
      root.appendChild(el);
    }
    launcher = doc.createElement('button');
    launcher.id = 'l';
    launcher.innerHTML = LAUNCHER_ICON;
    launcher.onclick = () => api('open');
    root.appendChild(launcher);
    style();
    doc.body.appendChild(host);
    // Something left by an earlier page view: start the app now, without opening it.
    try {
      const key = 'peakend:' + options.site + ':';
      if (localStorage[key + 'due'] > Date.now() || localStorage[key + 'outbox']) boot();
    } catch {
      // Storage blocked: there is nothing to resume.
    }
  }

  /**
   * Injects the app chunk and hands it the page's calls, once. A failure (error or timeout)
   * resets, so the next click retries.
   */
  function boot(): void {
    render();
    if (!host || booting) return;
    const busy = (on: boolean) => launcher.setAttribute('aria-busy', '' + on);
    busy(true);
    booting = true;
    const el = doc.createElement('script');
    // Loaded, failed or timed out: the chunk has handed `mount` over, or it has not.
    const done = () => {
      clearTimeout(timer);
      el.onload = el.onerror = null;
      busy(false);
      const mount = api.__app;
      if (!mount) {
        // The launcher simply stays; the next click retries (the network panel shows why).
        el.remove();
        booting = false;
        return;
      }
      app = mount({
        root: (host as HTMLElement).shadowRoot as ShadowRoot,
        launcher,
        src,
        options: options as WidgetOptions & { site: string },
      });
      for (const call of calls.splice(0)) app(call);
    };
    const timer = setTimeout(done, LOAD_TIMEOUT_MS);
    el.onload = el.onerror = done;
    if (options.nonce) el.nonce = options.nonce;
    el.src = new URL('widget/' + __PEAKEND_APP_CHUNK__, src).href;
    doc.head.appendChild(el);
  }

  const api: PeakendApi = (...call: PeakendCall): void => {
    const [command, arg] = call;
    if (command === 'init' && arg) {
      Object.assign(options, arg);
      render();
      style();
    }
    if (app) return app(call);
    calls.push(call);
    if (command === 'open' || command === 'rate') boot();
  };
  api.__loaded = true;
  win.peakend = api;
  // Replay what the page asked for before this script arrived, in order.
  for (const call of stub?.q || []) api(...(call as unknown as PeakendCall));
  render();
}

start();
