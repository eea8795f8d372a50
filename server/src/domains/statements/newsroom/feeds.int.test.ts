import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newsroomEntries } from './newsroom.tables.ts';
import { createNewsroomTestApp, type NewsroomTestApp, publishTestStatement } from './newsroom-test-app.ts';

// A real feed reader decides what the feeds mean: Python's feedparser (Debian: python3-feedparser)
// for RSS and Atom; JSON Feed is read by its spec's field meanings.
// The test is skipped only where there is no Python at all; a Python without feedparser fails it.
const pythons = ['/usr/bin/python3', 'python3'].filter((bin) => spawnSync(bin, ['--version']).status === 0);
const python = pythons.find((bin) => spawnSync(bin, ['-c', 'import feedparser']).status === 0) ?? pythons[0];

// Prints, per entry, the text a reader would show: HTML content reduced to its characters.
const readFeed = `
import sys, json, feedparser
from html.parser import HTMLParser
class Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True); self.parts = []; self.tags = []
    def handle_starttag(self, tag, attrs): self.tags.append(tag)
    def handle_data(self, data): self.parts.append(data)
def text_of(value, kind):
    if 'html' not in kind: return {'text': value, 'tags': []}
    p = Text(); p.feed(value); p.close(); return {'text': ''.join(p.parts), 'tags': p.tags}
data = sys.stdin.buffer.read()
if 'json' in sys.argv[1]:
    # feedparser 6.0 reads no JSON Feed; its fields are read by the spec (content_html is HTML).
    items = json.loads(data)['items']
    out = [{'title': i['title'], 'contents': [text_of(i[k], 'text/html' if k == 'content_html' else 'text/plain') for k in ('content_html', 'content_text') if k in i]} for i in items]
    print(json.dumps({'bozo': '', 'entries': out})); sys.exit(0)
feed = feedparser.parse(data, response_headers={'content-type': sys.argv[1]})
out = []
for e in feed.entries:
    contents = [text_of(c.value, c.type) for c in e.get('content', [])]
    if not contents and 'summary_detail' in e: contents.append(text_of(e.summary, e.summary_detail.type))
    out.append({'title': e.title, 'contents': contents})
print(json.dumps({'bozo': str(feed.get('bozo_exception', '')) if feed.bozo else '', 'entries': out}))
`;

type Parsed = { bozo: string; entries: { title: string; contents: { text: string; tags: string[] }[] }[] };

function parseWithFeedparser(body: string, contentType: string): Parsed {
  return JSON.parse(execFileSync(python ?? 'python3', ['-c', readFeed, contentType], { input: body, encoding: 'utf8' }));
}

let t: NewsroomTestApp;
const body = 'First: <img src=x onerror=alert(1)> & "quotes" ]]> stay text.\n\nSecond paragraph <b>not bold</b>.';

beforeAll(async () => {
  t = await createNewsroomTestApp();
  await publishTestStatement(t, { language: 'nl', title: 'Titel <img src=x onerror=alert(2)>', body });
});
afterAll(async () => {
  await t?.close();
});

describe.skipIf(!python)('newsroom feeds read by a real feed reader', () => {
  it.each(['rss.xml', 'atom.xml', 'feed.json'])('%s carries the statement text as text, markup and all', async (file) => {
    const res = await t.app.inject({ method: 'GET', url: `/newsroom/nl/${file}` });
    expect(res.statusCode).toBe(200);
    const parsed = parseWithFeedparser(res.body, String(res.headers['content-type']));
    expect(parsed.bozo).toBe('');
    const [entry] = parsed.entries;
    expect(entry?.title).toBe('Titel <img src=x onerror=alert(2)>');
    expect(entry?.contents.length).toBeGreaterThan(0);
    for (const content of entry?.contents ?? []) {
      expect(content.text).toContain('First: <img src=x onerror=alert(1)> & "quotes" ]]> stay text.');
      expect(content.text).toContain('Second paragraph <b>not bold</b>.');
      // Only the paragraphs the feed made itself are markup; nothing from the text became a tag.
      expect(content.tags.filter((tag) => tag !== 'p')).toEqual([]);
    }
  });
});

