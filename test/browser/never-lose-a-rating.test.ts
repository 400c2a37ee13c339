/**
 * A rating survives what happens to real visitors: the server dies while they rate, they move on
 * to other pages before it comes back, the network drops. Real Chromium on a customer's page (its
 * own origin) against the real server process, killed with SIGKILL and restarted on the same
 * port and database; the agent works over its socket. Each time the rating must arrive, and
 * count once.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { LiveScores } from '../../shared/protocol';
import { DEMO_PASSWORD } from '../../server/demo/seed';
import { describeInBrowser, launchBrowser, screenshot } from '../support/browser';
import { exitWithin, launchServer, type ServerProcess } from '../support/process';
import { allowOrigin, startHostServer, type HostServer } from '../support/hosts';
import { connectAgent, data, freePort, next, tempDir, type AgentClient } from '../support/server';
import { openChat, panel, sendMessage } from './widget';

const OUTBOX = 'peakend:demo:outbox';

describeInBrowser('a rating is never lost', () => {
  const dir = tempDir();
  const database = `sqlite:${dir.path}/peakend.db`;
  let port: number;
  let url: string;
  let server: ServerProcess | undefined;
  let hosts: HostServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  /** The server on the same port and database each time, as after a crash and a restart. */
  async function start(): Promise<void> {
    server = await launchServer(database, { PORT: String(port), PUBLIC_URL: url });
  }

  async function kill(): Promise<void> {
    server?.child.kill('SIGKILL');
    if (server) await exitWithin(server, 10_000);
    server = undefined;
  }

  const outbox = (): Promise<unknown[]> =>
    page.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? '[]') as unknown[], OUTBOX);

  /** A conversation the visitor starts and an agent answers and closes: the card shows. */
  async function conversationToRate(text: string): Promise<string> {
    await openChat(page);
    await sendMessage(page, text);
    const anna: AgentClient = await connectAgent(url, 'anna@demo.peakend.test');
    await next(anna, 'connect');
    const inbox = data(await anna.emitWithAck('inbox:list', {}));
    const conversation = inbox.conversations.find((c) => c.messages[0]?.text === text);
    if (!conversation) throw new Error('the visitor’s conversation is not in the inbox');
    data(
      await anna.emitWithAck('message:send', { conversationId: conversation.id, text: 'Done!' }),
    );
    data(await anna.emitWithAck('conversation:close', { conversationId: conversation.id }));
    anna.disconnect();
    await page.getByRole('radiogroup', { name: 'How did this conversation end?' }).waitFor();
    return conversation.id;
  }

  /** Anna's live experience score and the conversation's rating, as a supervisor reads them. */
  async function counted(conversationId: string) {
    const anna: AgentClient = await connectAgent(url, 'anna@demo.peakend.test');
    await next(anna, 'connect');
    const inbox = data(await anna.emitWithAck('inbox:list', {}));
    const scores = await fetch(`${url}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'anna@demo.peakend.test', password: DEMO_PASSWORD }),
    }).then(async (session) => {
      const cookie = session.headers.get('set-cookie')!.split(';')[0]!;
      const response = await fetch(`${url}/api/v1/sites/demo/scores`, { headers: { cookie } });
      return (await response.json()) as LiveScores;
    });
    anna.disconnect();
    return {
      rating: inbox.conversations.find((c) => c.id === conversationId)?.rating ?? null,
      experienceN: scores.agents.find((a) => a.agentId === 'anna')?.experience.n ?? 0,
    };
  }

  beforeAll(async () => {
    port = await freePort();
    url = `http://127.0.0.1:${port}`;
    await start();
    hosts = await startHostServer(url);
    await allowOrigin(url, hosts.url);
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    context.setDefaultTimeout(10_000);
    page = await context.newPage();
    await page.goto(`${hosts.url}/clean`);
  });

  afterAll(async () => {
    await browser?.close();
    await hosts?.stop();
    await kill();
    dir.remove();
  });

  it('keeps every step while the server is down, across a reload, and counts it once', async () => {
    const conversationId = await conversationToRate('Is my refund through?');

    await kill();
    await page.getByRole('radio', { name: 'Good', exact: true }).check();
    await page.getByRole('button', { name: 'Quick replies' }).click();
    await page.getByRole('textbox', { name: 'Anything else?' }).fill('Sorted in the end');
    await page.getByRole('button', { name: 'Send rating' }).click();
    // Kept safe, so the visitor is thanked rather than asked to try again.
    await page.getByText('Thank you!').waitFor();
    expect(await outbox()).toHaveLength(3);
    await screenshot(page, 'rating-kept-while-server-down');

    // The visitor moves on before the server is back (the widget cannot even load there): the
    // outbox goes with them, and the first page view after the restart delivers it.
    await page.reload();
    expect(await outbox()).toHaveLength(3);
    await start();
    await page.reload();
    await expect.poll(outbox, { timeout: 30_000, interval: 250 }).toHaveLength(0);
    const { rating, experienceN } = await counted(conversationId);
    expect(rating).toMatchObject({
      end: 4,
      peak: { dimension: 'responsiveness', polarity: 'positive' },
      comment: 'Sorted in the end',
    });
    expect(experienceN).toBe(1);
  });

  it('sends what was answered offline once the browser is back online', async () => {
    await page.goto(`${hosts.url}/clean`);
    const conversationId = await conversationToRate('Do you ship to Belgium?');

    await context.setOffline(true);
    await page.getByRole('radio', { name: 'Very good', exact: true }).check();
    await page.getByRole('button', { name: 'Skip' }).click();
    await page.getByRole('button', { name: 'Send rating' }).click();
    await page.getByText('Thank you!').waitFor();

    await context.setOffline(false);
    await expect.poll(outbox, { timeout: 30_000, interval: 250 }).toHaveLength(0);
    const { rating, experienceN } = await counted(conversationId);
    expect(rating).toMatchObject({ end: 5 });
    // The first conversation's rating and this one: each counted once.
    expect(experienceN).toBe(2);
    await expect.poll(() => panel(page).locator('.pk-banner').count()).toBe(0);
  });
});
