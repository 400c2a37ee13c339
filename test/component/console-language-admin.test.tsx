// @vitest-environment happy-dom
/**
 * The admin screens in other languages: every tab (and the new-site form) in Dutch and French,
 * with its accessible names, weekday and time-zone names from the browser, and no English of the
 * admin dictionary left anywhere on the page; the server's refusals and field problems worded in
 * Spanish.
 */
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Ack, Issue } from '../../shared/ack';
import { ZInviteCreate, type InviteView, type MemberView, type Role } from '../../shared/accounts';
import {
  CHATWOOT_EVENTS,
  ZChatwootSecret,
  type ChatwootIntegrationView,
} from '../../shared/integrations';
import { DEFAULT_SETTINGS } from '../../shared/settings';
import { ZNewSite, ZSitePatch, type SiteView } from '../../shared/sites';
import { ZVisitorLookup } from '../../shared/visitor-data';
import { ZNewWebhook, type DeliveryView, type WebhookView } from '../../shared/webhooks';
import type { AdminApi } from '../../widget/console/adminApi';
import { wordedProblem } from '../../widget/console/adminRefusals';
import { Admin } from '../../widget/console/components/admin/Admin';
import { LanguageProvider, loadConsoleDictionary, type Language } from '../../widget/console/i18n';
import { en } from '../../widget/console/i18n/en';
import { setConsoleLocale } from '../../widget/console/i18n/locale';
import type { IntegrationApi } from '../../widget/console/integrationApi';
import type { VisitorDataApi } from '../../widget/console/visitorDataApi';
import type { WebhookApi } from '../../widget/console/webhookApi';
import { ok } from '../support/console';

const LOCALE: Record<Language, string> = {
  en: 'en-GB',
  nl: 'nl-NL',
  de: 'de-DE',
  fr: 'fr-FR',
  es: 'es-ES',
};

// ---------------------------------------------------------------------------------------------
// What counts as English left behind.

/** Stands for a value a dictionary function is given, so the words around it can be cut out. */
const VALUE = '\u0001';

/** Every string in `value`, flattening the pieces a function returns (Rich parts). */
function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  return [];
}

/**
 * The literal words of a dictionary area: its strings, and the words around the values of its
 * functions, each called with every value standing in, and with each flag false in turn.
 */
function wordsOf(area: unknown): string[] {
  if (typeof area === 'string') return [area];
  if (typeof area === 'function') {
    const fn = area as (...args: unknown[]) => unknown;
    const variants = [
      Array.from({ length: fn.length }, () => VALUE),
      ...Array.from({ length: fn.length }, (_, i) =>
        Array.from({ length: fn.length }, (_, j) => (i === j ? false : VALUE)),
      ),
    ];
    return variants.flatMap((args) => {
      try {
        // A flag written into the text ("false") is a value too.
        return stringsIn(fn(...args)).map((text) => text.replace(/\bfalse\b/g, VALUE));
      } catch {
        return []; // a value this function cannot take as a flag
      }
    });
  }
  if (area && typeof area === 'object') return Object.values(area).flatMap(wordsOf);
  return [];
}

/** The pieces of words between values, trimmed: what a reader would recognise as English. */
const fragments = (area: unknown) =>
  wordsOf(area)
    .flatMap((text) => text.split(VALUE))
    .map((piece) => piece.trim())
    .filter((piece) => piece.length > 4 && /\p{L}{3}/u.test(piece));

const english = [...new Set(fragments(en.admin))];

/** Everything a person or a screen reader meets on the page: each text, and each name given. */
function shownText(): string {
  const parts: string[] = [];
  const texts = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (texts.nextNode()) parts.push(texts.currentNode.textContent ?? '');
  for (const element of document.body.querySelectorAll('*')) {
    for (const name of ['aria-label', 'title', 'placeholder', 'alt']) {
      const value = element.getAttribute(name);
      if (value) parts.push(value);
    }
  }
  return parts.join('\n');
}

