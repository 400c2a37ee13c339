/**
 * The console's remaining states meet WCAG 2.2 AA over the whole page (axe-core: WCAG 2.x A and
 * AA, 2.2 AA and best practice), beside console-pages.test.ts: an empty inbox, a chat closed
 * without a rating, a reopened one, the join page, the page of a link that confirms an email, and
 * the admin's visitor-data tab, at 1280 and 1024 px. The console has one theme (light); it does
 * not follow the system's dark theme, so there is no second theme to check.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { describeInBrowser, launchBrowser, screenshot } from '../support/browser';
import { DEMO_PASSWORD } from '../../server/demo/seed';
import { sendDemoEvents, signInAsSupervisor } from '../support/console-browser';
import { call, startServer, tempDir, TEST_ADMIN_TOKEN, type TestServer } from '../support/server';
import { axePageFindings } from './axe';

const findings = (page: Page) => axePageFindings(page, { bestPractice: true });
const WIDTHS = [1280, 1024];

describeInBrowser('the console, axe over the whole page in its other states', () => {
  const dir = tempDir();
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer({ dbPath: `${dir.path}/states.db` });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    dir.remove();
  });

  it('finds nothing in an empty inbox, then in a closed unrated chat and a reopened one', async () => {
    for (const width of WIDTHS) {
      const page = await signInAsSupervisor(browser, server, width);
      try {
        const inbox = page.getByRole('navigation', { name: 'Conversations' });
        // A fresh demo site: nothing in the inbox yet (checked once, before chats arrive).
        if (width === WIDTHS[0]) {
          expect(await inbox.getByRole('button').count()).toBe(0);
          expect(await findings(page), 'empty inbox').toEqual([]);
          await screenshot(page, 'console-inbox-empty');
          await sendDemoEvents(server, reopenedAndUnrated(Date.now()));
        }
        await inbox.getByRole('button').nth(1).waitFor();
        for (const item of await inbox.getByRole('button').all()) {
          await item.click();
          await page.getByRole('main').getByRole('heading').first().waitFor();
          expect(await findings(page), `${await item.textContent()} at ${width} px`).toEqual([]);
        }
        const reopened = inbox.getByRole('button', { name: /Reopened/ });
        await reopened.click();
        await screenshot(page, `console-reopened-${width}`);
      } finally {
        await page.context().close();
      }
    }
  });

  it('finds nothing on the join page and the page of a link that confirms an email', async () => {
    const invited = await call<{ link: string }>(server, 'POST', '/api/v1/sites/demo/invites', {
      token: TEST_ADMIN_TOKEN,
      body: { email: 'erin@demo.peakend.test', role: 'agent' },
    });
    expect(invited.status, JSON.stringify(invited.body)).toBe(201);
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    page.setDefaultTimeout(8000);
    try {
      for (const width of WIDTHS) {
        await page.setViewportSize({ width, height: 800 });
        await page.goto(invited.body.link.replace(/^https?:\/\/[^/]+/, server.url));
        await page.getByRole('heading', { level: 1, name: /^Join / }).waitFor();
        expect(await findings(page), `join at ${width} px`).toEqual([]);
        // Signed out, the page of a link that confirms an email asks to sign in first.
        await page.goto(`${server.url}/console/verify#not-a-real-token-000000000000000`);
        await page.getByRole('button', { name: 'Sign in and confirm' }).waitFor();
        expect(await findings(page), `verify at ${width} px`).toEqual([]);
      }
    } finally {
      await context.close();
    }
  });

  it("finds nothing in the admin's visitor-data tab, with a visitor found", async () => {
    await sendDemoEvents(server, [
      {
        id: 'vd-o',
        conversationId: 'vd',
        type: 'conversation.opened',
        at: new Date(Date.now() - 600_000).toISOString(),
        visitorId: 'visitor-7',
      },
    ]);
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    page.setDefaultTimeout(8000);
    try {
      await page.goto(`${server.url}/console/`);
      await page.getByLabel('Email').fill('dana@demo.peakend.test');
      await page.getByLabel('Password').fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page
        .getByRole('navigation', { name: 'Console' })
        .getByRole('link', { name: 'Admin' })
        .click();
      await page.getByRole('tab', { name: 'Visitor data' }).click();
      const panel = page.getByRole('tabpanel', { name: 'Visitor data' });
      await panel.waitFor();
      for (const width of WIDTHS) {
        await page.setViewportSize({ width, height: 800 });
        expect(await findings(page), `visitor data at ${width} px`).toEqual([]);
      }
    } finally {
      await context.close();
    }
  });
});

/** A chat closed without a rating, and one rated 5 then reopened by its visitor. */
function reopenedAndUnrated(now: number): Record<string, unknown>[] {
  const at = (minutesAgo: number) => new Date(now - minutesAgo * 60_000).toISOString();
  const chat = (id: string, from: number) => [
    { id: `${id}-o`, conversationId: id, type: 'conversation.opened', at: at(from) },
    { id: `${id}-v`, conversationId: id, type: 'message', from: 'visitor', at: at(from - 1) },
    {
      id: `${id}-a`,
      conversationId: id,
      type: 'message',
      from: 'agent',
      agentId: 'anna',
      at: at(from - 2),
    },
    { id: `${id}-c`, conversationId: id, type: 'conversation.closed', at: at(from - 3) },
  ];
  return [
    ...chat('unrated', 40),
    ...chat('reopened', 30),
    { id: 'reopened-r', conversationId: 'reopened', type: 'rating', end: 5, at: at(26) },
    { id: 'reopened-x', conversationId: 'reopened', type: 'conversation.reopened', at: at(20) },
    {
      id: 'reopened-v2',
      conversationId: 'reopened',
      type: 'message',
      from: 'visitor',
      text: 'This isn’t solved',
      at: at(19),
    },
  ];
}
