import type { z } from 'zod';
import { describeIssues, Refusal } from '../errors';

/** Parses a request body, or refuses it with every problem named. */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  return parseOr(schema, body, 'The request body is invalid.');
}

/** Parses a query string, or refuses it with every problem named. */
export function parseQuery<S extends z.ZodType>(schema: S, query: unknown): z.output<S> {
  return parseOr(schema, query, 'The query string is invalid.');
}

function parseOr<S extends z.ZodType>(schema: S, input: unknown, message: string): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new Refusal('invalid', message, describeIssues(parsed.error.issues));
}
