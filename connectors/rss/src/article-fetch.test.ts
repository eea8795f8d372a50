import { type Credentials, type IngestItem, type OutboundHttp, UNREACHABLE_MESSAGE, unguardedOutbound } from '@diplodesk/connector-sdk';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { articlePage, type FakeFeedServer, rss20Feed, startFakeFeedServer } from './fake/index.ts';
import connector, { createRssSource } from './index.ts';
import type { RssSourceOptions } from './rss-source.ts';

const PARAGRAPHS = [
  'The foreign ministers of both countries met in Jakarta on Monday and agreed a joint statement on maritime cooperation, covering fisheries and coast guard exchanges.',
  'A joint working group will report within six months on a memorandum of understanding on search and rescue, and the two coast guards will hold a first exercise this year.',
  'Both ministers called the talks frank and constructive, and said the next round of consultations would take place in the other capital in the second half of 2026.',
];
// Words that only the site around the article carries (cookie banner, navigation, related links, newsletter, footer).
const CHROME = ['cookie', 'Subscribe today', 'Related stories', 'Trade envoy visits', 'morning briefing', 'All rights reserved', 'Privacy policy'];

let fake: FakeFeedServer;
beforeAll(async () => {
  fake = await startFakeFeedServer();
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => {
  fake.requests.length = 0;
  fake.setRobots(null);
});

const on = (url: string, fullArticle = 'on'): Credentials => ({ accessToken: '', extra: { url, fullArticle } });
const source = (options: RssSourceOptions = {}, outbound: OutboundHttp = unguardedOutbound) => createRssSource({}, outbound, { timeoutMs: 2_000, articleTimeoutMs: 1_500, ...options });
const requestsTo = (path: string) => fake.requests.filter((r) => r.path === path);
const article = (item: IngestItem | undefined) => (item?.raw as { article?: { status: string; detail?: string; url: string } } | undefined)?.article;

/** A feed at `path` whose entries link to `links` (paths on the fake, or absolute URLs), newest last. */
function setFeedLinking(path: string, links: string[]): string {
  const items = links.map((link, i) => ({
    guid: `${path}#${i}`,
    title: `Story ${i}`,
    link: link.startsWith('http') ? link : fake.url(link),
    description: `<p>Feed summary ${i}</p>`,
    pubDate: new Date(Date.UTC(2026, 0, 5, 8 + i)).toUTCString(),
  }));
  fake.setFeed(path, { body: rss20Feed({ title: 'Desk', items }) });
  return fake.url(path);
}

function setArticle(path: string, title = 'Ministers meet in Jakarta'): void {
  fake.setPage(path, { html: articlePage({ title, paragraphs: PARAGRAPHS }) });
}

describe('full articles, enabled per source', () => {
  it('replaces the summary with the article paragraphs, without the site around them', async () => {
    setArticle('/a/1');
    setArticle('/a/2', 'Second story');
    const feedUrl = setFeedLinking('/full.xml', ['/a/1', '/a/2']);
    const batch = await source().poll(on(feedUrl), null);

    expect(batch.items).toHaveLength(2);
    const first = batch.items[0];
    expect(first?.text).toBe(`Story 0\n\n${PARAGRAPHS.join('\n\n')}`);
    for (const word of CHROME) expect(first?.text).not.toContain(word);
    expect(first?.raw).toMatchObject({ title: 'Story 0', summary: 'Feed summary 0', article: { status: 'fetched', url: fake.url('/a/1') } });
    expect(batch.items[1]?.text).toContain(PARAGRAPHS[2]);
    expect(batch.feed.problems).toEqual({ count: 0, messages: [] });
    expect(batch.problems).toBeUndefined();

    const page = requestsTo('/a/1')[0];
    expect(page?.headers.accept).toBe('text/html, application/xhtml+xml');
    expect(page?.headers['user-agent']).toMatch(/DiploDesk/);
    // robots.txt once for the host, even with two pages on it.
    expect(requestsTo('/robots.txt')).toHaveLength(1);
  });

  it('fetches nothing but the feed when the source has not opted in', async () => {
    setArticle('/off/1');
    const feedUrl = setFeedLinking('/off.xml', ['/off/1']);
    for (const credentials of [{ accessToken: '', extra: { url: feedUrl } }, on(feedUrl, 'off')]) {
      fake.requests.length = 0;
      const batch = await source().poll(credentials, null);
      expect(batch.items[0]?.text).toBe('Story 0\n\nFeed summary 0');
      expect(batch.items[0]?.raw).not.toHaveProperty('article');
      expect(fake.requests.map((r) => r.path)).toEqual(['/off.xml']);
    }
  });

  it('reads only the pages of entries new in this poll', async () => {
    setArticle('/new/1');
    setArticle('/new/2');
    const feedUrl = setFeedLinking('/new.xml', ['/new/1']);
    const first = await source().poll(on(feedUrl), null);
    setFeedLinking('/new.xml', ['/new/1', '/new/2']);
    fake.requests.length = 0;
    const second = await source().poll(on(feedUrl), first.nextCursor);
    expect(second.items.map((i) => i.remoteId)).toEqual(['/new.xml#1']);
    expect(requestsTo('/new/1')).toHaveLength(0);
    expect(requestsTo('/new/2')).toHaveLength(1);
  });

  it('keeps the feed text and reports a problem when a page answers 404 or too late', async () => {
    setArticle('/late/1');
    fake.slow('/late/1', 1_000);
    const feedUrl = setFeedLinking('/failing.xml', ['/missing/1', '/late/1']);
    const batch = await source({ articleTimeoutMs: 200 }).poll(on(feedUrl), null);

    expect(batch.items.map((i) => i.text)).toEqual(['Story 0\n\nFeed summary 0', 'Story 1\n\nFeed summary 1']);
    expect(article(batch.items[0])).toEqual({ status: 'failed', detail: 'HTTP 404', url: fake.url('/missing/1') });
    // A page that never answers reads like any unreachable address (the neutral message).
    expect(article(batch.items[1])).toEqual({ status: 'failed', detail: UNREACHABLE_MESSAGE, url: fake.url('/late/1') });
    const problems = { count: 2, messages: expect.arrayContaining([`article ${fake.url('/missing/1')}: HTTP 404`, `article ${fake.url('/late/1')}: ${UNREACHABLE_MESSAGE}`]) };
    expect(batch.feed.problems).toEqual(problems);
    // Top level too: that is what the server records on the source's health.
    expect(batch.problems).toEqual(problems);
  });

  it('keeps the feed text when a page fails with a 500 (failNext)', async () => {
    setArticle('/flaky/1');
    fake.failNext('/flaky/1', 503);
    const batch = await source().poll(on(setFeedLinking('/flaky.xml', ['/flaky/1'])), null);
    expect(batch.items[0]?.text).toBe('Story 0\n\nFeed summary 0');
    expect(article(batch.items[0])).toMatchObject({ status: 'failed', detail: 'HTTP 503' });
  });

  it('skips a link that is not an HTML page', async () => {
    fake.setPage('/files/report.pdf', { html: '%PDF-1.7 …', contentType: 'application/pdf' });
    const batch = await source().poll(on(setFeedLinking('/pdf.xml', ['/files/report.pdf'])), null);
    expect(batch.items[0]?.text).toBe('Story 0\n\nFeed summary 0');
    expect(article(batch.items[0])).toEqual({ status: 'skipped', detail: 'not an HTML page (application/pdf; charset=utf-8)', url: fake.url('/files/report.pdf') });
    expect(batch.feed.problems.messages).toEqual([`article ${fake.url('/files/report.pdf')}: not an HTML page (application/pdf; charset=utf-8)`]);
  });

  it('follows redirects to the page and reports where it was read', async () => {
    setArticle('/final/1');
    fake.redirect('/short/1', '/final/1', 301);
    const batch = await source().poll(on(setFeedLinking('/short.xml', ['/short/1'])), null);
    expect(article(batch.items[0])).toEqual({ status: 'fetched', url: fake.url('/final/1') });
    expect(batch.items[0]?.text).toContain(PARAGRAPHS[0]);
  });

  it('decodes a Windows-1252 page by its meta charset', async () => {
    const paragraphs = ['L’été à Genève : les délégués paient 5 € par café, disent les organisateurs de la conférence sur le désarmement, qui reprend ses travaux lundi.', 'Les négociations « à huis clos » doivent durer trois semaines, selon le secrétariat, qui espère un texte commun avant la fin du mois de juillet.'];
    fake.setPage('/fr/1', { html: articlePage({ title: 'Genève', lang: 'fr', charset: 'windows-1252', paragraphs }), charset: 'windows-1252', declareCharset: false });
    const batch = await source().poll(on(setFeedLinking('/fr.xml', ['/fr/1'])), null);
    expect(batch.items[0]?.text).toBe(`Story 0\n\n${paragraphs.join('\n\n')}`);
  });
});

describe('full articles: politeness', () => {
  it('honours robots.txt: a disallowed page is not requested, a longer Allow wins', async () => {
    fake.setRobots('User-agent: *\nDisallow: /\n\nUser-agent: DiploDesk\nDisallow: /members/\nAllow: /members/public/\n');
    setArticle('/members/1');
    setArticle('/members/public/1');
    const batch = await source().poll(on(setFeedLinking('/robots.xml', ['/members/1', '/members/public/1'])), null);

    expect(requestsTo('/members/1')).toHaveLength(0);
    expect(article(batch.items[0])).toEqual({ status: 'skipped', detail: 'disallowed by robots.txt', url: fake.url('/members/1') });
    expect(batch.items[0]?.text).toBe('Story 0\n\nFeed summary 0');
    expect(requestsTo('/members/public/1')).toHaveLength(1);
    expect(article(batch.items[1])?.status).toBe('fetched');
  });

  it('skips the host for this poll when robots.txt answers 5xx, and reads it again next poll', async () => {
    setArticle('/r5/1');
    setArticle('/r5/2');
    fake.failNext('/robots.txt', 503);
    const feedUrl = setFeedLinking('/r5.xml', ['/r5/1', '/r5/2']);
    const batch = await source().poll(on(feedUrl), null);
    expect(requestsTo('/robots.txt')).toHaveLength(1);
    expect(requestsTo('/r5/1')).toHaveLength(0);
    expect(requestsTo('/r5/2')).toHaveLength(0);
    expect(batch.items.map((i) => article(i))).toEqual([
      { status: 'skipped', detail: `robots.txt of ${new URL(fake.baseUrl).host} could not be read (HTTP 503)`, url: fake.url('/r5/1') },
      expect.objectContaining({ status: 'skipped' }),
    ]);

    setFeedLinking('/r5.xml', ['/r5/1', '/r5/2', '/r5/2?again']);
    const next = await source().poll(on(feedUrl), batch.nextCursor);
    expect(article(next.items[0])?.status).toBe('fetched');
    expect(requestsTo('/robots.txt')).toHaveLength(2);
  });

  it('fetches at most RSS_ARTICLE_MAX_PER_POLL pages, newest first; the rest keep the feed text', async () => {
    const links = ['/cap/0', '/cap/1', '/cap/2', '/cap/3'];
    for (const link of links) setArticle(link);
    const capped = createRssSource({ RSS_ARTICLE_MAX_PER_POLL: '2' }, unguardedOutbound, { timeoutMs: 2_000 });
    const batch = await capped.poll(on(setFeedLinking('/cap.xml', links)), null);

    expect(links.map((l) => requestsTo(l).length)).toEqual([0, 0, 1, 1]);
    expect(batch.items.map((i) => article(i)?.status)).toEqual(['skipped', 'skipped', 'fetched', 'fetched']);
    expect(article(batch.items[0])?.detail).toBe('over the limit of 2 articles per poll');
    expect(batch.items[0]?.text).toBe('Story 0\n\nFeed summary 0');
    expect(batch.feed.problems.messages).toEqual(['2 article(s) over the limit of 2 per poll kept the feed text']);
  });

  it('has at most 4 pages in flight at once', async () => {
    const links = Array.from({ length: 8 }, (_, i) => `/par/${i}`);
    for (const link of links) {
      setArticle(link);
      fake.slow(link, 80);
    }
    let inFlight = 0;
    let most = 0;
    const counting: OutboundHttp = {
      ...unguardedOutbound,
      fetch: async (input, init) => {
        const isPage = String(input).includes('/par/');
        if (isPage) most = Math.max(most, ++inFlight);
        try {
          return await unguardedOutbound.fetch(input, init);
        } finally {
          if (isPage) inFlight -= 1;
        }
      },
    };
    const batch = await source({}, counting).poll(on(setFeedLinking('/par.xml', links)), null);
    expect(batch.items.every((i) => article(i)?.status === 'fetched')).toBe(true);
    expect(most).toBe(4);
  });
});

// Which addresses an article link may reach is the server's outbound guard's business (every page
// and redirect hop goes through it): see server/src/platform/outbound and the listening SSRF tests.

describe('rss manifest', () => {
  it('lists the full-article env keys', () => {
    expect(connector.manifest.env.map((e) => e.key)).toEqual(expect.arrayContaining(['RSS_ARTICLE_TIMEOUT_MS', 'RSS_ARTICLE_MAX_BYTES', 'RSS_ARTICLE_MAX_PER_POLL']));
  });
});
