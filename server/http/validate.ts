import type { z } from 'zod';
import type { Issue } from '../../shared/ack';
import { describeIssues, Refusal } from '../errors';

/**
 * Parses a request body, or refuses it with every problem named. `explain` may give the refusal
 * a sentence a person can act on (a form shows it as is), from the problems found; without one
 * it says the body is invalid.
 */
export function parseBody<S extends z.ZodType>(
  schema: S,
  body: unknown,
  explain?: (issues: readonly Issue[]) => string | null,
): z.output<S> {
  return parseOr(schema, body, 'The request body is invalid.', explain);
}

/** Parses a query string, or refuses it with every problem named. */
export function parseQuery<S extends z.ZodType>(schema: S, query: unknown): z.output<S> {
  return parseOr(schema, query, 'The query string is invalid.');
}

function parseOr<S extends z.ZodType>(
  schema: S,
  input: unknown,
  message: string,
  explain?: (issues: readonly Issue[]) => string | null,
): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issues = describeIssues(parsed.error.issues);
  throw new Refusal('invalid', explain?.(issues) ?? message, issues);
}
