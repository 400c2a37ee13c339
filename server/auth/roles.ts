/**
 * What each role may do on its own site, in one place. Roles are per site and ordered: a
 * supervisor may do all an agent may, an admin all a supervisor may. Nothing here reaches another
 * site: a person's role on one site says nothing about any other (docs/accounts.md).
 */
import { ROLES, type Role } from '../../shared/accounts';

/** The least role that may do each thing on a site. */
export const LEAST_ROLE = {
  /** The console: inbox, replies, promises, closing, the team's live scores, one's own breakdown. */
  work: 'agent',
  /** Any agent's breakdown, and the scores API with a console session. */
  supervise: 'supervisor',
  /** Name, allowed origins, scoring settings, the key and snippet; the team and its invites. */
  administer: 'admin',
} as const satisfies Record<string, Role>;

export type Capability = keyof typeof LEAST_ROLE;

export const roleRank = (role: Role): number => ROLES.indexOf(role);

export function may(role: Role, capability: Capability): boolean {
  return roleRank(role) >= roleRank(LEAST_ROLE[capability]);
}
