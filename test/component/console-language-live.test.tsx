// @vitest-environment happy-dom
/**
 * The console's shell and live work in other languages than English: the workspace (top bar,
 * inbox, conversation, promises, rating, live scores), the score breakdown, signing in, an
 * invite's and a confirmation link's pages and the account menu, in German and French; times
 * and figures in Dutch. Each says its key words in the language shown, and no English word of
 * the shell or live dictionaries (or the common one) is left on screen or in an accessible name.
 */
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import type { ComponentChildren } from 'preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AckError } from '../../shared/ack';
import type { InviteLookup } from '../../shared/accounts';
import type {
  AgentConversationView,
  BreakdownItem,
  LiveScores,
  ScoreBreakdown as ScoreBreakdownView,
  SignedInAgent,
} from '../../shared/protocol';
import type { AgentDimensionScore } from '../../shared/scoring/types';
import { dictionaries as widgetDictionaries } from '../../widget/app/i18n/all';
import type { AccountApi, AccountSettingsApi } from '../../widget/console/accountApi';
import type { SessionApi } from '../../widget/console/api';
import { AccountMenu } from '../../widget/console/components/AccountMenu';
import { App } from '../../widget/console/components/App';
import { Header } from '../../widget/console/components/Header';
import { Join } from '../../widget/console/components/Join';
import { SignIn } from '../../widget/console/components/SignIn';
import { Verify } from '../../widget/console/components/Verify';
import { errorText } from '../../widget/console/errors';
import { duration, dueIn, formatPercent, relativeTime, timeAgo } from '../../widget/console/format';
import {
  LANGUAGES,
  LanguageProvider,
  loadConsoleDictionary,
  type ConsoleDictionary,
  type Language,
} from '../../widget/console/i18n';
import { en } from '../../widget/console/i18n/en';
import { setConsoleLocale } from '../../widget/console/i18n/locale';
import { FakeLive, ok } from '../support/console';

afterEach(() => {
  cleanup();
  setConsoleLocale(undefined);
  document.title = '';
});

const LOCALE: Record<Language, string> = {
  en: 'en-GB',
  nl: 'nl-NL',
  de: 'de-DE',
  fr: 'fr-FR',
  es: 'es-ES',
};

async function renderIn(lang: Language, ui: ComponentChildren) {
  const dictionary = await loadConsoleDictionary(lang);
  return render(
    <LanguageProvider initial={{ lang, locale: LOCALE[lang] }} dictionary={dictionary}>
      {ui}
    </LanguageProvider>,
  );
}

// --- The English-leak check -------------------------------------------------------------------

/** Stands for a value in a dictionary's functions, so their own words can be told apart. */
const VALUE = '\u0001';

/** Every wording of a dictionary's strings and functions (called with a few kinds of values). */
function wordings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (typeof value === 'function') {
    const fill = [VALUE, VALUE, VALUE, VALUE, VALUE];
    const calls: unknown[][] = [
      fill,
      [1, ...fill],
      [2, ...fill],
      [true, ...fill],
      [false, ...fill],
    ];
    calls.push([null, ...fill], [undefined, ...fill], [VALUE, null, ...fill]);
    return calls.flatMap((args) => {
      try {
        return wordings((value as (...a: unknown[]) => unknown)(...args));
      } catch {
        return [];
      }
    });
  }
  if (Array.isArray(value)) return value.flatMap(wordings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(wordings);
  return [];
}

/** The fixed pieces of wordings, without the values put in them: "counts for", "Score breakdown". */
function pieces(words: string[]): string[] {
  return words
    .flatMap((word) => word.split(VALUE))
    .flatMap((piece) => piece.split(/\d+/))
    .map((piece) => piece.trim())
    .filter((piece) => piece.length > 4 && /\p{L}/u.test(piece));
}

const ENGLISH = [
  ...new Set(pieces(wordings({ common: en.common, shell: en.shell, live: en.live }))),
];

