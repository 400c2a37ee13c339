/**
 * `npm run backup [-- DESTINATION]`: a consistent copy of the SQLite database, safe to take
 * while the server runs. Reads DATABASE_URL from the same environment as the server. Without a
 * destination, writes `backups/peakend-<UTC time>.db`. Relative paths are taken from the
 * directory the command was run in.
 */
import { resolve } from 'node:path';
import { z } from 'zod';
import { ConfigError, readDatabaseConfig } from './config';
import { backupSqlite, defaultBackupPath } from './storage/backup';
import { StorageError } from './storage/common';

const USAGE = 'Usage: npm run backup [-- DESTINATION.db]';

/** At most one argument, a path (an option-like word is a mistake, not a file name). */
const ZArguments = z
  .array(
    z
      .string()
      .min(1)
      .refine((arg) => !arg.startsWith('-'), 'not an option'),
  )
  .max(1, 'one destination at most');

// npm runs scripts from the package root and says where it was called from in INIT_CWD.
const ZCaller = z.object({ INIT_CWD: z.string().min(1).optional() });

async function main(): Promise<number> {
  const args = ZArguments.safeParse(process.argv.slice(2));
  if (!args.success) {
    console.error(USAGE);
    return 2;
  }
  const database = readDatabaseConfig(process.env);
  if (database.kind === 'postgres') {
    // The URL may hold a password: never repeat it.
    console.error(
      'DATABASE_URL points at PostgreSQL: back it up with pg_dump, e.g.\n' +
        '  pg_dump --format=custom --file=peakend.dump "$DATABASE_URL"\n' +
        'If DATABASE_URL ends in ?schema=NAME, remove that from the URL and add --schema=NAME.\n' +
        'Restore with pg_restore. `npm run backup` copies the SQLite store only.',
    );
    return 1;
  }
  const from = ZCaller.parse(process.env).INIT_CWD ?? process.cwd();
  const destination = resolve(from, args.data[0] ?? defaultBackupPath(new Date()));
  const result = await backupSqlite(database.path, destination);
  const megabytes = (result.bytes / 1024 / 1024).toFixed(1);
  console.info(
    `Backed up ${result.source} to ${result.destination} ` +
      `(${megabytes} MB, schema ${result.schema}).`,
  );
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof ConfigError || error instanceof StorageError) {
      console.error(error.message);
    } else {
      console.error('The backup failed:', error);
    }
    process.exit(1);
  },
);
