/**
 * Where SQLite and PostgreSQL differ, and nothing else: every query is written once (sites.ts,
 * conversations.ts, record.ts) and asks its dialect only for these few pieces, and each database
 * writes facts and their derivations its own way (Writer, record.ts).
 */
import type { Expression, Kysely, RawBuilder, SqlBool } from 'kysely';
import type { Fact } from '../../shared/facts';
import type { ConversationEvidence, FoldedConversation } from '../../shared/scoring/fold';
import type { Change, ChangeDraft } from './changes';
import type { MatchRow } from './search';
import type { Tables } from './tables';

/**
 * What a column holds, where the two databases may name its type differently: `ms` is epoch
 * milliseconds; `key` is text compared and sorted by the application, so in byte order.
 */
export type ColumnKind = 'text' | 'key' | 'int' | 'ms' | 'real' | 'json' | 'bytes';

export interface Dialect {
  readonly kind: 'sqlite' | 'postgres';
  /**
   * Whether other connections write too (PostgreSQL: many nodes): writers then lock the rows
   * they decide on. SQLite's one connection writes alone, so it may keep sites in memory.
   */
  readonly manyWriters: boolean;
  /** The SQL type of a column of each kind, for migrations. */
  readonly types: Readonly<Record<ColumnKind, string>>;
  /** Whether `value` is one of `list`, passed as one parameter however long it is. */
  isIn(value: Expression<string>, list: readonly string[]): RawBuilder<SqlBool>;
  /** The text at `path` in a JSON column (the same expression its partial indexes use). */
  jsonText(json: Expression<unknown>, ...path: string[]): RawBuilder<string | null>;
  /** Text in byte order, as SQLite and `compareFacts` sort it, whatever the server's locale. */
  bytewise<T>(text: Expression<T>): Expression<T>;
  /** Equality where null equals null (for a join on a nullable text column). */
  same(a: Expression<string | null>, b: Expression<string | null>): RawBuilder<SqlBool>;
  /** `table AS alias`, read through `index` where the planner must be told (SQLite). */
  indexed(table: string, alias: string, index: string): RawBuilder<unknown>;
  /**
   * The site's facts whose searchable text (a message, a rating's comment) holds every one of
   * `words` (shared/search.ts), as a subquery: each database's own full-text search (search.ts).
   */
  matching(siteId: string, words: readonly string[]): RawBuilder<MatchRow>;
  /** Writes what record.ts decides, in the transaction `db`: where the write path differs. */
  writer(db: Kysely<Tables>): Writer;
  /** Runs several statements at once (migrations). */
  script(db: Kysely<Tables>, statements: string): Promise<void>;
}

/**
 * A conversation to save: derived anew, with the evidence its observation rows hold now, and
 * the version its state carries when the batch decided it (else one more than its row's).
 */
export interface Derived extends FoldedConversation {
  state: FoldedConversation['state'] & { version?: number };
  before: ConversationEvidence | null;
}

/**
 * How a database writes what record.ts decided, in the caller's transaction. The rows are the
 * same on both (below); how they travel differs: a statement per row on SQLite, which has no
 * round trips, and a few set-based statements per batch on PostgreSQL, where round trips cost.
 */
export interface Writer {
  /** Stores facts not stored yet. */
  facts(siteId: string, facts: readonly Fact[], receivedAt: number): Promise<void>;
  /** Adds the agents a site does not know yet, named by their ids. */
  agents(siteId: string, ids: readonly string[], at: number): Promise<void>;
  /** Saves conversations and their observation rows; each one's new version, by id. */
  conversations(siteId: string, derived: readonly Derived[]): Promise<Map<string, number>>;
  /**
   * Numbers the drafts with the site's counter and appends them to its log; the counter is
   * held from then until the commit, so changes are numbered in commit order.
   */
  changes(siteId: string, drafts: readonly ChangeDraft[]): Promise<Change[]>;
}
