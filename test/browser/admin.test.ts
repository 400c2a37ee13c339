/**
 * The admin screens as an admin and a new colleague use them, in real Chromium against the built
 * console: Dana (the demo site's admin) invites Cleo with a link; Cleo opens it, chooses her
 * password and is in; Dana changes her role, the site's origins and its key (the new key works
 * at once, the old one stops), and finally removes Cleo's access, which signs her out. Only
 * accessible names are used, as a screen-reader user would.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { describeInBrowser, launchBrowser, screenshot } from '../support/browser';
import { startServer, tempDir, type TestServer } from '../support/server';
import { DEMO_PASSWORD } from '../../server/demo/seed';
import { axePageFindings as axeFindings } from './axe';

describeInBrowser('the admin screens in a real browser', () => {
  const dir = tempDir();
  let server: TestServer;
  let browser: Browser;
  let dana: Page;
  let cleo: Page;
  let inviteLink: string;

  beforeAll(async () => {
    server = await startServer({ dbPath: `${dir.path}/peakend.db` });
    browser = await launchBrowser();
    const page = async () => {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
      const opened = await context.newPage();
      opened.setDefaultTimeout(8000);
      return opened;
    };
    dana = await page();
    cleo = await page();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    dir.remove();
  });

  it('lets an admin open the admin screens and invite someone with a link', async () => {
    await dana.goto(`${server.url}/console/`);
    await dana.getByLabel('Email').fill('dana@demo.peakend.test');
    await dana.getByLabel('Password').fill(DEMO_PASSWORD);
    await dana.getByRole('button', { name: 'Sign in' }).click();
    const sections = dana.getByRole('navigation', { name: 'Console' });
    await sections.getByRole('link', { name: 'Admin' }).click();
    await dana.getByRole('heading', { name: 'Northwind Outfitters (demo)', level: 1 }).waitFor();
    await dana.getByRole('table').getByText('Ben Okafor').waitFor();

    // Keyboard only: type the email, pick the role, create the link.
    await dana.getByRole('textbox', { name: 'Email' }).fill('cleo@example.test');
    await dana.getByRole('combobox', { name: 'Role', exact: true }).selectOption('supervisor');
    await dana.getByRole('button', { name: 'Create invite link' }).press('Enter');
    const link = dana.getByRole('textbox', { name: 'Invite link' });
    await link.waitFor();
    inviteLink = await link.inputValue();
    expect(inviteLink).toMatch(new RegExp(`^${server.url}/console/join#[\\w-]{32}$`));
    await expect.poll(() => link.evaluate((el) => el === document.activeElement)).toBe(true);
    await dana.waitForTimeout(400); // let the panel's rise-in finish before the picture
    await screenshot(dana, 'admin-1-invite-link');
    expect(await axeFindings(dana)).toEqual([]);
  });

  it('lets the invitee choose a password and start as a supervisor', async () => {
    await cleo.goto(inviteLink);
    await cleo.getByRole('heading', { name: 'Join Northwind Outfitters (demo)' }).waitFor();
    await cleo.getByRole('textbox', { name: 'Your name' }).fill('Cleo Martin');
    await cleo.getByLabel('Choose a password').fill('a long enough password');
    await screenshot(cleo, 'admin-2-join');
    expect(await axeFindings(cleo)).toEqual([]);
    await cleo.getByRole('button', { name: 'Join Northwind Outfitters (demo)' }).click();
    await cleo.getByRole('navigation', { name: 'Conversations' }).waitFor();
    // The link's secret does not stay in the address bar.
    expect(new URL(cleo.url()).pathname).toBe('/console/');
    expect(new URL(cleo.url()).hash).toBe('');
    await cleo.getByText('Supervisor', { exact: true }).waitFor();
    // A supervisor works the follow-up queue, but the admin screens are not theirs.
    const nav = cleo.getByRole('navigation', { name: 'Console' });
    await nav.getByRole('link', { name: 'Follow-up' }).waitFor();
    expect(await nav.getByRole('link', { name: 'Admin' }).count()).toBe(0);
    // The link worked once.
    const again = await fetch(`${server.url}/api/v1/invites/lookup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: inviteLink.split('#')[1] }),
    });
    expect(again.status).toBe(404);
  });

  it('shows the new member in the team, and changes her role', async () => {
    await dana.getByRole('button', { name: 'Done' }).click();
    const role = dana.getByRole('combobox', { name: 'Role of Cleo Martin' });
    await role.waitFor();
    await role.selectOption('agent');
    // Her console reconnects with the new role.
    await cleo.getByText('Agent', { exact: true }).waitFor();
    await screenshot(dana, 'admin-3-team');
  });

  it('changes the allowed origins and rotates the key: the new one works, the old one stops', async () => {
    await dana.getByRole('tab', { name: 'Team' }).focus();
    await dana.keyboard.press('ArrowRight');
    await dana.getByRole('tabpanel', { name: 'Settings' }).waitFor();
    const origins = dana.getByRole('textbox', { name: 'Allowed origins' });
    await origins.fill(`${server.url}\nhttps://shop.northwind.example`);
    await dana.getByRole('button', { name: 'Save changes' }).click();
    await dana.getByText('Saved.').waitFor();
    await screenshot(dana, 'admin-4-settings');
    expect(await axeFindings(dana)).toEqual([]);

    await dana.getByRole('tab', { name: 'Embed and key' }).click();
    const snippet = await dana.getByRole('textbox', { name: 'Embed snippet' }).inputValue();
    expect(snippet).toContain(`src="${server.url}/widget.js" data-site="demo"`);

    const rotate = async () => {
      await dana.getByRole('button', { name: 'Rotate site key' }).click();
      await dana
        .getByRole('group', { name: 'Rotate site key' })
        .getByRole('button', { name: 'Rotate key' })
        .click();
      const key = await dana.getByRole('textbox', { name: 'New site key' }).inputValue();
      return key;
    };
    // One event, sent again with each key: the same id and body, so a duplicate once stored.
    const at = new Date().toISOString();
    const events = (key: string) =>
      fetch(`${server.url}/api/v1/sites/demo/events`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          events: [
            {
              id: 'k-1',
              type: 'conversation.opened',
              conversationId: 'k',
              at,
            },
          ],
        }),
      });
    const first = await rotate();
    await dana.waitForTimeout(400); // let the panel's rise-in finish before the picture
    await screenshot(dana, 'admin-5-key');
    expect(await axeFindings(dana)).toEqual([]);
    expect((await events(first)).status).toBe(200);
    await dana.getByRole('button', { name: 'Done' }).click();
    const second = await rotate();
    expect(second).not.toBe(first);
    expect((await events(first)).status).toBe(401);
    expect((await events(second)).status).toBe(200);
    await dana.getByRole('button', { name: 'Done' }).click();
  });

  it('rotates with a grace period: both keys work until the old one is revoked', async () => {
    await dana.getByRole('tab', { name: 'Embed and key' }).click();
    const scores = (key: string) =>
      fetch(`${server.url}/api/v1/sites/demo/scores`, {
        headers: { authorization: `Bearer ${key}` },
      }).then((response) => response.status);
    await dana.getByRole('button', { name: 'Rotate site key' }).click();
    const confirm = dana.getByRole('group', { name: 'Rotate site key' });
    await confirm.getByRole('button', { name: 'Rotate key' }).click();
    const old = await dana.getByRole('textbox', { name: 'New site key' }).inputValue();
    await dana.getByRole('button', { name: 'Done' }).click();

    await dana.getByRole('button', { name: 'Rotate site key' }).click();
    await confirm.getByRole('radio', { name: '24 hours' }).check();
    await confirm.getByText(/keeps working for 24 hours/).waitFor();
    await screenshot(dana, 'admin-5b-key-grace-choice');
    expect(await axeFindings(dana)).toEqual([]);
    await confirm.getByRole('button', { name: 'Rotate key' }).click();
    const fresh = await dana.getByRole('textbox', { name: 'New site key' }).inputValue();
    await dana.getByRole('button', { name: 'Done' }).click();
    const grace = dana.getByRole('group', { name: 'Old site key' });
    await grace.getByText(/The old key works until/).waitFor();
    expect(await scores(old)).toBe(200);
    expect(await scores(fresh)).toBe(200);

    await grace.getByRole('button', { name: 'Revoke now' }).click();
    await grace.getByRole('group', { name: 'Revoke the old site key' }).waitFor();
    await dana.waitForTimeout(400); // let the panel's rise-in finish before the picture
    await screenshot(dana, 'admin-5c-key-grace-revoke');
    expect(await axeFindings(dana)).toEqual([]);
    await grace.getByRole('button', { name: 'Revoke old key' }).click();
    await dana.getByText(/The old key was revoked/).waitFor();
    expect(await scores(old)).toBe(401);
    expect(await scores(fresh)).toBe(200);
  });

  it('enables Chatwoot: the URL it shows once takes a delivery, and a stored secret is checked', async () => {
    await dana.getByRole('tab', { name: 'Integrations' }).click();
    await dana.getByRole('button', { name: 'Enable Chatwoot' }).click();
    const url = await dana.getByRole('textbox', { name: 'Webhook URL' }).inputValue();
    expect(url).toMatch(
      new RegExp(`^${server.url}/api/v1/integrations/chatwoot/[A-Za-z0-9_-]{40,}$`),
    );
    await dana.getByRole('list', { name: 'Events to tick in Chatwoot' }).waitFor();
    await dana.waitForTimeout(400); // let the panel's rise-in finish before the picture
    await screenshot(dana, 'admin-6-chatwoot');
    expect(await axeFindings(dana)).toEqual([]);

    // An incoming message as Chatwoot sends it (Message#webhook_data, trimmed).
    const body = JSON.stringify({
      event: 'message_created',
      id: 77,
      content: 'Hello?',
      created_at: new Date().toISOString(),
      message_type: 'incoming',
      private: false,
      sender: { id: 5, name: 'Jo', type: 'contact' },
      account: { id: 1, name: 'Shop' },
      inbox: { id: 2, name: 'Website' },
      conversation: { id: 9, inbox_id: 2, messages: [] },
    });
    const deliver = () =>
      fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect((await deliver()).status).toBe(200);

    await dana.getByRole('button', { name: 'Done' }).click();
    await dana.getByLabel('Chatwoot webhook secret').fill('cw-secret-for-the-demo');
    await dana.getByRole('button', { name: 'Save secret' }).click();
    await dana.getByText('A secret is stored: signatures are checked.').waitFor();
    expect((await deliver()).status).toBe(401);
    await dana.getByRole('button', { name: 'Forget secret' }).click();
    await dana.getByText('No secret stored: signatures are not checked.').waitFor();
    expect((await deliver()).status).toBe(200);
  });

  it('adds a webhook, shows its secret once, pings it and shows the delivery', async () => {
    let heard = () => {};
    const pinged = new Promise<void>((resolve) => (heard = resolve));
    const receiver = createServer((req, res) => {
      heard();
      req.resume();
      req.on('end', () => res.end('ok'));
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/peakend`;
    try {
      await dana.getByRole('tab', { name: 'Webhooks' }).click();
      await dana.getByRole('textbox', { name: 'URL' }).fill(url);
      await dana.getByRole('checkbox', { name: /promise\.broken/ }).check();
      await dana.getByRole('button', { name: 'Add webhook' }).click();
      const secret = await dana.getByRole('textbox', { name: 'Signing secret' }).inputValue();
      expect(secret).toMatch(/^whsec_/);
      await dana.waitForTimeout(400); // let the panel's rise-in finish before the picture
      await screenshot(dana, 'admin-6-webhook-secret');
      expect(await axeFindings(dana)).toEqual([]);
      await dana.getByRole('button', { name: 'Done' }).click();

      await dana.getByRole('button', { name: `Send a test ping to ${url}` }).click();
      const log = dana.getByRole('table');
      await log.waitFor();
      await pinged;
      await dana.getByRole('button', { name: 'Refresh the log' }).click();
      await log.getByRole('cell', { name: 'Delivered' }).waitFor();
      await screenshot(dana, 'admin-7-webhook-log');
      expect(await axeFindings(dana)).toEqual([]);
    } finally {
      await new Promise<void>((resolve) => receiver.close(() => resolve()));
    }
  });

  it('removes access: the member is signed out at once', async () => {
    await dana.getByRole('tab', { name: 'Team' }).click();
    await dana.getByRole('button', { name: 'Remove access for Cleo Martin' }).click();
    await dana
      .getByRole('group', { name: 'Remove access for Cleo Martin' })
      .getByRole('button', { name: 'Remove access' })
      .click();
    await dana
      .getByRole('region', { name: /Scored, without sign-in/ })
      .getByText('Cleo Martin')
      .waitFor();
    await cleo.getByText('Your session has ended. Please sign in again.').waitFor();
  });
});
