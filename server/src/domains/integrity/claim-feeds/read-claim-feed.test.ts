import { describe, expect, it } from 'vitest';
import { retryAfterMs } from './fetch-claim-feed.ts';
import { nextFeedPollDelayMs } from './poll-claim-feed.job.ts';
import { feedKindOf, ldJsonBlocks, readClaimFeed } from './read-claim-feed.ts';

const review = (claim: string, extra: Record<string, unknown> = {}) => ({ '@type': 'ClaimReview', claimReviewed: claim, reviewRating: { '@type': 'Rating', alternateName: 'False' }, ...extra });

describe('feedKindOf', () => {
  it('tells JSON-LD from HTML by type, and by the first character when the type says nothing', () => {
    expect(feedKindOf('application/ld+json; charset=utf-8', '')).toBe('json-ld');
    expect(feedKindOf('application/json', '')).toBe('json-ld');
    expect(feedKindOf('text/html', '{')).toBe('html');
    expect(feedKindOf(null, '  [{"@type":"ClaimReview"}]')).toBe('json-ld');
    expect(feedKindOf('text/plain', '<!doctype html>')).toBe('html');
    expect(feedKindOf('image/png', '{')).toBeNull();
    expect(feedKindOf(null, 'hello')).toBeNull();
  });
});

describe('ldJsonBlocks', () => {
  it('takes only ld+json scripts, quoted or not, and unwraps comment and CDATA wrappers', () => {
    const html = `<script>var a = 1;</script><SCRIPT type=application/ld+json>{"a":1}</SCRIPT>
      <script type="application/ld+json"><!-- {"b":2} --></script><script type='application/ld+json'>//<![CDATA[
{"c":3}
//]]></script><script type="text/json">{"d":4}</script>`;
    expect(ldJsonBlocks(html).map((b) => JSON.parse(b))).toEqual([{ a: 1 }, { b: 2 }, { c: 3 }]);
  });
});

describe('readClaimFeed', () => {
  it('reads a DataFeed entry by entry, listing the bad ones with their index', () => {
    const doc = JSON.stringify({ '@type': 'DataFeed', dataFeedElement: [{ '@type': 'DataFeedItem', item: review('One') }, { '@type': 'DataFeedItem', item: { '@type': 'ClaimReview' } }] });
    const read = readClaimFeed(doc, 'application/ld+json', 'https://x.example/feed');
    expect(read.ok && read.entries.map((e) => e.claim.claimReviewed)).toEqual(['One']);
    expect(read.problems).toEqual([{ index: 1, code: 'claim-missing', params: {}, reason: 'claimReviewed is missing' }]);
  });

  it('fails a feed with no usable review, keeping why', () => {
    expect(readClaimFeed('{"@type":"ClaimReview"}', 'application/ld+json', 'u')).toMatchObject({ ok: false, code: 'no-claim-review', detail: 'claimReviewed is missing' });
    expect(readClaimFeed('{"@graph": []}', 'application/ld+json', 'u')).toMatchObject({ ok: false, code: 'no-claim-review' });
    expect(readClaimFeed('{oops', 'application/ld+json', 'u')).toMatchObject({ ok: false, code: 'not-json' });
    expect(readClaimFeed('%PDF', 'application/pdf', 'u')).toMatchObject({ ok: false, code: 'content-type', detail: 'application/pdf' });
  });

  it('reads the ClaimReviews of a page, ignoring other structured data; one without a URL is the page', () => {
    const html = `<script type="application/ld+json">{"@type":"WebSite","name":"x"}</script>
      <script type="application/ld+json">${JSON.stringify([review('A'), review('B', { url: 'https://x.example/b' })])}</script>`;
    const read = readClaimFeed(html, 'text/html', 'https://x.example/page');
    expect(read.ok && read.entries.map((e) => [e.claim.claimReviewed, e.claim.url])).toEqual([
      ['A', 'https://x.example/page'],
      ['B', 'https://x.example/b'],
    ]);
    expect(readClaimFeed('<html><body>No data</body></html>', 'text/html', 'u')).toMatchObject({ ok: false, code: 'no-claim-review' });
  });
});

describe('poll timing', () => {
  it('backs off by doubling up to a day, and reads Retry-After in seconds or as a date', () => {
    const mid = () => 0.5;
    expect(nextFeedPollDelayMs(3600, 0, mid)).toBe(3600_000);
    expect(nextFeedPollDelayMs(3600, 2, mid)).toBe(4 * 3600_000);
    expect(nextFeedPollDelayMs(3600, 30, mid)).toBe(24 * 3600_000);
    expect(nextFeedPollDelayMs(7 * 86_400, 3, mid)).toBe(7 * 86_400_000);
    expect(retryAfterMs('120')).toBe(120_000);
    expect(retryAfterMs('Tue, 08 Dec 2026 01:00:00 GMT', Date.parse('Tue, 08 Dec 2026 00:59:00 GMT'))).toBe(60_000);
    expect(retryAfterMs('soon')).toBeNull();
  });
});
