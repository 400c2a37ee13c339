// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppHandle, MountOptions, PeakendApi } from '../../widget/app/bridge';

type Win = { peakend?: PeakendApi };
const win = window as unknown as Win;

/** The snippet webmasters paste, run as the page would. */
function snippet() {
  win.peakend =
    win.peakend ||
    (function (...args: unknown[]) {
      ((win.peakend as PeakendApi).q ||= []).push(args);
    } as PeakendApi);
}

async function runLoader() {
  vi.resetModules();
  await import('../../widget/loader');
}

function launcher(): HTMLButtonElement | null {
  const host = document.querySelector('peakend-widget');
  return (host?.shadowRoot?.querySelector('button') as HTMLButtonElement) ?? null;
}

/** Catches the app chunk's <script> instead of fetching it. */
function interceptChunk() {
  const scripts: HTMLScriptElement[] = [];
  vi.spyOn(document.head, 'appendChild').mockImplementation(<T extends Node>(node: T): T => {
    scripts.push(node as unknown as HTMLScriptElement);
    return node;
  });
  return scripts;
}

beforeEach(() => {
  vi.stubGlobal('__PEAKEND_APP_CHUNK__', 'app-test.js');
});

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
  document.querySelectorAll('peakend-widget').forEach((el) => el.remove());
  delete win.peakend;
});

describe('widget loader (widget.js)', () => {
  it('replays the queued calls, then draws only a launcher named "Open chat"', async () => {
    snippet();
    win.peakend!('init', { site: 'demo', position: 'left', color: '#123456' });
    const scripts = interceptChunk();
    await runLoader();

    const host = document.querySelector('peakend-widget') as HTMLElement;
    expect(host.getAttribute('data-position')).toBe('left');
    expect(launcher()?.getAttribute('aria-label')).toBe('Open chat');
    // Nothing else loads before the visitor asks for the chat.
    expect(scripts).toHaveLength(0);
    expect(win.peakend!.q).toBeUndefined();
  });

  it('is harmless when included twice', async () => {
    snippet();
    win.peakend!('init', { site: 'demo' });
    await runLoader();
    const first = win.peakend;
    await runLoader();
    expect(win.peakend).toBe(first);
    expect(document.querySelectorAll('peakend-widget')).toHaveLength(1);
  });

  it('loads the app chunk on open, with the nonce, and mounts it into the shadow root', async () => {
    snippet();
    win.peakend!('init', { site: 'demo', nonce: 'n0nce' });
    const opened = vi.fn();
    win.peakend!('on', 'open', opened);
    const scripts = interceptChunk();
    await runLoader();

    launcher()!.click();
    expect(scripts).toHaveLength(1);
    const script = scripts[0]!;
    expect(script.src).toMatch(/\/widget\/app-test\.js$/);
    expect(script.nonce).toBe('n0nce');

    const handle: AppHandle = { open: vi.fn(), close: vi.fn() };
    let options: MountOptions | undefined;
    win.peakend!.__app = (o) => {
      options = o;
      return handle;
    };
    (script.onload as () => void)();
    await vi.waitFor(() => expect(handle.open).toHaveBeenCalled());
    expect(options?.site).toBe('demo');
    expect(options?.root).toBe(document.querySelector('peakend-widget')!.shadowRoot);
    expect(opened).toHaveBeenCalled();
    expect(launcher()!.hidden).toBe(true);

    // Closing from inside gives focus back to the launcher and tells the host page.
    const closed = vi.fn();
    win.peakend!('on', 'close', closed);
    options!.requestClose();
    expect(handle.close).toHaveBeenCalled();
    expect(launcher()!.hidden).toBe(false);
    expect(closed).toHaveBeenCalled();
  });

  it('forgets a failed load so the next click retries', async () => {
    snippet();
    win.peakend!('init', { site: 'demo' });
    const scripts = interceptChunk();
    await runLoader();

    launcher()!.click();
    (scripts[0]!.onerror as () => void)();
    await vi.waitFor(() => expect(launcher()!.getAttribute('aria-busy')).toBe('false'));
    launcher()!.click();
    expect(scripts).toHaveLength(2);
  });
});
