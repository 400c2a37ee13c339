/**
 * The embedded store: one SQLite file in WAL mode with `synchronous=FULL`, so a write is on disk
 * before the call that made it returns and an acknowledgement never outruns a commit. This
 * process is its only writer, one statement at a time on one connection.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import {
  sql,
  SqliteAdapter,
  SqliteDialect,
  SqliteDriver,
  type AliasedRawBuilder,
  type DatabaseConnection,
  type DialectAdapter,
  type Driver,
  type SqliteDatabase,
  type SqliteDialectConfig,
} from 'kysely';
import type { Fact } from '../../shared/facts';
import { changeBody, numberChanges } from './changes';
import { StorageError } from './common';
import type { ColumnKind, Dialect, RowKind } from './dialect';
import { migrate } from './migrations';
import { insertRows, writeBatch, type Answer, type QueuedCall } from './record';
import { SqlStore } from './sql-store';
import type { RecordOptions, RecordResult, Site } from './store';

const TYPES: Record<ColumnKind, string> = {
  text: 'TEXT',
  key: 'TEXT',
  int: 'INTEGER',
  ms: 'INTEGER',
  real: 'REAL',
  json: 'TEXT',
  bytes: 'BLOB',
};

/** Rows as one JSON array (one parameter), each row an array of the columns' values. */
function rows<R extends Record<string, unknown>, A extends string>(
  alias: A,
  columns: { [K in keyof R]: RowKind },
  rows: readonly R[],
): AliasedRawBuilder<R, A> {
  const names = Object.keys(columns);
  const values = rows.map((row) => names.map((name) => row[name]));
  const selected = names.map((name, i) => sql`value ->> ${sql.lit(i)} AS ${sql.id(name)}`);
  return sql<R>`(SELECT ${sql.join(selected)} FROM json_each(${JSON.stringify(values)}))`.as(alias);
}

/** SQLite's side of dialect.ts; `file` runs scripts of several statements. */
function sqliteDialect(file: Database.Database): Dialect {
  const dialect: Dialect = {
    kind: 'sqlite',
    manyWriters: false,
    types: TYPES,
    isIn: (value, list) => sql`${value} IN (SELECT value FROM json_each(${JSON.stringify(list)}))`,
    rows,
    jsonText: (json, ...path) => sql`json_extract(${json}, ${sql.lit(`$.${path.join('.')}`)})`,
    bytewise: (text) => text,
    same: (a, b) => sql`${a} IS ${b}`,
    indexed: (table, alias, index) =>
      sql`${sql.table(table)} AS ${sql.id(alias)} INDEXED BY ${sql.id(index)}`,
    async appendChanges(db, siteId, drafts) {
      if (drafts.length === 0) return [];
      const at = Date.now();
      const counter = await db
        .updateTable('sites')
        .set((eb) => ({ changeSeq: eb('changeSeq', '+', drafts.length) }))
        .where('id', '=', siteId)
        .returning('changeSeq')
        .executeTakeFirst();
      if (!counter) return [];
      const last = counter.changeSeq - drafts.length;
      const bodies = drafts.map((draft, i) => ({ seq: last + 1 + i, body: changeBody(draft) }));
      const columns = { seq: 'ms', body: 'json' } as const;
      await insertRows(db, dialect, 'siteChanges', columns, bodies, { siteId, at }).execute();
      return numberChanges(siteId, last, at, drafts);
    },
    script: async (_db, statements) => void file.exec(statements),
  };
  return dialect;
}

/**
 * better-sqlite3 as Kysely uses it, each statement prepared once and kept: a query of one shape
 * always compiles to the same text, and preparing costs more than running.
 */
function preparedOnce(file: Database.Database): SqliteDatabase {
  const statements = new Map<string, Database.Statement>();
  return {
    close: () => void (file.open && file.close()),
    prepare(text) {
      let statement = statements.get(text);
      if (!statement) {
        // Shapes are few; texts of many (ad hoc scripts) are not worth keeping.
        if (statements.size >= 1000) statements.clear();
        statement = file.prepare(text);
        statements.set(text, statement);
      }
      return statement;
    },
  };
}

/** A queue of turns: each waits for the one before it to end. */
class Turns {
  private last = Promise.resolve();

