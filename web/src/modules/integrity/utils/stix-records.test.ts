import type { ClaimDto, FindingDto } from '@diplodesk/contracts';
import { stixExportRequest } from '@diplodesk/contracts';
import { describe, expect, it } from 'vitest';
import { accountOfKey, exportRecords, isoMoment, urlOfObject } from './stix-records.ts';

const at = '2026-12-07T10:00:00.000Z';
const claim: ClaimDto = {
  id: '0193a000-0000-7000-8000-000000000001',
  unitId: '0193a000-0000-7000-8000-0000000000aa',
  claimReviewed: 'The ministry sold the Natuna islands',
  headline: null,
  language: 'und',
  itemReviewed: { authorName: null, datePublished: null, appearanceUrls: ['https://social.example/n1', 'not a url'] },
  reviewRating: { alternateName: 'False', ratingValue: null, bestRating: null, worstRating: null },
  reviewAuthor: 'Cek Fakta',
  url: 'https://factcheck.example/natuna',
  datePublished: '2026-12-01',
  outlets: [],
  targetCountries: ['ID'],
  summary: null,
  disproof: 'No sale took place.',
  narrativeId: null,
  translations: [],
  origin: 'manual',
  links: { auto: 0, suggested: 0, confirmed: 0, rejected: 0 },
  backfill: { state: 'idle', done: 0, total: 0 },
  createdAt: at,
  updatedAt: at,
  policies: {},
};
const base = { status: 'new', outcome: null, unitId: claim.unitId, assigneeId: null, itemCount: 1, firstSeenAt: at, lastSeenAt: at, triagedAt: null, resolvedAt: null, resolvedBy: null, createdAt: at, updatedAt: at, policies: {} } as const;
const coordination: FindingDto = {
  ...base,
  id: '0193a000-0000-7000-8000-000000000002',
  detector: 'coordination',
  titleKey: null,
  titleParams: null,
  subjectKey: 'pair:rss:a|rss:b',
  type: 'coordinated-sharing',
  severity: 'medium',
  title: '2 accounts shared 1 item',
  claimId: null,
  itemIds: ['0193a000-0000-7000-8000-000000000010'],
  accountKeys: ['rss:a', 'rss:b'],
  evidence: { network: { objects: [{ objectId: 'url:campaign.example/p/0' }, { objectId: 'cluster:42' }], timeline: [{ accountId: 'rss:a', objectId: 'url:campaign.example/p/0', at, itemId: '0193a000-0000-7000-8000-000000000010' }], firstAt: at, lastAt: at } },
};
const impersonation: FindingDto = {
  ...base,
  id: '0193a000-0000-7000-8000-000000000003',
  detector: 'impersonation',
  titleKey: null,
  titleParams: null,
  subjectKey: 'account:x:kemiuri',
  type: 'look-alike-account',
  severity: 'high',
  title: '@KemIuRI (x) looks like the official @KemluRI',
  claimId: claim.id,
  itemIds: [],
  accountKeys: ['x:KemIuRI'],
  evidence: { official: { platform: 'x', handle: 'KemluRI', displayName: 'Kemlu' } },
};

describe('stix export records', () => {
  it('reads account keys, shared links and ClaimReview dates', () => {
    expect(accountOfKey('x:KemIuRI')).toEqual({ platform: 'x', handle: 'KemIuRI' });
    expect(accountOfKey('nohandle')).toBeNull();
    expect(urlOfObject('url:campaign.example/p/0')).toBe('https://campaign.example/p/0');
    expect(urlOfObject('cluster:42')).toBeNull();
    expect(isoMoment('2026-12-01')).toBe('2026-12-01T00:00:00.000Z');
    expect(isoMoment('soon')).toBeNull();
  });

  it('builds what the export route accepts: findings with indicators, the network, the matched claim', () => {
    const records = exportRecords({ tlp: 'amber', findings: [coordination, impersonation], claims: [claim], narratives: new Map() });
    const parsed = stixExportRequest.parse(records);
    expect(parsed.claims[0]).toMatchObject({ language: null, rating: 'False', summary: 'No sale took place.', appearances: ['https://social.example/n1'], debunk: { url: 'https://factcheck.example/natuna', publishedAt: '2026-12-01T00:00:00.000Z' } });
    expect(parsed.findings[0]).toMatchObject({ indicators: [{ kind: 'url', value: 'https://campaign.example/p/0' }], items: [{ publishedAt: at, account: { platform: 'rss', handle: 'a' } }] });
    expect(parsed.findings[1]).toMatchObject({ indicators: [{ kind: 'account', platform: 'x', handle: 'KemIuRI' }], impersonated: { handle: 'KemluRI' }, claim: { id: claim.id } });
    expect(parsed.networks).toEqual([expect.objectContaining({ id: coordination.id, sharedUrls: ['https://campaign.example/p/0'], accounts: [{ platform: 'rss', handle: 'a' }, { platform: 'rss', handle: 'b' }] })]);
  });
});
