/**
 * The private hand-over between the loader (widget.js) and the app chunk. Types only: the two
 * bundles are built separately and meet at runtime through `window.peakend.__app`, never through
 * any other global.
 */

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
}

export type HostEventName = 'open' | 'close' | 'rated';

export interface RatedDetail {
  conversationId: string;
  end: number;
}

export interface MountOptions {
  /** The loader's shadow root; the app adds its own container and stylesheet to it. */
  root: ShadowRoot;
  /** Origin of the Peakend server (from the loader's `src`). */
  server: string;
  site: string;
  title?: string;
  nonce?: string;
  /** The `lang` option, passed through as given (the app chooses, see i18n.ts). */
  lang?: string;
  /** Events for the host page's `peakend('on', name, fn)` listeners. */
  emit(name: 'rated', detail: RatedDetail): void;
  /** The visitor closed the panel from inside (Escape, close button): the loader hides it. */
  requestClose(): void;
}

export interface AppHandle {
  open(): void;
  close(): void;
}

export type Mount = (options: MountOptions) => AppHandle;

/** The shape of `window.peakend` once the loader has replaced the snippet's stub. */
export interface PeakendApi {
  (...args: unknown[]): void;
  /** The snippet's queue of calls made before the loader ran. */
  q?: ArrayLike<unknown>[];
  /** Set by the loader: a second copy of widget.js sees it and does nothing. */
  __loaded?: true;
  /** Set by the app chunk when it has run. */
  __app?: Mount;
}
