// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Ack } from '../../shared/ack';
import type { InviteLookup, InviteView, MemberView, Role } from '../../shared/accounts';
import type { SignedInAgent, SiteMembership } from '../../shared/protocol';
import { DEFAULT_SETTINGS } from '../../shared/settings';
import type { RotatedKey, SiteView } from '../../shared/sites';
import { inviteTokenOf, type AccountApi } from '../../widget/console/accountApi';
import { httpAdminApi, type AdminApi } from '../../widget/console/adminApi';
import type { SessionApi } from '../../widget/console/api';
import { Admin } from '../../widget/console/components/admin/Admin';
import { App } from '../../widget/console/components/App';
import type { IntegrationApi } from '../../widget/console/integrationApi';
import type { ConnectionState, LiveClient } from '../../widget/console/live';
import { noScores, ok, signedInApi } from '../support/console';

const refused = (message: string, issues?: { path: string; message: string }[]): Ack<never> => ({
  ok: false,
  error: { code: 'invalid', message, ...(issues && { issues }) },
});

const demo: SiteView = {
  siteId: 'demo',
  name: 'Northwind Outfitters',
  allowedOrigins: ['https://shop.example'],
  settings: DEFAULT_SETTINGS,
  createdAt: '2026-11-01T09:00:00.000Z',
  snippet:
    '<script>window.peakend=…</script>\n<script async src="https://chat.example/widget.js" data-site="demo"></script>',
  signingSecret: 'c2lnbmluZy1zZWNyZXQtb2YtdGhlLWRlbW8tc2l0ZS0x',
  previousKeyUntil: null,
};

const member = (agentId: string, name: string, role: Role, extra: Partial<MemberView> = {}) => ({
  agentId,
  name,
  email: `${agentId}@demo.test`,
  role,
  answersChats: true,
  hasAccess: true,
  you: false,
  createdAt: '2026-11-01T09:00:00.000Z',
  ...extra,
});

/** An AdminApi over in-memory sites and teams, recording each call. */
function fakeAdmin() {
  const members: MemberView[] = [
    member('dana', 'Dana Reyes', 'admin', { you: true }),
    member('ben', 'Ben Okafor', 'agent'),
    member('zd-9', 'zd-9', 'agent', { email: null, hasAccess: false }),
  ];
  const invites: InviteView[] = [];
  let sites = [demo];
  const api = {
    listSites: vi.fn(async () => ok(sites)),
    createSite: vi.fn(async (input: { name: string; allowedOrigins: string[] }) => {
      const site = {
        ...demo,
        siteId: 'site_new',
        name: input.name,
        allowedOrigins: input.allowedOrigins,
      };
      sites = [...sites, site];
      return ok({ ...site, key: 'pk_new-site-key' });
    }),
    updateSite: vi.fn(async (siteId: string, patch: Record<string, unknown>) =>
      ok({ ...demo, ...patch, settings: { ...demo.settings, ...(patch.settings as object) } }),
    ),
    rotateKey: vi.fn(async (siteId: string, rotation?: { graceHours?: number }) =>
      ok({
        siteId,
        key: 'pk_rotated-key',
        signingSecret: 'bmV3LXNpZ25pbmctc2VjcmV0LWFmdGVyLXJvdGF0aW9u',
        ...(rotation?.graceHours && {
          previousKeyUntil: new Date(Date.now() + rotation.graceHours * 3_600_000).toISOString(),
        }),
      }),
    ),
    revokePreviousKey: vi.fn(async (siteId: string) =>
      ok({ ...demo, siteId, previousKeyUntil: null }),
    ),
    listMembers: vi.fn(async () => ok([...members])),
    setRole: vi.fn(async (_siteId: string, agentId: string, role: Role) => {
      const found = members.find((m) => m.agentId === agentId)!;
      found.role = role;
      return ok(found);
    }),
    setAnswersChats: vi.fn(async (_siteId: string, agentId: string, answersChats: boolean) => {
      const found = members.find((m) => m.agentId === agentId)!;
      found.answersChats = answersChats;
      return ok(found);
    }),
    removeAccess: vi.fn(async (_siteId: string, agentId: string) => {
      const found = members.find((m) => m.agentId === agentId)!;
      Object.assign(found, { hasAccess: false, email: null, role: 'agent' });
      return ok(null);
    }),
    nameAgent: vi.fn(async (_siteId: string, agentId: string, naming: { name: string }) => {
      const found = members.find((m) => m.agentId === agentId)!;
      found.name = naming.name;
      return ok({
        agentId,
        name: naming.name,
        ownName: naming.name,
        nameSource: 'team' as const,
        avatarUrl: null,
        memberId: null,
        hasAccess: false,
      });
    }),
    listInvites: vi.fn(async () => ok([...invites])),
    invite: vi.fn(
      async (_siteId: string, input: { email: string; role: Role; agentId?: string }) => {
        const view: InviteView = {
          inviteId: `inv_${invites.length + 1}`,
          email: input.email,
          role: input.role,
          agentId: input.agentId ?? null,
          createdAt: '2026-11-23T10:00:00.000Z',
          expiresAt: '2026-11-30T10:00:00.000Z',
        };
        invites.push(view);
        return ok({ ...view, link: 'https://chat.example/console/join#secret-token-0123456789' });
      },
    ),
    revokeInvite: vi.fn(async (_siteId: string, inviteId: string) => {
      invites.splice(
        invites.findIndex((i) => i.inviteId === inviteId),
        1,
      );
      return ok(null);
    }),
  } satisfies AdminApi;
  return api;
}

const writeText = vi.fn(async (_text: string) => undefined);

beforeEach(() => {
  writeText.mockClear();
  Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
});
afterEach(cleanup);

/** Integrations as a site without any (console-integrations.test.tsx tests the tab itself). */
const noIntegrations: IntegrationApi = {
  chatwoot: async () => ok({ enabled: false, events: [], secretSet: false, urlCreatedAt: null }),
  enableChatwoot: async () => refused('not here'),
  setChatwootSecret: async () => refused('not here'),
  disableChatwoot: async () => refused('not here'),
};

