// A local feed server for tests: feeds served with ETag / Last-Modified and 304 answers (RFC 9110
// §13.1), gzip / deflate / br bodies, legacy charsets, redirect chains, 5xx faults and slow answers;
// and, for full-article fetching, HTML pages and a robots.txt (the same faults apply to them).
// Bodies are bytes, not strings, which is why this does not reuse the JSON-minded fake-http kit.
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';

export type FakeCharset = 'utf-8' | 'windows-1252' | 'utf-16le' | 'utf-16be' | 'utf-32le' | 'utf-32be';

export interface FakeFeed {
  /** The document as text; encoded with `charset` on the wire. */
  body: string;
  contentType?: string;
  /** `utf-8` (default), `windows-1252`, or UTF-16/32 in either byte order. */
  charset?: FakeCharset;
  /** Whether the Content-Type names the charset (default true). */
  declareCharset?: boolean;
  /** Start the body with a byte-order mark (default false). */
  bom?: boolean;
  /** Compress when the client accepts it. */
  encoding?: 'gzip' | 'deflate' | 'br';
  /** Send ETag / Last-Modified and honour conditional requests (default true). */
  validators?: boolean;
}

/** An HTML page (an article) served as-is, without validators. */
export interface FakePage {
  html: string;
  /** Default `text/html`. */
  contentType?: string;
  /** `utf-8` (default) or `windows-1252`. */
  charset?: 'utf-8' | 'windows-1252';
  /** Whether the Content-Type names the charset (default true); false leaves it to `<meta charset>`. */
  declareCharset?: boolean;
}

export interface FakeFeedRequest {
  path: string;
  headers: IncomingMessage['headers'];
  status: number;
}

export interface FakeFeedServer {
  readonly baseUrl: string;
  url(path: string): string;
  setFeed(path: string, feed: FakeFeed): void;
  /** Serves an HTML page at `path` (see {@link articlePage}). */
  setPage(path: string, page: FakePage): void;
  /** Serves `/robots.txt` as text/plain; null removes it (a 404, which allows everything). */
  setRobots(text: string | null): void;
  /** Answers `path` with a redirect to `to` (a path or absolute URL). */
  redirect(path: string, to: string, status?: 301 | 302 | 303 | 307 | 308): void;
  /** The next `times` requests to `path` get `status` (e.g. 500). */
  failNext(path: string, status: number, times?: number, headers?: Record<string, string>): void;
  /** Every answer for `path` is withheld for `ms`. */
  slow(path: string, ms: number): void;
  readonly requests: FakeFeedRequest[];
  close(): Promise<void>;
}

// The 0x80–0x9F block of Windows-1252 (where it differs from Latin-1); the rest maps 1:1 below 0x100.
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

/** Encodes text in one of the fake's charsets, with a byte-order mark when asked (not for windows-1252). */
export function encodeFeedText(text: string, charset: FakeCharset, bom = false): Buffer {
  if (charset === 'windows-1252') return encodeWindows1252(text);
  const body = bom ? `\ufeff${text}` : text;
  if (charset === 'utf-8') return Buffer.from(body, 'utf8');
  if (charset === 'utf-16le') return Buffer.from(body, 'utf16le');
  if (charset === 'utf-16be') return Buffer.from(body, 'utf16le').swap16();
  const points = [...body].map((c) => c.codePointAt(0) as number);
  const bytes = Buffer.alloc(points.length * 4);
  for (const [i, point] of points.entries()) {
    if (charset === 'utf-32le') bytes.writeUInt32LE(point, i * 4);
    else bytes.writeUInt32BE(point, i * 4);
  }
  return bytes;
}

/** Encodes text as Windows-1252; characters it lacks become "?". */
export function encodeWindows1252(text: string): Buffer {
  const out: number[] = [];
  for (const char of text) {
    const code = char.codePointAt(0) as number;
    const high = CP1252_HIGH.indexOf(char);
    if (high !== -1) out.push(0x80 + high);
    else if (code < 0x80 || (code >= 0xa0 && code <= 0xff)) out.push(code);
    else out.push(0x3f);
  }
  return Buffer.from(out);
}

/**
 * Starts the fake feed server on 127.0.0.1.
 *
 * @example
 * const fake = await startFakeFeedServer();
 * fake.setFeed('/feed.xml', { body: rss20Feed({ title: 'News', items: [{ guid: '1', title: 'Hello' }] }) });
 * await fetch(fake.url('/feed.xml'));
 */