/** What the page says: its text, its accessible names, titles and placeholders, the tab title. */
function shown(): string {
  const said = [document.title, document.body.textContent ?? ''];
  for (const element of document.body.querySelectorAll('*')) {
    for (const name of ['aria-label', 'title', 'placeholder', 'alt']) {
      const value = element.getAttribute(name);
      if (value) said.push(value);
    }
  }
  return said.join('\n');
}

/** English pieces on the page that the language shown does not use too ("Agent", "CSAT"). */
function englishLeft(t: ConsoleDictionary): string[] {
  const own = wordings(t).join('\n');
  const page = shown();
  return ENGLISH.filter((piece) => page.includes(piece) && !own.includes(piece));
}

// --- Fixtures -----------------------------------------------------------------------------------

const NOW = Date.now();
const ago = (minutes: number) => new Date(NOW - minutes * 60_000).toISOString();
const ahead = (minutes: number) => new Date(NOW + minutes * 60_000).toISOString();

const kim: SignedInAgent = {
  id: 'kim',
  name: 'Kim Vos',
  email: 'kim@zeta.test',
  siteId: 'zeta',
  siteName: 'Zeta',
  role: 'supervisor',
  sites: [{ siteId: 'zeta', siteName: 'Zeta', role: 'supervisor' }],
};
const lea = { id: 'lea', name: 'Lea Roth' };
const self = { id: 'kim', name: 'Kim Vos' };

/** Waiting for a reply: a visit, a profile, promises in every state, actions between messages. */
const waiting: AgentConversationView = {
  id: 'c1',
  version: 3,
  status: 'open',
  visitorLabel: 'Kim 3F2A',
  segment: 'pro',
  attributes: { plan: 'pro' },
  contact: { email: 'tomas@zeta.test', consentedAt: ago(30) },
  visit: {
    pageUrl: 'https://zeta.test/checkout',
    pageTitle: 'Zeta',
    referrer: 'https://zeta.test/',
    language: 'nl-NL',
    timeZone: 'Europe/Amsterdam',
    device: 'mobile',
  },
  assignedAgent: null,
  openedAt: ago(40),
  lastActivityAt: ago(2),
  closedAt: null,
  reopenedAt: null,
  rating: null,
  setAsideRating: null,
  messages: [
    { id: 'm1', from: 'visitor', text: 'Hallo?', at: ago(40), agent: null },
    { id: 'm2', from: 'agent', text: 'Hallo!', at: ago(30), agent: self },
    { id: 'm3', from: 'agent', text: 'Moment…', at: ago(29), agent: self },
    { id: 'm4', from: 'visitor', text: 'Danke', at: ago(2), agent: null },
  ],
  promises: [
    {
      id: 'p1',
      text: 'Tracking',
      dueAt: ago(5),
      madeAt: ago(35),
      keptAt: null,
      disputedAt: null,
      status: 'pending',
      counts: true,
      notCounting: null,
      disputableUntil: null,
      agent: self,
    },
    {
      id: 'p2',
      text: 'Refund',
      dueAt: ahead(25),
      madeAt: ago(34),
      keptAt: ago(33.5),
      disputedAt: null,
      status: 'kept',
      counts: false,
      notCounting: { reason: 'quick', minPromiseSeconds: 60 },
      disputableUntil: null,
      agent: self,
    },
    {
      id: 'p3',
      text: 'Kurier',
      dueAt: ago(20),
      madeAt: ago(33),
      keptAt: ago(25),
      disputedAt: ago(10),
      status: 'disputed',
      counts: true,
      notCounting: null,
      disputableUntil: null,
      agent: self,
    },
    {
      id: 'p4',
      text: null,
      dueAt: ago(15),
      madeAt: ago(32),
      keptAt: null,
      disputedAt: null,
      status: 'broken',
      counts: false,
      notCounting: { reason: 'extra', maxPromisesPerConversation: 3 },
      disputableUntil: null,
      agent: lea,
    },
  ],
  timeline: [
    { id: 't1', at: ago(39), kind: 'assigned', agent: lea, previous: null },
    { id: 't2', at: ago(38), kind: 'assigned', agent: self, previous: lea },
    { id: 't3', at: ago(35), kind: 'promise-made', promiseId: 'p1', text: 'Tracking', agent: self },
    { id: 't4', at: ago(33.5), kind: 'promise-kept', promiseId: 'p2', text: 'Refund', agent: lea },
    { id: 't5', at: ago(10), kind: 'promise-disputed', promiseId: 'p3', text: 'Kurier' },
  ],
};

