import { describe, expect, it } from 'vitest';
import { accountOfKey, claimInputOf, findingInputOf, momentOf, type StoredFinding, urlOfObject } from './stored-records.ts';

describe('stored records for STIX', () => {
  it('reads account keys, shared links and ClaimReview dates', () => {
    expect(accountOfKey('x:KemIuRI')).toEqual({ platform: 'x', handle: 'KemIuRI' });
    expect(accountOfKey('nohandle')).toBeNull();
    expect(urlOfObject('url:campaign.example/p/0')).toBe('https://campaign.example/p/0');
    expect(urlOfObject('cluster:42')).toBeNull();
    expect(momentOf('2026-12-01')?.toISOString()).toBe('2026-12-01T00:00:00.000Z');
    expect(momentOf('soon')).toBeNull();
  });

  it('keeps a claim’s web addresses only, and its disproof as the summary when it has none', () => {
    const at = new Date('2026-12-07T10:00:00.000Z');
    const claim = claimInputOf({ id: 'c1', claimReviewed: 'The ministry sold the Natuna islands', language: 'und', rating: { alternateName: 'False', ratingValue: null, bestRating: null, worstRating: null }, summary: null, disproof: 'No sale took place.', reviewAuthor: 'Cek Fakta', url: 'https://factcheck.example/natuna', datePublished: '2026-12-01', appearanceUrls: ['https://social.example/n1', 'not a url'], narrative: null, createdAt: at, updatedAt: at });
    expect(claim).toMatchObject({ language: null, rating: 'False', summary: 'No sale took place.', appearances: ['https://social.example/n1'], debunk: { url: 'https://factcheck.example/natuna', author: 'Cek Fakta', publishedAt: new Date('2026-12-01T00:00:00.000Z') } });
  });

  it('shares a fake statement as modified or fabricated (a withdrawn one presented as current as modified), and nothing else as one', () => {
    const at = new Date('2026-12-07T10:00:00.000Z');
    const finding = (detector: StoredFinding['detector'], type: string): StoredFinding => ({ id: `f-${type}`, detector, type, title: 'A finding', severity: 'high', claimId: null, accountKeys: [], evidence: {}, firstSeenAt: at, lastSeenAt: at, createdAt: at, updatedAt: at });
    const kindOf = (f: StoredFinding) => findingInputOf(f, { claims: new Map(), items: [] }).fakeStatementKind;
    expect(['modified', 'fabricated', 'withdrawn'].map((type) => kindOf(finding('fake-statement', type)))).toEqual(['modified', 'fabricated', 'modified']);
    expect(kindOf(finding('impersonation', 'look-alike'))).toBeNull();
    expect(kindOf(finding('fake-statement', 'something-new'))).toBeNull();
  });
});
