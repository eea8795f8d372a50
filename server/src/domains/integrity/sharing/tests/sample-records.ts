import type { BundleInput } from '../stix/build-bundle.ts';

const at = (iso: string) => new Date(iso);

/** One of every record the mapper takes, as the integrity core will hand them over. */
export function sampleBundleInput(overrides: Partial<BundleInput> = {}): BundleInput {
  const official = { platform: 'x', handle: '@Kemlu_RI', displayName: 'Kemlu RI', platformUserId: '123456' };
  const claim = {
    id: '01930000-0000-7000-8000-0000000000c1',
    claimReviewed: "The embassy's visa office is closed for good from next week.",
    language: 'en',
    rating: 'False',
    summary: 'The visa office keeps its opening hours; the ministry announced no closure.',
    narrative: { id: '01930000-0000-7000-8000-0000000000a1', name: 'Consular services are collapsing' },
    debunk: { url: 'https://kemlu.example/newsroom/visa-office-open', author: 'Ministry of Foreign Affairs', publishedAt: at('2026-11-02T09:00:00.000Z') },
    appearances: ["https://rumours.example/visa-closed?id=1&x='quote'"],
    createdAt: at('2026-11-01T08:00:00.000Z'),
    updatedAt: at('2026-11-02T09:00:00.000Z'),
  };
  return {
    scope: '01930000-0000-7000-8000-000000000001',
    producer: { id: '01930000-0000-7000-8000-000000000001', name: 'Ministry of Foreign Affairs', contact: 'cert@kemlu.example', createdAt: at('2026-01-01T00:00:00.000Z'), updatedAt: at('2026-01-01T00:00:00.000Z') },
    tlp: 'green',
    claims: [claim],
    officialAccounts: [official],
    networks: [
      {
        id: '01930000-0000-7000-8000-0000000000e1',
        accounts: [
          { platform: 'bluesky', handle: 'amplifier-one.bsky.social' },
          { platform: 'bluesky', handle: 'amplifier-two.bsky.social' },
        ],
        sharedUrls: ['https://rumours.example/visa-closed'],
        firstSeen: at('2026-11-01T10:00:00.000Z'),
        lastSeen: at('2026-11-01T10:04:00.000Z'),
        createdAt: at('2026-11-01T11:00:00.000Z'),
        updatedAt: at('2026-11-01T11:00:00.000Z'),
      },
    ],
    findings: [
      {
        id: '01930000-0000-7000-8000-0000000000f1',
        detector: 'claim-match',
        title: 'Visa-office rumour repeated',
        severity: 'high',
        items: [{ id: 'i1', url: 'https://mastodon.example/@someone/1', publishedAt: at('2026-11-01T10:00:00.000Z'), account: { platform: 'mastodon', handle: 'someone@mastodon.example' } }],
        accounts: [],
        indicators: [{ kind: 'domain', value: 'Rumours.example' }],
        claim,
        createdAt: at('2026-11-01T10:05:00.000Z'),
        updatedAt: at('2026-11-01T12:00:00.000Z'),
      },
      {
        id: '01930000-0000-7000-8000-0000000000f2',
        detector: 'impersonation',
        title: 'Look-alike of the ministry account',
        severity: 'critical',
        items: [],
        accounts: [{ platform: 'x', handle: 'Kemlu_RI_official', displayName: 'Kemlu RI' }],
        indicators: [],
        impersonated: official,
        createdAt: at('2026-11-03T10:00:00.000Z'),
        updatedAt: at('2026-11-03T10:00:00.000Z'),
      },
      {
        id: '01930000-0000-7000-8000-0000000000f3',
        detector: 'fake-statement',
        fakeStatementKind: 'modified',
        title: 'Altered press release',
        items: [{ id: 'i2', url: 'https://fake-news.example/press-release', publishedAt: at('2026-11-04T07:00:00.000Z') }],
        accounts: [],
        indicators: [{ kind: 'url', value: 'https://fake-news.example/press-release' }],
        createdAt: at('2026-11-04T08:00:00.000Z'),
        updatedAt: at('2026-11-04T08:00:00.000Z'),
      },
      {
        id: '01930000-0000-7000-8000-0000000000f4',
        detector: 'coordination',
        title: 'Coordinated link sharing',
        items: [{ id: 'i3', url: 'https://rumours.example/visa-closed', publishedAt: at('2026-11-01T10:01:00.000Z'), account: { platform: 'bluesky', handle: 'amplifier-one.bsky.social' } }],
        accounts: [{ platform: 'bluesky', handle: 'amplifier-one.bsky.social' }],
        indicators: [{ kind: 'url', value: 'https://rumours.example/visa-closed' }],
        createdAt: at('2026-11-01T11:00:00.000Z'),
        updatedAt: at('2026-11-01T11:30:00.000Z'),
      },
    ],
    ...overrides,
  };
}
