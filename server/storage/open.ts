import type { Config } from '../config';
import { openSqliteStore, StorageError } from './sqlite';
import type { Store } from './store';

/** The store named by DATABASE_URL. */
export async function openStore(database: Config['database']): Promise<Store> {
  switch (database.kind) {
    case 'sqlite':
      return openSqliteStore(database.path);
    case 'postgres':
      throw new StorageError(
        'DATABASE_URL names PostgreSQL, which this version of Peakend cannot use yet. ' +
          'Use sqlite:PATH (the default is sqlite:./data/peakend.db).',
      );
  }
}
