// A local PDS: the XRPC methods the connector uses, with app-password sessions (JWT-shaped access
// tokens that expire, rotating refresh tokens), TID record keys, the 300-grapheme post limit,
// `{ error, message }` bodies, and per-DID write points (5,000 an hour; a create costs 3) reported
// in `ratelimit-*` headers.
// For listening it also runs a Jetstream-like WebSocket (./jetstream.ts) fed by test posts and by
// posts created through the PDS, and serves the AppView's `app.bsky.feed.searchPosts`.
import { createHash } from 'node:crypto';
import { countGraphemes, countUtf8Bytes } from '@diplodesk/connector-sdk';
import {
  type FakeFault,
  type FakeHttpReply as Reply,
  type FakeHttpRequest as Req,
  FakeLedger,
  type FakePlatform,
  type FakePlatformOptions,
  FaultQueue,
  fakeId,
  RateWindow,
  startFakeHttpServer,
} from '@diplodesk/connector-sdk/testing';
import { isValidTid, tidFromKey } from '../tid.ts';
import { type FakeJetstream, type FakeJetstreamPost, startFakeJetstream } from './jetstream.ts';

export type { FakeJetstream, FakeJetstreamPost } from './jetstream.ts';

interface SearchEntry {
  uri: string;
  cid: string;
  did: string;
  handle: string;
  record: Record<string, unknown>;
  indexedAt: string;
  malformed?: boolean;
}

/** Listening controls of the fake network. */
export interface BlueskyListeningControls {
  readonly jetstream: FakeJetstream;
  /** A post appearing on the network: emitted on Jetstream and indexed for search. */
  post(input: FakeJetstreamPost & { handle?: string }): { uri: string; timeUs: number; indexedAt: string };
  /** A broken search hit (no author, no record) that readers must skip. */
  addMalformedSearchHit(): void;
  /** Queues a fault for the next searchPosts call (rate-limit, auth-expired, server-error). */
  failNextRead(fault: FakeFault): void;
}

export type BlueskyFake = FakePlatform & { listening: BlueskyListeningControls };

const POST = 'app.bsky.feed.post';
const ACCESS_TTL_MS = 2 * 60 * 60 * 1000;
const POINTS_PER_HOUR = 5000;
const CREATE_POINTS = 3;

interface Account {
  did: string;
  handle: string;
  appPassword: string;
}
interface StoredRecord {
  uri: string;
  cid: string;
  rkey: string;
  did: string;
  value: Record<string, unknown>;
}

const xrpcError = (status: number, error: string, message: string, headers?: Record<string, string>): Reply => ({ status, json: { error, message }, ...(headers ? { headers } : {}) });
const cidOf = (data: unknown) => `bafyrei${createHash('sha256').update(JSON.stringify(data)).digest('hex').slice(0, 52)}`;

