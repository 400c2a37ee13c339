// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Ack } from '../../shared/ack';
import type {
  PromiseView,
  RatingSave,
  RatingView,
  VisitorConversationView,
} from '../../shared/protocol';
import { App } from '../../widget/app/App';
import type { AppHandle, MountOptions, PeakendApi } from '../../widget/app/bridge';
import { formatTime, formatWhen } from '../../widget/app/format';
import {
  applyLanguage,
  chooseLanguage,
  setDictionary,
  t,
  type Dictionary,
  type Language,
} from '../../widget/app/i18n';
import { dictionaries } from '../../widget/app/i18n/all';
import { en } from '../../widget/app/i18n/en';
import { mount } from '../../widget/app/mount';
import { RatingCard } from '../../widget/app/RatingCard';
import type { Chat, ChatState } from '../../widget/app/connection';

const LANGUAGES = Object.keys(dictionaries) as Language[];

/** What the app does once a language's chunk has arrived: its words, and its times. */
function speak(requested: string): void {
  setDictionary(dictionaries[applyLanguage(requested).lang]);
}

/** Sample arguments for every function of a dictionary, by key. */
const SAMPLES: Partial<Record<keyof Dictionary, unknown[][]>> = {
  replyTime: [[null], [1], [3], [60], [61], [150]],
  helping: [['Anna']],
  closedUntil: [['09:00']],
  awayLeft: [['ada@example.com']],
  typing: [['Anna']],
  promiseBy: [
    ['Anna', '15:30'],
    ['Anna', 'Tue 15:30'],
  ],
  promiseKeptAt: [['15:30'], ['Tue 15:30']],
  tooLong: [[2000]],
  openChatUnread: [[1], [2], [12]],
  thanksTitle: [[1], [2], [3], [4], [5]],
  thanks: [1, 2, 3, 4, 5].flatMap((end) => [
    [end, 'Anna'],
    [end, null],
  ]),
};

/** Every string a dictionary can produce, with the path it came from. */
function strings(dict: Dictionary): [string, unknown][] {
  const out: [string, unknown][] = [];
  for (const [key, value] of Object.entries(dict)) {
    if (typeof value === 'function') {
      const samples = SAMPLES[key as keyof Dictionary];
      expect(samples, `sample arguments for ${key}`).toBeDefined();
      for (const args of samples!) out.push([`${key}(${args.join(', ')})`, value(...args)]);
    } else if (Array.isArray(value)) {
      value.forEach((item, i) => out.push([`${key}[${i}]`, item]));
    } else if (typeof value === 'object') {
      for (const [dimension, polarities] of Object.entries(value as object)) {
        for (const [polarity, label] of Object.entries(polarities as object)) {
          out.push([`${key}.${dimension}.${polarity}`, label]);
        }
      }
    } else {
      out.push([key, value]);
    }
  }
  return out;
}

/** The shape of a dictionary: keys, and the arity of each function, recursively. */
function shape(value: unknown): unknown {
  if (typeof value === 'function') return `fn/${value.length}`;
  if (Array.isArray(value)) return value.map(shape);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, shape(v)]),
    );
  }
  return typeof value;
}

function setPageLang(lang: string | null) {
  if (lang === null) document.documentElement.removeAttribute('lang');
  else document.documentElement.setAttribute('lang', lang);
}

function setBrowserLanguages(languages: string[]) {
  vi.spyOn(navigator, 'languages', 'get').mockReturnValue(languages);
}

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
  setPageLang(null);
  speak('en-US');
});

