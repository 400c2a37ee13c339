/**
 * The schema's migrations: one list for both databases, with the same names, run in name order
 * by Kysely's Migrator, which records each one run in `kysely_migration`. Name a new migration
 * with the next number; never edit one that has shipped. A database that records a migration
 * this version does not know is from a newer Peakend, and is refused rather than guessed at.
 */
import { Migrator, sql, type Kysely, type Migration } from 'kysely';
import { newerSchema, StorageError } from '../common';
import type { Dialect } from '../dialect';
import type { Tables } from '../tables';
import { baseline } from './0001_baseline';
import { derivedVersion } from './0002_derived_version';
import { rowidConversations } from './0003_rowid_conversations';
import { followups } from './0004_followups';
import { ratingIndex } from './0005_rating_index';
import { conversationSegment } from './0006_conversation_segment';
import { trendDays } from './0007_trend_days';
import { search } from './0008_search';
import { firstReplies } from './0009_first_replies';
import { trendDirty } from './0010_trend_dirty';
import { webhooks } from './0011_webhooks';
import { integrations } from './0013_integrations';
import { agentNames } from './0014_agent_names';
import { followupClosedAt } from './0015_followup_closed_at';
import { answersChats } from './0017_answers_chats';
import { redactedAt } from './0018_redacted_at';
import { previousKey } from './0019_previous_key';

const migrations = (dialect: Dialect, target: string): Record<string, Migration> => ({
  '0001_baseline': baseline(dialect, target),
  '0002_derived_version': derivedVersion,
  '0003_rowid_conversations': rowidConversations(dialect),
  '0004_followups': followups(dialect),
  '0005_rating_index': ratingIndex(dialect),
  '0006_conversation_segment': conversationSegment(dialect),
  '0007_trend_days': trendDays(dialect),
  '0008_search': search(dialect),
  '0009_first_replies': firstReplies(dialect),
  '0010_trend_dirty': trendDirty(dialect),
  '0011_webhooks': webhooks(dialect),
  '0013_integrations': integrations(dialect),
  '0014_agent_names': agentNames(dialect),
  '0015_followup_closed_at': followupClosedAt(dialect),
  '0017_answers_chats': answersChats(dialect),
  '0018_redacted_at': redactedAt(dialect),
  '0019_previous_key': previousKey(dialect),
});

/** A migration's number, which is the schema version it leaves. */
const versionOf = (name: string) => Number.parseInt(name, 10);

/**
 * Runs the migrations `db` has not had; `target` names the database in messages. `schema` is
 * where Kysely's own tables are (PostgreSQL, the store's schema).
 */
export async function migrate(
  db: Kysely<Tables>,
  dialect: Dialect,
  target: string,
  schema?: string,
): Promise<void> {
  const known = migrations(dialect, target);
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => known },
    migrationTableSchema: schema,
  });
  const { error } = await migrator.migrateToLatest();
  if (error === undefined) return;
  if (error instanceof StorageError) throw error;
  // Kysely refuses a recorded migration it was not given: say what that means.
  const table = sql.table(schema ? `${schema}.kysely_migration` : 'kysely_migration');
  const recorded = await sql<{ name: string }>`SELECT name FROM ${table}`
    .execute(db)
    .then(({ rows }) => rows.map((row) => row.name))
    .catch(() => []);
  const newer = recorded.filter((name) => !(name in known)).sort();
  const latest = newer.at(-1);
  if (latest === undefined) throw error;
  throw newerSchema(target, versionOf(latest), Math.max(...Object.keys(known).map(versionOf)));
}
