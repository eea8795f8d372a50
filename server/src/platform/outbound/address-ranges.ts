// Which IP addresses an outbound request may reach. A feed, an article link, a Mastodon instance or
// a redirect target is chosen by someone outside the server, so without this list any of them could
// point the server at itself, its network or a cloud metadata service (SSRF). The ranges are the
// IANA IPv4 and IPv6 Special-Purpose Address Registries (RFC 6890 and its updates) whose entries are
// not "globally reachable", plus every way IPv6 can wrap an IPv4 address.
import { isIP } from 'node:net';

export type AddressFamily = 4 | 6;

/** One refused block: network, prefix length, and where it is defined. */
export interface RefusedRange {
  cidr: string;
  why: string;
}

/** IPv4 blocks never reached (IANA IPv4 Special-Purpose Address Registry). */
export const REFUSED_IPV4: readonly RefusedRange[] = [
  { cidr: '0.0.0.0/8', why: '"this network", includes the unspecified 0.0.0.0 (RFC 791, RFC 1122)' },
  { cidr: '10.0.0.0/8', why: 'private (RFC 1918)' },
  { cidr: '100.64.0.0/10', why: 'shared address space, carrier-grade NAT (RFC 6598)' },
  { cidr: '127.0.0.0/8', why: 'loopback (RFC 1122)' },
  { cidr: '169.254.0.0/16', why: 'link-local, cloud metadata services (RFC 3927)' },
  { cidr: '172.16.0.0/12', why: 'private (RFC 1918)' },
  { cidr: '192.0.0.0/24', why: 'IETF protocol assignments (RFC 6890)' },
  { cidr: '192.0.2.0/24', why: 'documentation TEST-NET-1 (RFC 5737)' },
  { cidr: '192.88.99.0/24', why: 'deprecated 6to4 relay anycast (RFC 7526)' },
  { cidr: '192.168.0.0/16', why: 'private (RFC 1918)' },
  { cidr: '198.18.0.0/15', why: 'benchmarking (RFC 2544)' },
  { cidr: '198.51.100.0/24', why: 'documentation TEST-NET-2 (RFC 5737)' },
  { cidr: '203.0.113.0/24', why: 'documentation TEST-NET-3 (RFC 5737)' },
  { cidr: '224.0.0.0/4', why: 'multicast (RFC 5771)' },
  { cidr: '240.0.0.0/4', why: 'reserved, includes broadcast 255.255.255.255 (RFC 1112, RFC 919)' },
];

/** IPv6 blocks never reached (IANA IPv6 Special-Purpose Address Registry). */
export const REFUSED_IPV6: readonly RefusedRange[] = [
  { cidr: '::/128', why: 'unspecified (RFC 4291)' },
  { cidr: '::1/128', why: 'loopback (RFC 4291)' },
  { cidr: '::/96', why: 'IPv4-compatible, deprecated: ::127.0.0.1 reaches loopback on some stacks (RFC 4291 §2.5.5.1)' },
  { cidr: '::ffff:0:0/96', why: 'IPv4-mapped (RFC 4291 §2.5.5.2)' },
  { cidr: '::ffff:0:0:0/96', why: 'IPv4-translated (RFC 2765)' },
  { cidr: '64:ff9b::/96', why: 'NAT64 well-known prefix (RFC 6052)' },
  { cidr: '64:ff9b:1::/48', why: 'local-use IPv4/IPv6 translation (RFC 8215)' },
  { cidr: '100::/64', why: 'discard-only (RFC 6666)' },
  { cidr: '2001:db8::/32', why: 'documentation (RFC 3849)' },
  { cidr: '2001:10::/28', why: 'ORCHID, deprecated (RFC 4843)' },
  { cidr: 'fc00::/7', why: 'unique local (RFC 4193)' },
  { cidr: 'fe80::/10', why: 'link-local (RFC 4291)' },
  { cidr: 'fec0::/10', why: 'site-local, deprecated (RFC 3879)' },
  { cidr: 'ff00::/8', why: 'multicast (RFC 4291)' },
];

/** An address as bytes (4 or 16). */
export function addressBytes(address: string): Uint8Array | null {
  const bare = address.replace(/^\[(.*)\]$/, '$1').replace(/%.*$/, '');
  const family = isIP(bare);
  if (family === 4) return Uint8Array.from(bare.split('.').map(Number));
  if (family === 6) return ipv6Bytes(bare);
  return null;
}

