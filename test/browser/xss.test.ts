/**
 * Script and markup typed by anyone shows as the text it is, in real Chromium: a visitor's
 * message, an agent's reply, name and promise, the rating comment, the site's name, and the
 * widget's title from the webmaster's snippet (`data-title`). Each payload would set
 * `window.__xss` if it ran; it must stay unset, no dialog may open, and neither the widget's
 * shadow root nor the console may gain an element (img, script, iframe…) or an event handler
 * attribute that nobody wrote.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { embedSnippet } from '../../shared/snippet';
import { LIMITS } from '../../shared/limits';
import { describeInBrowser, launchBrowser, screenshot } from '../support/browser';
import { SCRIPT_PAYLOADS } from '../support/hostile';
import { allowOrigin } from '../support/hosts';
import { startServer, tempDir, TEST_ADMIN_TOKEN, type TestServer } from '../support/server';
import { launcher, leaveEmailIfAsked, messageBox, panel } from './widget';

const SITE_NAME = `Shop <img src=x onerror="window.__xss='site'">`;
const AGENT_NAME = `Eve <svg onload="window.__xss='agent'"></svg>`;
const TITLE = `<script>window.__xss='title'</script>Help & "support"`;
const VISITOR_MESSAGE = SCRIPT_PAYLOADS.join(' | ');
const AGENT_REPLY = `<b>bold?</b> <iframe srcdoc="<script>parent.__xss='reply'</script>"></iframe>`;
const PROMISE_TEXT = `<img src=x onerror="window.__xss='promise'"> by noon`;
const COMMENT = `<script>window.__xss='comment'</script><a href="javascript:window.__xss=1">x</a>`;
const EVE = { email: 'eve@example.com', password: 'eve-password-1234' };

/** Everything a page shows of the payloads, and anything it should not have. */
interface Findings {
  xss: unknown;
  /** Tags and attributes nobody wrote: script/img/iframe/object/embed, on* handlers, javascript: links. */
  unexpected: string[];
  text: string;
}

/** Looks through the document and every open shadow root (the widget's) of a page. */
function inspect(page: Page, where: 'shadow' | 'document'): Promise<Findings> {
  return page.evaluate((scope) => {
    const roots: (Document | ShadowRoot)[] = [];
    if (scope === 'document') roots.push(document);
    for (const element of document.querySelectorAll('*')) {
      if (element.shadowRoot) roots.push(element.shadowRoot);
    }
    const unexpected: string[] = [];
    let text = '';
    for (const root of roots) {
      text += ` ${(root instanceof Document ? root.body : root).textContent ?? ''}`;
      for (const element of root.querySelectorAll('*')) {
        const tag = element.tagName.toLowerCase();
        // The console's own bundle is the one script that may be there, by src.
        const ownScript =
          tag === 'script' && (element.getAttribute('src') ?? '').startsWith('/console/');
        if (['script', 'img', 'iframe', 'object', 'embed', 'frame'].includes(tag) && !ownScript) {
          unexpected.push(element.outerHTML.slice(0, 120));
        }
        for (const attribute of element.getAttributeNames()) {
          const value = element.getAttribute(attribute) ?? '';
          if (attribute.startsWith('on') || /^\s*javascript:/i.test(value)) {
            unexpected.push(`${tag}[${attribute}=${value.slice(0, 60)}]`);
          }
        }
      }
    }
    return { xss: (window as unknown as { __xss?: unknown }).__xss, unexpected, text };
  }, where);
}

