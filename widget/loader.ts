/**
 * widget.js: the script webmasters embed. It stays tiny (≤ 1.5 KB gzip): it reads its options,
 * replaces the snippet's `peakend` stub, and draws a launcher button in its own shadow root.
 * Nothing else loads and no socket opens until the visitor opens the chat; then the app chunk
 * (Preact + socket.io) is injected next to this script.
 *
 * Snippet:
 *   <script>window.peakend=window.peakend||function(){(peakend.q=peakend.q||[]).push(arguments)}</script>
 *   <script async src="https://HOST/widget.js" data-site="SITE_ID"></script>
 */
import type { AppHandle, HostEventName, Mount, PeakendApi, WidgetOptions } from './app/bridge';

/** How long the app chunk may take to load before the launcher gives up (a click retries). */
const LOAD_TIMEOUT_MS = 15_000;

/**
 * The launcher's own few styles. The icon colour is black or white, whichever reads on the brand
 * colour (CSS relative colours: lightness above 62 goes to black), white where unsupported.
 * (`[hidden]` comes with the app's stylesheet: the launcher is only hidden once the app is in.)
 */
const LAUNCHER_CSS =
  ':host{all:initial}' +
  '#l{all:initial;--b:var(--peakend-brand,#4f46e5);position:fixed;z-index:2147483000;' +
  'bottom:1.25em;right:1.25em;padding:1em;border-radius:50%;display:grid;' +
  'place-items:center;cursor:pointer;background:var(--b);color:#fff;' +
  'color:lch(from var(--b) calc((62 - l)*infinity) 0 0);' +
  'box-shadow:0 .5em 1.5em #1118273f;transition:box-shadow .2s}' +
  '#l:hover{box-shadow:0 .5em 2em #11182766}' +
  ':host([data-position=left]) #l{right:auto;left:1.25em}' +
  '#l:focus-visible{outline:.2em solid var(--b);outline-offset:.25em}' +
  '#l[aria-busy=true]{opacity:.7}' +
  '#l svg{width:1.75em;height:1.75em;fill:none;stroke:currentColor;stroke-width:2;stroke-linecap:round}';

const LAUNCHER_ICON =
  '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M21 12a8 8 0 0 1-11.6 7.1L4 20.5l1.4-4.9A8 8 0 1 1 21 12ZM8.5 12h.01M12 12h.01M15.5 12h.01"/></svg>';

type Listener = (detail?: unknown) => void;

const win = window as unknown as { peakend?: PeakendApi };
const doc = document;
// Read now: `document.currentScript` is null once this script has finished running.
const script = doc.currentScript as HTMLScriptElement | null;

function start(): void {
  const stub = win.peakend;
  // A second copy of widget.js on the page leaves the first one in charge.
  if (stub && stub.__loaded) return;

  const src = (script && script.src) || location.href;
  // data-site, data-color, data-position, data-title, data-lang, data-nonce (or the script's own
  // nonce). All of them reach the app's `mount` as they are.
  const options: WidgetOptions = Object.assign({}, script && script.dataset);
  options.nonce ||= script ? script.nonce : '';
  const listeners: Record<string, Listener[]> = {};
  let host: HTMLElement | undefined;
  let launcher: HTMLButtonElement;
  let loading: Promise<Mount> | undefined;
  let app: AppHandle | undefined;
  /** What the visitor (or the host page) last asked for, while the app chunk loads. */
  let wantOpen = false;
  let isOpen = false;

  function emit(name: HostEventName, detail?: unknown): void {
    for (const fn of listeners[name] || []) {
      try {
        fn(detail);
      } catch (error) {
        // A broken host listener must not break the widget.
        console.error(error);
      }
    }
  }

  /** Position and brand colour, set on the host element (CSSOM: allowed under a strict CSP). */
  function style(): void {
    if (!host) return;
    host.setAttribute('data-position', options.position === 'left' ? 'left' : 'right');
    const color = options.color;
    if (!color || !CSS.supports('color', color)) return;
    host.style.setProperty('--peakend-brand', color);
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
    launcher.setAttribute('aria-label', 'Open chat');
    launcher.innerHTML = LAUNCHER_ICON;
    launcher.onclick = open;
    root.appendChild(launcher);
    style();
    doc.body.appendChild(host);
  }

  /** Injects the app chunk once; a failure resets the promise so the next click retries. */
  function load(): Promise<Mount> {
    return (loading ||= new Promise<Mount>((resolve, reject) => {
      const el = doc.createElement('script');
      // Loaded, failed or timed out: the chunk has handed `mount` over, or it has not.
      const done = () => {
        clearTimeout(timer);
        el.onload = el.onerror = null;
        if (api.__app) return resolve(api.__app);
        el.remove();
        loading = undefined;
        reject();
      };
      const timer = setTimeout(done, LOAD_TIMEOUT_MS);
      el.onload = el.onerror = done;
      if (options.nonce) el.nonce = options.nonce;
      el.src = new URL('widget/' + __PEAKEND_APP_CHUNK__, src).href;
      doc.head.appendChild(el);
    }));
  }

  function open(): void {
    wantOpen = true;
    render();
    if (isOpen || !host) return;
    const busy = (on: boolean) => launcher.setAttribute('aria-busy', '' + on);
    busy(true);
    load().then(
      (mount) => {
        busy(false);
        if (!wantOpen || isOpen) return;
        app ||= mount(
          Object.assign(
            {
              root: (host as HTMLElement).shadowRoot as ShadowRoot,
              server: new URL(src).origin,
              emit,
              requestClose: () => close(true),
            },
            options as WidgetOptions & { site: string },
          ),
        );
        isOpen = true;
        launcher.hidden = true;
        app.open();
        emit('open');
      },
      () => {
        busy(false);
        // The launcher simply stays; the next click retries (the network panel shows why).
        wantOpen = false;
      },
    );
  }

  /** `refocus`: the visitor closed it from inside, so focus goes back to the launcher. */
  function close(refocus?: boolean): void {
    wantOpen = false;
    if (!isOpen) return;
    isOpen = false;
    (app as AppHandle).close();
    launcher.hidden = false;
    if (refocus === true) launcher.focus();
    emit('close');
  }

  const api: PeakendApi = (command?: unknown, a?: unknown, b?: unknown): void => {
    if (command === 'init' && a) {
      Object.assign(options, a);
      style();
      render();
    } else if (command === 'open') open();
    else if (command === 'close') close();
    else if (command === 'on' && typeof b === 'function') {
      (listeners[a as string] ||= []).push(b as Listener);
    }
  };
  api.__loaded = true;
  win.peakend = api;
  // Replay what the page asked for before this script arrived, in order.
  for (const call of (stub && stub.q) || []) api(call[0], call[1], call[2]);
  render();
}

start();
