/**
 * Throwaway storage for tests, of either kind, so one suite can run against both stores:
 * SQLite in a temporary file, PostgreSQL in a fresh schema of its own (created here and dropped
 * by `remove`), so parallel test files and earlier runs never see each other's rows.
 *
 * PostgreSQL comes from PEAKEND_TEST_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/test).
 * When it cannot be reached, its suites are skipped with a warning, except when CI is set: then
 * they run and fail, so a broken database never passes for a green build.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { openPostgresStore } from '../../server/storage/postgres';
import { openSqliteStore } from '../../server/storage/sqlite';
import type { Store } from '../../server/storage/store';

export type StoreKind = 'sqlite' | 'postgres';

export const POSTGRES_TEST_URL =
  process.env.PEAKEND_TEST_POSTGRES_URL || 'postgres://postgres@127.0.0.1:5432/test';

export interface TestStorage {
  kind: StoreKind;
  /** DATABASE_URL for a server on this storage (PostgreSQL: with `?schema=`). */
  databaseUrl: string;
  /** Opens a store on it; open again to play a restart or a second node. */
  open(): Promise<Store>;
  /**
   * Records a migration numbered `version` as run (one this version does not know, if newer),
   * to play a database from another version of Peakend.
   */
  setSchemaVersion(version: number): Promise<void>;
  /**
   * Plays a database from before migrations were recorded by name, at `version` of its legacy
   * steps (server/storage/migrations/legacy.ts): without Kysely's tables, the version set.
   */
  setLegacyVersion(version: number): Promise<void>;
  /** Runs SQL on it directly (while no store is open on it), to play an older database. */
  execute(sql: string): Promise<void>;
  /** Deletes it (the file, or the schema with everything in it). */
  remove(): Promise<void>;
}

/** Fresh, empty storage of the given kind. */
export async function createTestStorage(kind: StoreKind): Promise<TestStorage> {
  return kind === 'sqlite' ? sqliteStorage() : postgresStorage();
}

function sqliteStorage(): TestStorage {
  const dir = mkdtempSync(join(tmpdir(), 'peakend-test-'));
  const path = join(dir, 'peakend.db');
  const execute = async (sql: string) => {
    const db = new Database(path);
    db.exec(sql);
    db.close();
  };
  return {
    kind: 'sqlite',
    databaseUrl: `sqlite:${path}`,
    open: async () => openSqliteStore(path),
    setSchemaVersion: (version) => execute(recordMigration('kysely_migration', version)),
    setLegacyVersion: (version) =>
      execute(`DROP TABLE kysely_migration; DROP TABLE kysely_migration_lock;
        PRAGMA user_version = ${Number(version)};`),
    execute,
    remove: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

async function postgresStorage(): Promise<TestStorage> {
  const why = await postgresUnavailable();
  if (why) throw new Error(`PostgreSQL tests need a database, and ${why}`);
  const schema = `peakend_test_${randomBytes(6).toString('hex')}`;
  await admin(`CREATE SCHEMA ${schema}`);
  const url = new URL(POSTGRES_TEST_URL);
  url.searchParams.set('schema', schema);
  return {
    kind: 'postgres',
    databaseUrl: url.toString(),
    open: () => openPostgresStore(POSTGRES_TEST_URL, { schema }),
    setSchemaVersion: (version) => admin(recordMigration(`${schema}.kysely_migration`, version)),
    setLegacyVersion: (version) =>
      admin(`DROP TABLE ${schema}.kysely_migration, ${schema}.kysely_migration_lock;
        UPDATE ${schema}.peakend_schema_version SET version = ${Number(version)};`),
    execute: (sql) => admin(`SET search_path TO ${schema}; ${sql}`),
    remove: () => admin(`DROP SCHEMA IF EXISTS ${schema} CASCADE`),
  };
}

/** SQL that records migration number `version` in Kysely's `table`. */
const recordMigration = (table: string, version: number) =>
  `INSERT INTO ${table} (name, timestamp) VALUES
    ('${String(Number(version)).padStart(4, '0')}_from_another_peakend', '${new Date().toISOString()}')`;

/** Runs one statement on its own short-lived connection. */
async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_TEST_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

let availability: Promise<string | null> | undefined;

/** Null when the test PostgreSQL answers, else why not (asked once per test file). */
export function postgresUnavailable(): Promise<string | null> {
  availability ??= (async () => {
    const host = new URL(POSTGRES_TEST_URL).host;
    const client = new pg.Client({
      connectionString: POSTGRES_TEST_URL,
      connectionTimeoutMillis: 3000,
    });
    try {
      await client.connect();
      await client.query('SELECT 1');
      return null;
    } catch (error) {
      const message = (error as Error).message || String((error as { code?: string }).code);
      return `PostgreSQL at ${host} is unreachable (${message}); set PEAKEND_TEST_POSTGRES_URL`;
    } finally {
      await client.end().catch(() => undefined);
    }
  })();
  return availability;
}

/**
 * Whether to skip the PostgreSQL suites of this file: only outside CI, and saying why. In CI the
 * suites run and `createTestStorage('postgres')` fails with the reason.
 */
export async function skipPostgres(): Promise<boolean> {
  const why = await postgresUnavailable();
  if (!why) return false;
  if (process.env.CI) return false;
  console.warn(`⚠ Skipping the PostgreSQL tests: ${why}. (With CI set they fail instead.)`);
  return true;
}

/** The stores a whole-product suite should run on: SQLite always, PostgreSQL unless skipped. */
export async function storeKinds(): Promise<StoreKind[]> {
  return (await skipPostgres()) ? ['sqlite'] : ['sqlite', 'postgres'];
}
