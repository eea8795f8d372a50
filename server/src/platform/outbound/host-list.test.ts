import { describe, expect, it } from 'vitest';
import { parseHostList } from './host-list.ts';

describe('OUTBOUND_ALLOW_HOSTS', () => {
  it('lets every host through when empty', () => {
    const any = parseHostList(' , ');
    expect(any.restricted).toBe(false);
    expect(any.allows('anything.example')).toBe(true);
  });

  it('matches names exactly, whatever the letter case or a trailing dot', () => {
    const list = parseHostList('mastodon.social, BSKY.social.');
    expect(list.entries).toEqual(['mastodon.social', 'bsky.social']);
    for (const host of ['mastodon.social', 'MASTODON.Social', 'mastodon.social.', 'bsky.social']) expect(list.allows(host), host).toBe(true);
    for (const host of ['evil-mastodon.social', 'mastodon.social.evil.example', 'www.mastodon.social', 'social']) expect(list.allows(host), host).toBe(false);
  });

  it('matches a wildcard on whole labels at any depth, not the bare suffix', () => {
    const list = parseHostList('*.go.id');
    for (const host of ['kemlu.go.id', 'www.kemlu.go.id', 'A.B.C.GO.ID']) expect(list.allows(host), host).toBe(true);
    for (const host of ['go.id', 'evilgo.id', 'kemlu.go.id.evil.example', 'go.id.example']) expect(list.allows(host), host).toBe(false);
  });

  it('compares Unicode names in punycode, as URLs carry them', () => {
    const list = parseHostList('kementerian.contoh, bücher.example');
    expect(list.allows(new URL('https://xn--bcher-kva.example/').hostname)).toBe(true);
    expect(list.allows(new URL('https://bücher.example/').hostname)).toBe(true);
  });

  it('takes IP addresses as hosts, bracketed or not', () => {
    const list = parseHostList('192.0.2.10, [2001:db8::1], 2001:db8::2');
    expect(list.allows('192.0.2.10')).toBe(true);
    expect(list.allows('[2001:db8::1]')).toBe(true);
    expect(list.allows(new URL('http://[2001:db8::2]/').hostname)).toBe(true);
    expect(list.allows('192.0.2.11')).toBe(false);
  });

  it('names every malformed entry', () => {
    expect(() => parseHostList('https://x.example/, ok.example, x.example:443, user@x.example, *, *.192.0.2.1, a..b, -x.example, x.example/feed')).toThrow(
      'host names, IP addresses or *.suffix wildcards only, separated by commas (not: https://x.example/, x.example:443, user@x.example, *, *.192.0.2.1, a..b, -x.example, x.example/feed)',
    );
  });
});