/** Closed, rated, then a rating that counts for nobody. */
const rated: AgentConversationView = {
  ...waiting,
  id: 'c2',
  visitorLabel: 'Kim 9B01',
  segment: null,
  attributes: {},
  contact: null,
  visit: null,
  assignedAgent: lea,
  lastActivityAt: ago(50),
  closedAt: ago(50),
  status: 'closed',
  messages: [
    { id: 'n1', from: 'visitor', text: 'Hallo?', at: ago(70), agent: null },
    { id: 'n2', from: 'agent', text: 'Hallo!', at: ago(69), agent: lea },
  ],
  promises: [],
  timeline: [
    { id: 'u1', at: ago(50), kind: 'closed', agent: lea },
    { id: 'u2', at: ago(49), kind: 'rating-set-aside', reason: 'member', end: 2 },
  ],
  rating: {
    end: 4,
    peak: { dimension: 'responsiveness', polarity: 'positive' },
    comment: 'Top',
    peakAnswered: true,
    finished: true,
    at: ago(48),
    amendableUntil: ahead(60),
    agent: lea,
  },
  setAsideRating: {
    end: 2,
    peak: null,
    comment: null,
    peakAnswered: false,
    finished: false,
    at: ago(49),
    reason: 'flood',
  },
};

const dim = (score: number, n: number, thin = false): AgentDimensionScore => ({
  score,
  low: score - 20,
  high: score + 15,
  n,
  own: { score: n === 0 ? null : 70, weight: n === 0 ? 0 : 4.5 },
  team: { score: 50, weight: 4 },
  tooLittleEvidence: thin,
});

const scores: LiveScores = {
  at: ago(1),
  site: {
    responsiveness: { score: 71.2, n: 24 },
    reliability: { score: 48, n: 9 },
    experience: { score: null, n: 0 },
    csat: { value: 73.3, n: 15 },
  },
  agents: [
    {
      agentId: 'kim',
      name: 'Kim Vos',
      responsiveness: dim(80, 14),
      reliability: dim(38, 3, true),
      experience: dim(68, 9),
      csat: { value: 88.9, n: 9 },
    },
    {
      agentId: 'lea',
      name: 'Lea Roth',
      responsiveness: dim(50, 0, true),
      reliability: dim(50, 0, true),
      experience: dim(50, 0, true),
      csat: { value: null, n: 0 },
    },
  ],
};

const item = { conversationId: 'c1', visitorLabel: 'Kim 3F2A' };
const evidence: BreakdownItem[] = [
  {
    ...item,
    kind: 'voice',
    dimension: 'responsiveness',
    value: 1,
    weight: 2,
    at: ago(0.2),
    detail: { end: 4, peak: { dimension: 'responsiveness', polarity: 'positive' } },
  },
  {
    ...item,
    kind: 'peak-wait',
    dimension: 'responsiveness',
    value: 0.4,
    weight: 0.5,
    at: ago(30),
    detail: { seconds: 330, targetSeconds: 120 },
  },
  {
    ...item,
    kind: 'end-wait',
    dimension: 'responsiveness',
    value: 1,
    weight: 1.5,
    at: ago(31),
    detail: { seconds: 40, targetSeconds: 120 },
  },
  {
    ...item,
    kind: 'promise-broken',
    dimension: 'reliability',
    value: 0,
    weight: 1,
    at: ago(15),
    detail: { promiseId: 'p4', text: 'Kurier', dueAt: ago(15), keptAt: null, disputedAt: null },
  },
  {
    ...item,
    kind: 'promise-disputed',
    dimension: 'reliability',
    value: 0,
    weight: 1,
    at: ago(10),
    detail: { promiseId: 'p3', text: null, dueAt: ago(20), keptAt: ago(25), disputedAt: ago(10) },
  },
  {
    ...item,
    kind: 'promise-kept',
    dimension: 'reliability',
    value: 1,
    weight: 1,
    at: ago(60 * 30),
    detail: {
      promiseId: 'p2',
      text: 'Refund',
      dueAt: ago(60 * 29),
      keptAt: null,
      disputedAt: null,
    },
  },
  {
    ...item,
    kind: 'reopen',
    dimension: 'reliability',
    value: 0,
    weight: 1,
    at: ago(200),
    detail: {},
  },
  {
    ...item,
    kind: 'rating',
    dimension: 'experience',
    value: 0.3,
    weight: 1,
    at: ago(90),
    detail: { end: 2, peak: null, peakAnswered: false },
  },
];
const breakdown: ScoreBreakdownView = {
  agentId: 'kim',
  name: 'Kim Vos',
  at: ago(1),
  items: evidence,
};

