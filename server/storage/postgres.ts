/**
 * The PostgreSQL store, for running Peakend on more than one node: the same store as SQLite's
 * (sql-store.ts), with what several writers need made explicit. Every write to a site's
 * conversations first locks the site's row (its change counter, changes.ts) and reads the
 * site's settings under that lock (record.ts), so writers of one site take turns until they
 * commit, their changes are numbered in commit order, and none derives a conversation with
 * settings that changed meanwhile. Each commit that appends changes NOTIFYs the other nodes.
 */
import { PostgresDialect, sql, type AliasedRawBuilder, type Kysely } from 'kysely';
import pg from 'pg';
import type { Fact } from '../../shared/facts';
import { changeBody, numberChanges } from './changes';
import { StorageError } from './common';
import type { ColumnKind, Dialect, Writer } from './dialect';
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
import { postgresMatching } from './search';
import { SqlStore } from './sql-store';
import type { RecordOptions, RecordResult, Site } from './store';
import type { Tables } from './tables';

export interface PostgresStoreOptions {
  /**
   * Keep Peakend's tables in this schema (created if missing) rather than the first schema of
   * the server's search_path, e.g. to share one database. `?schema=NAME` in the URL does the same.
   */
  schema?: string;
}

/** Unquoted identifiers only, so the name needs no quoting in SQL or in the startup options. */
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

const INT8_OID = 20;

/**
 * BIGINT columns hold epoch milliseconds and come back as numbers rather than pg's default
 * strings (exact up to 2^53 ms, far beyond any real time). Set on this pool only, so pg's global
 * parsers stay as other code expects them.
 */
const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID && format !== 'binary'
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig['getTypeParser'],
};

const TYPES: Record<ColumnKind, string> = {
  text: 'TEXT',
  key: 'TEXT COLLATE "C"',
  int: 'INTEGER',
  ms: 'BIGINT',
  real: 'DOUBLE PRECISION',
  json: 'JSONB',
  bytes: 'BYTEA',
};

/** PostgreSQL's side of dialect.ts; commits that append changes NOTIFY `channel`. */
const postgresDialect = (channel: string): Dialect => ({
  kind: 'postgres',
  manyWriters: true,
  types: TYPES,
  isIn: (value, list) => sql`${value} = ANY(${sql.val(list)}::text[])`,
  jsonText(json, ...path) {
    const parent = path.slice(0, -1).reduce((at, key) => sql`${at}->${sql.lit(key)}`, json);
    return sql`(${parent}->>${sql.lit(path.at(-1))})`;
  },
  bytewise: (text) => sql`${text} COLLATE "C"`,
  // coalesce, not IS NOT DISTINCT FROM, so a join on it can hash ('' is no id).
  same: (a, b) => sql`coalesce(${a}, '') = coalesce(${b}, '')`,
  indexed: (table, alias) => sql`${sql.table(table)} AS ${sql.id(alias)}`,
  matching: postgresMatching,
  writer: (db) => postgresWriter(db, channel),
  script: async (db, statements) => void (await sql.raw(statements).execute(db)),
});

/**
 * Rows as a table named `alias`, one array parameter per column (typed by what it holds), so a
 * statement's text is the same however many rows it takes.
 */
function unnest<R extends Record<string, unknown>, A extends string>(
  alias: A,
  rows: readonly R[],
  kinds: { [K in keyof R]: ColumnKind },
): AliasedRawBuilder<R, A> {
  const names = Object.keys(kinds);
  const arrays = names.map((name) => {
    const type = TYPES[kinds[name as keyof R]];
    return sql`${sql.val(rows.map((row) => row[name]))}::${sql.raw(type)}[]`;
  });
  const columns = sql`${sql.id(alias)} (${sql.join(names.map((name) => sql.id(name)))})`;
  return sql<R>`unnest(${sql.join(arrays)})`.as<A>(columns);
}

/** An INSERT of `rows` (whole rows of `table`) in one statement, whatever their number. */
function insertRows<T extends keyof Tables, R extends Record<string, unknown>>(
  db: Kysely<Tables>,
  table: T,
  rows: readonly R[],
  kinds: { [K in keyof R]: ColumnKind },
) {
  const names = Object.keys(kinds);
  const select = db
    .selectFrom(unnest('r', rows, kinds))
    .select(names.map((n) => `r.${n}` as never));
  return db
    .insertInto(table)
    .columns(names as never)
    .expression(select as never);
}

