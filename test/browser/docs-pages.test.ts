/**
 * The HTML examples of the user docs, pasted into a customer's page and run in real Chromium:
 * the embed snippet, its options and JavaScript API, segments, a signed-in user, host-chat mode
 * and Chatwoot's rating card. Each page is served from an origin of its own that the demo site
 * allows, with the docs' placeholders filled in (`https://YOUR-PEAKEND-HOST`, `SITE_ID`, and the
 * `'…'` your server would sign), and each check is what the docs promise the example does: the
 * widget loads with no error in the browser's console, and the chat, the option or the rating
 * card works.
 *
 * Every ```html block of the docs has a check here, or is marked
 * `<!-- example: not run (why) -->` in the markdown.
 */
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { verifiedVisitorId } from '../../server/auth/tokens';
import { DEMO_SITE_ID } from '../../server/demo/seed';
import type { Fact } from '../../shared/facts';
import { MINUTE } from '../../shared/time';
import { describeInBrowser, launchBrowser, screenshot } from '../support/browser';
import { allDocBlocks, where, type DocBlock } from '../support/doc-examples';
import { allowOrigin } from '../support/hosts';
import {
  call,
  connectAgent,
  data,
  next,
  startServer,
  tempDir,
  TEST_ADMIN_TOKEN,
  type AgentClient,
  type TestServer,
} from '../support/server';
import { box, launcher, messageBox, openChat, panel, sendMessage } from './widget';

const pageExamples = [...allDocBlocks().values()].flat().filter((b) => b.lang === 'html');

/** An example of the docs, by its file and a line of its own. */
interface ExampleRef {
  file: string;
  holds: string;
}

const SNIPPET_README: ExampleRef = { file: 'README.md', holds: 'data-site="SITE_ID"></script>' };
const SNIPPET: ExampleRef = { file: 'docs/embedding.md', holds: 'data-site="SITE_ID"></script>' };
const INIT_OPTIONS: ExampleRef = { file: 'docs/embedding.md', holds: "title: 'Ask Northwind'" };
const LANGUAGE: ExampleRef = { file: 'docs/embedding.md', holds: 'data-lang="nl"' };
const CONTACT_LINK: ExampleRef = { file: 'docs/embedding.md', holds: 'Contact us</a>' };
const SEGMENT: ExampleRef = { file: 'docs/embedding.md', holds: "segment: 'business'" };
const SIGNED_IN: ExampleRef = { file: 'docs/embedding.md', holds: "userId: 'customer-42'" };
const HOST_CHAT: ExampleRef = { file: 'docs/embedding.md', holds: "peakend('rate'" };
const CHATWOOT_WIDGET: ExampleRef = {
  file: 'docs/integrations/chatwoot.md',
  holds: 'data-launcher="false"',
};
const CHATWOOT_PAGE: ExampleRef = { file: 'docs/integrations/chatwoot.md', holds: 'offerRating' };

const CHECKED = [
  SNIPPET_README,
  SNIPPET,
  INIT_OPTIONS,
  LANGUAGE,
  CONTACT_LINK,
  SEGMENT,
  SIGNED_IN,
  HOST_CHAT,
  CHATWOOT_WIDGET,
  CHATWOOT_PAGE,
];

const matches = (block: DocBlock, ref: ExampleRef) =>
  block.file === ref.file && block.code.includes(ref.holds);

function example(ref: ExampleRef): DocBlock {
  const found = pageExamples.filter((b) => matches(b, ref) && !b.notRun);
  if (found.length !== 1) {
    throw new Error(
      `${ref.file}: expected one example holding ${ref.holds}, found ${found.length}`,
    );
  }
  return found[0]!;
}

