/**
 * What the SQLite and PostgreSQL stores share: row shapes and their mapping to the Store's
 * types, and the error a store throws when it cannot serve.
 */
import type { Fact } from '../../shared/facts';
import { ZSiteSettings } from '../../shared/settings';
import type { Account, AccountRecord, Agent, Invite, Role, Site } from './store';

/** Storage cannot be reached, or is not in a shape this version understands. */
export class StorageError extends Error {}

/** An agent's row, read with its account's email (AGENT_COLUMNS). */
export interface AgentRow {
  site_id: string;
  id: string;
  name: string;
  role: Role;
  account_id: string | null;
  email: string | null;
  created_at: number;
}

/** Agents are always read joined to their account (alias `c`), for its email. */
export const AGENT_COLUMNS = `agents.site_id, agents.id, agents.name, agents.role,
  agents.account_id, c.email, agents.created_at`;
export const AGENTS_WITH_ACCOUNTS = `agents LEFT JOIN accounts c ON c.id = agents.account_id`;

export const toAgent = (row: AgentRow): Agent => ({
  siteId: row.site_id,
  id: row.id,
  name: row.name,
  role: row.role,
  accountId: row.account_id,
  email: row.email,
  createdAt: row.created_at,
});

export interface AccountRow {
  id: string;
  email: string;
  name: string;
  password_hash: string | null;
  created_at: number;
  home_site_id: string | null;
  verified_at: number | null;
}

export const toAccount = (row: AccountRow): Account => ({
  id: row.id,
  email: row.email,
  name: row.name,
  createdAt: row.created_at,
});

export const toAccountRecord = (row: AccountRow): AccountRecord => ({
  account: toAccount(row),
  passwordHash: row.password_hash,
  homeSiteId: row.home_site_id,
  verifiedAt: row.verified_at,
});

/** Whether a store error is a unique constraint refusing a row (SQLite and PostgreSQL alike). */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (
    code === '23505' ||
    code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  );
}

export interface InviteRow {
  id: string;
  token_hash: string;
  site_id: string;
  email: string;
  role: Role;
  agent_id: string | null;
  created_at: number;
  expires_at: number;
}

export const toInvite = (row: InviteRow): Invite => ({
  id: row.id,
  tokenHash: row.token_hash,
  siteId: row.site_id,
  email: row.email,
  role: row.role,
  agentId: row.agent_id,
  createdAt: row.created_at,
  expiresAt: row.expires_at,
});

/** A site's row, with its JSON columns already parsed (SQLite hands back text: parse first). */
export interface SiteRow {
  id: string;
  name: string;
  allowed_origins: unknown;
  settings: unknown;
  key_hash: string | null;
  created_at: number;
}

export const toSite = (row: SiteRow): Site => ({
  id: row.id,
  name: row.name,
  allowedOrigins: row.allowed_origins as string[],
  settings: ZSiteSettings.parse(row.settings),
  keyHash: row.key_hash,
  createdAt: row.created_at,
});

/** The agent a fact names, if any: an agent the site does not know yet becomes one. */
export function agentOf(fact: Fact): string | undefined {
  return 'agentId' in fact ? fact.agentId : undefined;
}