function liveConsole() {
  return new FakeLive({
    'inbox:list': () => ok({ agent: kim, conversations: [waiting, rated], next: 'more' }),
    'scores:get': () => ok(scores),
    // The newest piece of evidence is from a moment ago, whenever the test runs.
    'scores:breakdown': () =>
      ok({
        ...breakdown,
        items: evidence.map((e, i) => (i === 0 ? { ...e, at: new Date().toISOString() } : e)),
      }),
    'followups:list': () => ok({ items: [], next: null, newCount: 2, nextAt: null }),
  });
}

const session: SessionApi = {
  current: vi.fn(async () => kim),
  signIn: vi.fn(async () => ({ ok: true as const, agent: kim })),
  signOut: vi.fn(async () => undefined),
};

async function startIn(lang: Language, live: FakeLive) {
  window.history.replaceState(null, '', location.pathname);
  await renderIn(lang, <App api={session} connect={() => live} />);
  await waitFor(() => expect(live.subscribed).toBe(true));
  live.state('connected');
  await waitFor(() => expect(live.sent('inbox:list')).toHaveLength(1));
}

// --- What each language says --------------------------------------------------------------------

interface Expected {
  inbox: string;
  unassigned: string;
  navigation: string;
  followup: string;
  signOut: string;
  title: RegExp;
  claim: string;
  reply: string;
  visitor: string;
  terms: string[];
  dutch: string;
  device: string;
  timeline: string[];
  notCounting: string;
  presets: string[];
  scores: string;
  columns: string[];
  percent: string;
  breakdown: string;
  ratingRegion: string;
  face: string;
  peak: string;
}

const EXPECTED: Record<'de' | 'fr', Expected> = {
  de: {
    inbox: 'Unterhaltungen',
    unassigned: 'Nicht zugewiesen',
    navigation: 'Konsole',
    followup: 'Nachverfolgung',
    signOut: 'Abmelden',
    title: /^\(3\) Peakend-Konsole$/,
    claim: 'Übernehmen',
    reply: 'Antwort',
    visitor: 'Besucher',
    terms: ['Seite', 'Kam von', 'Sprache', 'Zeitzone', 'Gerät'],
    dutch: 'Niederländisch (Niederlande)',
    device: 'Smartphone',
    timeline: [
      'Lea Roth hat die Unterhaltung übernommen',
      'Sie haben die Unterhaltung von Lea Roth übernommen',
      'Sie haben „Tracking“ zugesagt',
      'Lea Roth hat „Refund“ als eingehalten markiert',
      'Laut Besucher ist „Kurier“ nicht passiert',
    ],
    notCounting: 'Zählt nicht: innerhalb von einer Minute nach der Zusage eingehalten',
    presets: ['15 Min.', '30 Min.', '1 Stunde', '4 Stunden', '1 Tag'],
    scores: 'Live-Scores',
    columns: ['Agent', 'Reaktionsschnelligkeit', 'Zuverlässigkeit', 'Erlebnis', 'CSAT'],
    percent: '89 %',
    breakdown: 'Score-Aufschlüsselung: Kim Vos',
    ratingRegion: 'Bewertung des Besuchers',
    face: 'Gut',
    peak: 'Schnelle Antworten',
  },
  fr: {
    inbox: 'Conversations',
    unassigned: 'Non attribuée',
    navigation: 'Console',
    followup: 'Suivi',
    signOut: 'Se déconnecter',
    title: /^\(3\) Console Peakend$/,
    claim: 'Prendre en charge',
    reply: 'Réponse',
    visitor: 'Visiteur',
    terms: ['Page', 'Provenance', 'Langue', 'Fuseau horaire', 'Appareil'],
    dutch: 'néerlandais (Pays-Bas)',
    device: 'Téléphone',
    timeline: [
      'Lea Roth a pris en charge la conversation',
      'Vous avez pris le relais après Lea Roth',
      'Vous avez promis «\u202fTracking\u202f»',
      'Lea Roth a marqué «\u202fRefund\u202f» comme tenue',
      'Selon le visiteur, «\u202fKurier\u202f» n’a pas eu lieu',
    ],
    notCounting: 'Ne compte pas\u202f: tenue moins d’une minute après avoir été faite',
    presets: ['15 min', '30 min', '1 heure', '4 heures', '1 jour'],
    scores: 'Scores en direct',
    columns: ['Agent', 'Réactivité', 'Fiabilité', 'Expérience', 'CSAT'],
    percent: '89 %',
    breakdown: 'Détail des scores\u202f: Kim Vos',
    ratingRegion: 'Évaluation du visiteur',
    face: 'Bien',
    peak: 'Réponses rapides',
  },
};

