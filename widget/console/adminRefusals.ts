/**
 * The server's refusals in the admin screens' words. The server writes English: its code says
 * what kind of refusal it is, and each problem's message (zod's, or the schema's own) says what
 * is wrong with one value. Both are read back into cases a dictionary words in any language;
 * a message not recognised is shown as the server wrote it.
 */
import type { AckError, Issue } from '../../shared/ack';
import type { FieldIssues } from './fieldIssues';
import type { ConsoleDictionary } from './i18n';
import { consoleLocale } from './i18n/locale';

type Words = ConsoleDictionary['admin'];
type ErrorWords = Words['errors'];
type ProblemWords = Words['problems'];

/** Texts for the refusals an action knows more about than its code says (the server's words in). */
export type Known = Partial<Record<AckError['code'], (server: string) => string>>;

/** The refusal's message, for its code: the action's own text first, then the code's. */
export function refusalMessage(error: AckError, words: ErrorWords, known: Known = {}): string {
  const own = known[error.code];
  if (own) return own(error.message);
  switch (error.code) {
    case 'unauthorized':
      return words.unauthorized(error.message);
    case 'forbidden':
      return words.forbidden(error.message);
    case 'not_found':
      return words.notFound(error.message);
    case 'conflict':
      return words.conflict(error.message);
    case 'invalid':
      return words.invalid(error.message);
    case 'too_large':
      return words.tooLarge(error.message);
    case 'rate_limited':
      return words.rateLimited(error.message);
    case 'internal':
      return words.internal(error.message);
    case 'conversation_full':
      return words.conversationFull(error.message);
    default:
      // A code this console does not know yet: the server's words.
      return error.message;
  }
}

/**
 * A refusal to show (ErrorNote): its message for its code, and each problem worded, named by
 * `fieldName` (its form's label for the problem's path) where the form knows the field.
 */
export function wordedRefusal(
  error: AckError,
  words: Words,
  known: Known = {},
  fieldName: (path: string) => string | null = () => null,
): AckError {
  const message = refusalMessage(error, words.errors, known);
  if (!error.issues) return { ...error, message };
  return { ...error, message, issues: error.issues.map((i) => wordedIssue(i, words, fieldName)) };
}

/**
 * A form's refusal, for the note at its top: when its problems were put at their fields
 * (issuesByField), it says to look there and lists only those no field shows.
 */
export function formRefusal(
  error: AckError,
  issues: FieldIssues,
  words: Words,
  known: Known = {},
  fieldName: (path: string) => string | null = () => null,
): AckError {
  const worded = wordedRefusal(error, words, known, fieldName);
  if (!error.issues || error.issues.length === 0) return worded;
  return {
    ...worded,
    message: words.errors.seeFields,
    issues: issues.rest.map((issue) => wordedIssue(issue, words, fieldName)),
  };
}

/** One problem of a refusal's list: "Label: problem" where the field is known, else as sent. */
export function wordedIssue(
  issue: Issue,
  words: Words,
  fieldName: (path: string) => string | null = () => null,
): Issue {
  const problem = wordedProblem(issue.message, words.problems);
  const field = fieldName(issue.path);
  return field === null
    ? { path: issue.path, message: problem }
    : { path: '', message: words.errors.inField(field, problem) };
}

const number = (value: string) => new Intl.NumberFormat(consoleLocale()).format(Number(value));

/** Patterns of the server's messages, each read as one case of `problems`. */
const PROBLEMS: readonly [
  RegExp,
  (words: ProblemWords, server: string, ...m: string[]) => string,
][] = [
  [/^must not be empty$/, (w, s) => w.required(s)],
  // zod: "Too small: expected string to have >=1 characters", "… number to be >0"
  [
    /^Too small: expected (string|array|set|number|int|bigint) to (?:have|be) (>=|>)(\d+(?:\.\d+)?)/,
    (w, s, type, op, n) => {
      const inclusive = op === '>=';
      if (type === 'string') {
        if (n === '1' && inclusive) return w.required(s);
        return w.tooShort(s, number(inclusive ? n : String(Number(n) + 1)));
      }
      if (type === 'array' || type === 'set') {
        return w.tooFew(s, number(inclusive ? n : String(Number(n) + 1)));
      }
      return inclusive ? w.atLeast(s, number(n)) : w.moreThan(s, number(n));
    },
  ],
  [
    /^Too big: expected (string|array|set|number|int|bigint) to (?:have|be) (<=|<)(\d+(?:\.\d+)?)/,
    (w, s, type, op, n) => {
      const inclusive = op === '<=';
      if (type === 'string') return w.tooLong(s, number(inclusive ? n : String(Number(n) - 1)));
      if (type === 'array' || type === 'set') {
        return w.tooMany(s, number(inclusive ? n : String(Number(n) - 1)));
      }
      return inclusive ? w.atMost(s, number(n)) : w.lessThan(s, number(n));
    },
  ],
  [
    /^Too (?:small|big): expected (?:string|array|set) to have exactly (\d+)/,
    (w, s, n) => w.exactly(s, number(n)),
  ],
  [/^must be at most (\d+) characters/, (w, s, n) => w.tooLong(s, number(n))],
  [/^must be at least (\d+(?:\.\d+)?)$/, (w, s, n) => w.atLeast(s, number(n))],
  [/^must be at most (\d+(?:\.\d+)?)$/, (w, s, n) => w.atMost(s, number(n))],
  [/^Invalid input: expected int\b/, (w, s) => w.wholeNumber(s)],
  [/^Invalid input: expected number\b/, (w, s) => w.number(s)],
  [/^must be an origin\b/, (w, s) => w.origin(s)],
  [/\bIANA time zone\b/, (w, s) => w.timeZone(s)],
  [/^must be a time such as\b/, (w, s) => w.clock(s)],
  [/^must close after it opens/, (w, s) => w.closesBeforeOpens(s)],
  [/control characters/, (w, s) => w.controlCharacters(s)],
  [/NUL characters or lone surrogates|^must be plain text/, (w, s) => w.plainText(s)],
  [/^Enter a valid email address|^Invalid email/, (w, s) => w.email(s)],
  [/^must be a URL$|^Invalid URL$/, (w, s) => w.url(s)],
  [/^must be an http:\/\/ or https:\/\/ URL/, (w, s) => w.httpUrl(s)],
  [/^must not carry a user name or password/, (w, s) => w.urlCredentials(s)],
  [
    /^(\S+) resolves to \S+, which is not a public address/,
    (w, s, host) => w.privateAddress(s, host),
  ],
  [/^choose at least one event/, (w, s) => w.chooseEvent(s)],
  [/^a Slack destination hears only/, (w, s) => w.slackEvents(s)],
  [/^must be the secret Chatwoot shows/, (w, s) => w.chatwootSecret(s)],
  [/^Unrecognized keys?: (.+)$/, (w, s, names) => w.unknownSetting(s, names)],
  [/^use letters, digits and/, (w, s) => w.id(s)],
];

/** What is wrong with one value, in the console's words; as the server said it if not known. */
export function wordedProblem(message: string, words: ProblemWords): string {
  const server = message.trim();
  for (const [pattern, word] of PROBLEMS) {
    const match = pattern.exec(server);
    if (match) return word(words, server, ...match.slice(1).map((part) => part ?? ''));
  }
  return server;
}
