import { monotonicFactory } from 'ulid';

/**
 * Ids for facts the server creates. Time-ordered and strictly increasing, so two facts stamped in
 * the same millisecond keep the order in which they happened (facts sort by `(at, id)`).
 */
export type IdSource = () => string;

export function createIdSource(): IdSource {
  const next = monotonicFactory();
  return () => next();
}
