/**
 * A refusal's problems (`issues`: a dotted path and a message, from the server's zod schemas)
 * put next to the fields they are about, so a form says "Line 2: …" under the origins instead of
 * "The request body is invalid. allowedOrigins.1: …" at its top (adminRefusals.ts words them).
 */
import type { AckError, Issue } from '../../shared/ack';

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

/** A sentence from a problem's message ("must be …"), capitalised and ended. */
export function sentence(message: string): string {
  const text = message.trim();
  const capital = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}