describe('newsroom feeds and HTTP caches', () => {
  const types = { 'rss.xml': 'application/rss+xml', 'atom.xml': 'application/atom+xml', 'feed.json': 'application/feed+json' } as const;

  it.each(Object.keys(types))('%s sends ETag and Last-Modified, and 304 to If-None-Match / If-Modified-Since', async (file) => {
    const url = `/newsroom/nl/${file}`;
    const first = await t.app.inject({ method: 'GET', url });
    expect(first.statusCode).toBe(200);
    const etag = String(first.headers.etag ?? '');
    const lastModified = String(first.headers['last-modified'] ?? '');
    expect(etag).toMatch(/^(W\/)?"[^"]+"$/);
    // The newest entry's time, to the second (HTTP dates have no fractions).
    const [entry] = await listFeedEntries();
    expect(lastModified).toBe(new Date(Math.floor(entry!.getTime() / 1000) * 1000).toUTCString());

    // Asked twice: the second answer comes from the newsroom's page cache and must behave the same.
    for (let round = 0; round < 2; round++) {
      const byTag = await t.app.inject({ method: 'GET', url, headers: { 'if-none-match': etag } });
      expect(byTag.statusCode).toBe(304);
      expect(byTag.body).toBe('');
      expect(byTag.headers.etag).toBe(etag);
      const byDate = await t.app.inject({ method: 'GET', url, headers: { 'if-modified-since': lastModified } });
      expect(byDate.statusCode).toBe(304);
      const cached = await t.app.inject({ method: 'GET', url });
      expect(cached.statusCode).toBe(200);
      expect(cached.headers.etag).toBe(etag);
      expect(cached.headers['last-modified']).toBe(lastModified);
      expect(cached.headers['access-control-allow-origin']).toBe('*');
    }

    const otherTag = await t.app.inject({ method: 'GET', url, headers: { 'if-none-match': '"something-else"', 'if-modified-since': lastModified } });
    // If-None-Match decides when both are sent (RFC 9110 §13.2.2).
    expect(otherTag.statusCode).toBe(200);
    const older = await t.app.inject({ method: 'GET', url, headers: { 'if-modified-since': new Date(Date.parse(lastModified) - 1000).toUTCString() } });
    expect(older.statusCode).toBe(200);
    expect(older.body).toBe(first.body);
  });

  it.each(['xx', 'fr', 'zz-Latn', 'not a tag!'])('answers 404 for the feeds of a language without statements (%s)', async (lang) => {
    for (const file of Object.keys(types)) {
      const res = await t.app.inject({ method: 'GET', url: `/newsroom/${encodeURIComponent(lang)}/${file}` });
      expect(res.statusCode, `${lang}/${file}`).toBe(404);
      expect(res.body).not.toContain('1970');
    }
  });
});

/** Publication times of the Dutch entries, newest first. */
async function listFeedEntries(): Promise<Date[]> {
  const rows = await t.ctx.db.select().from(newsroomEntries).where(eq(newsroomEntries.language, 'nl'));
  return rows.map((r) => (r.withdrawnAt && r.withdrawnAt > r.publishedAt ? r.withdrawnAt : r.publishedAt)).sort((a, b) => b.getTime() - a.getTime());
}

// The third recipe of VERIFY-WITH-OPENSSL.md, run by /bin/sh on this server's own JSON Feed and key
// set: the signed object a feed reader rebuilds is the one the server signed, hostile characters
// and all. A change to the feed or to the signed members that the document does not follow fails here.
describe('the JSON Feed verification recipe', () => {
  it('verifies an item from feed.json and jwks.json alone, and fails on a changed word', async () => {
    const doc = fs.readFileSync(new URL('../../../platform/crypto/signing/VERIFY-WITH-OPENSSL.md', import.meta.url), 'utf8');
    const script = [...doc.matchAll(/```sh\n([\s\S]*?)```/g)][2]?.[1];
    expect(script).toContain('feed.json');
    const feed = (await t.app.inject({ method: 'GET', url: '/newsroom/nl/feed.json' })).json() as { items: { content_text: string }[] };
    const jwks = (await t.app.inject({ method: 'GET', url: '/.well-known/jwks.json' })).body;
    const run = (name: string, items: unknown[]) => {
      const work = fs.mkdtempSync(path.join(os.tmpdir(), `jsonfeed-${name}-`));
      try {
        fs.writeFileSync(path.join(work, 'feed.json'), JSON.stringify({ ...feed, items }));
        fs.writeFileSync(path.join(work, 'jwks.json'), jwks);
        return { ok: true, output: execFileSync('/bin/sh', ['-e', '-c', script ?? ''], { cwd: work, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }) };
      } catch (error) {
        const e = error as { stdout?: string; stderr?: string };
        return { ok: false, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
      } finally {
        fs.rmSync(work, { recursive: true, force: true });
      }
    };
    const genuine = run('genuine', feed.items);
    expect(genuine.output).toContain('Signature Verified Successfully');
    expect(genuine.ok).toBe(true);
    const changed = run('changed', [{ ...feed.items[0], content_text: feed.items[0]!.content_text.replace('Second', 'Third') }]);
    expect(changed.ok).toBe(false);
    expect(changed.output).toContain('Signature Verification Failure');
  });
});
