/**
 * The widget under a strict Content-Security-Policy, sent as a header by a host page on its own
 * origin: scripts and styles only with the page's nonce (no 'unsafe-inline', no 'unsafe-eval'),
 * connections only to the Peakend server. The snippet carries the nonce on both script tags;
 * the widget must load, style itself and chat without a single violation.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { describeInBrowser, screenshot } from '../support/browser';
import { connectAgent, next, type AgentClient, type TestServer } from '../support/server';
import type { HostServer } from '../support/hosts';
import { box, launcher, openChat, panel, sendMessage } from './widget';
import { startWidgetStage, type WidgetStage } from '../support/stage';

interface Ack<T> {
  ok: boolean;
  data: T;
}

describeInBrowser('the widget under a strict nonce-only CSP', () => {
  let stage: WidgetStage;
  let server: TestServer;
  let hosts: HostServer;
  let browser: Browser;
  let page: Page;
  let agent: AgentClient;
  /** Violations seen by the page (securitypolicyviolation events) and on the console. */
  const violations: string[] = [];

  beforeAll(async () => {
    stage = await startWidgetStage();
    ({ server, hosts, browser } = stage);
    page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    page.setDefaultTimeout(8000);
    // Injected by the browser itself (not subject to the page's policy), before any page script;
    // reported through a binding, so the page gets no global from the test.
    await page.exposeBinding('__reportViolation', (_source, text: string) => violations.push(text));
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => {
        const report = (window as unknown as Record<string, (text: string) => void>)
          .__reportViolation!;
        report(`${event.violatedDirective} blocked ${event.blockedURI || 'inline'}`);
      });
    });
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) {
        violations.push(`console: ${message.text()}`);
      }
    });
    page.on('pageerror', (error) => violations.push(`pageerror: ${error.message}`));
    agent = await connectAgent(server.url, 'anna@demo.peakend.test');
    await next(agent, 'connect');
  });

  afterAll(async () => {
    agent?.disconnect();
    await stage?.stop();
  });

  it('serves the page with the strict policy', async () => {
    const response = await page.goto(`${hosts.url}/csp`);
    const policy = response!.headers()['content-security-policy']!;
    expect(policy).toMatch(/script-src 'nonce-[^']+';/);
    expect(policy).toMatch(/style-src 'nonce-[^']+';/);
    expect(policy).not.toMatch(/unsafe-inline|unsafe-eval/);
    await launcher(page).waitFor();
    const { width, height } = await box(launcher(page));
    expect(Math.min(width, height)).toBeGreaterThanOrEqual(44);
  });

  it('opens the chat, styled, and carries a conversation both ways without violations', async () => {
    await openChat(page);
    // Styled by its adopted stylesheet: a fixed, rounded panel, not unstyled markup.
    expect(
      await panel(page).evaluate((el) => {
        const style = getComputedStyle(el);
        return { position: style.position, radius: style.borderTopLeftRadius };
      }),
    ).toEqual({ position: 'fixed', radius: '20px' });

    await sendMessage(page, 'Hello from a page with a strict CSP');
    const inbox = (await agent.emitWithAck('inbox:list', {})) as Ack<{
      conversations: { id: string }[];
    }>;
    const conversationId = inbox.data.conversations[0]!.id;
    const reply = (await agent.emitWithAck('message:send', {
      conversationId,
      text: 'Hi! The policy did not stop us.',
    })) as Ack<unknown>;
    expect(reply.ok).toBe(true);
    await page.getByRole('log').getByText('Hi! The policy did not stop us.').waitFor();
    await screenshot(page, 'host-csp');
    expect(violations).toEqual([]);
  });

  it('would have seen a violation (control: an inline style attribute is refused)', async () => {
    await page.evaluate(() => {
      const probe = document.getElementById('probe')!;
      probe.insertAdjacentHTML('afterend', '<p style="color:red">inline style</p>');
    });
    await expect.poll(() => violations.some((v) => v.startsWith('style-src'))).toBe(true);
  });
});
