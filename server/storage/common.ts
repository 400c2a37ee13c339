/** What every part of the storage shares: its error, and what a fact says about agents. */
import type { Fact } from '../../shared/facts';

/** Storage cannot be reached, or is not in a shape this version understands. */
export class StorageError extends Error {}

/** The refusal of a database whose schema is newer than this version of Peakend knows. */
export const newerSchema = (target: string, version: number, known: number) =>
  new StorageError(
    `${target} has schema version ${version}, newer than this version of Peakend understands ` +
      `(${known}). Upgrade Peakend, or point DATABASE_URL at another database.`,
  );

/** Whether a store error is a unique constraint refusing a row (SQLite and PostgreSQL alike). */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (
    code === '23505' ||
    code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  );
}

/** The agent a fact names, if any: an agent the site does not know yet becomes one. */
export function agentOf(fact: Fact): string | undefined {
  return 'agentId' in fact ? fact.agentId : undefined;
}