/** English words of the admin dictionary that a language writes the same. */
const SAME_IN: Record<'nl' | 'fr' | 'es', readonly string[]> = {
  nl: ['Sites', 'Webhooks', 'chats', 'Status', 'Slack ·'],
  fr: [
    'Sites',
    'Webhooks',
    'chats',
    'minutes',
    'conversation',
    'conversations',
    'Destination',
    'Slack ·',
  ],
  es: ['Webhooks', 'chats', 'Slack ·'],
};

/** Whether `piece` is in `text` as words of its own (not "Invite" in "Inviter"). */
const appears = (piece: string, text: string) =>
  new RegExp(`(?<!\\p{L})${piece.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?!\\p{L})`, 'u').test(
    text,
  );

/**
 * Fails with the English of the admin dictionary found on the page. What each role may do is
 * worded by the console's roles, not by this area: left out.
 */
function expectNoEnglish(lang: keyof typeof SAME_IN) {
  const shown = Object.values(en.shell.roleHints).reduce(
    (text, hint) => text.replaceAll(hint, ''),
    shownText(),
  );
  const leaks = english.filter((piece) => !SAME_IN[lang].includes(piece) && appears(piece, shown));
  expect(leaks).toEqual([]);
}

// ---------------------------------------------------------------------------------------------
// The site, its team, webhooks, integration and visitors.

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

function fakeAdmin() {
  const members: MemberView[] = [
    member('dana', 'Dana Reyes', 'admin', { you: true }),
    member('ben', 'Ben Okafor', 'agent'),
    member('zd-9', 'zd-9', 'agent', { email: null, hasAccess: false }),
  ];
  const invites: InviteView[] = [
    {
      inviteId: 'inv_1',
      email: 'cleo@example.test',
      role: 'supervisor',
      agentId: 'zd-9',
      createdAt: '2026-11-23T10:00:00.000Z',
      expiresAt: '2026-11-30T10:00:00.000Z',
    },
  ];
  const refuse = async (): Promise<Ack<never>> => ({
    ok: false,
    error: { code: 'internal', message: 'not in these tests' },
  });
  return {
    listSites: vi.fn(async () => ok([demo])),
    createSite: vi.fn(refuse),
    updateSite: vi.fn(async () => ok(demo)),
    rotateKey: vi.fn(async (siteId: string, grace?: { graceHours: number }) =>
      ok({
        siteId,
        key: 'pk_rotated-key',
        signingSecret: 'bmV3LXNpZ25pbmc',
        ...(grace && {
          previousKeyUntil: new Date(Date.now() + grace.graceHours * 3_600_000).toISOString(),
        }),
      }),
    ),
    revokePreviousKey: vi.fn(async () => ok({ ...demo, signingSecret: 'bmV3LXNpZ25pbmc' })),
    listMembers: vi.fn(async () => ok([...members])),
    setRole: vi.fn(refuse),
    setAnswersChats: vi.fn(refuse),
    removeAccess: vi.fn(refuse),
    nameAgent: vi.fn(refuse),
    listInvites: vi.fn(async () => ok([...invites])),
    invite: vi.fn(async (_siteId: string, input: { email: string; role: Role; agentId?: string }) =>
      ok({
        ...invites[0]!,
        inviteId: 'inv_2',
        email: input.email,
        role: input.role,
        agentId: input.agentId ?? null,
        link: 'https://chat.example/console/join#secret-token-0123456789',
      }),
    ),
    revokeInvite: vi.fn(refuse),
  } satisfies AdminApi;
}

