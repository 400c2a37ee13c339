/**
 * The console reflows (decisions.md, "Accessibility of the console"): on a 320 px wide screen
 * (WCAG 1.4.10) and at 200% text on a 1280 px one (1.4.4) every page keeps everything (no
 * sideways scroll, no control off the screen or cut, no text cut, no controls on top of each
 * other), and at 320 px axe finds nothing either. On a phone the inbox and the conversation take
 * turns, with a way back to the inbox.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { describeInBrowser, launchBrowser, screenshot } from '../support/browser';
import { DEMO_PASSWORD } from '../../server/demo/seed';
import { sendDemoChats } from '../support/console-browser';
import { call, startServer, tempDir, TEST_ADMIN_TOKEN, type TestServer } from '../support/server';
import { axePageFindings } from './axe';
import { askForBiggerText, reflowProblems } from './reflow';

/** A phone at 320 CSS px, or a laptop with the text at twice its size. */
const SCREENS = [
  { name: '320px', width: 320, height: 640, bigText: false },
  { name: '200pct-text', width: 1280, height: 800, bigText: true },
] as const;
type Screen = (typeof SCREENS)[number];

describeInBrowser('the console reflows: 320 px wide and 200% text', () => {
  const dir = tempDir();
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer({ dbPath: `${dir.path}/reflow.db` });
    browser = await launchBrowser();
    const hour = 3_600_000;
    await sendDemoChats(server, [
      {
        id: 'waiting',
        at: Date.now() - hour / 4,
        agentId: 'anna',
        open: true,
        segment: 'returning-customers-from-the-newsletter',
        visitorText: 'My order from last week has not arrived: '.concat('x'.repeat(80)),
        agentText: 'Let me check that for you.',
      },
      {
        id: 'rated',
        at: Date.now() - hour,
        agentId: 'anna',
        end: 2,
        peak: { dimension: 'responsiveness', polarity: 'negative' },
        comment: 'Took a while',
      },
      { id: 'good', at: Date.now() - 2 * hour, agentId: 'ben', end: 5, comment: 'Great help' },
    ]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    dir.remove();
  });

  async function open(screen: Screen, path = '/console/'): Promise<Page> {
    const context = await browser.newContext({
      viewport: { width: screen.width, height: screen.height },
    });
    const page = await context.newPage();
    page.setDefaultTimeout(8000);
    if (screen.bigText) await askForBiggerText(page);
    await page.goto(`${server.url}${path}`);
    if (screen.bigText) {
      // The console follows it: its 14 px text is 28 px now.
      expect(await page.evaluate(() => getComputedStyle(document.documentElement).fontSize)).toBe(
        '28px',
      );
    }
    return page;
  }

  async function signIn(screen: Screen, email = 'dana@demo.peakend.test'): Promise<Page> {
    const page = await open(screen);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation', { name: 'Conversations' }).waitFor();
    return page;
  }

  /** Nothing lost on this page; at 320 px, nothing for axe either; and a picture to look at. */
  async function keepsEverything(page: Page, screen: Screen, state: string): Promise<void> {
    await page.waitForTimeout(300); // animations done
    await screenshot(page, `reflow-${screen.name}-${state}`);
    expect(await reflowProblems(page), `${state} (${screen.name})`).toEqual([]);
    if (!screen.bigText) {
      expect(await axePageFindings(page, { bestPractice: true }), `${state}: axe`).toEqual([]);
    }
  }

  const section = (page: Page, name: string) =>
    page
      .getByRole('navigation', { name: 'Console' })
      .getByRole('link', { name: new RegExp(`^${name}`) });

  for (const screen of SCREENS) {
    it(`keeps the sign-in and join pages whole (${screen.name})`, async () => {
      const page = await open(screen);
      try {
        await page.getByLabel('Email').waitFor();
        await keepsEverything(page, screen, 'sign-in');
        const invite = await call(server, 'POST', '/api/v1/sites/demo/invites', {
          token: TEST_ADMIN_TOKEN,
          body: { email: `reflow-${screen.name}@example.test`, role: 'agent' },
        });
        expect(invite.status, JSON.stringify(invite.body)).toBe(201);
        await page.goto(String(invite.body.link));
        await page.getByRole('heading', { level: 1 }).waitFor();
        await keepsEverything(page, screen, 'join');
      } finally {
        await page.context().close();
      }
    }, 120_000);

    it(`keeps the live workspace whole: inbox, conversation, scores, dialogs (${screen.name})`, async () => {
      const page = await signIn(screen);
      try {
        const inbox = page.getByRole('navigation', { name: 'Conversations' });
        await inbox.getByRole('button').nth(2).waitFor();
        await keepsEverything(page, screen, 'inbox');

        // The inbox and the conversation take turns; the focus follows to the conversation.
        await inbox.getByRole('button', { name: /Unassigned/ }).click();
        const reply = page.getByRole('textbox', { name: 'Reply' });
        await reply.waitFor();
        expect(await inbox.isVisible()).toBe(false);
        const back = page.getByRole('button', { name: 'Back to inbox' });
        await expect.poll(() => back.evaluate((el) => el === document.activeElement)).toBe(true);
        await keepsEverything(page, screen, 'conversation');

        await page.getByRole('button', { name: 'Make a promise' }).click();
        await page
          .getByRole('button', { name: 'Make a promise' })
          .and(page.locator('[aria-expanded="true"]'))
          .waitFor();
        await keepsEverything(page, screen, 'promise-form');

        // Back: the inbox again, its conversation still chosen and focused.
        await back.click();
        await inbox.waitFor();
        expect(await reply.isVisible()).toBe(false);
        const chosen = inbox.locator('[aria-current="true"]');
        await expect.poll(() => chosen.evaluate((el) => el === document.activeElement)).toBe(true);

        const scores = page.getByRole('region', { name: 'Live scores' });
        await scores.getByRole('button', { name: /^Anna Jansen/ }).click();
        await page.getByRole('dialog').waitFor();
        await keepsEverything(page, screen, 'score-breakdown');
        await page.keyboard.press('Escape');
        await page.getByRole('dialog').waitFor({ state: 'detached' });

        await page.getByRole('button', { name: 'Account' }).click();
        await page.getByRole('region', { name: 'Account' }).waitFor();
        await keepsEverything(page, screen, 'account-menu');
      } finally {
        await page.context().close();
      }
    }, 120_000);

    it(`keeps every section whole (${screen.name})`, async () => {
      const page = await signIn(screen);
      try {
        for (const name of ['Follow-up', 'Trends', 'Segments', 'Report', 'Conversations']) {
          await section(page, name).click();
          await page.getByRole('heading', { level: 1 }).first().waitFor();
          if (name === 'Trends' || name === 'Report') {
            // The charts are drawn by a module loaded on demand; their tables open beside them.
            await page.getByText('Table view').first().waitFor();
            for (const summary of await page.getByText('Table view').all()) {
              if (!(await summary.evaluate((el) => el.closest('details')?.open))) {
                await summary.click();
              }
            }
          }
          await keepsEverything(page, screen, name.toLowerCase());
        }
        // A conversation of the history, opened.
        await page
          .getByRole('button', { name: /Visitor/ })
          .first()
          .click();
        const messages = page.getByRole('log', { name: 'Messages' });
        await messages.waitFor();
        // Under the list on a narrow screen, it is brought into view.
        await expect
          .poll(() => messages.evaluate((el) => el.getBoundingClientRect().top < innerHeight))
          .toBe(true);
        await keepsEverything(page, screen, 'history-conversation');

        await page.getByRole('button', { name: 'Comments' }).click();
        await page.getByRole('heading', { level: 1, name: 'Comments' }).waitFor();
        await keepsEverything(page, screen, 'comments');
      } finally {
        await page.context().close();
      }
    }, 120_000);

    it(`keeps every admin tab whole (${screen.name})`, async () => {
      const page = await signIn(screen);
      try {
        await section(page, 'Admin').click();
        const tabs = page.getByRole('tab');
        await tabs.first().waitFor();
        const names = await tabs.allTextContents();
        expect(names.length).toBeGreaterThanOrEqual(5);
        for (const tab of names) {
          await page.getByRole('tab', { name: tab }).click();
          await page.getByRole('tabpanel', { name: tab }).waitFor();
          await keepsEverything(page, screen, `admin-${tab.toLowerCase().replace(/\W+/g, '-')}`);
        }
      } finally {
        await page.context().close();
      }
    }, 120_000);
  }

  it('would have seen a page that scrolls sideways, a cut control and cut text (control)', async () => {
    const page = await signIn(SCREENS[0]);
    try {
      await page.evaluate(() => {
        const wide = document.createElement('div');
        wide.style.width = '400px';
        wide.textContent = 'too wide';
        const box = document.createElement('div');
        box.style.cssText = 'width: 60px; overflow: hidden; white-space: nowrap';
        box.innerHTML = '<button type="button" style="margin-left: 80px">Hidden</button> cut text';
        document.querySelector('.inbox')!.append(wide, box);
      });
      const problems = (await reflowProblems(page)).join('\n');
      expect(problems).toMatch(/the page scrolls sideways/);
      expect(problems).toMatch(/"Hidden" is cut by/);
      expect(problems).toMatch(/cuts its text sideways/);
    } finally {
      await page.context().close();
    }
  });
});