  /** Resolves when it is the caller's turn, with the function that ends it. */
  async take(): Promise<() => void> {
    let end = () => {};
    const turn = new Promise<void>((resolve) => (end = resolve));
    const before = this.last;
    this.last = before.then(() => turn);
    await before;
    return end;
  }
}

/**
 * The SQLite stores of this process take turns at their connections (there is one in production;
 * tests open several, some on one file as nodes). Their statements interleave between awaits,
 * and a second connection meeting another's open transaction would wait for it in SQLite's busy
 * handler, blocking the process, so the first could never finish.
 */
const turns = new Turns();

class TakingTurns extends SqliteDriver {
  private end: (() => void) | undefined;

  override async acquireConnection(): Promise<DatabaseConnection> {
    const end = await turns.take();
    try {
      const connection = await super.acquireConnection();
      this.end = end;
      return connection;
    } catch (error) {
      end();
      throw error;
    }
  }

  override async releaseConnection(): Promise<void> {
    await super.releaseConnection();
    const end = this.end;
    this.end = undefined;
    end?.();
  }
}

/** SQLite changes its schema in a transaction like anything else: migrations commit whole. */
class TransactionalDdl extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

/** Kysely's SQLite dialect with statements prepared once, stores taking turns, DDL in transactions. */
class PeakendSqlite extends SqliteDialect {
  private readonly config: SqliteDialectConfig;

  constructor(file: Database.Database) {
    const config = { database: preparedOnce(file) };
    super(config);
    this.config = config;
  }

  override createDriver(): Driver {
    return new TakingTurns(this.config);
  }

  override createAdapter(): DialectAdapter {
    return new TransactionalDdl();
  }
}

/** Opens (creating if needed) and migrates the database at `path` (`:memory:` for tests). */
export async function openSqliteStore(path: string): Promise<SqliteStore> {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  let file: Database.Database;
  try {
    file = new Database(path);
  } catch (error) {
    throw new StorageError(
      `Cannot open the SQLite database at ${path}: ${(error as Error).message}`,
    );
  }
  file.pragma('journal_mode = WAL');
  file.pragma('synchronous = FULL');
  file.pragma('foreign_keys = ON');
  file.pragma('busy_timeout = 5000');
  const store = new SqliteStore(file);
  try {
    await migrate(store.db.withoutPlugins(), store.dialect, `The database at ${path}`);
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}

export class SqliteStore extends SqlStore {
  private readonly queued: QueuedCall[] = [];

  constructor(private readonly file: Database.Database) {
    super(new PeakendSqlite(file), sqliteDialect(file));
  }

  override async close(): Promise<void> {
    await super.close();
    if (this.file.open) this.file.close();
  }

  /**
   * Group commit: calls made in the same turn of the event loop share one transaction, and so
   * one sync to disk; each site's calls are one batch (record.ts) in a savepoint of its own, so
   * one that fails takes no other site's calls with it. Every call resolves only after the
   * shared commit.
   */
  recordFacts(
    site: Site,
    facts: readonly Fact[],
    options: RecordOptions = {},
  ): Promise<RecordResult> {
    return new Promise((resolve, reject) => {
      this.queued.push({ site, facts, options, resolve, reject });
      if (this.queued.length === 1) setImmediate(() => void this.commitQueued());
    });
  }

  private async commitQueued(): Promise<void> {
    const queued = this.queued.splice(0);
    const bySite = new Map<string, { site: Site; calls: QueuedCall[] }>();
    for (const call of queued) {
      const batch = bySite.get(call.site.id);
      if (batch) batch.calls.push(call);
      else bySite.set(call.site.id, { site: call.site, calls: [call] });
    }
    const answers: Answer[] = [];
    try {
      await this.db.transaction().execute(async (trx) => {
        for (const { site, calls } of bySite.values()) {
          await sql`SAVEPOINT site_batch`.execute(trx);
          try {
            answers.push(...(await writeBatch(trx, this.dialect, this.cache, site, calls)));
          } catch (error) {
            await sql`ROLLBACK TO site_batch`.execute(trx);
            for (const call of calls) answers.push({ stored: 0, give: () => call.reject(error) });
          }
          await sql`RELEASE site_batch`.execute(trx);
        }
      });
    } catch (error) {
      // The commit itself failed: nothing of the batch is stored.
      for (const call of queued) call.reject(error);
      return;
    }
    this.answer(answers);
  }
}
