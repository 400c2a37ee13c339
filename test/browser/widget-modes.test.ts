/**
 * The widget beyond the first visit on a desktop: a conversation that goes on across page views
 * and brings its rating card by itself, a phone, and a site with its own helpdesk chat that asks
 * only for the rating (host-chat mode). Real Chromium, the built widget, a customer's page on its
 * own origin.
 */
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { describeInBrowser, screenshot } from '../support/browser';
import type { HostServer } from '../support/hosts';
import {
  connectAgent,
  data,
  next,
  TEST_ADMIN_TOKEN,
  type AgentClient,
  type TestServer,
} from '../support/server';
import { axeViolations } from './axe';
import { box, launcher, openChat, panel, sendMessage, settle } from './widget';
import { startWidgetStage, type WidgetStage } from '../support/stage';

describeInBrowser('the widget across pages, on a phone, and in host-chat mode', () => {
  let stage: WidgetStage;
  let server: TestServer;
  let hosts: HostServer;
  let browser: Browser;
  let anna: AgentClient;
  const contexts: BrowserContext[] = [];

  async function newPage(options: Parameters<Browser['newContext']>[0] = {}): Promise<Page> {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 800 },
      ...options,
    });
    context.setDefaultTimeout(8000);
    contexts.push(context);
    return context.newPage();
  }

  /** The id of the conversation whose first message is `text`, as the agents see it. */
  async function conversationOf(text: string): Promise<string> {
    const inbox = data(await anna.emitWithAck('inbox:list', {}));
    const found = inbox.conversations.find((c) => c.messages[0]?.text === text);
    if (!found) throw new Error(`no conversation starting "${text}"`);
    return found.id;
  }

  beforeAll(async () => {
    stage = await startWidgetStage();
    ({ server, hosts, browser } = stage);
    anna = await connectAgent(server.url, 'anna@demo.peakend.test');
    await next(anna, 'connect');
  });

  afterAll(async () => {
    anna?.disconnect();
    await Promise.all(contexts.map((c) => c.close()));
    await stage?.stop();
  });

  it('follows the visitor to the next page, and brings the rating card when the agent closes', async () => {
    const page = await newPage();
    const chunks: string[] = [];
    page.on('request', (r) => {
      if (new URL(r.url()).pathname.startsWith('/widget/app-')) chunks.push(r.url());
    });
    await page.goto(`${hosts.url}/clean`);
    await openChat(page);
    await sendMessage(page, 'Can I change my delivery address?');
    const conversationId = await conversationOf('Can I change my delivery address?');

    // The next page view: the conversation is going on, so the widget starts by itself (panel
    // closed), and the agent's close brings the card up without a click.
    await page.reload();
    await launcher(page).waitFor();
    await expect.poll(() => chunks.length).toBe(2);
    await expect.poll(() => panel(page).isVisible()).toBe(false);
    data(await anna.emitWithAck('message:send', { conversationId, text: 'Yes, done for you.' }));
    data(await anna.emitWithAck('conversation:close', { conversationId }));
    await page.getByRole('radiogroup', { name: 'How did this conversation end?' }).waitFor();
    await settle(page);
    // It opened by itself: the page keeps its focus.
    expect(await page.evaluate(() => document.activeElement === document.body)).toBe(true);
    await screenshot(page, 'widget-rating-due-on-next-page');

    // Asked once is enough: the page after does not load the widget again for it.
    await page.reload();
    await launcher(page).waitFor();
    await page.waitForTimeout(500);
    expect(chunks).toHaveLength(2);
    expect(await panel(page).count()).toBe(0);
  });

  it('works on a phone: full-screen panel, large targets, a rating by touch', async () => {
    const page = await newPage({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
    });
    await page.goto(`${hosts.url}/clean`);
    await launcher(page).tap();
    await page.getByRole('textbox', { name: 'Message' }).waitFor();
    await settle(page);
    expect(await box(panel(page))).toEqual({ x: 0, y: 0, width: 390, height: 844 });
    await sendMessage(page, 'Hi from my phone');
    await screenshot(page, 'widget-mobile-chat');

    const conversationId = await conversationOf('Hi from my phone');
    data(await anna.emitWithAck('message:send', { conversationId, text: 'All done!' }));
    data(await anna.emitWithAck('conversation:close', { conversationId }));
    const faces = page.getByRole('radiogroup', { name: 'How did this conversation end?' });
    await faces.waitFor();
    for (const face of await page.locator('peakend-widget .pk-face').all()) {
      const { width, height } = await box(face);
      expect(Math.min(width, height)).toBeGreaterThanOrEqual(44);
    }
    await page.locator('peakend-widget .pk-face[data-score="5"]').tap();
    await page.getByRole('button', { name: 'Quick replies' }).tap();
    await settle(page);
    await screenshot(page, 'widget-mobile-rating');
    await page.getByRole('button', { name: 'Send rating' }).tap();
    await page.getByText('Thank you!').waitFor();
    await expect
      .poll(
        async () =>
          (await server.application.store.getConversation('demo', conversationId))?.rating?.end,
      )
      .toBe(5);
  });

  it('shows only the rating card for a helpdesk conversation, signed by the host', async () => {
    const site = await server.application.store.getSite('demo');
    const at = Date.now() - 10 * 60_000;
    await server.application.pipeline.record(site!, [
      { id: 'zd-e1', conversationId: 'zd-3001', type: 'conversation.opened', at },
      { id: 'zd-e2', conversationId: 'zd-3001', type: 'conversation.assigned', agentId: 'ben', at },
      // Ben answered (a rating of a chat nobody answered rates nobody).
      {
        id: 'zd-e2a',
        conversationId: 'zd-3001',
        type: 'message',
        from: 'agent',
        agentId: 'ben',
        at: at + 30_000,
      },
      { id: 'zd-e3', conversationId: 'zd-3001', type: 'conversation.closed', at: at + 60_000 },
    ] as never);
    const response = await fetch(`${server.url}/api/v1/sites/demo`, {
      headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
    });
    const { signingSecret } = (await response.json()) as { signingSecret: string };
    const signature = createHmac('sha256', signingSecret)
      .update('conversation:zd-3001')
      .digest('hex');

    // On a phone the card rises from the bottom edge.
    const phone = await newPage({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    await phone.goto(`${hosts.url}/helpdesk?c=zd-3001&s=${signature}`);
    await phone.getByRole('button', { name: 'Rate our support' }).tap();
    await phone.getByRole('dialog', { name: 'Your conversation' }).waitFor();
    await settle(phone);
    const sheet = await box(panel(phone));
    expect(sheet.y + sheet.height).toBe(844);
    expect(sheet.width).toBe(390);
    expect(sheet.height).toBeLessThan(844 / 2);
    await screenshot(phone, 'widget-host-chat-rating-mobile');
    await phone.close();

    const page = await newPage();
    const requests: string[] = [];
    page.on('request', (r) => requests.push(new URL(r.url()).pathname));
    await page.goto(`${hosts.url}/helpdesk?c=zd-3001&s=${signature}`);
    // The site has its own chat: no launcher, nothing loaded until it asks for a rating.
    await page.getByRole('button', { name: 'Rate our support' }).waitFor();
    expect(await launcher(page).isVisible()).toBe(false);
    expect(requests.some((p) => p.startsWith('/widget/app-'))).toBe(false);

    await page.getByRole('button', { name: 'Rate our support' }).click();
    const dialog = page.getByRole('dialog', { name: 'Your conversation' });
    await dialog.waitFor();
    await settle(page);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'widget-host-chat-rating');
    await page.getByRole('radio', { name: 'Very good', exact: true }).check();
    await page.getByRole('button', { name: 'Knew the answer' }).click();
    await page.getByRole('button', { name: 'Send rating' }).click();
    await page.getByText('Ben will be glad to hear it.').waitFor();
    expect(
      await page.evaluate(() => (window as unknown as { __rated: unknown[] }).__rated),
    ).toEqual([{ conversationId: 'zd-3001', end: 5 }]);
    expect(
      (await server.application.store.getConversation('demo', 'zd-3001'))?.rating,
    ).toMatchObject({
      end: 5,
      peak: { dimension: 'competence', polarity: 'positive' },
      agentId: 'ben',
    });
    // No visitor socket was needed for it.
    expect(requests.some((p) => p.startsWith('/socket.io'))).toBe(false);

    // Escape closes it once the thanks have drawn (a key pressed before lands nowhere).
    await expect
      .poll(async () => {
        await page.keyboard.press('Escape');
        return dialog.isVisible();
      })
      .toBe(false);
    expect(await launcher(page).isVisible()).toBe(false);
    // No launcher to return to: focus goes back to the page's own button.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('rate');
  });

  it("tells agents who the visitor is, as the page said with peakend('set')", async () => {
    const page = await newPage();
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.goto(`${hosts.url}/clean`);
    // Before the app has loaded: the loader keeps the calls and the app replays them in order.
    await page.evaluate(() => {
      const peakend = (window as unknown as { peakend: (...a: unknown[]) => void }).peakend;
      peakend('set', { segment: 'business', plan: 'pro', 'not a name': 'x' });
      peakend('set', { plan: 'enterprise' });
    });
    await openChat(page);
    await sendMessage(page, 'Do you invoice per seat?');
    const inbox = data(await anna.emitWithAck('inbox:list', {}));
    const seen = inbox.conversations.find(
      (c) => c.messages[0]?.text === 'Do you invoice per seat?',
    );
    expect(seen).toMatchObject({ segment: 'business', attributes: { plan: 'enterprise' } });
    // What the page got wrong is named in the browser console, and nothing else is lost.
    expect(errors.join('\n')).toMatch(/peakend\("set"\): left out not a name/);
  });
});
