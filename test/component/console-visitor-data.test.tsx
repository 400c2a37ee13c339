// @vitest-environment happy-dom
/**
 * The admin screens' data protection: the site's retention period in Settings, and the Visitor
 * data tab, which finds a visitor by visitor id or by the site's user id, offers their data as a
 * download, and erases it only after the admin confirms.
 */
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Ack } from '../../shared/ack';
import { DEFAULT_SETTINGS } from '../../shared/settings';
import type { SitePatch, SiteView } from '../../shared/sites';
import type { VisitorErased, VisitorFound } from '../../shared/visitor-data';
import type { AdminApi } from '../../widget/console/adminApi';
import { Admin } from '../../widget/console/components/admin/Admin';
import type { IntegrationApi } from '../../widget/console/integrationApi';
import type { VisitorDataApi } from '../../widget/console/visitorDataApi';
import { ok } from '../support/console';

const demo: SiteView = {
  siteId: 'demo',
  name: 'Northwind Outfitters',
  allowedOrigins: ['https://shop.example'],
  settings: DEFAULT_SETTINGS,
  createdAt: '2026-11-01T09:00:00.000Z',
  snippet: '<script></script>',
  signingSecret: 'c2lnbmluZw',
  previousKeyUntil: null,
};

/** Only what these screens call; anything else fails the test loudly. */
function fakeAdmin() {
  let site = demo;
  const patches: SitePatch[] = [];
  const unexpected = () => Promise.reject(new Error('not called by these screens'));
  const api: AdminApi = {
    listSites: async () => ok([site]),
    updateSite: async (_siteId, patch) => {
      patches.push(patch);
      site = { ...site, settings: { ...site.settings, ...patch.settings } };
      return ok(site);
    },
    listMembers: async () => ok([]),
    listInvites: async () => ok([]),
    createSite: unexpected,
    rotateKey: unexpected,
    revokePreviousKey: unexpected,
    setRole: unexpected,
    setAnswersChats: unexpected,
    removeAccess: unexpected,
    nameAgent: unexpected,
    invite: unexpected,
    revokeInvite: unexpected,
  };
  return { api, patches };
}

function fakeVisitorData(erased: Ack<VisitorErased> | null = null) {
  const calls: string[] = [];
  const api: VisitorDataApi = {
    find: async (siteId, by): Promise<Ack<VisitorFound>> => {
      calls.push(`find ${siteId} ${JSON.stringify(by)}`);
      return ok({ visitorId: 'u-4kq8T0aZ', conversations: 2 });
    },
    erase: async (siteId, visitorId) => {
      calls.push(`erase ${siteId} ${visitorId}`);
      return erased ?? ok({ visitorId, conversations: ['c1', 'c2'], facts: 9 });
    },
    exportUrl: (siteId, visitorId) => `/api/v1/sites/${siteId}/visitors/${visitorId}/export`,
  };
  return { api, calls };
}

const noIntegrations = {} as IntegrationApi;

async function openAdmin(visitorData: VisitorDataApi, admin = fakeAdmin()) {
  render(
    <Admin
      api={admin.api}
      currentSiteId="demo"
      onSitesChanged={vi.fn()}
      integrations={noIntegrations}
      visitorData={visitorData}
    />,
  );
  await screen.findByRole('heading', { name: 'Northwind Outfitters', level: 1 });
  return admin;
}

afterEach(cleanup);

describe('admin screens: data protection', () => {
  it('sets the retention period in Settings, sending it alone, and clears it to keep everything', async () => {
    const admin = await openAdmin(fakeVisitorData().api);
    fireEvent.click(screen.getByRole('tab', { name: 'Settings' }));
    const field = (await screen.findByRole('spinbutton', {
      name: 'Erase conversation text after',
    })) as HTMLInputElement;
    expect(field.value).toBe('');
    expect(field.getAttribute('aria-describedby')).toContain('setting-retentionDays-hint');

    fireEvent.input(field, { target: { value: '90' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    await screen.findByText('Saved.');
    expect(admin.patches.at(-1)?.settings).toEqual({ retentionDays: 90 });

    fireEvent.input(field, { target: { value: '' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(admin.patches).toHaveLength(2));
    expect(admin.patches.at(-1)?.settings).toEqual({ retentionDays: null });
  });

  it('finds a signed-in user, links their export, and erases only after confirming', async () => {
    const visitorData = fakeVisitorData();
    await openAdmin(visitorData.api);
    fireEvent.click(screen.getByRole('tab', { name: 'Visitor data' }));
    fireEvent.click(
      await screen.findByRole('radio', { name: 'User id from your site (signed-in users)' }),
    );
    fireEvent.input(screen.getByRole('textbox', { name: 'User id' }), {
      target: { value: 'user-81' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Find' }));

    const found = await screen.findByRole('group', { name: 'Visitor u-4kq8T0aZ' });
    expect(found.textContent).toContain('2 conversations');
    expect(visitorData.calls).toEqual(['find demo {"userId":"user-81"}']);
    const download = within(found).getByRole('link', { name: 'Download their data (JSON)' });
    expect(download.getAttribute('href')).toBe('/api/v1/sites/demo/visitors/u-4kq8T0aZ/export');

    // Asked first; Cancel erases nothing.
    fireEvent.click(within(found).getByRole('button', { name: 'Erase their data…' }));
    const confirm = screen.getByRole('group', { name: "Erase this visitor's data" });
    fireEvent.click(within(confirm).getByRole('button', { name: 'Cancel' }));
    expect(visitorData.calls).toEqual(['find demo {"userId":"user-81"}']);

    fireEvent.click(within(found).getByRole('button', { name: 'Erase their data…' }));
    fireEvent.click(screen.getByRole('button', { name: 'Erase' }));
    await screen.findByText('Erased: 2 conversations redacted. Scores are unchanged.');
    expect(visitorData.calls).toEqual(['find demo {"userId":"user-81"}', 'erase demo u-4kq8T0aZ']);
  });

  it('takes a visitor id as it is, and shows a refusal where it happened', async () => {
    const visitorData = fakeVisitorData({
      ok: false,
      error: { code: 'forbidden', message: 'Only admins may do this.' },
    });
    await openAdmin(visitorData.api);
    fireEvent.click(screen.getByRole('tab', { name: 'Visitor data' }));
    fireEvent.input(await screen.findByRole('textbox', { name: 'Visitor id' }), {
      target: { value: 'v-3f9c2a' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Find' }));
    await screen.findByRole('group', { name: 'Visitor v-3f9c2a' });
    expect(visitorData.calls).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: 'Erase their data…' }));
    fireEvent.click(screen.getByRole('button', { name: 'Erase' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Only admins may do this.');
  });

  it('finds the visitor of a conversation', async () => {
    const visitorData = fakeVisitorData();
    await openAdmin(visitorData.api);
    fireEvent.click(screen.getByRole('tab', { name: 'Visitor data' }));
    fireEvent.click(await screen.findByRole('radio', { name: /One of their conversations/ }));
    fireEvent.input(screen.getByRole('textbox', { name: 'Conversation id' }), {
      target: { value: 'conv-1042' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Find' }));
    await screen.findByRole('group', { name: 'Visitor u-4kq8T0aZ' });
    expect(visitorData.calls).toEqual(['find demo {"conversationId":"conv-1042"}']);
  });
});