function fakeJwt(payload: Record<string, unknown>): string {
  const part = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${part({ typ: 'at+jwt', alg: 'HS256' })}.${part(payload)}.${fakeId('', 16)}`;
}

export const startFake = async (options: FakePlatformOptions = {}): Promise<BlueskyFake> => {
  const accounts = new Map<string, Account>();
  const access = new Map<string, { did: string; expiresAt: number }>();
  const refresh = new Map<string, string>();
  const records = new Map<string, StoredRecord>();
  const blobs = new Map<string, { mimeType: string; size: number }>();
  const ledger = new FakeLedger();
  const faults = new FaultQueue();
  const points = new RateWindow(POINTS_PER_HOUR, 60 * 60 * 1000);
  const readFaults = new FaultQueue();
  // The AppView counts unauthenticated reads per client address.
  const reads = new RateWindow(3000, 5 * 60 * 1000);
  const searchIndex: SearchEntry[] = [];
  const jetstream = await startFakeJetstream();
  let lastIndexedAt = 0;
  const indexTime = () => {
    lastIndexedAt = Math.max(Date.now(), lastIndexedAt + 1);
    return new Date(lastIndexedAt).toISOString();
  };
  let baseUrl = '';

  const createAccount = (): Account => {
    const n = accounts.size + 1;
    const did = `did:plc:${createHash('sha256').update(`fake-${n}`).digest('hex').slice(0, 24)}`;
    // App passwords look like xxxx-xxxx-xxxx-xxxx.
    const appPassword = fakeId('', 8).match(/.{4}/g)!.join('-');
    const account = { did, handle: `mission${n}.test`, appPassword };
    accounts.set(did, account);
    return account;
  };

  const openSession = (account: Account) => {
    const expiresAt = Date.now() + ACCESS_TTL_MS;
    const accessJwt = fakeJwt({ scope: 'com.atproto.appPass', sub: account.did, iat: Math.floor(Date.now() / 1000), exp: Math.floor(expiresAt / 1000) });
    const refreshJwt = fakeJwt({ scope: 'com.atproto.refresh', sub: account.did, jti: fakeId('') });
    access.set(accessJwt, { did: account.did, expiresAt });
    refresh.set(refreshJwt, account.did);
    return { did: account.did, handle: account.handle, accessJwt, refreshJwt, active: true };
  };

  /** The DID behind the bearer token, or the XRPC error a PDS gives. */
  const authed = (req: Req): string | Reply => {
    const token = req.bearer();
    if (!token) return xrpcError(401, 'AuthMissing', 'Authentication Required');
    if (refresh.has(token)) return xrpcError(400, 'InvalidToken', 'Bad token scope');
    const entry = access.get(token);
    if (!entry) return xrpcError(400, 'InvalidToken', 'Token could not be verified');
    if (entry.expiresAt <= Date.now()) return xrpcError(400, 'ExpiredToken', 'Token has expired');
    return entry.did;
  };

  const rateHeaders = (hit: { limit: number; remaining: number; resetAt: number }) => ({
    'ratelimit-limit': String(hit.limit),
    'ratelimit-remaining': String(hit.remaining),
    'ratelimit-reset': String(Math.ceil(hit.resetAt / 1000)),
    'ratelimit-policy': `${hit.limit};w=3600`,
  });

  function spend(did: string, cost: number): { headers: Record<string, string>; exceeded: boolean } {
    let hit = points.hit(did);
    for (let i = 1; i < cost; i++) hit = points.hit(did);
    return { headers: rateHeaders(hit), exceeded: hit.exceeded };
  }

  function preCommitFault(fault: FakeFault | undefined, headers: Record<string, string>): Reply | null {
    switch (fault?.kind) {
      case 'rate-limit':
        return xrpcError(429, 'RateLimitExceeded', 'Rate Limit Exceeded', { ...headers, 'ratelimit-remaining': '0', 'ratelimit-reset': String(Math.ceil(Date.now() / 1000) + (fault.resetInSeconds ?? 60)) });
      case 'server-error':
        return xrpcError(500, 'InternalServerError', 'Internal Server Error');
      case 'auth-expired':
        return xrpcError(400, 'ExpiredToken', 'Token has expired');
      case 'reject':
        return xrpcError(400, 'InvalidRequest', 'Invalid app.bsky.feed.post record: Record/text must not be longer than 300 graphemes');
      default:
        return null;
    }
  }

  function commitReply(fault: FakeFault | undefined, reply: Reply): Reply {
    if (fault?.kind === 'drop-after-commit') return { drop: true };
    // biome-ignore lint/suspicious/noThenProperty: the SDK's FakeHttpReply names the withheld reply `then`; it is data, never called.
    if (fault?.kind === 'timeout-after-commit') return { holdMs: fault.ms ?? 30_000, then: reply };
    return reply;
  }

  function validatePost(value: Record<string, unknown>): string | null {
    if (value.$type !== POST) return `Invalid $type: expected ${POST}`;
    if (typeof value.text !== 'string') return 'Record/text must be a string';
    if (typeof value.createdAt !== 'string' || Number.isNaN(Date.parse(value.createdAt))) return 'Record/createdAt must be a valid datetime';
    if (countGraphemes(value.text) > 300 || countUtf8Bytes(value.text) > 3000) return 'Record/text must not be longer than 300 graphemes';
    const bytes = countUtf8Bytes(value.text);
    for (const facet of (value.facets as { index?: { byteStart?: number; byteEnd?: number } }[] | undefined) ?? []) {
      const { byteStart = -1, byteEnd = -1 } = facet.index ?? {};
      if (byteStart < 0 || byteEnd > bytes || byteStart >= byteEnd) return 'Record/facets: byte slice out of range';
    }
    return null;
  }

  async function createRecord(req: Req, did: string): Promise<Reply> {
    const body = req.json() as { repo?: string; collection?: string; rkey?: string; record?: Record<string, unknown> } | null;
    const account = accounts.get(did)!;
    if (!body?.record || body.collection !== POST) return xrpcError(400, 'InvalidRequest', 'Input must have the properties "repo", "collection", and "record"');
    if (body.repo !== did && body.repo !== account.handle) return xrpcError(401, 'AuthRequiredError', 'Authentication Required');
    const { headers, exceeded } = spend(did, CREATE_POINTS);
    if (exceeded) return xrpcError(429, 'RateLimitExceeded', 'Rate Limit Exceeded', headers);
    const fault = faults.take();
    const early = preCommitFault(fault, headers);
    if (early) return early;
    const rkey = body.rkey ?? tidFromKey(fakeId('server-assigned-'));
    if (!isValidTid(rkey)) return xrpcError(400, 'InvalidRequest', 'Invalid record key: must be a TID', headers);
    const problem = validatePost(body.record);
    if (problem) return xrpcError(400, 'InvalidRequest', `Invalid app.bsky.feed.post record: ${problem}`, headers);
    const uri = `at://${did}/${POST}/${rkey}`;
    // What the reference PDS does today when the key is taken (bluesky-social/atproto#3718).
    if (records.has(uri)) return xrpcError(500, 'InternalServerError', 'Internal Server Error');
    const stored: StoredRecord = { uri, cid: cidOf(body.record), rkey, did, value: body.record };
    records.set(uri, stored);
    jetstream.emitCommit(did, { rev: rkey, operation: 'create', collection: POST, rkey, record: body.record, cid: stored.cid });
    searchIndex.push({ uri, cid: stored.cid, did, handle: account.handle, record: body.record, indexedAt: indexTime() });
    const embed = body.record.embed as { images?: unknown[] } | undefined;
    const reply = body.record.reply as { parent?: { uri?: string } } | undefined;
    ledger.add({
      remoteId: uri,
      accountId: did,
      text: body.record.text as string,
      idempotencyKey: rkey,
      mediaCount: embed?.images?.length ?? 0,
      ...(reply?.parent?.uri ? { replyTo: reply.parent.uri } : {}),
      createdAt: new Date().toISOString(),
    });
    return commitReply(fault, { status: 200, headers, json: { uri, cid: stored.cid, commit: { cid: cidOf(uri), rev: rkey }, validationStatus: 'valid' } });
  }

  async function uploadBlob(req: Req): Promise<Reply> {
    const fault = faults.take();
    const early = preCommitFault(fault, {});
    if (early) return early;
    if (req.body.length === 0) return xrpcError(400, 'InvalidRequest', 'Request body is empty');
    const mimeType = String(req.headers['content-type'] ?? 'application/octet-stream');
    const cid = `bafkrei${createHash('sha256').update(req.body).digest('hex').slice(0, 52)}`;
    blobs.set(cid, { mimeType, size: req.body.length });
    return commitReply(fault, { status: 200, json: { blob: { $type: 'blob', ref: { $link: cid }, mimeType, size: req.body.length } } });
  }

  const view = (r: StoredRecord) => ({ uri: r.uri, cid: r.cid, value: r.value });

  const handle = async (req: Req): Promise<Reply> => {
    const nsid = req.url.pathname.replace(/^\/xrpc\//, '');
    const q = req.url.searchParams;
    switch (`${req.method} ${nsid}`) {
      case 'POST com.atproto.server.createSession': {
        const body = req.json() as { identifier?: string; password?: string } | null;
        const account = [...accounts.values()].find((a) => a.did === body?.identifier || a.handle === body?.identifier);
        if (!account || account.appPassword !== body?.password) return xrpcError(401, 'AuthenticationRequired', 'Invalid identifier or password');
        return { status: 200, json: openSession(account) };
      }
      case 'POST com.atproto.server.refreshSession': {
        const token = req.bearer();
        const did = token ? refresh.get(token) : undefined;
        if (!token || !did) return xrpcError(400, 'ExpiredToken', 'Token has been revoked');
        refresh.delete(token);
        return { status: 200, json: openSession(accounts.get(did)!) };
      }
      case 'GET com.atproto.identity.resolveHandle': {
        const account = [...accounts.values()].find((a) => a.handle === q.get('handle'));
        return account ? { status: 200, json: { did: account.did } } : xrpcError(400, 'InvalidRequest', 'Unable to resolve handle');
      }
      case 'GET com.atproto.repo.getRecord': {
        const repo = q.get('repo') ?? '';
        const did = accounts.get(repo)?.did ?? [...accounts.values()].find((a) => a.handle === repo)?.did ?? repo;
        const uri = `at://${did}/${q.get('collection')}/${q.get('rkey')}`;
        const record = records.get(uri);
        return record ? { status: 200, json: view(record) } : xrpcError(400, 'RecordNotFound', `Could not locate record: ${uri}`);
      }
      case 'GET app.bsky.feed.searchPosts':
        return searchPosts(req);
      case 'GET com.atproto.repo.listRecords': {
        const repo = q.get('repo') ?? '';
        const limit = Math.min(Number(q.get('limit') ?? 50) || 50, 100);
        const cursor = q.get('cursor');
        const list = [...records.values()]
          .filter((r) => r.did === repo && `at://${r.did}/${q.get('collection')}/${r.rkey}` === r.uri && (cursor === null || r.rkey < cursor))
          .sort((a, b) => b.rkey.localeCompare(a.rkey))
          .slice(0, limit);
        return { status: 200, json: { records: list.map(view), ...(list.length === limit ? { cursor: list[list.length - 1]!.rkey } : {}) } };
      }
    }
    const did = authed(req);
    if (typeof did !== 'string') return did;
    switch (`${req.method} ${nsid}`) {
      case 'GET com.atproto.server.getSession':
        return { status: 200, json: { did, handle: accounts.get(did)!.handle, active: true } };
      case 'POST com.atproto.repo.createRecord':
        return createRecord(req, did);
      case 'POST com.atproto.repo.uploadBlob':
        return uploadBlob(req);
      case 'POST com.atproto.repo.deleteRecord': {
        const body = req.json() as { repo?: string; collection?: string; rkey?: string } | null;
        if (body?.repo !== did) return xrpcError(401, 'AuthRequiredError', 'Authentication Required');
        const { headers } = spend(did, 1);
        const uri = `at://${did}/${body.collection}/${body.rkey}`;
        // Deleting a missing record still succeeds: the post-condition "absent" holds.
        if (records.delete(uri)) ledger.markDeleted(uri);
        return { status: 200, headers, json: { commit: { cid: cidOf(`${uri}#delete`), rev: body.rkey ?? '' } } };
      }
    }
    return xrpcError(501, 'MethodNotImplemented', `Method Not Implemented: ${nsid}`);
  };

  function searchPosts(req: Req): Reply {
    const q = req.url.searchParams;
    const token = req.bearer();
    if (token !== null) {
      const who = authed(req);
      if (typeof who !== 'string') return who;
    }
    const hit = reads.hit(token ?? 'ip:127.0.0.1');
    const headers = { 'ratelimit-limit': String(hit.limit), 'ratelimit-remaining': String(hit.remaining), 'ratelimit-reset': String(Math.ceil(hit.resetAt / 1000)), 'ratelimit-policy': `${hit.limit};w=300` };
    if (hit.exceeded) return xrpcError(429, 'RateLimitExceeded', 'Rate Limit Exceeded', headers);
    const early = preCommitFault(readFaults.take(), headers);
    if (early) return early;
    const terms = (q.get('q') ?? '').toLowerCase().split(/\s+/).filter((t) => t !== '');
    if (terms.length === 0) return xrpcError(400, 'InvalidRequest', 'Error: Params must have the property "q"');
    const since = q.get('since');
    const limit = Math.min(Math.max(Number(q.get('limit') ?? 25) || 25, 1), 100);
    const offset = Number(q.get('cursor') ?? 0) || 0;
    const matching = searchIndex
      .filter((e) => e.malformed || terms.every((t) => String(e.record.text ?? '').toLowerCase().includes(t)))
      .filter((e) => since === null || e.indexedAt >= new Date(since).toISOString())
      .sort((a, b) => (a.indexedAt < b.indexedAt ? 1 : -1));
    const slice = matching.slice(offset, offset + limit);
    const posts = slice.map((e) =>
      e.malformed
        ? { uri: e.uri, indexedAt: e.indexedAt }
        : { uri: e.uri, cid: e.cid, author: { did: e.did, handle: e.handle, displayName: `Display ${e.handle}` }, record: e.record, indexedAt: e.indexedAt, likeCount: 0, replyCount: 0, repostCount: 0 },
    );
    return { status: 200, headers, json: { posts, hitsTotal: matching.length, ...(offset + limit < matching.length ? { cursor: String(offset + limit) } : {}) } };
  }

  const listening: BlueskyListeningControls = {
    jetstream,
    post(input) {
      const emitted = jetstream.emitPost(input);
      const record = { $type: POST, text: input.text, createdAt: input.createdAt ?? new Date(Math.floor(emitted.timeUs / 1000)).toISOString(), ...(input.langs ? { langs: input.langs } : {}), ...input.record };
      const indexedAt = indexTime();
      searchIndex.push({ uri: emitted.uri, cid: cidOf(record), did: input.did, handle: input.handle ?? 'handle.invalid', record, indexedAt });
      return { uri: emitted.uri, timeUs: emitted.timeUs, indexedAt };
    },
    addMalformedSearchHit() {
      searchIndex.push({ uri: `at://did:plc:broken/${POST}/${fakeId('', 6)}`, cid: '', did: '', handle: '', record: {}, indexedAt: indexTime(), malformed: true });
    },
    failNextRead: (fault) => readFaults.push(fault),
  };

  const http = await startFakeHttpServer({ ...options, handle });
  baseUrl = http.baseUrl;

  return {
    listening,
    platform: 'bluesky',
    baseUrl,
    env: { BLUESKY_PDS_URL: baseUrl, BLUESKY_APPVIEW_URL: baseUrl, BLUESKY_JETSTREAM_URL: jetstream.url },
    ledger: () => ledger.all(),
    async issueCredentials() {
      const session = openSession(createAccount());
      return {
        accessToken: session.accessJwt,
        refreshToken: session.refreshJwt,
        expiresAt: access.get(session.accessJwt)!.expiresAt,
        extra: { pdsUrl: baseUrl, did: session.did, handle: session.handle },
      };
    },
    connectFormValues() {
      const account = createAccount();
      return { identifier: account.handle, appPassword: account.appPassword, pdsUrl: baseUrl };
    },
    failNext: (fault) => faults.push(fault),
    setLatency: (ms) => http.setLatency(ms),
    expireAccessTokens() {
      for (const entry of access.values()) entry.expiresAt = 0;
    },
    reset() {
      ledger.clear();
      faults.clear();
      readFaults.clear();
      points.clear();
      reads.clear();
    },
    async close() {
      await jetstream.close();
      await http.close();
    },
  } satisfies BlueskyFake;
};
