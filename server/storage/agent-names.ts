/**
 * Names that facts carry for agents (issue 12, §4): a helpdesk's events say who the agent is
 * ("Ben de Vries" for `ben.zd@kestrel`), and Peakend shows that name wherever it shows the agent.
 *
 * The names are an integrator's text, sent with the site key, so they are held to three rules:
 * - the latest by the fact's own time wins, whatever order deliveries arrive in;
 * - a name the site's team gave (the agents API, an account, an invite) is never overridden, so a
 *   member's own id always shows the member's own name;
 * - a name that reads as the name of someone on the team (any case, spacing, width or invisible
 *   character) is not taken: the agent id keeps the name it had, so an outside system cannot make
 *   its agent look like a member. The team links the id to the member instead (agents API).
 * Everything here runs in the site's write transaction, on that site's rows only.
 */
import type { Kysely } from 'kysely';
import type { Fact } from '../../shared/facts';
import type { Tables } from './tables';

interface EventNaming {
  agentId: string;
  name: string;
  avatarUrl: string | undefined;
  at: number;
}

/** The latest name (by the fact's time, then id) each agent's facts carry. */
export function namingsOf(facts: readonly Fact[]): EventNaming[] {
  const latest = new Map<string, EventNaming & { factId: string }>();
  for (const fact of facts) {
    if (!('agentName' in fact) || fact.agentName === undefined || !fact.agentId) continue;
    const seen = latest.get(fact.agentId);
    if (seen && (seen.at > fact.at || (seen.at === fact.at && seen.factId > fact.id))) continue;
    latest.set(fact.agentId, {
      agentId: fact.agentId,
      name: fact.agentName,
      avatarUrl: fact.agentAvatarUrl,
      at: fact.at,
      factId: fact.id,
    });
  }
  return [...latest.values()].map(({ factId: _, ...naming }) => naming);
}

/**
 * What two names have in common when a reader would take one for the other: the same letters,
 * whatever their case, width, accents, spacing or invisible characters between them.
 */
export function nameLikeness(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\p{Cf}\p{Mn}\s\p{Z}]+/gu, '')
    .toLocaleLowerCase('en');
}

/** Applies the names facts carry to the site's agents; whether any changed. */
export async function nameAgentsFromFacts(
  db: Kysely<Tables>,
  siteId: string,
  facts: readonly Fact[],
): Promise<boolean> {
  const namings = namingsOf(facts);
  if (namings.length === 0) return false;
  const team = await db
    .selectFrom('agents')
    .select(['id', 'name'])
    .where('siteId', '=', siteId)
    .where((eb) => eb.or([eb('accountId', 'is not', null), eb('nameSource', '=', 'team')]))
    .execute();
  const teamNames = new Map(team.map((agent) => [nameLikeness(agent.name), agent.id]));
  let changed = false;
  for (const { agentId, name, avatarUrl, at } of namings) {
    const holder = teamNames.get(nameLikeness(name));
    if (holder !== undefined && holder !== agentId) continue;
    const result = await db
      .updateTable('agents')
      // A fact without a picture keeps the one an earlier fact gave.
      .set((eb) => ({
        name,
        avatarUrl: avatarUrl ?? eb.ref('avatarUrl'),
        nameSource: 'event',
        namedAt: at,
      }))
      .where('siteId', '=', siteId)
      .where('id', '=', agentId)
      .where('accountId', 'is', null)
      .where('nameSource', '<>', 'team')
      .where((eb) => eb.or([eb('namedAt', 'is', null), eb('namedAt', '<=', at)]))
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) > 0) changed = true;
  }
  return changed;
}
