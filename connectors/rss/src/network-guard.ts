// Article links come from a third-party feed, so one could point at the reader's own network (an
// admin panel on 10.x, a cloud metadata service on 169.254.169.254). Addresses are classified here;
// the caller decides against what the feed's own host is.
import { lookup as dnsLookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/** Every address a host name resolves to (node:dns `lookup` with `all: true`). */
export type LookupAll = (hostname: string) => Promise<{ address: string; family: number }[]>;

export const systemLookup: LookupAll = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

// Not reachable on the public internet: this host, private and shared (CGNAT) ranges, link-local,
// IETF protocol assignments, benchmarking, multicast and reserved (RFC 6890).
const IPV4_NON_PUBLIC: [string, number][] = [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
];

// Unspecified, loopback, unique-local, link-local, the retired site-local block and multicast.
const IPV6_NON_PUBLIC: [string, number][] = [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
];

function hex16(a: number, b: number): string {
  return ((a << 8) | b).toString(16);
}

const nonPublic = (() => {
  const list = new BlockList();
  for (const [net, prefix] of IPV4_NON_PUBLIC) {
    // BlockList also applies IPv4 subnets to IPv4-mapped IPv6 (::ffff:a.b.c.d).
    list.addSubnet(net, prefix, 'ipv4');
    const [a = 0, b = 0, c = 0, d = 0] = net.split('.').map(Number);
    const hi = hex16(a, b);
    const lo = hex16(c, d);
    // The same IPv4 ranges reached through NAT64 (64:ff9b::/96) and 6to4 (2002::/16) addresses.
    list.addSubnet(`64:ff9b::${hi}:${lo}`, 96 + prefix, 'ipv6');
    list.addSubnet(`2002:${hi}:${lo}::`, 16 + prefix, 'ipv6');
  }
  for (const [net, prefix] of IPV6_NON_PUBLIC) list.addSubnet(net, prefix, 'ipv6');
  return list;
})();

/**
 * Whether an IP address is loopback, private, link-local, unique-local or otherwise not public
 * (IPv4, IPv6 and IPv4-mapped IPv6). Anything that is not an IP address counts as not public.
 *
 * @example
 * isNonPublicAddress('::ffff:10.0.0.1') // true
 * isNonPublicAddress('93.184.216.34') // false
 */
export function isNonPublicAddress(address: string): boolean {
  const bare = address.replace(/%.*$/, '');
  const family = isIP(bare);
  if (family === 4) return nonPublic.check(bare, 'ipv4');
  if (family === 6) return nonPublic.check(bare, 'ipv6');
  return true;
}

/** The first non-public address `hostname` resolves to, or null when all are public. Lookup errors propagate. */
export async function nonPublicAddressOf(hostname: string, lookup: LookupAll): Promise<string | null> {
  // URL keeps IPv6 literals in brackets; the resolver wants them bare.
  const bare = hostname.replace(/^\[(.*)\]$/, '$1');
  const addresses = await lookup(bare);
  if (addresses.length === 0) throw new Error(`${bare} has no address`);
  return addresses.find((a) => isNonPublicAddress(a.address))?.address ?? null;
}
