/**
 * A refusal's problems (`issues`: a dotted path and a message, from the server's zod schemas)
 * put next to the fields they are about, so a form says "Line 2: …" under the origins instead of
 * "The request body is invalid. allowedOrigins.1: …" at its top.
 */
import type { AckError, Issue } from '../../shared/ack';
import type { ConsoleDictionary } from './i18n';
import { en } from './i18n/en';

export interface FieldIssues {
  /** Messages by field, in the order the server named them. */
  byField: ReadonlyMap<string, string[]>;
  /** Problems no field of the form shows: said at the top, as before. */
  rest: Issue[];
}

/**
 * `fieldOf` names the form's field a problem is about, and may reword it (an issue's path says
 * which line of a list it is): `[field, message]`, or null when no field shows it.
 */
export function issuesByField(
  error: AckError | null,
  fieldOf: (issue: Issue) => [field: string, message: string] | null,
): FieldIssues {
  const byField = new Map<string, string[]>();
  const rest: Issue[] = [];
  for (const issue of error?.issues ?? []) {
    const placed = fieldOf(issue);
    if (!placed) {
      rest.push(issue);
      continue;
    }
    const [field, message] = placed;
    byField.set(field, [...(byField.get(field) ?? []), message]);
  }
  return { byField, rest };
}

/** What the note at the top says (in English) when every problem shows at its field. */
export const SEE_FIELDS = en.shell.errors.seeFields;

/**
 * The top note of a refusal whose problems show at their fields, in the language of `t` (pass
 * the dictionary shown; English otherwise).
 */
export function topError(
  error: AckError,
  issues: FieldIssues,
  t: ConsoleDictionary = en,
): AckError {
  if (!error.issues || error.issues.length === 0) return error;
  return { ...error, message: t.shell.errors.seeFields, issues: issues.rest };
}

/** A sentence from zod's message ("must be …"), capitalised and ended. */
export function sentence(message: string): string {
  const text = message.trim();
  const capital = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}
