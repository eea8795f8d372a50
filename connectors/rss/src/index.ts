import { defineConnector } from '@diplodesk/connector-sdk';
import { createRssSource } from './rss-source.ts';

export { decodeFeed } from './charset.ts';
export { parseFeedDate, parseRfc3339Date, parseRfc822Date } from './dates.ts';
export { parseFeed } from './feed-parse.ts';
export type { FeedEntry, FeedFormat, ParsedFeed } from './feed-parse.ts';
export { htmlToText } from './html-text.ts';
export { nextPollDelay } from './poll-delay.ts';
export type { PollDelayInput } from './poll-delay.ts';
export { decodeCursor } from './rss-cursor.ts';
export type { RssCursor } from './rss-cursor.ts';
export { MAX_REDIRECTS } from './rss-http.ts';
export { extractArticleText } from './article-text.ts';
export { isPathAllowed, parseRobotsTxt, rulesFor } from './robots-txt.ts';
export { createRssSource, DEFAULT_ARTICLE_MAX_BYTES, DEFAULT_ARTICLE_MAX_PER_POLL, DEFAULT_ARTICLE_TIMEOUT_MS, DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT_MS } from './rss-source.ts';
export type { RssArticleReport, RssBatch, RssFeedReport, RssSource, RssSourceOptions } from './rss-source.ts';

export default defineConnector(
  {
    id: 'rss',
    name: 'RSS / Atom feeds',
    capabilities: ['ingest'],
    // Public feeds need no account; the feed address is stored per source as credentials.extra.url,
    // and full-article fetching is opted into per source with credentials.extra.fullArticle = 'on'.
    auth: 'none',
    env: [
      { key: 'RSS_TIMEOUT_MS', required: false, description: 'Deadline for one feed fetch, body included (default 20000)' },
      { key: 'RSS_MAX_BYTES', required: false, description: 'Largest feed accepted after decompression (default 10485760)' },
      { key: 'RSS_USER_AGENT', required: false, description: 'User-Agent sent to feed servers (and article pages)' },
      { key: 'RSS_ARTICLE_TIMEOUT_MS', required: false, description: 'Deadline for one article page or robots.txt, for sources with full articles on (default 10000)' },
      { key: 'RSS_ARTICLE_MAX_BYTES', required: false, description: 'Largest article page read after decompression (default 2097152)' },
      { key: 'RSS_ARTICLE_MAX_PER_POLL', required: false, description: 'Article pages fetched per poll of one source at most (default 20)' },
    ],
    docsUrl: 'https://www.rssboard.org/rss-specification',
  },
  { ingest: (env, { outbound }) => createRssSource(env, outbound) },
);
