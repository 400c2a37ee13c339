/**
 * Every string the visitor sees or hears, in one place so other languages can be added later
 * (same keys, same function signatures). Accessible names listed in the product brief are part
 * of the UI contract: browser tests and screen readers rely on them.
 *
 * English is built into the app; every other language is a chunk of its own (i18n/*.ts, built
 * by vite.config.ts), of which a visitor downloads only theirs (languages.ts).
 */
import type { Dimension, Polarity } from '../../shared/facts';
import { setTimeLocale } from './format';
import { hours } from './i18n/hours';

/** The shape every language fills in: TypeScript checks each dictionary against it. */
export interface Dictionary {
  defaultTitle: string;
  openChat: string;
  /** The launcher's name while replies wait unread in the closed panel. */
  openChatUnread: (count: number) => string;
  closeChat: string;
  /** Heading of the rating card on its own (host-chat mode). */
  rateTitle: string;
  close: string;
  /** The site's stated reply time: whole minutes, or null for the usual "a few minutes". */
  replyTime: (minutes: number | null) => string;
  helping: (agent: string) => string;
  /** The header when no one of the team has the console open, within opening hours. */
  awayNow: string;
  /** ...outside them: `time` is when the site next opens, in the visitor's own time. */
  closedUntil: (time: string) => string;
  /** Above the email field of a message that starts a chat while the team is away. */
  awayAsk: string;
  awayEmail: string;
  awayLeft: (email: string) => string;
  welcome: string;
  team: string;
  you: string;
  messages: string;
  typing: (agent: string) => string;

  message: string;
  placeholder: string;
  placeholderNew: string;
  send: string;
  endChat: string;
  /** "End chat" asks first: the question, and the way back to the chat. */
  endConfirm: string;
  keepChatting: string;
  /** In place of the rating card: the chat ended before anyone from the team wrote. */
  endedUnanswered: string;
  ended: string;

  promises: string;
  /** `due` is already formatted in the visitor's locale ("15:30", "Tue 15:30", "12 Mar, 15:30"). */
  promiseBy: (agent: string, due: string) => string;
  promiseKept: string;
  /** A kept promise's line: when it was kept ("Kept at 14:05"). */
  promiseKeptAt: (time: string) => string;
  promiseLate: string;
  /** A promise marked kept: the visitor says it was not kept (a dispute). */
  dispute: string;
  /** Shown on a promise the visitor disputed, in place of "Kept". */
  promiseDisputed: string;

  connecting: string;
  reconnecting: string;
  unavailable: string;
  sendFailed: string;
  actionFailed: string;
  tooLong: (max: number) => string;

  endQuestion: string;
  /** Labels of the five faces, end 1 to 5. */
  faces: readonly [string, string, string, string, string];
  peakQuestion: string;
  nothing: string;
  skip: string;
  commentLabel: string;
  commentPlaceholder: string;
  /** After a bad ending, when the page did not say who the visitor is. */
  contactQuestion: string;
  contactHint: string;
  badEmail: string;
  sendRating: string;
  saveFailed: string;
  thanksTitle: (end: number) => string;
  thanks: (end: number, agent: string | null) => string;
  notSolved: string;

  peaks: Record<Dimension, Record<Polarity, string>>;
}

