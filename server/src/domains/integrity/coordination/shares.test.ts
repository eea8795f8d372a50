import { detectCoordination } from '@diplodesk/analysis';
import { describe, expect, it } from 'vitest';
import type { StoredItem } from '../../listening/index.ts';
import { foundingPair, uuidv7Floor } from './coordination-watch.ts';
import { normaliseLink, sharesOf } from './shares.ts';

const item = (text: string): StoredItem => ({
  id: '018f0000-0000-7000-8000-000000000001',
  unitId: '018f0000-0000-7000-8000-000000000002',
  sourceId: '018f0000-0000-7000-8000-000000000003',
  text,
  title: null,
  language: 'en',
  clusterId: '018f0000-0000-7000-8000-000000000009',
  publishedAt: new Date('2026-12-01T10:00:00Z'),
  author: { handle: 'a' },
  countries: [],
  url: null,
});

describe('what an item shares', () => {
  it('normalises links: host case, www, fragment, tracking parameters, trailing slash and punctuation', () => {
    expect(normaliseLink('https://WWW.News.example/a/b/?utm_source=x&id=4#top')).toBe('news.example/a/b?id=4');
    expect(normaliseLink('http://news.example/a/b/.')).toBe('news.example/a/b');
    expect(normaliseLink('not a link')).toBeUndefined();
  });

  it('shares each distinct link, or the near-duplicate cluster when there is none', () => {
    const at = Date.parse('2026-12-01T10:00:00Z');
    expect(sharesOf(item('see https://x.example/1 and https://x.example/1/ and http://y.example/2?fbclid=9'), 'x:a', at).map((s) => s.objectId)).toEqual(['url:x.example/1', 'url:y.example/2']);
    expect(sharesOf(item('no link here'), 'x:a', at)).toEqual([{ accountId: 'x:a', objectId: 'cluster:018f0000-0000-7000-8000-000000000009', at, id: '018f0000-0000-7000-8000-000000000001' }]);
  });
});

describe('the coordination watch', () => {
  it('keys a network by the pair of its earliest co-share', () => {
    const shares = [];
    for (let k = 0; k < 3; k++) {
      const t0 = k * 3_600_000;
      shares.push({ accountId: 'c', objectId: `o${k}`, at: t0 }, { accountId: 'b', objectId: `o${k}`, at: t0 + 1000 }, { accountId: 'a', objectId: `o${k}`, at: t0 + 2000 });
    }
    const [network] = detectCoordination(shares, { windowSeconds: 5, significance: false }).networks;
    if (!network) throw new Error('no network');
    expect(foundingPair(network)).toEqual(['b', 'c']);
  });

  it('starts its cursor at the smallest UUIDv7 of a millisecond', () => {
    expect(uuidv7Floor(0x0190_1234_5678)).toBe('01901234-5678-7000-8000-000000000000');
  });
});
