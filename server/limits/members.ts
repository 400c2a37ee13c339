/**
 * Where members of a team were seen lately, so that a rating from there is taken for the team's
 * own and set aside (excluded "member", scoring.md: an agent playing the visitor and rating
 * himself 5 forty times moves nothing). Kept in the store, by account, so the rule holds across
 * restarts and nodes; rows older than a day are pruned.
 */
import type { Agent, Store } from '../storage/store';

/** How long an address stays a member's after they were last seen there. */
export const MEMBER_ADDRESS_MS = 24 * 3_600_000;

/** One form per address: an IPv4 address also seen as IPv4-mapped IPv6 is the same client. */
export function normalAddress(address: string): string {
  return address.startsWith('::ffff:') && address.includes('.')
    ? address.slice('::ffff:'.length)
    : address;
}

/** The member was at `address` at `at`: signed in, or with a console open. */
export async function noteMemberAddress(
  store: Store,
  member: Pick<Agent, 'accountId'>,
  address: string | undefined,
  at: number,
): Promise<void> {
  if (!member.accountId || !address) return;
  await store.noteMemberAddress(member.accountId, normalAddress(address), at);
}
