/**
 * The console by keyboard alone (decisions.md, "Keyboard order"): Tab from the top of the page
 * meets the header, the inbox, the conversation, the reply and the scores in the order the eye
 * does, reaches every action of the workspace, always shows where the focus is (a ring of at
 * least 3:1), never gets stuck, and Escape closes a menu, a form or a dialog with the focus back
 * on what opened it.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { describeInBrowser, launchBrowser, screenshot } from '../support/browser';
import { sendDemoChats, signInAsSupervisor } from '../support/console-browser';
import { startServer, tempDir, type TestServer } from '../support/server';
import { DEMO_PASSWORD } from '../../server/demo/seed';
import { focusStop, type FocusStop } from './reflow';

/** The parts of the live workspace, in the order the eye meets them. */
const VISUAL_ORDER = ['banner', 'inbox', 'conversation', 'reply', 'scores'];

describeInBrowser('the console by keyboard', () => {
  const dir = tempDir();
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer({ dbPath: `${dir.path}/keyboard.db` });
    browser = await launchBrowser();
    const hour = 3_600_000;
    // One open chat of its own for each test that changes one.
    const open = (id: string, visitorText: string, minutes: number) => ({
      id,
      at: Date.now() - minutes * 60_000,
      agentId: 'anna',
      open: true,
      visitorText,
    });
    await sendDemoChats(server, [
      open('walk-1280', 'Walking it at 1280', 10),
      open('walk-1024', 'Walking it at 1024', 11),
      open('menus', 'Menus by keyboard', 12),
      open('actions', 'Actions by keyboard', 13),
      { id: 'rated', at: Date.now() - hour, agentId: 'ben', end: 4 },
    ]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    dir.remove();
  });

  async function signInAsAdmin(width: number, height: number): Promise<Page> {
    const context = await browser.newContext({ viewport: { width, height } });
    const page = await context.newPage();
    page.setDefaultTimeout(8000);
    await page.goto(`${server.url}/console/`);
    await page.getByLabel('Email').fill('dana@demo.peakend.test');
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation', { name: 'Conversations' }).waitFor();
    return page;
  }

  const matches = (text: string, name: string | RegExp) =>
    typeof name === 'string' ? text.startsWith(name) : name.test(text);

  /** Whether the focus is on a control named `name` (a string: the start of its name). */
  const isFocused = async (page: Page, name: string | RegExp) =>
    matches((await focusStop(page))?.name ?? '', name);

  /** Presses Tab until the focus is on a control named `name`, as a keyboard user would. */
  async function tabTo(page: Page, name: string | RegExp): Promise<void> {
    for (let i = 0; i < 80; i++) {
      await page.keyboard.press('Tab');
      if (await isFocused(page, name)) return;
    }
    throw new Error(`Tab never reached ${String(name)}`);
  }

  /** Shows the chat whose visitor wrote `text` (a mouse click: the setting up of a test). */
  const choose = (page: Page, text: string) =>
    page
      .getByRole('navigation', { name: 'Conversations' })
      .getByRole('button', { name: new RegExp(text) })
      .click();

  /**
   * Every stop of Tab from the top of the page until it leaves the page (or comes round again):
   * a trap would keep it from getting there.
   */
  async function walk(page: Page): Promise<FocusStop[]> {
    // From the top: the body takes the focus for a moment, so the next Tab starts there.
    await page.evaluate(() => {
      document.body.tabIndex = -1;
      document.body.focus();
      document.body.removeAttribute('tabindex');
    });
    const stops: FocusStop[] = [];
    for (let i = 0; i < 150; i++) {
      await page.keyboard.press('Tab');
      const stop = await focusStop(page);
      if (stop === null) return stops;
      const first = stops[0];
      if (first && stops.length > 1 && stop.name === first.name && stop.tag === first.tag) {
        return stops;
      }
      stops.push(stop);
    }
    throw new Error(
      `Tab never left the page: ${stops
        .slice(-8)
        .map((s) => s.name)
        .join(' → ')}`,
    );
  }

  const listed = (stops: FocusStop[]) =>
    stops.map((stop) => `${stop.area}: ${stop.name}`).join('\n');

  /** The parts met, in order, each once however many stops it has. */
  const partsOf = (stops: FocusStop[]) =>
    stops
      .map((stop) => stop.area)
      .filter((area, i, all) => area !== 'other' && area !== all[i - 1]);

  for (const [width, height] of [
    [1280, 800],
    [1024, 768],
  ] as const) {
    it(`meets every part and action of the workspace in the visual order (${width} px)`, async () => {
      const page = await signInAsAdmin(width, height);
      try {
        await choose(page, `Walking it at ${width}`);
        await page.getByRole('textbox', { name: 'Reply' }).fill('On its way');
        // Before a promise (which claims the chat): "Claim" is there.
        const before = await walk(page);
        expect(partsOf(before), listed(before)).toEqual(VISUAL_ORDER);

        // A promise, made by keyboard, so that "Mark promise kept" is there to be reached.
        const promise = page.getByRole('button', { name: 'Make a promise' });
        await promise.focus();
        await page.keyboard.press('Enter');
        const form = page.getByRole('form', { name: 'New promise' });
        await expect
          .poll(() => form.evaluate((el) => el.contains(document.activeElement)))
          .toBe(true);
        await page.keyboard.type('Check the parcel with the courier');
        await page.keyboard.press('Enter');
        await page.getByRole('button', { name: 'Mark promise kept' }).waitFor();
        // Back on its opener once made: the focus is never dropped.
        expect(await promise.evaluate((el) => el === document.activeElement)).toBe(true);
        const after = await walk(page);
        expect(partsOf(after), listed(after)).toEqual(VISUAL_ORDER);
        const stops = [...before, ...after];
        const names = listed(stops);

        // The eye meets them in that order too: the inbox left of the conversation, the
        // scores right of it (wide) or under both (narrower).
        const box = async (selector: string) => (await page.locator(selector).boundingBox())!;
        const [banner, inbox, main, scores] = await Promise.all(
          ['.app > header', '.workspace > nav', '.workspace > main', '.workspace > aside'].map(box),
        );
        expect(banner!.y + banner!.height).toBeLessThanOrEqual(inbox!.y + 1);
        expect(inbox!.x + inbox!.width).toBeLessThanOrEqual(main!.x + 1);
        expect(
          scores!.x >= main!.x + main!.width - 1 || scores!.y >= main!.y + main!.height - 1,
        ).toBe(true);

        const reached = (area: string, name: string | RegExp) =>
          stops.some(
            (stop) =>
              stop.area === area &&
              (typeof name === 'string' ? stop.name.startsWith(name) : name.test(stop.name)),
          );
        const wanted: [string, string | RegExp][] = [
          ...['Live', 'Follow-up', 'Conversations', 'Trends', 'Segments', 'Report', 'Admin'].map(
            (name) => ['banner', name] as [string, string],
          ),
          ['banner', 'Account'],
          ['banner', 'Sign out'],
          ['inbox', /^Visitor/],
          ['conversation', 'Claim'],
          ['conversation', 'Make a promise'],
          ['conversation', 'Close conversation'],
          ['conversation', 'Mark promise kept'],
          ['conversation', 'Messages'],
          ['reply', 'Reply'],
          ['reply', 'Send'],
          ['scores', 'Anna Jansen'],
          ['scores', 'Conversations of Anna Jansen'],
        ];
        for (const [area, name] of wanted) {
          expect(reached(area, name), `${area}: ${String(name)}\n${names}`).toBe(true);
        }
        const unseen = stops.filter((stop) => stop.unseen !== null);
        expect(unseen.map((stop) => `${stop.name}: ${stop.unseen}`)).toEqual([]);
      } finally {
        await page.context().close();
      }
    }, 120_000);
  }

  it('opens and closes the account menu, the promise form and the score breakdown with the keyboard', async () => {
    const page = await signInAsSupervisor(browser, server, 1280);
    try {
      await choose(page, 'Menus by keyboard');
      // The account menu: Enter opens it with the focus inside, Escape closes it onto its button.
      await tabTo(page, 'Account');
      await page.keyboard.press('Enter');
      const panel = page.getByRole('region', { name: 'Account' });
      await panel.waitFor();
      await expect
        .poll(() => panel.evaluate((el) => el.contains(document.activeElement)))
        .toBe(true);
      const inPanel = await focusStop(page);
      expect(inPanel?.unseen, 'the focus in the account menu').toBeNull();
      await page.keyboard.press('Escape');
      await panel.waitFor({ state: 'detached' });
      expect(await isFocused(page, 'Account')).toBe(true);

      // The promise form: Escape closes it onto "Make a promise".
      await tabTo(page, 'Make a promise');
      await page.keyboard.press('Enter');
      const form = page.getByRole('form', { name: 'New promise' });
      await form.waitFor();
      await expect
        .poll(() => form.evaluate((el) => el.contains(document.activeElement)))
        .toBe(true);
      await page.keyboard.press('Escape');
      await form.waitFor({ state: 'detached' });
      expect(await isFocused(page, 'Make a promise')).toBe(true);

      // The score breakdown: a modal dialog keeps the focus inside until Escape, then gives it
      // back to the row's button.
      await tabTo(page, 'Anna Jansen');
      await page.keyboard.press('Enter');
      const dialog = page.getByRole('dialog');
      await dialog.waitFor();
      for (let i = 0; i < 4; i++) {
        expect(await dialog.evaluate((el) => el.contains(document.activeElement))).toBe(true);
        expect((await focusStop(page))?.unseen, 'the focus in the dialog').toBeNull();
        await page.keyboard.press('Tab');
      }
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
      expect(await isFocused(page, 'Anna Jansen')).toBe(true);
      await screenshot(page, 'keyboard-after-breakdown');
    } finally {
      await page.context().close();
    }
  }, 120_000);

  it('claims, answers, keeps a promise and closes a conversation with the keyboard alone', async () => {
    const page = await signInAsSupervisor(browser, server, 1280);
    try {
      await page
        .getByRole('navigation', { name: 'Conversations' })
        .getByRole('button', { name: /Actions by keyboard/ })
        .waitFor();
      await tabTo(page, /Actions by keyboard/);
      await page.keyboard.press('Enter');
      await page.getByRole('log', { name: 'Messages' }).getByText('Actions by keyboard').waitFor();

      await tabTo(page, 'Claim');
      await page.keyboard.press('Enter');
      await page.getByText(/Assigned to you/).waitFor();

      await tabTo(page, 'Make a promise');
      await page.keyboard.press('Enter');
      await page.keyboard.type('Call back about the parcel');
      await page.keyboard.press('Enter');
      const keep = page.getByRole('button', { name: 'Mark promise kept' });
      await keep.waitFor();
      await tabTo(page, 'Mark promise kept');
      await page.keyboard.press('Enter');
      await keep.waitFor({ state: 'detached' });

      await tabTo(page, 'Reply');
      await page.keyboard.type('Found it: it arrives tomorrow.');
      await page.keyboard.press('Enter');
      await page.getByRole('log', { name: 'Messages' }).getByText('it arrives tomorrow').waitFor();

      await tabTo(page, 'Close conversation');
      await page.keyboard.press('Enter');
      await page.getByText(/This conversation is closed/).waitFor();

      // And on to another section by keyboard: the view switcher's links work with Enter.
      await tabTo(page, 'Follow-up');
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { level: 1, name: 'Follow-up' }).waitFor();
    } finally {
      await page.context().close();
    }
  }, 120_000);

  it('would have seen a focus ring too faint to see (control)', async () => {
    const page = await signInAsSupervisor(browser, server, 1280);
    try {
      // The accent on the dark top bar, as the console had it: 2.8:1 (set through the CSSOM,
      // which the console's CSP allows).
      await page.evaluate(() =>
        document.querySelector<HTMLElement>('.topbar')!.style.setProperty('--focus', '#4f46e5'),
      );
      await tabTo(page, 'Live');
      expect((await focusStop(page))?.unseen).toMatch(/^its ring is 2\.\d+:1/);
      await page.evaluate(() => {
        (document.activeElement as HTMLElement).style.outline = 'none';
      });
      expect((await focusStop(page))?.unseen).toBe('no outline or ring');
    } finally {
      await page.context().close();
    }
  });
});
