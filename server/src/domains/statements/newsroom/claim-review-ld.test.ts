import { describe, expect, it } from 'vitest';
import { canonicalStatement } from '../../../platform/crypto/signing/statement-canonical.ts';
import { claimReviewOf, jsonLdScript } from './claim-review-ld.ts';

const base = { id: 'e1', organisation: 'news.example', language: 'id', title: 'Judul', body: 'Isi.', publishedAt: new Date('2026-12-07T10:00:00Z'), attachments: [] };
const opts = { url: 'https://news.example/newsroom/id/judul', organisation: 'Kementerian Luar Negeri', publicUrl: 'https://news.example' };
const entry = (canonical: string, withdrawnAt: Date | null = null) => ({ canonical, language: 'id', publishedAt: base.publishedAt, withdrawnAt });

describe('ClaimReview of a newsroom entry', () => {
  it('is built from the signed review only, leaving out what is unknown and any non-web appearance', () => {
    const canonical = canonicalStatement({ ...base, review: { claim: 'Klaim', rating: { name: 'Salah', value: null, best: null, worst: null }, author: null, appearances: ['https://a.example/1', 'javascript:alert(1)'], datePublished: null } });
    expect(claimReviewOf(entry(canonical), opts)).toEqual({
      '@context': 'https://schema.org',
      '@type': 'ClaimReview',
      url: opts.url,
      claimReviewed: 'Klaim',
      itemReviewed: { '@type': 'Claim', appearance: [{ '@type': 'CreativeWork', url: 'https://a.example/1' }] },
      reviewRating: { '@type': 'Rating', alternateName: 'Salah' },
      author: { '@type': 'Organization', name: 'Kementerian Luar Negeri', url: 'https://news.example' },
      datePublished: '2026-12-07',
      inLanguage: 'id',
    });
  });

  it('is absent for a statement that reviews no claim, for a withdrawn one, and for a payload that is not JSON', () => {
    const reviewed = canonicalStatement({ ...base, review: { claim: 'Klaim', rating: { name: 'Salah', value: 1, best: 5, worst: 1 }, author: 'X', appearances: [], datePublished: '2026-12-01' } });
    expect(claimReviewOf(entry(canonicalStatement(base)), opts)).toBeNull();
    expect(claimReviewOf(entry(reviewed, new Date()), opts)).toBeNull();
    expect(claimReviewOf(entry('not json'), opts)).toBeNull();
  });

  it('cannot be closed or turned into markup by the text it carries', () => {
    const hostile = 'a</script><script>alert(1)</script><!-- & \u2028';
    const html = jsonLdScript({ claimReviewed: hostile });
    expect(html.match(/<\/script>/g)).toHaveLength(1);
    expect(html.endsWith('</script>')).toBe(true);
    const inner = html.slice('<script type="application/ld+json">'.length, -'</script>'.length);
    expect(inner).not.toMatch(/[<>&\u2028]/);
    expect(JSON.parse(inner)).toEqual({ claimReviewed: hostile });
  });
});