/**
 * PostgreSQL's writes: a few set-based statements per batch, whatever its size, since round
 * trips are what cost here.
 */
function postgresWriter(db: Kysely<Tables>, channel: string): Writer {
  return {
    async facts(siteId, facts, receivedAt) {
      if (facts.length === 0) return;
      const rows = facts.map((fact) => factRow(siteId, fact, receivedAt));
      await insertRows(db, 'facts', rows, ROWS.facts).execute();
    },
    async agents(siteId, ids, createdAt) {
      const rows = ids.map((id) => ({ siteId, id, name: id, role: 'agent', createdAt }));
      const kinds = {
        siteId: 'text',
        id: 'text',
        name: 'text',
        role: 'text',
        createdAt: 'ms',
      } as const;
      await insertRows(db, 'agents', rows, kinds)
        .onConflict((oc) => oc.doNothing())
        .execute();
    },
    async conversations(siteId, derived) {
      if (derived.length === 0) return new Map();
      const decided = derived.every(({ state }) => state.version !== undefined);
      const rows = derived.map((conversation) => conversationRow(siteId, conversation));
      const saved = await insertRows(db, 'conversations', rows, ROWS.conversations)
        .onConflict((oc) => oc.columns(['siteId', 'id']).doUpdateSet(rederived(decided)))
        .returning(['id', 'version'])
        .execute();
      const { kept, rows: added } = observationRows(siteId, derived);
      await db
        .deleteFrom('observations')
        .using(unnest('d', kept, { conversationId: 'text', kept: 'int' }))
        .where('observations.siteId', '=', siteId)
        .whereRef('observations.conversationId', '=', 'd.conversationId')
        .whereRef('observations.seq', '>=', 'd.kept')
        .execute();
      if (added.length > 0)
        await insertRows(db, 'observations', added, ROWS.observations).execute();
      return new Map(saved.map((row) => [row.id, row.version]));
    },
    async changes(siteId, drafts) {
      if (drafts.length === 0) return [];
      const at = Date.now();
      // One round trip, which holds the site's row from here until the commit.
      const { rows } = await sql<{ seq: number }>`
        WITH counter AS (
          UPDATE sites SET change_seq = change_seq + ${drafts.length} WHERE id = ${siteId}
          RETURNING change_seq),
        appended AS (
          INSERT INTO site_changes (site_id, seq, at, body)
          SELECT ${siteId}, (SELECT change_seq FROM counter) - ${drafts.length} + b.n, ${at},
            b.body
          FROM unnest(${sql.val(drafts.map(changeBody))}::jsonb[]) WITH ORDINALITY AS b (body, n))
        SELECT change_seq AS seq, pg_notify(${channel}, ${siteId}::text || ' ' || change_seq)
        FROM counter`.execute(db);
      const last = rows[0]?.seq;
      return last === undefined ? [] : numberChanges(siteId, last - drafts.length, at, drafts);
    },
  };
}

/** Where a URL points, for messages: host, port, database and schema; never the password. */
function describeTarget(url: URL, schema: string | undefined): string {
  const host = url.hostname || url.searchParams.get('host') || 'localhost';
  const database = decodeURIComponent(url.pathname.slice(1)) || decodeURIComponent(url.username);
  return `${host}:${url.port || '5432'}/${database}${schema ? ` (schema ${schema})` : ''}`;
}

/** A connection error's text; Node reports a refused dual-stack connect as an AggregateError. */
function reason(error: unknown): string {
  if (error instanceof AggregateError && !error.message) {
    return error.errors.map((e: unknown) => (e as Error).message).join('; ');
  }
  return (error as Error).message || String((error as { code?: string }).code ?? error);
}

/**
 * Connects, migrates and returns the store. Throws StorageError when the database cannot be
 * reached, cannot be migrated, or is from a newer version of Peakend. Kysely's Migrator holds a
 * lock in the database meanwhile, so nodes starting together take turns: the first migrates,
 * the others find nothing left to do.
 */
