/**
 * Each site remembers the derivation rules (FOLD_VERSION) all its conversations are derived by,
 * so a start asks "which sites have conversations derived by older rules?" of the sites alone
 * instead of reading every conversation's fold (seconds at a million conversations). Sites from
 * before say 0: the first start checks their conversations once, then records the version.
 */
import type { Kysely, Migration } from 'kysely';
import type { Tables } from '../tables';

export const derivedVersion: Migration = {
  async up(db: Kysely<Tables>) {
    await db.schema
      .alterTable('sites')
      .addColumn('derived_version', 'integer', (column) => column.notNull().defaultTo(0))
      .execute();
  },
};
