/**
 * /docs/api, the rendered API reference, in real Chromium: it loads under the console's strict
 * Content-Security-Policy (no inline script or style, nothing from elsewhere) without a single
 * violation, shows every operation of openapi.json, and axe-core finds nothing, collapsed and
 * with an operation and a schema open.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { describeInBrowser, launchBrowser, screenshot } from '../support/browser';
import { startServer, tempDir, type TestServer } from '../support/server';
import { axePageFindings } from './axe';

describeInBrowser('the API reference at /docs/api', () => {
  const dir = tempDir();
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  /** Violations seen by the page (securitypolicyviolation events), on its console, or thrown. */
  const problems: string[] = [];

  beforeAll(async () => {
    server = await startServer({ dbPath: `${dir.path}/peakend.db` });
    browser = await launchBrowser();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    page.setDefaultTimeout(15_000);
    await page.exposeBinding('__reportViolation', (_source, text: string) => problems.push(text));
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => {
        const report = (window as unknown as Record<string, (text: string) => void>)
          .__reportViolation!;
        report(`${event.violatedDirective} blocked ${event.blockedURI || 'inline'}`);
      });
    });
    page.on('console', (message) => {
      if (
        message.type() === 'error' ||
        /Content Security Policy|Refused to/i.test(message.text())
      ) {
        problems.push(`console: ${message.text()}`);
      }
    });
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    dir.remove();
  });

  it('renders every operation under the strict policy, without a violation', async () => {
    const response = await page.goto(`${server.url}/docs/api`);
    const policy = response!.headers()['content-security-policy']!;
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("style-src 'self'");
    expect(policy).not.toMatch(/unsafe-inline|unsafe-eval/);
    await page.locator('.opblock').first().waitFor();
    const spec = (await (await fetch(`${server.url}/api/v1/openapi.json`)).json()) as {
      paths: Record<string, Record<string, unknown>>;
      webhooks?: Record<string, Record<string, unknown>>;
    };
    // The routes, and the webhook payloads Peakend posts (each drawn as an operation too).
    const operations = [...Object.values(spec.paths), ...Object.values(spec.webhooks ?? {})].reduce(
      (n, item) => n + Object.keys(item).length,
      0,
    );
    expect(await page.locator('.opblock').count()).toBe(operations);
    // Styled by its own stylesheet, not bare markup.
    expect(
      await page
        .locator('.opblock')
        .first()
        .evaluate((el) => getComputedStyle(el).borderRadius),
    ).not.toBe('0px');
    await screenshot(page, 'api-docs');
    expect(problems).toEqual([]);
  });

  it('is clean for axe, collapsed and with an operation and a schema open', async () => {
    expect(await axePageFindings(page, { bestPractice: true })).toEqual([]);
    await page.locator('.opblock-summary-control').first().click();
    await page.locator('.opblock-body').first().waitFor();
    await page.getByRole('tab', { name: 'Schema' }).first().click();
    expect(await axePageFindings(page, { bestPractice: true })).toEqual([]);
    await screenshot(page, 'api-docs-operation');
    expect(problems).toEqual([]);
  });

  it('is clean for axe with the Authorize dialog and the schemas open', async () => {
    await page
      .getByRole('button', { name: /Authorize/ })
      .first()
      .click();
    await page.locator('.modal-ux').waitFor();
    expect(await axePageFindings(page, { bestPractice: true })).toEqual([]);
    await screenshot(page, 'api-docs-authorize');
    await page.locator('.modal-ux .close-modal').click();
    await page.locator('.models-control').click();
    await page.locator('.models.is-open .json-schema-2020-12').first().waitFor();
    expect(await axePageFindings(page, { bestPractice: true })).toEqual([]);
    expect(problems).toEqual([]);
  });
});
