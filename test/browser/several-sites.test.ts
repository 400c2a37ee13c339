/**
 * Someone on two sites, in a real browser: a chat that starts on the site their console does not
 * show reaches it live (the switcher's count, the badge, the tab title, the words said), the page
 * stays free of axe findings with the badge showing and keeps Sign out in view at 1024 px, and
 * the badge switches to that site, where the chat waits in the inbox.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { describeInBrowser, launchBrowser, screenshot } from '../support/browser';
import { signInAsSupervisor } from '../support/console-browser';
import { call, startServer, tempDir, TEST_ADMIN_TOKEN, type TestServer } from '../support/server';
import { axePageFindings } from './axe';

describeInBrowser('a console of someone on several sites', () => {
  const dir = tempDir();
  let server: TestServer;
  let browser: Browser;
  let books: { siteId: string; key: string };

  beforeAll(async () => {
    server = await startServer({ dbPath: `${dir.path}/sites.db` });
    browser = await launchBrowser();
    // A second site, and Anna (the demo's supervisor) an agent of it too, with the same account.
    const created = await call<{ siteId: string; key: string }>(server, 'POST', '/api/v1/sites', {
      token: TEST_ADMIN_TOKEN,
      body: { name: 'Heron Books', allowedOrigins: [] },
    });
    expect(created.status).toBe(201);
    books = created.body;
    const store = server.application.store;
    const [anna] = await store.accountsByEmail('anna@demo.peakend.test');
    await store.saveAgent({
      siteId: books.siteId,
      id: 'anna-books',
      name: 'Anna Jansen',
      role: 'agent',
      accountId: anna!.account.id,
      email: 'anna@demo.peakend.test',
      createdAt: Date.now(),
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    dir.remove();
  });

  it('hears of a chat on the other site live, says so, and switches to it', async () => {
    const page = await signInAsSupervisor(browser, server, 1024);
    try {
      const switcher = page.getByRole('combobox', { name: 'Site' });
      await expect.poll(() => switcher.inputValue()).toBe('demo');
      const option = switcher.locator('option', { hasText: 'Heron Books' });

      /** A visitor of the books writes (through its helpdesk's events). */
      const visitorWrites = async (id: string, text: string) => {
        const at = new Date().toISOString();
        const sent = await call(server, 'POST', `/api/v1/sites/${books.siteId}/events`, {
          token: books.key,
          body: {
            events: [
              { id: `${id}-o`, type: 'conversation.opened', conversationId: id, at },
              { id: `${id}-v`, type: 'message', conversationId: id, at, from: 'visitor', text },
            ],
          },
        });
        expect(sent.status).toBe(200);
      };
      await visitorWrites('hb-1', 'Is the atlas back in stock?');
      await expect.poll(() => option.textContent()).toBe('Heron Books (1 waiting)');
      await page.getByRole('button', { name: '1 waiting on Heron Books' }).waitFor();

      // Another one, while the console is open: counted, shown, said, and the focus stays put.
      await page.evaluate(() => {
        (window as unknown as { focusedBefore: Element | null }).focusedBefore =
          document.activeElement;
      });
      await visitorWrites('hb-2', 'Do you ship to Ghent?');
      const badge = page.getByRole('button', { name: '2 waiting on Heron Books' });
      await badge.waitFor();
      // Said again even when the words are the same as last time (a no-break space tells them apart).
      await expect
        .poll(async () => (await page.locator('.topbar p[role="status"]').textContent())?.trim())
        .toBe('New chat on Heron Books');
      expect(await option.textContent()).toBe('Heron Books (2 waiting)');
      expect(await page.title()).toMatch(/^\(\d+\) Peakend console$/);
      expect(
        await page.evaluate(
          () =>
            document.activeElement ===
            (window as unknown as { focusedBefore: Element | null }).focusedBefore,
        ),
      ).toBe(true);

      // At 1024 px the badge shows its number, the top bar keeps everything in view (on a second
      // row if it must), and axe finds nothing.
      const signOut = page.getByRole('button', { name: 'Sign out' });
      const box = await signOut.boundingBox();
      expect(box && box.x + box.width).toBeLessThanOrEqual(1024);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        1024,
      );
      expect((await badge.boundingBox())?.width).toBeGreaterThan(0);
      expect(await axePageFindings(page, { bestPractice: true })).toEqual([]);
      await screenshot(page, 'console-several-sites-1024');
      // Wide, the badge says it in words.
      await page.setViewportSize({ width: 1920, height: 900 });
      await expect
        .poll(async () => (await badge.innerText()).trim())
        .toMatch(/waiting on Heron Books$/);
      expect(await axePageFindings(page, { bestPractice: true })).toEqual([]);
      await screenshot(page, 'console-several-sites-1920');

      // The badge switches to the books, where the chat waits first in the inbox.
      await badge.click();
      await expect.poll(() => switcher.inputValue()).toBe(books.siteId);
      await page
        .getByRole('navigation', { name: 'Conversations' })
        .getByRole('button', { name: /Do you ship to Ghent\?/ })
        .waitFor();
      await expect.poll(() => option.textContent()).toBe('Heron Books (2 waiting)');
      await expect.poll(() => page.getByRole('button', { name: /waiting on/ }).count()).toBe(0);
    } finally {
      await page.context().close();
    }
    // Two axe passes and a switch of site: more than one page's worth of work.
  }, 60_000);
});
