// A local Mastodon instance: the subset of the REST API the connector uses, with Mastodon's
// Idempotency-Key replay (kept 1 hour), 202-then-poll media processing, `{ error }` bodies,
// and X-RateLimit-* headers (300 requests / 5 min per token, reset as an ISO time).
// For listening it also serves the hashtag, public and account timelines (paged by max_id,
// since_id and min_id; a token is optional there), account lookup, and a separate streaming host
// speaking server-sent events that a test can cut off or take down to create gaps.
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { MASTODON_DEFAULT_CHARS_PER_URL, MASTODON_DEFAULT_MAX_CHARACTERS, mastodonLength } from '@diplodesk/connector-sdk';
import {
  type FakeFault,
  type FakePlatformOptions,
  type FakeHttpReply as FakeReply,
  type FakeHttpRequest as FakeRequest,
  FakeLedger,
  type FakePlatform,
  FaultQueue,
  fakeId,
  RateWindow,
  startFakeHttpServer,
} from '@diplodesk/connector-sdk/testing';

const IDEMPOTENCY_TTL_MS = 60 * 60 * 1000;
const RATE_LIMIT = 300;
const RATE_WINDOW_MS = 5 * 60 * 1000;

interface Account {
  id: string;
  username: string;
  /** Set for accounts of other instances (acct `user@domain`). */
  domain?: string;
}
interface StoredStatus {
  id: string;
  accountId: string;
  text: string;
  language: string | null;
  inReplyToId: string | null;
  mediaIds: string[];
  createdAt: string;
  deleted: boolean;
  tags: string[];
  /** Id of the status this one reblogs. */
  reblogOf?: string;
  /** Served as a broken entry (no account, no content) to exercise tolerant readers. */
  malformed?: boolean;
}
interface StoredMedia {
  id: string;
  accountId: string;
  type: string;
  description: string | null;
  polls: number;
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

// Mastodon serves `content` as sanitised HTML: paragraphs for blank lines, <br> for line breaks.
function renderContent(text: string): string {
  return text
    .split(/\n{2,}/)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br />')}</p>`)
    .join('');
}

/** A public status as a test places it on the fake instance. */
export interface FakeStatusInput {
  text: string;
  /** Local username (`alice`) or a remote acct (`bob@example.org`); created on first use. */
  author?: string;
  language?: string;
  createdAt?: string;
}

/** Listening controls of the fake instance. */
export interface MastodonListeningControls {
  /** Posts a public status (hashtags are read from its text) and pushes it to open streams. */
  postStatus(input: FakeStatusInput): { id: string; uri: string };
  /** Reblogs a status as `author`; the reblog gets its own timeline id. */
  reblog(statusId: string, author?: string): { id: string };
  /** Adds a broken entry to the timelines a tag (or the public timeline) shows. */
  postMalformed(tag?: string): { id: string };
  /** Queues a fault for the next timeline read (rate-limit, auth-expired, server-error). */
  failNextRead(fault: FakeFault): void;
  /** Cuts every open streaming connection without a goodbye. */
  dropStreams(): void;
  /** While down, the streaming host answers 503 (the client must back off and backfill). */
  setStreamingDown(down: boolean): void;
  /** Streaming connections currently open. */
  openStreams(): number;
  readonly streamingUrl: string;
}

export type MastodonFake = FakePlatform & { listening: MastodonListeningControls };

const tagsOf = (text: string) => [...text.matchAll(/(?:^|[^\p{L}\p{N}_])#([\p{L}\p{N}_]+)/gu)].map((m) => m[1]!.toLowerCase());

export const startFake = async (options: FakePlatformOptions = {}): Promise<MastodonFake> => {
  const accounts = new Map<string, Account>();
  const tokens = new Map<string, { accountId: string; expired: boolean }>();
  const statuses = new Map<string, StoredStatus>();
  const ledger = new FakeLedger();
  const idempotency = new Map<string, { statusId: string; at: number }>();
  const media = new Map<string, StoredMedia>();
  const faults = new FaultQueue();
  const readFaults = new FaultQueue();
  const window = new RateWindow(RATE_LIMIT, RATE_WINDOW_MS);
  // Snowflake-like, increasing ids, so "newest first" is a plain sort.
  let nextId = 110_000_000_000_000_000n;
  const newId = () => {
    nextId += 1n;
    return nextId.toString();
  };
  let baseUrl = '';

  const accountJson = (a: Account) => ({
    id: a.id,
    username: a.username,
    acct: a.domain ? `${a.username}@${a.domain}` : a.username,
    display_name: `Mission ${a.username}`,
    url: a.domain ? `https://${a.domain}/@${a.username}` : `${baseUrl}/@${a.username}`,
  });
  const mediaJson = (m: StoredMedia) => ({
    id: m.id,
    type: m.type,
    url: m.polls > 0 ? `${baseUrl}/system/media/${m.id}` : null,
    preview_url: `${baseUrl}/system/media/${m.id}/small`,
    description: m.description,
  });
  const statusJson = (s: StoredStatus, withSource = false): Record<string, unknown> => {
    if (s.malformed) return { id: s.id, created_at: 'yesterday-ish', content: null };
    const account = accounts.get(s.accountId)!;
    if (s.reblogOf) {
      const original = statuses.get(s.reblogOf)!;
      return { id: s.id, created_at: s.createdAt, visibility: 'public', language: null, uri: `${baseUrl}/users/${account.username}/statuses/${s.id}/activity`, url: null, content: '', account: accountJson(account), reblog: statusJson(original), media_attachments: [] };
    }
    return {
      id: s.id,
      created_at: s.createdAt,
      in_reply_to_id: s.inReplyToId,
      sensitive: false,
      spoiler_text: '',
      visibility: 'public',
      language: s.language,
      uri: `${baseUrl}/users/${account.username}/statuses/${s.id}`,
      url: `${baseUrl}/@${account.username}/${s.id}`,
      content: renderContent(s.text),
      media_attachments: s.mediaIds.map((id) => mediaJson(media.get(id)!)),
      account: accountJson(account),
      ...(withSource ? { text: s.text } : {}),
    };
  };

  const createAccount = () => {
    const account: Account = { id: newId(), username: `mission${accounts.size + 1}` };
    accounts.set(account.id, account);
    const token = fakeId('mtok_', 24);
    tokens.set(token, { accountId: account.id, expired: false });
    return { account, token };
  };

  function faultReply(fault: FakeFault, rate: Record<string, string>): FakeReply | null {
    switch (fault.kind) {
      case 'rate-limit': {
        const reset = new Date(Date.now() + (fault.resetInSeconds ?? 60) * 1000).toISOString();
        return { status: 429, json: { error: 'Too many requests' }, headers: { ...rate, 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset } };
      }
      case 'server-error':
        return { status: 503, json: { error: 'Service Unavailable' } };
      case 'auth-expired':
        return { status: 401, json: { error: 'The access token is invalid' } };
      case 'reject':
        return { status: 422, json: { error: 'Validation failed: Text character limit of 500 exceeded' } };
      default:
        return null; // commit faults are applied after the write
    }
  }

  function afterCommit(fault: FakeFault | undefined, reply: FakeReply): FakeReply {
    if (fault?.kind === 'drop-after-commit') return { drop: true };
    // biome-ignore lint/suspicious/noThenProperty: the SDK's FakeHttpReply names the withheld reply `then`; it is data, never called.
    if (fault?.kind === 'timeout-after-commit') return { holdMs: fault.ms ?? 30_000, then: reply };
    return reply;
  }

  function createStatus(req: FakeRequest, accountId: string, rate: Record<string, string>): FakeReply {
    const key = req.headers['idempotency-key'];
    const keyStr = typeof key === 'string' && key !== '' ? key : null;
    if (keyStr) {
      const seen = idempotency.get(`${accountId}:${keyStr}`);
      if (seen && Date.now() - seen.at < IDEMPOTENCY_TTL_MS) {
        return { status: 200, json: statusJson(statuses.get(seen.statusId)!), headers: rate };
      }
    }
    const fault = faults.take();
    const early = fault ? faultReply(fault, rate) : null;
    if (early) return early;
    const body = req.json() as { status?: string; media_ids?: string[]; in_reply_to_id?: string; language?: string } | null;
    if (!body) return { status: 422, json: { error: 'Validation failed: invalid JSON' }, headers: rate };
    const text = body.status ?? '';
    const mediaIds = body.media_ids ?? [];
    if (text.trim() === '' && mediaIds.length === 0) return { status: 422, json: { error: "Validation failed: Text can't be blank" }, headers: rate };
    if (mastodonLength(text, { charsPerUrl: MASTODON_DEFAULT_CHARS_PER_URL }) > MASTODON_DEFAULT_MAX_CHARACTERS) {
      return { status: 422, json: { error: `Validation failed: Text character limit of ${MASTODON_DEFAULT_MAX_CHARACTERS} exceeded` }, headers: rate };
    }
    for (const id of mediaIds) {
      const m = media.get(id);
      if (!m || m.accountId !== accountId) return { status: 422, json: { error: 'Validation failed: Media attachment not found' }, headers: rate };
    }
    if (body.in_reply_to_id && !statuses.has(body.in_reply_to_id)) return { status: 404, json: { error: 'Record not found' }, headers: rate };
    const status: StoredStatus = {
      id: newId(),
      accountId,
      text,
      language: body.language ?? null,
      inReplyToId: body.in_reply_to_id ?? null,
      mediaIds,
      createdAt: new Date().toISOString(),
      deleted: false,
      tags: tagsOf(text),
    };
    statuses.set(status.id, status);
    broadcast(status);
    if (keyStr) idempotency.set(`${accountId}:${keyStr}`, { statusId: status.id, at: Date.now() });
    ledger.add({
      remoteId: status.id,
      accountId,
      text,
      ...(keyStr ? { idempotencyKey: keyStr } : {}),
      ...(status.inReplyToId ? { replyTo: status.inReplyToId } : {}),
      mediaCount: mediaIds.length,
      createdAt: status.createdAt,
    });
    return afterCommit(fault, { status: 200, json: statusJson(status), headers: rate });
  }

  async function uploadMedia(req: FakeRequest, accountId: string, rate: Record<string, string>): Promise<FakeReply> {
    const fault = faults.take();
    const early = fault ? faultReply(fault, rate) : null;
    if (early) return early;
    const form = await req.form();
    const file = form.get('file');
    if (!(file instanceof File) || file.size === 0) return { status: 422, json: { error: 'Validation failed: File is missing' }, headers: rate };
    const type = file.type.startsWith('image/') ? 'image' : file.type.startsWith('video/') ? 'video' : 'unknown';
    const description = form.get('description');
    const m: StoredMedia = { id: newId(), accountId, type, description: typeof description === 'string' ? description : null, polls: 0 };
    media.set(m.id, m);
    return afterCommit(fault, { status: 202, json: mediaJson(m), headers: rate });
  }

  const route = async (req: FakeRequest): Promise<FakeReply> => {
    if (req.method === 'GET' && req.url.pathname === '/api/v2/instance') {
      return {
        status: 200,
        json: {
          domain: new URL(baseUrl).host,
          title: 'Fake Mastodon',
          configuration: {
            statuses: { max_characters: MASTODON_DEFAULT_MAX_CHARACTERS, max_media_attachments: 4, characters_reserved_per_url: MASTODON_DEFAULT_CHARS_PER_URL },
            urls: { streaming: streamingUrl },
          },
        },
      };
    }
    if (!req.url.pathname.startsWith('/api/')) return { status: 404, json: { error: 'Not found' } };
    const publicReply = publicRead(req);
    if (publicReply) return publicReply;
    const bearer = req.bearer();
    const session = bearer ? tokens.get(bearer) : undefined;
    if (!session || session.expired) return { status: 401, json: { error: 'The access token is invalid' } };
    const hit = window.hit(bearer!);
    const rate = { 'x-ratelimit-limit': String(hit.limit), 'x-ratelimit-remaining': String(hit.remaining), 'x-ratelimit-reset': new Date(hit.resetAt).toISOString() };
    if (hit.exceeded) return { status: 429, json: { error: 'Too many requests' }, headers: rate };
    const { accountId } = session;
    const ok = (json: unknown, status = 200): FakeReply => ({ status, json, headers: rate });
    const notFound = (): FakeReply => ({ status: 404, json: { error: 'Record not found' }, headers: rate });

    if (req.method === 'GET' && req.url.pathname === '/api/v1/accounts/verify_credentials') return ok(accountJson(accounts.get(accountId)!));
    if (req.method === 'POST' && req.url.pathname === '/api/v1/statuses') return createStatus(req, accountId, rate);
    if (req.method === 'POST' && req.url.pathname === '/api/v2/media') return uploadMedia(req, accountId, rate);
    let m = /^\/api\/v1\/media\/(\d+)$/.exec(req.url.pathname);
    if (m && req.method === 'GET') {
      const item = media.get(m[1]!);
      if (!item || item.accountId !== accountId) return notFound();
      // The first poll still sees the attachment processing (206), later ones see it ready.
      const processing = item.polls === 0;
      item.polls++;
      return ok(mediaJson(item), processing ? 206 : 200);
    }
    m = /^\/api\/v1\/statuses\/(\d+)$/.exec(req.url.pathname);
    if (m) {
      const status = statuses.get(m[1]!);
      if (!status || status.deleted) return notFound();
      if (req.method === 'GET') return ok(statusJson(status));
      if (req.method === 'DELETE') {
        if (status.accountId !== accountId) return notFound();
        status.deleted = true;
        ledger.markDeleted(status.id);
        return ok(statusJson(status, true));
      }
    }
    return { status: 404, json: { error: 'Not found' }, headers: rate };
  };

  /** Newest-first page of `list` as Mastodon pages timelines: max_id, since_id, min_id, limit. */
  function page(list: StoredStatus[], q: URLSearchParams): StoredStatus[] {
    const limit = Math.min(Number(q.get('limit') ?? 20) || 20, 40);
    const maxId = q.get('max_id');
    const sinceId = q.get('since_id');
    const minId = q.get('min_id');
    let selected = list.filter(
      (s) =>
        !s.deleted &&
        (maxId === null || BigInt(s.id) < BigInt(maxId)) &&
        (sinceId === null || BigInt(s.id) > BigInt(sinceId)) &&
        (minId === null || BigInt(s.id) > BigInt(minId)),
    );
    selected.sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
    // min_id takes the statuses right after it; otherwise the newest ones.
    selected = minId !== null ? selected.slice(0, limit) : selected.slice(-limit);
    return selected.reverse();
  }

  const statusTags = (s: StoredStatus): string[] => (s.reblogOf ? [] : s.tags);
  const isLocal = (s: StoredStatus) => !accounts.get(s.accountId)?.domain;

  /** Timelines and lookup: readable without a token, but a token sent must be valid. */
  function publicRead(req: FakeRequest): FakeReply | null {
    if (req.method !== 'GET') return null;
    const path = req.url.pathname;
    const q = req.url.searchParams;
    const tag = /^\/api\/v1\/timelines\/tag\/([^/]+)$/.exec(path);
    const account = /^\/api\/v1\/accounts\/(\d+)\/statuses$/.exec(path);
    const isPublic = path === '/api/v1/timelines/public';
    const isLookup = path === '/api/v1/accounts/lookup';
    if (!tag && !account && !isPublic && !isLookup) return null;
    const bearer = req.bearer();
    if (bearer !== null) {
      const session = tokens.get(bearer);
      if (!session || session.expired) return { status: 401, json: { error: 'The access token is invalid' } };
    }
    // Unauthenticated reads are counted per client address, as Mastodon does per IP.
    const hit = window.hit(bearer ?? 'ip:127.0.0.1');
    const rate = { 'x-ratelimit-limit': String(hit.limit), 'x-ratelimit-remaining': String(hit.remaining), 'x-ratelimit-reset': new Date(hit.resetAt).toISOString() };
    if (hit.exceeded) return { status: 429, json: { error: 'Too many requests' }, headers: rate };
    const fault = readFaults.take();
    const early = fault ? faultReply(fault, rate) : null;
    if (early) return early;
    const all = [...statuses.values()];
    if (isLookup) {
      const acct = (q.get('acct') ?? '').replace(/^@/, '');
      const found = [...accounts.values()].find((a) => accountJson(a).acct === acct);
      return found ? { status: 200, json: accountJson(found), headers: rate } : { status: 404, json: { error: 'Record not found' }, headers: rate };
    }
    let list: StoredStatus[];
    if (tag) {
      const wanted = decodeURIComponent(tag[1]!).toLowerCase();
      list = all.filter((s) => s.malformed ? s.tags.includes(wanted) : statusTags(s).includes(wanted));
    } else if (account) {
      if (!accounts.has(account[1]!)) return { status: 404, json: { error: 'Record not found' }, headers: rate };
      list = all.filter((s) => s.accountId === account[1] && !s.malformed);
    } else {
      const local = q.get('local') === 'true';
      // Like Mastodon, tag and public timelines leave reblogs out; account timelines show them.
      list = all.filter((s) => s.malformed || (!s.reblogOf && (!local || isLocal(s))));
    }
    return { status: 200, json: page(list, q).map((s) => statusJson(s)), headers: rate };
  }

  // Streaming lives on its own host, as on large instances (announced in /api/v2/instance).
  const streams = new Set<{ res: ServerResponse; matches: (s: StoredStatus) => boolean }>();
  const streamSockets = new Set<Socket>();
  let streamingDown = false;
  const streaming = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (streamingDown) {
      res.writeHead(503, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'Service Unavailable' }));
      return;
    }
    const token = /^Bearer (.+)$/i.exec(String(req.headers.authorization ?? ''))?.[1] ?? url.searchParams.get('access_token');
    if (token !== null && (!tokens.get(token) || tokens.get(token)!.expired)) {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'Invalid access token' }));
      return;
    }
    let matches: ((s: StoredStatus) => boolean) | null = null;
    if (url.pathname === '/api/v1/streaming/hashtag') {
      const tag = (url.searchParams.get('tag') ?? '').toLowerCase();
      matches = (s) => statusTags(s).includes(tag);
    } else if (url.pathname === '/api/v1/streaming/public') matches = () => true;
    else if (url.pathname === '/api/v1/streaming/public/local') matches = (s) => isLocal(s);
    if (!matches) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'Unknown stream type' }));
      return;
    }
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' });
    res.write(':)\n\n');
    const entry = { res, matches };
    streams.add(entry);
    res.on('close', () => streams.delete(entry));
  });
  streaming.on('connection', (socket) => {
    streamSockets.add(socket);
    socket.on('close', () => streamSockets.delete(socket));
  });
  await new Promise<void>((resolve) => streaming.listen(0, '127.0.0.1', resolve));
  const streamingUrl = `ws://127.0.0.1:${(streaming.address() as AddressInfo).port}`;

  function broadcast(status: StoredStatus): void {
    const payload = JSON.stringify(statusJson(status));
    for (const { res, matches } of streams) {
      if (matches(status)) res.write(`event: update\ndata: ${payload}\n\n`);
    }
  }

  function accountFor(author: string): Account {
    const [username, domain] = author.replace(/^@/, '').split('@') as [string, string | undefined];
    const found = [...accounts.values()].find((a) => a.username === username && a.domain === domain);
    if (found) return found;
    const account: Account = { id: newId(), username, ...(domain ? { domain } : {}) };
    accounts.set(account.id, account);
    return account;
  }

  const listening: MastodonListeningControls = {
    streamingUrl,
    postStatus(input) {
      const account = accountFor(input.author ?? 'alice');
      const status: StoredStatus = {
        id: newId(),
        accountId: account.id,
        text: input.text,
        language: input.language ?? null,
        inReplyToId: null,
        mediaIds: [],
        createdAt: input.createdAt ?? new Date().toISOString(),
        deleted: false,
        tags: tagsOf(input.text),
      };
      statuses.set(status.id, status);
      broadcast(status);
      return { id: status.id, uri: `${baseUrl}/users/${account.username}/statuses/${status.id}` };
    },
    reblog(statusId, author = 'booster') {
      const account = accountFor(author);
      const original = statuses.get(statusId)!;
      const status: StoredStatus = { id: newId(), accountId: account.id, text: '', language: null, inReplyToId: null, mediaIds: [], createdAt: new Date().toISOString(), deleted: false, tags: original.tags, reblogOf: statusId };
      statuses.set(status.id, status);
      return { id: status.id };
    },
    postMalformed(tag) {
      const status: StoredStatus = { id: newId(), accountId: accountFor('alice').id, text: '', language: null, inReplyToId: null, mediaIds: [], createdAt: new Date().toISOString(), deleted: false, tags: tag ? [tag.toLowerCase()] : [], malformed: true };
      statuses.set(status.id, status);
      return { id: status.id };
    },
    failNextRead: (fault) => readFaults.push(fault),
    dropStreams() {
      for (const socket of streamSockets) socket.destroy();
    },
    setStreamingDown(down) {
      streamingDown = down;
    },
    openStreams: () => streams.size,
  };

  const http = await startFakeHttpServer({ ...options, handle: route });
  baseUrl = http.baseUrl;

  const platform: MastodonFake = {
    listening,
    platform: 'mastodon',
    baseUrl,
    env: { MASTODON_INSTANCE_URL: baseUrl },
    ledger: () => ledger.all(),
    async issueCredentials() {
      const { account, token } = createAccount();
      return { accessToken: token, extra: { instanceUrl: baseUrl, accountId: account.id, username: account.username } };
    },
    connectFormValues() {
      const { token } = createAccount();
      return { instanceUrl: baseUrl, accessToken: token };
    },
    failNext: (fault) => faults.push(fault),
    setLatency(ms) {
      http.setLatency(ms);
    },
    expireAccessTokens() {
      for (const t of tokens.values()) t.expired = true;
    },
    reset() {
      ledger.clear();
      faults.clear();
      readFaults.clear();
      window.clear();
      idempotency.clear();
    },
    async close() {
      for (const socket of streamSockets) socket.destroy();
      await new Promise<void>((resolve) => streaming.close(() => resolve()));
      await http.close();
    },
  };
  return platform;
};