export async function startFakeFeedServer(options: { seed?: boolean } = {}): Promise<FakeFeedServer> {
  const feeds = new Map<string, { feed: FakeFeed; bytes: Buffer; etag: string; lastModified: string }>();
  const redirects = new Map<string, { to: string; status: number }>();
  const faults = new Map<string, { status: number; times: number; headers: Record<string, string> }>();
  const delays = new Map<string, number>();
  const requests: FakeFeedRequest[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let clock = Date.parse('2026-01-05T08:00:00Z');

  const server = createServer((req, res) => {
    void serve(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  function answer(req: IncomingMessage, res: ServerResponse, path: string, status: number, headers: Record<string, string>, body?: Buffer): void {
    requests.push({ path, headers: req.headers, status });
    res.writeHead(status, headers);
    res.end(body);
  }

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const delay = delays.get(path) ?? 0;
    if (delay > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          timers.delete(timer);
          resolve();
        }, delay);
        timers.add(timer);
      });
    }
    if (res.destroyed) return;
    const fault = faults.get(path);
    if (fault && fault.times > 0) {
      fault.times -= 1;
      return answer(req, res, path, fault.status, { 'content-type': 'text/html', ...fault.headers }, Buffer.from(`<h1>${fault.status}</h1>`));
    }
    const redirect = redirects.get(path);
    if (redirect) return answer(req, res, path, redirect.status, { location: redirect.to });
    const stored = feeds.get(path);
    if (!stored) return answer(req, res, path, 404, { 'content-type': 'text/plain' }, Buffer.from('not found'));
    const { feed } = stored;
    const headers: Record<string, string> = {};
    const charset = feed.charset ?? 'utf-8';
    headers['content-type'] = `${feed.contentType ?? 'application/rss+xml'}${feed.declareCharset === false ? '' : `; charset=${charset}`}`;
    if (feed.validators !== false) {
      headers.etag = stored.etag;
      headers['last-modified'] = stored.lastModified;
      const inm = req.headers['if-none-match'];
      const ims = req.headers['if-modified-since'];
      // RFC 9110 §13.2.2: If-None-Match takes precedence; If-Modified-Since only when it is absent.
      const fresh = inm !== undefined ? inm.split(',').some((tag) => tag.trim() === stored.etag) : ims !== undefined && Date.parse(ims) >= Date.parse(stored.lastModified);
      if (fresh) return answer(req, res, path, 304, { etag: stored.etag, 'last-modified': stored.lastModified });
    }
    let body = stored.bytes;
    const accepts = String(req.headers['accept-encoding'] ?? '');
    if (feed.encoding && accepts.includes(feed.encoding)) {
      body = feed.encoding === 'gzip' ? gzipSync(body) : feed.encoding === 'br' ? brotliCompressSync(body) : deflateSync(body);
      headers['content-encoding'] = feed.encoding;
      headers.vary = 'Accept-Encoding';
    }
    headers['content-length'] = String(body.length);
    answer(req, res, path, 200, headers, body);
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  const fake: FakeFeedServer = {
    baseUrl,
    url: (path) => `${baseUrl}${path}`,
    setFeed(path, feed) {
      const bytes = encodeFeedText(feed.body, feed.charset ?? 'utf-8', feed.bom);
      // Each change is a new version a second later, so If-Modified-Since sees it as newer.
      clock += 1000;
      const etag = `"${createHash('sha1').update(bytes).digest('hex').slice(0, 16)}"`;
      feeds.set(path, { feed, bytes, etag, lastModified: new Date(clock).toUTCString() });
    },
    setPage(path, page) {
      fake.setFeed(path, { body: page.html, contentType: page.contentType ?? 'text/html', charset: page.charset ?? 'utf-8', declareCharset: page.declareCharset ?? true, validators: false });
    },
    setRobots(text) {
      if (text === null) feeds.delete('/robots.txt');
      else fake.setFeed('/robots.txt', { body: text, contentType: 'text/plain', validators: false });
    },
    redirect(path, to, status = 302) {
      redirects.set(path, { to, status });
    },
    failNext(path, status, times = 1, headers = {}) {
      faults.set(path, { status, times, headers });
    },
    slow(path, ms) {
      delays.set(path, ms);
    },
    requests,
    close() {
      for (const timer of timers) clearTimeout(timer);
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
  if (options.seed) seedStandardFeeds(fake);
  return fake;
}

/** Paths {@link seedStandardFeeds} installs, for tests and local demos. */
export const STANDARD_FEEDS = {
  rss: '/rss.xml',
  atom: '/atom.xml',
  rdf: '/rdf.xml',
  windows1252: '/cp1252.xml',
  gzip: '/gzip.xml',
  broken: '/broken.xml',
  /** 301 → /rss.xml */
  moved: '/moved.xml',
  /** 302 → 301 → /atom.xml */
  chain: '/chain.xml',
  /** Always 500. */
  error: '/error.xml',
  /** /rss.xml content answered after 5 s. */
  slow: '/slow.xml',
} as const;

/** Article pages {@link seedStandardFeeds} installs: the pages the standard RSS feed links to. */
export const STANDARD_PAGES = {
  maritime: '/news/1',
  climate: '/news/2',
} as const;

/** Installs a fixed set of feeds covering each format and each fault (see {@link STANDARD_FEEDS}), and the article pages they link to. */
export function seedStandardFeeds(fake: FakeFeedServer): void {
  const items: FakeRssItem[] = [
    { guid: 'std-1', title: 'Joint statement on maritime cooperation', link: '/news/1', description: '<p>Both ministers met in Jakarta.</p>', pubDate: 'Mon, 05 Jan 2026 08:00:00 GMT', author: 'Press office' },
    { guid: 'std-2', title: 'Climate finance talks resume', link: '/news/2', description: '<p>Delegations return to the table.</p>', pubDate: 'Mon, 05 Jan 2026 10:30:00 +0700' },
  ];
  fake.setFeed(STANDARD_FEEDS.rss, { body: rss20Feed({ title: 'Ministry news', language: 'en', items }) });
  fake.setFeed(STANDARD_FEEDS.gzip, { body: rss20Feed({ title: 'Ministry news', language: 'en', items }), encoding: 'gzip' });
  fake.setFeed(STANDARD_FEEDS.slow, { body: rss20Feed({ title: 'Ministry news', items }) });
  fake.slow(STANDARD_FEEDS.slow, 5_000);
  fake.setFeed(STANDARD_FEEDS.atom, {
    contentType: 'application/atom+xml',
    body: `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="id"><title>Berita Kementerian</title><id>urn:fake:atom</id><updated>2026-01-05T09:00:00+07:00</updated>
<author><name>Biro Humas</name></author>
<entry><id>urn:fake:atom:1</id><title>Kerja sama maritim diperkuat</title><link href="/berita/1"/><published>2026-01-05T09:00:00+07:00</published><updated>2026-01-05T09:00:00+07:00</updated><summary type="html">&lt;p&gt;Kedua menteri bertemu.&lt;/p&gt;</summary></entry>
</feed>`,
  });
  fake.setFeed(STANDARD_FEEDS.rdf, {
    contentType: 'application/rdf+xml',
    body: `<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="https://example.org/"><title>RDF news</title><link>https://example.org/</link><dc:language>en</dc:language></channel>
<item rdf:about="https://example.org/rdf/1"><title>Trade envoy visit</title><link>https://example.org/rdf/1</link><description>A visit.</description><dc:date>2026-01-04T12:00:00Z</dc:date></item>
</rdf:RDF>`,
  });
  fake.setFeed(STANDARD_FEEDS.windows1252, {
    charset: 'windows-1252',
    declareCharset: false,
    contentType: 'text/xml',
    body: rss20Feed({ title: 'Café diplomatique', encoding: 'windows-1252', language: 'fr', items: [{ guid: 'cp-1', title: 'L’été à Genève', description: 'Budget : 5 € par délégué', pubDate: 'Sun, 04 Jan 2026 12:00:00 +0100' }] }),
  });
  fake.setFeed(STANDARD_FEEDS.broken, {
    body: `<?xml version="1.0"?><rss version="2.0"><channel><title>Broken feed</title>
<item><guid>br-1</guid><title>Readable entry</title><description>Fine.</description></item>
<item><guid>br-2</guid><title>Unclosed title</item>
<item><guid>br-3</guid><title>Bad &entity; and AT&T</title>`,
  });
  fake.redirect(STANDARD_FEEDS.moved, STANDARD_FEEDS.rss, 301);
  fake.redirect(STANDARD_FEEDS.chain, '/chain-step.xml', 302);
  fake.redirect('/chain-step.xml', STANDARD_FEEDS.atom, 301);
  fake.failNext(STANDARD_FEEDS.error, 500, Number.POSITIVE_INFINITY);
  fake.setPage(STANDARD_PAGES.maritime, {
    html: articlePage({
      title: 'Joint statement on maritime cooperation',
      paragraphs: [
        'The foreign ministers of both countries met in Jakarta on Monday and agreed a joint statement on maritime cooperation, covering fisheries, coast guard exchanges and the protection of shared sea lanes.',
        'A joint working group will report within six months on a memorandum of understanding on search and rescue, and officials from both coast guards will hold their first exercise before the end of the year.',
        'Both ministers called the talks frank and constructive, and said the next round of consultations would take place in the other capital in the second half of 2026.',
      ],
    }),
  });
  fake.setPage(STANDARD_PAGES.climate, {
    html: articlePage({
      title: 'Climate finance talks resume',
      paragraphs: [
        'Delegations returned to the negotiating table on Monday after a two-week pause, with the size of a new adaptation fund and the share of grants in it still unresolved.',
        'Negotiators said a draft text could be ready for ministers by Friday if the remaining brackets on reporting rules are removed in the working sessions this week.',
      ],
    }),
  });
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * A news page as sites really serve them: navigation, a cookie banner, the article (headline, byline,
 * paragraphs) in `<article>`, related links, a newsletter box, a footer and scripts. `charset` is
 * only named in `<meta charset>`; pass the same to {@link FakeFeedServer.setPage}.
 *
 * @example
 * fake.setPage('/news/1', { html: articlePage({ title: 'Ministers meet', paragraphs: ['First.', 'Second.'] }) });
 */
export function articlePage(input: { title: string; paragraphs: string[]; charset?: string; lang?: string }): string {
  const paragraphs = input.paragraphs.map((p) => `      <p>${escapeHtml(p)}</p>`).join('\n');
  return `<!doctype html>
<html lang="${input.lang ?? 'en'}">
<head>
  <meta charset="${input.charset ?? 'utf-8'}">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${escapeHtml(input.title)} | Example News</title>
  <link rel="stylesheet" href="/static/site.css">
  <script>window.dataLayer = window.dataLayer || []; dataLayer.push({ event: 'pageview' });</script>
</head>
<body class="article-page">
  <div id="cookie-consent" class="cookie-banner" role="dialog">
    <p>We use cookies to improve your experience and to show you relevant advertising. By continuing you accept our cookie policy.</p>
    <button type="button">Accept all cookies</button> <button type="button">Manage settings</button>
  </div>
  <header class="site-header">
    <a class="logo" href="/">Example News</a>
    <nav class="main-nav"><ul><li><a href="/world">World</a></li><li><a href="/politics">Politics</a></li><li><a href="/business">Business</a></li><li><a href="/opinion">Opinion</a></li><li><a href="/subscribe">Subscribe today</a></li></ul></nav>
  </header>
  <main>
    <article class="story">
      <h1>${escapeHtml(input.title)}</h1>
      <p class="byline">By the Example News diplomatic desk</p>
${paragraphs}
    </article>
    <aside class="related">
      <h2>Related stories</h2>
      <ul><li><a href="/news/related-1">Trade envoy visits the region</a></li><li><a href="/news/related-2">Summit dates announced</a></li><li><a href="/news/related-3">Opinion: what the talks mean</a></li></ul>
    </aside>
    <div class="newsletter"><h3>Sign up for our morning briefing</h3><form action="/newsletter"><input type="email" name="email"> <button>Sign up</button></form></div>
  </main>
  <footer class="site-footer">
    <p>© 2026 Example News Ltd. All rights reserved.</p>
    <p><a href="/privacy">Privacy policy</a> · <a href="/terms">Terms of use</a> · <a href="/contact">Contact us</a></p>
  </footer>
  <script src="/static/analytics.js"></script>
</body>
</html>`;
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export interface FakeRssItem {
  guid?: string;
  title?: string;
  link?: string;
  /** HTML; sent in CDATA. */
  description?: string;
  pubDate?: string;
  author?: string;
}

/** An RSS 2.0 document (dc and content namespaces declared). */
export function rss20Feed(input: { title: string; link?: string; language?: string; encoding?: string; items: FakeRssItem[] }): string {
  const items = input.items
    .map((item) =>
      [
        '<item>',
        item.title !== undefined ? `<title>${escapeXml(item.title)}</title>` : '',
        item.link !== undefined ? `<link>${escapeXml(item.link)}</link>` : '',
        item.guid !== undefined ? `<guid isPermaLink="false">${escapeXml(item.guid)}</guid>` : '',
        item.description !== undefined ? `<description><![CDATA[${item.description}]]></description>` : '',
        item.pubDate !== undefined ? `<pubDate>${item.pubDate}</pubDate>` : '',
        item.author !== undefined ? `<dc:creator>${escapeXml(item.author)}</dc:creator>` : '',
        '</item>',
      ].join(''),
    )
    .join('\n');
  return `<?xml version="1.0" encoding="${input.encoding ?? 'UTF-8'}"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>${escapeXml(input.title)}</title><link>${escapeXml(input.link ?? 'https://example.org/')}</link>${input.language ? `<language>${input.language}</language>` : ''}
${items}
</channel></rss>`;
}
