/**
 * What the SQLite and PostgreSQL stores share: row shapes and their mapping to the Store's
 * types, and the error a store throws when it cannot serve.
 */
import type { Fact } from '../../shared/facts';
import { ZSiteSettings } from '../../shared/settings';
import type { Agent, Role, Site } from './store';

/** Storage cannot be reached, or is not in a shape this version understands. */
export class StorageError extends Error {}

export interface AgentRow {
  site_id: string;
  id: string;
  name: string;
  email: string | null;
  role: Role;
  created_at: number;
  password_hash?: string | null;
}

export const toAgent = (row: AgentRow): Agent => ({
  siteId: row.site_id,
  id: row.id,
  name: row.name,
  email: row.email,
  role: row.role,
  createdAt: row.created_at,
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
