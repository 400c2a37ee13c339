/**
 * The weekly report and the comments feed as a supervisor uses them, in real Chromium against
 * the built console: axe-clean at 1280 and 1024 px, worked by keyboard, and on paper (print
 * media) the report alone, without the top bar or controls. The site's week comes in through
 * the events API, as a helpdesk's would, placed in the last complete week.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../server/demo/seed';
import { lastCompleteWeek, weekSpan } from '../../shared/week';
import { describeInBrowser, launchBrowser, screenshot } from '../support/browser';
import { call, startServer, tempDir, TEST_ADMIN_TOKEN, type TestServer } from '../support/server';
import { axePageFindings } from './axe';

describeInBrowser('the weekly report in a real browser', () => {
  const dir = tempDir();
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer({ dbPath: `${dir.path}/peakend.db` });
    browser = await launchBrowser();
    const rotated = await call(server, 'POST', '/api/v1/sites/demo/key', {
      token: TEST_ADMIN_TOKEN,
    });
    const { key } = rotated.body as { key: string };
    // The demo site is on UTC: its last complete week, from its Tuesday on.
    const span = weekSpan(lastCompleteWeek(Date.now(), 'UTC'), 'UTC')!;
    const at = (minutes: number) =>
      new Date(span.from + 86_400_000 + minutes * 60_000).toISOString();
    const comments = [
      'Anna sorted it out in minutes, thank you!',
      'Ben kept his word and called back.',
      'Nobody got back to me.',
    ];
    const events = Array.from({ length: 9 }, (_, i) => {
      const id = `wk-${i}`;
      const bad = i % 3 === 2;
      return [
        {
          id: `${id}-o`,
          type: 'conversation.opened',
          conversationId: id,
          at: at(i * 60),
          segment: i % 2 ? 'business' : 'trial',
        },
        { id: `${id}-v`, type: 'message', conversationId: id, at: at(i * 60 + 1), from: 'visitor' },
        {
          id: `${id}-a`,
          type: 'message',
          conversationId: id,
          at: at(i * 60 + 2),
          from: 'agent',
          agentId: i % 2 ? 'anna' : 'ben',
        },
        { id: `${id}-c`, type: 'conversation.closed', conversationId: id, at: at(i * 60 + 3) },
        {
          id: `${id}-r`,
          type: 'rating',
          conversationId: id,
          at: at(i * 60 + 4),
          end: bad ? 1 : 5,
          peak: bad
            ? { dimension: 'responsiveness', polarity: 'negative' }
            : { dimension: i % 2 ? 'competence' : 'reliability', polarity: 'positive' },
          comment: bad ? comments[2] : comments[i % 2 ? 0 : 1],
        },
      ];
    }).flat();
    const posted = await call(server, 'POST', '/api/v1/sites/demo/events', {
      token: key,
      body: { events },
    });
    expect(posted.status, JSON.stringify(posted.body)).toBe(200);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    dir.remove();
  });

  async function signedIn(width: number): Promise<Page> {
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(8000);
    await page.goto(`${server.url}/console/`);
    await page.getByLabel('Email').fill('anna@demo.peakend.test');
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation', { name: 'Conversations' }).waitFor();
    return page;
  }

  /** Tabs until the focused element is the one `matches` picks, as a keyboard user would. */
  async function tabTo(page: Page, label: string): Promise<void> {
    for (let i = 0; i < 60; i++) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => {
        const el = document.activeElement;
        return (
          el?.getAttribute('aria-label') ??
          el?.closest('label')?.textContent?.trim() ??
          el?.textContent?.trim() ??
          ''
        );
      });
      if (focused === label || focused.startsWith(label)) return;
    }
    throw new Error(`Tab never reached ${label}`);
  }

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

  it('lists comments and chips beside the conversations, filtered by agent', async () => {
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
    } finally {
      await page.context().close();
    }
  });
});
