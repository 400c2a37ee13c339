// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CHATWOOT_EVENTS, type ChatwootIntegrationView } from '../../shared/integrations';
import { DEFAULT_SETTINGS } from '../../shared/settings';
import type { SiteView } from '../../shared/sites';
import type { AdminApi } from '../../widget/console/adminApi';
import { Admin } from '../../widget/console/components/admin/Admin';
import { Integrations } from '../../widget/console/components/admin/Integrations';
import type { IntegrationApi } from '../../widget/console/integrationApi';
import { ok } from '../support/console';

const demo: SiteView = {
  siteId: 'demo',
  name: 'Northwind Outfitters',
  allowedOrigins: ['https://shop.example'],
  settings: DEFAULT_SETTINGS,
  createdAt: '2026-11-01T09:00:00.000Z',
  snippet: '<script async src="https://chat.example/widget.js" data-site="demo"></script>',
  signingSecret: 'c2lnbmluZy1zZWNyZXQ',
  previousKeyUntil: null,
};

/** An IntegrationApi over one in-memory integration, recording each call. */
function fakeIntegrations() {
  let state: ChatwootIntegrationView = {
    enabled: false,
    events: [...CHATWOOT_EVENTS],
    secretSet: false,
    urlCreatedAt: null,
  };
  let urls = 0;
  const api = {
    chatwoot: vi.fn(async () => ok(state)),
    enableChatwoot: vi.fn(async () => {
      urls += 1;
      state = { ...state, enabled: true, urlCreatedAt: '2026-11-30T00:00:00.000Z' };
      return ok({
        ...state,
        url: `https://peakend.example/api/v1/integrations/chatwoot/tok-${urls}`,
      });
    }),
    setChatwootSecret: vi.fn(async (_siteId: string, secret: string | null) => {
      state = { ...state, secretSet: secret !== null };
      return ok(state);
    }),
    disableChatwoot: vi.fn(async () => {
      state = { ...state, enabled: false, secretSet: false, urlCreatedAt: null };
      return ok(state);
    }),
  } satisfies IntegrationApi;
  return api;
}

afterEach(cleanup);

describe('the Integrations admin tab', () => {
  it('enables Chatwoot, shows its URL once with the events to tick, and makes a new one', async () => {
    const api = fakeIntegrations();
    render(<Integrations api={api} site={demo} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Enable Chatwoot' }));

    const url = await screen.findByRole('textbox', { name: 'Webhook URL' });
    expect((url as HTMLInputElement).value).toBe(
      'https://peakend.example/api/v1/integrations/chatwoot/tok-1',
    );
    expect(screen.getByRole('button', { name: 'Copy URL' })).toBeTruthy();
    const events = screen.getByRole('list', { name: 'Events to tick in Chatwoot' });
    expect(
      within(events)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([...CHATWOOT_EVENTS]);

    fireEvent.click(screen.getByRole('button', { name: 'Done' }));
    expect(screen.queryByRole('textbox', { name: 'Webhook URL' })).toBeNull();
    expect(screen.getByText(/cannot show it again/)).toBeTruthy();

    // A new URL asks first; Escape leaves things as they were.
    fireEvent.click(screen.getByRole('button', { name: 'Make a new URL' }));
    const asking = screen.getByRole('group', { name: 'Make a new URL' });
    await waitFor(() =>
      expect(document.activeElement).toBe(within(asking).getByRole('button', { name: 'Cancel' })),
    );
    fireEvent.keyDown(asking, { key: 'Escape' });
    expect(screen.queryByRole('group', { name: 'Make a new URL' })).toBeNull();
    expect(api.enableChatwoot).toHaveBeenCalledTimes(1);

    fireEvent.click(screen.getByRole('button', { name: 'Make a new URL' }));
    fireEvent.click(screen.getByRole('button', { name: 'Make new URL' }));
    const rotated = await screen.findByRole('textbox', { name: 'Webhook URL' });
    expect((rotated as HTMLInputElement).value).toMatch(/tok-2$/);
  });

  it('stores and forgets Chatwoot’s secret, and disables the adapter', async () => {
    const api = fakeIntegrations();
    await api.enableChatwoot();
    render(<Integrations api={api} site={demo} />);
    expect(await screen.findByText('No secret stored: signatures are not checked.')).toBeTruthy();

    const field = screen.getByLabelText('Chatwoot webhook secret');
    expect((field as HTMLInputElement).type).toBe('password');
    fireEvent.input(field, { target: { value: '  cw-secret-123  ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save secret' }));
    expect(await screen.findByText('A secret is stored: signatures are checked.')).toBeTruthy();
    expect(api.setChatwootSecret).toHaveBeenCalledWith('demo', 'cw-secret-123');
    expect((field as HTMLInputElement).value).toBe('');

    fireEvent.click(screen.getByRole('button', { name: 'Forget secret' }));
    expect(await screen.findByText('No secret stored: signatures are not checked.')).toBeTruthy();
    expect(api.setChatwootSecret).toHaveBeenLastCalledWith('demo', null);

    fireEvent.click(screen.getByRole('button', { name: 'Disable Chatwoot' }));
    fireEvent.click(screen.getByRole('button', { name: 'Disable' }));
    const enableAgain = await screen.findByRole('button', { name: 'Enable Chatwoot' });
    await waitFor(() => expect(document.activeElement).toBe(enableAgain));
    expect(screen.queryByLabelText('Chatwoot webhook secret')).toBeNull();
  });

  it('is a tab of the admin screens', async () => {
    const admin = {
      listSites: vi.fn(async () => ok([demo])),
      listMembers: vi.fn(async () => ok([])),
      listInvites: vi.fn(async () => ok([])),
    } as unknown as AdminApi;
    render(
      <Admin
        api={admin}
        currentSiteId="demo"
        onSitesChanged={() => {}}
        integrations={fakeIntegrations()}
      />,
    );
    fireEvent.click(await screen.findByRole('tab', { name: 'Integrations' }));
    expect(await screen.findByRole('heading', { name: 'Chatwoot' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Enable Chatwoot' })).toBeTruthy();
  });
});
