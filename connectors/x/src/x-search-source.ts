// X recent search as an IngestSource for the listening desk. One poll walks the pages newer than
// the cursor (newest first, as X returns them); the cursor is the newest tweet id seen, or, when a
// poll stops mid-walk (page cap, budget spent), that id plus X's next_token, so the next poll
// finishes the walk before moving the window: nothing between two polls is skipped.
import { createHash } from 'node:crypto';
import { type AccountRef, ConnectorError, type Credentials, type IngestBatch, type IngestItem, type IngestSource, type OutboundHttp, type RateLimitState, retryAfterFromResetHeader, type SourceHealth } from '@diplodesk/connector-sdk';
import { rateLimitFromHeaders, sendX, xError } from './x-http.ts';

const DEFAULT_API = 'https://api.x.com';
const REQUEST_TIMEOUT_MS = 30_000;
/** Pages of 100 per poll; a busier query finishes its walk on the next poll. */
export const X_SEARCH_MAX_PAGES = 5;

/** Where a search poll resumes: tweets after `since`, and an unfinished walk (`next`, with its newest id `top`). */
export interface XSearchCursor {
  since: string | null;
  next?: string;
  top?: string;
}

interface SearchTweet {
  id?: unknown;
  text?: unknown;
  author_id?: unknown;
  created_at?: unknown;
  lang?: unknown;
  entities?: unknown;
}
interface SearchUser {
  id?: unknown;
  username?: unknown;
  name?: unknown;
}
interface SearchAnswer {
  data?: unknown;
  includes?: { users?: unknown };
  meta?: { newest_id?: string; next_token?: string; result_count?: number };
}

/** The batch of one search poll, with the entries X sent that could not be read. */
export interface XSearchBatch extends IngestBatch {
  problems?: { skipped: number };
}

export interface XSearchSource extends IngestSource {
  poll(credentials: Credentials | null, cursor: string | null): Promise<XSearchBatch>;
  /** The last budget X reported for this token, or null before the first call. */
  rateLimitState(credentials: Credentials | null): RateLimitState | null;
}

/** Reads a cursor: a bare tweet id (the common case) or the JSON of an unfinished walk. */
export function decodeXSearchCursor(cursor: string | null): XSearchCursor {
  if (!cursor) return { since: null };
  if (/^\d+$/.test(cursor)) return { since: cursor };
  try {
    const parsed = JSON.parse(cursor) as Partial<XSearchCursor>;
    const since = typeof parsed.since === 'string' && /^\d+$/.test(parsed.since) ? parsed.since : null;
    return {
      since,
      ...(typeof parsed.next === 'string' && parsed.next ? { next: parsed.next } : {}),
      ...(typeof parsed.top === 'string' && /^\d+$/.test(parsed.top) ? { top: parsed.top } : {}),
    };
  } catch {
    throw new ConnectorError('rejected', 'X search cursor is unreadable', { platformCode: 'bad-cursor' });
  }
}

function encodeCursor(cursor: XSearchCursor): string | null {
  if (cursor.next) return JSON.stringify(cursor);
  return cursor.since;
}

/** Tweet ids are 64-bit: compare them as big integers, never as numbers. */
function newerId(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return BigInt(a) >= BigInt(b) ? a : b;
}

function toItem(tweet: SearchTweet, users: Map<string, { username: string; name?: string }>): IngestItem | null {
  if (typeof tweet.id !== 'string' || !/^\d+$/.test(tweet.id) || typeof tweet.text !== 'string') return null;
  if (typeof tweet.created_at !== 'string' || Number.isNaN(Date.parse(tweet.created_at))) return null;
  const user = typeof tweet.author_id === 'string' ? users.get(tweet.author_id) : undefined;
  const author: AccountRef | undefined =
    typeof tweet.author_id === 'string'
      ? {
          remoteAccountId: tweet.author_id,
          handle: user?.username ?? tweet.author_id,
          ...(user?.name ? { displayName: user.name } : {}),
          ...(user ? { url: `https://x.com/${user.username}` } : {}),
        }
      : undefined;
  // X labels what it cannot identify `und`, and some non-languages `qme`, `qht`, `zxx`: no language then.
  const raw = typeof tweet.lang === 'string' && /^[a-z]{2,3}(-[A-Za-z0-9]+)*$/.test(tweet.lang) && !/^(und|zxx|q[a-z]{2})$/.test(tweet.lang) ? tweet.lang : undefined;
  // X still tags Indonesian `in` and Hebrew `iw`, the withdrawn ISO 639 codes; BCP 47 wants `id`, `he`.
  const lang = raw === 'in' ? 'id' : raw === 'iw' ? 'he' : raw;
  return {
    remoteId: tweet.id,
    url: user ? `https://x.com/${user.username}/status/${tweet.id}` : `https://x.com/i/web/status/${tweet.id}`,
    ...(author ? { author } : {}),
    text: tweet.text,
    ...(lang ? { language: lang } : {}),
    publishedAt: new Date(tweet.created_at).toISOString(),
    raw: tweet,
  };
}

function usersOf(answer: SearchAnswer): Map<string, { username: string; name?: string }> {
  const users = new Map<string, { username: string; name?: string }>();
  const list = Array.isArray(answer.includes?.users) ? (answer.includes.users as SearchUser[]) : [];
  for (const u of list) {
    if (u && typeof u.id === 'string' && typeof u.username === 'string') users.set(u.id, { username: u.username, ...(typeof u.name === 'string' ? { name: u.name } : {}) });
  }
  return users;
}

