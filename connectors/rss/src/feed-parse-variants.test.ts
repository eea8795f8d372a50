// Older and rarer feed dialects found in real-world corpora (Atom 0.3, RSS 0.90, Dublin Core and
// Media RSS titles, dcterms dates, base64 content). Every feed here is a small hand-written case.
import { describe, expect, it } from 'vitest';
import { parseFeed } from './feed-parse.ts';

const feedUrl = 'https://news.example.org/feed.xml';
const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

function atom03(entries: string, feedExtra = ''): string {
  return `<?xml version="1.0" encoding="utf-8"?>
    <feed version="0.3" xmlns="http://purl.org/atom/ns#" xmlns:dc="http://purl.org/dc/elements/1.1/" xml:lang="en">
      <title mode="escaped" type="text/html">Kedutaan &lt;b&gt;Nairobi&lt;/b&gt;</title>
      <link rel="alternate" type="text/html" href="https://embassy.example/"/>
      <modified>2026-02-01T08:00:00Z</modified>${feedExtra}
      ${entries}
    </feed>`;
}

describe('Atom 0.3 and Atom 1.0 text and content constructs', () => {
  it('reads Atom 0.3 titles in escaped, base64 and xml mode', () => {
    const xml = atom03(`
      <entry><id>tag:e,2026:1</id><title mode="escaped" type="text/html">Visa &amp;amp; &lt;i&gt;passport&lt;/i&gt; hours</title>
        <link rel="alternate" href="https://embassy.example/1"/><issued>2026-01-30T09:00:00+03:00</issued><modified>2026-01-31T00:00:00Z</modified></entry>
      <entry><id>tag:e,2026:2</id><title mode="base64" type="text/plain">${b64('Pernyataan pers — Gaza')}</title><modified>2026-01-31T00:00:00Z</modified></entry>
      <entry><id>tag:e,2026:3</id><title mode="xml" type="application/xhtml+xml"><div xmlns="http://www.w3.org/1999/xhtml">Trade <b>week</b></div></title><modified>2026-01-31T00:00:00Z</modified></entry>
      <entry><id>tag:e,2026:4</id><title>Plain default</title><modified>2026-01-31T00:00:00Z</modified></entry>`);
    const feed = parseFeed(xml, feedUrl);
    expect(feed.format).toBe('atom');
    expect(feed.title).toBe('Kedutaan Nairobi');
    expect(feed.entries.map((e) => e.title)).toEqual(['Visa & passport hours', 'Pernyataan pers — Gaza', 'Trade week', 'Plain default']);
    expect(feed.entries[0]?.url).toBe('https://embassy.example/1');
    expect(feed.problems).toEqual([]);
  });

  it('reads Atom 0.3 content and summary in every mode, base64 included', () => {
    const xml = atom03(`
      <entry><id>1</id><title>a</title><content type="text/html" mode="base64">${b64('<p>Isi <b>berita</b> café</p>')}</content></entry>
      <entry><id>2</id><title>b</title><summary type="text/plain" mode="escaped">Tom &amp;amp; Jerry &lt;not a tag&gt;</summary></entry>
      <entry><id>3</id><title>c</title><content type="application/xhtml+xml" mode="xml"><div xmlns="http://www.w3.org/1999/xhtml"><p>One</p><p>Two</p></div></content></entry>
      <entry><id>4</id><title>d</title><content type="image/png" mode="base64">iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk</content></entry>`);
    const summaries = parseFeed(xml, feedUrl).entries.map((e) => e.summary);
    expect(summaries).toEqual(['Isi berita café', 'Tom &amp; Jerry <not a tag>', 'One\n\nTwo', '']);
  });

  it('reads Atom 0.3 multipart/alternative content from its first readable part', () => {
    const xml = atom03(`<entry><id>1</id><title>m</title><content type="multipart/alternative">
        <content type="image/png" mode="base64">iVBORw0KGgo=</content>
        <content type="text/html" mode="escaped">&lt;p&gt;Bagian &lt;b&gt;HTML&lt;/b&gt;&lt;/p&gt;</content>
        <content type="text/plain">Plain part</content></content></entry>`);
    const feed = parseFeed(xml, feedUrl);
    expect(feed.entries[0]?.summary).toBe('Bagian HTML');
    expect(feed.problems).toEqual([]);
  });

  it('keeps Atom 1.0 html and xhtml text, and decodes base64 content of a non-text media type (RFC 4287 §4.1.3.3)', () => {
    const xml = `<feed xmlns="http://www.w3.org/2005/Atom">
      <entry><id>1</id><title type="html">A &lt;em&gt;b&lt;/em&gt; &amp;amp; c</title><content type="application/octet-stream">${b64('Teks siaran pers\ndua baris')}</content></entry>
      <entry><id>2</id><title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">X <i>y</i></div></title><content type="application/json">${b64('{"say":"halo"}')}</content></entry>
      <entry><id>3</id><title type="text">  T  &lt;b&gt; </title><content type="text/plain">a &lt;b&gt; c</content></entry>
      <entry><id>4</id><title>img</title><content type="image/gif">R0lGODlhAQABAIAAAP///wAAACwAAAAAAQABAAACAkQBADs=</content></entry>
      <entry><id>5</id><title>xml</title><content type="application/rss+xml"><x>inline <y>xml</y></x></content></entry>
    </feed>`;
    const feed = parseFeed(xml, feedUrl);
    expect(feed.entries.map((e) => [e.title, e.summary])).toEqual([
      ['A b & c', 'Teks siaran pers dua baris'],
      ['X y', '{"say":"halo"}'],
      ['T <b>', 'a <b> c'],
      ['img', ''],
      ['xml', 'inline xml'],
    ]);
  });

  it('keeps the text of content whose media type says base64 but which is not', () => {
    const xml = '<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>1</id><title>t</title><content type="application/x-unknown">Not base64 at all!</content></entry></feed>';
    const feed = parseFeed(xml, feedUrl);
    expect(feed.entries[0]?.summary).toBe('Not base64 at all!');
    expect(feed.problems).toEqual(['content of type application/x-unknown is not base64; kept as text']);
  });
});

