// Comments on the ministry's own videos as an IngestSource: commentThreads.list newest first, per
// channel (allThreadsRelatedToChannelId) or per video. YouTube has no "since" filter, so a poll
// pages down from the newest thread and stops at the first one the cursor already covers; the
// cursor is the newest publishedAt seen plus the ids at exactly that instant (publishedAt has
// one-second resolution, and two comments in one second must neither repeat nor vanish).
import { ConnectorError, type Credentials, type IngestBatch, type IngestItem, type IngestSource, type OutboundHttp, type SourceHealth } from '@diplodesk/connector-sdk';
import { createGoogleHttp, readJson } from './youtube-http.ts';

/** Pages of 100 threads per poll (1 quota unit each); a burst beyond that waits for the next poll. */
export const YOUTUBE_COMMENTS_MAX_PAGES = 5;

/** Where a comments poll resumes. */
export interface YoutubeCommentsCursor {
  /** Newest publishedAt seen (ISO 8601). */
  at: string;
  /** Comment ids published at exactly `at`, already emitted. */
  ids: string[];
}

interface ThreadResource {
  id?: unknown;
  snippet?: {
    videoId?: unknown;
    topLevelComment?: {
      id?: unknown;
      snippet?: {
        videoId?: unknown;
        textOriginal?: unknown;
        textDisplay?: unknown;
        authorDisplayName?: unknown;
        authorChannelUrl?: unknown;
        authorChannelId?: { value?: unknown };
        publishedAt?: unknown;
      };
    };
  };
}

export interface YoutubeCommentsBatch extends IngestBatch {
  problems?: { skipped: number };
}

export interface YoutubeCommentsSource extends IngestSource {
  poll(credentials: Credentials | null, cursor: string | null): Promise<YoutubeCommentsBatch>;
}

/** Reads a cursor written by {@link createYoutubeCommentsSource}; a bare ISO time is accepted too. */
export function decodeYoutubeCommentsCursor(cursor: string | null): YoutubeCommentsCursor | null {
  if (!cursor) return null;
  if (!Number.isNaN(Date.parse(cursor)) && !cursor.startsWith('{')) return { at: new Date(cursor).toISOString(), ids: [] };
  try {
    const parsed = JSON.parse(cursor) as Partial<YoutubeCommentsCursor>;
    if (typeof parsed.at !== 'string' || Number.isNaN(Date.parse(parsed.at))) throw new Error('no time');
    return { at: new Date(parsed.at).toISOString(), ids: Array.isArray(parsed.ids) ? parsed.ids.filter((i): i is string => typeof i === 'string') : [] };
  } catch (error) {
    throw new ConnectorError('rejected', 'YouTube comments cursor is unreadable', { platformCode: 'bad-cursor', cause: error });
  }
}

function toItem(thread: ThreadResource): IngestItem | null {
  const top = thread.snippet?.topLevelComment;
  const s = top?.snippet;
  const id = top?.id;
  const videoId = s?.videoId ?? thread.snippet?.videoId;
  // textOriginal is returned only where the caller may see it; textDisplay (asked as plain text) is the fallback.
  const text = typeof s?.textOriginal === 'string' ? s.textOriginal : typeof s?.textDisplay === 'string' ? s.textDisplay : undefined;
  if (typeof id !== 'string' || !id || typeof videoId !== 'string' || text === undefined || typeof s?.publishedAt !== 'string' || Number.isNaN(Date.parse(s.publishedAt))) return null;
  const name = typeof s.authorDisplayName === 'string' ? s.authorDisplayName : undefined;
  const channelId = typeof s.authorChannelId?.value === 'string' ? s.authorChannelId.value : undefined;
  const channelUrl = typeof s.authorChannelUrl === 'string' ? s.authorChannelUrl : undefined;
  return {
    remoteId: id,
    url: `https://www.youtube.com/watch?v=${encodeURIComponent(videoId)}&lc=${encodeURIComponent(id)}`,
    ...(name || channelId ? { author: { remoteAccountId: channelId ?? name ?? '', handle: name ?? channelId ?? '', ...(name ? { displayName: name } : {}), ...(channelUrl ? { url: channelUrl } : {}) } } : {}),
    text,
    publishedAt: new Date(s.publishedAt).toISOString(),
    raw: thread,
  };
}

/**
 * Creates the YouTube comments source. `credentials.extra.videoId` reads one video, else
 * `credentials.extra.channelId` reads every thread on the channel's videos. Authenticates with the
 * connected account's OAuth token (`credentials.accessToken`; the server refreshes it) or, without
 * one, the project's `YOUTUBE_API_KEY`. A spent daily quota is `rate-limited` until Pacific midnight.
 *
 * @example
 * const source = createYoutubeCommentsSource({ YOUTUBE_API_KEY: 'AIza…' }, outbound);
 * const batch = await source.poll({ accessToken: '', extra: { channelId: 'UC…' } }, null);
 */
