// @vitest-environment happy-dom
/**
 * The admin screens' Webhooks tab: add an endpoint and see its secret once, add a Slack
 * destination (only the events it can tell), turn one off and on again, ping it, read its
 * delivery log and resend, delete it after saying so, and see why Peakend disabled one.
 */
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS } from '../../shared/settings';
import type { SiteView } from '../../shared/sites';
import type { DeliveryView, NewWebhook, WebhookPatch, WebhookView } from '../../shared/webhooks';
import { Admin } from '../../widget/console/components/admin/Admin';
import type { AdminApi } from '../../widget/console/adminApi';
import type { WebhookApi } from '../../widget/console/webhookApi';
import { ok } from '../support/console';

const demo: SiteView = {
  siteId: 'demo',
  name: 'Northwind Outfitters',
  allowedOrigins: [],
  settings: DEFAULT_SETTINGS,
  createdAt: '2026-11-01T09:00:00.000Z',
  snippet: '<script></script>',
  signingSecret: 'c2lnbmluZw',
  previousKeyUntil: null,
};

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

const view = (id: string, patch: Partial<WebhookView> = {}): WebhookView => ({
  id,
  url: `https://hooks.example/${id}`,
  kind: 'standard',
  events: ['rating.saved'],
  enabled: true,
  disabledReason: null,
  createdAt: '2026-11-02T09:00:00.000Z',
  updatedAt: '2026-11-02T09:00:00.000Z',
  ...patch,
});

const delivery = (id: string, patch: Partial<DeliveryView> = {}): DeliveryView => ({
  id,
  event: 'rating.saved',
  status: 'failed',
  attempts: 31,
  nextAttemptAt: null,
  lastAttemptAt: '2026-11-03T09:00:00.000Z',
  lastStatus: 503,
  lastError: 'HTTP 503',
  createdAt: '2026-11-02T09:00:00.000Z',
  deliveredAt: null,
  ...patch,
});

/** A WebhookApi over an in-memory list, recording each call. */
function fakeWebhooks() {
  let hooks: WebhookView[] = [
    view('wh_down', {
      enabled: false,
      disabledReason:
        'Disabled on 2026-11-03: every delivery failed for 24 hours (last: HTTP 503).',
    }),
  ];
  const api = {
    listWebhooks: vi.fn(async () => ok([...hooks])),
    createWebhook: vi.fn(async (_siteId: string, input: NewWebhook) => {
      const made = view(`wh_${hooks.length}`, { ...input });
      hooks = [...hooks, made];
      return ok({ ...made, secret: SECRET });
    }),
    updateWebhook: vi.fn(async (_siteId: string, id: string, patch: WebhookPatch) => {
      hooks = hooks.map((h) =>
        h.id === id ? { ...h, ...patch, ...(patch.enabled && { disabledReason: null }) } : h,
      );
      return ok(hooks.find((h) => h.id === id)!);
    }),
    deleteWebhook: vi.fn(async (_siteId: string, id: string) => {
      hooks = hooks.filter((h) => h.id !== id);
      return ok(null);
    }),
    pingWebhook: vi.fn(async () => ok(delivery('msg_ping', { event: 'webhook.ping' }))),
    listDeliveries: vi.fn(async () => ok([delivery('msg_1')])),
    resendDelivery: vi.fn(async () => ok(delivery('msg_1', { status: 'pending' }))),
  } satisfies WebhookApi;
  return api;
}

const admin = { listSites: vi.fn(async () => ok([demo])) } as unknown as AdminApi;

async function openWebhooks(webhookApi = fakeWebhooks()) {
  render(
    <Admin api={admin} webhookApi={webhookApi} currentSiteId="demo" onSitesChanged={vi.fn()} />,
  );
  fireEvent.click(await screen.findByRole('tab', { name: 'Webhooks' }));
  await screen.findByRole('heading', { name: /^Webhooks/ });
  return webhookApi;
}

afterEach(cleanup);