export const en: Dictionary = {
  defaultTitle: 'Chat with us',
  openChat: 'Open chat',
  openChatUnread: (count: number) =>
    `Open chat, ${count} unread ${count === 1 ? 'message' : 'messages'}`,
  closeChat: 'Close chat',
  rateTitle: 'Your conversation',
  close: 'Close',
  replyTime: (minutes: number | null) =>
    minutes === null
      ? 'We usually reply within a few minutes'
      : minutes < 60
        ? `We usually reply within ${minutes === 1 ? 'a minute' : `${minutes} minutes`}`
        : `We usually reply within ${hours(minutes) === 1 ? 'an hour' : `${hours(minutes)} hours`}`,
  helping: (agent: string) => `${agent} is helping you`,
  awayNow: 'We’re away right now',
  closedUntil: (time: string) => `We’re closed, back at ${time}`,
  awayAsk: 'Leave your email and your message: we’ll answer by email.',
  awayEmail: 'Your email',
  awayLeft: (email: string) => `Thanks! We’ll answer at ${email}.`,
  welcome: 'Hi there! How can we help you today?',
  team: 'Support team',
  you: 'You',
  messages: 'Messages',
  typing: (agent: string) => `${agent} is typing…`,

  message: 'Message',
  placeholder: 'Write a message…',
  placeholderNew: 'Write to start a new chat…',
  send: 'Send',
  endChat: 'End chat',
  endConfirm: 'End this chat?',
  keepChatting: 'Keep chatting',
  endedUnanswered: 'This chat ended before our team could reply. Write to us again any time.',
  ended: 'Chat ended',

  promises: 'Promises',
  promiseBy: (agent: string, due: string) => `${agent} will get back to you by ${due}`,
  promiseKept: 'Kept',
  promiseKeptAt: (time: string) => `Kept at ${time}`,
  promiseLate: 'Running late',
  dispute: "That didn't happen",
  promiseDisputed: "You said this didn't happen",

  connecting: 'Connecting…',
  reconnecting: 'Connection lost. Reconnecting…',
  unavailable: 'Chat isn’t available right now. Please try again later.',
  sendFailed: 'Your message couldn’t be sent. Please try again.',
  actionFailed: 'Something went wrong. Please try again.',
  tooLong: (max: number) => `Messages can be at most ${max} characters.`,

  endQuestion: 'How did this conversation end?',
  faces: ['Very bad', 'Bad', 'Okay', 'Good', 'Very good'],
  peakQuestion: 'What stood out most?',
  nothing: 'Nothing in particular',
  skip: 'Skip',
  commentLabel: 'Anything else?',
  commentPlaceholder: 'Optional: tell us more',
  contactQuestion: 'May we contact you about this?',
  contactHint: 'Leave your email and we’ll get back to you. Optional.',
  badEmail: 'Enter a valid email address',
  sendRating: 'Send rating',
  saveFailed: 'We couldn’t save that. Please try again.',
  thanksTitle: (end: number) => (end >= 4 ? 'Thank you!' : 'Thank you for telling us'),
  thanks: (end: number, agent: string | null) => {
    if (end >= 4) {
      return agent ? `${agent} will be glad to hear it.` : 'We’re glad we could help.';
    }
    if (end === 3) {
      return agent
        ? `It helps ${agent} and the team do better next time.`
        : 'It helps us do better next time.';
    }
    return agent
      ? `We’re sorry this wasn’t better. ${agent}’s team will look into it.`
      : 'We’re sorry this wasn’t better. We’ll look into it.';
  },
  notSolved: "This isn't solved",

  peaks: {
    responsiveness: { positive: 'Quick replies', negative: 'Long waits' },
    reliability: { positive: 'Kept their word', negative: 'Broke a promise' },
    competence: { positive: 'Knew the answer', negative: 'Unsure answers' },
    empathy: { positive: 'Really listened', negative: "Didn't listen" },
  },
};

/** "Anna" from "Anna Jansen": friendlier in sentences ("Anna will get back to you…"). */
export function firstName(name: string): string {
  return name.trim().split(/\s+/)[0] || name;
}

export const LANGUAGES = ['en', 'nl', 'de', 'fr', 'es'] as const;
export type Language = (typeof LANGUAGES)[number];

/** "nl" from "nl-BE", "NL_be" or "nl". */
function primary(tag: string): string {
  return (tag.trim().split(/[-_]/)[0] || '').toLowerCase();
}

function isLanguage(code: string): code is Language {
  return (LANGUAGES as readonly string[]).includes(code);
}

/** A valid BCP 47 tag for Intl ("en_GB" → "en-GB"), or undefined if Intl would reject it. */
function canonical(tag: string | undefined): string | undefined {
  if (!tag) return undefined;
  try {
    return Intl.getCanonicalLocales(tag.trim().replace(/_/g, '-'))[0];
  } catch {
    return undefined;
  }
}

export interface LanguageChoice {
  /** The dictionary, and the `lang` of the widget's root. */
  lang: Language;
  /** For dates and times: a regional variant when one is known (en-US 12h, en-GB 24h). */
  locale: string;
}

/**
 * The first supported language of: the widget's own option (`data-lang`, `init({lang})`), the
 * host page's `<html lang>`, the browser's languages; else English. Only the primary subtag has
 * to match (`nl-BE` → nl). Times use the matching tag if it has a region, else the browser's own
 * regional variant of that language, else the bare language.
 */
export function chooseLanguage(
  requested: string | null | undefined,
  page: string | null | undefined,
  browser: readonly string[],
): LanguageChoice {
  for (const tag of [requested, page, ...browser, 'en']) {
    if (!tag) continue;
    const lang = primary(tag);
    if (!isLanguage(lang)) continue;
    const regional = [tag, ...browser].find((t) => primary(t) === lang && /[-_]/.test(t.trim()));
    return { lang, locale: canonical(regional) ?? lang };
  }
  return { lang: 'en', locale: 'en' };
}

/** The active dictionary: English until `setDictionary` fills in the visitor's language. */
export const t: Dictionary = { ...en };

/**
 * Picks the visitor's language (see `chooseLanguage`) and its locale for every time shown. The
 * words stay English until the language's dictionary arrives (`setDictionary`).
 */
export function applyLanguage(requested?: string | null): LanguageChoice {
  const choice = chooseLanguage(
    requested,
    document.documentElement.getAttribute('lang'),
    navigator.languages?.length ? navigator.languages : [navigator.language],
  );
  Object.assign(t, en);
  setTimeLocale(choice.locale);
  return choice;
}

/** Every string shown from now on comes from `dictionary`. */
export function setDictionary(dictionary: Dictionary): void {
  Object.assign(t, dictionary);
}