describeInBrowser('the HTML examples of the docs, in a customer’s page', () => {
  const dir = tempDir();
  let server: TestServer;
  let browser: Browser;
  let anna: AgentClient;
  let signingSecret: string;
  let host: Server;
  let hostUrl: string;
  /** The pages the host serves, by path, and answers of the customer's own backend. */
  const pages = new Map<string, string>();
  const routes = new Map<string, unknown>();
  const contexts: BrowserContext[] = [];
  let served = 0;

  const sign = (text: string) => createHmac('sha256', signingSecret).update(text).digest('hex');

  /** The docs' placeholders, as a webmaster fills them in for the demo site. */
  function filledIn(block: DocBlock): string {
    return block.code
      .replaceAll('https://YOUR-PEAKEND-HOST', server.url)
      .replaceAll('data-site="SITE_ID"', `data-site="${DEMO_SITE_ID}"`)
      .replace(
        /userId: '([^']+)', userHash: '…'/g,
        (_, userId: string) => `userId: '${userId}', userHash: '${sign(`user:${userId}`)}'`,
      )
      .replace(
        /conversationId: '([^']+)'(.*)\n(\s*)signature: '…'/g,
        (_, id: string, rest: string, indent: string) =>
          `conversationId: '${id}'${rest}\n${indent}signature: '${sign(`conversation:${id}`)}'`,
      );
  }

  /** A customer's page holding the examples, in order, just before `</body>`. */
  function pageOf(...refs: ExampleRef[]): string {
    const path = `/page-${++served}`;
    const blocks = refs.map(example).map(filledIn).join('\n');
    pages.set(
      path,
      `<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n` +
        `<title>Northwind Outfitters</title>\n</head>\n<body>\n` +
        `<main><h1>Northwind Outfitters</h1><p>Boots, tents and jackets.</p></main>\n` +
        `${blocks}\n</body>\n</html>\n`,
    );
    return `${hostUrl}${path}`;
  }

  /**
   * Opens a page of examples in a fresh browser context, and collects what the browser's console
   * says that a webmaster would have to fix: errors, uncaught exceptions and Peakend's warnings.
   */
  async function open(url: string): Promise<{ page: Page; problems: string[] }> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    context.setDefaultTimeout(8000);
    contexts.push(context);
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' || message.text().startsWith('Peakend:')) {
        problems.push(`${message.type()}: ${message.text()}`);
      }
    });
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    await page.goto(url);
    return { page, problems };
  }

  /** A helpdesk conversation the events API brought in: answered by `agentId`, then closed. */
  async function helpdeskConversation(conversationId: string, agentId: string): Promise<void> {
    const site = (await server.application.store.getSite(DEMO_SITE_ID))!;
    const at = Date.now() - 10 * MINUTE;
    await server.application.pipeline.record(site, [
      { id: `${conversationId}-1`, conversationId, type: 'conversation.opened', at },
      { id: `${conversationId}-2`, conversationId, type: 'message', from: 'visitor', at },
      { id: `${conversationId}-3`, conversationId, type: 'conversation.assigned', agentId, at },
      {
        id: `${conversationId}-4`,
        conversationId,
        type: 'message',
        from: 'agent',
        agentId,
        at: at + MINUTE,
      },
      {
        id: `${conversationId}-5`,
        conversationId,
        type: 'conversation.closed',
        at: at + 2 * MINUTE,
      },
    ] as Fact[]);
  }

  /** The conversation whose first message is `text`, as the agents' inbox shows it. */
  async function conversationOf(text: string) {
    const inbox = data(await anna.emitWithAck('inbox:list', {}));
    const found = inbox.conversations.find((c) => c.messages[0]?.text === text);
    if (!found) throw new Error(`no conversation starting "${text}"`);
    return found;
  }

  beforeAll(async () => {
    server = await startServer({ dbPath: `${dir.path}/peakend.db` });
    host = createServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://host').pathname;
      const html = pages.get(path);
      if (html !== undefined) {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
      } else if (routes.has(path)) {
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify(routes.get(path)));
      } else res.writeHead(path === '/favicon.ico' ? 204 : 404).end();
    });
    await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
    hostUrl = `http://127.0.0.1:${(host.address() as AddressInfo).port}`;
    await allowOrigin(server.url, hostUrl);
    const site = await call<{ signingSecret: string }>(server, 'GET', '/api/v1/sites/demo', {
      token: TEST_ADMIN_TOKEN,
    });
    signingSecret = site.body.signingSecret;
    browser = await launchBrowser();
    anna = await connectAgent(server.url, 'anna@demo.peakend.test');
    await next(anna, 'connect');
  });

  afterAll(async () => {
    anna?.disconnect();
    await Promise.all(contexts.map((c) => c.close()));
    await browser?.close();
    if (host) {
      host.closeAllConnections();
      await new Promise<void>((resolve) => host.close(() => resolve()));
    }
    await server?.stop();
    dir.remove();
  });

  it('checks every example, or says why it does not run', () => {
    const unchecked = pageExamples.filter(
      (b) => !b.notRun && !CHECKED.some((ref) => matches(b, ref)),
    );
    expect(
      unchecked.map(where),
      'HTML examples with no check here: add one, or mark them "not run (why)"',
    ).toEqual([]);
    const skipped = pageExamples.filter((b) => b.notRun);
    console.info(
      `Docs HTML examples (Chromium): ${pageExamples.length - skipped.length} run, ${skipped.length} not run` +
        skipped.map((b) => `\n  ${where(b)}: ${b.notRun}`).join(''),
    );
  });

  it('the snippet of the README and of embedding.md loads the widget, and its chat opens', async () => {
    // The same snippet in both places is one page to try.
    const distinct = [SNIPPET_README, SNIPPET].filter(
      (ref, i, all) => all.findIndex((other) => example(other).code === example(ref).code) === i,
    );
    for (const ref of distinct) {
      const { page, problems } = await open(pageOf(ref));
      await openChat(page);
      await screenshot(page, `docs-snippet-${ref.file.replace(/\W/g, '-')}`);
      expect(problems, where(example(ref))).toEqual([]);
    }
  });

  it("peakend('init', …) sets the button's colour and corner and the panel's title", async () => {
    const { page, problems } = await open(pageOf(SNIPPET, INIT_OPTIONS));
    await launcher(page).waitFor();
    expect((await box(launcher(page))).x).toBeLessThan(1280 / 2);
    expect(await launcher(page).evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(
      'rgb(47, 107, 79)',
    );
    await openChat(page);
    await expect.poll(() => panel(page).getByText('Ask Northwind').isVisible()).toBe(true);
    expect(problems, where(example(INIT_OPTIONS))).toEqual([]);
  });

  it('data-lang="nl" speaks Dutch, from the button on', async () => {
    const { page, problems } = await open(pageOf(LANGUAGE));
    await page.getByRole('button', { name: 'Chat openen' }).click();
    await page.getByRole('textbox', { name: 'Bericht' }).waitFor();
    expect(problems, where(example(LANGUAGE))).toEqual([]);
  });

  it('a "Contact us" link opens the chat', async () => {
    const { page, problems } = await open(pageOf(SNIPPET, CONTACT_LINK));
    await page.getByRole('link', { name: 'Contact us' }).click();
    await messageBox(page).waitFor();
    expect(problems, where(example(CONTACT_LINK))).toEqual([]);
  });

  it("peakend('set', …) tells agents the visitor's segment and attributes", async () => {
    const { page, problems } = await open(pageOf(SNIPPET, SEGMENT));
    await openChat(page);
    await sendMessage(page, 'Do you offer volume pricing?');
    expect(await conversationOf('Do you offer volume pricing?')).toMatchObject({
      segment: 'business',
      attributes: { plan: 'pro', region: 'eu-west' },
    });
    expect(problems, where(example(SEGMENT))).toEqual([]);
  });

  it('a signed-in user, with the userHash your server makes, is who the page says', async () => {
    const { page, problems } = await open(pageOf(SNIPPET, SIGNED_IN));
    await openChat(page);
    await sendMessage(page, 'Signed in: where is my order?');
    const conversation = await conversationOf('Signed in: where is my order?');
    const stored = await server.application.store.getConversation(DEMO_SITE_ID, conversation.id);
    expect(stored?.visitorId).toBe(verifiedVisitorId(DEMO_SITE_ID, 'customer-42'));
    expect(problems, where(example(SIGNED_IN))).toEqual([]);
  });

  it('host-chat mode shows only the rating card, for the conversation your server signed', async () => {
    await helpdeskConversation('zd-1042', 'ben');
    const { page, problems } = await open(pageOf(HOST_CHAT));
    const dialog = page.getByRole('dialog', { name: 'Your conversation' });
    await dialog.waitFor();
    expect(await launcher(page).count()).toBe(0);
    await page.getByRole('radio', { name: 'Very good', exact: true }).check();
    await page.getByRole('button', { name: 'Knew the answer' }).click();
    await page.getByRole('button', { name: 'Send rating' }).click();
    // The card names the agent as the page gave it.
    await page.getByText('Ben will be glad to hear it.').waitFor();
    await expect
      .poll(async () => {
        const stored = await server.application.store.getConversation(DEMO_SITE_ID, 'zd-1042');
        return stored?.rating;
      })
      .toMatchObject({ end: 5, agentId: 'ben' });
    expect(problems, where(example(HOST_CHAT))).toEqual([]);
  });

  it("Chatwoot's page asks your backend, and shows the card once for the resolved conversation", async () => {
    const conversationId = 'cw.7.12.42';
    await helpdeskConversation(conversationId, 'anna');
    // What the docs' backend (step 3) answers for the signed-in visitor.
    routes.set('/support/rating', {
      conversationId,
      signature: sign(`conversation:${conversationId}`),
      agentName: 'Anna',
    });
    const { page, problems } = await open(pageOf(CHATWOOT_WIDGET, CHATWOOT_PAGE));
    expect(await launcher(page).count()).toBe(0);
    // Chatwoot's widget says it is ready: the card opens for the conversation just resolved.
    await page.evaluate(() => window.dispatchEvent(new Event('chatwoot:ready')));
    await page.getByRole('dialog', { name: 'Your conversation' }).waitFor();
    await page.getByRole('radio', { name: 'Good', exact: true }).check();
    await page.getByRole('button', { name: 'Nothing in particular' }).click();
    await page.getByRole('button', { name: 'Send rating' }).click();
    await page.getByText('Anna will be glad to hear it.').waitFor();
    await expect
      .poll(async () => {
        const stored = await server.application.store.getConversation(DEMO_SITE_ID, conversationId);
        return stored?.rating;
      })
      .toMatchObject({ end: 4, agentId: 'anna' });
    // Asked once: another message of Chatwoot's does not ask again, here or on the next page.
    expect(
      await page.evaluate(() => JSON.parse(localStorage.getItem('peakend-asked') ?? '[]')),
    ).toEqual([conversationId]);
    expect(problems, where(example(CHATWOOT_PAGE))).toEqual([]);
  });
});
