/**
 * Agents from other systems get names (issue 12, §4). Each agent row says where its name came
 * from (`name_source`): its id, an event that carried a name (`named_at`, the time of that event,
 * so the latest wins whatever order deliveries arrive in), or the site's team (the members API,
 * an invite, the operator), which events never override. An agent id a helpdesk uses may be
 * linked to a member of the site (`member_id`), and is then shown by the member's name.
 *
 * Rows from before: an agent named by anything but its id was named by a person.
 */
import { sql, type Kysely, type Migration } from 'kysely';
import type { Dialect } from '../dialect';
import type { Tables } from '../tables';

export const agentNames = (dialect: Dialect): Migration => ({
  async up(db: Kysely<Tables>) {
    const { text, ms } = dialect.types;
    await dialect.script(
      db,
      `ALTER TABLE agents ADD COLUMN name_source ${text} NOT NULL DEFAULT 'id';
      ALTER TABLE agents ADD COLUMN named_at ${ms};
      ALTER TABLE agents ADD COLUMN avatar_url ${text};
      ALTER TABLE agents ADD COLUMN member_id ${text};`,
    );
    await sql`UPDATE agents SET name_source = 'team'
      WHERE name <> id OR account_id IS NOT NULL`.execute(db);
  },
});
