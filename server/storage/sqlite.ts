/**
 * The embedded store: one SQLite file in WAL mode with `synchronous=FULL`, so a write is on disk
 * before the call that made it returns and an acknowledgement never outruns a commit. This
 * process is its only writer, one statement at a time on one connection.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Kysely } from 'kysely';
import {
  sql,
  SqliteAdapter,
  SqliteDialect,
  SqliteDriver,
  type Compilable,
  type DatabaseConnection,
  type DialectAdapter,
  type Driver,
  type RawBuilder,
  type SqliteDatabase,
  type SqliteDialectConfig,
} from 'kysely';
import type { Fact } from '../../shared/facts';
import { changeBody, numberChanges } from './changes';
import { StorageError } from './common';
import type { ColumnKind, Dialect, Writer } from './dialect';
import type { Tables } from './tables';
import { migrate } from './migrations';
import {
  conversationRow,
  factRow,
  observationRows,
  rederived,
  ROWS,
  writeBatch,
  type Answer,
  type QueuedCall,
} from './record';
import { SQLITE_INSERT_SEARCH, searchableText, sqliteMatching } from './search';
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

/** SQLite's side of dialect.ts; `file` runs scripts of several statements, and writes. */
function sqliteDialect(file: Database.Database, db: () => Kysely<Tables>): Dialect {
  let writer: Writer | undefined;
  return {
    kind: 'sqlite',
    manyWriters: false,
    types: TYPES,
    isIn: (value, list) => sql`${value} IN (SELECT value FROM json_each(${JSON.stringify(list)}))`,
    jsonText: (json, ...path) => sql`json_extract(${json}, ${sql.lit(`$.${path.join('.')}`)})`,
    bytewise: (text) => text,
    same: (a, b) => sql`${a} IS ${b}`,
    indexed: (table, alias, index) =>
      sql`${sql.table(table)} AS ${sql.id(alias)} INDEXED BY ${sql.id(index)}`,
    // Prepared at the first write, once the tables exist; it writes on this store's one
    // connection, which the caller's transaction holds.
    matching: sqliteMatching,
    writer: () => (writer ??= sqliteWriter(db(), file)),
    script: async (_db, statements) => void file.exec(statements),
  };
}

/**
 * SQLite's writes: a statement per row, each built with Kysely and prepared once. SQLite has no
 * round trips, and a prepared statement run per row costs less than any set-based form.
 */
function sqliteWriter(db: Kysely<Tables>, file: Database.Database): Writer {
  // A named parameter, which better-sqlite3 binds from an object of values.
  const $ = (name: string) => sql.raw<never>(`@${name}`);
  const prepare = (query: Compilable) => file.prepare(query.compile().sql);
  const named = <K extends string>(columns: Record<K, unknown>) =>
    Object.fromEntries(Object.keys(columns).map((name) => [name, $(name)])) as Record<
      K,
      RawBuilder<never>
    >;

  const insertFact = prepare(db.insertInto('facts').values(named(ROWS.facts)));
  // Its searchable text, beside it in the same transaction (search.ts).
  const insertSearch = file.prepare(SQLITE_INSERT_SEARCH);
  const adoptAgent = prepare(
    db
      .insertInto('agents')
      .values({
        ...named({ siteId: 'text', id: 'text', createdAt: 'ms' }),
        name: $('id'),
        role: sql.lit('agent'),
      })
      .onConflict((oc) => oc.doNothing()),
  );
  const saveConversation = (decided: boolean) =>
    prepare(
      db
        .insertInto('conversations')
        .values(named(ROWS.conversations))
        .onConflict((oc) => oc.columns(['siteId', 'id']).doUpdateSet(rederived(decided)))
        .returning('version'),
    );
  const saveDecided = saveConversation(true);
  const saveNext = saveConversation(false);
  const dropObservations = prepare(
    db
      .deleteFrom('observations')
      .where('siteId', '=', $('siteId'))
      .where('conversationId', '=', $('conversationId'))
      .where('seq', '>=', $('kept')),
  );
  const insertObservation = prepare(db.insertInto('observations').values(named(ROWS.observations)));
  const takeSeqs = prepare(
    db
      .updateTable('sites')
      .set((eb) => ({ changeSeq: eb('changeSeq', '+', $('count')) }))
      .where('id', '=', $('siteId'))
      .returning('changeSeq as seq'),
  );
  const insertChange = prepare(
    db
      .insertInto('siteChanges')
      .values(named({ siteId: 'text', seq: 'ms', at: 'ms', body: 'json' })),
  );

  return {
    async facts(siteId, facts, receivedAt) {
      for (const fact of facts) {
        insertFact.run(factRow(siteId, fact, receivedAt));
        const text = searchableText(fact);
        if (text !== null) {
          insertSearch.run({ text, siteId, conversationId: fact.conversationId, at: fact.at });
        }
      }
    },
    async agents(siteId, ids, createdAt) {
      for (const id of ids) adoptAgent.run({ siteId, id, createdAt });
    },
    async conversations(siteId, derived) {
      const save = derived.every(({ state }) => state.version !== undefined)
        ? saveDecided
        : saveNext;
      const versions = new Map<string, number>();
      for (const conversation of derived) {
        const { version } = save.get(conversationRow(siteId, conversation)) as { version: number };
        versions.set(conversation.state.id, version);
      }
      const { kept, rows } = observationRows(siteId, derived);
      for (const { conversationId, kept: from } of kept) {
        dropObservations.run({ siteId, conversationId, kept: from });
      }
      for (const row of rows) insertObservation.run(row);
      return versions;
    },
    async changes(siteId, drafts) {
      if (drafts.length === 0) return [];
      const counter = takeSeqs.get({ siteId, count: drafts.length }) as { seq: number } | undefined;
      if (!counter) return [];
      const at = Date.now();
      const last = counter.seq - drafts.length;
      drafts.forEach((draft, i) => {
        insertChange.run({ siteId, seq: last + 1 + i, at, body: changeBody(draft) });
      });
      return numberChanges(siteId, last, at, drafts);
    },
  };
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
    super(
      new PeakendSqlite(file),
      sqliteDialect(file, () => this.db),
    );
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
    const { file } = this;
    try {
      // On the connection Kysely lends, with nothing else on it until the commit.
      await this.db.connection().execute(async (db) => {
        file.exec('BEGIN IMMEDIATE');
        try {
          for (const { site, calls } of bySite.values()) {
            file.exec('SAVEPOINT site_batch');
            try {
              answers.push(...(await writeBatch(db, this.dialect, this.cache, site, calls)));
            } catch (error) {
              file.exec('ROLLBACK TO site_batch');
              for (const call of calls) answers.push({ stored: 0, give: () => call.reject(error) });
            }
            file.exec('RELEASE site_batch');
          }
          file.exec('COMMIT');
        } finally {
          if (file.inTransaction) file.exec('ROLLBACK');
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
