/**
 * Whether a member answers chats (issue 13): an admin who never does is left out of the live
 * scores and the scores API while they have no observations. Everyone answers chats until an
 * admin says otherwise, as before.
 */
import type { Kysely, Migration } from 'kysely';
import type { Dialect } from '../dialect';
import type { Tables } from '../tables';

export const answersChats = (dialect: Dialect): Migration => ({
  async up(db: Kysely<Tables>) {
    const { int } = dialect.types;
    await dialect.script(
      db,
      `ALTER TABLE agents ADD COLUMN answers_chats ${int} NOT NULL DEFAULT 1;`,
    );
  },
});
