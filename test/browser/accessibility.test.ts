/**
 * The visitor widget for people who use a keyboard, a screen reader, a phone, reduced motion or a
 * dark system theme, in real Chromium against the built widget on a plain host page: axe-core
 * (WCAG 2.0/2.1 A and AA, 2.2 AA) finds nothing in any state, the keyboard reaches and leaves
 * everything, touch targets are at least 44×44 px, and the panel fits a 320 px screen.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { describeInBrowser, screenshot } from '../support/browser';
import type { HostServer } from '../support/hosts';
import { axeViolations } from './axe';
import {
  agentAnswers,
  box,
  focused,
  launcher,
  messageBox,
  openChat,
  panel,
  sendMessage,
  settle,
} from './widget';
import { startWidgetStage, type WidgetStage } from '../support/stage';
import { connectAgent, next, type AgentClient } from '../support/server';

const FACES = ['Very bad', 'Bad', 'Okay', 'Good', 'Very good'];

describeInBrowser('the widget is accessible', () => {
  let stage: WidgetStage;
  let hosts: HostServer;
  let browser: Browser;
  let agent: AgentClient;
  const contexts: BrowserContext[] = [];

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

  /** A fresh visitor (own storage, so a new conversation) on the plain host page. */
  async function visitor(
    options: { width?: number; height?: number; dark?: boolean; reducedMotion?: boolean } = {},
  ): Promise<Page> {
    const context = await browser.newContext({
      viewport: { width: options.width ?? 1280, height: options.height ?? 800 },
      colorScheme: options.dark ? 'dark' : 'light',
      reducedMotion: options.reducedMotion ? 'reduce' : 'no-preference',
    });
    contexts.push(context);
    context.setDefaultTimeout(8000);
    const page = await context.newPage();
    await page.goto(`${hosts.url}/clean`);
    await launcher(page).waitFor();
    return page;
  }

  const focusedText = (page: Page) =>
    page.evaluate(() => {
      let el = document.activeElement;
      while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
      return el?.textContent?.trim() ?? '';
    });

  /** Every rating save the page sends, in order, over either of socket.io's transports. */
  function ratingSaves(page: Page): Record<string, unknown>[] {
    const saves: Record<string, unknown>[] = [];
    const read = (data: string) => {
      for (const match of data.matchAll(/\["rating:save",(\{.*?\})\]/g)) {
        saves.push(JSON.parse(match[1]!) as Record<string, unknown>);
      }
    };
    page.on('websocket', (socket) =>
      socket.on('framesent', (frame) => {
        if (typeof frame.payload === 'string') read(frame.payload);
      }),
    );
    page.on('request', (request) => read(request.postData() ?? ''));
    return saves;
  }

  /** An agent answers the chat with `visitorText`, then the visitor ends it: the card appears. */
  async function endChat(page: Page, visitorText: string): Promise<void> {
    await agentAnswers(page, agent, visitorText);
    await page.getByRole('button', { name: 'End chat' }).click();
    await page
      .getByRole('group', { name: 'End this chat?' })
      .getByRole('button', { name: 'End chat' })
      .click();
    await page.getByRole('radiogroup', { name: 'How did this conversation end?' }).waitFor();
  }

  for (const theme of ['light', 'dark'] as const) {
    it(`has no axe violations in any state (${theme})`, async () => {
      const page = await visitor({ dark: theme === 'dark' });
      expect(await axeViolations(page), 'launcher').toEqual([]);

      await openChat(page);
      expect(await axeViolations(page), 'empty panel').toEqual([]);
      await sendMessage(page, 'Hi! Where is my order #1042?');
      await sendMessage(page, 'It was due on Monday.');
      expect(await axeViolations(page), 'panel with messages').toEqual([]);
      if (theme === 'dark') await screenshot(page, 'a11y-dark-chat');

      await endChat(page, 'It was due on Monday.');
      expect(await axeViolations(page), 'rating card').toEqual([]);
      await page.getByRole('radio', { name: 'Good', exact: true }).check();
      await page.getByRole('button', { name: 'Quick replies' }).waitFor();
      expect(await axeViolations(page), 'rating card, step 2').toEqual([]);
      if (theme === 'dark') await screenshot(page, 'a11y-dark-rating');
      await page.getByRole('button', { name: 'Quick replies' }).click();
      await page.getByRole('textbox', { name: 'Anything else?' }).waitFor();
      expect(await axeViolations(page), 'rating card, step 3').toEqual([]);
      await page.getByRole('button', { name: 'Send rating' }).click();
      await page.getByText('Thank you!').waitFor();
      expect(await axeViolations(page), 'thank-you').toEqual([]);
      if (theme === 'dark') await screenshot(page, 'a11y-dark-thanks');
    });
  }

  for (const theme of ['light', 'dark'] as const) {
    it(`asks to contact the visitor after a bad ending, with no axe violations (${theme})`, async () => {
      const page = await visitor({ dark: theme === 'dark' });
      await openChat(page);
      await sendMessage(page, 'Nobody is answering');
      await endChat(page, 'Nobody is answering');
      await page.getByRole('radio', { name: 'Very bad', exact: true }).check();
      await page.getByRole('button', { name: 'Long waits' }).click();
      const email = page.getByRole('textbox', { name: 'May we contact you about this?' });
      await email.fill('sam@example');
      await page.getByRole('button', { name: 'Send rating' }).click();
      await page.getByText('Enter a valid email address').waitFor();
      expect(await axeViolations(page), 'a mistyped address').toEqual([]);
      await screenshot(page, `rating-contact-${theme}`);
      await email.fill('sam@example.com');
      await page.getByRole('button', { name: 'Send rating' }).click();
      await page.getByText('Thank you for telling us').waitFor();
    });
  }

  it('would have seen a violation inside the shadow root (control: a nameless button)', async () => {
    const page = await visitor();
    await page.evaluate(() => {
      const root = document.querySelector('peakend-widget')!.shadowRoot!;
      root.appendChild(document.createElement('button'));
    });
    expect((await axeViolations(page)).join('\n')).toMatch(/^button-name/);
  });

  it('works from the keyboard: Tab, Enter, Escape, and the rating radios', async () => {
    const page = await visitor();
    const saves = ratingSaves(page);
    // The plain page has no focusable content of its own: the launcher is the first stop.
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ tag: 'button', label: 'Open chat' });

    await page.keyboard.press('Enter');
    // Focus moves into the panel once it has drawn (an effect, the frame after the click).
    await expect.poll(() => focused(page)).toMatchObject({ tag: 'textarea', label: 'Message' });

    await page.keyboard.press('Escape');
    await expect.poll(() => panel(page).isVisible()).toBe(false);
    expect(await focused(page)).toMatchObject({ tag: 'button', label: 'Open chat' });

    // Again, and on to a rating, by keyboard only.
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toMatchObject({ tag: 'textarea', label: 'Message' });
    await page.keyboard.type('Hello from the keyboard');
    await page.keyboard.press('Enter');
    const sent = page.getByRole('log').getByText('Hello from the keyboard');
    const asked = panel(page).getByText('Enter a valid email address');
    await sent.or(asked).first().waitFor();
    if (await asked.isVisible()) {
      // No one at the console: the widget asks where to answer, with the focus on that field,
      // and the message waits in its box.
      expect(await focused(page)).toMatchObject({ tag: 'input' });
      await page.keyboard.type('ada@example.com');
      await page.keyboard.press('Tab');
      expect(await focused(page)).toMatchObject({ tag: 'textarea', label: 'Message' });
      await page.keyboard.press('Enter');
    }
    await sent.waitFor();
    await agentAnswers(page, agent, 'Hello from the keyboard');
    await page.getByRole('button', { name: 'End chat' }).focus();
    await page.keyboard.press('Enter');
    // "End this chat?": the focus is on its answer; Escape takes it back, to "End chat".
    await expect.poll(() => focusedText(page)).toBe('End chat');
    expect(await page.getByRole('group', { name: 'End this chat?' }).isVisible()).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('group', { name: 'End this chat?' }).count()).toBe(0);
    expect(await panel(page).isVisible()).toBe(true);
    expect(await focusedText(page)).toBe('End chat');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('group', { name: 'End this chat?' }).count()).toBe(1);
    await page.keyboard.press('Enter');
    await page.getByRole('radiogroup', { name: 'How did this conversation end?' }).waitFor();

    // Focus moves to the card once it has drawn; the first Tab then reaches the face radios.
    await expect.poll(() => focused(page)).toMatchObject({ tag: 'div', label: null });
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ tag: 'input', label: 'Very bad' });
    const checked = async () => {
      const states = await Promise.all(
        FACES.map((name) => page.getByRole('radio', { name, exact: true }).isChecked()),
      );
      return FACES.filter((_, i) => states[i]);
    };
    expect(await checked()).toEqual([]);
    // The radio-group pattern: arrows move the choice, and one choice is one save.
    await page.keyboard.press('Space');
    expect(await checked()).toEqual(['Very bad']);
    await expect.poll(() => saves.length).toBe(1);
    await page.keyboard.press('ArrowRight');
    expect(await checked()).toEqual(['Bad']);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    expect(await checked()).toEqual(['Good']);
    expect(await focused(page)).toMatchObject({ tag: 'input', label: 'Good' });
    await page.keyboard.press('ArrowLeft');
    expect(await checked()).toEqual(['Okay']);
    // Saved once the arrow keys have stopped: the face they stopped on, and nothing between.
    await expect.poll(() => saves.length).toBe(2);
    expect(saves[1]).toMatchObject({ end: 3 });
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    await expect.poll(() => saves.length).toBe(3);
    expect(saves[2]).toMatchObject({ end: 4 });
    await page.keyboard.press('ArrowLeft');
    expect(await checked()).toEqual(['Okay']);
    // The next step came in below, reachable by Tab.
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ tag: 'button' });
    expect(
      await page.evaluate(() => {
        let el = document.activeElement;
        while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
        return el?.textContent;
      }),
    ).toBe('Quick replies');
    // Leaving the faces saved the last one, once.
    await expect.poll(() => saves.length).toBe(4);
    expect(saves[3]).toMatchObject({ end: 3 });

    // A chip chosen with Enter leads straight to the comment, and what is typed stays there.
    await page.keyboard.press('Enter');
    await expect.poll(() => saves.length).toBe(5);
    expect(saves[4]).toMatchObject({ end: 3, peak: { dimension: 'responsiveness' } });
    await expect
      .poll(() => focused(page))
      .toMatchObject({ tag: 'textarea', id: expect.stringMatching(/-comment$/) });
    await page.keyboard.type('Typed by keyboard');
    expect(await page.getByRole('textbox', { name: 'Anything else?' }).inputValue()).toBe(
      'Typed by keyboard',
    );
    expect(await focused(page)).toMatchObject({
      tag: 'textarea',
      id: expect.stringMatching(/-comment$/),
    });
    expect(saves).toHaveLength(5);
  });

  it('ends a chat nobody answered with a closing note, not the rating card', async () => {
    const page = await visitor();
    await openChat(page);
    await sendMessage(page, 'Is anyone there?');
    await page.getByRole('button', { name: 'End chat' }).click();
    const question = page.getByRole('group', { name: 'End this chat?' });
    expect(await axeViolations(page), 'End this chat?').toEqual([]);
    await question.getByRole('button', { name: 'End chat' }).click();
    const note = page.getByText('This chat ended before our team could reply.', { exact: false });
    await note.waitFor();
    expect(await page.getByRole('radiogroup').count()).toBe(0);
    expect(await focusedText(page)).toMatch(/^This chat ended before our team could reply/);
    // The visitor can write again at once.
    expect(await messageBox(page).isVisible()).toBe(true);
    expect(await axeViolations(page), 'closing note').toEqual([]);
  });

  it('has touch targets of at least 44×44 px', async () => {
    const page = await visitor();
    const { width, height } = await box(launcher(page));
    expect(width).toBeGreaterThanOrEqual(44);
    expect(height).toBeGreaterThanOrEqual(44);
    await openChat(page);
    await sendMessage(page, 'Checking the targets');
    // The composer comes back after the thank-you; measure Send before ending the chat.
    const send = await box(page.getByRole('button', { name: 'Send', exact: true }));
    expect(Math.min(send.width, send.height)).toBeGreaterThanOrEqual(44);
    await endChat(page, 'Checking the targets');
    await page.getByRole('radio', { name: 'Okay', exact: true }).check();
    await page.getByRole('button', { name: 'Quick replies' }).waitFor();
    await settle(page);
    for (const name of FACES) {
      const face = await box(page.getByRole('radio', { name, exact: true }));
      expect(Math.min(face.width, face.height), name).toBeGreaterThanOrEqual(44);
    }
    for (const name of ['Quick replies', 'Long waits', 'Nothing in particular', 'Skip']) {
      const chip = await box(page.getByRole('button', { name, exact: true }));
      expect(Math.min(chip.width, chip.height), name).toBeGreaterThanOrEqual(44);
    }
  });

  it('fits a 320 px wide phone without horizontal overflow', async () => {
    const page = await visitor({ width: 320, height: 640 });
    await openChat(page);
    await sendMessage(page, 'A long message without spaces: ' + 'x'.repeat(120));
    const overflow = () =>
      page.evaluate(() => {
        const root = document.querySelector('peakend-widget')!.shadowRoot!;
        const wide = [...root.querySelectorAll<HTMLElement>('.pk-panel, .pk-panel *')].filter(
          (el) =>
            el.scrollWidth > el.clientWidth + 1 &&
            ['auto', 'scroll'].includes(getComputedStyle(el).overflowX),
        );
        const panelBox = root.querySelector('.pk-panel')!.getBoundingClientRect();
        return {
          page: document.documentElement.scrollWidth <= 320,
          panel: panelBox.left >= 0 && panelBox.right <= 320,
          scrollers: wide.map((el) => el.className),
        };
      });
    expect(await overflow()).toEqual({ page: true, panel: true, scrollers: [] });
    await endChat(page, 'A long message without spaces: ');
    await page.getByRole('radio', { name: 'Very good', exact: true }).check();
    await page.getByRole('button', { name: 'Nothing in particular' }).waitFor();
    await settle(page);
    expect(await overflow()).toEqual({ page: true, panel: true, scrollers: [] });
    for (const name of FACES) {
      const face = await box(page.getByRole('radio', { name, exact: true }));
      expect(Math.min(face.width, face.height), name).toBeGreaterThanOrEqual(44);
    }
    await screenshot(page, 'a11y-320px-rating');
  });

  it('drops animations and transitions under prefers-reduced-motion', async () => {
    const page = await visitor({ reducedMotion: true });
    await openChat(page);
    await sendMessage(page, 'No motion, please');
    await endChat(page, 'No motion, please');
    await page.getByRole('radio', { name: 'Good', exact: true }).check();
    await page.getByRole('button', { name: 'Quick replies' }).waitFor();
    const moving = await page.evaluate(() => {
      const root = document.querySelector('peakend-widget')!.shadowRoot!;
      return [...root.querySelectorAll<HTMLElement>('.pk-root, .pk-root *')]
        .filter((el) => {
          const style = getComputedStyle(el);
          const durations = style.transitionDuration.split(',').map((d) => parseFloat(d));
          return style.animationName !== 'none' || durations.some((d) => d > 0);
        })
        .map((el) => el.className);
    });
    expect(moving).toEqual([]);

    // Without the preference, the panel does animate in (so the check above means something).
    const moved = await visitor();
    await launcher(moved).click();
    await messageBox(moved).waitFor();
    expect(await panel(moved).evaluate((el) => getComputedStyle(el).animationName)).toBe('pk-in');
  });

  it('follows a dark system theme', async () => {
    const background = async (page: Page) => {
      await openChat(page);
      return panel(page).evaluate((el) => {
        const body = el.querySelector('.pk-body')!;
        return [getComputedStyle(el).backgroundColor, getComputedStyle(body).backgroundColor];
      });
    };
    const light = await background(await visitor());
    const darkPage = await visitor({ dark: true });
    const dark = await background(darkPage);
    expect(light).toEqual(['rgb(255, 255, 255)', 'rgb(247, 248, 250)']);
    expect(dark).not.toEqual(light);
    // Dark means dark: every channel of both surfaces well below the middle.
    for (const color of dark) {
      const channels = color.match(/\d+/g)!.slice(0, 3).map(Number);
      expect(Math.max(...channels), color).toBeLessThan(64);
    }
    await sendMessage(darkPage, 'Hello in the dark');
    await screenshot(darkPage, 'a11y-dark-panel');
  });
});
