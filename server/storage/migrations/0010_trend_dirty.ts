/**
 * Days writes touched are summed again when trends are read, not in every write (trends.ts):
 * this table lists them until then. Existing sites' days are all summed already.
 */
import type { Kysely, Migration } from 'kysely';
import type { Dialect } from '../dialect';
import type { Tables } from '../tables';

export const trendDirty = (dialect: Dialect): Migration => ({
  async up(db: Kysely<Tables>) {
    const { text, ms } = dialect.types;
    const compact = dialect.kind === 'sqlite' ? 'WITHOUT ROWID' : '';
    await dialect.script(
      db,
      `CREATE TABLE trend_dirty (
        site_id ${text} NOT NULL,
        day_end ${ms} NOT NULL,
        subject ${text} NOT NULL,
        PRIMARY KEY (site_id, day_end, subject)
      ) ${compact};`,
    );
  },
});
