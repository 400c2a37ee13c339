/**
 * Online backup of the SQLite store: a consistent copy of the database file taken while the
 * server keeps serving. Copying the file with `cp` is not safe then: recent commits live in the
 * `-wal` file until a checkpoint, and a copy made mid-write can be torn. SQLite's backup API
 * (better-sqlite3's `db.backup()`) reads through SQLite itself, so the copy holds every commit
 * up to one instant, and nothing after it.
 */
import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { StorageError } from './common';

export interface BackupResult {
  source: string;
  destination: string;
  /** The schema of the copy (its latest migration), the same as the source's. */
  schema: string;
  bytes: number;
}

/** Where `npm run backup` writes when not told: one file per run, named by the time (UTC). */
export function defaultBackupPath(now: Date): string {
  // No colons, so the name is valid on every file system the copy may travel to.
  const stamp = now
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replaceAll(':', '-');
  return `backups/peakend-${stamp}.db`;
}

/**
 * Copies the Peakend database at `source` to `destination`, which must not exist yet (an
 * earlier backup is never overwritten). The copy is written beside the destination under a
 * temporary name and renamed only once it is complete and checked, so a file at `destination`
 * is always a whole backup.
 */
export async function backupSqlite(source: string, destination: string): Promise<BackupResult> {
  if (!existsSync(source)) {
    throw new StorageError(
      `No Peakend database at ${source}: nothing to back up. Check DATABASE_URL ` +
        '(the same value the server runs with).',
    );
  }
  if (existsSync(destination)) {
    throw new StorageError(
      `${destination} exists already: choose another name, so no earlier backup is overwritten.`,
    );
  }
  let db: Database.Database;
  try {
    // Read-only: the backup never writes to the live database, nor migrates it.
    db = new Database(source, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new StorageError(
      `Cannot open the SQLite database at ${source}: ${(error as Error).message}`,
    );
  }
  const partial = `${destination}.partial`;
  // With the files SQLite may have made beside it while checking it.
  const removePartial = () =>
    ['', '-wal', '-shm', '-journal'].forEach((end) => rmSync(partial + end, { force: true }));
  try {
    // A read may wait a moment on the server's checkpoint or on WAL recovery after a crash.
    db.pragma('busy_timeout = 5000');
    const schema = schemaOf(db, source);
    mkdirSync(dirname(destination), { recursive: true });
    // A leftover of an interrupted run is incomplete by definition.
    removePartial();
    await db.backup(partial, {
      // Copy every remaining page in one step, inside one read transaction. Copied a slice at a
      // time, each commit the server makes in between restarts the backup, so under steady
      // traffic it might never finish; in one step it sees a single snapshot, and in WAL mode
      // the server's writers are not held up by this reader.
      progress: () => 0x7fffffff,
    });
    checkCopy(partial, schema);
    renameSync(partial, destination);
    return { source, destination, schema, bytes: statSync(destination).size };
  } catch (error) {
    removePartial();
    throw error;
  } finally {
    db.close();
  }
}

/**
 * The schema a database is at: its latest migration, or its legacy version if no version of
 * Peakend since then has opened it (migrations/legacy.ts). Null: no Peakend schema in it.
 */
function schemaIn(db: Database.Database): string | null {
  const has = (table: string) =>
    db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(table) !==
    undefined;
  if (!has('facts')) return null;
  if (has('kysely_migration')) {
    const { name } = db.prepare('SELECT max(name) AS name FROM kysely_migration').get() as {
      name: string | null;
    };
    if (name) return name;
  }
  const legacy = db.pragma('user_version', { simple: true }) as number;
  return legacy > 0 ? `legacy version ${legacy}` : null;
}

/** The source's schema; refuses a file that is not a Peakend database. */
function schemaOf(db: Database.Database, source: string): string {
  let schema: string | null;
  try {
    schema = schemaIn(db);
  } catch (error) {
    throw new StorageError(`Cannot read the database at ${source}: ${(error as Error).message}`);
  }
  if (schema === null) {
    throw new StorageError(
      `${source} is not a Peakend database (no Peakend schema in it): check DATABASE_URL.`,
    );
  }
  return schema;
}

/**
 * The copy must open, pass SQLite's own check, and carry the source's schema version. It is also
 * taken out of WAL mode, so it is one self-contained file that opens anywhere, even read-only,
 * without `-wal` and `-shm` companions; a server started on it turns WAL on again.
 */
function checkCopy(path: string, schema: string): void {
  const copy = new Database(path, { fileMustExist: true });
  try {
    copy.pragma('journal_mode = DELETE');
    const check = copy.pragma('quick_check', { simple: true });
    const copied = schemaIn(copy);
    if (check !== 'ok' || copied !== schema) {
      throw new StorageError(
        `The backup failed its check (quick_check: ${String(check)}, schema ` +
          `${String(copied)} instead of ${schema}); nothing was written.`,
      );
    }
  } finally {
    copy.close();
  }
}
