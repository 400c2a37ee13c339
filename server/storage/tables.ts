/**
 * The tables, once for both databases (migrations/ makes them). Times are epoch milliseconds
 * (INTEGER on SQLite, BIGINT on PostgreSQL, read back as numbers on both).
 */
import type { ColumnType, Generated } from 'kysely';
import type { Role } from '../../shared/accounts';

/**
 * A JSON column (TEXT on SQLite, JSONB on PostgreSQL): written as JSON text, read back as text
 * (SQLite) or already parsed (PostgreSQL), so read it with `fromJson`.
 */
export type Json = ColumnType<unknown, string, string>;

/** A JSON column's value as the application knows it. */
export const fromJson = <T>(value: unknown): T =>
  (typeof value === 'string' ? JSON.parse(value) : value) as T;

export interface Tables {
  /** Server secrets by name, made at random on first use. */
  secrets: { name: string; value: Buffer };
  sites: {
    id: string;
    name: string;
    allowed_origins: Json;
    settings: Json;
    /** SHA-256 of the site key; null: no API access. */
    key_hash: string | null;
    created_at: number;
    /** The number of the site's last change (changes.ts). */
    change_seq: Generated<number>;
  };
  /** Who a site scores; with an account, a member of its team (role) who signs in. */
  agents: {
    site_id: string;
    id: string;
    name: string;
    role: Role;
    account_id: string | null;
    created_at: number;
    last_seen_at: Generated<number | null>;
  };
  accounts: {
    id: string;
    email: string;
    name: string;
    password_hash: string | null;
    created_at: number;
    home_site_id: string | null;
    verified_at: number | null;
  };
  verifications: { token_hash: string; account_id: string; expires_at: number };
  sessions: {
    token_hash: string;
    account_id: string;
    site_id: string;
    created_at: number;
    expires_at: number;
  };
  invites: {
    id: string;
    token_hash: string;
    site_id: string;
    email: string;
    role: Role;
    agent_id: string | null;
    created_at: number;
    expires_at: number;
  };
  member_addresses: { address: string; account_id: string; seen_at: number };
  /** Every event of every conversation, as given: the source of truth. */
  facts: {
    site_id: string;
    id: string;
    conversation_id: string;
    at: number;
    body: Json;
    received_at: number;
  };
  /** Each conversation as derived from its facts, rewritten with them. */
  conversations: {
    site_id: string;
    id: string;
    status: string;
    visitor_id: string | null;
    last_activity_at: number;
    rating_agent_id: string | null;
    rating_end: number | null;
    rating_at: number | null;
    state: Json;
    /** Null only in rows from before it was kept (derived again at start). */
    evidence: Json | null;
    fold: Json | null;
    version: number;
  };
  /** Each conversation's observations, one row each, by position (seq) in its evidence. */
  observations: {
    site_id: string;
    conversation_id: string;
    seq: number;
    subject: string | null;
    dimension: string;
    value: number;
    weight: number;
    at: number;
    cause: Json;
  };
  site_changes: { site_id: string; seq: number; at: number; body: Json };
  score_checkpoints: { site_id: string; seq: number; at: number; board: Json };
}
