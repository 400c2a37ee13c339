/**
 * The console at the widths of ordinary laptops (issue 13): at 1280×800 the header of an
 * unassigned chat squeezed "Not assigned · started 02:05 PM" into a one-word column beside
 * Claim. At 1280 and 1024 px the header's line reads on one line, clear of the actions, and the
 * page never scrolls sideways.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { describeInBrowser, launchBrowser, screenshot } from '../support/browser';
import { signInAsSupervisor } from '../support/console-browser';
import { call, startServer, tempDir, TEST_ADMIN_TOKEN, type TestServer } from '../support/server';

describeInBrowser('the console on narrower screens', () => {
  const dir = tempDir();
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer({ dbPath: `${dir.path}/peakend.db` });
    browser = await launchBrowser();
    // One chat nobody has claimed yet, with a long first message, as a helpdesk sends it.
    const rotated = await call(server, 'POST', '/api/v1/sites/demo/key', {
      token: TEST_ADMIN_TOKEN,
    });
    const { key } = rotated.body as { key: string };
    const at = (s: number) => new Date(Date.now() - 60_000 + s * 1000).toISOString();
    const posted = await call(server, 'POST', '/api/v1/sites/demo/events', {
      token: key,
      body: {
        events: [
          { id: 'nw-o', conversationId: 'nw', at: at(0), type: 'conversation.opened' },
          {
            id: 'nw-v',
            conversationId: 'nw',
            at: at(1),
            type: 'message',
            from: 'visitor',
            text: 'Hello, my order from last week still has not arrived, can you check it?',
          },
        ],
      },
    });
    expect(posted.status, JSON.stringify(posted.body)).toBe(200);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    dir.remove();
  });

  for (const [width, height] of [
    [1280, 800],
    [1024, 768],
  ] as const) {
    it(`shows an unassigned chat's header on one line at ${width}×${height}`, async () => {
      const page = await signInAsSupervisor(browser, server, width, height);
      try {
        const inbox = page.getByRole('navigation', { name: 'Conversations' });
        await inbox
          .getByRole('button', { name: /Unassigned/ })
          .first()
          .click();
        const head = page.locator('.conversation-head');
        const claim = head.getByRole('button', { name: 'Claim' });
        await claim.waitFor();
        const line = head.locator('.conversation-sub');
        await expect.poll(() => line.textContent()).toMatch(/Not assigned · started/);
        await screenshot(page, `console-unassigned-${width}`);

        const measured = await line.evaluate((el) => {
          const lineHeight = parseFloat(getComputedStyle(el).lineHeight) || 18;
          const texts = [...el.querySelectorAll('span')].map((span) => ({
            lines: Math.round(span.getBoundingClientRect().height / lineHeight),
            width: span.getBoundingClientRect().width,
          }));
          return { texts, box: el.getBoundingClientRect().toJSON() as DOMRect };
        });
        // Every piece of the line ("Unassigned", "Not assigned · started …") on one line.
        for (const text of measured.texts) expect(text.lines).toBeLessThanOrEqual(1);
        // The actions never cover it.
        const actions = await head.locator('.conversation-actions').boundingBox();
        const box = measured.box;
        const overlaps =
          actions !== null &&
          actions.x < box.x + box.width &&
          box.x < actions.x + actions.width &&
          actions.y < box.y + box.height &&
          box.y < actions.y + actions.height;
        expect(overlaps).toBe(false);
        // Nothing scrolls sideways.
        const sideways = await page.evaluate(
          () => document.documentElement.scrollWidth > document.documentElement.clientWidth,
        );
        expect(sideways).toBe(false);
      } finally {
        await page.context().close();
      }
    });
  }
});
