/**
 * What the visitor sees of the chat while its panel is closed, in real Chromium against the built
 * widget: replies missed while minimised (a count on the launcher and in its name, a preview that
 * opens the chat, read out politely), and the launcher itself (named in the page's language,
 * still under reduced motion).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { describeInBrowser, screenshot } from '../support/browser';
import type { HostServer } from '../support/hosts';
import { connectAgent, data, next, type AgentClient } from '../support/server';
import { startWidgetStage, type WidgetStage } from '../support/stage';
import { messageBox, openChat, panel, sendMessage } from './widget';
import { axeViolations } from './axe';

describeInBrowser('the widget while its panel is closed', () => {
  let stage: WidgetStage;
  let hosts: HostServer;
  let browser: Browser;
  let agent: AgentClient;

  beforeAll(async () => {
    stage = await startWidgetStage();
    ({ hosts, browser } = stage);
    agent = await connectAgent(stage.server.url, 'anna@demo.peakend.test');
    await next(agent, 'connect');
  });

  afterAll(async () => {
    agent?.disconnect();
    await stage?.stop();
  });

  async function visitor(reducedMotion = false): Promise<Page> {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 800 },
      reducedMotion: reducedMotion ? 'reduce' : 'no-preference',
    });
    context.setDefaultTimeout(8000);
    const page = await context.newPage();
    await page.goto(`${hosts.url}/clean`);
    return page;
  }

  /** The launcher, whatever its name says. */
  const launcherButton = (page: Page) => page.locator('peakend-widget #l');
  const launcherName = (page: Page) => launcherButton(page).getAttribute('aria-label');
  const badge = (page: Page) =>
    launcherButton(page).evaluate((el) => getComputedStyle(el, '::after').content);

  it('counts replies missed while minimised, previews the latest, and clears when opened', async () => {
    const page = await visitor();
    await openChat(page);
    await sendMessage(page, 'Is my order on its way?');
    await page.getByRole('button', { name: 'Close chat' }).click();
    await expect.poll(() => panel(page).isVisible()).toBe(false);
    expect(await launcherName(page)).toBe('Open chat');

    const inbox = data(await agent.emitWithAck('inbox:list', {}));
    const conversationId = inbox.conversations.find((c) =>
      c.messages.some((m) => m.text === 'Is my order on its way?'),
    )!.id;
    data(await agent.emitWithAck('conversation:claim', { conversationId }));
    data(await agent.emitWithAck('message:send', { conversationId, text: 'Yes, it left today.' }));
    await expect.poll(() => launcherName(page)).toBe('Open chat, 1 unread message');
    data(await agent.emitWithAck('message:send', { conversationId, text: 'Tracking: PK-123.' }));
    await expect.poll(() => launcherName(page)).toBe('Open chat, 2 unread messages');
    expect(await badge(page)).toBe('"2"');

    // The preview sits in a polite live region, so screen readers hear it come in.
    const status = page.locator('peakend-widget [role=status]').filter({ hasText: 'Anna' });
    expect(await status.textContent()).toBe('Anna: Tracking: PK-123.');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'missed-replies');

    await page.getByRole('button', { name: 'Anna: Tracking: PK-123.' }).click();
    await messageBox(page).waitFor();
    await page.getByRole('log').getByText('Tracking: PK-123.').waitFor();
    await page.getByRole('button', { name: 'Close chat' }).click();
    await expect.poll(() => launcherName(page)).toBe('Open chat');
    expect(await badge(page)).toBe('none');
    expect(await page.getByRole('button', { name: /^Anna:/ }).count()).toBe(0);
  });

  it('names the launcher in the page’s language', async () => {
    const page = await visitor();
    expect(await launcherName(page)).toBe('Open chat');
    await page.evaluate(() => {
      document.documentElement.lang = 'nl';
      (window as unknown as { peakend: (...a: unknown[]) => void }).peakend('init', {});
    });
    expect(await launcherName(page)).toBe('Chat openen');
    expect(await page.getByRole('button', { name: 'Chat openen' }).isVisible()).toBe(true);
  });

  it('keeps the launcher still under reduced motion, hovered or not', async () => {
    const page = await visitor(true);
    const motion = () =>
      launcherButton(page).evaluate((el) =>
        [getComputedStyle(el), getComputedStyle(el, '::after')].map((s) => ({
          animation: s.animationName,
          transition: s.transitionDuration,
          transform: s.transform,
        })),
      );
    const still = { animation: 'none', transition: '0s', transform: 'none' };
    expect(await motion()).toEqual([still, still]);
    await launcherButton(page).hover();
    expect(await motion()).toEqual([still, still]);
  });
});
