// Listening on a Mastodon instance: a hashtag, one account, or the public/local timeline.
// `poll` pages forward with `min_id` from the newest status id seen (the cursor), so consecutive
// polls leave no gap; `stream` follows the instance's server-sent-events streaming API and, after
// every (re)connect, backfills from the cursor before trusting the stream again.
import { ConnectorError, type Credentials, type IngestBatch, type IngestItem, type IngestSource, type OutboundHttp, type SourceHealth } from '@diplodesk/connector-sdk';
import { normaliseInstanceUrl } from './mastodon-channel.ts';
import { readJson, toConnectorError } from './mastodon-http.ts';
import { statusHtmlToText } from './status-text.ts';

/** Mastodon's maximum page size for timelines. */
const PAGE_LIMIT = 40;
/** Pages per poll before handing the cursor back, so one poll after a long pause stays bounded. */
const MAX_PAGES = 10;

type Target = { kind: 'hashtag'; tag: string } | { kind: 'account'; acct: string } | { kind: 'timeline'; local: boolean };

interface Settings {
  outbound: OutboundHttp;
  instanceUrl: string;
  token: string | null;
  target: Target;
}

interface RawAccount {
  id?: unknown;
  acct?: unknown;
  display_name?: unknown;
  url?: unknown;
}
interface RawStatus {
  id?: unknown;
  uri?: unknown;
  url?: unknown;
  created_at?: unknown;
  content?: unknown;
  spoiler_text?: unknown;
  language?: unknown;
  account?: RawAccount;
  reblog?: RawStatus | null;
  in_reply_to_id?: unknown;
  visibility?: unknown;
}

export interface MastodonSourceOptions {
  /** First reconnect delay of the stream, doubled per failed attempt up to `maxBackoffMs`. */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** How often `stream` polls when the target has no streaming channel (an account). */
  accountPollMs?: number;
}

