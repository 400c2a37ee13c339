/**
 * Every string the visitor sees or hears, in one place so other languages can be added later
 * (same keys, same function signatures). Accessible names listed in the product brief are part
 * of the UI contract: browser tests and screen readers rely on them.
 *
 * Every language, English too, is a chunk of its own (i18n/*.ts, built by vite.config.ts), of
 * which a visitor downloads only theirs (languages.ts): the app carries none.
 */
import type { Dimension, Polarity } from '../../shared/facts';
import { chooseLanguage, type LanguageChoice } from '../../shared/languages';
import { setTimeLocale } from './format';

export {
  LANGUAGES,
  chooseLanguage,
  type Language,
  type LanguageChoice,
} from '../../shared/languages';

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

/** "Anna" from "Anna Jansen": friendlier in sentences ("Anna will get back to you…"). */
export function firstName(name: string): string {
  return name.trim().split(/\s+/)[0] || name;
}

/**
 * The active dictionary, filled in by `setDictionary` once the visitor's language has arrived;
 * nothing is drawn before (mount.tsx).
 */
export const t = {} as Dictionary;

/**
 * Picks the visitor's language (see `chooseLanguage`) and its locale for every time shown. The
 * words come with the language's dictionary (`setDictionary`).
 */
export function applyLanguage(requested?: string | null): LanguageChoice {
  const choice = chooseLanguage(
    requested,
    document.documentElement.getAttribute('lang'),
    navigator.languages?.length ? navigator.languages : [navigator.language],
  );
  setTimeLocale(choice.locale);
  return choice;
}

/** Every string shown from now on comes from `dictionary`. */
export function setDictionary(dictionary: Dictionary): void {
  Object.assign(t, dictionary);
}
