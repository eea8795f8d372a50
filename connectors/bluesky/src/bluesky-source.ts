// Listening on Bluesky. The default mode reads Jetstream (JSON over a WebSocket) for new
// `app.bsky.feed.post` records, optionally only from some DIDs and only posts matching keywords or
// hashtags (filtered here; Jetstream filters by collection and DID only). The cursor is the
// event's `time_us`. `poll` opens the socket, reads for a short window, and closes; `stream` stays
// connected and, after a drop, resumes a few seconds early (Jetstream instances differ slightly in
// time) and skips what it already yielded. `mode: 'search'` polls `app.bsky.feed.searchPosts` on
// the AppView instead.
import { ConnectorError, type Credentials, type IngestBatch, type IngestItem, type IngestSource, type OutboundHttp, type SourceHealth } from '@diplodesk/connector-sdk';

const POST = 'app.bsky.feed.post';
export const DEFAULT_JETSTREAM_URL = 'wss://jetstream2.us-east.bsky.network/subscribe';
export const DEFAULT_APPVIEW_URL = 'https://public.api.bsky.app';
const SEARCH_PAGE = 100;
const SEARCH_MAX_PAGES = 5;
/** How many at-URIs `stream` remembers to skip replays after a rewound reconnect. */
const SEEN_WINDOW = 5_000;

export interface BlueskySourceOptions {
  /** How long one `poll` reads Jetstream before returning (default 5 s; env BLUESKY_POLL_WINDOW_MS). */
  pollWindowMs?: number;
  /** Most matching items one `poll` returns (default 500; env BLUESKY_POLL_MAX_ITEMS). */
  pollMaxItems?: number;
  /** How far a reconnect rewinds the cursor (default 3 s). */
  rewindMs?: number;
  /** First reconnect delay, doubled per failure up to `maxBackoffMs`. */
  backoffMs?: number;
  maxBackoffMs?: number;
}

interface Filters {
  dids: string[];
  keywords: string[];
  hashtags: string[];
}

const list = (value: string | undefined): string[] =>
  (value ?? '')
    .split(/[,\s]+/)
    .map((v) => v.trim())
    .filter((v) => v !== '');

