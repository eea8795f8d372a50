import { type Credentials, isConnectorError, unguardedOutbound, UNREACHABLE_CODE, UNREACHABLE_MESSAGE } from '@diplodesk/connector-sdk';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeFeedServer, type FakeRssItem, rss20Feed, startFakeFeedServer } from './fake/index.ts';
import connector, { createRssSource, decodeCursor, MAX_REDIRECTS } from './index.ts';

const FETCHED_AT = new Date('2026-01-06T00:00:00.000Z');
const source = createRssSource({}, unguardedOutbound, { timeoutMs: 2_000, now: () => FETCHED_AT });
const creds = (url: string): Credentials => ({ accessToken: '', extra: { url } });

const items: FakeRssItem[] = [
  { guid: 'n-1', title: 'First', link: '/news/1', description: '<p>One</p>', pubDate: 'Mon, 05 Jan 2026 08:00:00 GMT', author: 'Desk' },
  { guid: 'n-2', title: 'Second', link: '/news/2', description: '<p>Two</p>', pubDate: 'Mon, 05 Jan 2026 09:00:00 GMT' },
];

let fake: FakeFeedServer;
beforeAll(async () => {
  fake = await startFakeFeedServer();
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => {
  fake.requests.length = 0;
});

async function expectConnectorError(promise: Promise<unknown>, kind: string, platformCode?: string): Promise<void> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(isConnectorError(error)).toBe(true);
  expect(error).toMatchObject({ kind, ...(platformCode ? { platformCode } : {}) });
}

describe('rss connector manifest', () => {
  it('declares ingest without auth and builds a source', () => {
    expect(connector.manifest).toMatchObject({ id: 'rss', capabilities: ['ingest'], auth: 'none' });
    expect(connector.isConfigured({})).toBe(true);
    expect(typeof connector.implementations.ingest?.({}, { outbound: unguardedOutbound }).poll).toBe('function');
  });
});