describe.each(['de', 'fr'] as const)('the workspace in %s', (lang) => {
  const expected = EXPECTED[lang];

  it('words the top bar, inbox, conversation, promises and live scores, with no English left', async () => {
    const t = await loadConsoleDictionary(lang);
    await startIn(lang, liveConsole());

    // The inbox.
    const inbox = await screen.findByRole('navigation', { name: expected.inbox });
    const first = await within(inbox).findByRole('button', { name: /Kim 3F2A/ });
    expect(first.textContent).toContain(expected.unassigned);
    expect(within(inbox).getByRole('button', { name: t.live.inbox.loadMore })).toBeTruthy();

    // The top bar: its sections, the new follow-up items and the tab's count of what waits.
    const nav = screen.getByRole('navigation', { name: expected.navigation });
    const followup = within(nav).getByRole('link', { name: new RegExp(expected.followup) });
    await waitFor(() => expect(followup.textContent).toMatch(/2/));
    expect(screen.getByRole('button', { name: expected.signOut })).toBeTruthy();
    await waitFor(() => expect(document.title).toMatch(expected.title));

    // The conversation: what can be done, who the visitor is, what happened between messages.
    await screen.findByRole('heading', { name: 'Kim 3F2A' });
    expect(screen.getByRole('button', { name: new RegExp(expected.claim) })).toBeTruthy();
    const replyBox = screen.getByRole('textbox', { name: expected.reply });
    expect(replyBox.getAttribute('placeholder')).toBe(t.live.composer.placeholder('Kim 3F2A'));
    const visit = screen.getByRole('region', { name: expected.visitor });
    expect(
      within(visit)
        .getAllByRole('term')
        .map((term) => term.textContent),
    ).toEqual(expected.terms);
    expect(visit.textContent).toContain(expected.dutch);
    expect(visit.textContent).toContain(expected.device);
    const log = screen.getByRole('log', { name: t.live.conversation.messages });
    const lines = [...log.querySelectorAll('.timeline-action')].map((line) =>
      line.textContent?.replace(/ · .*$/, ''),
    );
    expect(lines).toEqual(expected.timeline);
    const promises = screen.getByRole('region', { name: t.live.promises.title });
    expect(promises.textContent).toContain(expected.notCounting);
    expect(within(promises).getByRole('button', { name: t.live.promises.markKept })).toBeTruthy();

    // A promise, made in a few clicks.
    fireEvent.click(
      screen.getByRole('button', { name: new RegExp(t.live.conversation.makePromise) }),
    );
    const form = screen.getByRole('form', { name: t.live.promiseForm.title });
    const presets = within(form).getByRole('group', { name: t.live.promiseForm.dueIn });
    expect(
      within(presets)
        .getAllByRole('button')
        // Intl keeps a figure and its unit together with a no-break space where the language does.
        .map((b) => b.textContent?.replace(/\s/g, ' ')),
    ).toEqual(expected.presets);

    // The live scores.
    const region = screen.getByRole('region', { name: expected.scores });
    expect(
      within(region)
        .getAllByRole('columnheader')
        .map((th) => th.querySelector('.col-long')?.textContent ?? th.textContent),
    ).toEqual(expected.columns);
    // As the language writes a percentage: a (no-break) space before the sign.
    expect(region.textContent?.replace(/\s/g, ' ')).toContain(expected.percent);
    expect(within(region).getByText(t.live.scores.noData)).toBeTruthy();

    expect(englishLeft(t)).toEqual([]);
  });

  it('words the score breakdown and the rating, with no English left', async () => {
    const t = await loadConsoleDictionary(lang);
    await startIn(lang, liveConsole());
    const region = await screen.findByRole('region', { name: expected.scores });
    fireEvent.click(within(region).getByRole('button', { name: /Kim Vos/ }));
    const dialog = await screen.findByRole('dialog', { name: expected.breakdown });
    await within(dialog).findByRole('region', { name: new RegExp(expected.columns[1]!) });
    const texts = [...dialog.querySelectorAll('.bd-text')].map((p) => p.textContent);
    expect(texts).toHaveLength(evidence.length);
    expect(texts[0]).toContain(t.live.rating.peaks.responsiveness.positive);
    expect(dialog.querySelector('.bd-item time')?.textContent?.replace(/^, /, '')).toBe(
      t.live.breakdown.justNow,
    );
    expect(englishLeft(t)).toEqual([]);
    fireEvent.keyDown(dialog, { key: 'Escape' });

    // The closed conversation: its rating, and the one that counts for nobody.
    const inbox = screen.getByRole('navigation', { name: expected.inbox });
    fireEvent.click(within(inbox).getByRole('button', { name: /Kim 9B01/ }));
    const rating = await screen.findByRole('region', { name: expected.ratingRegion });
    expect(rating.textContent).toContain(expected.face);
    expect(rating.textContent).toContain(expected.peak);
    expect(screen.getByRole('region', { name: t.live.rating.setAsideTitle })).toBeTruthy();
    expect(englishLeft(t)).toEqual([]);
  });
});

