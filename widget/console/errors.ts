/**
 * A refusal in the console's language. The server words refusals in English; where the console
 * knows what a refusal's `code` means in the place it happened (`specific`), or in general (the
 * shell area's `errors`), it says that in the language shown, and only a code it does not know
 * shows the server's own words. English keeps the server's words, which are the most precise.
 *
 * The console's own failures (its connection is down, the server did not answer) are worded in
 * English where they happen (live.ts, http.ts) and recognised here by those words.
 */
import type { AckError, ErrorCode } from '../../shared/ack';
import type { ConsoleDictionary } from './i18n';
import { en } from './i18n/en';

/** Words for a refusal of one code: given the server's message, which English shows. */
export type Worded = (serverMessage: string) => string;

/** Words for refusals of some codes, where their meaning is known (a wrong password). */
export type SpecificWords = Partial<Record<ErrorCode, Worded>>;

const OWN = ['offline', 'notConnected', 'timeout', 'unreachable'] as const;

type Refused = Pick<AckError, 'code' | 'message' | 'retryAfterSeconds'>;

export function errorText(error: Refused, t: ConsoleDictionary, specific: SpecificWords = {}) {
  const own = OWN.find((key) => error.message === en.shell.errors[key]);
  if (own) return t.shell.errors[own];
  const word = specific[error.code];
  if (word) return word(error.message);
  const { errors } = t.shell;
  if (error.code === 'rate_limited') {
    return errors.rate_limited(error.message, error.retryAfterSeconds);
  }
  // A code from a newer server than this console: its own words.
  if (!Object.hasOwn(errors, error.code)) return error.message;
  return (errors[error.code] as Worded)(error.message);
}
