/**
 * The schema as it stood when migrations began to be recorded by name: made whole on a new
 * database; a database from before (a legacy version recorded, legacy.ts) gets the legacy steps
 * it is missing, which end at the same schema.
 *
 * Ids compared or sorted by the application are `key` columns: in byte order on PostgreSQL too,
 * as in SQLite and `compareFacts`, whatever the database's locale.
 */
import { sql, type Kysely, type Migration, type SqlBool } from 'kysely';
import type { Dialect } from '../dialect';
import type { Tables } from '../tables';
import { finishLegacySteps, legacyVersion, retireLegacyVersion } from './legacy';

export const baseline = (dialect: Dialect, target: string): Migration => ({
  async up(db) {
    const legacy = await legacyVersion(db, dialect);
    if (legacy === 0) await createTables(db, dialect);
    else await finishLegacySteps(db, dialect, legacy, target);
    await retireLegacyVersion(db, dialect);
  },
});

async function createTables(db: Kysely<Tables>, dialect: Dialect): Promise<void> {
  const type = dialect.type.bind(dialect);
  // Tables always read by their primary key are stored in it on SQLite.
  const compact = sql.raw(dialect.kind === 'sqlite' ? 'WITHOUT ROWID' : '');
  const { schema } = db;

  await schema
    .createTable('secrets')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', type('bytes'), (c) => c.notNull())
    .execute();
  await schema
    .createTable('sites')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('allowed_origins', type('json'), (c) => c.notNull())
    .addColumn('settings', type('json'), (c) => c.notNull())
    .addColumn('key_hash', 'text')
    .addColumn('created_at', type('ms'), (c) => c.notNull())
    .addColumn('change_seq', type('ms'), (c) => c.notNull().defaultTo(0))
    .execute();
  await schema.createIndex('sites_by_key').unique().on('sites').column('key_hash').execute();
  // People who sign in: one account per email and home site (docs/accounts.md).
  await schema
    .createTable('accounts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text')
    .addColumn('created_at', type('ms'), (c) => c.notNull())
    .addColumn('home_site_id', 'text')
    .addColumn('verified_at', type('ms'))
    .execute();
  await schema
    .createIndex('accounts_by_email')
    .unique()
    .on('accounts')
    .expression(sql`email, coalesce(home_site_id, '')`)
    .execute();
  await schema
    .createTable('agents')
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.references('accounts.id'))
    .addColumn('created_at', type('ms'), (c) => c.notNull())
    .addColumn('last_seen_at', type('ms'))
    .addPrimaryKeyConstraint('agents_pkey', ['site_id', 'id'])
    .execute();
  await schema
    .createIndex('agents_by_account')
    .unique()
    .on('agents')
    .columns(['account_id', 'site_id'])
    .execute();
  await schema
    .createTable('verifications')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().unique())
    .addColumn('expires_at', type('ms'), (c) => c.notNull())
    .execute();
  await schema
    .createTable('sessions')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('site_id', 'text', (c) => c.notNull())
    .addColumn('created_at', type('ms'), (c) => c.notNull())
    .addColumn('expires_at', type('ms'), (c) => c.notNull())
    .execute();
  await schema.createIndex('sessions_by_expiry').on('sessions').column('expires_at').execute();
  await schema.createIndex('sessions_by_account').on('sessions').column('account_id').execute();
  await schema
    .createTable('invites')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('agent_id', 'text')
    .addColumn('created_at', type('ms'), (c) => c.notNull())
    .addColumn('expires_at', type('ms'), (c) => c.notNull())
    .execute();
  await schema
    .createIndex('invites_by_site')
    .on('invites')
    .columns(['site_id', 'created_at'])
    .execute();
  // A rating from where a member was seen within a day is the team's own.
  await schema
    .createTable('member_addresses')
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('seen_at', type('ms'), (c) => c.notNull())
    .addPrimaryKeyConstraint('member_addresses_pkey', ['address', 'account_id'])
    .execute();
  await schema
    .createIndex('member_addresses_by_time')
    .on('member_addresses')
    .column('seen_at')
    .execute();

  await schema
    .createTable('facts')
    .addColumn('site_id', 'text', (c) => c.notNull())
    .addColumn('id', type('key'), (c) => c.notNull())
    .addColumn('conversation_id', 'text', (c) => c.notNull())
    .addColumn('at', type('ms'), (c) => c.notNull())
    .addColumn('body', type('json'), (c) => c.notNull())
    .addColumn('received_at', type('ms'), (c) => c.notNull())
    .addPrimaryKeyConstraint('facts_pkey', ['site_id', 'id'])
    .modifyEnd(compact)
    .execute();
  await schema
    .createIndex('facts_by_conversation')
    .on('facts')
    .columns(['site_id', 'conversation_id', 'at', 'id'])
    .execute();
  // The inbox lists only conversations with a message from their visitor.
  const body = (field: string) => dialect.jsonText(sql.ref('body'), field);
  await schema
    .createIndex('facts_visitor_messages')
    .on('facts')
    .columns(['site_id', 'conversation_id'])
    .where(sql<SqlBool>`${body('type')} = 'message' AND ${body('from')} = 'visitor'`)
    .execute();
  await schema
    .createTable('conversations')
    .addColumn('site_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('visitor_id', 'text')
    .addColumn('last_activity_at', type('ms'), (c) => c.notNull())
    .addColumn('rating_agent_id', 'text')
    .addColumn('rating_end', 'integer')
    .addColumn('rating_at', type('ms'))
    .addColumn('state', type('json'), (c) => c.notNull())
    .addColumn('evidence', type('json'))
    .addColumn('fold', type('json'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('conversations_pkey', ['site_id', 'id'])
    .modifyEnd(compact)
    .execute();
  await schema
    .createIndex('conversations_by_activity')
    .on('conversations')
    .columns(['site_id', 'last_activity_at'])
    .execute();
  await schema
    .createIndex('conversations_by_visitor')
    .on('conversations')
    .columns(['site_id', 'visitor_id', 'last_activity_at'])
    .execute();
  await schema
    .createIndex('conversations_open')
    .on('conversations')
    .columns(['site_id', 'last_activity_at'])
    .where(sql<SqlBool>`status = 'open'`)
    .execute();
  // By the agent they credit or blame (subject; null: the unassigned bucket), for breakdowns.
  await schema
    .createTable('observations')
    .addColumn('site_id', 'text', (c) => c.notNull())
    .addColumn('conversation_id', type('key'), (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('subject', 'text')
    .addColumn('dimension', 'text', (c) => c.notNull())
    .addColumn('value', type('real'), (c) => c.notNull())
    .addColumn('weight', type('real'), (c) => c.notNull())
    .addColumn('at', type('ms'), (c) => c.notNull())
    .addColumn('cause', type('json'), (c) => c.notNull())
    .addPrimaryKeyConstraint('observations_pkey', ['site_id', 'conversation_id', 'seq'])
    .modifyEnd(compact)
    .execute();
  await schema
    .createIndex('observations_by_subject')
    .on('observations')
    .columns(['site_id', 'subject', 'at'])
    .execute();
  await schema
    .createTable('site_changes')
    .addColumn('site_id', 'text', (c) => c.notNull())
    .addColumn('seq', type('ms'), (c) => c.notNull())
    .addColumn('at', type('ms'), (c) => c.notNull())
    .addColumn('body', type('json'), (c) => c.notNull())
    .addPrimaryKeyConstraint('site_changes_pkey', ['site_id', 'seq'])
    .modifyEnd(compact)
    .execute();
  await schema
    .createTable('score_checkpoints')
    .addColumn('site_id', 'text', (c) => c.primaryKey())
    .addColumn('seq', type('ms'), (c) => c.notNull())
    .addColumn('at', type('ms'), (c) => c.notNull())
    .addColumn('board', type('json'), (c) => c.notNull())
    .execute();

  if (dialect.kind === 'postgres') await createClusterTables(db);
}

/** What the nodes of one PostgreSQL database share besides the store's own tables. */
async function createClusterTables(db: Kysely<Tables>): Promise<void> {
  // Rate-limit counters (rate-limiter-flexible's layout).
  await db.schema
    .createTable('rate_limits')
    .addColumn('key', 'varchar(255)', (c) => c.primaryKey())
    .addColumn('points', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('expire', 'bigint')
    .execute();
  // The sign-in backoff's counts (server/limits/sign-in.ts).
  await db.schema
    .createTable('backoff_records')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'jsonb', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('backoff_records_by_expiry')
    .on('backoff_records')
    .column('expires_at')
    .execute();
  // Room messages between nodes too large for NOTIFY (@socket.io/postgres-adapter).
  await db.schema
    .createTable('socket_io_attachments')
    .addColumn('id', 'bigserial', (c) => c.unique())
    .addColumn('created_at', 'timestamptz', (c) => c.defaultTo(sql`now()`))
    .addColumn('payload', 'bytea')
    .execute();
}
