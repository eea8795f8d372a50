// RSS / Atom as an IngestSource. A poll is one conditional GET of one feed; entries already
// emitted (by id fingerprint, kept in the cursor) are skipped, so the server can poll blindly and
// store at-least-once. Full-article scraping is deliberately not implemented: only what the feed
// itself carries (title, summary or content) becomes the item's text.
import { type AccountRef, ConnectorError, type Credentials, type IngestBatch, type IngestItem, type IngestSource, type SourceHealth } from '@diplodesk/connector-sdk';
import { decodeFeed } from './charset.ts';
import { type FeedEntry, type FeedFormat, parseFeed } from './feed-parse.ts';
import { decodeCursor, encodeCursor, fingerprint, mergeSeen, type RssCursor } from './rss-cursor.ts';
import { fetchFeed } from './rss-http.ts';

export const DEFAULT_TIMEOUT_MS = 20_000;
export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;
/** How many problem messages a report carries; the count covers all of them. */
export const PROBLEM_SAMPLE = 5;

export interface RssSourceOptions {
  /** The feed, when this source instance is bound to one; `credentials.extra.url` wins when present. */
  feedUrl?: string;
  timeoutMs?: number;
  maxBytes?: number;
  userAgent?: string;
  fetch?: typeof fetch;
  now?: () => Date;
}

/** What one poll saw of the feed, beside the items. */
export interface RssFeedReport {
  /** The configured address. */
  feedUrl: string;
  /** Where the feed was finally read after redirects. */
  fetchedUrl: string;
  /** Set when permanent redirects (301/308) moved the feed: update the source to this address. */
  permanentRedirect?: string;
  status: 'fetched' | 'not-modified';
  format?: FeedFormat;
  title?: string;
  charset?: string;
  /** Entries in the feed document (new and already seen). */
  entriesInFeed: number;
  /** Recoveries from malformed XML, bad charsets, unreadable dates or links. */
  problems: { count: number; messages: string[] };
}

export interface RssBatch extends IngestBatch {
  feed: RssFeedReport;
}

export interface RssSource extends IngestSource {
  poll(credentials: Credentials | null, cursor: string | null): Promise<RssBatch>;
}

function positiveInt(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return Number.isFinite(n) && n > 0 ? Math.floor(n) : fallback;
}

/**
 * Creates the feed source. The feed address comes from `credentials.extra.url` (one stored
 * source per feed, auth `none`), else from `options.feedUrl`. Env: `RSS_TIMEOUT_MS` (default
 * 20000), `RSS_MAX_BYTES` (default 10 MiB), `RSS_USER_AGENT`.
 *
 * @example
 * const source = createRssSource({});
 * const first = await source.poll({ accessToken: '', extra: { url: 'https://example.org/feed.xml' } }, null);
 * const next = await source.poll({ accessToken: '', extra: { url: 'https://example.org/feed.xml' } }, first.nextCursor); // only new entries
 */
