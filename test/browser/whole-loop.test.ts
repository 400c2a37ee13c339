/**
 * The product as two people use it, in real Chromium against the built widget and console:
 * a visitor on the demo page and an agent in the console carry a conversation through to a
 * rating that shows live in "Live scores". Only the accessible names of the product brief are
 * used, so this is also what a screen-reader user would do.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { describeInBrowser, launchBrowser, screenshot } from '../support/browser';
import { startServer, tempDir, type TestServer } from '../support/server';
import { DEMO_PASSWORD } from '../../server/demo/seed';
import { leaveEmailIfAsked } from './widget';

describeInBrowser('the whole loop in a real browser', () => {
  const dir = tempDir();
  let server: TestServer;
  let browser: Browser;
  let visitor: Page;
  let agent: Page;

  beforeAll(async () => {
    server = await startServer({ dbPath: `${dir.path}/peakend.db` });
    browser = await launchBrowser();
    visitor = await (
      await browser.newContext({ viewport: { width: 1280, height: 800 } })
    ).newPage();
    agent = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    // Fail with a useful message well inside the test's own timeout.
    visitor.setDefaultTimeout(8000);
    agent.setDefaultTimeout(8000);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    dir.remove();
  });

  it('loads only the loader until the visitor opens the chat', async () => {
    const requests: string[] = [];
    visitor.on('request', (request) => requests.push(new URL(request.url()).pathname));
    await visitor.goto(`${server.url}/demo`);
    await visitor.getByRole('button', { name: 'Open chat' }).waitFor();
    await screenshot(visitor, 'visitor-1-launcher');
    expect(requests).toContain('/widget.js');
    expect(requests.some((path) => path.startsWith('/widget/app-'))).toBe(false);
    expect(requests.some((path) => path.startsWith('/socket.io'))).toBe(false);
  });

  it('lets the visitor start a conversation', async () => {
    await visitor.getByRole('button', { name: 'Open chat' }).click();
    const message = visitor.getByRole('textbox', { name: 'Message' });
    await message.fill('Hi! My order #1042 has not arrived yet.');
    await visitor.getByRole('button', { name: 'Send', exact: true }).click();
    await leaveEmailIfAsked(visitor, visitor.getByText('My order #1042 has not arrived yet.'));
    await expect
      .poll(() => visitor.getByText('My order #1042 has not arrived yet.').count())
      .toBe(1);
    await screenshot(visitor, 'visitor-2-chat');
  });

  it('lets the agent sign in, answer, promise, keep the promise and close', async () => {
    await agent.goto(`${server.url}/console/`);
    await agent.getByLabel('Email').fill('anna@demo.peakend.test');
    await agent.getByLabel('Password').fill(DEMO_PASSWORD);
    await agent.getByRole('button', { name: 'Sign in' }).click();

    const inbox = agent.getByRole('navigation', { name: 'Conversations' });
    await inbox
      .getByRole('button', { name: /Visitor/ })
      .first()
      .click();
    await agent.getByRole('textbox', { name: 'Reply' }).fill('Let me check that with the courier.');
    await agent.getByRole('textbox', { name: 'Reply' }).press('Enter');
    await visitor.getByText('Let me check that with the courier.').waitFor();

    await agent.getByRole('button', { name: 'Make a promise' }).click();
    await agent
      .getByRole('textbox', { name: 'What will you do?' })
      .fill('Email you the tracking link');
    await agent.getByRole('button', { name: 'Confirm promise' }).click();
    // The visitor sees the promise, with its time, at once.
    await visitor.getByText(/Anna will get back to you by/).waitFor();
    await screenshot(visitor, 'visitor-3-promise');
    await screenshot(agent, 'console-1-promise');

    await agent.getByRole('button', { name: 'Mark promise kept' }).click();
    await agent.getByRole('button', { name: 'Close conversation' }).click();
    await visitor.getByRole('radiogroup', { name: 'How did this conversation end?' }).waitFor();
    await screenshot(visitor, 'visitor-4-rating');
  });

  it('takes the rating step by step and shows it live in the console', async () => {
    const scores = agent.getByRole('region', { name: 'Live scores' });
    const annaRow = scores.getByRole('row', { name: /Anna Jansen/ });
    // Cells: responsiveness, reliability, experience, CSAT.
    const figures = () => annaRow.getByRole('cell').allTextContents();
    // Before the rating: the answered wait is evidence already. The promise was kept within a
    // minute of being made, which says nothing about keeping one's word: it counts neither way.
    await agent.getByText(/Doesn.t count: kept within a minute/).waitFor();
    await expect
      .poll(figures)
      .toEqual([
        expect.stringMatching(/n=1/),
        expect.stringMatching(/no data yet/),
        expect.stringMatching(/no data yet/),
        '—',
      ]);

    await visitor.getByRole('radio', { name: 'Good', exact: true }).click();
    // Saved the moment it is answered: the console has it before the card is finished.
    await expect
      .poll(figures, { timeout: 5000 })
      .toEqual([
        expect.stringMatching(/n=1/),
        expect.stringMatching(/no data yet/),
        expect.stringMatching(/n=1/),
        expect.stringMatching(/^100%/),
      ]);

    await visitor.getByRole('button', { name: 'Kept their word' }).click();
    await visitor
      .getByRole('textbox', { name: 'Anything else?' })
      .fill('Quick and kind, thanks Anna!');
    await visitor.getByRole('button', { name: 'Send rating' }).click();
    await visitor.getByText('Thank you!').waitFor();
    await visitor.waitForTimeout(400); // let the card's fade-in finish before the picture
    await screenshot(visitor, 'visitor-5-thanks');

    await agent.getByText('Quick and kind, thanks Anna!').waitFor();
    await agent.getByText('Kept their word').first().waitFor();
    // "Kept their word" is the visitor's own verdict on reliability: now there is evidence.
    await expect.poll(async () => (await figures())[1]).toMatch(/n=1/);
    await screenshot(agent, 'console-2-rated');
    expect(await visitor.getByRole('button', { name: "This isn't solved" }).count()).toBe(1);
  });
});