describe.each(['de', 'fr'] as const)('signing in, joining and the account in %s', (lang) => {
  it('words the sign-in form, its checks and the server’s refusal by its code', async () => {
    const t = await loadConsoleDictionary(lang);
    const api: SessionApi = {
      current: vi.fn(async () => null),
      signIn: vi.fn(async () => ({
        ok: false as const,
        code: 'unauthorized' as const,
        message: 'Wrong email or password.',
      })),
      signOut: vi.fn(async () => undefined),
    };
    await renderIn(lang, <SignIn api={api} onSignedIn={vi.fn()} />);
    expect(screen.getByRole('heading', { name: t.shell.signIn.title })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: t.shell.signIn.submit }));
    const email = screen.getByLabelText(t.shell.signIn.email);
    expect(email.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById('signin-email-error')?.textContent).toBe(
      t.shell.signIn.invalidEmail,
    );
    expect(screen.getByRole('combobox', { name: t.common.language })).toBeTruthy();

    fireEvent.input(email, { target: { value: 'kim@zeta.test' } });
    fireEvent.input(screen.getByLabelText(t.shell.signIn.password), { target: { value: 'x' } });
    fireEvent.click(screen.getByRole('button', { name: t.shell.signIn.submit }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      t.shell.signIn.wrongPassword('Wrong email or password.'),
    );
    expect(screen.getByRole('alert').textContent).not.toContain('Wrong');
    expect(englishLeft(t)).toEqual([]);
  });

  it('words an invite’s page and the email link’s, each with the language menu', async () => {
    const t = await loadConsoleDictionary(lang);
    const lookup: InviteLookup = {
      siteName: 'Zeta',
      email: 'kim@zeta.test',
      role: 'supervisor',
      accountExists: false,
      expiresAt: ahead(60 * 24),
    };
    const account: AccountApi = {
      lookupInvite: vi.fn(async () => ok(lookup)),
      acceptInvite: vi.fn(),
      switchSite: vi.fn(),
    };
    const { unmount } = await renderIn(
      lang,
      <Join api={account} session={session} token="t" onJoined={vi.fn()} onSignIn={vi.fn()} />,
    );
    await screen.findByRole('heading', { name: t.shell.join.joinSite('Zeta') });
    const [before] = t.shell.join.invitedNew(t.shell.roleAs.supervisor);
    expect(document.body.textContent).toContain(`${before}kim@zeta.test`);
    expect(screen.getByRole('combobox', { name: t.common.language })).toBeTruthy();
    expect(englishLeft(t)).toEqual([]);
    unmount();

    const gone: AckError = {
      code: 'not_found',
      message: 'This invite link does not work any more.',
    };
    const { unmount: leave } = await renderIn(
      lang,
      <Join
        api={{ ...account, lookupInvite: vi.fn(async () => ({ ok: false as const, error: gone })) }}
        session={session}
        token="t"
        onJoined={vi.fn()}
        onSignIn={vi.fn()}
      />,
    );
    expect((await screen.findByRole('alert')).textContent).toBe(t.shell.join.gone(''));
    expect(englishLeft(t)).toEqual([]);
    leave();

    const settings = settingsApi({
      verify: vi.fn(async () => ({
        ok: false as const,
        error: { code: 'not_found' as const, message: 'This link does not work.' },
      })),
    });
    await renderIn(
      lang,
      <Verify api={settings} session={session} token="t" onDone={vi.fn()} onSignIn={vi.fn()} />,
    );
    expect((await screen.findByRole('alert')).textContent).toBe(t.shell.verify.failed(''));
    expect(screen.getByRole('heading', { name: t.shell.verify.title })).toBeTruthy();
    expect(screen.getByRole('combobox', { name: t.common.language })).toBeTruthy();
    expect(englishLeft(t)).toEqual([]);
  });

  it('words the account menu and a wrong current password', async () => {
    const t = await loadConsoleDictionary(lang);
    const api = settingsApi({
      emailUnconfirmed: vi.fn(async () => true),
      changePassword: vi.fn(async () => ({
        ok: false as const,
        error: { code: 'forbidden' as const, message: 'That is not your current password.' },
      })),
    });
    await renderIn(lang, <AccountMenu agent={kim} api={api} onSignedOut={vi.fn()} />);
    fireEvent.click(screen.getByRole('button', { name: t.shell.account.account }));
    const panel = screen.getByRole('region', { name: t.shell.account.account });
    await within(panel).findByRole('button', { name: t.shell.account.sendLink });
    fireEvent.input(within(panel).getByLabelText(t.shell.account.currentPassword), {
      target: { value: 'old' },
    });
    fireEvent.input(within(panel).getByLabelText(t.shell.account.newPassword), {
      target: { value: 'a brand new password' },
    });
    fireEvent.click(within(panel).getByRole('button', { name: t.shell.account.changePassword }));
    expect((await screen.findByRole('alert')).textContent).toBe(t.shell.account.wrongPassword(''));
    expect(englishLeft(t)).toEqual([]);
  });
});

