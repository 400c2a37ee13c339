// @vitest-environment happy-dom
/**
 * The insights screens in other languages: the follow-up queue, the history and the comments
 * feed, trends with the expectation gap, segments and the weekly report, each rendered in German
 * and Spanish (the report in French too). Key texts and accessible names are the language's,
 * figures and dates are written in its locale, known refusals are worded, and no English of the
 * insights dictionary is left on the page.
 */
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CommentView } from '../../shared/comments';
import type { FollowupQueueView, FollowupView } from '../../shared/followups';
import type { HistoryItem } from '../../shared/history';
import type { SegmentsBody, TrendBucket, TrendsBody } from '../../shared/insights';
import type { SignedInAgent } from '../../shared/protocol';
import type { ReportBody } from '../../shared/report';
import type { AgentDimensionScore } from '../../shared/scoring/types';
import { Comments } from '../../widget/console/components/Comments';
import { FollowUp } from '../../widget/console/components/FollowUp';
import { History } from '../../widget/console/components/History';
import { Report } from '../../widget/console/components/Report';
import { Segments } from '../../widget/console/components/Segments';
import { Trends } from '../../widget/console/components/Trends';
import { useNewFollowups } from '../../widget/console/followups';
import type { HistoryApi } from '../../widget/console/historyApi';
import type { HistoryFilter } from '../../widget/console/historyLink';
import {
  LanguageProvider,
  loadConsoleDictionary,
  type ConsoleDictionary,
  type Language,
} from '../../widget/console/i18n';
import { en } from '../../widget/console/i18n/en';
import type { InsightsApi } from '../../widget/console/insightsApi';
import type { ReportApi } from '../../widget/console/reportApi';
import type { LiveConsole } from '../../widget/console/useLiveConsole';
import { anna, conversation, fakeChart, minutesAgo, ok } from '../support/console';
import { expectationBody } from '../support/expectation';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

const LOCALES: Record<Language, string> = {
  en: 'en-GB',
  nl: 'nl-NL',
  de: 'de-DE',
  fr: 'fr-FR',
  es: 'es-ES',
};

/** Renders `ui` in `lang`, its dictionary loaded as main.tsx loads it; returns the dictionary. */
async function renderIn(lang: Language, ui: ComponentChildren): Promise<ConsoleDictionary> {
  const dictionary = await loadConsoleDictionary(lang);
  render(
    <LanguageProvider initial={{ lang, locale: LOCALES[lang] }} dictionary={dictionary}>
      {ui}
    </LanguageProvider>,
  );
  return dictionary;
}

/** Spaces of every kind as one: Intl writes no-break spaces ("80 %", "3,5 Minuten"). */
const flat = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();

/** A sample value that marks where a wording puts it. */
const SLOT = '⁂';

/** Every text a dictionary area can produce: its strings, and its wordings with sample values. */
function texts(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (typeof value === 'function') {
    const say = value as (...args: unknown[]) => unknown;
    return [SLOT, 1, 2, 7, null, false].flatMap((sample) =>
      texts(say(...Array.from({ length: Math.max(1, say.length) }, () => sample))),
    );
  }
  if (value && typeof value === 'object') return Object.values(value).flatMap(texts);
  return [];
}

/** The English of the insights area: its words and the fixed parts of its wordings. */
const ENGLISH = [
  ...new Set(
    texts(en.insights)
      .flatMap((text) => text.split(SLOT).flatMap((part) => part.split(/\d+|null|false/)))
      .map((part) => part.trim())
      .filter((part) => part.length > 4),
  ),
];

/**
 * The English of the insights area on the page, visible or read out, other than single words
 * the language shares with English (such as "Trends" or "Segment"): a phrase the language's
 * dictionary merely copies from English counts as left in English.
 */
const phrase = (text: string) => /\s/.test(text.replace(/[^\p{L}\s]+/gu, '').trim());

function englishLeft(dictionary: ConsoleDictionary): string[] {
  const own = texts(dictionary.insights);
  const page = [
    document.body.textContent ?? '',
    ...[...document.querySelectorAll('[aria-label],[title],[placeholder],[alt]')].flatMap((el) =>
      ['aria-label', 'title', 'placeholder', 'alt'].map((name) => el.getAttribute(name) ?? ''),
    ),
  ].join('\n');
  return ENGLISH.filter(
    (english) =>
      page.includes(english) && (phrase(english) || !own.some((text) => text.includes(english))),
  );
}