/** Orders Mastodon ids (numeric strings of varying length) without losing precision. */
export function compareStatusIds(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

function settingsOf(credentials: Credentials | null, env: Record<string, string>, outbound: OutboundHttp): Settings {
  const extra = credentials?.extra ?? {};
  const instance = extra.instanceUrl || env.MASTODON_INSTANCE_URL;
  if (!instance) throw new ConnectorError('rejected', 'A Mastodon source needs an instance URL');
  const instanceUrl = normaliseInstanceUrl(instance);
  let target: Target;
  if (extra.hashtag) target = { kind: 'hashtag', tag: extra.hashtag.replace(/^#/, '').trim() };
  else if (extra.account) target = { kind: 'account', acct: extra.account.replace(/^@/, '').trim() };
  else if (extra.timeline === 'public' || extra.timeline === 'local') target = { kind: 'timeline', local: extra.timeline === 'local' };
  else throw new ConnectorError('rejected', 'A Mastodon source needs one of hashtag, account, or timeline (public or local)');
  if ((target.kind === 'hashtag' && target.tag === '') || (target.kind === 'account' && target.acct === '')) {
    throw new ConnectorError('rejected', 'The Mastodon hashtag or account is empty');
  }
  return { outbound, instanceUrl, token: credentials?.accessToken ? credentials.accessToken : null, target };
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/**
 * One status as an ingest item, or null when the entry lacks what an item needs (it is skipped,
 * not fatal). A reblog becomes the original status, with the reblog noted in `raw`.
 */
export function statusToItem(status: RawStatus): IngestItem | null {
  const timelineId = str(status.id);
  if (!timelineId) return null;
  const original = status.reblog && typeof status.reblog === 'object' ? status.reblog : status;
  const id = str(original.id);
  const createdAt = str(original.created_at);
  const account = original.account;
  const acct = str(account?.acct);
  if (!id || !createdAt || Number.isNaN(Date.parse(createdAt)) || typeof original.content !== 'string' || !acct) return null;
  const body = statusHtmlToText(original.content);
  const warning = str(original.spoiler_text);
  const displayName = str(account?.display_name);
  const authorUrl = str(account?.url);
  const url = str(original.url) ?? str(original.uri);
  const language = str(original.language);
  const rebloggedBy = original === status ? undefined : str(status.account?.acct);
  return {
    remoteId: str(original.uri) ?? id,
    ...(url ? { url } : {}),
    author: { remoteAccountId: str(account?.id) ?? acct, handle: acct, ...(displayName ? { displayName } : {}), ...(authorUrl ? { url: authorUrl } : {}) },
    // A content warning is part of what readers see first, so it leads the text.
    text: warning ? `${warning}\n\n${body}` : body,
    ...(language ? { language } : {}),
    publishedAt: new Date(createdAt).toISOString(),
    raw: {
      statusId: id,
      timelineId,
      reblog: original !== status,
      ...(rebloggedBy ? { rebloggedBy } : {}),
      ...(str(original.in_reply_to_id) ? { inReplyToId: original.in_reply_to_id } : {}),
      ...(str(original.visibility) ? { visibility: original.visibility } : {}),
    },
  };
}

async function get(settings: Settings, path: string, query: Record<string, string>, timeoutMs: number, signal?: AbortSignal): Promise<Response> {
  const url = new URL(path, settings.instanceUrl);
  for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
  const headers: Record<string, string> = { accept: 'application/json' };
  if (settings.token) headers.authorization = `Bearer ${settings.token}`;
  try {
    return await settings.outbound.fetch(url, { headers, timeoutMs, ...(signal ? { signal } : {}), ...(settings.token ? { redirect: 'error' as const, secure: true } : {}) });
  } catch (error) {
    if (signal?.aborted) throw error;
    if (error instanceof ConnectorError) throw error;
    const code = (error as { cause?: { code?: string } })?.cause?.code;
    throw new ConnectorError('transient', `Mastodon instance unreachable (${code ?? 'network error'})`, { cause: error });
  }
}

async function getJson<T>(settings: Settings, path: string, query: Record<string, string>, timeoutMs: number): Promise<T> {
  const res = await get(settings, path, query, timeoutMs);
  if (!res.ok) throw await toConnectorError(res, 'read');
  return readJson<T>(res, 'read');
}

/** Where the instance serves streaming (often a separate host), as an http(s) origin for SSE. */
async function streamingBase(settings: Settings, timeoutMs: number): Promise<string> {
  try {
    const instance = await getJson<{ configuration?: { urls?: { streaming?: unknown } } }>(settings, '/api/v2/instance', {}, timeoutMs);
    const streaming = instance.configuration?.urls?.streaming;
    if (typeof streaming === 'string' && /^wss?:\/\//.test(streaming)) return streaming.replace(/^ws/, 'http');
  } catch (error) {
    if (error instanceof ConnectorError && error.kind !== 'rejected') throw error;
  }
  return settings.instanceUrl;
}

/** Splits a server-sent-events body into `{ event, data }` messages. */
async function* readSse(body: ReadableStream<Uint8Array>): AsyncGenerator<{ event: string; data: string }> {
  let buffer = '';
  const decoder = new TextDecoder();
  const reader = body.getReader();
  try {
    while (true) {
      const { done, value } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true }).replace(/\r\n?/g, '\n');
      let end = buffer.indexOf('\n\n');
      while (end !== -1) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        let event = 'message';
        const data: string[] = [];
        for (const line of block.split('\n')) {
          if (line.startsWith(':')) continue; // heartbeat comment
          const colon = line.indexOf(':');
          const field = colon === -1 ? line : line.slice(0, colon);
          const fieldValue = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
          if (field === 'event') event = fieldValue;
          else if (field === 'data') data.push(fieldValue);
        }
        if (data.length > 0) yield { event, data: data.join('\n') };
        end = buffer.indexOf('\n\n');
      }
    }
  } finally {
    // Releases the connection when the consumer stops early.
    await reader.cancel().catch(() => {});
  }
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });

/**
 * A listening source for one Mastodon instance. Settings come in `credentials.extra`:
 * `instanceUrl` and one of `hashtag`, `account` (acct) or `timeline` (`public` | `local`); the
 * access token is optional (some instances require one for public timelines).
 *
 * @example
 * const source = createMastodonSource({}, outbound);
 * const batch = await source.poll({ accessToken: '', extra: { instanceUrl: 'https://mastodon.social', hashtag: 'diplomacy' } }, null);
 */
export function createMastodonSource(env: Record<string, string>, outbound: OutboundHttp, options: MastodonSourceOptions = {}): IngestSource {
  const timeoutMs = Number(env.MASTODON_REQUEST_TIMEOUT_MS) || 30_000;
  const backoffMs = options.backoffMs ?? 1_000;
  const maxBackoffMs = options.maxBackoffMs ?? 60_000;
  const accountPollMs = options.accountPollMs ?? 60_000;
  // acct → id per instance; an account id never changes, so one lookup serves every poll.
  const accountIds = new Map<string, string>();

  async function timelinePath(settings: Settings): Promise<{ path: string; query: Record<string, string> }> {
    const { target } = settings;
    if (target.kind === 'hashtag') return { path: `/api/v1/timelines/tag/${encodeURIComponent(target.tag)}`, query: {} };
    if (target.kind === 'timeline') return { path: '/api/v1/timelines/public', query: target.local ? { local: 'true' } : {} };
    const key = `${settings.instanceUrl}\n${target.acct}`;
    let id = accountIds.get(key);
    if (!id) {
      const account = await getJson<RawAccount>(settings, '/api/v1/accounts/lookup', { acct: target.acct }, timeoutMs);
      id = str(account.id);
      if (!id) throw new ConnectorError('transient', 'Mastodon sent an account without an id');
      accountIds.set(key, id);
    }
    return { path: `/api/v1/accounts/${encodeURIComponent(id)}/statuses`, query: {} };
  }

  async function pollWith(settings: Settings, cursor: string | null): Promise<IngestBatch> {
    const { path, query } = await timelinePath(settings);
    const collected: RawStatus[] = [];
    let newest = cursor;
    if (cursor === null) {
      // Starting fresh: the latest page is the baseline the desk sees first.
      const page = await getJson<unknown>(settings, path, { ...query, limit: String(PAGE_LIMIT) }, timeoutMs);
      if (Array.isArray(page)) collected.push(...(page as RawStatus[]));
    } else {
      // `min_id` returns the page immediately after the cursor, so walking it forward has no gaps.
      for (let i = 0; i < MAX_PAGES; i++) {
        const page = await getJson<unknown>(settings, path, { ...query, limit: String(PAGE_LIMIT), min_id: newest! }, timeoutMs);
        if (!Array.isArray(page) || page.length === 0) break;
        const ids = (page as RawStatus[]).map((s) => str(s?.id)).filter((id): id is string => id !== undefined && compareStatusIds(id, newest!) > 0);
        if (ids.length === 0) break;
        collected.push(...(page as RawStatus[]));
        newest = ids.reduce((a, b) => (compareStatusIds(a, b) >= 0 ? a : b));
        if (page.length < PAGE_LIMIT) break;
      }
    }
    const byId = new Map<string, RawStatus>();
    for (const status of collected) {
      const id = status && typeof status === 'object' ? str(status.id) : undefined;
      if (id && (cursor === null || compareStatusIds(id, cursor) > 0)) byId.set(id, status);
    }
    const ordered = [...byId.keys()].sort(compareStatusIds);
    const items: IngestItem[] = [];
    for (const id of ordered) {
      const item = statusToItem(byId.get(id)!);
      if (item) items.push(item);
    }
    // The cursor moves past skipped (malformed) entries too, so they are not fetched forever.
    const last = ordered[ordered.length - 1];
    return { items, nextCursor: last ?? newest };
  }

  function streamQuery(target: Target): { path: string; query: Record<string, string> } | null {
    if (target.kind === 'hashtag') return { path: '/api/v1/streaming/hashtag', query: { tag: target.tag } };
    if (target.kind === 'timeline') return { path: target.local ? '/api/v1/streaming/public/local' : '/api/v1/streaming/public', query: {} };
    return null; // Mastodon has no public per-account stream.
  }

  return {
    async poll(credentials, cursor) {
      return pollWith(settingsOf(credentials, env, outbound), cursor);
    },

    async *stream(credentials, cursor, signal) {
      const settings = settingsOf(credentials, env, outbound);
      const channel = streamQuery(settings.target);
      let current = cursor;
      let failures = 0;
      while (!signal.aborted) {
        let res: Response | null = null;
        try {
          if (channel) {
            // Subscribe first, then backfill: statuses arriving meanwhile wait in the open response.
            const base = await streamingBase(settings, timeoutMs);
            const url = new URL(channel.path, base);
            for (const [k, v] of Object.entries(channel.query)) url.searchParams.set(k, v);
            const headers: Record<string, string> = { accept: 'text/event-stream' };
            if (settings.token) headers.authorization = `Bearer ${settings.token}`;
            try {
              // A stream has no deadline and no size limit; the caller's signal ends it.
              res = await settings.outbound.fetch(url, { headers, signal, timeoutMs: 0, maxBytes: Number.POSITIVE_INFINITY, ...(settings.token ? { redirect: 'error' as const, secure: true } : {}) });
            } catch (error) {
              if (signal.aborted) return;
              if (error instanceof ConnectorError) throw error;
              throw new ConnectorError('transient', 'Mastodon streaming unreachable', { cause: error });
            }
            if (!res.ok || !res.body) throw await toConnectorError(res, 'read');
          }
          const backfill = await pollWith(settings, current);
          if (backfill.items.length > 0 || backfill.nextCursor !== current) {
            current = backfill.nextCursor;
            yield backfill;
          }
          failures = 0;
          if (!res?.body) {
            await sleep(accountPollMs, signal);
            continue;
          }
          for await (const message of readSse(res.body)) {
            if (message.event !== 'update') continue;
            let status: RawStatus;
            try {
              status = JSON.parse(message.data) as RawStatus;
            } catch {
              continue; // a garbled event is skipped; the next backfill would still find the status
            }
            const id = str(status?.id);
            if (!id || (current !== null && compareStatusIds(id, current) <= 0)) continue;
            const item = statusToItem(status);
            current = id;
            yield { items: item ? [item] : [], nextCursor: current };
          }
          // The instance closed the stream: reconnect (and backfill) after a short pause.
        } catch (error) {
          if (signal.aborted) return;
          if (error instanceof ConnectorError && (error.kind === 'auth-expired' || error.kind === 'rejected')) throw error;
          if (error instanceof ConnectorError && error.kind === 'rate-limited') {
            await sleep(error.retryAfterMs ?? maxBackoffMs, signal);
            continue;
          }
          // Anything else (a reset, a cut-off body, a 5xx) is a gap: back off, reconnect, backfill.
        } finally {
          await res?.body?.cancel().catch(() => {});
        }
        if (signal.aborted) return;
        const delay = Math.min(maxBackoffMs, backoffMs * 2 ** failures);
        failures++;
        // Jitter, so many sources do not reconnect to one instance in lockstep.
        await sleep(delay / 2 + Math.random() * (delay / 2), signal);
      }
    },

    async health(credentials): Promise<SourceHealth> {
      const checkedAt = new Date().toISOString();
      try {
        const settings = settingsOf(credentials, env, outbound);
        const { path, query } = await timelinePath(settings);
        await getJson<unknown>(settings, path, { ...query, limit: '1' }, timeoutMs);
        return { status: 'ok', checkedAt };
      } catch (error) {
        const kind = error instanceof ConnectorError ? error.kind : 'transient';
        return { status: kind === 'rate-limited' || kind === 'transient' ? 'degraded' : 'down', detail: error instanceof Error ? error.message : String(error), checkedAt };
      }
    },
  };
}