describe('titles from Dublin Core, Media RSS and RSS 0.90', () => {
  it('falls back to dc:title, then media:title (item, media:content or media:group) when <title> is missing or empty', () => {
    const xml = `<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:media="http://search.yahoo.com/mrss/"><channel><dc:title>Channel DC</dc:title>
      <item><guid>1</guid><dc:title>Judul DC</dc:title></item>
      <item><guid>2</guid><title></title><media:title type="html">Video &lt;b&gt;one&lt;/b&gt;</media:title></item>
      <item><guid>3</guid><media:content url="https://v.example/3.mp4"><media:title type="plain">Plain &lt;3 title</media:title></media:content></item>
      <item><guid>4</guid><media:group><media:title>Grouped</media:title><media:content url="https://v.example/4.mp4"/></media:group></item>
      <item><guid>5</guid><title>Own title</title><dc:title>Not used</dc:title><media:title>Not used either</media:title></item>
    </channel></rss>`;
    const feed = parseFeed(xml, feedUrl);
    expect(feed.title).toBe('Channel DC');
    expect(feed.entries.map((e) => e.title)).toEqual(['Judul DC', 'Video one', 'Plain <3 title', 'Grouped', 'Own title']);
  });

  it('reads dc:title in RSS 1.0 and Atom entries without a title', () => {
    const rdf = `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
      <channel rdf:about="https://r.example/"><dc:title>R</dc:title></channel>
      <item rdf:about="https://r.example/1"><link>https://r.example/1</link><dc:title>Eins</dc:title></item></rdf:RDF>`;
    expect(parseFeed(rdf, feedUrl)).toMatchObject({ title: 'R', entries: [{ title: 'Eins' }] });
    const atom = `<feed xmlns="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:media="http://search.yahoo.com/mrss/">
      <entry><id>1</id><dc:title>From DC</dc:title></entry><entry><id>2</id><media:group><media:title>From media</media:title></media:group></entry></feed>`;
    expect(parseFeed(atom, feedUrl).entries.map((e) => e.title)).toEqual(['From DC', 'From media']);
  });

  it('reads RSS 0.90 (rdf:RDF in the Netscape 0.9 namespace)', () => {
    const xml = `<?xml version="1.0"?>
      <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://my.netscape.com/rdf/simple/0.9/">
        <channel><title>Netscape-era news</title><link>https://old.example/</link><description>Old</description></channel>
        <image><title>logo</title><url>https://old.example/logo.gif</url><link>https://old.example/</link></image>
        <item><title>First headline</title><link>https://old.example/1</link></item>
        <item><title>Second &amp; last</title><link>https://old.example/2</link></item>
      </rdf:RDF>`;
    const feed = parseFeed(xml, feedUrl);
    expect(feed.format).toBe('rss1');
    expect(feed.title).toBe('Netscape-era news');
    expect(feed.entries.map((e) => [e.id, e.title, e.url])).toEqual([
      ['https://old.example/1', 'First headline', 'https://old.example/1'],
      ['https://old.example/2', 'Second & last', 'https://old.example/2'],
    ]);
    expect(feed.problems).toEqual([]);
  });
});