const hook = (id: string, patch: Partial<WebhookView> = {}): WebhookView => ({
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

function fakeWebhooks(): WebhookApi {
  const hooks = [
    hook('wh_live', { kind: 'slack', events: ['rating.saved', 'promise.broken'] }),
    hook('wh_down', {
      enabled: false,
      disabledReason:
        'Disabled on 2026-11-03T09:00:00.000Z: every delivery failed for 24 hours (last: HTTP 503).',
    }),
  ];
  return {
    listWebhooks: async () => ok(hooks),
    createWebhook: async (_siteId, input) =>
      ok({ ...hook('wh_new', { ...input }), secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2La' }),
    updateWebhook: async (_siteId, id) => ok(hooks.find((h) => h.id === id)!),
    deleteWebhook: async () => ok(null),
    pingWebhook: async () => ok(delivery('msg_ping', { event: 'webhook.ping' })),
    listDeliveries: async () =>
      ok([
        delivery('msg_1'),
        delivery('msg_2', { status: 'delivered', lastStatus: 200, attempts: 1 }),
        delivery('msg_3', { status: 'pending', lastStatus: null, lastError: null, attempts: 0 }),
        delivery('msg_4', { status: 'skipped', lastStatus: null, lastError: null, attempts: 0 }),
      ]),
    resendDelivery: async () => ok(delivery('msg_1', { status: 'pending' })),
  };
}

function fakeIntegrations(): IntegrationApi {
  let state: ChatwootIntegrationView = {
    enabled: false,
    events: [...CHATWOOT_EVENTS],
    secretSet: false,
    urlCreatedAt: null,
  };
  return {
    chatwoot: async () => ok(state),
    enableChatwoot: async () => {
      state = { ...state, enabled: true, urlCreatedAt: '2026-11-30T00:00:00.000Z' };
      return ok({ ...state, url: 'https://peakend.example/api/v1/integrations/chatwoot/tok-1' });
    },
    setChatwootSecret: async (_siteId, secret) => {
      state = { ...state, secretSet: secret !== null };
      return ok(state);
    },
    disableChatwoot: async () => ok(state),
  };
}

const visitorData: VisitorDataApi = {
  find: async () => ok({ visitorId: 'u-4kq8T0aZ', conversations: 1 }),
  erase: async (_siteId, visitorId) => ok({ visitorId, conversations: ['c1'], facts: 3 }),
  exportUrl: (siteId, visitorId) => `/api/v1/sites/${siteId}/visitors/${visitorId}/export`,
};

async function openAdmin(lang: Language, admin = fakeAdmin()) {
  const dictionary = await loadConsoleDictionary(lang);
  render(
    <LanguageProvider initial={{ lang, locale: LOCALE[lang] }} dictionary={dictionary}>
      <Admin
        api={admin}
        webhookApi={fakeWebhooks()}
        currentSiteId="demo"
        onSitesChanged={() => {}}
        integrations={fakeIntegrations()}
        visitorData={visitorData}
      />
    </LanguageProvider>,
  );
  await screen.findByRole('heading', { name: 'Northwind Outfitters', level: 1 });
  return { admin, dictionary, t: dictionary.admin };
}

/** A text as Testing Library reads the page's (French no-break spaces are spaces to it). */
const spaced = (text: string) => text.replace(/\s+/g, ' ');

const writeText = vi.fn(async (_text: string) => undefined);

beforeEach(() => {
  writeText.mockClear();
  Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
});
afterEach(() => {
  cleanup();
  setConsoleLocale(undefined);
});

// ---------------------------------------------------------------------------------------------

describe.each(['nl', 'fr'] as const)('the admin screens in %s', (lang) => {
  it('words the Team tab, an invite link, and asking before removing access', async () => {
    const { dictionary, t } = await openAdmin(lang);
    const tabs = screen.getByRole('tablist', { name: t.nav.tabsLabel('Northwind Outfitters') });
    expect(
      within(tabs)
        .getAllByRole('tab')
        .map((tab) => tab.textContent),
    ).toEqual(Object.values(t.tabs));
    expect(screen.getByRole('navigation', { name: t.nav.label })).toBeTruthy();
    expect(await screen.findByRole('combobox', { name: t.team.roleOf('Ben Okafor') })).toBeTruthy();
    expect(screen.getByRole('checkbox', { name: t.team.answersChats('Dana Reyes') })).toBeTruthy();
    expect(screen.getByRole('button', { name: t.team.nameAgent('zd-9') })).toBeTruthy();
    expect(
      screen.getByRole('button', { name: t.team.revokeFor('cleo@example.test') }),
    ).toBeTruthy();
    expectNoEnglish(lang);

    fireEvent.click(screen.getByRole('button', { name: t.team.inviteAgent('zd-9') }));
    fireEvent.input(screen.getByRole('textbox', { name: t.team.email }), {
      target: { value: 'zed@example.test' },
    });
    fireEvent.click(screen.getByRole('button', { name: t.team.createLink }));
    const link = await screen.findByRole('textbox', { name: t.team.linkLabel });
    expect(screen.getByRole('region', { name: t.team.linkFor('zed@example.test') })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: t.team.copyLink }));
    await screen.findByText(spaced(t.copy.copiedStatus));
    expect(writeText).toHaveBeenCalledWith((link as HTMLInputElement).value);
    expectNoEnglish(lang);

    fireEvent.click(screen.getByRole('button', { name: t.secret.done }));
    fireEvent.click(
      await screen.findByRole('button', { name: t.team.removeAccessFor('Ben Okafor') }),
    );
    const confirm = screen.getByRole('group', { name: t.team.removeAccessFor('Ben Okafor') });
    expect(confirm.textContent).toContain(t.team.confirmRemove('Ben Okafor', demo.name, false));
    expect(within(confirm).getByRole('button', { name: dictionary.common.cancel })).toBeTruthy();
    expectNoEnglish(lang);
  });

  it('words the Settings tab, with weekdays and the time zone named by the browser', async () => {
    const { t } = await openAdmin(lang);
    fireEvent.click(screen.getByRole('tab', { name: t.tabs.settings }));
    expect(screen.getByRole('tabpanel', { name: t.tabs.settings })).toBeTruthy();
    expect(
      screen.getByRole('spinbutton', { name: t.settings.scoring.targetReplySeconds.label }),
    ).toBeTruthy();
    expect(
      screen.getByRole('checkbox', { name: t.settings.switches.excludeMemberRatings.label }),
    ).toBeTruthy();
    expect(screen.getByRole('spinbutton', { name: t.settings.retentionLabel })).toBeTruthy();

    const monday = lang === 'nl' ? 'Maandag' : 'Lundi';
    const hours = screen.getByRole('group', { name: t.hours.legend });
    expect(within(hours).getByRole('checkbox', { name: monday })).toBeTruthy();
    expect(within(hours).getByLabelText(spaced(t.hours.opensAt(monday)))).toBeTruthy();

    const zone = screen.getByRole('combobox', { name: t.timeZone.label });
    const hint = document.getElementById(zone.getAttribute('aria-describedby')!)!;
    // UTC, as this language names it.
    expect(hint.textContent).toMatch(
      lang === 'nl' ? /Gecoördineerde wereldtijd/ : /Temps universel/,
    );
    expectNoEnglish(lang);
  });

  it('words the Embed and key tab, and the question before rotating', async () => {
    const { t } = await openAdmin(lang);
    fireEvent.click(screen.getByRole('tab', { name: t.tabs.embed }));
    expect(screen.getByRole('textbox', { name: t.embed.snippetTitle })).toBeTruthy();
    expect(screen.getByRole('textbox', { name: t.embed.signingTitle })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: t.embed.rotate }));
    const confirm = screen.getByRole('group', { name: t.embed.rotate });
    expect(confirm.textContent).toContain(t.embed.confirmKey);
    expect(confirm.textContent).toContain('userHash');
    expectNoEnglish(lang);

    fireEvent.click(within(confirm).getByRole('button', { name: t.embed.rotateKey }));
    expect(await screen.findByRole('textbox', { name: t.embed.newKey })).toBeTruthy();
    expectNoEnglish(lang);
  });

  it('words the grace period of a rotation, and revoking the old key', async () => {
    const { t } = await openAdmin(lang);
    fireEvent.click(screen.getByRole('tab', { name: t.tabs.embed }));
    fireEvent.click(screen.getByRole('button', { name: t.embed.rotate }));
    const confirm = screen.getByRole('group', { name: t.embed.rotate });
    fireEvent.click(within(confirm).getByRole('radio', { name: t.embed.graceChoice(24) }));
    expect(confirm.textContent).toContain(t.embed.confirmGrace(t.embed.graceChoice(24)));
    expectNoEnglish(lang);

    fireEvent.click(within(confirm).getByRole('button', { name: t.embed.rotateKey }));
    expect(await screen.findByRole('textbox', { name: t.embed.newKey })).toBeTruthy();
    const notice = screen.getByRole('group', { name: t.embed.oldKey });
    fireEvent.click(within(notice).getByRole('button', { name: t.embed.revokeNow }));
    expect(screen.getByRole('group', { name: t.embed.revokeQuestion }).textContent).toContain(
      t.embed.confirmRevoke,
    );
    expectNoEnglish(lang);
    fireEvent.click(screen.getByRole('button', { name: t.embed.revokeOld }));
    await waitFor(() => expect(document.body.textContent).toContain(t.embed.revoked));
    expectNoEnglish(lang);
  });

  it('words the Integrations tab, from enabling Chatwoot to its secret', async () => {
    const { t } = await openAdmin(lang);
    fireEvent.click(screen.getByRole('tab', { name: t.tabs.integrations }));
    fireEvent.click(await screen.findByRole('button', { name: t.integrations.enable }));
    expect(await screen.findByRole('textbox', { name: t.integrations.urlLabel })).toBeTruthy();
    expect(screen.getByRole('list', { name: t.integrations.eventsTitle })).toBeTruthy();
    expect(screen.getByText(spaced(t.integrations.secretUnset))).toBeTruthy();
    expectNoEnglish(lang);

    fireEvent.click(screen.getByRole('button', { name: t.secret.done }));
    fireEvent.input(screen.getByLabelText(spaced(t.integrations.secretLabel)), {
      target: { value: 'cw-secret-123' },
    });
    fireEvent.click(screen.getByRole('button', { name: t.integrations.saveSecret }));
    expect(await screen.findByText(spaced(t.integrations.secretStored))).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: t.integrations.newUrl }));
    expect(screen.getByRole('group', { name: t.integrations.newUrl })).toBeTruthy();
    expectNoEnglish(lang);
  });

  it('words the Webhooks tab, why one was turned off, and its delivery log', async () => {
    const { dictionary, t } = await openAdmin(lang);
    fireEvent.click(screen.getByRole('tab', { name: t.tabs.webhooks }));
    await screen.findByRole('heading', { name: new RegExp(`^${t.webhooks.listTitle}`) });
    // The day it happened, written in this language.
    const day = new Date('2026-11-03T09:00:00.000Z').toLocaleDateString(LOCALE[lang], {
      day: 'numeric',
      month: 'short',
      year: 'numeric',
    });
    expect(screen.getByText(spaced(t.webhooks.disabledReason(day, 'HTTP 503')))).toBeTruthy();
    expect(
      screen.getByRole('button', { name: t.webhooks.turnOnLabel('https://hooks.example/wh_down') }),
    ).toBeTruthy();
    fireEvent.change(screen.getByRole('combobox', { name: t.webhooks.destination }), {
      target: { value: 'slack' },
    });
    expect(screen.getByRole('group', { name: t.webhooks.events })).toBeTruthy();

    fireEvent.click(screen.getAllByRole('button', { name: t.webhooks.log })[0]!);
    const log = await screen.findByRole('table', {
      name: t.webhooks.logCaption('https://hooks.example/wh_live'),
    });
    expect(within(log).getByRole('cell', { name: t.webhooks.status.failed })).toBeTruthy();
    expect(within(log).getByRole('cell', { name: t.webhooks.status.skipped })).toBeTruthy();
    fireEvent.click(
      screen.getByRole('button', { name: t.webhooks.deleteLabel('https://hooks.example/wh_down') }),
    );
    expect(screen.getByText(spaced(t.webhooks.confirmDelete))).toBeTruthy();
    expectNoEnglish(lang);

    fireEvent.click(screen.getByRole('button', { name: dictionary.common.cancel }));
    fireEvent.change(screen.getByRole('combobox', { name: t.webhooks.destination }), {
      target: { value: 'standard' },
    });
    fireEvent.input(screen.getByRole('textbox', { name: t.webhooks.url }), {
      target: { value: 'https://crm.example/peakend' },
    });
    fireEvent.click(screen.getByRole('button', { name: t.webhooks.add }));
    expect(await screen.findByRole('region', { name: t.webhooks.secretTitle })).toBeTruthy();
    expectNoEnglish(lang);
  });

  it('words the Visitor data tab, one conversation found, and the erasing', async () => {
    const { t } = await openAdmin(lang);
    fireEvent.click(screen.getByRole('tab', { name: t.tabs.visitors }));
    fireEvent.click(screen.getByRole('radio', { name: t.visitors.kinds.user.choice }));
    fireEvent.input(screen.getByRole('textbox', { name: t.visitors.kinds.user.field }), {
      target: { value: 'user-81' },
    });
    fireEvent.click(screen.getByRole('button', { name: t.visitors.find }));
    const found = await screen.findByRole('group', { name: t.visitors.visitor('u-4kq8T0aZ') });
    expect(found.textContent).toContain(t.visitors.conversations(1));
    expect(within(found).getByRole('link', { name: t.visitors.download })).toBeTruthy();
    fireEvent.click(within(found).getByRole('button', { name: t.visitors.eraseStart }));
    expect(screen.getByRole('group', { name: t.visitors.eraseLabel })).toBeTruthy();
    expectNoEnglish(lang);

    fireEvent.click(screen.getByRole('button', { name: t.visitors.erase }));
    expect(await screen.findByText(spaced(t.visitors.erased(1)))).toBeTruthy();
    expectNoEnglish(lang);
  });

  it('words the new-site form', async () => {
    const { t } = await openAdmin(lang);
    fireEvent.click(screen.getByRole('button', { name: t.nav.newSite }));
    expect(await screen.findByRole('heading', { name: t.newSite.title })).toBeTruthy();
    expect(screen.getByRole('textbox', { name: t.siteFields.name })).toBeTruthy();
    expect(screen.getByRole('button', { name: t.newSite.create })).toBeTruthy();
    expectNoEnglish(lang);
  });
});