export function createYoutubeCommentsSource(env: Record<string, string>, outbound: OutboundHttp, options: { maxPages?: number } = {}): YoutubeCommentsSource {
  const apiBase = env.YOUTUBE_API_BASE_URL || 'https://www.googleapis.com';
  const http = createGoogleHttp(outbound, Number(env.YOUTUBE_REQUEST_TIMEOUT_MS) || 30_000);
  const maxPages = options.maxPages ?? YOUTUBE_COMMENTS_MAX_PAGES;

  function target(credentials: Credentials | null): { param: 'videoId' | 'allThreadsRelatedToChannelId'; value: string } {
    const videoId = credentials?.extra?.videoId;
    if (videoId) return { param: 'videoId', value: videoId };
    const channelId = credentials?.extra?.channelId;
    if (channelId) return { param: 'allThreadsRelatedToChannelId', value: channelId };
    throw new ConnectorError('rejected', 'No YouTube channel or video: set credentials.extra.channelId or videoId', { platformCode: 'no-target' });
  }

  async function listThreads(credentials: Credentials | null, pageToken: string | undefined): Promise<{ items?: unknown; nextPageToken?: string }> {
    const { param, value } = target(credentials);
    const url = new URL('/youtube/v3/commentThreads', apiBase);
    url.search = new URLSearchParams({ part: 'snippet', [param]: value, order: 'time', maxResults: '100', textFormat: 'plainText', ...(pageToken ? { pageToken } : {}) }).toString();
    const headers: Record<string, string> = { accept: 'application/json' };
    if (credentials?.accessToken) headers.authorization = `Bearer ${credentials.accessToken}`;
    else if (env.YOUTUBE_API_KEY) url.searchParams.set('key', env.YOUTUBE_API_KEY);
    else throw new ConnectorError('auth-expired', 'No YouTube credentials: connect the channel or set YOUTUBE_API_KEY', { platformCode: 'no-token' });
    const res = await http.fetch(url, { method: 'GET', effect: 'read', headers });
    if (!res.ok) {
      try {
        return await http.fail(res, 'read', value);
      } catch (error) {
        // A revoked or mistyped API key is Google's 400 keyInvalid: a credential problem, not bad input.
        if (error instanceof ConnectorError && (error.platformCode === 'keyInvalid' || error.platformCode === 'keyExpired')) throw new ConnectorError('auth-expired', error.message, { platformCode: error.platformCode });
        throw error;
      }
    }
    return readJson(res, 'read');
  }

  return {
    async poll(credentials, cursor) {
      const since = decodeYoutubeCommentsCursor(cursor);
      const seen = new Set(since?.ids ?? []);
      const items: IngestItem[] = [];
      let skipped = 0;
      let pageToken: string | undefined;
      // A new source takes the latest page only: a channel's full history is not "listening".
      const pages = since ? maxPages : 1;
      walk: for (let page = 0; page < pages; page++) {
        const answer = await listThreads(credentials, pageToken);
        for (const raw of Array.isArray(answer.items) ? (answer.items as ThreadResource[]) : []) {
          const item = raw && typeof raw === 'object' ? toItem(raw) : null;
          if (!item) {
            skipped++;
            continue;
          }
          if (since && item.publishedAt < since.at) break walk;
          // Order within one second is arbitrary: a seen comment there is skipped, not a stop sign.
          if (since && item.publishedAt === since.at && seen.has(item.remoteId)) continue;
          items.push(item);
        }
        pageToken = answer.nextPageToken;
        if (!pageToken) break;
      }
      const newest = items.reduce<string | null>((max, i) => (max === null || i.publishedAt > max ? i.publishedAt : max), null);
      let next: YoutubeCommentsCursor | null = since;
      if (newest !== null) {
        const ids = items.filter((i) => i.publishedAt === newest).map((i) => i.remoteId);
        next = { at: newest, ids: newest === since?.at ? [...seen, ...ids] : ids };
      }
      return { items, nextCursor: next ? JSON.stringify(next) : null, ...(skipped > 0 ? { problems: { skipped } } : {}) };
    },

    async health(credentials): Promise<SourceHealth> {
      const checkedAt = new Date().toISOString();
      try {
        target(credentials);
      } catch (error) {
        return { status: 'down', detail: (error as Error).message, checkedAt };
      }
      if (!credentials?.accessToken && !env.YOUTUBE_API_KEY) return { status: 'down', detail: 'no OAuth token or API key', checkedAt };
      const state = http.rateState(credentials?.extra?.videoId ?? credentials?.extra?.channelId ?? '');
      if (state?.resetAt && state.resetAt > Date.now()) return { status: 'degraded', detail: `quota spent until ${new Date(state.resetAt).toISOString()}`, checkedAt };
      return { status: 'ok', checkedAt };
    },
  };
}
