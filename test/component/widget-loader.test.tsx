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

  it('loads the app chunk on open, with the nonce, and hands it every call in order', async () => {
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
    expect(launcher()!.getAttribute('aria-busy')).toBe('true');
    // More calls while the chunk loads are queued, not lost.
    win.peakend!('close');
    win.peakend!('open');

    const handle = vi.fn<AppHandle>();
    let options: MountOptions | undefined;
    win.peakend!.__app = (o) => {
      options = o;
      return handle;
    };
    (script.onload as () => void)();
    expect(options?.options.site).toBe('demo');
    expect(options?.root).toBe(document.querySelector('peakend-widget')!.shadowRoot);
    expect(options?.launcher).toBe(launcher());
    expect(handle.mock.calls.map(([call]) => call[0])).toEqual([
      'init',
      'on',
      'open',
      'close',
      'open',
    ]);
    expect(launcher()!.getAttribute('aria-busy')).toBe('false');

    // Once the app runs, calls go straight to it.
    win.peakend!('rate', { conversationId: 'c-1', signature: 'f'.repeat(64) });
    expect(handle).toHaveBeenLastCalledWith([
      'rate',
      { conversationId: 'c-1', signature: 'f'.repeat(64) },
    ]);
  });

  it('loads the app for peakend("rate") even without a launcher', async () => {
    snippet();
    win.peakend!('init', { site: 'demo', launcher: false });
    const scripts = interceptChunk();
    await runLoader();
    expect(launcher()!.hidden).toBe(true);
    expect(scripts).toHaveLength(0);
    win.peakend!('rate', { conversationId: 'c-1', signature: 'f'.repeat(64) });
    expect(scripts).toHaveLength(1);
  });

  it('starts the app by itself when an earlier page left a conversation or ratings', async () => {
    localStorage.setItem('peakend:demo:due', String(Date.now() + 60_000));
    try {
      snippet();
      win.peakend!('init', { site: 'demo' });
      const scripts = interceptChunk();
      await runLoader();
      expect(scripts).toHaveLength(1);
    } finally {
      localStorage.removeItem('peakend:demo:due');
    }
    // An expired mark starts nothing; undelivered rating steps do.
    localStorage.setItem('peakend:demo:due', String(Date.now() - 1));
    document.querySelectorAll('peakend-widget').forEach((el) => el.remove());
    delete win.peakend;
    snippet();
    win.peakend!('init', { site: 'demo' });
    let scripts = interceptChunk();
    await runLoader();
    expect(scripts).toHaveLength(0);

    localStorage.setItem('peakend:demo:outbox', '[]');
    document.querySelectorAll('peakend-widget').forEach((el) => el.remove());
    delete win.peakend;
    vi.restoreAllMocks();
    snippet();
    win.peakend!('init', { site: 'demo' });
    scripts = interceptChunk();
    await runLoader();
    expect(scripts).toHaveLength(1);
    localStorage.clear();
  });

  it('forgets a failed load so the next click retries', async () => {
    snippet();
    win.peakend!('init', { site: 'demo' });
    const scripts = interceptChunk();
    await runLoader();

    launcher()!.click();
    (scripts[0]!.onerror as () => void)();
    expect(launcher()!.getAttribute('aria-busy')).toBe('false');
    launcher()!.click();
    expect(scripts).toHaveLength(2);
  });
});