describe('refusals in Spanish', () => {
  const refused = (message: string, issues?: Issue[]): Ack<never> => ({
    ok: false,
    error: { code: 'invalid', message, ...(issues && { issues }) },
  });

  it('puts each problem under its field in Spanish, and says the rest at the top', async () => {
    const admin = fakeAdmin();
    admin.updateSite.mockResolvedValueOnce(
      refused('The request body is invalid.', [
        { path: 'name', message: 'must not be empty' },
        {
          path: 'allowedOrigins.1',
          message: 'must be an origin such as https://shop.example (scheme and host, no path)',
        },
        { path: 'settings.targetReplySeconds', message: 'Too big: expected number to be <=86400' },
        { path: 'settings.halfLifeDays', message: 'Too small: expected number to be >0' },
        { path: 'settings.openingHours.0.to', message: 'must close after it opens' },
        {
          path: 'settings.timeZone',
          message: 'must be an IANA time zone, such as Europe/Amsterdam',
        },
      ]),
    );
    const { t } = await openAdmin('es', admin);
    fireEvent.click(screen.getByRole('tab', { name: t.tabs.settings }));
    const origins = screen.getByRole('textbox', { name: t.siteFields.origins });
    fireEvent.input(origins, {
      target: { value: 'https://shop.example\nhttps://shop.example/sale' },
    });
    fireEvent.click(screen.getByRole('button', { name: t.settings.save }));

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain(t.errors.seeFields);
    // What no field shows, at the top, named as the form names it.
    expect(alert.textContent).toContain(
      'Horario de apertura, lunes: la hora de cierre debe ser posterior a la de apertura',
    );
    expect(alert.textContent).toContain(
      'Zona horaria: debe ser una zona horaria IANA, como Europe/Madrid',
    );

    const described = (field: Element) =>
      field
        .getAttribute('aria-describedby')!
        .split(' ')
        .map((id) => document.getElementById(id)?.textContent)
        .join(' ');
    expect(described(screen.getByRole('textbox', { name: t.siteFields.name }))).toBe(
      'No puede estar vacío.',
    );
    expect(described(origins)).toContain(
      'Línea 2 (https://shop.example/sale): debe ser un origen como https://shop.example (esquema y host, sin ruta).',
    );
    const reply = screen.getByRole('spinbutton', {
      name: t.settings.scoring.targetReplySeconds.label,
    });
    expect(reply.getAttribute('aria-invalid')).toBe('true');
    // Figures in the language's way of writing them.
    expect(described(reply)).toContain('Debe ser como máximo 86.400.');
    expect(
      described(screen.getByRole('spinbutton', { name: t.settings.scoring.halfLifeDays.label })),
    ).toContain('Debe ser mayor que 0.');
    expectNoEnglish('es');
  });

  it('says what a refusal means in the case at hand, and falls back to the server for the rest', async () => {
    const admin = fakeAdmin();
    admin.setRole.mockResolvedValueOnce({
      ok: false,
      error: {
        code: 'conflict',
        message: "Dana Reyes is this site's only admin: make someone else an admin first.",
      },
    });
    admin.nameAgent.mockResolvedValueOnce({
      ok: false,
      error: { code: 'teapot' as 'conflict', message: 'A code this console does not know.' },
    });
    const { t } = await openAdmin('es', admin);
    fireEvent.change(await screen.findByRole('combobox', { name: t.team.roleOf('Dana Reyes') }), {
      target: { value: 'agent' },
    });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain(
      'Dana Reyes es el único administrador de este sitio: haz primero administradora a otra persona.',
    );
    expectNoEnglish('es');

    fireEvent.click(screen.getByRole('button', { name: t.team.nameAgent('zd-9') }));
    fireEvent.click(screen.getByRole('button', { name: t.team.saveName }));
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toContain('A code this console does not know.'),
    );
  });
});