describe('admin screens: webhooks', () => {
  it('adds an endpoint for the events chosen and shows its signing secret once', async () => {
    const api = await openWebhooks();
    fireEvent.input(screen.getByRole('textbox', { name: 'URL' }), {
      target: { value: ' https://crm.example/peakend ' },
    });
    fireEvent.click(screen.getByRole('checkbox', { name: /promise\.broken/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Add webhook' }));

    const secret = (await screen.findByRole('textbox', {
      name: 'Signing secret',
    })) as HTMLInputElement;
    expect(api.createWebhook).toHaveBeenCalledWith('demo', {
      url: 'https://crm.example/peakend',
      events: ['rating.saved', 'promise.broken'],
      kind: 'standard',
    });
    expect(secret.value).toBe(SECRET);
    expect(screen.getByRole('region', { name: 'Signing secret' }).textContent).toMatch(
      /Shown only this once/,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Done' }));
    expect(screen.queryByRole('textbox', { name: 'Signing secret' })).toBeNull();
    expect(screen.getByText('https://crm.example/peakend')).toBeTruthy();
  });

  it('offers a Slack destination only the events it can tell', async () => {
    const api = await openWebhooks();
    fireEvent.change(screen.getByRole('combobox', { name: 'Destination' }), {
      target: { value: 'slack' },
    });
    const events = within(screen.getByRole('group', { name: 'Events' }))
      .getAllByRole('checkbox')
      .map((box) => box.closest('label')?.textContent ?? '');
    expect(events).toEqual([
      expect.stringMatching(/^rating\.saved/),
      expect.stringMatching(/^promise\.broken/),
    ]);
    fireEvent.input(screen.getByRole('textbox', { name: 'URL' }), {
      target: { value: 'https://hooks.slack.com/services/T0/B0/x' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Add webhook' }));
    await waitFor(() =>
      expect(api.createWebhook).toHaveBeenCalledWith('demo', {
        url: 'https://hooks.slack.com/services/T0/B0/x',
        events: ['rating.saved'],
        kind: 'slack',
      }),
    );
    // No secret to show for Slack.
    expect(screen.queryByRole('textbox', { name: 'Signing secret' })).toBeNull();
  });

  it('shows why Peakend turned one off, and turning it on clears that', async () => {
    const api = await openWebhooks();
    expect(screen.getByText(/failed for 24 hours/)).toBeTruthy();
    const on = screen.getByRole('button', {
      name: 'Turn on webhook https://hooks.example/wh_down',
    });
    expect(on.getAttribute('aria-pressed')).toBe('false');
    fireEvent.click(on);
    await waitFor(() =>
      expect(api.updateWebhook).toHaveBeenCalledWith('demo', 'wh_down', { enabled: true }),
    );
    await waitFor(() => expect(screen.queryByText(/failed for 24 hours/)).toBeNull());
    expect(
      screen
        .getByRole('button', { name: 'Turn off webhook https://hooks.example/wh_down' })
        .getAttribute('aria-pressed'),
    ).toBe('true');
  });

  it('pings, lists the deliveries with their status, and resends one', async () => {
    const api = await openWebhooks();
    fireEvent.click(
      screen.getByRole('button', { name: 'Turn on webhook https://hooks.example/wh_down' }),
    );
    const ping = await screen.findByRole('button', {
      name: 'Send a test ping to https://hooks.example/wh_down',
    });
    await waitFor(() => expect((ping as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(ping);
    await waitFor(() => expect(api.pingWebhook).toHaveBeenCalledWith('demo', 'wh_down'));

    const log = await screen.findByRole('table');
    const row = within(log).getAllByRole('row')[1]!;
    expect(row.textContent).toMatch(/rating\.saved.*Failed.*31.*HTTP 503/);
    fireEvent.click(within(row).getByRole('button', { name: 'Resend rating.saved msg_1' }));
    await waitFor(() =>
      expect(api.resendDelivery).toHaveBeenCalledWith('demo', 'wh_down', 'msg_1'),
    );
    expect(await screen.findByText('Resending rating.saved.')).toBeTruthy();
  });

  it('deletes one only once the admin says so', async () => {
    const api = await openWebhooks();
    fireEvent.click(
      screen.getByRole('button', { name: 'Delete webhook https://hooks.example/wh_down' }),
    );
    const confirm = screen.getByRole('group', {
      name: 'Delete webhook https://hooks.example/wh_down',
    });
    fireEvent.click(within(confirm).getByRole('button', { name: 'Cancel' }));
    expect(api.deleteWebhook).not.toHaveBeenCalled();
    fireEvent.click(
      screen.getByRole('button', { name: 'Delete webhook https://hooks.example/wh_down' }),
    );
    fireEvent.click(
      within(screen.getByRole('group', { name: /^Delete webhook/ })).getByRole('button', {
        name: 'Delete',
      }),
    );
    await waitFor(() => expect(api.deleteWebhook).toHaveBeenCalledWith('demo', 'wh_down'));
    expect(await screen.findByText('No webhooks yet.')).toBeTruthy();
  });
});
