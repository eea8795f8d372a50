import { describe, expect, it } from 'vitest';
import { claimReviewDocument, readClaimReviews } from './claim-review.ts';

const review = (claim: string, extra: Record<string, unknown> = {}) => ({
  '@context': 'https://schema.org',
  '@type': 'ClaimReview',
  url: 'https://factcheck.example/reviews/1',
  claimReviewed: claim,
  author: { '@type': 'Organization', name: 'Cek Fakta' },
  datePublished: '2026-11-02',
  reviewRating: { '@type': 'Rating', ratingValue: '1', bestRating: 5, worstRating: 1, alternateName: 'False' },
  itemReviewed: { '@type': 'Claim', author: { '@type': 'Person', name: 'A blogger' }, datePublished: '2026-10-30', appearance: [{ '@type': 'CreativeWork', url: 'https://blog.example/post' }] },
  ...extra,
});

describe('ClaimReview JSON-LD', () => {
  it('reads a single review, an array, a @graph and a DataFeed', () => {
    const one = readClaimReviews(review('5G spreads the virus'));
    expect('entries' in one && one.entries[0]?.claim).toMatchObject({
      claimReviewed: '5G spreads the virus',
      reviewAuthor: 'Cek Fakta',
      reviewRating: { alternateName: 'False', ratingValue: 1, bestRating: 5, worstRating: 1 },
      itemReviewed: { authorName: 'A blogger', datePublished: '2026-10-30', appearanceUrls: ['https://blog.example/post'] },
    });
    const array = readClaimReviews([review('a'), review('b')]);
    expect('entries' in array && array.entries.map((e) => e.claim.claimReviewed)).toEqual(['a', 'b']);
    const graph = readClaimReviews({ '@context': 'https://schema.org', '@graph': [{ '@type': 'Organization', name: 'x' }, review('c')] });
    expect('entries' in graph && graph.entries.map((e) => e.claim.claimReviewed)).toEqual(['c']);
    const feed = readClaimReviews({ '@context': 'https://schema.org', '@type': 'DataFeed', dataFeedElement: [{ '@type': 'DataFeedItem', item: [review('d'), review('e')] }] });
    expect('entries' in feed && feed.entries.map((e) => e.claim.claimReviewed)).toEqual(['d', 'e']);
  });

  it('reports every bad entry by index and reason', () => {
    const res = readClaimReviews([review('fine'), review(''), { '@type': 'Article' }, review('no rating', { reviewRating: { '@type': 'Rating' } }), review('bad url', { url: 'javascript:alert(1)' })]);
    expect('problems' in res && res.problems).toEqual([
      { index: 1, code: 'claim-missing', params: {}, reason: 'claimReviewed is missing' },
      { index: 2, code: 'not-a-claim-review', params: { types: 'Article' }, reason: 'not a ClaimReview (@type Article)' },
      { index: 3, code: 'rating-missing', params: {}, reason: 'reviewRating.alternateName is missing' },
      { index: 4, code: 'invalid-field', params: { field: 'url', message: expect.any(String) }, reason: expect.stringContaining('url') },
    ]);
    expect(readClaimReviews({ hello: 'world' })).toEqual({ problems: [{ index: 0, code: 'not-a-claim-review', params: { types: 'missing' }, reason: 'not a ClaimReview (@type missing)' }] });
    expect(readClaimReviews([])).toEqual({ problems: [expect.objectContaining({ index: -1, code: 'no-reviews' })] });
  });

  it('exports what it imports, our case fields included', () => {
    const claim = {
      unitId: '01900000-0000-7000-8000-000000000001',
      claimReviewed: 'The ministry gives free visas to Japan',
      headline: 'No, there are no free visas',
      language: 'en',
      itemReviewed: { authorName: 'Anonymous page', datePublished: '2026-11-01', appearanceUrls: ['https://social.example/p/1'] },
      reviewRating: { alternateName: 'Fabricated', ratingValue: null, bestRating: null, worstRating: null },
      reviewAuthor: 'Ministry of Foreign Affairs',
      url: 'https://kemlu.example/rebuttal/1',
      datePublished: '2026-11-02',
      outlets: ['Portal X'],
      targetCountries: ['ID', 'JP'],
      summary: 'A forged letter promises free visas.',
      disproof: 'No such programme exists.',
      narrativeId: null,
      translations: [{ language: 'id', text: 'Kemlu memberikan visa gratis ke Jepang' }],
      narrativeName: 'Fake consular offers',
    };
    const doc = claimReviewDocument([claim]);
    const back = readClaimReviews(JSON.parse(JSON.stringify(doc)));
    if (!('entries' in back)) throw new Error(JSON.stringify(back));
    const { unitId: _u, narrativeId: _n, narrativeName, ...rest } = claim;
    expect(back.entries[0]).toEqual({ index: 0, claim: rest, narrativeName });
  });
});
