/**
 * The weekly report and the comments feed as a supervisor uses them, in real Chromium against
 * the built console: axe-clean at 1280 and 1024 px, worked by keyboard, and on paper (print
 * media) the report alone, without the top bar or controls. The site's week comes in through
 * the events API, as a helpdesk's would, placed in the last complete week.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { lastCompleteWeek, weekSpan } from '../../shared/week';
import { describeInBrowser, launchBrowser, screenshot } from '../support/browser';
import { sendDemoChats, signInAsSupervisor, tabTo } from '../support/console-browser';
import { startServer, tempDir, type TestServer } from '../support/server';
import { axePageFindings } from './axe';

describeInBrowser('the weekly report in a real browser', () => {
  const dir = tempDir();
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer({ dbPath: `${dir.path}/peakend.db` });
    browser = await launchBrowser();
    // The demo site is on UTC: its last complete week, from its Tuesday on.
    const span = weekSpan(lastCompleteWeek(Date.now(), 'UTC'), 'UTC')!;
    const comments = [
      'Anna sorted it out in minutes, thank you!',
      'Ben kept his word and called back.',
      'Nobody got back to me.',
    ];
    await sendDemoChats(
      server,
      Array.from({ length: 9 }, (_, i) => {
        const bad = i % 3 === 2;
        return {
          id: `wk-${i}`,
          at: span.from + 86_400_000 + i * 60 * 60_000,
          segment: i % 2 ? 'business' : 'trial',
          agentId: i % 2 ? 'anna' : 'ben',
          end: bad ? 1 : 5,
          peak: bad
            ? ({ dimension: 'responsiveness', polarity: 'negative' } as const)
            : ({ dimension: i % 2 ? 'competence' : 'reliability', polarity: 'positive' } as const),
          comment: bad ? comments[2] : comments[i % 2 ? 0 : 1],
        };
      }),
    );
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    dir.remove();
  });

  const signedIn = (width: number) => signInAsSupervisor(browser, server, width, 900);

  it('opens the report by keyboard, axe-clean at 1280 and 1024 px, and prints the report alone', async () => {
    const page = await signedIn(1280);
    try {
      await tabTo(page, 'Report');
      await page.keyboard.press('Enter');
      const moments = page.getByRole('region', { name: 'Best moments' });
      await moments.waitFor();
      await page
        .getByRole('img', { name: 'Responsiveness over time' })
        .locator('canvas')
        .first()
        .waitFor();
      // The agents to praise, by name, and their visitors' words.
      expect(await moments.textContent()).toContain('Anna sorted it out in minutes');
      expect(await moments.getByRole('listitem').count()).toBe(6);
      const drivers = page.getByRole('table', { name: /Top drivers of bad endings/ });
      expect(await drivers.getByRole('rowheader').allTextContents()).toEqual(['trial', 'business']);
      expect(await axePageFindings(page)).toEqual([]);
      await screenshot(page, 'report-1280');

      // The week and Print are reached by keyboard.
      await tabTo(page, 'Week');
      await tabTo(page, 'Print');

      await page.setViewportSize({ width: 1024, height: 900 });
      expect(await axePageFindings(page)).toEqual([]);
      expect(
        await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
      ).toBe(true);
      await screenshot(page, 'report-1024');

      // On paper: A4 portrait is about 794 px wide; no top bar, no controls, the charts fit.
      await page.setViewportSize({ width: 794, height: 1123 });
      await page.emulateMedia({ media: 'print' });
      expect(await page.getByRole('banner').isVisible()).toBe(false);
      expect(await page.getByRole('button', { name: 'Print' }).isVisible()).toBe(false);
      expect(await page.getByLabel('Week', { exact: true }).isVisible()).toBe(false);
      await page.screenshot({ path: 'test-results/screenshots/report-print.png', fullPage: true });
      const widest = await page.evaluate(() =>
        Math.max(
          ...[...document.querySelectorAll('.report canvas')].map(
            (c) => c.getBoundingClientRect().right,
          ),
        ),
      );
      expect(widest).toBeLessThanOrEqual(794);
      const pdf = await page.pdf({ format: 'A4' });
      // Each section starts a page: scores, charts, drivers, follow-ups, best moments.
      const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? [];
      expect(pages.length).toBeGreaterThanOrEqual(5);
    } finally {
      await page.context().close();
    }
  });

  it('lists comments and chips beside the conversations, filtered by agent, at their own address', async () => {
    const page = await signedIn(1280);
    try {
      await page
        .getByRole('navigation', { name: 'Console' })
        .getByRole('link', { name: 'Conversations' })
        .click();
      await page.getByRole('button', { name: 'Comments' }).click();
      const list = page.getByRole('list', { name: 'Comments and chips' });
      await list.waitFor();
      expect(await list.getByRole('listitem').count()).toBe(9);
      await page.getByLabel('Agent').selectOption('ben');
      await expect.poll(() => list.getByRole('listitem').count()).toBe(5);
      expect(await axePageFindings(page)).toEqual([]);
      await screenshot(page, 'comments-1280');
      // A comment opens its conversation in the history.
      await list.getByRole('link').first().click();
      await page.getByRole('button', { name: 'Conversations', pressed: true }).waitFor();
      expect(page.url()).toMatch(/#conversations\?open=wk-/);

      // The address names the view: a reload (or a shared link) opens the same one.
      await page.getByRole('button', { name: 'Comments' }).click();
      expect(page.url()).toMatch(/#comments$/);
      await page.reload();
      await page.getByRole('list', { name: 'Comments and chips' }).waitFor();
      await page
        .getByRole('navigation', { name: 'Console' })
        .getByRole('link', { name: 'Report' })
        .click();
      expect(page.url()).toMatch(/#report$/);
      await page.reload();
      await page.getByRole('region', { name: 'Best moments' }).waitFor();
    } finally {
      await page.context().close();
    }
  });
});
