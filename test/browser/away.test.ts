/**
 * Away mode and webmaster diagnostics in real Chromium, with the built widget on a customer's
 * page: with no one at the console the widget says so, asks for a valid email and sends it with
 * the first message, which waits in the console with the address to answer at; when a member
 * opens the console the header changes live. A page on an origin the site does not allow shows
 * the visitor only "Chat isn't available" and the page's console one warning naming the fix.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { describeInBrowser, screenshot } from '../support/browser';
import type { HostServer } from '../support/hosts';
import { connectAgent, data, next, type TestServer } from '../support/server';
import { axeViolations } from './axe';
import { messageBox, openChat, panel } from './widget';
import { startWidgetStage, type WidgetStage } from '../support/stage';

describeInBrowser('away mode and webmaster diagnostics', () => {
  let stage: WidgetStage;
  let server: TestServer;
  let hosts: HostServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  async function newPage(): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    context.setDefaultTimeout(8000);
    contexts.push(context);
    return context.newPage();
  }

  beforeAll(async () => {
    stage = await startWidgetStage();
    ({ server, hosts, browser } = stage);
  });

  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close()));
    await stage?.stop();
  });

  it('says no one is there, takes a valid email with the message, and goes online live', async () => {
    const page = await newPage();
    await page.goto(`${hosts.url}/clean`);
    await openChat(page);
    await expect.poll(() => panel(page).getByText('We’re away right now').isVisible()).toBe(true);
    expect(await panel(page).locator('.pk-dot-on').count()).toBe(0);

    const email = page.getByRole('textbox', { name: 'Your email' });
    await messageBox(page).fill('Do you ship to Norway?');
    await email.fill('ada@example');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await page.getByText('Enter a valid email address').waitFor();
    expect(await email.evaluate((el) => el.matches(':focus'))).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'widget-away-form');

    await email.fill('ada@example.com');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await page.getByText('Thanks! We’ll answer at ada@example.com.').waitFor();
    await page.getByRole('log').getByText('Do you ship to Norway?', { exact: true }).waitFor();
    expect(await email.count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);

    // Anna opens the console: the conversation waits there with the address, and the widget
    // says the team is there, without a reload.
    const anna = await connectAgent(server.url, 'anna@demo.peakend.test');
    try {
      await next(anna, 'connect');
      await expect
        .poll(() => panel(page).getByText('We usually reply within a few minutes').isVisible())
        .toBe(true);
      expect(await panel(page).locator('.pk-dot-on').count()).toBe(1);
      const inbox = data(await anna.emitWithAck('inbox:list', {}));
      const waiting = inbox.conversations.find(
        (c) => c.messages[0]?.text === 'Do you ship to Norway?',
      );
      expect(waiting).toMatchObject({ status: 'open', contact: { email: 'ada@example.com' } });
    } finally {
      anna.disconnect();
    }
    await expect.poll(() => panel(page).getByText('We’re away right now').isVisible()).toBe(true);
  });

  it("warns the page's webmaster once about an origin the site does not allow", async () => {
    const page = await newPage();
    const warnings: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'warning') warnings.push(message.text());
    });
    // The same host page, reached by another name: another origin, not on the site's list.
    const elsewhere = hosts.url.replace('127.0.0.1', 'localhost');
    await page.goto(`${elsewhere}/clean`);
    await openChat(page);
    await page.getByText('Chat isn’t available right now. Please try again later.').waitFor();
    await expect.poll(() => warnings.filter((w) => w.startsWith('Peakend:')).length).toBe(1);
    expect(warnings.filter((w) => w.startsWith('Peakend:'))).toEqual([
      `Peakend: this page's origin ${elsewhere} is not one of the site's allowed origins: add it in the admin screens (Settings, Allowed origins).`,
    ]);
  });
});
