import { describe, expect, it } from 'vitest';
import { isNonPublicAddress, type LookupAll, nonPublicAddressOf } from './network-guard.ts';

describe('isNonPublicAddress', () => {
  it.each([
    ['127.0.0.1', 'IPv4 loopback'],
    ['10.1.2.3', 'private 10/8'],
    ['172.16.0.1', 'private 172.16/12'],
    ['172.31.255.255', 'private 172.16/12, last'],
    ['192.168.1.1', 'private 192.168/16'],
    ['169.254.169.254', 'link-local (cloud metadata)'],
    ['100.64.0.1', 'shared address space'],
    ['0.0.0.0', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['::1', 'IPv6 loopback'],
    ['::', 'IPv6 unspecified'],
    ['fd12:3456:789a::1', 'unique-local'],
    ['fc00::1', 'unique-local fc00::/7'],
    ['fe80::1%eth0', 'link-local with zone'],
    ['::ffff:127.0.0.1', 'IPv4-mapped loopback'],
    ['::ffff:a00:1', 'IPv4-mapped 10.0.0.1 in hex'],
    ['64:ff9b::10.0.0.1', 'NAT64 of a private address'],
    ['2002:c0a8:101::1', '6to4 of 192.168.1.1'],
    ['not-an-ip', 'not an address'],
  ])('%s is not public (%s)', (address) => {
    expect(isNonPublicAddress(address)).toBe(true);
  });

  it.each(['93.184.216.34', '8.8.8.8', '172.32.0.1', '100.128.0.1', '2606:4700::1111', '::ffff:93.184.216.34', '64:ff9b::8.8.8.8', '2002:808:808::1'])('%s is public', (address) => {
    expect(isNonPublicAddress(address)).toBe(false);
  });
});

describe('nonPublicAddressOf', () => {
  it('reports the first non-public address among all a host resolves to', async () => {
    const lookup: LookupAll = async (host) => (host === 'mixed.example' ? [{ address: '93.184.216.34', family: 4 }, { address: '::1', family: 6 }] : [{ address: '93.184.216.34', family: 4 }]);
    expect(await nonPublicAddressOf('mixed.example', lookup)).toBe('::1');
    expect(await nonPublicAddressOf('public.example', lookup)).toBeNull();
  });

  it('unwraps bracketed IPv6 hosts and refuses hosts with no address', async () => {
    const asked: string[] = [];
    const lookup: LookupAll = async (host) => {
      asked.push(host);
      return host === '::1' ? [{ address: '::1', family: 6 }] : [];
    };
    expect(await nonPublicAddressOf('[::1]', lookup)).toBe('::1');
    expect(asked).toEqual(['::1']);
    await expect(nonPublicAddressOf('nowhere.example', lookup)).rejects.toThrow('nowhere.example has no address');
  });
});
