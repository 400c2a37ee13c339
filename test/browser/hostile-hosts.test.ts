/**
 * The widget on customer pages that fight it: global resets, a 10px root font, huge z-indexes,
 * AMD/CommonJS globals, patched prototypes, a strict CSP. Each page is served from its own
 * origin and embeds the real snippet. On each: the launcher opens the panel, a message
 * round-trips, the launcher looks as on a plain page, and nothing leaks out (the page's own
 * probe element keeps its computed style, and the only new global is `peakend`).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { describeInBrowser, screenshot } from '../support/browser';
import { HOST_PAGES, type HostPageName, type HostServer } from '../support/hosts';
import { box, launcher, openChat, panel, sendMessage, type Box } from './widget';
import { startWidgetStage, type WidgetStage } from '../support/stage';

/** The probe's computed properties that a leaking stylesheet or `:root` rule would change. */
const PROBE_PROPERTIES = [
  'font-family',
  'font-size',
  'line-height',
  'color',
  'background-color',
  'margin-top',
  'margin-left',
  'padding-top',
  'box-sizing',
  'display',
  'position',
  'text-align',
];

async function probeStyle(page: Page): Promise<Record<string, string>> {
  return page.evaluate((properties) => {
    const style = getComputedStyle(document.getElementById('probe')!);
    return Object.fromEntries(properties.map((p) => [p, style.getPropertyValue(p)]));
  }, PROBE_PROPERTIES);
}

/** Globals added since the page recorded its own (just before the snippet). */
async function newGlobals(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const before = new Set((window as unknown as { __hostKeys: string[] }).__hostKeys);
    return Object.keys(window).filter((key) => !before.has(key));
  });
}

describeInBrowser('the widget on hostile host pages', () => {
  let stage: WidgetStage;
  let hosts: HostServer;
  let browser: Browser;
  let context: BrowserContext;
  /** The launcher's box on a plain page: every host page must draw it the same. */
  let cleanLauncher: Box;

  beforeAll(async () => {
    stage = await startWidgetStage();
    ({ hosts, browser } = stage);
    context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    context.setDefaultTimeout(8000);
    const page = await context.newPage();
    await page.goto(`${hosts.url}/clean`);
    cleanLauncher = await box(launcher(page));
    await page.close();
  });

  afterAll(async () => {
    await stage?.stop();
  });

  /** Visits a host page, checks what leaked, opens the chat and sends a message. */
  async function exercise(name: HostPageName): Promise<Page> {
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });

    await page.goto(`${hosts.url}/${name}?bare`);
    const bareProbe = await probeStyle(page);

    await page.goto(`${hosts.url}/${name}`);
    await launcher(page).waitFor();
    expect(await box(launcher(page))).toEqual(cleanLauncher);

    await openChat(page);
    await sendMessage(page, `Hello from the ${name} page`);

    // The panel sits inside the viewport, on top of the page's own content.
    const panelBox = await box(panel(page));
    expect(panelBox.x).toBeGreaterThanOrEqual(0);
    expect(panelBox.x + panelBox.width).toBeLessThanOrEqual(1280);
    expect(panelBox.y + panelBox.height).toBeLessThanOrEqual(800);
    expect(panelBox.width).toBeGreaterThan(300);

    expect(await probeStyle(page)).toEqual(bareProbe);
    expect(await newGlobals(page)).toEqual(['peakend']);
    expect(problems).toEqual([]);
    return page;
  }

  const usable: HostPageName[] = [
    'resets',
    'rootFontSize',
    'overlayHigh',
    'moduleGlobals',
    'prototypes',
  ];
  for (const name of usable) {
    it(`stays usable and self-contained with ${HOST_PAGES[name].title}`, async () => {
      const page = await exercise(name);
      await screenshot(page, `host-${name}`);
      await page.close();
    });
  }

  it('never calls the host page AMD define or writes to module.exports', async () => {
    const page = await context.newPage();
    await page.goto(`${hosts.url}/moduleGlobals`);
    await openChat(page);
    expect(
      await page.evaluate(() => {
        const w = window as unknown as {
          defineCalls?: number;
          module: { exports: object };
        };
        return { defineCalls: w.defineCalls ?? 0, exports: Object.keys(w.module.exports) };
      }),
    ).toEqual({ defineCalls: 0, exports: [] });
    await page.close();
  });

  it('is on top of ordinary high z-index layers (999999)', async () => {
    const page = await context.newPage();
    await page.goto(`${hosts.url}/overlayHigh`);
    const at = await box(launcher(page));
    const top = await page.evaluate(
      ([x, y]) => document.elementFromPoint(x!, y!)?.tagName.toLowerCase(),
      [at.x + at.width / 2, at.y + at.height / 2],
    );
    expect(top).toBe('peakend-widget');
    await page.close();
  });

  it('stays under an overlay the host deliberately puts at the maximum z-index', async () => {
    // A consent dialog at 2147483647 must be able to cover the widget: the widget stops at
    // 2147483000 on purpose. It is still there, ready, once the host removes its overlay.
    const page = await context.newPage();
    await page.goto(`${hosts.url}/overlayMax`);
    await launcher(page).waitFor();
    const at = await box(launcher(page));
    const topAt = () =>
      page.evaluate(
        ([x, y]) => document.elementFromPoint(x!, y!)?.id ?? '',
        [at.x + at.width / 2, at.y + at.height / 2],
      );
    expect(await topAt()).toBe('consent');
    expect(await box(launcher(page))).toEqual(cleanLauncher);
    await screenshot(page, 'host-overlayMax');

    await page.evaluate(() => document.getElementById('consent')!.remove());
    await openChat(page);
    await sendMessage(page, 'Hello once the consent overlay is gone');
    expect(await newGlobals(page)).toEqual(['peakend']);
    await page.close();
  });
});
