/**
 * Key rotation with a grace period: the key a rotation replaced, and until when it still works
 * (with its signing secret and its visitor tokens), so a site can roll a new key out to its
 * servers before the old one stops. Sites without a grace period have neither.
 */
import type { Kysely, Migration } from 'kysely';
import type { Dialect } from '../dialect';
import type { Tables } from '../tables';

export const previousKey = (dialect: Dialect): Migration => ({
  async up(db: Kysely<Tables>) {
    const { text, ms } = dialect.types;
    await dialect.script(
      db,
      `ALTER TABLE sites ADD COLUMN previous_key_hash ${text};
       ALTER TABLE sites ADD COLUMN previous_key_until ${ms};
       CREATE INDEX sites_by_previous_key ON sites (previous_key_hash);`,
    );
  },
});
