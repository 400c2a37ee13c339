/**
 * Where webhooks may go (server-side request forgery): in production, never to this machine,
 * its private networks or any address that is not on the public internet, unless the operator
 * allowed it (PEAKEND_WEBHOOK_ALLOW). The check runs on the address a connection is about to
 * use (the `lookup` of the request), not on a name resolved earlier, so a name that resolves to
 * a public address when checked and to 127.0.0.1 when connecting (DNS rebinding) is refused.
 */
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { BlockList, isIP } from 'node:net';

/** Ranges that are not the public internet (IANA special-purpose registries). */
const NOT_PUBLIC: [string, number, 'ipv4' | 'ipv6'][] = [
  ['0.0.0.0', 8, 'ipv4'], // "this network"
  ['10.0.0.0', 8, 'ipv4'], // private
  ['100.64.0.0', 10, 'ipv4'], // carrier-grade NAT
  ['127.0.0.0', 8, 'ipv4'], // loopback
  ['169.254.0.0', 16, 'ipv4'], // link-local (cloud metadata services live here)
  ['172.16.0.0', 12, 'ipv4'], // private
  ['192.0.0.0', 24, 'ipv4'], // protocol assignments
  ['192.0.2.0', 24, 'ipv4'], // documentation
  ['192.88.99.0', 24, 'ipv4'], // 6to4 relay
  ['192.168.0.0', 16, 'ipv4'], // private
  ['198.18.0.0', 15, 'ipv4'], // benchmarking
  ['198.51.100.0', 24, 'ipv4'], // documentation
  ['203.0.113.0', 24, 'ipv4'], // documentation
  ['224.0.0.0', 4, 'ipv4'], // multicast
  ['240.0.0.0', 4, 'ipv4'], // reserved, and broadcast
  ['::', 128, 'ipv6'], // unspecified
  ['::1', 128, 'ipv6'], // loopback
  ['64:ff9b::', 96, 'ipv6'], // NAT64
  ['100::', 64, 'ipv6'], // discard
  ['2001:db8::', 32, 'ipv6'], // documentation
  ['fc00::', 7, 'ipv6'], // unique local
  ['fe80::', 10, 'ipv6'], // link-local
  ['ff00::', 8, 'ipv6'], // multicast
];

const notPublic = new BlockList();
for (const [address, prefix, type] of NOT_PUBLIC) notPublic.addSubnet(address, prefix, type);

export class ForbiddenDestination extends Error {}

/**
 * What the operator allows despite the rules: host names (exact, any case) and addresses or
 * subnets (`10.1.2.3`, `10.0.0.0/8`, `fd00::/8`), from PEAKEND_WEBHOOK_ALLOW.
 */
export interface Allowlist {
  hosts: Set<string>;
  addresses: BlockList;
}

/** Parses the allowlist's entries; throws on one that is neither a host name nor an address. */
export function parseAllowlist(entries: readonly string[]): Allowlist {
  const hosts = new Set<string>();
  const addresses = new BlockList();
  for (const raw of entries) {
    const entry = raw.trim().toLowerCase();
    if (!entry) continue;
    const [address = '', prefix] = entry.split('/');
    const type = isIP(address);
    if (type !== 0) {
      const family = type === 4 ? 'ipv4' : 'ipv6';
      const bits = prefix === undefined ? (type === 4 ? 32 : 128) : Number(prefix);
      if (!Number.isInteger(bits) || bits < 0 || bits > (type === 4 ? 32 : 128)) {
        throw new Error(`"${raw}" has no valid prefix length`);
      }
      addresses.addSubnet(address, bits, family);
    } else if (
      prefix === undefined &&
      /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/.test(entry)
    ) {
      hosts.add(entry);
    } else {
      throw new Error(`"${raw}" is neither a host name nor an address or subnet`);
    }
  }
  return { hosts, addresses };
}

/**
 * An IPv4-mapped IPv6 address's IPv4 form (`::ffff:127.0.0.1` and `::ffff:7f00:1` →
 * `127.0.0.1`), else null: it reaches the IPv4 address, so it is judged as one.
 */
function mappedIpv4(address: string): string | null {
  const dotted = /^(?:0{0,4}:){0,4}:?(?:0{0,4}:)?ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (dotted?.[1]) return dotted[1];
  const hex = /^(?:0{0,4}:){0,4}:?(?:0{0,4}:)?ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(address);
  if (!hex?.[1] || !hex[2]) return null;
  const high = Number.parseInt(hex[1], 16);
  const low = Number.parseInt(hex[2], 16);
  return [high >> 8, high & 255, low >> 8, low & 255].join('.');
}

/** Whether a connection may go to `address` (an IP address, as resolved). */
export function mayConnect(address: string, allow: Allowlist): boolean {
  const v4 = mappedIpv4(address);
  const [checked, family] = v4
    ? [v4, 'ipv4' as const]
    : [address, isIP(address) === 4 ? ('ipv4' as const) : ('ipv6' as const)];
  if (allow.addresses.check(checked, family)) return true;
  return !notPublic.check(checked, family);
}

export interface DestinationGuard {
  /** Refuses a URL whose host is itself an address that may not be reached (no lookup runs). */
  checkHost(hostname: string): void;
  /** A `lookup` for http(s).request that refuses addresses that may not be reached. */
  lookup: typeof dnsLookup;
}

/**
 * The guard of `allow`; `enforce` false lets everything through (development and tests, which
 * run their receivers on loopback).
 */
export function destinationGuard(enforce: boolean, allow: Allowlist): DestinationGuard {
  const hostAllowed = (host: string) => !enforce || allow.hosts.has(host.toLowerCase());
  const refuse = (host: string, address: string) =>
    new ForbiddenDestination(
      `${host} resolves to ${address}, which is not a public address (allow it with PEAKEND_WEBHOOK_ALLOW)`,
    );
  const lookup = ((
    hostname: string,
    options: LookupOptions,
    callback: (
      error: NodeJS.ErrnoException | null,
      address: string | LookupAddress[],
      family?: number,
    ) => void,
  ) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '');
      if (!hostAllowed(hostname)) {
        const bad = addresses.find((a) => !mayConnect(a.address, allow));
        if (bad) return callback(refuse(hostname, bad.address), '');
      }
      if (options.all) return callback(null, addresses);
      const first = addresses[0];
      if (!first) return callback(new Error(`${hostname} has no address`), '');
      callback(null, first.address, first.family);
    });
  }) as typeof dnsLookup;
  return {
    checkHost(hostname) {
      const bare = hostname.replace(/^\[|\]$/g, '');
      if (isIP(bare) === 0 || hostAllowed(bare)) return;
      if (!mayConnect(bare, allow)) throw refuse(hostname, bare);
    },
    lookup,
  };
}
