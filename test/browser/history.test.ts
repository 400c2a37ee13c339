/**
 * The Conversations history and the Trends view as a supervisor uses them, in real Chromium
 * against the built console, at 1280 and 1024 px wide: axe-clean, and worked by keyboard. The
 * site's conversations come in through the events API, as a helpdesk's would.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { describeInBrowser, launchBrowser, screenshot } from '../support/browser';
import { sendDemoChats, signInAsSupervisor } from '../support/console-browser';
import { startServer, tempDir, type TestServer } from '../support/server';
import { axePageFindings } from './axe';

describeInBrowser('conversations and trends in a real browser', () => {
  const dir = tempDir();
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer({ dbPath: `${dir.path}/peakend.db` });
    browser = await launchBrowser();
    const t0 = Date.now() - 3 * 60 * 60_000;
    // Six conversations: two about a lost parcel, one left open; some rated badly.
    await sendDemoChats(
      server,
      Array.from({ length: 6 }, (_, i) => ({
        id: `hx-${i}`,
        at: t0 + i * 10 * 60_000,
        segment: i % 2 ? 'business' : 'trial',
        agentId: i % 2 ? 'anna' : 'ben',
        visitorText: i < 2 ? 'Where is my parcel? It never arrived.' : 'Can I change my order?',
        agentText: 'Let me look into that for you.',
        open: i === 5,
        end: i < 2 ? 1 : 5,
        ...(i < 2 && { comment: 'Still no parcel.' }),
      })),
    );
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    dir.remove();
  });

  const signedIn = (width: number) => signInAsSupervisor(browser, server, width);

  const section = (page: Page, name: string) =>
    page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name });

  it('searches, filters and opens conversations by keyboard, axe-clean at 1280 and 1024 px', async () => {
    const page = await signedIn(1280);
    try {
      await section(page, 'Conversations').focus();
      await page.keyboard.press('Enter');
      const list = page.getByRole('list', { name: 'Past conversations' });
      const items = list.getByRole('listitem');
      await expect.poll(() => items.count()).toBeGreaterThanOrEqual(6);
      expect(await axePageFindings(page)).toEqual([]);
      await screenshot(page, 'history-1280');

      // Search by keyboard: type, Enter.
      const search = page.getByRole('searchbox', { name: 'Search conversations' });
      await search.focus();
      await page.keyboard.type('parcel');
      await page.keyboard.press('Enter');
      await expect.poll(() => items.count()).toBe(2);
      await expect.poll(() => page.evaluate(() => location.hash)).toMatch(/q=parcel/);

      // A filter: only badly rated ones (both parcel chats were).
      await page.getByRole('combobox', { name: 'Rating' }).selectOption('1,2');
      await expect.poll(() => page.evaluate(() => location.hash)).toMatch(/rating=1%2C2/);
      await expect.poll(() => items.count()).toBe(2);

      // Open one from the keyboard: it shows read-only beside the list.
      await items.first().getByRole('button').focus();
      await page.keyboard.press('Enter');
      await page.getByText('Still no parcel.').first().waitFor();
      await expect
        .poll(() => items.first().getByRole('button').getAttribute('aria-current'))
        .toBe('true');
      expect(await page.getByRole('textbox', { name: 'Reply' }).count()).toBe(0);

      const exported = page.getByRole('link', { name: 'Export CSV' });
      expect(await exported.getAttribute('href')).toMatch(/^\/api\/v1\/sites\/demo\/ratings\.csv/);
      const csv = await page.evaluate(
        async (href) => {
          const response = await fetch(href);
          return { status: response.status, text: await response.text() };
        },
        (await exported.getAttribute('href'))!,
      );
      expect(csv.status).toBe(200);
      expect(csv.text).toMatch(/Still no parcel\./);

      expect(await axePageFindings(page)).toEqual([]);
      await screenshot(page, 'history-open-1280');
      await page.setViewportSize({ width: 1024, height: 800 });
      expect(await axePageFindings(page)).toEqual([]);
      expect(
        await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
      ).toBe(true);
      await screenshot(page, 'history-open-1024');
    } finally {
      await page.context().close();
    }
  });

  it('follows a segment row to its conversations', async () => {
    const page = await signedIn(1280);
    try {
      await section(page, 'Segments').click();
      const table = page.getByRole('table', { name: /Segments of visitors/ });
      await table.waitFor();
      await table.getByRole('row', { name: /trial/ }).getByRole('link').first().click();
      await expect.poll(() => page.evaluate(() => location.hash)).toMatch(/segment=trial/);
      const items = page.getByRole('list', { name: 'Past conversations' }).getByRole('listitem');
      await expect.poll(() => items.count()).toBe(3);
      await page.getByText('Segment: trial').waitFor();
    } finally {
      await page.context().close();
    }
  });

  it.each([1280, 1024])(
    'shows trends with the table view open, axe-clean, at %i px',
    async (width) => {
      const page = await signedIn(width);
      try {
        await section(page, 'Trends').click();
        const tableView = page.getByText('Table view').first();
        await tableView.waitFor();
        await tableView.click();
        await page.getByRole('table').first().waitFor();
        expect(await axePageFindings(page)).toEqual([]);
        expect(
          await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
        ).toBe(true);
        await screenshot(page, `trends-table-${width}`);
      } finally {
        await page.context().close();
      }
    },
  );
});
