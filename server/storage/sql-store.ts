/**
 * The store, once for both databases: the repositories by concern (sites.ts, conversations.ts)
 * composed into one class. Each database's class adds how `recordFacts` calls are gathered into
 * transactions (sqlite.ts, postgres.ts), where the two really differ; record.ts decides what a
 * batch writes.
 *
 * Facts are the source of truth; the conversation rows are their derivation, rewritten in the
 * transaction that adds to them, which commits before the call returns, so an acknowledgement
 * never outruns a commit.
 */
import { CamelCasePlugin, Kysely, sql, type Dialect as KyselyDialect } from 'kysely';
import type { Fact } from '../../shared/facts';
import { conversationRepository } from './conversations';
import type { Dialect } from './dialect';
import { historyRepository } from './history';
import { ratingRepository } from './ratings';
import { followupRepository } from './followups';
import { integrationRepository } from './integrations';
import { webhookRepository } from './webhooks';
import type { Answer } from './record';
import { SiteCache, siteRepository } from './sites';
import type { RecordOptions, RecordResult, Site, Store } from './store';
import type { Tables } from './tables';

/** A base class whose instances carry the given methods: the repositories, composed into one. */
const composed = <T extends object>() =>
  function (this: T, parts: T) {
    Object.assign(this, parts);
  } as unknown as new (parts: T) => T;

export abstract class SqlStore
  extends composed<Omit<Store, 'ping' | 'close' | 'observeCommits' | 'recordFacts'>>()
  implements Store
{
  /** Sites and agent lists in memory, where this store is its database's only writer. */
  protected readonly cache: SiteCache;
  private commitListener: ((facts: number) => void) | undefined;
  private closed = false;

  /** The database, through Kysely: snake_case columns there, camelCase here. */
  readonly db: Kysely<Tables>;

  constructor(
    database: KyselyDialect,
    readonly dialect: Dialect,
  ) {
    // JSON values (parsed by PostgreSQL's driver) keep their own keys.
    const plugins = [new CamelCasePlugin({ maintainNestedObjectKeys: true })];
    const db = new Kysely<Tables>({ dialect: database, plugins });
    const cache = new SiteCache(!dialect.manyWriters);
    super({
      ...siteRepository(db, dialect, cache),
      ...conversationRepository(db, dialect, cache),
      ...ratingRepository(db, dialect),
      ...historyRepository(db, dialect),
      ...followupRepository(db, dialect),
      ...integrationRepository(db),
      ...webhookRepository(db, dialect),
    });
    this.db = db;
    this.cache = cache;
  }

  abstract recordFacts(
    site: Site,
    facts: readonly Fact[],
    options?: RecordOptions,
  ): Promise<RecordResult>;

  async ping(): Promise<void> {
    await sql`SELECT 1`.execute(this.db);
  }

  async close(): Promise<void> {
    // Idempotent: the server closes its store, and so may a test after it.
    if (this.closed) return;
    this.closed = true;
    await this.db.destroy();
  }

  observeCommits(listener: (facts: number) => void): void {
    this.commitListener = listener;
  }

  /** Answers a committed batch's calls, and tells the listener how many facts it stored. */
  protected answer(answers: readonly Answer[]): void {
    for (const { give } of answers) give();
    this.commitListener?.(answers.reduce((sum, { stored }) => sum + stored, 0));
  }
}
