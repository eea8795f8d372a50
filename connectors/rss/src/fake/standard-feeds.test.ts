import { isConnectorError, unguardedOutbound } from '@diplodesk/connector-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRssSource } from '../rss-source.ts';
import { type FakeFeedServer, STANDARD_FEEDS, STANDARD_PAGES, startFakeFeedServer } from './index.ts';

// The seeded fixtures are what other packages (server tests, demos) will point a source at.
let fake: FakeFeedServer;
beforeAll(async () => {
  fake = await startFakeFeedServer({ seed: true });
});
afterAll(async () => {
  await fake.close();
});

const source = createRssSource({ RSS_TIMEOUT_MS: '200' }, unguardedOutbound);
const poll = (path: string) => source.poll({ accessToken: '', extra: { url: fake.url(path) } }, null);

describe('standard fake feeds', () => {
  it('serve every format readably', async () => {
    const [rss, gzip, atom, rdf, cp1252] = await Promise.all([STANDARD_FEEDS.rss, STANDARD_FEEDS.gzip, STANDARD_FEEDS.atom, STANDARD_FEEDS.rdf, STANDARD_FEEDS.windows1252].map(poll));
    expect(rss?.items.map((i) => i.remoteId)).toEqual(['std-2', 'std-1']);
    expect(gzip?.items).toHaveLength(2);
    expect(atom?.items).toEqual([expect.objectContaining({ remoteId: 'urn:fake:atom:1', language: 'id', text: 'Kerja sama maritim diperkuat\n\nKedua menteri bertemu.', author: expect.objectContaining({ handle: 'Biro Humas' }) })]);
    expect(rdf?.items).toEqual([expect.objectContaining({ remoteId: 'https://example.org/rdf/1', language: 'en', publishedAt: '2026-01-04T12:00:00.000Z' })]);
    expect(cp1252?.items[0]?.text).toBe('L’été à Genève\n\nBudget : 5 € par délégué');
  });

  it('serve the faults', async () => {
    const broken = await poll(STANDARD_FEEDS.broken);
    expect(broken.items.map((i) => i.remoteId)).toEqual(['br-1', 'br-2', 'br-3']);
    expect(broken.feed.problems.count).toBeGreaterThanOrEqual(4);
    // Repeated at the top level, where the server's poll job looks for a batch's problems.
    expect(broken.problems).toEqual(broken.feed.problems);
    expect((await poll(STANDARD_FEEDS.moved)).feed.permanentRedirect).toBe(fake.url(STANDARD_FEEDS.rss));
    expect((await poll(STANDARD_FEEDS.chain)).feed).toMatchObject({ fetchedUrl: fake.url(STANDARD_FEEDS.atom), format: 'atom' });
    expect((await poll(STANDARD_FEEDS.chain)).feed.permanentRedirect).toBeUndefined();
    for (const [path, code] of [
      [STANDARD_FEEDS.error, 'http-500'],
      [STANDARD_FEEDS.slow, 'unreachable'],
    ] as const) {
      const error = await poll(path).catch((e: unknown) => e);
      expect(isConnectorError(error, 'transient') && error.platformCode).toBe(code);
    }
  });

  it('serve the pages the RSS feed links to, for full articles', async () => {
    const batch = await source.poll({ accessToken: '', extra: { url: fake.url(STANDARD_FEEDS.rss), fullArticle: 'on' } }, null);
    expect(batch.items.map((i) => (i.raw as { article?: { status: string; url: string } }).article)).toEqual([
      { status: 'fetched', url: fake.url(STANDARD_PAGES.climate) },
      { status: 'fetched', url: fake.url(STANDARD_PAGES.maritime) },
    ]);
    expect(batch.items[1]?.text).toMatch(/^Joint statement on maritime cooperation\n\nThe foreign ministers of both countries met in Jakarta on Monday[^\n]+\n\nA joint working group/);
  });
});