const supervisor: SignedInAgent = { ...anna, role: 'supervisor' };
const team = [
  { id: 'anna', name: 'Anna Berg' },
  { id: 'ben', name: 'Ben Okafor' },
];

describe('the follow-up queue in other languages', () => {
  const item = (overrides: Partial<FollowupView>): FollowupView => ({
    id: 'f1',
    conversationId: 'c1',
    contact: { name: 'Mia', email: 'mia@example.test', consentedAt: minutesAgo(4) },
    cause: 'rating',
    at: '2026-11-18T10:00:00.000Z',
    agent: { id: 'ben', name: 'Ben Okafor' },
    rating: { end: 1, peak: null, comment: 'Parcel lost', unhandled: true },
    promise: null,
    status: 'new',
    owner: { id: 'anna', name: 'Anna Berg' },
    reason: null,
    notes: [{ at: '2026-11-18T11:00:00.000Z', by: null, text: 'Called back' }],
    createdAt: minutesAgo(5),
    updatedAt: minutesAgo(5),
    version: 1,
    ...overrides,
  });

  function queue(): Pick<LiveConsole, 'followups' | 'updateFollowup' | 'followupsSeen'> {
    const items = [
      item({}),
      item({
        id: 'f2',
        conversationId: 'c2',
        cause: 'promise',
        rating: null,
        contact: null,
        agent: null,
        promise: {
          promiseId: 'p1',
          text: 'Send the invoice',
          dueAt: minutesAgo(60),
          keptAt: null,
          disputedAt: minutesAgo(30),
        },
        notes: [],
      }),
      item({
        id: 'f3',
        conversationId: 'c3',
        cause: 'reopen',
        rating: null,
        contact: null,
        status: 'dismissed',
        reason: 'Test order',
        notes: [],
      }),
    ];
    const page: FollowupQueueView = { items, next: 'more', newCount: 2, nextAt: null };
    return {
      followups: vi.fn(async () => ok(page)),
      updateFollowup: vi.fn(async () => ({
        ok: false as const,
        error: {
          code: 'conflict' as const,
          message: 'The item is resolved: it cannot become new.',
        },
      })),
      followupsSeen: 0,
    };
  }

  it.each([
    ['de', 'Nachverfolgung', 'Einträge zur Nachverfolgung', 'Als kontaktiert markieren'],
    ['es', 'Seguimiento', 'Elementos de seguimiento', 'Marcar como contactado'],
  ] as const)('speaks %s, and words a refusal it knows', async (lang, title, list, contacted) => {
    vi.stubGlobal('Notification', {
      permission: 'default',
      requestPermission: async () => 'default',
    });
    const dictionary = await renderIn(
      lang,
      <FollowUp
        live={queue()}
        agent={supervisor}
        team={team}
        conversationHref={(id) => `#${id}`}
      />,
    );
    const words = dictionary.insights.followUp;
    const items = within(await screen.findByRole('list', { name: list })).getAllByRole('listitem', {
      name: /./,
    });
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe(title);
    expect(items).toHaveLength(3);
    // How the rating ended is the visitor's word (peaks.ts): only the wording around it is checked.
    const [before, after] = words.rated(SLOT, null, true).split(SLOT);
    const rated = items[0]!.querySelector('.followup-why')?.textContent ?? '';
    expect(rated.startsWith(before!) && rated.endsWith(after!)).toBe(true);
    expect(within(items[1]!).getByText(words.promiseDisputed('Send the invoice'))).toBeTruthy();
    expect(within(items[2]!).getByText(words.reopened)).toBeTruthy();
    expect(screen.getByRole('button', { name: words.notifyMe })).toBeTruthy();
    expect(screen.getByRole('button', { name: words.loadMore })).toBeTruthy();

    fireEvent.click(within(items[0]!).getByRole('button', { name: words.dismiss }));
    fireEvent.click(within(items[0]!).getByRole('button', { name: words.addNoteOpen }));
    expect(within(items[0]!).getByRole('textbox', { name: words.reason })).toBeTruthy();
    expect(within(items[0]!).getByRole('textbox', { name: words.note })).toBeTruthy();
    expect(englishLeft(dictionary)).toEqual([]);

    fireEvent.click(within(items[0]!).getByRole('button', { name: contacted }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe(dictionary.insights.refusal('conflict', 'unknown'));
    expect(alert.textContent).not.toContain('cannot become');
  });

  it('says new items in a notification in the language shown', async () => {
    const shown: { title: string; body?: string }[] = [];
    function FakeNotification(title: string, options: { body?: string }) {
      shown.push({ title, body: options.body });
    }
    FakeNotification.permission = 'granted';
    vi.stubGlobal('Notification', FakeNotification);
    vi.spyOn(document, 'hidden', 'get').mockReturnValue(true);
    let newCount = 1;
    const followups = vi.fn(async () =>
      ok<FollowupQueueView>({ items: [], next: null, newCount, nextAt: null }),
    );
    let push = () => {};
    function Probe() {
      const [seen, setSeen] = useState(0);
      push = () => setSeen((n) => n + 1);
      return <span>{useNewFollowups({ followups, followupsSeen: seen })}</span>;
    }
    await renderIn('de', <Probe />);
    await waitFor(() => expect(followups).toHaveBeenCalledTimes(1));
    newCount = 3;
    push();
    await waitFor(() => expect(shown).toHaveLength(1));
    expect(shown[0]).toEqual({
      title: 'Peakend: Nachverfolgung',
      body: '3 Einträge warten auf Nachverfolgung.',
    });
  });
});

describe('the history in other languages', () => {
  const item = (id: string, overrides: Partial<HistoryItem> = {}): HistoryItem => ({
    id,
    visitorLabel: `Visitor ${id}`,
    segment: null,
    status: 'closed',
    assignedAgent: null,
    openedAt: minutesAgo(60),
    lastActivityAt: minutesAgo(30),
    closedAt: minutesAgo(30),
    rating: null,
    snippet: null,
    ...overrides,
  });

  function Harness(props: { api: HistoryApi; initial: HistoryFilter }) {
    const [filter, setFilter] = useState<HistoryFilter>(props.initial);
    const [openId, setOpenId] = useState<string | null>(null);
    return (
      <History
        api={props.api}
        agent={supervisor}
        team={team}
        filter={filter}
        onFilter={setFilter}
        openId={openId}
        onOpen={setOpenId}
        load={async (id) => ok(conversation({ id, status: 'open' }))}
        onOpenLive={vi.fn()}
        now={Date.now()}
      />
    );
  }

  const api: HistoryApi = {
    conversations: vi.fn(async () =>
      ok({
        conversations: [item('c1'), item('open-1', { status: 'open', closedAt: null })],
        next: 'more',
      }),
    ),
  };
  const linked: HistoryFilter = {
    segment: '',
    rating: '1,3',
    from: '2026-03-01T12:00:00.000Z',
    to: '2026-03-08T12:00:00.000Z',
  };

  it.each([
    ['de', 'Unterhaltungen', '1. März 2026 bis 8. März 2026', 'Segment: keines'],
    ['es', 'Conversaciones', 'Del 1 mar 2026 al 8 mar 2026', 'Segmento: ninguno'],
  ] as const)('speaks %s, a linked filter included', async (lang, title, period, segment) => {
    const dictionary = await renderIn(lang, <Harness api={api} initial={linked} />);
    const words = dictionary.insights.history;
    const list = await screen.findByRole('list', { name: words.list });
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe(title);
    expect(within(list).getAllByText(words.notAssigned)).toHaveLength(2);
    expect(within(list).getByText(words.open)).toBeTruthy();
    const search = screen.getByRole('searchbox', { name: words.search });
    expect(search.getAttribute('placeholder')).toBe(words.searchPlaceholder);
    const periods = screen.getByRole('combobox', { name: words.lastActive });
    expect(flat(within(periods).getAllByRole('option')[0]!.textContent)).toBe(period);
    expect(flat(screen.getByText(segment, { exact: false }).textContent)).toContain(segment);
    expect(screen.getByRole('button', { name: words.removeSegment })).toBeTruthy();
    expect(screen.getByRole('button', { name: dictionary.insights.labels.loadMore })).toBeTruthy();
    expect(screen.getByText(words.choose)).toBeTruthy();
    expect(englishLeft(dictionary)).toEqual([]);

    fireEvent.click(within(list).getByRole('button', { name: /Visitor open-1/ }));
    expect(await screen.findByRole('button', { name: words.answerLive })).toBeTruthy();
    expect(screen.getByText(words.stillOpen)).toBeTruthy();
  });

  it('words a refusal it knows, in German', async () => {
    const refusing: HistoryApi = {
      conversations: async () => ({
        ok: false,
        error: { code: 'forbidden', message: 'Not yours.' },
      }),
    };
    await renderIn('de', <Harness api={refusing} initial={{}} />);
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Die Unterhaltungen konnten nicht geladen werden: Das ist mit Ihrer Rolle nicht erlaubt.',
    );
  });
});

describe('the comments feed in other languages', () => {
  const comment = (id: string, overrides: Partial<CommentView> = {}): CommentView => ({
    conversationId: id,
    visitorLabel: `Visitor ${id.toUpperCase()}`,
    segment: 'business',
    agent: null,
    end: 2,
    peak: { dimension: 'responsiveness', polarity: 'negative' },
    comment: 'Too slow',
    at: '2026-11-18T10:00:00.000Z',
    excluded: 'flood',
    ...overrides,
  });
  const api: Pick<ReportApi, 'comments'> = {
    comments: vi.fn(async () =>
      ok({ comments: [comment('c1'), comment('c2', { excluded: null })], next: 'more' }),
    ),
  };

  it.each([
    ['de', 'Kommentare', 'Öffnen Unterhaltung mit Visitor C1', 'Letzte 30 Tage'],
    ['es', 'Comentarios', 'Abrir la conversación de Visitor C1', 'Últimos 30 días'],
  ] as const)('speaks %s', async (lang, title, link, period) => {
    const dictionary = await renderIn(
      lang,
      <Comments api={api} siteId="demo" team={team} now={Date.now()} />,
    );
    const words = dictionary.insights.comments;
    const list = await screen.findByRole('list', { name: words.list });
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe(title);
    expect(within(list).getByRole('link', { name: link })).toBeTruthy();
    expect(list.textContent).toContain(words.excluded.flood);
    expect(list.textContent).toContain(dictionary.insights.labels.unassigned);
    const chip = screen.getByRole('combobox', { name: words.chip });
    expect(within(chip).getByRole('option', { name: words.tones.positive })).toBeTruthy();
    const periods = screen.getByRole('combobox', { name: dictionary.insights.labels.period });
    expect(within(periods).getByRole('option', { name: period })).toBeTruthy();
    expect(englishLeft(dictionary)).toEqual([]);
  });
});

const agentScore = (score: number, n: number): AgentDimensionScore => ({
  score,
  low: score - 10,
  high: score + 10,
  n,
  own: { score, weight: n },
  team: { score: 50, weight: 4 },
  tooLittleEvidence: false,
});

const bucket = (end: string, partial: boolean, site: number, csat: number): TrendBucket => ({
  start: end,
  end,
  partial,
  site: {
    responsiveness: { score: site, n: 10 },
    reliability: { score: null, n: 0 },
    experience: { score: site - 5, n: 8 },
    csat: { value: csat, n: 8 },
  },
  agents: [
    {
      agentId: 'anna',
      name: 'Anna',
      responsiveness: agentScore(site - 10, 6),
      reliability: agentScore(50, 0),
      experience: agentScore(70, 5),
      csat: { value: 80, n: 5 },
    },
  ],
});

const trendsBody: TrendsBody = {
  interval: 'week',
  timeZone: 'Europe/Amsterdam',
  from: '2026-08-01T00:00:00.000Z',
  to: '2026-11-22T23:00:00.000Z',
  buckets: [
    bucket('2026-11-08T23:00:00.000Z', false, 80, 70),
    bucket('2026-11-15T23:00:00.000Z', false, 83.4, 72.5),
    bucket('2026-11-22T23:00:00.000Z', true, 81, 75),
  ],
};

const segmentsBody: SegmentsBody = {
  from: '2026-11-15T23:00:00.000Z',
  to: '2026-11-22T23:00:00.000Z',
  minRatingsToRank: 20,
  segments: [
    {
      segment: 'business',
      ratings: 42,
      csat: { value: 81.2, n: 42 },
      scores: {
        responsiveness: { score: 88.1, n: 130 },
        reliability: { score: null, n: 0 },
        experience: { score: 79.6, n: 42 },
      },
      drivers: [
        { peak: { dimension: 'reliability', polarity: 'negative' }, bad: 5, good: 1, lift: 9 },
      ],
    },
    {
      segment: 'trial',
      ratings: 30,
      csat: { value: 90, n: 30 },
      scores: {
        responsiveness: { score: 70, n: 10 },
        reliability: { score: 60, n: 4 },
        experience: { score: 80, n: 30 },
      },
      drivers: [],
    },
    {
      segment: null,
      ratings: 3,
      csat: { value: 100, n: 3 },
      scores: {
        responsiveness: { score: null, n: 0 },
        reliability: { score: null, n: 0 },
        experience: { score: 90, n: 3 },
      },
      drivers: null,
    },
  ],
};

function insightsApi(): InsightsApi {
  return {
    trends: vi.fn(async () => ok(trendsBody)),
    segments: vi.fn(async () => ok(segmentsBody)),
    expectation: vi.fn(async () => ok(expectationBody())),
  };
}

describe('trends and the expectation gap in other languages', () => {
  it.each([
    {
      lang: 'de',
      chart: 'Reaktionsschnelligkeit im Zeitverlauf',
      figures: ['80,0', '83,4', '81,0'],
      changes: ['—', '+3,4', '−2,4'],
      csat: '72,5 %',
      day: /^\d{2}\.\d{2}\.\d{4}/,
      kept: 'Sie geben 2 Minuten an. In den letzten 7 Tagen haben Sie 3,5 Minuten für 80 % der Besucher eingehalten.',
      widget: '„Wir antworten meist innerhalb weniger Minuten“',
      within: 'Innerhalb von 2 Minuten',
    },
    {
      lang: 'es',
      chart: 'Rapidez de respuesta a lo largo del tiempo',
      figures: ['80,0', '83,4', '81,0'],
      changes: ['—', '+3,4', '−2,4'],
      csat: '72,5 %',
      day: /^\d{1,2} nov 2026/,
      kept: 'Indicas 2 minutos; en los últimos 7 días has cumplido 3,5 minutos para el 80 % de los visitantes.',
      widget: '«Solemos responder en pocos minutos»',
      within: 'En 2 minutos o menos',
    },
  ] as const)('speak $lang, with figures and dates in its locale', async (expected) => {
    const dictionary = await renderIn(
      expected.lang,
      <Trends api={insightsApi()} siteId="demo" loadChart={fakeChart().load} />,
    );
    expect(await screen.findByRole('img', { name: expected.chart })).toBeTruthy();
    const table = screen.getByRole('table', { name: expected.chart });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((row) => flat(within(row).getAllByRole('cell')[0]!.textContent))).toEqual(
      expected.figures,
    );
    expect(rows.map((row) => flat(within(row).getAllByRole('cell').at(-1)!.textContent))).toEqual(
      expected.changes,
    );
    expect(flat(within(rows[0]!).getByRole('rowheader').textContent)).toMatch(expected.day);
    expect(rows[2]!.textContent).toContain(dictionary.insights.labels.soFar);
    const csat = screen.getByRole('table', {
      name: dictionary.insights.trends.overTime(dictionary.insights.measures.csat),
    });
    expect(flat(within(csat).getAllByRole('row')[2]!.textContent)).toContain(expected.csat);

    const gap = await screen.findByRole('region', { name: dictionary.insights.expectation.title });
    await waitFor(() => expect(flat(gap.textContent)).toContain(expected.kept));
    expect(gap.textContent).toContain(expected.widget);
    const replies = within(gap).getByRole('table', {
      name: dictionary.insights.expectation.caption,
    });
    expect(
      within(replies)
        .getAllByRole('columnheader')
        .map((th) => flat(th.textContent)),
    ).toContain(expected.within);
    expect(englishLeft(dictionary)).toEqual([]);
  });
});