describe('dates from Atom 0.3 and Dublin Core terms', () => {
  it('reads Atom 0.3 issued before created before modified', () => {
    const xml = atom03(`
      <entry><id>1</id><title>a</title><modified>2026-01-05T00:00:00Z</modified><issued>2026-01-03T10:00:00+07:00</issued><created>2026-01-02T00:00:00Z</created></entry>
      <entry><id>2</id><title>b</title><modified>2026-01-05T00:00:00Z</modified><created>2026-01-02T00:00:00Z</created></entry>
      <entry><id>3</id><title>c</title><modified>2026-01-05T00:00:00Z</modified></entry>`);
    expect(parseFeed(xml, feedUrl).entries.map((e) => e.publishedAt)).toEqual([Date.UTC(2026, 0, 3, 3), Date.UTC(2026, 0, 2), Date.UTC(2026, 0, 5)]);
  });

  it('reads dcterms:issued/created/modified and dc:date, publication before modification, in every format', () => {
    const ns = 'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"';
    const rss = `<rss version="2.0" ${ns}><channel>
      <item><guid>1</guid><dcterms:modified>2026-03-09T00:00:00Z</dcterms:modified><dcterms:issued>2026-03-01T00:00:00Z</dcterms:issued></item>
      <item><guid>2</guid><dcterms:modified>2026-03-09T00:00:00Z</dcterms:modified><dcterms:created>2026-03-02T00:00:00Z</dcterms:created></item>
      <item><guid>3</guid><dcterms:modified>2026-03-09T00:00:00Z</dcterms:modified></item>
      <item><guid>4</guid><dcterms:modified>2026-03-09T00:00:00Z</dcterms:modified><dc:date>2026-03-04T00:00:00Z</dc:date></item>
      <item><guid>5</guid><pubDate>Thu, 05 Mar 2026 00:00:00 GMT</pubDate><dcterms:issued>2026-03-01T00:00:00Z</dcterms:issued></item>
    </channel></rss>`;
    expect(parseFeed(rss, feedUrl).entries.map((e) => e.publishedAt)).toEqual([1, 2, 9, 4, 5].map((d) => Date.UTC(2026, 2, d)));
    const rdf = `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" ${ns}>
      <item rdf:about="u:1"><title>x</title><dcterms:issued>2026-03-06T00:00:00Z</dcterms:issued></item></rdf:RDF>`;
    expect(parseFeed(rdf, feedUrl).entries[0]?.publishedAt).toBe(Date.UTC(2026, 2, 6));
    const atom = `<feed xmlns="http://www.w3.org/2005/Atom" ${ns}>
      <entry><id>1</id><title>x</title><updated>2026-03-09T00:00:00Z</updated><dcterms:issued>2026-03-07T00:00:00Z</dcterms:issued></entry>
      <entry><id>2</id><title>y</title><updated>2026-03-09T00:00:00Z</updated><published>2026-03-08T00:00:00Z</published><dc:date>2026-03-01T00:00:00Z</dc:date></entry></feed>`;
    expect(parseFeed(atom, feedUrl).entries.map((e) => e.publishedAt)).toEqual([Date.UTC(2026, 2, 7), Date.UTC(2026, 2, 8)]);
  });
});