function filtersOf(credentials: Credentials | null): Filters {
  const extra = credentials?.extra ?? {};
  return {
    dids: list(extra.wantedDids),
    keywords: (extra.keywords ?? '')
      .split(',')
      .map((k) => k.trim().toLowerCase())
      .filter((k) => k !== ''),
    hashtags: list(extra.hashtags ?? extra.hashtag).map((h) => h.replace(/^#/, '').toLowerCase()),
  };
}

interface PostRecord {
  text?: unknown;
  langs?: unknown;
  createdAt?: unknown;
  facets?: { features?: { $type?: unknown; tag?: unknown }[] }[];
  reply?: { parent?: { uri?: unknown } };
}

function tagsOf(record: PostRecord): string[] {
  const tags: string[] = [];
  for (const facet of Array.isArray(record.facets) ? record.facets : []) {
    for (const feature of Array.isArray(facet?.features) ? facet.features : []) {
      if (feature?.$type === 'app.bsky.richtext.facet#tag' && typeof feature.tag === 'string') tags.push(feature.tag.toLowerCase());
    }
  }
  // Clients do not always write tag facets, so `#tag` in the text counts too.
  for (const m of String(record.text ?? '').matchAll(/(?:^|[^\p{L}\p{N}_])#([\p{L}\p{N}_]+)/gu)) tags.push(m[1]!.toLowerCase());
  return tags;
}

/** Whether a post passes the keyword/hashtag filter (no filter: everything passes). */
export function matchesFilters(record: PostRecord, filters: Filters): boolean {
  if (filters.keywords.length === 0 && filters.hashtags.length === 0) return true;
  const text = String(record.text ?? '').toLowerCase();
  if (filters.keywords.some((k) => text.includes(k))) return true;
  const tags = tagsOf(record);
  return filters.hashtags.some((h) => tags.includes(h));
}

function postItem(did: string, rkey: string, record: PostRecord, fallbackTime: string, extra: { handle?: string; displayName?: string; raw: Record<string, unknown> }): IngestItem | null {
  if (typeof record.text !== 'string') return null;
  const createdAt = typeof record.createdAt === 'string' && !Number.isNaN(Date.parse(record.createdAt)) ? new Date(record.createdAt).toISOString() : fallbackTime;
  const language = Array.isArray(record.langs) && typeof record.langs[0] === 'string' ? record.langs[0] : undefined;
  const profile = extra.handle ?? did;
  const parent = record.reply?.parent?.uri;
  return {
    remoteId: `at://${did}/${POST}/${rkey}`,
    url: `https://bsky.app/profile/${profile}/post/${rkey}`,
    author: { remoteAccountId: did, handle: profile, ...(extra.displayName ? { displayName: extra.displayName } : {}), url: `https://bsky.app/profile/${profile}` },
    text: record.text,
    ...(language ? { language } : {}),
    publishedAt: createdAt,
    raw: { ...extra.raw, ...(typeof parent === 'string' ? { replyTo: parent } : {}) },
  };
}

/**
 * One Jetstream message: its `time_us` (null when unreadable) and the item it carries, or null
 * when it is not a matching new post (or is malformed, which is skipped rather than fatal).
 */
export function jetstreamEventToItem(message: string, filters: Filters): { timeUs: number | null; item: IngestItem | null } {
  let event: { did?: unknown; time_us?: unknown; kind?: unknown; commit?: { operation?: unknown; collection?: unknown; rkey?: unknown; cid?: unknown; record?: unknown } };
  try {
    event = JSON.parse(message) as typeof event;
  } catch {
    return { timeUs: null, item: null };
  }
  const timeUs = typeof event?.time_us === 'number' && Number.isSafeInteger(event.time_us) ? event.time_us : null;
  const { did, commit } = event ?? {};
  if (event?.kind !== 'commit' || typeof did !== 'string' || !commit || commit.operation !== 'create' || commit.collection !== POST || typeof commit.rkey !== 'string') {
    return { timeUs, item: null };
  }
  if (filters.dids.length > 0 && !filters.dids.includes(did)) return { timeUs, item: null };
  const record = commit.record;
  if (!record || typeof record !== 'object' || !matchesFilters(record as PostRecord, filters)) return { timeUs, item: null };
  const fallback = new Date(timeUs !== null ? Math.floor(timeUs / 1000) : Date.now()).toISOString();
  const item = postItem(did, commit.rkey, record as PostRecord, fallback, { raw: { source: 'jetstream', did, rkey: commit.rkey, cid: commit.cid, timeUs } });
  return { timeUs, item };
}

/** Text messages of one Jetstream connection until it closes or the signal aborts. */
async function* jetstreamMessages(outbound: OutboundHttp, url: URL, signal: AbortSignal): AsyncGenerator<string> {
  const ws = outbound.openWebSocket(url);
  ws.binaryType = 'arraybuffer';
  const queue: string[] = [];
  let opened = false;
  let ended: 'closed' | ConnectorError | null = null;
  let wake: (() => void) | null = null;
  const notify = () => {
    const w = wake;
    wake = null;
    w?.();
  };
  ws.addEventListener('open', () => {
    opened = true;
  });
  ws.addEventListener('message', (e) => {
    queue.push(typeof e.data === 'string' ? e.data : new TextDecoder().decode(e.data as ArrayBuffer));
    notify();
  });
  ws.addEventListener('error', () => {
    ended ??= new ConnectorError('transient', opened ? 'The Jetstream connection failed' : 'Could not connect to Jetstream');
    notify();
  });
  ws.addEventListener('close', () => {
    ended ??= opened ? 'closed' : new ConnectorError('transient', 'Could not connect to Jetstream');
    notify();
  });
  signal.addEventListener('abort', notify);
  try {
    while (true) {
      const next = queue.shift();
      if (next !== undefined) {
        yield next;
        continue;
      }
      // A window that ends before the socket opened is a failed connection, not a quiet stream.
      if (signal.aborted && !opened && ended === null) throw new ConnectorError('transient', 'Jetstream did not accept the connection in time');
      if (signal.aborted || ended === 'closed') return;
      if (ended) throw ended;
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    }
  } finally {
    signal.removeEventListener('abort', notify);
    if (ws.readyState === WebSocket.CONNECTING || ws.readyState === WebSocket.OPEN) ws.close();
  }
}

function subscribeUrl(base: string, filters: Filters, cursorUs: number | null): URL {
  const url = new URL(base);
  if (!/^wss?:$/.test(url.protocol)) throw new ConnectorError('rejected', 'The Jetstream URL must use wss:// (or ws:// for a local relay)');
  url.searchParams.set('wantedCollections', POST);
  for (const did of filters.dids) url.searchParams.append('wantedDids', did);
  if (cursorUs !== null) url.searchParams.set('cursor', String(cursorUs));
  return url;
}

function parseCursor(cursor: string | null): number | null {
  if (cursor === null) return null;
  const n = Number(cursor);
  if (!Number.isSafeInteger(n) || n <= 0) throw new ConnectorError('rejected', 'The Bluesky cursor is not a Jetstream time_us');
  return n;
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });

// ---- searchPosts fallback ----

interface SearchPost {
  uri?: unknown;
  author?: { did?: unknown; handle?: unknown; displayName?: unknown };
  record?: unknown;
  indexedAt?: unknown;
  cid?: unknown;
}

async function searchError(res: Response): Promise<ConnectorError> {
  let error = `HTTP${res.status}`;
  let message = res.statusText;
  try {
    const body = (await res.json()) as { error?: unknown; message?: unknown };
    if (typeof body.error === 'string') error = body.error;
    if (typeof body.message === 'string') message = body.message;
  } catch {
    // not an XRPC error body
  }
  const text = `Bluesky search ${error}: ${message}`;
  if (res.status === 429) {
    const reset = Number(res.headers.get('ratelimit-reset'));
    const retryAfter = Number(res.headers.get('retry-after'));
    const retryAfterMs = Number.isFinite(reset) && reset > 0 ? Math.max(1000, reset * 1000 - Date.now()) : Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : 60_000;
    return new ConnectorError('rate-limited', text, { platformCode: error, retryAfterMs });
  }
  if (res.status === 401 || error === 'ExpiredToken' || error === 'InvalidToken' || error === 'AuthMissing') return new ConnectorError('auth-expired', text, { platformCode: error });
  if (res.status >= 500) return new ConnectorError('transient', text, { platformCode: error });
  return new ConnectorError('rejected', text, { platformCode: error });
}

function searchPostToItem(post: SearchPost): { indexedAt: string; item: IngestItem } | null {
  const uri = typeof post?.uri === 'string' ? /^at:\/\/([^/]+)\/app\.bsky\.feed\.post\/([^/]+)$/.exec(post.uri) : null;
  const did = post?.author?.did;
  if (!uri || typeof did !== 'string' || !post.record || typeof post.record !== 'object' || typeof post.indexedAt !== 'string' || Number.isNaN(Date.parse(post.indexedAt))) return null;
  const handle = typeof post.author?.handle === 'string' && post.author.handle !== 'handle.invalid' ? post.author.handle : undefined;
  const displayName = typeof post.author?.displayName === 'string' && post.author.displayName !== '' ? post.author.displayName : undefined;
  const indexedAt = new Date(post.indexedAt).toISOString();
  const item = postItem(did, uri[2]!, post.record as PostRecord, indexedAt, {
    ...(handle ? { handle } : {}),
    ...(displayName ? { displayName } : {}),
    raw: { source: 'search', did, rkey: uri[2], cid: post.cid, indexedAt },
  });
  return item ? { indexedAt, item } : null;
}

/**
 * A Bluesky listening source. Settings in `credentials.extra`: `wantedDids`, `keywords`
 * (comma-separated), `hashtags` (comma-separated, `#` optional); `mode: 'search'` with `query`
 * (or `hashtags`/`keywords`) uses the AppView search instead of Jetstream.
 *
 * @example
 * const source = createBlueskySource({}, outbound);
 * const batch = await source.poll({ accessToken: '', extra: { hashtags: 'diplomacy' } }, null);
 */
export function createBlueskySource(env: Record<string, string>, outbound: OutboundHttp, options: BlueskySourceOptions = {}): IngestSource {
  const jetstreamUrl = env.BLUESKY_JETSTREAM_URL || DEFAULT_JETSTREAM_URL;
  const appviewUrl = env.BLUESKY_APPVIEW_URL || DEFAULT_APPVIEW_URL;
  const timeoutMs = Number(env.BLUESKY_REQUEST_TIMEOUT_MS) || 30_000;
  const pollWindowMs = options.pollWindowMs ?? (Number(env.BLUESKY_POLL_WINDOW_MS) || 5_000);
  const pollMaxItems = options.pollMaxItems ?? (Number(env.BLUESKY_POLL_MAX_ITEMS) || 500);
  const rewindUs = (options.rewindMs ?? 3_000) * 1000;
  const backoffMs = options.backoffMs ?? 1_000;
  const maxBackoffMs = options.maxBackoffMs ?? 60_000;

  async function pollJetstream(credentials: Credentials | null, cursor: string | null): Promise<IngestBatch> {
    const filters = filtersOf(credentials);
    const after = parseCursor(cursor);
    const startedUs = Date.now() * 1000;
    const url = subscribeUrl(jetstreamUrl, filters, after);
    const window = new AbortController();
    const timer = setTimeout(() => window.abort(), pollWindowMs);
    const items: IngestItem[] = [];
    let last = after;
    try {
      for await (const message of jetstreamMessages(outbound, url, window.signal)) {
        const { timeUs, item } = jetstreamEventToItem(message, filters);
        // Jetstream replays from the cursor inclusive; the event at the cursor was already taken.
        if (timeUs !== null && after !== null && timeUs <= after) continue;
        if (item) items.push(item);
        if (timeUs !== null && (last === null || timeUs > last)) last = timeUs;
        if (items.length >= pollMaxItems) break;
      }
    } finally {
      clearTimeout(timer);
    }
    // With nothing seen from a fresh start, resume next time from when this poll began.
    return { items, nextCursor: String(last ?? Math.max(1, startedUs - rewindUs)) };
  }

  async function pollSearch(credentials: Credentials | null, cursor: string | null): Promise<IngestBatch> {
    const extra = credentials?.extra ?? {};
    const tags = list(extra.hashtags ?? extra.hashtag).map((h) => `#${h.replace(/^#/, '')}`);
    const q = extra.query?.trim() || [...tags, ...(extra.keywords ? [extra.keywords.split(',')[0]!.trim()] : [])].join(' ').trim();
    if (!q) throw new ConnectorError('rejected', 'A Bluesky search source needs a query, hashtags or keywords');
    if (cursor !== null && Number.isNaN(Date.parse(cursor))) throw new ConnectorError('rejected', 'The Bluesky search cursor is not a timestamp');
    const found = new Map<string, { indexedAt: string; item: IngestItem }>();
    let page: string | undefined;
    for (let i = 0; i < (cursor === null ? 1 : SEARCH_MAX_PAGES); i++) {
      const url = new URL('/xrpc/app.bsky.feed.searchPosts', appviewUrl);
      url.searchParams.set('q', q);
      url.searchParams.set('sort', 'latest');
      url.searchParams.set('limit', String(SEARCH_PAGE));
      if (cursor !== null) url.searchParams.set('since', cursor);
      if (page) url.searchParams.set('cursor', page);
      const headers: Record<string, string> = { accept: 'application/json' };
      if (credentials?.accessToken) headers.authorization = `Bearer ${credentials.accessToken}`;
      let res: Response;
      try {
        res = await outbound.fetch(url, { headers, timeoutMs, ...(credentials?.accessToken ? { redirect: 'error' as const, secure: true } : {}) });
      } catch (error) {
        if (error instanceof ConnectorError) throw error;
        throw new ConnectorError('transient', 'Bluesky AppView unreachable', { cause: error });
      }
      if (!res.ok) throw await searchError(res);
      let body: { posts?: unknown; cursor?: unknown };
      try {
        body = (await res.json()) as typeof body;
      } catch (error) {
        throw new ConnectorError('transient', 'Bluesky AppView sent an unreadable answer', { cause: error });
      }
      const posts = Array.isArray(body.posts) ? (body.posts as SearchPost[]) : [];
      for (const post of posts) {
        const hit = searchPostToItem(post);
        if (hit && (cursor === null || hit.indexedAt > new Date(cursor).toISOString())) found.set(hit.item.remoteId, hit);
      }
      page = typeof body.cursor === 'string' && body.cursor !== '' ? body.cursor : undefined;
      if (!page || posts.length < SEARCH_PAGE) break;
    }
    const ordered = [...found.values()].sort((a, b) => (a.indexedAt < b.indexedAt ? -1 : a.indexedAt > b.indexedAt ? 1 : 0));
    return { items: ordered.map((h) => h.item), nextCursor: ordered.at(-1)?.indexedAt ?? cursor };
  }

  const isSearch = (credentials: Credentials | null) => credentials?.extra?.mode === 'search';

  return {
    poll(credentials, cursor) {
      return isSearch(credentials) ? pollSearch(credentials, cursor) : pollJetstream(credentials, cursor);
    },

    async *stream(credentials, cursor, signal) {
      if (isSearch(credentials)) {
        // Search has no push form: poll it at a gentle pace.
        let current = cursor;
        while (!signal.aborted) {
          const batch = await pollSearch(credentials, current);
          current = batch.nextCursor;
          if (batch.items.length > 0) yield batch;
          await sleep(Math.max(pollWindowMs, 30_000), signal);
        }
        return;
      }
      const filters = filtersOf(credentials);
      const initial = parseCursor(cursor);
      let last = initial;
      const seen = new Set<string>();
      let failures = 0;
      let reconnecting = false;
      while (!signal.aborted) {
        // After a drop, resume a little early; replays are skipped by at-URI here and by storage.
        const from = last !== null && reconnecting ? Math.max(1, last - rewindUs) : last;
        try {
          for await (const message of jetstreamMessages(outbound, subscribeUrl(jetstreamUrl, filters, from), signal)) {
            failures = 0;
            const { timeUs, item } = jetstreamEventToItem(message, filters);
            // Replays reach back to (or, rewound, before) the cursor we were given; that part was already taken.
            if (timeUs !== null && initial !== null && timeUs <= initial) continue;
            if (timeUs !== null && (last === null || timeUs > last)) last = timeUs;
            if (!item) continue;
            if (seen.has(item.remoteId)) continue;
            seen.add(item.remoteId);
            if (seen.size > SEEN_WINDOW) seen.delete(seen.values().next().value!);
            yield { items: [item], nextCursor: last === null ? null : String(last) };
          }
        } catch (error) {
          if (signal.aborted) return;
          if (error instanceof ConnectorError && error.kind === 'rejected') throw error;
        }
        if (signal.aborted) return;
        reconnecting = true;
        const delay = Math.min(maxBackoffMs, backoffMs * 2 ** failures);
        failures++;
        await sleep(delay / 2 + Math.random() * (delay / 2), signal);
      }
    },

    async health(credentials): Promise<SourceHealth> {
      const checkedAt = new Date().toISOString();
      try {
        if (isSearch(credentials)) await pollSearch(credentials, null);
        else {
          // Reaching the socket is the check; events are not needed.
          const url = subscribeUrl(jetstreamUrl, filtersOf(credentials), null);
          await new Promise<void>((resolve, reject) => {
            const ws = outbound.openWebSocket(url);
            const timer = setTimeout(() => {
              ws.close();
              reject(new ConnectorError('transient', 'Jetstream did not accept the connection in time'));
            }, 5_000);
            ws.addEventListener('open', () => {
              clearTimeout(timer);
              ws.close();
              resolve();
            });
            ws.addEventListener('error', () => {
              clearTimeout(timer);
              reject(new ConnectorError('transient', 'Could not connect to Jetstream'));
            });
          });
        }
        return { status: 'ok', checkedAt };
      } catch (error) {
        const kind = error instanceof ConnectorError ? error.kind : 'transient';
        return { status: kind === 'rate-limited' ? 'degraded' : 'down', detail: error instanceof Error ? error.message : String(error), checkedAt };
      }
    },
  };
}
