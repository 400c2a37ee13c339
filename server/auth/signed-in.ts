/**
 * The signed-in person as the console sees them: the agent they are on the site it shows, and
 * every site they belong to (for the site switcher and the admin screens). The same view answers
 * `GET /api/v1/session` and the socket's `inbox:list`.
 */
import type { SignedInAgent } from '../../shared/protocol';
import type { Agent, Store } from '../storage/store';

export async function signedInView(
  store: Store,
  agent: Agent,
  /** Whether Peakend sends email: then an account whose email is unproven is told so. */
  options: { mailEnabled?: boolean } = {},
): Promise<SignedInAgent> {
  const memberships = agent.accountId ? await store.membershipsOf(agent.accountId) : [agent];
  const sites = await Promise.all(
    memberships.map(async (member) => ({
      siteId: member.siteId,
      siteName: (await store.getSite(member.siteId))?.name ?? member.siteId,
      role: member.role,
    })),
  );
  const current = sites.find((site) => site.siteId === agent.siteId);
  const record =
    options.mailEnabled && agent.accountId ? await store.accountRecord(agent.accountId) : null;
  return {
    id: agent.id,
    name: agent.name,
    email: agent.email ?? '',
    siteId: agent.siteId,
    siteName: current?.siteName ?? agent.siteId,
    role: agent.role,
    sites,
    ...(record && record.verifiedAt === null && { emailUnconfirmed: true }),
  };
}
