/**
 * The whole console page, not a part of it, meets WCAG 2.2 AA: axe-core (WCAG 2.x A and AA, 2.2
 * AA and best practice) over the document finds nothing in the live workspace (a chat waiting,
 * an open one, a closed and rated one) and in every section, at 1280 and 1024 px.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { describeInBrowser, launchBrowser, screenshot } from '../support/browser';
import { DEMO_PASSWORD } from '../../server/demo/seed';
import { sendDemoChats, signInAsSupervisor } from '../support/console-browser';
import { startServer, tempDir, type TestServer } from '../support/server';
import { axePageFindings } from './axe';

describeInBrowser('the console, axe over the whole page', () => {
  const dir = tempDir();
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer({ dbPath: `${dir.path}/console.db` });
    browser = await launchBrowser();
    const hour = 3_600_000;
    await sendDemoChats(server, [
      { id: 'waiting', at: Date.now() - hour / 4, agentId: 'anna', open: true },
      {
        id: 'rated',
        at: Date.now() - hour,
        agentId: 'anna',
        end: 2,
        peak: { dimension: 'responsiveness', polarity: 'negative' },
        comment: 'Took a while',
      },
    ]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    dir.remove();
  });

  const findings = (page: Page) => axePageFindings(page, { bestPractice: true });
  const section = (page: Page, name: string) =>
    // A section's name may carry a count ("Follow-up, 2 new").
    page
      .getByRole('navigation', { name: 'Console' })
      .getByRole('link', { name: new RegExp(`^${name}`) });

  for (const width of [1280, 1024]) {
    it(`finds nothing in the workspace and every section (${width} px)`, async () => {
      const page = await signInAsSupervisor(browser, server, width);
      try {
        const inbox = page.getByRole('navigation', { name: 'Conversations' });
        await inbox.getByRole('button').nth(1).waitFor();
        const items = await inbox.getByRole('button').all();
        // The waiting chat and the rated one (and nothing else: no "load more").
        expect(items).toHaveLength(2);
        for (const item of items) {
          await item.click();
          expect(await findings(page), `workspace: ${await item.textContent()}`).toEqual([]);
        }
        await screenshot(page, `console-workspace-${width}`);
        await page
          .getByRole('region', { name: 'Live scores' })
          .getByRole('button', { name: /^Anna Jansen/ })
          .click();
        await page.getByRole('dialog').waitFor();
        expect(await findings(page), 'score breakdown').toEqual([]);
        await page.keyboard.press('Escape');
        await page.getByRole('dialog').waitFor({ state: 'detached' });
        for (const name of ['Follow-up', 'Conversations', 'Trends', 'Segments', 'Report']) {
          await section(page, name).click();
          await page.getByRole('heading', { level: 1 }).first().waitFor();
          expect(await findings(page), name).toEqual([]);
        }
        await section(page, 'Conversations').click();
        await page.getByRole('button', { name: 'Comments' }).click();
        await page.getByRole('heading', { level: 1, name: 'Comments' }).waitFor();
        expect(await findings(page), 'Comments').toEqual([]);
      } finally {
        await page.context().close();
      }
    });
  }

  it('finds nothing on the sign-in page, nor in any admin tab (1280 and 1024 px)', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    page.setDefaultTimeout(8000);
    try {
      await page.goto(`${server.url}/console/`);
      await page.getByLabel('Email').waitFor();
      expect(await findings(page), 'sign-in').toEqual([]);
      await page.getByLabel('Email').fill('dana@demo.peakend.test');
      await page.getByLabel('Password').fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await section(page, 'Admin').click();
      for (const width of [1280, 1024]) {
        await page.setViewportSize({ width, height: 800 });
        for (const tab of ['Team', 'Settings', 'Embed and key', 'Integrations', 'Webhooks']) {
          await page.getByRole('tab', { name: tab }).click();
          await page.getByRole('tabpanel', { name: tab }).waitFor();
          expect(await findings(page), `admin: ${tab} at ${width} px`).toEqual([]);
        }
      }
    } finally {
      await context.close();
    }
  });
});