function ipv6Bytes(text: string): Uint8Array {
  // isIP has already validated the text: split at "::" and fill the gap with zero groups.
  let tail4: number[] = [];
  let rest = text;
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted?.[1]) {
    tail4 = dotted[1].split('.').map(Number);
    rest = `${text.slice(0, -dotted[1].length)}0:0`;
  }
  const [head = '', tail] = rest.split('::');
  const groups = (part: string) => (part === '' ? [] : part.split(':').map((g) => Number.parseInt(g, 16)));
  const front = groups(head);
  const back = tail === undefined ? [] : groups(tail);
  const words = [...front, ...new Array(8 - front.length - back.length).fill(0), ...back];
  const bytes = new Uint8Array(16);
  words.forEach((w, i) => {
    bytes[i * 2] = w >> 8;
    bytes[i * 2 + 1] = w & 0xff;
  });
  if (tail4.length === 4) bytes.set(tail4, 12);
  return bytes;
}

/** A parsed CIDR block. */
export interface Cidr {
  bytes: Uint8Array;
  prefix: number;
  text: string;
}

/** Parses `a.b.c.d/n` or `x::y/n` (a bare address is a single host); null when it is not a CIDR. */
export function parseCidr(text: string): Cidr | null {
  const [address = '', prefixText] = text.trim().split('/');
  const bytes = addressBytes(address);
  if (!bytes) return null;
  const max = bytes.length * 8;
  const prefix = prefixText === undefined ? max : /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : Number.NaN;
  if (!(prefix >= 0 && prefix <= max)) return null;
  return { bytes, prefix, text: text.trim() };
}

/** Whether `address` (bytes of the same family) lies inside `cidr`. */
export function inCidr(address: Uint8Array, cidr: Cidr): boolean {
  if (address.length !== cidr.bytes.length) return false;
  let bits = cidr.prefix;
  for (let i = 0; bits > 0; i++, bits -= 8) {
    const mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
    if (((address[i] as number) & mask) !== ((cidr.bytes[i] as number) & mask)) return false;
  }
  return true;
}

const refused4 = REFUSED_IPV4.map((r) => ({ ...r, parsed: parseCidr(r.cidr) as Cidr }));
const refused6 = REFUSED_IPV6.map((r) => ({ ...r, parsed: parseCidr(r.cidr) as Cidr }));
const SIX_TO_FOUR = parseCidr('2002::/16') as Cidr;
const TEREDO = parseCidr('2001::/32') as Cidr;

/** The IPv4 addresses an IPv6 address carries through 6to4 (RFC 3056) or Teredo (RFC 4380). */
function wrappedIpv4(bytes: Uint8Array): Uint8Array[] {
  if (inCidr(bytes, SIX_TO_FOUR)) return [bytes.slice(2, 6)];
  // Teredo: the server's address in bits 32–63, the client's (inverted) in the last 32.
  if (inCidr(bytes, TEREDO)) return [bytes.slice(4, 8), bytes.slice(12, 16).map((b) => b ^ 0xff)];
  return [];
}

/**
 * Why an IP address must not be reached, or null when it is public. Anything that is not an IP
 * address is refused too.
 *
 * @example
 * refusalOf('::ffff:0:7f00:1') // 'IPv4-translated (RFC 2765)'
 * refusalOf('93.184.216.34') // null
 */
export function refusalOf(address: string): string | null {
  const bytes = addressBytes(address);
  if (!bytes) return 'not an IP address';
  if (bytes.length === 4) return refused4.find((r) => inCidr(bytes, r.parsed))?.why ?? null;
  const own = refused6.find((r) => inCidr(bytes, r.parsed));
  if (own) return own.why;
  for (const v4 of wrappedIpv4(bytes)) {
    const inner = refused4.find((r) => inCidr(v4, r.parsed));
    if (inner) return `wraps a non-public IPv4 address: ${inner.why}`;
  }
  return null;
}

/** The allow-list setting (`OUTBOUND_ALLOW_CIDRS`): blocks that may be reached even though refused above. */
export interface AllowList {
  readonly cidrs: readonly Cidr[];
  /** Whether `address` is inside an allowed block; an IPv4 block also covers its IPv4-mapped form. */
  allows(address: string): boolean;
}

/** Parses a comma-separated CIDR list; throws naming the first entry that is not a CIDR. */
export function parseAllowList(text: string | readonly string[]): AllowList {
  const entries = (typeof text === 'string' ? text.split(',') : [...text]).map((s) => s.trim()).filter(Boolean);
  const cidrs = entries.map((entry) => {
    const cidr = parseCidr(entry);
    if (!cidr) throw new Error(`"${entry}" is not a CIDR block (e.g. 10.20.0.0/16 or fd00::/8)`);
    return cidr;
  });
  return {
    cidrs,
    allows(address) {
      const bytes = addressBytes(address);
      if (!bytes || cidrs.length === 0) return false;
      const mapped = bytes.length === 16 && bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff ? bytes.slice(12) : null;
      return cidrs.some((c) => inCidr(bytes, c) || (mapped !== null && inCidr(mapped, c)));
    },
  };
}