export function createRssSource(env: Record<string, string>, options: RssSourceOptions = {}): RssSource {
  const timeoutMs = options.timeoutMs ?? positiveInt(env.RSS_TIMEOUT_MS, DEFAULT_TIMEOUT_MS);
  const maxBytes = options.maxBytes ?? positiveInt(env.RSS_MAX_BYTES, DEFAULT_MAX_BYTES);
  const userAgent = options.userAgent ?? env.RSS_USER_AGENT ?? 'DiploDesk feed reader (+https://github.com/diplodesk)';
  const now = options.now ?? (() => new Date());

  function feedUrlOf(credentials: Credentials | null): string {
    const raw = credentials?.extra?.url ?? options.feedUrl;
    if (!raw) throw new ConnectorError('rejected', 'no feed URL: set credentials.extra.url', { platformCode: 'no-url' });
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw new ConnectorError('rejected', `feed URL "${raw}" is not a URL`, { platformCode: 'bad-url' });
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ConnectorError('rejected', `feed URL must be http(s), got ${url.protocol}`, { platformCode: 'bad-url' });
    return url.href;
  }

  async function read(feedUrl: string, previous: RssCursor | null) {
    const fetchedAt = now();
    const response = await fetchFeed({ url: feedUrl, etag: previous?.etag, lastModified: previous?.lastModified, timeoutMs, maxBytes, userAgent, ...(options.fetch ? { fetchImpl: options.fetch } : {}) });
    if (response.status === 'not-modified') return { response, fetchedAt, parsed: null, charset: undefined, problems: [] as string[] };
    const decoded = decodeFeed(response.body, response.contentType);
    // Links resolve against where the document really is, after redirects.
    const parsed = parseFeed(decoded.text, response.finalUrl);
    return { response, fetchedAt, parsed, charset: decoded.charset, problems: [...decoded.problems, ...parsed.problems] };
  }

  return {
    async poll(credentials, cursor) {
      const feedUrl = feedUrlOf(credentials);
      const previous = decodeCursor(cursor);
      const { response, fetchedAt, parsed, charset, problems } = await read(feedUrl, previous);
      // A 304 may omit validators (they still hold); a 200 without them means the server stopped sending them.
      const keep = response.status === 'not-modified' ? previous : null;
      const etag = response.etag ?? keep?.etag;
      const lastModified = response.lastModified ?? keep?.lastModified;
      const validators: Pick<RssCursor, 'etag' | 'lastModified'> = { ...(etag ? { etag } : {}), ...(lastModified ? { lastModified } : {}) };
      const base = {
        feedUrl,
        fetchedUrl: response.finalUrl,
        ...(response.permanentRedirect ? { permanentRedirect: response.permanentRedirect } : {}),
        problems: { count: problems.length, messages: problems.slice(0, PROBLEM_SAMPLE) },
      };
      const movedTo = response.permanentRedirect ? { movedTo: response.permanentRedirect } : {};
      if (parsed === null) {
        const next: RssCursor = { v: 1, ...validators, seen: previous?.seen ?? [], lastSuccessAt: fetchedAt.toISOString(), ...movedTo };
        return { items: [], nextCursor: encodeCursor(next), feed: { ...base, status: 'not-modified', entriesInFeed: 0 } };
      }
      const seen = new Set(previous?.seen ?? []);
      const currentPrints: string[] = [];
      const fresh: FeedEntry[] = [];
      for (const entry of parsed.entries) {
        const print = fingerprint(entry.id);
        if (currentPrints.includes(print)) continue;
        currentPrints.push(print);
        if (!seen.has(print)) fresh.push(entry);
      }
      const items = fresh.map((entry) => toItem(entry, feedUrl, parsed.title, fetchedAt)).sort((a, b) => a.publishedAt.localeCompare(b.publishedAt));
      const next: RssCursor = { v: 1, ...validators, seen: mergeSeen(currentPrints, previous?.seen ?? []), lastSuccessAt: fetchedAt.toISOString(), ...movedTo };
      return {
        items,
        nextCursor: encodeCursor(next),
        feed: { ...base, status: 'fetched', format: parsed.format, title: parsed.title, ...(charset ? { charset } : {}), entriesInFeed: parsed.entries.length },
      };
    },

    async health(credentials): Promise<SourceHealth> {
      const checkedAt = now().toISOString();
      try {
        const feedUrl = feedUrlOf(credentials);
        const { response, parsed, problems } = await read(feedUrl, null);
        const notes: string[] = [];
        if (parsed) notes.push(`${parsed.format} feed, ${parsed.entries.length} entries`);
        if (response.permanentRedirect) notes.push(`moved permanently to ${response.permanentRedirect}`);
        if (problems.length > 0) notes.push(`${problems.length} problem(s): ${problems.slice(0, PROBLEM_SAMPLE).join('; ')}`);
        const unreadable = parsed !== null && parsed.format === 'unknown';
        const status = unreadable ? 'down' : problems.length > 0 || response.permanentRedirect ? 'degraded' : 'ok';
        return { status, detail: notes.join('; '), checkedAt };
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        return { status: 'down', detail: message, checkedAt };
      }
    },
  };
}

function toAuthor(entry: FeedEntry): AccountRef | undefined {
  const author = entry.author;
  if (!author) return undefined;
  return {
    remoteAccountId: author.email ?? author.url ?? author.name,
    handle: author.name,
    displayName: author.name,
    ...(author.url ? { url: author.url } : {}),
  };
}

function toItem(entry: FeedEntry, feedUrl: string, feedTitle: string, fetchedAt: Date): IngestItem {
  const text = entry.summary === '' || entry.summary === entry.title ? entry.title : entry.title === '' ? entry.summary : `${entry.title}\n\n${entry.summary}`;
  const author = toAuthor(entry);
  return {
    remoteId: entry.id,
    ...(entry.url ? { url: entry.url } : {}),
    ...(author ? { author } : {}),
    text,
    ...(entry.language ? { language: entry.language } : {}),
    publishedAt: new Date(entry.publishedAt ?? fetchedAt.getTime()).toISOString(),
    raw: { feedUrl, feedTitle, title: entry.title, categories: entry.categories, media: entry.media, dateMissing: entry.publishedAt === null },
  };
}
