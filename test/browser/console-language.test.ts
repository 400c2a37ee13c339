/**
 * The console speaks the browser's language (of en, nl, de, fr, es) from its first page, is
 * switched from its language menu, keeps the choice on this browser, and stays axe-clean in it
 * (the page's `lang` follows, so screen readers pronounce it right).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { DEMO_PASSWORD } from '../../server/demo/seed';
import { de } from '../../widget/console/i18n/de';
import { fr } from '../../widget/console/i18n/fr';
import { describeInBrowser, launchBrowser, screenshot } from '../support/browser';
import { sendDemoChats } from '../support/console-browser';
import { startServer, tempDir, type TestServer } from '../support/server';
import { axePageFindings } from './axe';

describeInBrowser('the console in other languages', () => {
  const dir = tempDir();
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer({ dbPath: `${dir.path}/language.db` });
    browser = await launchBrowser();
    await sendDemoChats(server, [
      { id: 'waiting', at: Date.now() - 600_000, agentId: 'anna', open: true },
    ]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    dir.remove();
  });

  it("starts in the browser's language, switches from the menu, and keeps the choice", async () => {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 800 },
      locale: 'de-DE',
    });
    const page = await context.newPage();
    page.setDefaultTimeout(8000);
    try {
      await page.goto(`${server.url}/console/`);
      await page.getByRole('button', { name: de.shell.signIn.submit }).waitFor();
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('de');
      expect(await axePageFindings(page, { bestPractice: true }), 'sign-in, de').toEqual([]);

      await page.getByLabel(de.common.language).selectOption('fr');
      await page.getByRole('button', { name: fr.shell.signIn.submit, exact: true }).waitFor();
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('fr');

      await page.getByLabel(fr.shell.signIn.email).fill('anna@demo.peakend.test');
      await page.getByLabel(fr.shell.signIn.password).fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: fr.shell.signIn.submit, exact: true }).click();
      const inbox = page.getByRole('navigation', { name: fr.live.inbox.title });
      await inbox.getByRole('button').first().click();
      // The anonymous visitor is named in French too.
      await page.getByRole('heading', { name: /^Visiteur [0-9A-F]{4}$/ }).waitFor();
      expect(await axePageFindings(page, { bestPractice: true }), 'workspace, fr').toEqual([]);
      await screenshot(page, 'console-fr-1280');

      // The choice outlives the page.
      await page.reload();
      await page.getByRole('navigation', { name: fr.live.inbox.title }).waitFor();
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('fr');
    } finally {
      await context.close();
    }
  });
});
