/**
 * Where members of a team were seen lately, so that a rating from there is taken for the team's
 * own and set aside (excluded "member", scoring.md: an agent playing the visitor and rating
 * himself 5 forty times moves nothing). Kept in the store, by account, so the rule holds across
 * restarts and nodes; rows older than a day are pruned.
 */
import type { Agent, Store } from '../storage/store';

/** How long an address stays a member's after they were last seen there. */
export const MEMBER_ADDRESS_MS = 24 * 3_600_000;

/**
 * One client, one form: an IPv4 address also seen as IPv4-mapped IPv6 is the same client, and
 * IPv6 addresses count by their /64 block, which one machine is usually given whole (a script
 * could otherwise take a fresh address, and a fresh allowance, for every request).
 */
export function normalAddress(address: string): string {
  if (address.startsWith('::ffff:') && address.includes('.')) {
    return address.slice('::ffff:'.length);
  }
  if (!address.includes(':')) return address;
  // Expand "::" so the first four groups are the block's (2001:db8::1 → 2001:db8:0:0::/64).
  const [scoped = ''] = address.toLowerCase().split('%'); // without a zone (fe80::1%eth0)
  const [head = '', tail] = scoped.split('::');
  const groups = head ? head.split(':') : [];
  if (tail !== undefined) {
    const rest = tail ? tail.split(':') : [];
    while (groups.length + rest.length < 8) groups.push('0');
    groups.push(...rest);
  }
  return `${groups.slice(0, 4).join(':')}::/64`;
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
