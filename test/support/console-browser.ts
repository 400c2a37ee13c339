/**
 * What the console's browser tests share: the demo site's history sent through the events API
 * (as a helpdesk would), signing in as the demo supervisor, and moving by keyboard.
 */
import { expect } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../server/demo/seed';
import { call, TEST_ADMIN_TOKEN, type TestServer } from './server';

/** One chat of the demo site, answered by `agentId`; closed and rated unless `open`. */
export interface DemoChat {
  id: string;
  /** When it opened; its other events follow a minute apart. */
  at: number;
  segment?: string;
  agentId: string;
  visitorText?: string;
  agentText?: string;
  open?: boolean;
  end?: number;
  peak?: { dimension: string; polarity: 'positive' | 'negative' };
  comment?: string;
}

function chatEvents(chat: DemoChat): Record<string, unknown>[] {
  const { id } = chat;
  const at = (minutes: number) => new Date(chat.at + minutes * 60_000).toISOString();
  const base = (n: number, suffix: string) => ({
    id: `${id}-${suffix}`,
    conversationId: id,
    at: at(n),
  });
  return [
    {
      ...base(0, 'o'),
      type: 'conversation.opened',
      ...(chat.segment && { segment: chat.segment }),
    },
    {
      ...base(1, 'v'),
      type: 'message',
      from: 'visitor',
      ...(chat.visitorText && { text: chat.visitorText }),
    },
    {
      ...base(2, 'a'),
      type: 'message',
      from: 'agent',
      agentId: chat.agentId,
      ...(chat.agentText && { text: chat.agentText }),
    },
    ...(chat.open
      ? []
      : [
          { ...base(3, 'c'), type: 'conversation.closed' },
          {
            ...base(4, 'r'),
            type: 'rating',
            end: chat.end ?? 5,
            ...(chat.peak && { peak: chat.peak }),
            ...(chat.comment && { comment: chat.comment }),
          },
        ]),
  ];
}

/** Sends the chats to the demo site with a new key, as its helpdesk would. */
export async function sendDemoChats(server: TestServer, chats: readonly DemoChat[]): Promise<void> {
  await sendDemoEvents(server, chats.flatMap(chatEvents));
}

/** Sends events to the demo site through the events API, with a new key. */
export async function sendDemoEvents(
  server: TestServer,
  events: readonly Record<string, unknown>[],
): Promise<void> {
  const rotated = await call(server, 'POST', '/api/v1/sites/demo/key', { token: TEST_ADMIN_TOKEN });
  const { key } = rotated.body as { key: string };
  const posted = await call(server, 'POST', '/api/v1/sites/demo/events', {
    token: key,
    body: { events },
  });
  expect(posted.status, JSON.stringify(posted.body)).toBe(200);
}

/** A new browser context signed in to the console as Anna, the demo site's supervisor. */
export async function signInAsSupervisor(
  browser: Browser,
  server: TestServer,
  width: number,
  height = 800,
): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height } });
  const page = await context.newPage();
  page.setDefaultTimeout(8000);
  await page.goto(`${server.url}/console/`);
  await page.getByLabel('Email').fill('anna@demo.peakend.test');
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Conversations' }).waitFor();
  return page;
}

/**
 * Presses Tab until the focused element is named `name` (its aria-label, its label, or its
 * text; a string matches the start of it), as a keyboard user would.
 */
export async function tabTo(page: Page, name: string | RegExp, tries = 60): Promise<void> {
  for (let i = 0; i < tries; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement;
      return (
        el?.getAttribute('aria-label') ??
        el?.closest('label')?.textContent?.trim() ??
        el?.textContent?.trim() ??
        ''
      );
    });
    if (typeof name === 'string' ? focused.startsWith(name) : name.test(focused)) return;
  }
  throw new Error(`Tab never reached ${String(name)}`);
}