/**
 * Creates the X recent-search source. The query comes from `credentials.extra.query` (X search
 * syntax, e.g. `kemlu OR #diplomasi -is:retweet`); the token is `credentials.accessToken` when set,
 * else the app's `X_BEARER_TOKEN`. Before each request the source checks the budget X last reported
 * for that token and, when it is spent, throws `rate-limited` instead of making a refused call.
 *
 * @example
 * const source = createXSearchSource({ X_BEARER_TOKEN: 'AAAA…' }, outbound);
 * const first = await source.poll({ accessToken: '', extra: { query: 'kemlu lang:id' } }, null);
 * const next = await source.poll({ accessToken: '', extra: { query: 'kemlu lang:id' } }, first.nextCursor);
 */
export function createXSearchSource(env: Record<string, string>, outbound: OutboundHttp, options: { maxPages?: number; now?: () => number } = {}): XSearchSource {
  const api = (env.X_API_BASE_URL || DEFAULT_API).replace(/\/$/, '');
  const maxPages = options.maxPages ?? X_SEARCH_MAX_PAGES;
  const now = options.now ?? Date.now;
  // Per token (hashed, so the map never holds a usable token): X counts app and user budgets apart.
  const budgets = new Map<string, RateLimitState>();

  function tokenOf(credentials: Credentials | null): string {
    const token = credentials?.accessToken || env.X_BEARER_TOKEN;
    if (!token) throw new ConnectorError('auth-expired', 'No X token: set X_BEARER_TOKEN or connect an account', { platformCode: 'no-token' });
    return token;
  }
  const keyOf = (token: string) => createHash('sha256').update(token).digest('hex');

  /** Throws `rate-limited` when the last answer said the window is spent and it has not reset yet. */
  function checkBudget(key: string): void {
    const state = budgets.get(key);
    if (state?.remaining !== 0 || state.resetAt === null) return;
    const wait = retryAfterFromResetHeader(state.resetAt / 1000, now());
    if (wait > 0) throw new ConnectorError('rate-limited', 'X search budget spent until the window resets', { retryAfterMs: Math.max(1000, wait), platformCode: 'budget-spent' });
  }

  async function search(token: string, params: URLSearchParams): Promise<SearchAnswer> {
    const key = keyOf(token);
    checkBudget(key);
    const response = await sendX(outbound, `${api}/2/tweets/search/recent?${params}`, { method: 'GET', headers: { authorization: `Bearer ${token}` } }, 'read', REQUEST_TIMEOUT_MS);
    const state = rateLimitFromHeaders(response.headers);
    if (state) budgets.set(key, state);
    if (!response.ok) throw await xError(response, 'read', now());
    try {
      return (await response.json()) as SearchAnswer;
    } catch (error) {
      throw new ConnectorError('transient', 'X sent an unreadable search answer', { cause: error });
    }
  }

  return {
    async poll(credentials, cursor) {
      const query = credentials?.extra?.query?.trim();
      if (!query) throw new ConnectorError('rejected', 'No X search query: set credentials.extra.query', { platformCode: 'no-query' });
      const token = tokenOf(credentials);
      const start = decodeXSearchCursor(cursor);
      const items: IngestItem[] = [];
      let skipped = 0;
      let next = start.next;
      let top = start.top;
      // A new source starts from the latest page: recent search reaches 7 days back, and walking
      // all of it would spend the window's budget on history nobody asked for.
      const pages = start.since === null && !next ? 1 : maxPages;
      let finished = false;
      for (let page = 0; page < pages; page++) {
        const params = new URLSearchParams({
          query,
          max_results: '100',
          'tweet.fields': 'created_at,lang,author_id,entities',
          expansions: 'author_id',
          'user.fields': 'username,name',
        });
        if (start.since) params.set('since_id', start.since);
        if (next) params.set('pagination_token', next);
        let answer: SearchAnswer;
        try {
          answer = await search(token, params);
        } catch (error) {
          // Keep what this poll already read; the cursor below resumes the walk where it stopped.
          if (items.length > 0 && error instanceof ConnectorError && error.kind === 'rate-limited') break;
          throw error;
        }
        const users = usersOf(answer);
        for (const tweet of Array.isArray(answer.data) ? (answer.data as SearchTweet[]) : []) {
          const item = tweet && typeof tweet === 'object' ? toItem(tweet, users) : null;
          if (!item) {
            skipped++;
            continue;
          }
          items.push(item);
          top = newerId(top, item.remoteId);
        }
        top = newerId(top, answer.meta?.newest_id);
        next = answer.meta?.next_token;
        if (!next || pages === 1) {
          finished = true;
          break;
        }
      }
      const nextCursor: XSearchCursor = finished ? { since: top ?? start.since } : { since: start.since, ...(next ? { next } : {}), ...(top ? { top } : {}) };
      return { items, nextCursor: encodeCursor(nextCursor), ...(skipped > 0 ? { problems: { skipped } } : {}) };
    },

    async health(credentials): Promise<SourceHealth> {
      const checkedAt = new Date(now()).toISOString();
      const state = (() => {
        try {
          return budgets.get(keyOf(tokenOf(credentials)));
        } catch {
          return undefined;
        }
      })();
      if (!credentials?.accessToken && !env.X_BEARER_TOKEN) return { status: 'down', detail: 'no X token configured', checkedAt };
      if (!credentials?.extra?.query) return { status: 'down', detail: 'no search query configured', checkedAt };
      if (state?.remaining === 0 && state.resetAt !== null && state.resetAt > now()) return { status: 'degraded', detail: `budget spent until ${new Date(state.resetAt).toISOString()}`, checkedAt };
      return { status: 'ok', checkedAt };
    },

    rateLimitState(credentials) {
      try {
        return budgets.get(keyOf(tokenOf(credentials))) ?? null;
      } catch {
        return null;
      }
    },
  };
}
