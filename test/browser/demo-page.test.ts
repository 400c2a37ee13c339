/**
 * The demo shop page at /demo, the first page a newcomer sees, is exemplary: axe-core over the
 * whole page (WCAG 2.x A and AA, 2.2 AA and best practice) finds nothing with the widget closed
 * or open, at 1280 and 1024 px.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { describeInBrowser, launchBrowser, screenshot } from '../support/browser';
import { startServer, tempDir, type TestServer } from '../support/server';
import { axePageFindings } from './axe';
import { launcher, openChat, sendMessage } from './widget';

describeInBrowser('the demo page', () => {
  const dir = tempDir();
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer({ dbPath: `${dir.path}/demo.db` });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    dir.remove();
  });

  for (const width of [1280, 1024]) {
    it(`has no axe findings with the widget closed and open (${width} px)`, async () => {
      const page = await browser.newPage({ viewport: { width, height: 800 } });
      try {
        await page.goto(`${server.url}/demo`);
        await launcher(page).waitFor();
        expect(await axePageFindings(page, { bestPractice: true }), 'closed').toEqual([]);
        await openChat(page);
        await sendMessage(page, 'Does the Ridgeline 38 fit a 15-inch laptop?');
        expect(await axePageFindings(page, { bestPractice: true }), 'open').toEqual([]);
        await screenshot(page, `demo-page-open-${width}`);
      } finally {
        await page.close();
      }
    });
  }
});