describe('the top bar in French', () => {
  it('names sections, the role, the connection and what the admin screens show', async () => {
    const t = await loadConsoleDictionary('fr');
    const { rerender } = await renderIn(
      'fr',
      <Header
        agent={kim}
        connection="reconnecting"
        onSignOut={vi.fn()}
        view="live"
        onView={vi.fn()}
        administers
        supervises
        newFollowups={3}
      />,
    );
    const nav = screen.getByRole('navigation', { name: 'Console' });
    expect(
      within(nav)
        .getAllByRole('link')
        .map((a) => a.firstChild?.textContent),
    ).toEqual([
      'En direct',
      'Suivi',
      'Conversations',
      'Tendances',
      'Segments',
      'Rapport',
      'Administration',
    ]);
    expect(within(nav).getByRole('link', { name: /Suivi/ }).textContent).toBe('Suivi3 nouveaux');
    expect(document.body.textContent).toContain('Superviseur');
    expect(document.body.textContent).toContain('Reconnexion…');
    expect(englishLeft(t)).toEqual([]);

    rerender(
      <LanguageProvider initial={{ lang: 'fr', locale: 'fr-FR' }} dictionary={t}>
        <Header
          agent={kim}
          connection="connected"
          onSignOut={vi.fn()}
          view="admin"
          onView={vi.fn()}
          administers
          administering="Ouest"
        />
      </LanguageProvider>,
    );
    expect(document.querySelector('.topbar-administering')?.textContent).toBe(
      'Site administré\u202f: Ouest',
    );
  });
});