async function openAdmin(api = fakeAdmin()) {
  render(
    <Admin api={api} currentSiteId="demo" onSitesChanged={vi.fn()} integrations={noIntegrations} />,
  );
  await screen.findByRole('heading', { name: 'Northwind Outfitters', level: 1 });
  return api;
}

const tab = (name: string) => screen.getByRole('tab', { name });

describe('admin screens: team', () => {
  it('lists the team, and who is scored without sign-in', async () => {
    await openAdmin();
    const team = await screen.findByRole('table');
    const rows = within(team).getAllByRole('row').slice(1);
    expect(rows.map((row) => row.textContent)).toEqual([
      expect.stringMatching(/^Dana ReyesYoudana@demo\.test/),
      expect.stringMatching(/^Ben Okaforben@demo\.test/),
    ]);
    expect(
      (screen.getByRole('combobox', { name: 'Role of Ben Okafor' }) as HTMLSelectElement).value,
    ).toBe('agent');
    const scored = screen.getByRole('region', { name: /Scored, without sign-in/ });
    expect(within(scored).getByRole('button', { name: 'Invite zd-9' })).toBeTruthy();
  });

  it('invites someone and shows the link once, to copy', async () => {
    const api = await openAdmin();
    fireEvent.input(await screen.findByRole('textbox', { name: 'Email' }), {
      target: { value: ' cleo@example.test ' },
    });
    fireEvent.change(screen.getByRole('combobox', { name: 'Role' }), {
      target: { value: 'supervisor' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Create invite link' }));

    const link = (await screen.findByRole('textbox', { name: 'Invite link' })) as HTMLInputElement;
    expect(api.invite).toHaveBeenCalledWith('demo', {
      email: 'cleo@example.test',
      role: 'supervisor',
    });
    expect(link.value).toBe('https://chat.example/console/join#secret-token-0123456789');
    expect(document.activeElement).toBe(link);
    const shown = screen.getByRole('region', { name: 'Invite link for cleo@example.test' });
    expect(shown.textContent).toMatch(/makes them supervisor on Northwind Outfitters, works once/);
    expect(shown.textContent).toMatch(/Shown only this once/);

    fireEvent.click(screen.getByRole('button', { name: 'Copy link' }));
    await waitFor(() => expect(writeText).toHaveBeenCalledWith(link.value));
    expect(await screen.findByText('Copied to the clipboard.')).toBeTruthy();

    // Pending until used; the link itself is gone once the admin is done.
    const pending = await screen.findByRole('region', { name: /Invites not used yet/ });
    expect(pending.textContent).toMatch(/cleo@example\.test.*Supervisor/);
    fireEvent.click(screen.getByRole('button', { name: 'Done' }));
    expect(screen.queryByRole('textbox', { name: 'Invite link' })).toBeNull();
    expect(screen.queryByDisplayValue(/secret-token/)).toBeNull();

    fireEvent.click(
      within(pending).getByRole('button', { name: 'Revoke invite for cleo@example.test' }),
    );
    await waitFor(() => expect(api.revokeInvite).toHaveBeenCalledWith('demo', 'inv_1'));
    await waitFor(() =>
      expect(screen.queryByRole('region', { name: /Invites not used yet/ })).toBeNull(),
    );
  });

  it('names a scored agent from another system, shown by that name from then on', async () => {
    const api = await openAdmin();
    fireEvent.click(await screen.findByRole('button', { name: 'Name zd-9' }));
    const field = screen.getByRole('textbox', { name: 'Name for zd-9' }) as HTMLInputElement;
    expect(field.value).toBe('zd-9');
    fireEvent.input(field, { target: { value: '  Ben de Vries ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save name' }));
    await waitFor(() =>
      expect(api.nameAgent).toHaveBeenCalledWith('demo', 'zd-9', { name: 'Ben de Vries' }),
    );
    const scored = await screen.findByRole('region', { name: /Scored, without sign-in/ });
    await waitFor(() => expect(within(scored).getByText('Ben de Vries')).toBeTruthy());
    // The id stays beside the name, so the admin can tell which helpdesk agent it is.
    expect(within(scored).getByText('zd-9')).toBeTruthy();
  });

  it('invites a scored agent as themselves', async () => {
    const api = await openAdmin();
    fireEvent.click(await screen.findByRole('button', { name: 'Invite zd-9' }));
    const scoredAs = screen.getByRole('combobox', { name: 'Scored as' }) as HTMLSelectElement;
    expect(scoredAs.value).toBe('zd-9');
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Email' }));
    fireEvent.input(screen.getByRole('textbox', { name: 'Email' }), {
      target: { value: 'zed@example.test' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Create invite link' }));
    await screen.findByRole('textbox', { name: 'Invite link' });
    expect(api.invite).toHaveBeenCalledWith('demo', {
      email: 'zed@example.test',
      role: 'agent',
      agentId: 'zd-9',
    });
  });

  it('changes a role, and removes access only once confirmed', async () => {
    const api = await openAdmin();
    fireEvent.change(await screen.findByRole('combobox', { name: 'Role of Ben Okafor' }), {
      target: { value: 'supervisor' },
    });
    await waitFor(() => expect(api.setRole).toHaveBeenCalledWith('demo', 'ben', 'supervisor'));

    fireEvent.click(screen.getByRole('button', { name: 'Remove access for Ben Okafor' }));
    const confirm = screen.getByRole('group', { name: 'Remove access for Ben Okafor' });
    expect(confirm.textContent).toMatch(
      /Remove Ben Okafor’s access to Northwind Outfitters\?.*scores stay/,
    );
    // The safe choice has the focus, and Escape takes it.
    expect(document.activeElement).toBe(within(confirm).getByRole('button', { name: 'Cancel' }));
    fireEvent.keyDown(confirm, { key: 'Escape' });
    expect(screen.queryByRole('group', { name: 'Remove access for Ben Okafor' })).toBeNull();
    expect(api.removeAccess).not.toHaveBeenCalled();

    fireEvent.click(screen.getByRole('button', { name: 'Remove access for Ben Okafor' }));
    fireEvent.click(
      within(screen.getByRole('group', { name: 'Remove access for Ben Okafor' })).getByRole(
        'button',
        { name: 'Remove access' },
      ),
    );
    await waitFor(() => expect(api.removeAccess).toHaveBeenCalledWith('demo', 'ben'));
    // Ben stays scored, without sign-in.
    const scored = await screen.findByRole('region', { name: /Scored, without sign-in/ });
    await waitFor(() => expect(within(scored).queryByText('Ben Okafor')).toBeTruthy());
  });

  it('says who answers chats, and turns it off for an admin who only administers', async () => {
    const api = await openAdmin();
    const box = (await screen.findByRole('checkbox', {
      name: 'Dana Reyes answers chats',
    })) as HTMLInputElement;
    expect(box.checked).toBe(true);
    // Why it matters, read with the box.
    expect(document.getElementById(box.getAttribute('aria-describedby')!)?.textContent).toMatch(
      /left out of the live scores/,
    );
    fireEvent.click(box);
    await waitFor(() => expect(api.setAnswersChats).toHaveBeenCalledWith('demo', 'dana', false));
    await waitFor(() =>
      expect(
        (screen.getByRole('checkbox', { name: 'Dana Reyes answers chats' }) as HTMLInputElement)
          .checked,
      ).toBe(false),
    );
  });

  it("shows the server's refusal where it happened", async () => {
    const api = fakeAdmin();
    api.setRole.mockResolvedValueOnce({
      ok: false,
      error: {
        code: 'conflict',
        message: "Dana Reyes is this site's only admin: make someone else an admin first.",
      },
    } as never);
    await openAdmin(api);
    fireEvent.change(await screen.findByRole('combobox', { name: 'Role of Dana Reyes' }), {
      target: { value: 'agent' },
    });
    expect((await screen.findByRole('alert')).textContent).toMatch(/only admin/);
  });
});

describe('admin screens: site', () => {
  it('saves name, origins one per line, and only the scoring settings that changed', async () => {
    const api = await openAdmin();
    fireEvent.click(tab('Settings'));
    fireEvent.input(screen.getByRole('textbox', { name: 'Site name' }), {
      target: { value: 'Northwind' },
    });
    fireEvent.input(screen.getByRole('textbox', { name: 'Allowed origins' }), {
      target: { value: 'https://shop.example\n\n https://www.shop.example \n' },
    });
    fireEvent.input(screen.getByRole('spinbutton', { name: 'Reply time you promise' }), {
      target: { value: '60' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Save changes' }));

    await waitFor(() =>
      expect(api.updateSite).toHaveBeenCalledWith('demo', {
        name: 'Northwind',
        allowedOrigins: ['https://shop.example', 'https://www.shop.example'],
        settings: { targetReplySeconds: 60 },
      }),
    );
    expect(await screen.findByText('Saved.')).toBeTruthy();
    // The list and heading follow the new name.
    expect(screen.getByRole('heading', { name: 'Northwind', level: 1 })).toBeTruthy();
  });

  it('sets the promise limits and the team-rating rule, each explained beside it', async () => {
    const api = await openAdmin();
    fireEvent.click(tab('Settings'));
    const max = screen.getByRole('spinbutton', { name: 'Promises that count per conversation' });
    const quick = screen.getByRole('spinbutton', {
      name: 'A promise kept sooner than this counts neither way',
    });
    const team = screen.getByRole('checkbox', { name: 'Set aside ratings from your own team' });
    expect((max as HTMLInputElement).value).toBe('3');
    expect((quick as HTMLInputElement).value).toBe('60');
    expect((team as HTMLInputElement).checked).toBe(true);
    // Each says what it does, for screen readers too (its description).
    const description = (input: HTMLElement) =>
      input
        .getAttribute('aria-describedby')!
        .split(' ')
        .map((id) => document.getElementById(id)?.textContent)
        .join(' ');
    expect(description(max)).toMatch(/^promises The first ones made count/);
    expect(description(quick)).toMatch(/^seconds Also the shortest time a promise may be due/);
    expect(description(team)).toMatch(/internal IT desk/);

    fireEvent.input(max, { target: { value: '5' } });
    fireEvent.click(team);
    fireEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() =>
      expect(api.updateSite).toHaveBeenCalledWith('demo', {
        name: demo.name,
        allowedOrigins: demo.allowedOrigins,
        settings: { maxPromisesPerConversation: 5, excludeMemberRatings: false },
      }),
    );
    expect(await screen.findByText('Saved.')).toBeTruthy();
  });

  it('sets the time zone trends use from a list of zones, explained beside it', async () => {
    const api = await openAdmin();
    fireEvent.click(tab('Settings'));
    const zone = screen.getByRole('combobox', { name: 'Time zone' }) as HTMLSelectElement;
    expect(zone.value).toBe('UTC');
    expect(zone.options[0]!.value).toBe('UTC');
    const names = [...zone.options].map((option) => option.value);
    expect(names).toContain('Europe/Amsterdam');
    expect(names).toContain('America/New_York');
    // Shown without underscores.
    expect(within(zone).getByRole('option', { name: 'America/New York' })).toBeTruthy();
    expect(document.getElementById(zone.getAttribute('aria-describedby')!)?.textContent).toMatch(
      /days, weeks \(from Monday\) and months begin in Trends/,
    );

    // Unchanged, it is not sent.
    fireEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(api.updateSite).toHaveBeenCalledTimes(1));
    expect(api.updateSite.mock.calls[0]![1]).not.toHaveProperty('settings');

    fireEvent.change(zone, { target: { value: 'Europe/Amsterdam' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() =>
      expect(api.updateSite).toHaveBeenLastCalledWith('demo', {
        name: demo.name,
        allowedOrigins: demo.allowedOrigins,
        settings: { timeZone: 'Europe/Amsterdam' },
      }),
    );
  });

  it('sets opening hours per weekday, sent only when changed, none open being none at all', async () => {
    const api = await openAdmin();
    fireEvent.click(tab('Settings'));
    const hours = screen.getByRole('group', { name: 'Opening hours' });
    const monday = within(hours).getByRole('checkbox', { name: 'Monday' }) as HTMLInputElement;
    const opens = within(hours).getByLabelText('Monday opens at') as HTMLInputElement;
    expect(monday.checked).toBe(false);
    expect(opens.disabled).toBe(true);
    expect(document.getElementById(hours.getAttribute('aria-describedby')!)?.textContent).toMatch(
      /We’re closed, back at 9:00/,
    );

    fireEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(api.updateSite).toHaveBeenCalledTimes(1));
    expect(api.updateSite.mock.calls[0]![1]).not.toHaveProperty('settings');

    fireEvent.click(monday);
    fireEvent.input(within(hours).getByLabelText('Monday closes at'), {
      target: { value: '12:30' },
    });
    fireEvent.click(within(hours).getByRole('checkbox', { name: 'Saturday' }));
    fireEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    const office = { from: '09:00', to: '17:00' };
    await waitFor(() =>
      expect(api.updateSite).toHaveBeenLastCalledWith('demo', {
        name: demo.name,
        allowedOrigins: demo.allowedOrigins,
        settings: {
          openingHours: [{ from: '09:00', to: '12:30' }, null, null, null, null, office, null],
        },
      }),
    );
  });

  it('keeps a saved zone this browser does not list', async () => {
    const api = fakeAdmin();
    const elsewhere = {
      ...demo,
      settings: { ...demo.settings, timeZone: 'America/Ciudad_Juarez' },
    };
    api.listSites.mockResolvedValue(ok([elsewhere]));
    const known = vi.spyOn(Intl, 'supportedValuesOf').mockReturnValue(['Europe/Amsterdam']);
    try {
      await openAdmin(api);
      fireEvent.click(tab('Settings'));
      const zone = screen.getByRole('combobox', { name: 'Time zone' }) as HTMLSelectElement;
      expect(zone.value).toBe('America/Ciudad_Juarez');
      expect([...zone.options].map((option) => option.value)).toEqual([
        'UTC',
        'America/Ciudad_Juarez',
        'Europe/Amsterdam',
      ]);
    } finally {
      known.mockRestore();
    }
  });

  it('puts each problem the server found under its field, in words', async () => {
    const api = fakeAdmin();
    api.updateSite.mockResolvedValueOnce(
      refused('The request body is invalid.', [
        { path: 'allowedOrigins.1', message: 'must be an origin such as https://shop.example' },
        { path: 'settings.halfLifeDays', message: 'must be at least 1' },
      ]) as never,
    );
    await openAdmin(api);
    fireEvent.click(tab('Settings'));
    const origins = screen.getByRole('textbox', { name: 'Allowed origins' });
    fireEvent.input(origins, {
      target: { value: 'https://shop.example\nhttps://shop.example/sale' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    const alert = await screen.findByRole('alert');
    // Not "The request body is invalid. allowedOrigins.1: …" at the top.
    expect(alert.textContent).toMatch(/see the messages under them/);
    expect(alert.textContent).not.toMatch(/request body|allowedOrigins/);

    expect(origins.getAttribute('aria-invalid')).toBe('true');
    const described = (el: Element) =>
      el
        .getAttribute('aria-describedby')!
        .split(' ')
        .map((id) => document.getElementById(id)?.textContent)
        .join(' ');
    expect(described(origins)).toMatch(
      /Line 2 \(https:\/\/shop\.example\/sale\): must be an origin such as https:\/\/shop\.example\./,
    );
    const halfLife = screen.getByRole('spinbutton', { name: /loses half its weight/ });
    expect(halfLife.getAttribute('aria-invalid')).toBe('true');
    expect(described(halfLife)).toMatch(/Must be at least 1\./);
    // The name was fine.
    expect(
      screen.getByRole('textbox', { name: 'Site name' }).getAttribute('aria-invalid'),
    ).toBeNull();
    expect(api.updateSite.mock.calls[0]![1]).not.toHaveProperty('settings');
  });

  it('writes origins as browsers send them, and says what it changed', async () => {
    const api = await openAdmin();
    fireEvent.click(tab('Settings'));
    const origins = screen.getByRole('textbox', { name: 'Allowed origins' }) as HTMLTextAreaElement;
    fireEvent.input(origins, { target: { value: 'localhost:4260\nhttps://shop.example/' } });
    fireEvent.blur(origins);
    expect(origins.value).toBe('http://localhost:4260\nhttps://shop.example');
    const note = screen.getByText(/Written as browsers send it/);
    expect(note.textContent).toMatch(/localhost:4260 → http:\/\/localhost:4260/);
    expect(note.textContent).toMatch(/https:\/\/shop\.example\/ → https:\/\/shop\.example/);
    expect(origins.getAttribute('aria-describedby')).toContain(note.id);

    // Sent as written, even without leaving the field first.
    fireEvent.input(origins, { target: { value: 'shop.example/\n127.0.0.1:3000' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() =>
      expect(api.updateSite.mock.calls[0]![1]).toMatchObject({
        allowedOrigins: ['https://shop.example', 'http://127.0.0.1:3000'],
      }),
    );
  });

  it("names the new site form's problems at its fields", async () => {
    const api = fakeAdmin();
    api.createSite.mockResolvedValueOnce(
      refused('The request body is invalid.', [
        { path: 'name', message: 'Too small: expected string to have >=1 characters' },
      ]) as never,
    );
    await openAdmin(api);
    fireEvent.click(screen.getByRole('button', { name: /New site/ }));
    const name = await screen.findByRole('textbox', { name: 'Site name' });
    fireEvent.input(name, { target: { value: ' ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create site' }));
    await waitFor(() => expect(name.getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById(name.getAttribute('aria-describedby')!)?.textContent).toMatch(
      /^Too small/,
    );
  });

  it('copies the snippet, and rotates the key once confirmed, showing the new one once', async () => {
    const api = await openAdmin();
    fireEvent.click(tab('Embed and key'));
    const snippet = screen.getByRole('textbox', { name: 'Embed snippet' }) as HTMLTextAreaElement;
    expect(snippet.value).toBe(demo.snippet);
    fireEvent.click(screen.getByRole('button', { name: 'Copy snippet' }));
    await waitFor(() => expect(writeText).toHaveBeenCalledWith(demo.snippet));

    const signing = () =>
      (screen.getByRole('textbox', { name: 'Signing secret' }) as HTMLInputElement).value;
    expect(signing()).toBe(demo.signingSecret);

    fireEvent.click(screen.getByRole('button', { name: 'Rotate site key' }));
    const confirm = screen.getByRole('group', { name: 'Rotate site key' });
    expect(confirm.textContent).toMatch(/stops working at once/);
    // What else changes with it: the signatures made with the signing secret (issue 13).
    expect(confirm.textContent).toMatch(/signing secret changes too/);
    expect(confirm.textContent).toMatch(/userHash/);
    expect(confirm.textContent).toMatch(/host-chat signatures/);
    expect(api.rotateKey).not.toHaveBeenCalled();
    fireEvent.click(within(confirm).getByRole('button', { name: 'Rotate key' }));

    const key = (await screen.findByRole('textbox', { name: 'New site key' })) as HTMLInputElement;
    expect(key.value).toBe('pk_rotated-key');
    expect(api.rotateKey).toHaveBeenCalledWith('demo');
    fireEvent.click(screen.getByRole('button', { name: 'Done' }));
    expect(screen.queryByDisplayValue('pk_rotated-key')).toBeNull();
    // The signing secret is derived from the key: the new one stays shown.
    expect(signing()).toBe('bmV3LXNpZ25pbmctc2VjcmV0LWFmdGVyLXJvdGF0aW9u');
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Rotate site key' }));
  });

  it('offers a grace period when rotating, sends the one chosen, and says until when', async () => {
    const api = await openAdmin();
    fireEvent.click(tab('Embed and key'));
    expect(screen.queryByRole('group', { name: 'Old site key' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Rotate site key' }));
    const confirm = screen.getByRole('group', { name: 'Rotate site key' });
    const choice = within(confirm).getByRole('group', { name: 'Old key keeps working for' });
    const option = (name: string) =>
      within(choice).getByRole('radio', { name }) as HTMLInputElement;
    expect(
      within(choice)
        .getAllByRole('radio')
        .map((radio) => radio.closest('label')?.textContent),
    ).toEqual(['No grace (stop at once)', '1 hour', '24 hours', '7 days']);
    // At once unless chosen otherwise, as a rotation always was.
    expect(option('No grace (stop at once)').checked).toBe(true);
    expect(document.activeElement).toBe(within(confirm).getByRole('button', { name: 'Cancel' }));

    fireEvent.click(option('24 hours'));
    expect(option('24 hours').checked).toBe(true);
    expect(confirm.textContent).toMatch(/keeps working for 24 hours/);
    expect(confirm.textContent).not.toMatch(/stops working at once/);
    // The signatures change all the same: said whatever the choice.
    expect(confirm.textContent).toMatch(/signing secret changes too/);
    expect(confirm.textContent).toMatch(/userHash/);
    expect(confirm.textContent).toMatch(/host-chat signatures/);
    fireEvent.click(within(confirm).getByRole('button', { name: 'Rotate key' }));

    await screen.findByRole('textbox', { name: 'New site key' });
    expect(api.rotateKey).toHaveBeenCalledWith('demo', { graceHours: 24 });
    const until = (await api.rotateKey.mock.results[0]!.value) as { data: RotatedKey };
    const secret = screen.getByRole('region', { name: 'New site key' });
    expect(secret.textContent).toMatch(/previous key keeps working until/);
    fireEvent.click(screen.getByRole('button', { name: 'Done' }));

    const grace = screen.getByRole('group', { name: 'Old site key' });
    expect(grace.textContent).toMatch(/^The old key works until/);
    expect(grace.querySelector('time')?.getAttribute('datetime')).toBe(until.data.previousKeyUntil);
    expect(within(grace).getByRole('button', { name: 'Revoke now' })).toBeTruthy();

    // The admin screens keep what changed: away and back, it is still shown.
    fireEvent.click(tab('Team'));
    fireEvent.click(tab('Embed and key'));
    expect(screen.getByRole('group', { name: 'Old site key' })).toBeTruthy();
    expect(
      (screen.getByRole('textbox', { name: 'Signing secret' }) as HTMLInputElement).value,
    ).toBe('bmV3LXNpZ25pbmctc2VjcmV0LWFmdGVyLXJvdGF0aW9u');

    // Cancelling a rotation sends nothing, and the next one starts at "No grace" again.
    fireEvent.click(screen.getByRole('button', { name: 'Rotate site key' }));
    const again = screen.getByRole('group', { name: 'Rotate site key' });
    expect(
      (within(again).getByRole('radio', { name: 'No grace (stop at once)' }) as HTMLInputElement)
        .checked,
    ).toBe(true);
    // Only the key replaced now is kept: the old one goes at once.
    expect(again.textContent).toMatch(/kept by the last rotation stops at once/);
    fireEvent.keyDown(again, { key: 'Escape' });
    expect(screen.queryByRole('group', { name: 'Rotate site key' })).toBeNull();
    expect(api.rotateKey).toHaveBeenCalledTimes(1);
  });

  it('shows a running grace period, and revokes the old key only once confirmed', async () => {
    const api = fakeAdmin();
    const until = new Date(Date.now() + 5 * 3_600_000).toISOString();
    api.listSites.mockResolvedValue(ok([{ ...demo, previousKeyUntil: until }]));
    await openAdmin(api);
    fireEvent.click(tab('Embed and key'));
    const grace = screen.getByRole('group', { name: 'Old site key' });
    expect(grace.textContent).toMatch(/^The old key works until/);
    expect(grace.querySelector('time')?.getAttribute('datetime')).toBe(until);
    expect(grace.querySelector('time')?.textContent).not.toBe('');

    // A confirmation first, focused on Cancel; cancelling goes back to the button.
    const revokeNow = () => within(grace).getByRole('button', { name: 'Revoke now' });
    fireEvent.click(revokeNow());
    let confirm = within(grace).getByRole('group', { name: 'Revoke the old site key' });
    expect(confirm.textContent).toMatch(/stop working at once/);
    expect(confirm.textContent).toMatch(/disconnected/);
    expect(document.activeElement).toBe(within(confirm).getByRole('button', { name: 'Cancel' }));
    fireEvent.click(within(confirm).getByRole('button', { name: 'Cancel' }));
    expect(document.activeElement).toBe(revokeNow());
    fireEvent.click(revokeNow());
    confirm = within(grace).getByRole('group', { name: 'Revoke the old site key' });
    fireEvent.keyDown(confirm, { key: 'Escape' });
    expect(document.activeElement).toBe(revokeNow());
    expect(api.revokePreviousKey).not.toHaveBeenCalled();

    // A refusal is said where it happened; the grace period is still shown.
    api.revokePreviousKey.mockResolvedValueOnce(
      refused("Only the site's admins may do this.") as never,
    );
    fireEvent.click(revokeNow());
    confirm = within(grace).getByRole('group', { name: 'Revoke the old site key' });
    fireEvent.click(within(confirm).getByRole('button', { name: 'Revoke old key' }));
    await screen.findByText("Only the site's admins may do this.");
    expect(screen.getByRole('group', { name: 'Old site key' })).toBeTruthy();

    fireEvent.click(revokeNow());
    confirm = within(grace).getByRole('group', { name: 'Revoke the old site key' });
    fireEvent.click(within(confirm).getByRole('button', { name: 'Revoke old key' }));
    const done = await screen.findByText(/old key was revoked/);
    expect(done.getAttribute('role')).toBe('status');
    await waitFor(() => expect(document.activeElement).toBe(done));
    expect(api.revokePreviousKey).toHaveBeenCalledWith('demo');
    expect(api.revokePreviousKey).toHaveBeenCalledTimes(2);
    expect(screen.queryByRole('group', { name: 'Old site key' })).toBeNull();
  });

  it('shows no grace period once its time has passed', async () => {
    const api = fakeAdmin();
    const past = new Date(Date.now() - 60_000).toISOString();
    api.listSites.mockResolvedValue(ok([{ ...demo, previousKeyUntil: past }]));
    await openAdmin(api);
    fireEvent.click(tab('Embed and key'));
    expect(screen.getByRole('button', { name: 'Rotate site key' })).toBeTruthy();
    expect(screen.queryByRole('group', { name: 'Old site key' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Revoke now' })).toBeNull();
  });

  it('moves between tabs with the arrow keys, Home and End', async () => {
    await openAdmin();
    const team = tab('Team');
    expect(team.getAttribute('aria-selected')).toBe('true');
    expect(screen.getByRole('tabpanel', { name: 'Team' })).toBeTruthy();
    expect(tab('Settings').tabIndex).toBe(-1);
    team.focus();
    fireEvent.keyDown(team, { key: 'ArrowRight' });
    expect(tab('Settings').getAttribute('aria-selected')).toBe('true');
    expect(document.activeElement).toBe(tab('Settings'));
    expect(screen.getByRole('tabpanel', { name: 'Settings' })).toBeTruthy();
    fireEvent.keyDown(tab('Settings'), { key: 'End' });
    expect(document.activeElement).toBe(tab('Visitor data'));
    fireEvent.keyDown(tab('Visitor data'), { key: 'ArrowRight' });
    expect(document.activeElement).toBe(tab('Team'));
    fireEvent.keyDown(tab('Team'), { key: 'ArrowLeft' });
    expect(document.activeElement).toBe(tab('Visitor data'));
    fireEvent.keyDown(tab('Visitor data'), { key: 'ArrowLeft' });
    expect(document.activeElement).toBe(tab('Webhooks'));
    fireEvent.keyDown(tab('Webhooks'), { key: 'ArrowLeft' });
    expect(document.activeElement).toBe(tab('Integrations'));
    fireEvent.keyDown(tab('Integrations'), { key: 'ArrowLeft' });
    expect(document.activeElement).toBe(tab('Embed and key'));
    fireEvent.keyDown(tab('Embed and key'), { key: 'Home' });
    expect(document.activeElement).toBe(tab('Team'));
  });

  it('creates a site and shows its key once', async () => {
    const api = fakeAdmin();
    const onSitesChanged = vi.fn();
    render(<Admin api={api} currentSiteId="demo" onSitesChanged={onSitesChanged} />);
    fireEvent.click(await screen.findByRole('button', { name: 'New site' }));
    fireEvent.input(screen.getByRole('textbox', { name: 'Site name' }), {
      target: { value: 'Southwind' },
    });
    fireEvent.input(screen.getByRole('textbox', { name: 'Allowed origins' }), {
      target: { value: 'https://south.example' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Create site' }));

    const key = (await screen.findByRole('textbox', { name: 'Site key' })) as HTMLInputElement;
    expect(key.value).toBe('pk_new-site-key');
    expect(api.createSite).toHaveBeenCalledWith({
      name: 'Southwind',
      allowedOrigins: ['https://south.example'],
    });
    expect(onSitesChanged).toHaveBeenCalled();
    const nav = screen.getByRole('navigation', { name: 'Sites you administer' });
    expect(within(nav).getByRole('button', { name: /Southwind/ })).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Done' }));
    expect(await screen.findByRole('heading', { name: 'Southwind', level: 1 })).toBeTruthy();
    expect(
      within(nav)
        .getByRole('button', { name: /Southwind/ })
        .getAttribute('aria-current'),
    ).toBe('page');
  });
});

describe('admin API over HTTP', () => {
  it('calls the sites and team routes, and hands back refusals as they are', async () => {
    const fetchFn = vi.fn(async (url: string, init?: RequestInit) => {
      if (init?.method === 'DELETE') return new Response(null, { status: 204 });
      if (url.endsWith('/members')) {
        return new Response(
          JSON.stringify({
            error: { code: 'forbidden', message: "Only the site's admins may do this." },
          }),
          { status: 403 },
        );
      }
      return new Response(JSON.stringify({ sites: [demo] }), { status: 200 });
    });
    const api = httpAdminApi(fetchFn as unknown as typeof fetch);
    expect(await api.listSites()).toEqual(ok([demo]));
    expect(await api.listMembers('demo')).toEqual({
      ok: false,
      error: { code: 'forbidden', message: "Only the site's admins may do this." },
    });
    expect(await api.removeAccess('demo', 'ben')).toEqual(ok(null));
    await api.rotateKey('demo');
    await api.rotateKey('demo', { graceHours: 24 });
    await api.revokePreviousKey('demo');
    expect(fetchFn.mock.calls.map(([url, init]) => `${init?.method} ${url}`)).toEqual([
      'GET /api/v1/sites',
      'GET /api/v1/sites/demo/members',
      'DELETE /api/v1/sites/demo/members/ben',
      'POST /api/v1/sites/demo/key',
      'POST /api/v1/sites/demo/key',
      'DELETE /api/v1/sites/demo/key/previous',
    ]);
    // No grace is the rotation of old, without a body; a grace period is sent as chosen.
    expect(fetchFn.mock.calls[3]![1]?.body).toBeUndefined();
    expect(fetchFn.mock.calls[4]![1]?.body).toBe('{"graceHours":24}');
  });
});

// ---------------------------------------------------------------------------------------------
// The console around the admin screens: who sees them, sites, invite links.

class QuietLive implements LiveClient {
  private states = new Set<(state: ConnectionState) => void>();
  constructor(private readonly agent: SignedInAgent) {}
  request(event: string) {
    const data = event === 'inbox:list' ? { agent: this.agent, conversations: [] } : noScores();
    return Promise.resolve(ok(data) as never);
  }
  typing() {}
  on() {
    return () => undefined;
  }
  onState(listener: (state: ConnectionState) => void) {
    this.states.add(listener);
    queueMicrotask(() => listener('connected'));
    return () => void this.states.delete(listener);
  }
  close() {}
}

const membership = (siteId: string, siteName: string, role: Role): SiteMembership => ({
  siteId,
  siteName,
  role,
});

const person = (
  role: Role,
  sites: SiteMembership[] = [membership('demo', 'Northwind Outfitters', role)],
): SignedInAgent => ({
  id: 'dana',
  name: 'Dana Reyes',
  email: 'dana@demo.test',
  siteId: sites[0]!.siteId,
  siteName: sites[0]!.siteName,
  role,
  sites,
});

const noAccount: AccountApi = {
  lookupInvite: vi.fn(),
  acceptInvite: vi.fn(),
  switchSite: vi.fn(),
};

describe('the console around the admin screens', () => {
  it('offers the Admin section to admins only', async () => {
    for (const role of ['agent', 'supervisor'] as const) {
      const agent = person(role);
      const { unmount } = render(
        <App api={signedInApi(agent)} connect={() => new QuietLive(agent)} admin={fakeAdmin()} />,
      );
      await screen.findByRole('navigation', { name: 'Conversations' });
      // Every member has the console's sections (the follow-up queue); only admins the Admin one.
      const sections = screen.getByRole('navigation', { name: 'Console' });
      expect(within(sections).getByRole('link', { name: 'Follow-up' })).toBeTruthy();
      expect(screen.queryByRole('link', { name: 'Admin' })).toBeNull();
      unmount();
    }

    const dana = person('admin');
    const admin = fakeAdmin();
    render(<App api={signedInApi(dana)} connect={() => new QuietLive(dana)} admin={admin} />);
    const nav = await screen.findByRole('navigation', { name: 'Console' });
    expect(within(nav).getByRole('link', { name: 'Live' }).getAttribute('aria-current')).toBe(
      'page',
    );
    fireEvent.click(within(nav).getByRole('link', { name: 'Admin' }));
    expect(
      await screen.findByRole('heading', { name: 'Northwind Outfitters', level: 1 }),
    ).toBeTruthy();
    // The header names the site administered.
    await waitFor(() =>
      expect(document.querySelector('.topbar')?.textContent).toMatch(
        /Administering Northwind Outfitters/,
      ),
    );
    expect(within(nav).getByRole('link', { name: 'Admin' }).getAttribute('aria-current')).toBe(
      'page',
    );
    // The live work is hidden meanwhile, not closed.
    expect(screen.queryByRole('navigation', { name: 'Conversations' })).toBeNull();
    fireEvent.click(within(nav).getByRole('link', { name: 'Live' }));
    expect(await screen.findByRole('navigation', { name: 'Conversations' })).toBeTruthy();
  });

  it('switches between the person’s sites, reconnecting for the one chosen', async () => {
    const sites = [
      membership('demo', 'Northwind Outfitters', 'agent'),
      membership('south', 'Southwind', 'admin'),
    ];
    const onDemo = person('agent', sites);
    const onSouth = { ...onDemo, siteId: 'south', siteName: 'Southwind', role: 'admin' as const };
    const account: AccountApi = { ...noAccount, switchSite: vi.fn(async () => ok(onSouth)) };
    const connect = vi.fn((): LiveClient => new QuietLive(onDemo));
    render(
      <App api={signedInApi(onDemo)} connect={connect} account={account} admin={fakeAdmin()} />,
    );
    const site = (await screen.findByRole('combobox', { name: 'Site' })) as HTMLSelectElement;
    expect(site.value).toBe('demo');
    expect(
      within(site)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Northwind Outfitters', 'Southwind']);
    await waitFor(() => expect(connect).toHaveBeenCalledTimes(1));
    fireEvent.change(site, { target: { value: 'south' } });
    await waitFor(() => expect(account.switchSite).toHaveBeenCalledWith('south'));
    await waitFor(() => expect(connect).toHaveBeenCalledTimes(2));
  });
});

describe('joining with an invite link', () => {
  const lookup: InviteLookup = {
    siteName: 'Northwind Outfitters',
    email: 'cleo@example.test',
    role: 'supervisor',
    accountExists: false,
    expiresAt: '2026-11-30T10:00:00.000Z',
  };

  it('reads the token from a join link only', () => {
    expect(inviteTokenOf({ pathname: '/console/join', hash: '#abc_DEF-123' })).toBe('abc_DEF-123');
    expect(inviteTokenOf({ pathname: '/console/', hash: '#abc' })).toBeNull();
    expect(inviteTokenOf({ pathname: '/console/join', hash: '' })).toBeNull();
  });

  it('lets someone new name themselves, choose a password, and start working', async () => {
    const cleo = person('supervisor');
    const account: AccountApi = {
      lookupInvite: vi.fn(async () => ok(lookup)),
      acceptInvite: vi.fn(async () => ok(cleo)),
      switchSite: vi.fn(),
    };
    const onJoined = vi.fn();
    render(
      <App
        api={signedInApi(cleo)}
        connect={() => new QuietLive(cleo)}
        account={account}
        inviteToken="secret-token-0123456789"
        onJoined={onJoined}
      />,
    );
    expect(await screen.findByRole('heading', { name: 'Join Northwind Outfitters' })).toBeTruthy();
    expect(document.body.textContent).toMatch(/invited as a supervisor, with cleo@example\.test/);
    const password = screen.getByLabelText('Choose a password') as HTMLInputElement;
    expect(password.autocomplete).toBe('new-password');
    expect(password.minLength).toBe(10);
    fireEvent.input(screen.getByRole('textbox', { name: 'Your name' }), {
      target: { value: ' Cleo Martin ' },
    });
    fireEvent.input(password, { target: { value: 'a long enough password' } });
    fireEvent.click(screen.getByRole('button', { name: 'Join Northwind Outfitters' }));

    await screen.findByRole('navigation', { name: 'Conversations' });
    expect(account.acceptInvite).toHaveBeenCalledWith('secret-token-0123456789', {
      name: 'Cleo Martin',
      password: 'a long enough password',
    });
    expect(onJoined).toHaveBeenCalled();
  });

  it('has someone with an account sign in as usual, which joins the site', async () => {
    const cleo = { ...person('supervisor'), email: 'cleo@example.test' };
    const account: AccountApi = {
      lookupInvite: vi.fn(async () => ok({ ...lookup, accountExists: true })),
      acceptInvite: vi.fn(async () => ok(cleo)),
      switchSite: vi.fn(),
    };
    const session: SessionApi = { ...signedInApi(cleo), current: vi.fn(async () => null) };
    render(
      <App
        api={session}
        connect={() => new QuietLive(cleo)}
        account={account}
        inviteToken="t0k3n-t0k3n-t0k3n-t0k3n"
      />,
    );
    await screen.findByRole('heading', { name: 'Join Northwind Outfitters' });
    expect(screen.queryByRole('textbox', { name: 'Your name' })).toBeNull();
    // The invite's email, fixed; the password goes to the normal sign-in, never to the link.
    expect((screen.getByLabelText('Email') as HTMLInputElement).value).toBe('cleo@example.test');
    fireEvent.input(screen.getByLabelText('Password'), { target: { value: 'her password' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in and join Northwind Outfitters' }));
    await screen.findByRole('navigation', { name: 'Conversations' });
    // Signing in with the link's secret joins the site: nothing more to accept.
    expect(session.signIn).toHaveBeenCalledWith('cleo@example.test', 'her password', {
      invite: 't0k3n-t0k3n-t0k3n-t0k3n',
    });
    expect(account.acceptInvite).not.toHaveBeenCalled();
  });

  it('lets someone signed in with the invited account accept at once, and says what was wrong', async () => {
    const cleo = { ...person('agent'), email: 'cleo@example.test' };
    const account: AccountApi = {
      lookupInvite: vi.fn(async () => ok({ ...lookup, accountExists: true })),
      acceptInvite: vi.fn(async () => ({
        ok: false as const,
        error: { code: 'conflict' as const, message: "You are on this site's team already." },
      })),
      switchSite: vi.fn(),
    };
    render(
      <App
        api={signedInApi(cleo)}
        connect={vi.fn()}
        account={account}
        inviteToken="t0k3n-t0k3n-t0k3n-t0k3n"
      />,
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Join Northwind Outfitters' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      "You are on this site's team already.",
    );
    expect(account.acceptInvite).toHaveBeenCalledWith('t0k3n-t0k3n-t0k3n-t0k3n', {});
    expect(screen.queryByLabelText('Password')).toBeNull();
  });

  it('says when a link no longer works, and leads to sign-in', async () => {
    const account: AccountApi = {
      lookupInvite: vi.fn(async () => ({
        ok: false as const,
        error: { code: 'not_found' as const, message: 'This invite link does not work any more.' },
      })),
      acceptInvite: vi.fn(),
      switchSite: vi.fn(),
    };
    const session: SessionApi = {
      ...signedInApi(person('agent')),
      current: vi.fn(async () => null),
    };
    render(
      <App
        api={session}
        connect={vi.fn()}
        account={account}
        inviteToken="used-used-used-used-used"
      />,
    );
    expect((await screen.findByRole('alert')).textContent).toMatch(/does not work any more/);
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Go to sign in' }));
    });
    expect(await screen.findByRole('button', { name: 'Sign in' })).toBeTruthy();
  });
});