describeInBrowser('script and markup show as text', () => {
  const dir = tempDir();
  let server: TestServer;
  let host: Server;
  let hostUrl: string;
  let browser: Browser;
  let visitor: Page;
  let agent: Page;
  const dialogs: string[] = [];

  const admin = async (method: string, path: string, body: unknown) => {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const answer = (await response.json()) as Record<string, unknown>;
    if (!response.ok) throw new Error(`${method} ${path}: ${JSON.stringify(answer)}`);
    return answer;
  };

  beforeAll(async () => {
    expect(SITE_NAME.length).toBeLessThanOrEqual(LIMITS.nameLength);
    expect(AGENT_NAME.length).toBeLessThanOrEqual(LIMITS.nameLength);
    expect(PROMISE_TEXT.length).toBeLessThanOrEqual(LIMITS.promiseTextLength);
    server = await startServer({ dbPath: `${dir.path}/peakend.db` });

    // A customer's page whose webmaster put markup in the widget's title.
    host = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop</title></head>` +
          `<body><h1>A customer's page</h1>` +
          embedSnippet({ publicUrl: server.url, siteId: 'demo', data: { title: TITLE } }) +
          `</body></html>`,
      );
    });
    await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
    hostUrl = `http://127.0.0.1:${(host.address() as AddressInfo).port}`;
    await allowOrigin(server.url, hostUrl);

    // The site's name and a team member's name, as an admin and an invitee could type them.
    await admin('PATCH', '/api/v1/sites/demo', { name: SITE_NAME });
    const invite = await admin('POST', '/api/v1/sites/demo/invites', {
      email: EVE.email,
      role: 'supervisor',
    });
    const token = String(invite.link).split('#')[1];
    const joined = await fetch(`${server.url}/api/v1/invites/accept`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token, name: AGENT_NAME, password: EVE.password }),
    });
    if (!joined.ok) throw new Error(`joining failed: ${joined.status} ${await joined.text()}`);

    browser = await launchBrowser();
    visitor = await (
      await browser.newContext({ viewport: { width: 1280, height: 800 } })
    ).newPage();
    agent = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    for (const page of [visitor, agent]) {
      page.setDefaultTimeout(8000);
      page.on('dialog', (dialog) => {
        dialogs.push(dialog.message());
        void dialog.dismiss();
      });
    }
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => (host ? host.close(() => resolve()) : resolve()));
    await server?.stop();
    dir.remove();
  });

  it('shows the title and the visitor’s message as text in the widget', async () => {
    await visitor.goto(`${hostUrl}/`);
    await launcher(visitor).click();
    await messageBox(visitor).fill(VISITOR_MESSAGE);
    await visitor.getByRole('button', { name: 'Send', exact: true }).click();
    await leaveEmailIfAsked(visitor, panel(visitor).locator('.pk-from-visitor').first());
    await expect.poll(() => panel(visitor).locator('.pk-pending').count()).toBe(0);
    await visitor.getByRole('heading', { name: TITLE }).waitFor();
    const found = await inspect(visitor, 'shadow');
    expect(found.text).toContain(TITLE);
    expect(found.text).toContain(VISITOR_MESSAGE);
    expect(found.unexpected).toEqual([]);
    expect(found.xss).toBeUndefined();
  });

  it('shows names, messages and promises as text in the console, and the reply in the widget', async () => {
    await agent.goto(`${server.url}/console/`);
    await agent.getByLabel('Email').fill(EVE.email);
    await agent.getByLabel('Password').fill(EVE.password);
    await agent.getByRole('button', { name: 'Sign in' }).click();
    const inbox = agent.getByRole('navigation', { name: 'Conversations' });
    await inbox
      .getByRole('button', { name: /Visitor/ })
      .first()
      .click();
    await agent.getByRole('textbox', { name: 'Reply' }).fill(AGENT_REPLY);
    await agent.getByRole('textbox', { name: 'Reply' }).press('Enter');
    await agent.getByRole('button', { name: 'Make a promise' }).click();
    await agent.getByRole('textbox', { name: 'What will you do?' }).fill(PROMISE_TEXT);
    await agent.getByRole('button', { name: 'Confirm promise' }).click();
    await agent.getByText(PROMISE_TEXT).first().waitFor();

    await visitor.getByText(AGENT_REPLY, { exact: true }).waitFor();
    await visitor.getByText(PROMISE_TEXT, { exact: true }).waitFor();
    const widget = await inspect(visitor, 'shadow');
    for (const text of [AGENT_REPLY, PROMISE_TEXT, AGENT_NAME]) expect(widget.text).toContain(text);
    expect(widget.unexpected).toEqual([]);
    expect(widget.xss).toBeUndefined();

    const console_ = await inspect(agent, 'document');
    for (const text of [SITE_NAME, AGENT_NAME, VISITOR_MESSAGE, AGENT_REPLY, PROMISE_TEXT]) {
      expect(console_.text).toContain(text);
    }
    expect(console_.unexpected).toEqual([]);
    expect(console_.xss).toBeUndefined();
  });

  it('shows the rating comment as text in the console', async () => {
    await agent.getByRole('button', { name: 'Close conversation' }).click();
    await visitor.getByRole('radio', { name: 'Good', exact: true }).click();
    await visitor.getByRole('button', { name: 'Kept their word' }).click();
    await visitor.getByRole('textbox', { name: 'Anything else?' }).fill(COMMENT);
    await visitor.getByRole('button', { name: 'Send rating' }).click();
    await visitor.getByText('Thank you!').waitFor();
    await agent.getByText(COMMENT, { exact: true }).waitFor();
    await screenshot(agent, 'xss-console');
    // Live scores name the agent as typed.
    const scores = agent.getByRole('region', { name: 'Live scores' });
    await expect.poll(() => scores.textContent()).toContain(AGENT_NAME);
    await screenshot(visitor, 'xss-widget');

    const console_ = await inspect(agent, 'document');
    expect(console_.text).toContain(COMMENT);
    expect(console_.unexpected).toEqual([]);
    expect(console_.xss).toBeUndefined();
    const widget = await inspect(visitor, 'shadow');
    expect(widget.unexpected).toEqual([]);
    expect(widget.xss).toBeUndefined();
    expect(dialogs).toEqual([]);
  });
});
