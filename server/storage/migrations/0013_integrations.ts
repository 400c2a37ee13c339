/**
 * Helpdesk integrations (integrations.ts): one row per site and kind, found by the hash of the
 * token its webhook URL carries; and the reopens the Chatwoot adapter holds back until an agent
 * answers (server/integrations/chatwoot/reopens.ts).
 */
import type { Kysely, Migration } from 'kysely';
import type { Dialect } from '../dialect';
import type { Tables } from '../tables';

export const integrations = (dialect: Dialect): Migration => ({
  async up(db: Kysely<Tables>) {
    const { text, ms } = dialect.types;
    await dialect.script(
      db,
      `
      CREATE TABLE integrations (
        site_id ${text} NOT NULL,
        kind ${text} NOT NULL,
        token_hash ${text} NOT NULL,
        -- The helpdesk's own webhook secret, to check its signatures; null: none stored.
        secret ${text},
        created_at ${ms} NOT NULL,
        PRIMARY KEY (site_id, kind)
      );
      CREATE UNIQUE INDEX integrations_by_token ON integrations (token_hash);
      CREATE TABLE held_reopens (
        site_id ${text} NOT NULL,
        conversation_id ${text} NOT NULL,
        fact_id ${text} NOT NULL,
        at ${ms} NOT NULL,
        PRIMARY KEY (site_id, conversation_id, fact_id)
      );`,
    );
  },
});
