// RSS / Atom as an IngestSource. A poll is one conditional GET of one feed; entries already
// emitted (by id fingerprint, kept in the cursor) are skipped, so the server can poll blindly and
// store at-least-once. The item's text is what the feed carries (title, summary or content) unless
// the source opts in to full articles (`fullArticle: 'on'`): then each new entry's page is fetched
// (politely and within limits, see article-fetch.ts) and its main text replaces the summary.
import { type AccountRef, ConnectorError, type Credentials, type IngestBatch, type IngestItem, type IngestSource, type OutboundHttp, type SourceHealth } from '@diplodesk/connector-sdk';
import { type ArticleOutcome, fetchArticles } from './article-fetch.ts';
import { decodeFeed } from './charset.ts';
import { type FeedEntry, type FeedFormat, parseFeed } from './feed-parse.ts';
import { decodeCursor, encodeCursor, fingerprint, mergeSeen, type RssCursor } from './rss-cursor.ts';
import { fetchDocument } from './rss-http.ts';

export const DEFAULT_TIMEOUT_MS = 20_000;
export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;
export const DEFAULT_ARTICLE_TIMEOUT_MS = 10_000;
export const DEFAULT_ARTICLE_MAX_BYTES = 2 * 1024 * 1024;
export const DEFAULT_ARTICLE_MAX_PER_POLL = 20;
/** Article pages fetched at the same time within one poll. */
export const ARTICLE_CONCURRENCY = 4;
/** How many problem messages a report carries; the count covers all of them. */
export const PROBLEM_SAMPLE = 5;

export interface RssSourceOptions {
  /** The feed, when this source instance is bound to one; `credentials.extra.url` wins when present (the server puts the source's shown address there). */
  feedUrl?: string;
  timeoutMs?: number;
  maxBytes?: number;
  userAgent?: string;
  now?: () => Date;
  /** Full-article limits; env `RSS_ARTICLE_TIMEOUT_MS`, `RSS_ARTICLE_MAX_BYTES`, `RSS_ARTICLE_MAX_PER_POLL` otherwise. */
  articleTimeoutMs?: number;
  articleMaxBytes?: number;
  articleMaxPerPoll?: number;
}

/** What became of one entry's article page, in `raw.article` (only when the source asks for full articles). */
export interface RssArticleReport {
  status: ArticleOutcome['status'];
  /** Why it was skipped or failed. */
  detail?: string;
  /** The page (after redirects when fetched). */
  url: string;
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
  /** Recoveries from malformed XML, bad charsets, unreadable dates or links; article pages not read. */
  problems: { count: number; messages: string[] };
}

export interface RssBatch extends IngestBatch {
  feed: RssFeedReport;
  /** `feed.problems` again when there are any: the server records a batch's `problems` on the source's health. */
  problems?: { count: number; messages: string[] };
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
 * 20000), `RSS_MAX_BYTES` (default 10 MiB), `RSS_USER_AGENT`, and for sources with
 * `credentials.extra.fullArticle === 'on'`: `RSS_ARTICLE_TIMEOUT_MS` (10000), `RSS_ARTICLE_MAX_BYTES`
 * (2 MiB), `RSS_ARTICLE_MAX_PER_POLL` (20).
 *
 * @example
 * const source = createRssSource({}, outbound);
 * const first = await source.poll({ accessToken: '', extra: { url: 'https://example.org/feed.xml' } }, null);
 * const next = await source.poll({ accessToken: '', extra: { url: 'https://example.org/feed.xml' } }, first.nextCursor); // only new entries
 */