describe('problems the server finds', () => {
  it('are each read as a case the console words, whatever the admin screens send', async () => {
    const { admin: words } = await loadConsoleDictionary('nl');
    const day = { from: '09:00', to: '17:00' };
    const refusals = [
      ZSitePatch.safeParse({
        name: '',
        allowedOrigins: ['https://shop.example/sale', 'ftp://shop.example'],
        settings: {
          targetReplySeconds: 0,
          halfLifeDays: 99_999,
          negativityWeight: 'two',
          maxPromisesPerConversation: 1.5,
          reopenWindowDays: -1,
          timeZone: 'Mars/Olympus_Mons',
          retentionDays: 0,
          openingHours: [{ from: '9', to: '17:00' }, { from: '17:00', to: '09:00' }, day],
          scoringMood: 'generous',
        },
      }),
      ZNewSite.safeParse({ name: 'x'.repeat(500), allowedOrigins: [] }),
      ZNewSite.safeParse({ name: 'bell\u0007', allowedOrigins: [] }),
      ZNewSite.safeParse({ name: '\ud800', allowedOrigins: Array(200).fill('https://a.example') }),
      ZNewWebhook.safeParse({ url: 'ftp://hooks.example', events: [] }),
      ZNewWebhook.safeParse({ url: 'not a url', events: ['rating.saved'] }),
      ZNewWebhook.safeParse({ url: 'https://u:p@hooks.example', events: ['rating.saved'] }),
      ZNewWebhook.safeParse({
        url: 'https://hooks.slack.com/services/x',
        kind: 'slack',
        events: ['followup.created'],
      }),
      ZChatwootSecret.safeParse('short'),
      ZChatwootSecret.safeParse('x'.repeat(201)),
      ZInviteCreate.safeParse({ email: 'not an email', role: 'agent' }),
      ZVisitorLookup.safeParse({ userId: 'has spaces' }),
    ];
    const messages = refusals.flatMap((answer) => answer.error?.issues ?? []).map((i) => i.message);
    // The server's own problems, beside its schemas' (server/webhooks/guard.ts).
    messages.push(
      'intranet.example resolves to 10.0.0.7, which is not a public address (allow it with PEAKEND_WEBHOOK_ALLOW)',
    );
    expect(messages.length).toBeGreaterThan(20);
    const unread = messages.filter((message) => wordedProblem(message, words.problems) === message);
    expect(unread).toEqual([]);
  });
});
