import { describe, expect, it } from 'vitest';
import { parseFeed } from './feed-parse.ts';
import { parseXmlTolerant } from './xml-tolerant.ts';

describe('parseXmlTolerant', () => {
  it('decodes named and numeric entities and keeps CDATA verbatim', () => {
    const { root, problems } = parseXmlTolerant('<a>caf&eacute; &#8217;&#x20AC; &lt;b&gt;<![CDATA[<p>x & y</p>]]></a>');
    expect(root?.children).toEqual(['café ’€ <b><p>x & y</p>']);
    expect(problems).toEqual([]);
  });

  it('closes unclosed tags, keeps bad entities literally and reports each recovery', () => {
    const { root, problems } = parseXmlTolerant('<r><a>one<b>two</a><c>AT&T &bogus;</c></r>');
    expect(root?.children).toHaveLength(2);
    expect(problems).toEqual(['<b> not closed before </a>', 'bare "&" not starting a character reference near "&T"', 'unknown entity "&bogus;"']);
  });

  it('resolves namespaces, inherits xml:lang and ignores the doctype', () => {
    const { root } = parseXmlTolerant('<!DOCTYPE x [<!ENTITY a "b">]><f xmlns="urn:a" xmlns:d="urn:d" xml:lang="fr"><d:x/></f>');
    const child = root?.children[0];
    expect(root?.ns).toBe('urn:a');
    expect(typeof child === 'object' && { ns: child.ns, local: child.local, lang: child.lang }).toEqual({ ns: 'urn:d', local: 'x', lang: 'fr' });
  });
});

describe('parseFeed', () => {
  const feedUrl = 'https://news.example.org/feeds/main.xml';

  it('reads RSS 2.0 with content:encoded, dc:creator, relative links and an RFC 822 date', () => {
    const xml = `<?xml version="1.0"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:media="http://search.yahoo.com/mrss/">
      <channel><title>News</title><language>id</language>
        <item><title>Menteri &amp; duta</title><link>/2026/01/a.html</link><guid isPermaLink="false">tag:a-1</guid>
          <content:encoded><![CDATA[<p>Isi <b>berita</b></p><script>alert(1)</script><style>p{}</style>]]></content:encoded>
          <dc:creator>Siti</dc:creator><pubDate>Mon, 05 Jan 2026 09:30:00 +0700</pubDate>
          <media:content url="img/a.jpg" type="image/jpeg"/></item>
      </channel></rss>`;
    const feed = parseFeed(xml, feedUrl);
    expect(feed.problems).toEqual([]);
    expect(feed.format).toBe('rss2');
    expect(feed.entries).toEqual([
      {
        id: 'tag:a-1',
        url: 'https://news.example.org/2026/01/a.html',
        title: 'Menteri & duta',
        summary: 'Isi berita',
        author: { name: 'Siti' },
        publishedAt: Date.UTC(2026, 0, 5, 2, 30),
        language: 'id',
        categories: [],
        media: [{ url: 'https://news.example.org/feeds/img/a.jpg', type: 'image/jpeg' }],
      },
    ]);
  });

  it('reads Atom 1.0 with html and xhtml text, xml:lang, xml:base and feed-level author', () => {
    const xml = `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en" xml:base="https://blog.example.com/x/">
      <title>Blog</title><author><name>Desk</name></author>
      <entry><id>urn:uuid:1</id><title type="html">A &lt;em&gt;b&lt;/em&gt;</title><link rel="alternate" href="post-1"/>
        <updated>2026-01-05T10:00:00.5+01:00</updated><summary type="html">&lt;p&gt;Hello&lt;/p&gt;</summary></entry>
      <entry xml:lang="id"><id>urn:uuid:2</id><title>Dua</title><content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Halo <b>dunia</b></p></div></content>
        <published>2026-01-04T00:00:00Z</published><author><name>Budi</name><uri>/budi</uri></author></entry>
    </feed>`;
    const feed = parseFeed(xml, feedUrl);
    expect(feed.problems).toEqual([]);
    expect(feed.entries.map((e) => ({ id: e.id, url: e.url, title: e.title, summary: e.summary, author: e.author, publishedAt: e.publishedAt, language: e.language }))).toEqual([
      { id: 'urn:uuid:1', url: 'https://blog.example.com/x/post-1', title: 'A b', summary: 'Hello', author: { name: 'Desk' }, publishedAt: Date.UTC(2026, 0, 5, 9, 0, 0, 500), language: 'en' },
      { id: 'urn:uuid:2', url: undefined, title: 'Dua', summary: 'Halo dunia', author: { name: 'Budi', url: 'https://blog.example.com/budi' }, publishedAt: Date.UTC(2026, 0, 4), language: 'id' },
    ]);
  });

  it('reads RSS 1.0 / RDF with dc:date and dc:language', () => {
    const xml = `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
      <channel rdf:about="https://r.example/"><title>R</title><dc:language>de</dc:language></channel>
      <item rdf:about="https://r.example/1"><title>Eins</title><link>https://r.example/1</link><description>Text</description><dc:date>2026-01-03T12:00:00Z</dc:date><dc:creator>Anna</dc:creator></item>
    </rdf:RDF>`;
    const feed = parseFeed(xml, feedUrl);
    expect(feed.format).toBe('rss1');
    expect(feed.entries).toEqual([
      { id: 'https://r.example/1', url: 'https://r.example/1', title: 'Eins', summary: 'Text', author: { name: 'Anna' }, publishedAt: Date.UTC(2026, 0, 3, 12), language: 'de', categories: [], media: [] },
    ]);
  });

  it('falls back from guid to link to a hash of title and date', () => {
    const xml = '<rss><channel><item><link>https://e.org/1</link><title>A</title></item><item><title>B</title><pubDate>Sat, 03 Jan 2026 10:00:00 GMT</pubDate></item></channel></rss>';
    const [first, second] = parseFeed(xml, feedUrl).entries;
    expect(first?.id).toBe('https://e.org/1');
    expect(second?.id).toMatch(/^sha256:[0-9a-f]{32}$/);
    expect(parseFeed(xml, feedUrl).entries[1]?.id).toBe(second?.id);
  });

  it('keeps the readable items of a broken feed and reports what it repaired', () => {
    const xml = `<rss><channel><title>Broken</title>
      <item><guid>1</guid><title>Good one</title></item>
      <item><guid>2</guid><title>Unclosed title</item>
      <item><guid>3</guid><title>Fish &chips; & more</title><pubDate>yesterday</pubDate>
      <item><guid>4</guid><title>After the missing close</title></item>
      </channel>`;
    const feed = parseFeed(xml, feedUrl);
    expect(feed.entries.map((e) => [e.id, e.title])).toEqual([
      ['1', 'Good one'],
      ['2', 'Unclosed title'],
      ['3', 'Fish &chips; & more'],
      ['4', 'After the missing close'],
    ]);
    expect(feed.problems).toEqual(
      expect.arrayContaining(['<title> not closed before </item>', 'unknown entity "&chips;"', '<item> opened inside an unclosed <item>', 'unreadable date "yesterday"', '<rss> not closed at end of document']),
    );
  });

  it('reports a document that is not a feed', () => {
    expect(parseFeed('<html><body>hi</body></html>', feedUrl)).toMatchObject({ format: 'unknown', entries: [], problems: ['root element <html> is not a known feed format'] });
    expect(parseFeed('', feedUrl).problems).toEqual(['no root element']);
  });
});
