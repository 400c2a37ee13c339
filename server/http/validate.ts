import type { z } from 'zod';
import { describeIssues, Refusal } from '../errors';

/** Parses a request body, or refuses it with every problem named. */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  throw new Refusal('invalid', 'The request body is invalid.', describeIssues(parsed.error.issues));
}
