/**
 * The follow-up queue and the segments view as a supervisor uses them, in real Chromium against
 * the built console, at 1280 and 1024 px wide: axe-clean, and worked by keyboard alone. The
 * site's history comes in through the events API, as a helpdesk's would.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { describeInBrowser, launchBrowser, screenshot } from '../support/browser';
import { sendDemoChats, signInAsSupervisor, tabTo } from '../support/console-browser';
import { startServer, tempDir, type TestServer } from '../support/server';
import { axePageFindings } from './axe';

describeInBrowser('follow-up and segments in a real browser', () => {
  const dir = tempDir();
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer({ dbPath: `${dir.path}/peakend.db` });
    browser = await launchBrowser();
    const t0 = Date.now() - 6 * 60 * 60_000;
    // Two segments; a few bad endings, each of which puts an item in the queue.
    await sendDemoChats(
      server,
      Array.from({ length: 8 }, (_, i) => {
        const bad = i < 3;
        return {
          id: `hd-${i}`,
          at: t0 + i * 10 * 60_000,
          segment: i % 2 ? 'business' : 'trial',
          agentId: i % 2 ? 'anna' : 'ben',
          end: bad ? 1 : 5,
          peak: { dimension: 'responsiveness', polarity: bad ? 'negative' : 'positive' },
          ...(bad && { comment: 'Nobody got back to me.' }),
        } as const;
      }),
    );
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    dir.remove();
  });

  const signedIn = (width: number) => signInAsSupervisor(browser, server, width);

  it('works the follow-up queue by keyboard, axe-clean at 1280 and 1024 px', async () => {
    const page = await signedIn(1280);
    try {
      const nav = page.getByRole('navigation', { name: 'Console' });
      await nav.getByRole('link', { name: /Follow-up/ }).focus();
      await page.keyboard.press('Enter');
      const items = page.getByRole('list', { name: 'Follow-up items' }).getByRole('listitem');
      await expect.poll(() => items.count()).toBe(3);
      await expect.poll(() => page.title()).toMatch(/^\(\d+\) Peakend console$/);
      expect(await axePageFindings(page)).toEqual([]);
      await screenshot(page, 'followup-1280');

      // The first item, by keyboard: contacted, it leaves the list of new ones.
      await tabTo(page, 'Mark contacted');
      await page.keyboard.press('Enter');
      await expect.poll(() => items.count()).toBe(2);
      await page.getByRole('combobox', { name: 'Status' }).focus();
      await page.getByRole('combobox', { name: 'Status' }).selectOption('contacted');
      await expect.poll(() => items.count()).toBe(1);
      expect(await items.first().textContent()).toMatch(/Contacted/);

      await page.setViewportSize({ width: 1024, height: 800 });
      expect(await axePageFindings(page)).toEqual([]);
      await screenshot(page, 'followup-1024');
    } finally {
      await page.context().close();
    }
  });

  it.each([1280, 1024])('shows segments in a table, axe-clean, at %i px', async (width) => {
    const page = await signedIn(width);
    try {
      await page
        .getByRole('navigation', { name: 'Console' })
        .getByRole('link', { name: 'Segments' })
        .click();
      const table = page.getByRole('table', { name: /Segments of visitors/ });
      await table.waitFor();
      const rows = table.getByRole('row');
      expect(await rows.count()).toBe(3); // the header, business, trial
      // As many ratings each: by name.
      expect(await table.getByRole('rowheader').allTextContents()).toEqual(['business', 'trial']);
      expect(await axePageFindings(page)).toEqual([]);
      // Nothing wider than the screen but the table itself, which scrolls in its own box.
      expect(
        await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
      ).toBe(true);
      await screenshot(page, `segments-${width}`);
    } finally {
      await page.context().close();
    }
  });

  it.each([1280, 1024])(
    'shows the expectation gap in Trends, axe-clean, at %i px',
    async (width) => {
      const page = await signedIn(width);
      try {
        await page
          .getByRole('navigation', { name: 'Console' })
          .getByRole('link', { name: 'Trends' })
          .click();
        const panel = page.getByRole('region', { name: 'Expectation gap' });
        await panel.getByText(/You say 2 minutes; you kept .* for 80% of visitors/).waitFor();
        const table = panel.getByRole('table', { name: 'First replies per week' });
        await table.waitFor();
        await panel
          .getByRole('img', { name: 'First replies within the target over time' })
          .waitFor();
        expect(await axePageFindings(page)).toEqual([]);
        expect(
          await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
        ).toBe(true);
        await panel.scrollIntoViewIfNeeded();
        await screenshot(page, `expectation-${width}`);
      } finally {
        await page.context().close();
      }
    },
  );
});