describe('times and figures in Dutch', () => {
  it('says how long ago, how far a due time is, and percentages as Dutch does', () => {
    setConsoleLocale('nl-NL');
    const now = new Date(2026, 10, 30, 15, 0).getTime();
    const at = (minutes: number) => new Date(now - minutes * 60_000).toISOString();
    expect(relativeTime(at(0.5), now)).toBe('nu');
    expect(relativeTime(at(4), now)).toBe('4 min');
    expect(relativeTime(at(120), now)).toBe('2 uur');
    expect(relativeTime(at(24 * 60), now)).toBe('Gisteren');
    expect(timeAgo(at(0.5), now)).toBeNull();
    expect(timeAgo(at(20), now)).toMatch(/^20 min\.? geleden$/);
    expect(dueIn(at(-25), now)).toMatch(/^over 25 min\.?$/);
    expect(dueIn(at(12), now)).toMatch(/^12 min\.? geleden$/);
    expect(dueIn(at(-3 * 60), now)).toBe('over 3 uur');
    expect(duration(60)).toBe('1 uur');
    expect(formatPercent(86.4)).toBe('86%');

    // And not English, whatever the browser's own language.
    setConsoleLocale('de-DE');
    expect(relativeTime(at(24 * 60), now)).toBe('Gestern');
    expect(formatPercent(86.4)).toBe('86\u00a0%');
  });
});

describe('refusals in the language shown', () => {
  it('keeps the server’s words in English and words them by code elsewhere', async () => {
    const de = await loadConsoleDictionary('de');
    const closed: AckError = { code: 'conflict', message: 'This conversation is closed.' };
    expect(errorText(closed, en)).toBe('This conversation is closed.');
    expect(errorText(closed, de)).toBe(de.shell.errors.conflict(''));
    // A code this console does not know: the server's words are all there is.
    const newer = { code: 'teapot', message: 'I am a teapot.' } as unknown as AckError;
    expect(errorText(newer, de)).toBe('I am a teapot.');
    // The console's own failures read in the language shown, whichever call they came from.
    const offline: AckError = { code: 'internal', message: en.shell.errors.offline };
    expect(errorText(offline, de)).toBe(de.shell.errors.offline);
    expect(
      errorText({ code: 'rate_limited', message: 'Slow down.', retryAfterSeconds: 30 }, de),
    ).toMatch(/30 Sekunden/);
  });
});

describe('the rating’s words', () => {
  it.each(LANGUAGES)('are the widget’s own in %s', async (lang) => {
    const t = await loadConsoleDictionary(lang);
    const widget = widgetDictionaries[lang];
    const plain = (text: string) => text.replace(/’/g, "'");
    expect(t.live.rating.faces).toEqual(widget.faces);
    expect(t.live.rating.peaks).toEqual(widget.peaks);
    expect(t.live.rating.nothing).toBe(widget.nothing);
    expect(plain(t.live.rating.notSolved)).toBe(plain(widget.notSolved));
  });
});

function settingsApi(overrides: Partial<AccountSettingsApi> = {}): AccountSettingsApi {
  return {
    changePassword: vi.fn(async () => ({ ok: true as const, data: null })),
    signOutEverywhere: vi.fn(async () => ({ ok: true as const, data: null })),
    emailUnconfirmed: vi.fn(async () => false),
    sendVerification: vi.fn(async () => ({ ok: true as const, data: null })),
    verify: vi.fn(async () => ({ ok: true as const, data: kim })),
    ...overrides,
  };
}
