import { describe, expect, it } from 'vitest';
import { parseAllowList, refusalOf } from './address-ranges.ts';

describe('refusalOf', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['0.0.0.0', 'this network'],
    ['10.1.2.3', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.0.1', 'private'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['100.127.255.254', 'carrier-grade NAT'],
    ['169.254.169.254', 'link-local'],
    ['192.0.0.8', 'IETF protocol'],
    ['192.0.2.10', 'documentation'],
    ['198.51.100.7', 'documentation'],
    ['203.0.113.99', 'documentation'],
    ['198.18.0.1', 'benchmarking'],
    ['198.19.255.255', 'benchmarking'],
    ['224.0.0.1', 'multicast'],
    ['240.0.0.1', 'reserved'],
    ['255.255.255.255', 'broadcast'],
    ['::', 'unspecified'],
    ['::1', 'loopback'],
    ['::127.0.0.1', 'IPv4-compatible'],
    ['::7f00:1', 'IPv4-compatible'],
    ['::ffff:127.0.0.1', 'IPv4-mapped'],
    ['::ffff:10.0.0.1', 'IPv4-mapped'],
    ['::ffff:8.8.8.8', 'IPv4-mapped'],
    ['::ffff:0:7f00:1', 'IPv4-translated'],
    ['::ffff:0:127.0.0.1', 'IPv4-translated'],
    ['64:ff9b::7f00:1', 'NAT64'],
    ['64:ff9b::8.8.8.8', 'NAT64'],
    ['64:ff9b:1::a00:1', 'translation'],
    ['100::1', 'discard-only'],
    ['2001:db8::1', 'documentation'],
    ['fc00::1', 'unique local'],
    ['fd12:3456::1', 'unique local'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['fec0::1', 'site-local'],
    ['ff02::1', 'multicast'],
    ['2002:7f00:1::', 'wraps a non-public IPv4 address'],
    ['2002:a9fe:a9fe::1', 'wraps a non-public IPv4 address'],
    // Teredo: server 65.54.227.120, client 127.0.0.1 obfuscated (XOR 0xffffffff → 80ff:fffe).
    ['2001:0:4136:e378:8000:63bf:80ff:fffe', 'wraps a non-public IPv4 address'],
    // The RFC 4380 example: client 192.0.2.45 (documentation) behind server 65.54.227.120.
    ['2001:0:a00:1:8000:63bf:3fff:fdd2', 'wraps a non-public IPv4 address'],
    ['[::1]', 'loopback'],
    ['localhost', 'not an IP address'],
  ])('refuses %s (%s)', (address, why) => {
    expect(refusalOf(address)).toContain(why);
  });

  it.each(['93.184.216.34', '8.8.8.8', '1.1.1.1', '100.128.0.1', '172.32.0.1', '2606:4700:4700::1111', '2a00:1450:4001:80b::200e', '2002:5db8:d822::1', '2001:0:4136:e378:8000:63bf:a2b7:1dde'])('lets the public address %s through', (address) => {
    expect(refusalOf(address)).toBeNull();
  });
});

describe('parseAllowList', () => {
  it('is empty by default and allows nothing', () => {
    const allow = parseAllowList('');
    expect(allow.cidrs).toEqual([]);
    expect(allow.allows('127.0.0.1')).toBe(false);
  });

  it('allows addresses inside the listed blocks, an IPv4 block covering its IPv4-mapped form', () => {
    const allow = parseAllowList(' 10.20.0.0/16, fd00::/8 ,192.0.2.5 ');
    expect(allow.allows('10.20.3.4')).toBe(true);
    expect(allow.allows('10.21.0.1')).toBe(false);
    expect(allow.allows('::ffff:10.20.3.4')).toBe(true);
    expect(allow.allows('fd00:1::2')).toBe(true);
    expect(allow.allows('fc00::1')).toBe(false);
    expect(allow.allows('192.0.2.5')).toBe(true);
    expect(allow.allows('192.0.2.6')).toBe(false);
  });

  it('names the entry that is not a CIDR', () => {
    expect(() => parseAllowList('10.0.0.0/8,intranet')).toThrow('"intranet" is not a CIDR block');
    expect(() => parseAllowList('10.0.0.0/33')).toThrow('"10.0.0.0/33" is not a CIDR block');
  });
});
