/**
 * What the browser tests do with the visitor widget, by its accessible names (product brief),
 * plus a few measurements reached through its open shadow root.
 */
import { expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { data, type AgentClient } from '../support/server';

export const launcher = (page: Page): Locator => page.getByRole('button', { name: 'Open chat' });
export const messageBox = (page: Page): Locator => page.getByRole('textbox', { name: 'Message' });
export const panel = (page: Page): Locator => page.locator('peakend-widget .pk-panel');

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export async function box(locator: Locator): Promise<Box> {
  const found = await locator.boundingBox();
  if (!found) throw new Error('element has no box (hidden?)');
  return found;
}

/** Waits until the widget's own CSS animations (panel slide-in, step fade) have finished. */
export async function settle(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const root = document.querySelector('peakend-widget')?.shadowRoot;
    if (!root) return;
    const finite = root
      .getAnimations()
      .filter((a) => a.effect?.getComputedTiming().endTime !== Infinity);
    await Promise.all(finite.map((a) => a.finished.catch(() => undefined)));
  });
}

/** Opens the panel from the launcher and waits for the message box to take focus. */
export async function openChat(page: Page): Promise<void> {
  await launcher(page).click();
  await messageBox(page).waitFor();
  await settle(page);
}

/**
 * After "Send": with no one at the console, a message that starts a chat asks for the visitor's
 * email first. Leaves one if asked, and waits until `sent` shows.
 */
export async function leaveEmailIfAsked(page: Page, sent: Locator): Promise<void> {
  const askedEmail = panel(page).getByText('Enter a valid email address');
  await sent.or(askedEmail).first().waitFor();
  if (await askedEmail.isVisible()) {
    await page.getByRole('textbox', { name: 'Your email' }).fill('visitor@example.com');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
  }
  await sent.waitFor();
}

/**
 * Sends a message from the composer and waits until it shows in the conversation (leaving an
 * email first when the team is away and the widget asks for one).
 */
export async function sendMessage(page: Page, text: string): Promise<void> {
  const send = page.getByRole('button', { name: 'Send', exact: true });
  await messageBox(page).fill(text);
  await send.click();
  await leaveEmailIfAsked(page, page.getByRole('log').getByText(text, { exact: true }));
  // Acknowledged by the server: no longer drawn as pending.
  await expect.poll(() => panel(page).locator('.pk-pending').count()).toBe(0);
}

/** The focused element, looking through the widget's shadow root. */
export function focused(page: Page): Promise<{ tag: string; label: string | null; id: string }> {
  return page.evaluate(() => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return {
      tag: el ? el.tagName.toLowerCase() : '',
      label: el ? el.getAttribute('aria-label') : null,
      id: el ? el.id : '',
    };
  });
}

/**
 * An agent answers the open conversation in which the visitor wrote `visitorText` (a chat nobody
 * answered is not rated), and the reply shows on the page.
 */
export async function agentAnswers(
  page: Page,
  agent: AgentClient,
  visitorText: string,
  reply = 'Happy to help.',
): Promise<void> {
  const inbox = data(await agent.emitWithAck('inbox:list', {}));
  const conversation = inbox.conversations.find(
    (c) => c.status === 'open' && c.messages.some((m) => m.text.startsWith(visitorText)),
  );
  if (!conversation) throw new Error(`No open conversation with "${visitorText}"`);
  const conversationId = conversation.id;
  data(await agent.emitWithAck('conversation:claim', { conversationId }));
  data(await agent.emitWithAck('message:send', { conversationId, text: reply }));
  await page.getByRole('log').getByText(reply, { exact: true }).waitFor();
}
