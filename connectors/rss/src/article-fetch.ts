// Full-article fetching for one poll. Politeness: a cap on pages per poll, a few at a time, and
// robots.txt read once per host per poll. Safety: every page and every redirect hop goes through the
// server's outbound guard, like the feed itself — a feed on an allow-listed intranet gets no wider
// reach for its links than any other (the operator's allow-list is the only exception). An article that
// cannot be read costs only its text: the item keeps the feed's, and the reason is reported.
import { ConnectorError, type OutboundHttp } from '@diplodesk/connector-sdk';
import { decodeHtml } from './charset.ts';
import { extractArticleText } from './article-text.ts';
import { fetchDocument, MAX_REDIRECTS } from './rss-http.ts';
import { isPathAllowed, parseRobotsTxt, type RobotsRule, rulesFor } from './robots-txt.ts';

export const ARTICLE_ACCEPT = 'text/html, application/xhtml+xml';
/** RFC 9309 asks crawlers to read at least 500 KiB of robots.txt. */
export const ROBOTS_MAX_BYTES = 512 * 1024;

export interface ArticleFetchSettings {
  /** Deadline for one page (redirects and body), and for one robots.txt. */
  timeoutMs: number;
  maxBytes: number;
  /** Pages fetched per poll at most; later links keep the feed text. */
  maxPerPoll: number;
  /** Pages fetched at the same time. */
  concurrency: number;
  userAgent: string;
  outbound: OutboundHttp;
}

export type ArticleOutcome = { status: 'fetched'; url: string; text: string } | { status: 'failed' | 'skipped'; url: string; detail: string };

type RobotsVerdict = { rules: RobotsRule[] } | { unavailable: string };

const isHtml = (contentType: string | null) => /^\s*(text\/html|application\/xhtml\+xml)\s*(;|$)/i.test(contentType ?? '');

function rootMessage(error: unknown): string {
  let current = error;
  while (current instanceof Error && current.cause instanceof Error) current = current.cause;
  return current instanceof Error ? current.message : String(current);
}

/** A short reason for a fetch error, without the URL (the problem message adds it once). */
function describeFailure(error: unknown, maxBytes: number): string {
  if (!(error instanceof ConnectorError)) return rootMessage(error);
  const code = error.platformCode ?? '';
  if (/^http-\d+$/.test(code)) return `HTTP ${code.slice('http-'.length)}`;
  if (code === 'too-large') return `larger than ${maxBytes} bytes`;
  if (code === 'too-many-redirects') return `more than ${MAX_REDIRECTS} redirects`;
  return rootMessage(error.cause ?? error);
}

async function eachLimited<T>(items: T[], limit: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const runner = async () => {
    while (next < items.length) {
      const index = next;
      next += 1;
      await work(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, runner));
}

/**
 * Fetches the pages behind `links` (the order is the priority: the first `maxPerPoll` are fetched)
 * and extracts their article text. Never throws: each link gets an outcome, in the same order.
 *
 * @example
 * const outcomes = await fetchArticles([{ url: 'https://example.org/news/1', title: 'Ministers meet' }], settings);
 * // [{ status: 'fetched', url: 'https://example.org/news/1', text: 'The ministers …' }]
 */
export async function fetchArticles(links: { url: string; title: string }[], settings: ArticleFetchSettings): Promise<ArticleOutcome[]> {
  if (links.length === 0) return [];
  const outbound = { outbound: settings.outbound };

  async function vetAddress(url: URL): Promise<string | null> {
    return url.protocol !== 'http:' && url.protocol !== 'https:' ? `not an http(s) link (${url.protocol})` : null;
  }

  const robots = new Map<string, Promise<RobotsVerdict>>();
  function robotsOf(origin: string): Promise<RobotsVerdict> {
    let pending = robots.get(origin);
    if (!pending) {
      pending = readRobots(origin);
      robots.set(origin, pending);
    }
    return pending;
  }

  async function readRobots(origin: string): Promise<RobotsVerdict> {
    try {
      const response = await fetchDocument({ url: `${origin}/robots.txt`, accept: 'text/plain', subject: 'robots.txt', timeoutMs: settings.timeoutMs, maxBytes: ROBOTS_MAX_BYTES, userAgent: settings.userAgent, vetUrl: vetAddress, ...outbound });
      const text = response.status === 'ok' ? new TextDecoder('utf-8').decode(response.body) : '';
      return { rules: rulesFor(parseRobotsTxt(text)) };
    } catch (error) {
      const code = error instanceof ConnectorError ? (error.platformCode ?? '') : '';
      // RFC 9309 §2.3.1: a 4xx means there are no rules; a 5xx or no answer means "assume everything is disallowed".
      if (/^http-4\d\d$/.test(code) && code !== 'http-429') return { rules: [] };
      return { unavailable: describeFailure(error, ROBOTS_MAX_BYTES) };
    }
  }

  async function fetchOne(link: { url: string; title: string }): Promise<ArticleOutcome> {
    // What the hooks saw, for the outcome: fetchDocument only reports that it refused.
    const seen: { refusal: string | null; contentType: string | null } = { refusal: null, contentType: null };
    const vetUrl = async (url: URL): Promise<string | null> => {
      seen.refusal = await vetAddress(url);
      if (seen.refusal !== null) return seen.refusal;
      const verdict = await robotsOf(url.origin);
      if ('unavailable' in verdict) seen.refusal = `robots.txt of ${url.host} could not be read (${verdict.unavailable})`;
      else if (!isPathAllowed(verdict.rules, `${url.pathname}${url.search}`)) seen.refusal = 'disallowed by robots.txt';
      return seen.refusal;
    };
    const acceptsContentType = (contentType: string | null) => {
      seen.contentType = contentType;
      return isHtml(contentType);
    };
    try {
      const response = await fetchDocument({ url: link.url, accept: ARTICLE_ACCEPT, subject: 'article', timeoutMs: settings.timeoutMs, maxBytes: settings.maxBytes, userAgent: settings.userAgent, vetUrl, acceptsContentType, ...outbound });
      // Articles are never fetched conditionally, so there is no 304; kept total for the type.
      if (response.status !== 'ok') return { status: 'failed', url: link.url, detail: 'no content' };
      const extracted = extractArticleText(decodeHtml(response.body, response.contentType).text, link.title);
      if ('failure' in extracted) return { status: 'failed', url: response.finalUrl, detail: extracted.failure };
      return { status: 'fetched', url: response.finalUrl, text: extracted.text };
    } catch (error) {
      const code = error instanceof ConnectorError ? error.platformCode : undefined;
      if (code === 'refused' && seen.refusal !== null) return { status: 'skipped', url: link.url, detail: seen.refusal };
      if (code === 'content-type') return { status: 'skipped', url: link.url, detail: `not an HTML page (${seen.contentType ?? 'no Content-Type'})` };
      return { status: 'failed', url: link.url, detail: describeFailure(error, settings.maxBytes) };
    }
  }

  const outcomes: ArticleOutcome[] = links.map((link) => ({ status: 'skipped', url: link.url, detail: `over the limit of ${settings.maxPerPoll} articles per poll` }));
  await eachLimited(links.slice(0, settings.maxPerPoll), settings.concurrency, async (link, index) => {
    outcomes[index] = await fetchOne(link);
  });
  return outcomes;
}
