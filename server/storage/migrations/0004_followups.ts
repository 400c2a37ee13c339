/**
 * The follow-up queue (shared/followups.ts): one row per conversation and cause, made and
 * withdrawn in the transaction that derives the conversation (followups.ts), so however many
 * nodes hear of a change, exactly one item exists per cause.
 */
import type { Kysely, Migration } from 'kysely';
import type { Dialect } from '../dialect';
import type { Tables } from '../tables';

export const followups = (dialect: Dialect): Migration => ({
  async up(db: Kysely<Tables>) {
    const { text, key, int, ms, json } = dialect.types;
    await dialect.script(
      db,
      `
      CREATE TABLE followups (
        site_id ${text} NOT NULL,
        id ${key} NOT NULL,
        conversation_id ${text} NOT NULL,
        -- One item per conversation and cause: 'rating', 'promise:<id>', 'reopen:<fact id>'.
        cause_key ${text} NOT NULL,
        cause ${text} NOT NULL,
        agent_id ${text},
        at ${ms} NOT NULL,
        details ${json} NOT NULL,
        status ${text} NOT NULL,
        owner_id ${text},
        dismissal ${text},
        notes ${json} NOT NULL,
        created_at ${ms} NOT NULL,
        updated_at ${ms} NOT NULL,
        version ${int} NOT NULL,
        PRIMARY KEY (site_id, id)
      );
      CREATE UNIQUE INDEX followups_by_cause ON followups (site_id, conversation_id, cause_key);
      CREATE INDEX followups_by_time ON followups (site_id, at, id);
      CREATE INDEX followups_by_agent ON followups (site_id, agent_id, at);
      CREATE INDEX followups_by_owner ON followups (site_id, owner_id, at);`,
    );
  },
});