describe('widget dictionaries', () => {
  it('has en, nl, de, fr and es', () => {
    expect(LANGUAGES.sort()).toEqual(['de', 'en', 'es', 'fr', 'nl']);
  });

  it.each(LANGUAGES)('%s has exactly the keys and function signatures of en', (lang) => {
    expect(shape(dictionaries[lang])).toEqual(shape(en));
  });

  it.each(LANGUAGES)('%s has no empty string, and its functions return text', (lang) => {
    for (const [path, value] of strings(dictionaries[lang])) {
      expect(typeof value, path).toBe('string');
      expect((value as string).trim(), path).not.toBe('');
      // A template that forgot an argument shows it to the visitor.
      expect(value as string, path).not.toMatch(/undefined|null|NaN|\$\{/);
    }
  });

  it.each(LANGUAGES.filter((lang) => lang !== 'en'))('%s is translated, not copied', (lang) => {
    const dict = dictionaries[lang];
    expect(dict.endQuestion).not.toBe(en.endQuestion);
    expect(dict.notSolved).not.toBe(en.notSolved);
    expect(dict.dispute).not.toBe(en.dispute);
    expect(dict.promiseDisputed).not.toBe(en.promiseDisputed);
    expect(dict.faces).not.toEqual(en.faces);
    // Five distinct faces and eight distinct chips: a screen reader tells them apart by name.
    expect(new Set(dict.faces).size).toBe(5);
    const chips = Object.values(dict.peaks).flatMap((p) => [p.positive, p.negative]);
    expect(new Set([...chips, dict.nothing]).size).toBe(9);
  });

  it('names the agent in the personal thank-you', () => {
    for (const lang of LANGUAGES) {
      for (const end of [1, 3, 5]) expect(dictionaries[lang].thanks(end, 'Anna')).toContain('Anna');
    }
  });
});

describe('choosing the language', () => {
  it('prefers the widget option, then <html lang>, then the browser, then English', () => {
    expect(chooseLanguage('de', 'fr', ['es', 'nl']).lang).toBe('de');
    expect(chooseLanguage(undefined, 'fr', ['es', 'nl']).lang).toBe('fr');
    expect(chooseLanguage('', '', ['es', 'nl']).lang).toBe('es');
    expect(chooseLanguage(null, null, []).lang).toBe('en');
  });

  it('skips what it does not support, at every level', () => {
    expect(chooseLanguage('ja', 'fr', ['nl']).lang).toBe('fr');
    expect(chooseLanguage('ja', 'pt-BR', ['ko', 'nl-NL', 'de']).lang).toBe('nl');
    expect(chooseLanguage('ja', 'pt', ['ko', 'zh-Hant']).lang).toBe('en');
    expect(chooseLanguage('constructor', 'toString', ['__proto__']).lang).toBe('en');
  });

  it('matches on the primary subtag, in any case or separator', () => {
    expect(chooseLanguage('nl-BE', null, []).lang).toBe('nl');
    expect(chooseLanguage('DE_at', null, []).lang).toBe('de');
    expect(chooseLanguage(null, 'fr-CA', []).lang).toBe('fr');
    expect(chooseLanguage(null, null, ['es-419', 'en']).lang).toBe('es');
  });

  it('keeps the region for times: from the chosen tag, else the browser’s variant', () => {
    expect(chooseLanguage('nl-BE', null, []).locale).toBe('nl-BE');
    expect(chooseLanguage('de_at', null, []).locale).toBe('de-AT');
    expect(chooseLanguage('en', null, ['en-GB']).locale).toBe('en-GB');
    expect(chooseLanguage(null, 'fr', ['de-DE', 'fr-CH']).locale).toBe('fr-CH');
    expect(chooseLanguage('es', null, ['de-DE']).locale).toBe('es');
    // A malformed tag still chooses its language, without breaking Intl.
    expect(chooseLanguage('nl-!!', null, []).locale).toBe('nl');
  });

  it('reads <html lang> and navigator.languages from the page', () => {
    setBrowserLanguages(['es-ES', 'en']);
    expect(applyLanguage(undefined).lang).toBe('es');
    setPageLang('nl-BE');
    expect(applyLanguage(undefined)).toEqual({ lang: 'nl', locale: 'nl-BE' });
    const before = t.endChat;
    expect(applyLanguage('fr').lang).toBe('fr');
    // The words wait for the language's chunk: choosing it changes none of them.
    expect(t.endChat).toBe(before);
  });

  it('passes data-lang from the script tag through the loader to the app', async () => {
    const script = document.createElement('script');
    script.dataset.site = 'demo';
    script.dataset.lang = 'nl';
    vi.spyOn(document, 'currentScript', 'get').mockReturnValue(script);
    vi.stubGlobal('__PEAKEND_APP_CHUNK__', 'app-test.js');
    const chunks: HTMLScriptElement[] = [];
    vi.spyOn(document.head, 'appendChild').mockImplementation(<T extends Node>(node: T): T => {
      chunks.push(node as unknown as HTMLScriptElement);
      return node;
    });
    const win = window as unknown as { peakend?: PeakendApi };
    try {
      vi.resetModules();
      await import('../../widget/loader');
      const host = document.querySelector('peakend-widget') as HTMLElement;
      const launcher = host.shadowRoot!.querySelector('button') as HTMLButtonElement;
      // The loader names its launcher in the same language as the app will speak.
      expect(launcher.getAttribute('aria-label')).toBe(dictionaries.nl.openChat);
      launcher.click();

      let options: MountOptions | undefined;
      const handle = vi.fn<AppHandle>();
      win.peakend!.__app = (o) => {
        options = o;
        return handle;
      };
      (chunks[0]!.onload as () => void)();
      await vi.waitFor(() => expect(handle).toHaveBeenCalledWith(['open']));
      expect(options?.options.lang).toBe('nl');
    } finally {
      document.querySelectorAll('peakend-widget').forEach((el) => el.remove());
      delete win.peakend;
    }
  });

  it.each(Object.keys(dictionaries) as (keyof typeof dictionaries)[])(
    'names the launcher in %s before the app has loaded',
    async (lang) => {
      setPageLang(lang);
      const win = window as unknown as { peakend?: PeakendApi };
      vi.stubGlobal('__PEAKEND_APP_CHUNK__', 'app-test.js');
      try {
        win.peakend = Object.assign(() => undefined, { q: [['init', { site: 'demo' }]] });
        vi.resetModules();
        await import('../../widget/loader');
        const host = document.querySelector('peakend-widget') as HTMLElement;
        const launcher = host.shadowRoot!.querySelector('button') as HTMLButtonElement;
        expect(launcher.getAttribute('aria-label')).toBe(dictionaries[lang].openChat);
      } finally {
        document.querySelectorAll('peakend-widget').forEach((el) => el.remove());
        delete win.peakend;
      }
    },
  );

  it('loads only the visitor’s language, then sets lang on the widget’s root', async () => {
    setPageLang('en');
    const chunks: HTMLScriptElement[] = [];
    const append = vi
      .spyOn(document.head, 'appendChild')
      .mockImplementation(<T extends Node>(node: T): T => {
        chunks.push(node as unknown as HTMLScriptElement);
        return node;
      });
    const win = window as unknown as { peakend?: PeakendApi };
    win.peakend = Object.assign(() => undefined, {});
    const host = document.createElement('div');
    document.body.appendChild(host);
    const root = host.attachShadow({ mode: 'open' });
    try {
      const handle = mount({
        root,
        launcher: document.createElement('button'),
        src: 'https://chat.example/widget.js',
        options: { site: 'demo', lang: 'de-AT' },
      });
      expect(chunks.map((chunk) => chunk.src)).toEqual([
        `https://chat.example/widget/${__PEAKEND_LANGUAGE_CHUNKS__.de}`,
      ]);
      // Nothing is drawn in English meanwhile.
      handle(['open']);
      expect(root.querySelector('[role="dialog"]')).toBeNull();
      // The chunk runs: it hands over its dictionary, as the build makes it do.
      win.peakend.__languages = { de: dictionaries.de };
      (chunks[0]!.onload as () => void)();
      await vi.waitFor(() =>
        expect(root.querySelector('.pk-root')?.getAttribute('lang')).toBe('de'),
      );
      expect(
        root.querySelector(`[aria-label="${dictionaries.de.closeChat}"]`),
        'the panel is drawn in German',
      ).not.toBeNull();
    } finally {
      append.mockRestore();
      host.remove();
      delete win.peakend;
    }
  });

  it('speaks English when the language’s chunk cannot be loaded', async () => {
    const win = window as unknown as { peakend?: PeakendApi };
    win.peakend = Object.assign(() => undefined, {});
    const chunks: HTMLScriptElement[] = [];
    const append = vi
      .spyOn(document.head, 'appendChild')
      .mockImplementation(<T extends Node>(node: T): T => {
        chunks.push(node as unknown as HTMLScriptElement);
        return node;
      });
    const host = document.createElement('div');
    document.body.appendChild(host);
    const root = host.attachShadow({ mode: 'open' });
    try {
      const handle = mount({
        root,
        launcher: document.createElement('button'),
        src: 'https://chat.example/widget.js',
        options: { site: 'demo', lang: 'fr' },
      });
      handle(['open']);
      (chunks[0]!.onerror as () => void)();
      // Then English's chunk is asked for, and arrives.
      await vi.waitFor(() => expect(chunks).toHaveLength(2));
      expect(chunks[1]!.src).toBe(`https://chat.example/widget/${__PEAKEND_LANGUAGE_CHUNKS__.en}`);
      win.peakend.__languages = { en };
      (chunks[1]!.onload as () => void)();
      await vi.waitFor(() =>
        expect(root.querySelector(`[aria-label="${en.closeChat}"]`)).not.toBeNull(),
      );
      expect(root.querySelector('.pk-root')?.getAttribute('lang')).toBe('en');
    } finally {
      append.mockRestore();
      host.remove();
      delete win.peakend;
    }
  });
});

describe('the rating card in Dutch', () => {
  function accepting() {
    return vi.fn(async (payload: RatingSave): Promise<Ack<RatingView>> => ({
      ok: true,
      data: {
        end: payload.end,
        peak: payload.peak ?? null,
        comment: payload.comment ?? null,
        peakAnswered: payload.peak !== undefined,
        finished: payload.finished === true,
        at: '2026-03-02T10:00:00.000Z',
        amendableUntil: '2026-03-03T10:00:00.000Z',
      },
    }));
  }

  it('asks, offers chips and thanks with Dutch accessible names', async () => {
    speak('nl');
    const save = accepting();
    render(
      <RatingCard conversationId="conv-1" agentName="Anna de Vries" existing={null} save={save} />,
    );

    const faces = screen.getByRole('radiogroup', { name: 'Hoe is dit gesprek afgelopen?' });
    const names = within(faces)
      .getAllByRole('radio')
      .map((radio) => radio.getAttribute('aria-label'));
    expect(names).toEqual(['Heel slecht', 'Slecht', 'Gaat wel', 'Goed', 'Heel goed']);

    fireEvent.click(within(faces).getByRole('radio', { name: 'Goed' }));
    screen.getByRole('group', { name: 'Wat viel je het meest op?' });
    fireEvent.click(screen.getByRole('button', { name: 'Luisterde echt' }));

    screen.getByRole('textbox', { name: 'Wil je nog iets kwijt?' });
    fireEvent.click(screen.getByRole('button', { name: 'Beoordeling versturen' }));

    const thanks = await screen.findByRole('status');
    expect(thanks.textContent).toContain('Dank je wel!');
    expect(thanks.textContent).toContain('Daar zal Anna blij mee zijn.');
    expect(save).toHaveBeenLastCalledWith(
      expect.objectContaining({ end: 4, peak: { dimension: 'empathy', polarity: 'positive' } }),
    );
  });
});

describe('a kept promise in every language', () => {
  const now = Date.now();
  const kept: PromiseView = {
    id: 'p1',
    text: null,
    dueAt: new Date(now + 3_600_000).toISOString(),
    madeAt: new Date(now - 600_000).toISOString(),
    keptAt: new Date(now - 60_000).toISOString(),
    disputedAt: null,
    status: 'kept',
    counts: true,
    notCounting: null,
    disputableUntil: new Date(now + 7 * 86_400_000).toISOString(),
    agent: { id: 'anna', name: 'Anna de Vries' },
  };
  const conversation = (promise: PromiseView): VisitorConversationView => ({
    id: 'conv-1',
    version: 1,
    status: 'open',
    agent: promise.agent,
    messages: [],
    promises: [promise],
    closedAt: null,
    reopenableUntil: null,
    rating: null,
  });
  const chatShowing = (view: VisitorConversationView): Chat => {
    const state: ChatState = {
      status: 'online',
      reason: null,
      conversation: view,
      typing: null,
      pending: [],
      replyMinutes: null,
      presence: null,
    };
    const answer = async () => ({ ok: true as const, data: view });
    return {
      state: () => state,
      subscribe: () => () => undefined,
      send: answer,
      setTyping: () => undefined,
      end: answer,
      reopen: answer,
      dispute: vi.fn(answer),
      saveRating: async () => null,
      ratingSocket: () => null,
      token: () => undefined,
      destroy: () => undefined,
    };
  };

  it.each(LANGUAGES)('%s: offers the dispute, then says it was sent', (lang) => {
    speak(lang);
    const dict = dictionaries[lang];
    const chat = chatShowing(conversation(kept));
    render(<App chat={chat} open={true} onClose={() => undefined} />);
    const promises = screen.getByRole('list', { name: dict.promises });
    fireEvent.click(within(promises).getByRole('button', { name: dict.dispute }));
    expect(chat.dispute).toHaveBeenCalledWith('p1');
    cleanup();

    const disputed = { ...kept, status: 'disputed' as const, disputableUntil: null };
    render(
      <App chat={chatShowing(conversation(disputed))} open={true} onClose={() => undefined} />,
    );
    expect(screen.getByText(dict.promiseDisputed)).toBeTruthy();
    expect(screen.queryByText(dict.promiseKept)).toBeNull();
    expect(screen.queryByRole('button', { name: dict.dispute })).toBeNull();
  });

  it('names the button exactly as the UI contract says, in English', () => {
    expect(en.dispute).toBe("That didn't happen");
  });
});

describe('times in the visitor’s locale', () => {
  // 15:30 in the browser's own time zone, today.
  const now = new Date(2026, 2, 2, 15, 30);
  const due = now.toISOString();

  it.each(['de', 'nl', 'fr', 'es', 'en-GB'])('%s: 24-hour clock', (lang) => {
    speak(lang);
    expect(formatWhen(due, now)).toBe('15:30');
    expect(formatTime(due)).toBe('15:30');
  });

  it('en-US: 12-hour clock', () => {
    speak('en-US');
    expect(formatWhen(due, now)).toMatch(/^3:30\sPM$/);
  });

  it('puts the due time in the promise sentence', () => {
    speak('nl');
    expect(t.promiseBy('Anna', formatWhen(due, now))).toBe(
      'Anna laat uiterlijk 15:30 van zich horen',
    );
    speak('de');
    const later = new Date(2026, 2, 4, 9, 5).toISOString();
    expect(t.promiseBy('Anna', formatWhen(later, now))).toBe(
      'Anna meldet sich bis Mi., 09:05 bei Ihnen',
    );
    speak('es');
    expect(t.promiseBy('Anna', formatWhen(due, now))).toBe('Anna te responderá antes de las 15:30');
    expect(t.promiseBy('Anna', '1:30')).toBe('Anna te responderá antes de la 1:30');
    expect(t.promiseBy('Anna', formatWhen(later, now))).toBe(
      'Anna te responderá a más tardar el mié, 9:05',
    );
  });
});