export async function openPostgresStore(
  url: string,
  options: PostgresStoreOptions = {},
): Promise<PostgresStore> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    // The URL may hold a password: say what is wrong without repeating it.
    throw new StorageError('DATABASE_URL is not a valid postgres:// URL.');
  }
  const schema = options.schema ?? (parsed.searchParams.get('schema') || undefined);
  if (parsed.searchParams.has('schema')) {
    parsed.searchParams.delete('schema');
    url = parsed.toString();
  }
  const where = describeTarget(parsed, schema);
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
    throw new StorageError(
      `Invalid PostgreSQL schema name "${schema}": use lower-case letters, digits and _.`,
    );
  }

  const pool = new pg.Pool({
    connectionString: url,
    types,
    // Without a timeout, a host that drops packets would hang the start and /healthz forever.
    connectionTimeoutMillis: 10_000,
    // Set at session start, so every pooled connection sees only this schema.
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  // An idle connection that dies (server restart, network) is dropped by the pool and replaced
  // on next use; without a listener the 'error' event would crash the process. /healthz (ping)
  // is where an outage shows.
  pool.on('error', () => undefined);

  let home: string | undefined;
  try {
    const client = await pool.connect();
    // Kysely's own tables go where the store's do: the first schema of the search_path.
    const { rows } = await client
      .query<{ schema: string | null }>('SELECT current_schema() AS schema')
      .finally(() => client.release());
    home = schema ?? rows[0]?.schema ?? undefined;
  } catch (error) {
    await pool.end();
    throw new StorageError(
      `Cannot reach PostgreSQL at ${where}: ${reason(error)}. ` +
        'Check DATABASE_URL and that the database server is running.',
    );
  }
  const store = new PostgresStore(pool, schema);
  try {
    const target = `The PostgreSQL database at ${where}`;
    await migrate(store.db.withoutPlugins(), store.dialect, target, home);
  } catch (error) {
    await store.close();
    if (error instanceof StorageError) throw error;
    throw new StorageError(`Cannot prepare the PostgreSQL database at ${where}: ${reason(error)}`);
  }
  return store;
}

/** The channel that carries "site S has changes up to N" between nodes of one database. */
export const changesChannel = (schema: string | undefined) =>
  schema ? `peakend_changes_${schema}` : 'peakend_changes';

/** Most calls one transaction carries; the rest wait for the next. */
const MAX_BATCH_CALLS = 500;

interface SiteQueue {
  calls: QueuedCall[];
  running: boolean;
}

export class PostgresStore extends SqlStore {
  /** Where NOTIFY announces committed changes (see changesChannel). */
  readonly channel: string;

  constructor(
    /** Also carries socket.io's messages between nodes (server/cluster.ts). */
    readonly pool: pg.Pool,
    /** The schema it works in, if not the default: nodes of one schema are one cluster. */
    readonly schema?: string,
  ) {
    const channel = changesChannel(schema);
    super(new PostgresDialect({ pool }), postgresDialect(channel));
    this.channel = channel;
  }

  override async close(): Promise<void> {
    await super.close();
    if (!this.pool.ended) await this.pool.end();
  }

  /**
   * Group commit, as SQLite's: calls for one site made while its previous batch commits wait
   * and go together in the next, one transaction with the same few statements however many
   * calls it carries (batch.ts). Each call resolves (or is refused alone) after the commit.
   */
  recordFacts(
    site: Site,
    facts: readonly Fact[],
    options: RecordOptions = {},
  ): Promise<RecordResult> {
    if (facts.length === 0) {
      return Promise.resolve({
        accepted: [],
        duplicates: 0,
        conversations: [],
        evidence: [],
        changes: [],
      });
    }
    return new Promise((resolve, reject) => {
      let queue = this.queues.get(site.id);
      if (!queue) this.queues.set(site.id, (queue = { calls: [], running: false }));
      queue.calls.push({ site, facts, options, resolve, reject });
      if (!queue.running) this.commitQueued(site, queue);
    });
  }

  private readonly queues = new Map<string, SiteQueue>();

  private commitQueued(site: Site, queue: SiteQueue): void {
    queue.running = true;
    // A turn of the event loop first, so calls made together go together.
    setImmediate(() => {
      const calls = queue.calls.splice(0, MAX_BATCH_CALLS);
      void this.commitBatch(site, calls).finally(() => {
        if (queue.calls.length > 0) this.commitQueued(site, queue);
        else {
          queue.running = false;
          this.queues.delete(site.id);
        }
      });
    });
  }

  private async commitBatch(site: Site, calls: QueuedCall[]): Promise<void> {
    let answers: Answer[];
    try {
      answers = await this.db
        .transaction()
        .execute((trx) => writeBatch(trx, this.dialect, this.cache, site, calls));
    } catch (error) {
      // Nothing of the batch is stored.
      for (const call of calls) call.reject(error);
      return;
    }
    this.answer(answers);
  }
}