describe('createRssSource.poll', () => {
  it('emits everything first, nothing on a 304, then only the new entry', async () => {
    fake.setFeed('/cond.xml', { body: rss20Feed({ title: 'Ministry news', language: 'en', items }) });
    const url = fake.url('/cond.xml');

    const first = await source.poll(creds(url), null);
    expect(first.items).toEqual([
      {
        remoteId: 'n-1',
        url: `${fake.baseUrl}/news/1`,
        author: { remoteAccountId: 'Desk', handle: 'Desk', displayName: 'Desk' },
        text: 'First\n\nOne',
        language: 'en',
        publishedAt: '2026-01-05T08:00:00.000Z',
        raw: { feedUrl: url, feedTitle: 'Ministry news', title: 'First', categories: [], media: [], dateMissing: false },
      },
      expect.objectContaining({ remoteId: 'n-2', text: 'Second\n\nTwo', publishedAt: '2026-01-05T09:00:00.000Z' }),
    ]);
    expect(first.feed).toMatchObject({ status: 'fetched', format: 'rss2', entriesInFeed: 2, problems: { count: 0, messages: [] } });
    const cursor = decodeCursor(first.nextCursor);
    expect(cursor).toMatchObject({ v: 1, etag: expect.any(String), lastModified: expect.any(String), lastSuccessAt: FETCHED_AT.toISOString() });
    expect(cursor?.seen).toHaveLength(2);

    const second = await source.poll(creds(url), first.nextCursor);
    expect(second.items).toEqual([]);
    expect(second.feed.status).toBe('not-modified');
    expect(fake.requests.at(-1)).toMatchObject({ status: 304 });
    expect(fake.requests.at(-1)?.headers).toMatchObject({ 'if-none-match': cursor?.etag, 'if-modified-since': cursor?.lastModified });

    fake.setFeed('/cond.xml', { body: rss20Feed({ title: 'Ministry news', items: [{ guid: 'n-3', title: 'Third', pubDate: 'Tue, 06 Jan 2026 07:00:00 +0700' }, ...items] }) });
    const third = await source.poll(creds(url), second.nextCursor);
    expect(third.items.map((i) => [i.remoteId, i.publishedAt])).toEqual([['n-3', '2026-01-06T00:00:00.000Z']]);
    expect(decodeCursor(third.nextCursor)?.seen).toHaveLength(3);
  });

  it('does not re-emit when a server ignores validators and sends the same feed again', async () => {
    fake.setFeed('/novalidators.xml', { body: rss20Feed({ title: 'x', items }), validators: false });
    const first = await source.poll(creds(fake.url('/novalidators.xml')), null);
    const again = await source.poll(creds(fake.url('/novalidators.xml')), first.nextCursor);
    expect(first.items).toHaveLength(2);
    expect(again.items).toEqual([]);
    expect(again.feed.status).toBe('fetched');
  });

  it.each(['gzip', 'deflate', 'br'] as const)('reads a %s-compressed feed', async (encoding) => {
    fake.setFeed(`/${encoding}.xml`, { body: rss20Feed({ title: 'z', items }), encoding });
    const batch = await source.poll(creds(fake.url(`/${encoding}.xml`)), null);
    expect(fake.requests.at(-1)?.headers['accept-encoding']).toContain(encoding);
    expect(batch.items.map((i) => i.remoteId)).toEqual(['n-1', 'n-2']);
  });

  it('decodes a Windows-1252 feed from its XML declaration (é, ’, €)', async () => {
    const body = rss20Feed({ title: 'Café', encoding: 'windows-1252', items: [{ guid: 'w-1', title: 'L’été coûte 5 €', description: 'Déjà vu &amp; “quotes”' }] });
    fake.setFeed('/cp1252.xml', { body, charset: 'windows-1252', declareCharset: false, contentType: 'text/xml' });
    const batch = await source.poll(creds(fake.url('/cp1252.xml')), null);
    expect(batch.feed).toMatchObject({ charset: 'windows-1252', title: 'Café', problems: { count: 0 } });
    expect(batch.items[0]?.text).toBe('L’été coûte 5 €\n\nDéjà vu & “quotes”');
    expect(batch.items[0]?.publishedAt).toBe(FETCHED_AT.toISOString());
  });

  it('reads UTF-16 and UTF-32 feeds with or without a BOM, whatever the header says', async () => {
    const body = rss20Feed({ title: 'Kabar', encoding: 'UTF-16', items: [{ guid: 'u-1', title: 'Ü ½ 𝕏 — ok', description: 'isi' }] });
    const cases = [
      { path: '/utf16be.xml', charset: 'utf-16be', bom: false },
      { path: '/utf32le-bom.xml', charset: 'utf-32le', bom: true },
      { path: '/utf32be.xml', charset: 'utf-32be', bom: false },
    ] as const;
    for (const { path, charset, bom } of cases) {
      fake.setFeed(path, { body, charset, bom, declareCharset: false, contentType: 'text/xml; charset=utf-8' });
      const batch = await source.poll(creds(fake.url(path)), null);
      expect(batch.feed).toMatchObject({ charset, title: 'Kabar', problems: { count: 0 } });
      expect(batch.items[0]?.text).toBe('Ü ½ 𝕏 — ok\n\nisi');
    }
  });

  it('keeps the readable items of a malformed feed and reports the problems', async () => {
    const body = `<?xml version="1.0"?><rss version="2.0"><channel><title>Broken</title>
      <item><guid>b-1</guid><title>Readable</title><description>fine</description></item>
      <item><guid>b-2</guid><title>Unclosed &ndash; title</item>
      <item><guid>b-3</guid><title>Bad &entity; here</title><description>x < y</description>`;
    fake.setFeed('/broken.xml', { body });
    const batch = await source.poll(creds(fake.url('/broken.xml')), null);
    expect(batch.items.map((i) => [i.remoteId, i.text])).toEqual([
      ['b-1', 'Readable\n\nfine'],
      ['b-2', 'Unclosed – title'],
      ['b-3', 'Bad &entity; here\n\nx < y'],
    ]);
    expect(batch.feed.problems.count).toBe(6);
    expect(batch.feed.problems.messages).toEqual([
      '<title> not closed before </item>',
      'unknown entity "&entity;"',
      expect.stringMatching(/^stray "<" in text at offset \d+$/),
      '<item> not closed at end of document',
      '<channel> not closed at end of document',
    ]);
    const health = await source.health(creds(fake.url('/broken.xml')));
    expect(health).toMatchObject({ status: 'degraded', detail: expect.stringContaining('6 problem(s): <title> not closed before </item>') });
  });

  it('follows a redirect chain and reports where permanent redirects lead', async () => {
    fake.setFeed('/final.xml', { body: rss20Feed({ title: 'final', items }) });
    fake.redirect('/old.xml', '/moved.xml', 301);
    fake.redirect('/moved.xml', fake.url('/temp.xml'), 308);
    fake.redirect('/temp.xml', '/final.xml', 302);
    const batch = await source.poll(creds(fake.url('/old.xml')), null);
    expect(batch.items).toHaveLength(2);
    expect(batch.feed).toMatchObject({ fetchedUrl: fake.url('/final.xml'), permanentRedirect: fake.url('/temp.xml') });
    expect(decodeCursor(batch.nextCursor)?.movedTo).toBe(fake.url('/temp.xml'));
    expect(await source.health(creds(fake.url('/old.xml')))).toMatchObject({ status: 'degraded', detail: expect.stringContaining(`moved permanently to ${fake.url('/temp.xml')}`) });

    fake.redirect('/t2.xml', '/final.xml', 302);
    const temporary = await source.poll(creds(fake.url('/t2.xml')), null);
    expect(temporary.feed.permanentRedirect).toBeUndefined();
  });

  it('refuses a redirect loop after the maximum number of hops', async () => {
    fake.redirect('/loop-a', '/loop-b', 302);
    fake.redirect('/loop-b', '/loop-a', 302);
    await expectConnectorError(source.poll(creds(fake.url('/loop-a')), null), 'rejected', 'too-many-redirects');
    expect(fake.requests).toHaveLength(MAX_REDIRECTS + 1);
  });

  // A silent server reads like any unreachable address: the neutral message, so a feed address cannot probe which ports are filtered.
  it('turns a timeout into a transient error with the neutral message', async () => {
    fake.setFeed('/slow.xml', { body: rss20Feed({ title: 'slow', items }) });
    fake.slow('/slow.xml', 1_000);
    const impatient = createRssSource({ RSS_TIMEOUT_MS: '150' }, unguardedOutbound);
    await expectConnectorError(impatient.poll(creds(fake.url('/slow.xml')), null), 'transient', UNREACHABLE_CODE);
    expect(await impatient.health(creds(fake.url('/slow.xml')))).toMatchObject({ status: 'down', detail: UNREACHABLE_MESSAGE });
  });

  it('maps HTTP failures to error kinds and recovers after a 500', async () => {
    fake.setFeed('/flaky.xml', { body: rss20Feed({ title: 'f', items }) });
    fake.failNext('/flaky.xml', 500);
    await expectConnectorError(source.poll(creds(fake.url('/flaky.xml')), null), 'transient', 'http-500');
    expect((await source.poll(creds(fake.url('/flaky.xml')), null)).items).toHaveLength(2);

    fake.failNext('/flaky.xml', 429, 1, { 'retry-after': '120' });
    const limited = await source.poll(creds(fake.url('/flaky.xml')), null).catch((e: unknown) => e);
    expect(limited).toMatchObject({ kind: 'rate-limited', retryAfterMs: 120_000 });
    await expectConnectorError(source.poll(creds(fake.url('/missing.xml')), null), 'rejected', 'http-404');
  });

  it('fails a read that yields no feed (a web page, JSON), saying why', async () => {
    fake.setFeed('/page.html', { body: '<!doctype html><html><head><title>Kementerian</title></head><body><p>Berita</p></body></html>' });
    await expectConnectorError(source.poll(creds(fake.url('/page.html')), null), 'rejected', 'not-a-feed');
    const failed = await source.poll(creds(fake.url('/page.html')), null).catch((e: unknown) => e);
    expect(String((failed as Error).message)).toMatch(/not answer with an RSS or Atom feed \(root element <html>/);
    fake.setFeed('/data.json', { body: '{"items": []}' });
    await expectConnectorError(source.poll(creds(fake.url('/data.json')), null), 'rejected', 'not-a-feed');
    expect((await source.health(creds(fake.url('/page.html')))).status).toBe('down');
  });

  it('refuses a feed over the size cap and a missing or non-http URL', async () => {
    fake.setFeed('/big.xml', { body: rss20Feed({ title: 'big', items: Array.from({ length: 50 }, (_, i) => ({ guid: `g${i}`, title: 'x'.repeat(100) })) }), encoding: 'gzip' });
    const small = createRssSource({ RSS_MAX_BYTES: '2000' }, unguardedOutbound);
    await expectConnectorError(small.poll(creds(fake.url('/big.xml')), null), 'rejected', 'too-large');
    await expectConnectorError(source.poll(null, null), 'rejected', 'no-url');
    await expectConnectorError(source.poll(creds('file:///etc/passwd'), null), 'rejected', 'bad-url');
  });

  it('reads a feed bound by option and treats an unreadable cursor as none', async () => {
    fake.setFeed('/atom.xml', {
      contentType: 'application/atom+xml',
      body: '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr"><title>A</title><entry><id>urn:a:1</id><title>Bonjour</title><link href="/a/1"/><updated>2026-01-02T03:04:05+01:00</updated></entry></feed>',
    });
    const bound = createRssSource({}, unguardedOutbound, { feedUrl: fake.url('/atom.xml') });
    const batch = await bound.poll(null, '{not json');
    expect(batch.items).toEqual([expect.objectContaining({ remoteId: 'urn:a:1', url: fake.url('/a/1'), text: 'Bonjour', language: 'fr', publishedAt: '2026-01-02T02:04:05.000Z' })]);
    expect(await bound.health(null)).toMatchObject({ status: 'ok', detail: 'atom feed, 1 entries' });
  });
});