describe('segments in other languages', () => {
  it.each([
    ['de', 'Zu wenige Bewertungen für eine Rangfolge (3 von 20)', '81 % n=42'],
    ['es', 'Muy pocas valoraciones para clasificar (3 de 20)', '81 % n=42'],
  ] as const)('speak %s', async (lang, tooFew, csat) => {
    const dictionary = await renderIn(
      lang,
      <Segments api={insightsApi()} siteId="demo" conversationsOf={(s) => `#${s ?? ''}`} />,
    );
    const words = dictionary.insights.segments;
    const table = await screen.findByRole('table', { name: words.caption });
    const rows = within(table).getAllByRole('row');
    expect(
      within(rows[0]!)
        .getAllByRole('columnheader')
        .map((th) => th.textContent),
    ).toEqual([
      dictionary.insights.labels.segment,
      dictionary.insights.labels.ratings,
      'CSAT',
      dictionary.insights.measures.experience,
      dictionary.insights.measures.responsiveness,
      dictionary.insights.measures.reliability,
      words.whatMatters,
    ]);
    expect(flat(within(rows[1]!).getAllByRole('cell')[1]!.textContent)).toBe(csat);
    expect(rows[1]!.textContent).toContain(words.driverCounts(5, 1));
    expect(rows[2]!.textContent).toContain(words.noDriver);
    expect(rows[3]!.textContent).toContain(tooFew);
    expect(within(rows[3]!).getByRole('link').textContent).toBe(
      dictionary.insights.labels.noSegment,
    );
    expect(within(rows[1]!).getByRole('link').getAttribute('title')).toBe(words.itsConversations);
    expect(screen.getByText("peakend('set', …)").parentElement?.textContent).toContain(
      words.introAfter,
    );
    expect(englishLeft(dictionary)).toEqual([]);
  });
});

