/**
 * The private hand-over between the loader (widget.js) and the app chunk. Types only: the two
 * bundles are built separately and meet at runtime through `window.peakend.__app`, never through
 * any other global.
 */
import type { Dictionary, Language } from './i18n';

export type Position = 'right' | 'left';

/** What `data-*` attributes and `peakend('init', {...})` may set. */
export interface WidgetOptions {
  site?: string;
  color?: string;
  position?: Position;
  title?: string;
  nonce?: string;
  /** Language (BCP 47, e.g. "nl" or "nl-BE"); else the page's `<html lang>`, the browser's. */
  lang?: string;
  /** An image URL for the agent avatar in the panel's header. */
  avatar?: string;
  /** "false": no launcher, for sites with their own chat that only ask for ratings. */
  launcher?: string | boolean;
  /** Identity verification: the site's signed-in user, and its server's HMAC of that id. */
  userId?: string;
  userHash?: string;
  /** The signed-in user's email: a rating from a member of the team's own counts for nobody. */
  email?: string;
  /** `data-sound="true"` / `sound: true`: a short beep when a reply arrives in the closed panel. */
  sound?: string | boolean;
  /** `data-segment`: the visitor's group, as `peakend('set', {segment})` also says. */
  segment?: string;
}

/** `peakend('rate', {...})`: host-chat mode, the rating card alone for a helpdesk conversation. */
export interface RateRequest {
  conversationId: string;
  /** The host server's HMAC-SHA256 (hex) of the conversation id with the site's signing secret. */
  signature: string;
  /** Shown in the card's header and thank-you; whom the rating counts for is the server's. */
  agentName?: string;
}

export type HostEventName = 'open' | 'close' | 'rated';

export interface RatedDetail {
  conversationId: string;
  end: number;
}

/** One call of the page: `peakend('open')`, `peakend('on', 'rated', fn)`, … */
export type PeakendCall = [command?: unknown, arg?: unknown, fn?: unknown];

export interface MountOptions {
  /** The loader's shadow root; the app adds its own container and stylesheet to it. */
  root: ShadowRoot;
  /** The loader's launcher button: the app hides it while the panel is open. */
  launcher: HTMLButtonElement;
  /** The loader's own URL: the Peakend server is its origin. */
  src: string;
  /** The loader's options object itself: a later `init` changes it in place. */
  options: WidgetOptions & { site: string };
}

/**
 * The running app: takes every call of the page (those made before it loaded are replayed in
 * order): `init`, `set`, `open`, `close`, `rate`, `on`.
 */
export type AppHandle = (call: PeakendCall) => void;

export type Mount = (options: MountOptions) => AppHandle;

/** The shape of `window.peakend` once the loader has replaced the snippet's stub. */
export interface PeakendApi {
  (...call: PeakendCall): void;
  /** The snippet's queue of calls made before the loader ran. */
  q?: ArrayLike<unknown>[];
  /** Set by the loader: a second copy of widget.js sees it and does nothing. */
  __loaded?: true;
  /** Set by the app chunk when it has run. */
  __app?: Mount;
  /** Set by each language chunk that has run (widget/app/languages.ts). */
  __languages?: Partial<Record<Language, Dictionary>>;
}
