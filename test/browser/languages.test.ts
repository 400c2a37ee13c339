/**
 * The whole visitor flow by keyboard alone, in every language the widget speaks, using only that
 * language's accessible names (as a screen-reader user hears them): launcher, message box, "End
 * chat", the five faces, a chip, the comment and "Send rating", to the thank-you and back to the
 * launcher. axe-core checks the card in each language too.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Language } from '../../widget/app/i18n';
import { dictionaries } from '../../widget/app/i18n/all';
import { describeInBrowser, screenshot } from '../support/browser';
import type { HostServer } from '../support/hosts';
import { axeViolations } from './axe';
import { agentAnswers, focused, panel } from './widget';
import { connectAgent, next, type AgentClient } from '../support/server';
import { startWidgetStage, type WidgetStage } from '../support/stage';

describeInBrowser('the widget by keyboard, in every language', () => {
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

  async function tabTo(page: Page, label: string): Promise<void> {
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press('Tab');
      const now = await focused(page);
      if (now.label === label || (await focusedText(page)) === label) return;
    }
    throw new Error(`Tab never reached "${label}"`);
  }

  const focusedText = (page: Page) =>
    page.evaluate(() => {
      let el = document.activeElement;
      while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
      return el?.textContent?.trim() ?? '';
    });

  it.each(Object.keys(dictionaries) as Language[])('works by keyboard in %s', async (lang) => {
    const t = dictionaries[lang];
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    context.setDefaultTimeout(8000);
    const page = await context.newPage();
    try {
      await page.goto(`${hosts.url}/clean`);
      await page.evaluate(
        (l) =>
          (window as unknown as { peakend: (...a: unknown[]) => void }).peakend('init', {
            lang: l,
          }),
        lang,
      );

      await page.keyboard.press('Tab');
      expect(await focused(page)).toMatchObject({ tag: 'button', label: t.openChat });
      await page.keyboard.press('Enter');
      await expect.poll(() => focused(page)).toMatchObject({ tag: 'textarea', label: t.message });
      expect(await page.locator('peakend-widget .pk-root').getAttribute('lang')).toBe(lang);

      await page.keyboard.type(`Hallo ${lang}`);
      await page.keyboard.press('Enter');
      await page.getByRole('log', { name: t.messages }).getByText(`Hallo ${lang}`).waitFor();
      await agentAnswers(page, agent, `Hallo ${lang}`);
      await page.getByRole('button', { name: t.endChat }).focus();
      await page.keyboard.press('Enter');
      // "End this chat?" in the visitor's language, answered from the keyboard.
      await page.getByRole('group', { name: t.endConfirm }).waitFor();
      await page.keyboard.press('Enter');
      await page.getByRole('radiogroup', { name: t.endQuestion }).waitFor();

      await page.keyboard.press('Tab');
      expect(await focused(page)).toMatchObject({ tag: 'input', label: t.faces[0] });
      await page.keyboard.press('Space');
      for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
      expect(await page.getByRole('radio', { name: t.faces[3], exact: true }).isChecked()).toBe(
        true,
      );

      await tabTo(page, t.peaks.responsiveness.positive);
      await page.keyboard.press('Enter');
      await page.getByRole('textbox', { name: t.commentLabel }).waitFor();
      expect(await axeViolations(page)).toEqual([]);
      await screenshot(page, `keyboard-${lang}-comment`);
      await tabTo(page, t.sendRating);
      await page.keyboard.press('Enter');
      await page.getByText(t.thanksTitle(4)).waitFor();

      await page.keyboard.press('Escape');
      await expect.poll(() => panel(page).isVisible()).toBe(false);
      expect(await focused(page)).toMatchObject({ tag: 'button', label: t.openChat });
    } finally {
      await context.close();
    }
  });
});