describe('the weekly report in other languages', () => {
  const frame: ReportBody = {
    week: '2026-W47',
    from: '2026-11-15T23:00:00.000Z',
    to: '2026-11-22T23:00:00.000Z',
    timeZone: 'Europe/Amsterdam',
    previous: {
      week: '2026-W46',
      from: '2026-11-08T23:00:00.000Z',
      to: '2026-11-15T23:00:00.000Z',
    },
    latest: '2026-W47',
    followups: {
      opened: {
        total: 4,
        byCause: { rating: 3, promise: 1, reopen: 0 },
        byStatus: { new: 2, contacted: 1, resolved: 1, dismissed: 0 },
      },
      closed: {
        total: 2,
        byCause: { rating: 1, promise: 1, reopen: 0 },
        byStatus: { new: 0, contacted: 0, resolved: 1, dismissed: 1 },
      },
    },
  };
  const moment: CommentView = {
    conversationId: 'c1',
    visitorLabel: 'Visitor C1',
    segment: 'business',
    agent: { id: 'anna', name: 'Anna' },
    end: 5,
    peak: { dimension: 'empathy', polarity: 'positive' },
    comment: 'She really listened',
    at: '2026-11-18T10:00:00.000Z',
    excluded: null,
  };
  const reportApi = (): ReportApi => ({
    report: vi.fn(async () => ok(frame)),
    comments: vi.fn(async () => ok({ comments: [moment], next: 'more' })),
  });

  it.each([
    {
      lang: 'de',
      title: 'Wochenbericht',
      period: '2026-W47: 16. Nov. 2026 – 22. Nov. 2026 (Zeitzone Europe/Amsterdam)',
      scores: ['Reaktionsschnelligkeit', '81 n=10', '83 n=10', '▼gesunken −2'],
      cause: ['Schlechter Ausgang', '3', '1'],
      praise: 'Anna 1 (bisher).',
      gap: 'Sie geben 2 Minuten an. In den letzten 7 Tagen haben Sie 3,5 Minuten für 80 % der Besucher eingehalten.',
    },
    {
      lang: 'es',
      title: 'Informe semanal',
      period: '2026-W47: 16 nov 2026 – 22 nov 2026 (hora de Europe/Amsterdam)',
      scores: ['Rapidez de respuesta', '81 n=10', '83 n=10', '▼baja −2'],
      cause: ['Final negativo', '3', '1'],
      praise: 'Anna 1 (por ahora).',
      gap: 'Indicas 2 minutos; en los últimos 7 días has cumplido 3,5 minutos para el 80 % de los visitantes.',
    },
    {
      lang: 'fr',
      title: 'Rapport hebdomadaire',
      period: '2026-W47 : 16 nov. 2026 – 22 nov. 2026 (fuseau Europe/Amsterdam)',
      scores: ['Réactivité', '81 n=10', '83 n=10', '▼en baisse −2'],
      cause: ['Fin négative', '3', '1'],
      praise: 'Anna 1 (pour l’instant).',
      gap: 'Vous annoncez 2 minutes ; sur les 7 derniers jours, vous avez tenu 3,5 minutes pour 80 % des visiteurs.',
    },
  ] as const)('speaks $lang', async (expected) => {
    const dictionary = await renderIn(
      expected.lang,
      <Report
        api={reportApi()}
        insights={insightsApi()}
        siteId="demo"
        loadChart={fakeChart().load}
        print={vi.fn()}
      />,
    );
    const words = dictionary.insights.report;
    const moments = await screen.findByRole('region', { name: words.moments.title });
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe(expected.title);
    expect(flat(screen.getByText(/2026-W47/).textContent)).toBe(expected.period);
    expect(screen.getByRole('button', { name: words.print })).toBeTruthy();
    expect(screen.getByLabelText(words.week)).toBeTruthy();

    const scores = screen.getByRole('table', { name: words.scores.caption });
    const first = within(scores).getAllByRole('row')[1]!;
    expect(
      [within(first).getByRole('rowheader'), ...within(first).getAllByRole('cell')].map((cell) =>
        flat(cell.textContent),
      ),
    ).toEqual(expected.scores);
    const byCause = screen.getByRole('table', { name: words.followups.byCause });
    const cause = within(byCause).getAllByRole('row')[1]!;
    expect(
      [within(cause).getByRole('rowheader'), ...within(cause).getAllByRole('cell')].map(
        (cell) => cell.textContent,
      ),
    ).toEqual(expected.cause);
    expect(screen.getByRole('table', { name: words.followups.byStatus })).toBeTruthy();
    expect(screen.getByRole('table', { name: words.drivers.caption })).toBeTruthy();
    expect(
      screen.getByRole('heading', { level: 2, name: words.lastWeeks(3) }).textContent,
    ).toBeTruthy();
    expect(flat(moments.textContent)).toContain(expected.praise);
    expect(within(moments).getByRole('button', { name: dictionary.insights.labels.loadMore }));
    const gap = screen.getByRole('region', { name: dictionary.insights.expectation.title });
    expect(flat(gap.textContent)).toContain(expected.gap);
    expect(englishLeft(dictionary)).toEqual([]);
  });

  it('keeps French typography: a narrow no-break space before a semicolon or colon', async () => {
    const dictionary = await renderIn(
      'fr',
      <Report
        api={reportApi()}
        insights={insightsApi()}
        siteId="demo"
        loadChart={fakeChart().load}
      />,
    );
    const gap = await screen.findByRole('region', {
      name: dictionary.insights.expectation.title,
    });
    expect(gap.textContent).toContain('Vous annoncez 2 minutes\u202f; sur');
    expect(screen.getByText(/2026-W47/).textContent).toMatch(/^2026-W47\u202f: /);
  });

  it('words a refusal it knows, in French', async () => {
    const api = reportApi();
    api.report = vi.fn(async () => ({
      ok: false as const,
      error: { code: 'forbidden' as const, message: 'Only supervisors.' },
    }));
    await renderIn(
      'fr',
      <Report api={api} insights={insightsApi()} siteId="demo" loadChart={fakeChart().load} />,
    );
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Le rapport n’a pas pu être chargé\u202f: Votre rôle ne permet pas de faire cela.',
    );
  });
});