export function createRssSource(env: Record<string, string>, outbound: OutboundHttp, options: RssSourceOptions = {}): RssSource {
  const timeoutMs = options.timeoutMs ?? positiveInt(env.RSS_TIMEOUT_MS, DEFAULT_TIMEOUT_MS);
  const maxBytes = options.maxBytes ?? positiveInt(env.RSS_MAX_BYTES, DEFAULT_MAX_BYTES);
  const userAgent = options.userAgent ?? env.RSS_USER_AGENT ?? 'DiploDesk feed reader (+https://github.com/diplodesk)';
  const now = options.now ?? (() => new Date());
  const articleSettings = {
    timeoutMs: options.articleTimeoutMs ?? positiveInt(env.RSS_ARTICLE_TIMEOUT_MS, DEFAULT_ARTICLE_TIMEOUT_MS),
    maxBytes: options.articleMaxBytes ?? positiveInt(env.RSS_ARTICLE_MAX_BYTES, DEFAULT_ARTICLE_MAX_BYTES),
    maxPerPoll: options.articleMaxPerPoll ?? positiveInt(env.RSS_ARTICLE_MAX_PER_POLL, DEFAULT_ARTICLE_MAX_PER_POLL),
    concurrency: ARTICLE_CONCURRENCY,
    userAgent,
    outbound,
  };

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
    const response = await fetchDocument({ url: feedUrl, etag: previous?.etag, lastModified: previous?.lastModified, timeoutMs, maxBytes, userAgent, outbound });
    if (response.status === 'not-modified') return { response, fetchedAt, parsed: null, charset: undefined, problems: [] as string[] };
    const decoded = decodeFeed(response.body, response.contentType);
    // Links resolve against where the document really is, after redirects.
    const parsed = parseFeed(decoded.text, response.finalUrl);
    return { response, fetchedAt, parsed, charset: decoded.charset, problems: [...decoded.problems, ...parsed.problems] };
  }

  /** Replaces each linked entry's text with its article where the page could be read; the rest keep the feed's. */
  async function withArticles(made: { entry: FeedEntry; item: IngestItem }[]): Promise<{ items: IngestItem[]; problems: string[] }> {
    // Newest first: when the cap bites (a first poll of a long feed), the latest stories get their text.
    const linked = made.filter((m) => m.item.url !== undefined).sort((a, b) => b.item.publishedAt.localeCompare(a.item.publishedAt));
    const outcomes = await fetchArticles(
      linked.map((m) => ({ url: m.item.url as string, title: m.entry.title })),
      articleSettings,
    );
    const byItem = new Map(linked.map((m, i) => [m.item, outcomes[i] as ArticleOutcome]));
    const problems: string[] = [];
    outcomes.forEach((outcome, i) => {
      if (outcome.status !== 'fetched' && i < articleSettings.maxPerPoll) problems.push(`article ${outcome.url}: ${outcome.detail}`);
    });
    const overLimit = outcomes.length - articleSettings.maxPerPoll;
    if (overLimit > 0) problems.push(`${overLimit} article(s) over the limit of ${articleSettings.maxPerPoll} per poll kept the feed text`);
    const items = made.map(({ entry, item }) => {
      const outcome = byItem.get(item);
      return outcome ? withArticle(entry, item, outcome) : item;
    });
    return { items, problems };
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
      if (parsed.format === 'unknown') {
        // A web page, JSON or an error page answered with 200: a read that yields no feed is a failure
        // the source's health must show, not an empty success.
        throw new ConnectorError('rejected', `The address did not answer with an RSS or Atom feed (${problems[0] ?? 'no feed element'}).`, { platformCode: 'not-a-feed' });
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
      const made = fresh.map((entry) => ({ entry, item: toItem(entry, feedUrl, parsed.title, fetchedAt) })).sort((a, b) => a.item.publishedAt.localeCompare(b.item.publishedAt));
      const articles = credentials?.extra?.fullArticle === 'on' ? await withArticles(made) : { items: made.map((m) => m.item), problems: [] };
      const allProblems = [...problems, ...articles.problems];
      const report = { count: allProblems.length, messages: allProblems.slice(0, PROBLEM_SAMPLE) };
      const next: RssCursor = { v: 1, ...validators, seen: mergeSeen(currentPrints, previous?.seen ?? []), lastSuccessAt: fetchedAt.toISOString(), ...movedTo };
      return {
        items: articles.items,
        nextCursor: encodeCursor(next),
        feed: { ...base, problems: report, status: 'fetched', format: parsed.format, title: parsed.title, ...(charset ? { charset } : {}), entriesInFeed: parsed.entries.length },
        ...(report.count > 0 ? { problems: report } : {}),
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

function withArticle(entry: FeedEntry, item: IngestItem, outcome: ArticleOutcome): IngestItem {
  const article: RssArticleReport = outcome.status === 'fetched' ? { status: 'fetched', url: outcome.url } : { status: outcome.status, detail: outcome.detail, url: outcome.url };
  const text = outcome.status !== 'fetched' ? item.text : entry.title === '' ? outcome.text : `${entry.title}\n\n${outcome.text}`;
  return { ...item, text, raw: { ...(item.raw as Record<string, unknown>), summary: entry.summary, article } };
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
