// A local stand-in for X API v2: OAuth 2.0 authorize (auto-approving) and token endpoints with
// PKCE, users/me, tweets create/read/delete, the user timeline, one-shot media upload, recent
// search over seeded public posts (app bearer or user token, since_id, next_token pages, expansions),
// problem bodies, x-rate-limit-* headers counted per token and endpoint, faults and latency.
import type { FakeHttpReply, FakeHttpRequest, FakePlatform, StartFake } from '@diplodesk/connector-sdk/testing';
import { FakeAuthCodes, FakeLedger, FakeTokens, FaultQueue, RateWindow, startFakeHttpServer } from '@diplodesk/connector-sdk/testing';

const CLIENT_ID = 'fake-x-client';
/** The app-only bearer token the fake accepts for recent search. */
export const X_FAKE_APP_BEARER = 'AAAAAAAAAAAAAAAAAAAAAfake-x-app-bearer';
/** Recent search per app per 15 minutes (X's Pro figure); tests lower it with `setSearchLimit`. */
export const X_FAKE_SEARCH_LIMIT = 450;
const CLIENT_SECRET = 'fake-x-secret';
/** Per user per 15 minutes, as X documents for POST /2/tweets; other endpoints get a looser window. */
export const X_FAKE_POST_LIMIT = 100;
const WINDOW_MS = 15 * 60_000;
const ACCESS_TTL_MS = 2 * 60 * 60_000;

interface XUser {
  id: string;
  username: string;
  name: string;
}

function problem(status: number, title: string, detail: string, headers?: Record<string, string>): FakeHttpReply {
  return { status, headers: { ...headers }, json: { title, detail, type: 'about:blank', status } };
}

function notFound(id: string, kind: 'tweet' | 'user'): unknown {
  return {
    errors: [
      {
        value: id,
        detail: `Could not find ${kind} with id: [${id}].`,
        title: 'Not Found Error',
        resource_type: kind,
        parameter: 'id',
        resource_id: id,
        type: 'https://api.twitter.com/2/problems/resource-not-found',
      },
    ],
  };
}

/** A post by anyone, as recent search finds it. */
export interface XFakePublicPost {
  id: string;
  text: string;
  authorId: string;
  username: string;
  name: string;
  lang: string;
  createdAt: string;
}

/** The X fake, with hooks for tests of recent search. */
export interface XFakePlatform extends FakePlatform {
  /** Adds a public post that recent search can find; ids grow with each call. */
  addPublicPost(post: { text: string; username?: string; lang?: string; createdAt?: string }): XFakePublicPost;
  /** Adds a raw entry to the search results as is (for malformed-payload tests); it sorts as the newest. */
  addRawSearchEntry(entry: Record<string, unknown>): void;
  /** Sets the search budget per token and window (default {@link X_FAKE_SEARCH_LIMIT}) and restarts the window. */
  setSearchLimit(limit: number): void;
  /** Search requests that reached the fake, refused ones included. */
  searchCalls(): number;
}

/** Matches X search syntax loosely: every plain term must occur; `OR` joins alternatives; `-term` and `op:value` are ignored. */
function matchesQuery(text: string, query: string): boolean {
  const lower = text.toLowerCase();
  return query.split(/\s+OR\s+/).some((alternative) =>
    alternative
      .split(/\s+/)
      .filter((t) => t && !t.startsWith('-') && !t.includes(':') && t !== '(' && t !== ')')
      .every((t) => lower.includes(t.replace(/^"|"$/g, '').toLowerCase())),
  );
}

/** Starts the X fake on 127.0.0.1. */
export const startFake = (async (options = {}) => {
  const ledger = new FakeLedger();
  const faults = new FaultQueue();
  const tokens = new FakeTokens('x_', ACCESS_TTL_MS);
  const codes = new FakeAuthCodes();
  const postWindow = new RateWindow(X_FAKE_POST_LIMIT, WINDOW_MS);
  const otherWindow = new RateWindow(900, WINDOW_MS);
  let searchWindow = new RateWindow(X_FAKE_SEARCH_LIMIT, WINDOW_MS);
  let searchCalls = 0;
  /** Search results as X would send them, raw entries included; ids ascending. */
  const publicPosts: { id: bigint; post?: XFakePublicPost; raw?: Record<string, unknown> }[] = [];
  let nextPublic = 1_950_000_000_000_000_000n;
  const users = new Map<string, XUser>();
  const media = new Set<string>();
  let nextUser = 1;
  let nextTweet = 1_900_000_000_000_000_000n;
  let nextMedia = 1_880_000_000_000_000_000n;

  function newUser(): XUser {
    const n = nextUser++;
    const user = { id: String(1_700_000_000_000_000_000n + BigInt(n)), username: `kemlu_fake_${n}`, name: `Kementerian Luar Negeri ${n}` };
    users.set(user.id, user);
    return user;
  }

  function rateHeaders(hit: { limit: number; remaining: number; resetAt: number }): Record<string, string> {
    return { 'x-rate-limit-limit': String(hit.limit), 'x-rate-limit-remaining': String(hit.remaining), 'x-rate-limit-reset': String(Math.ceil(hit.resetAt / 1000)) };
  }

  async function token(req: FakeHttpRequest): Promise<FakeHttpReply> {
    const form = await req.form();
    const basic = /^Basic (.+)$/i.exec(String(req.headers.authorization ?? ''))?.[1];
    if (basic !== undefined) {
      const [id, secret] = Buffer.from(basic, 'base64').toString('utf8').split(':').map(decodeURIComponent);
      if (id !== CLIENT_ID || secret !== CLIENT_SECRET) return { status: 401, json: { error: 'unauthorized_client', error_description: 'Missing valid authorization header' } };
    } else if (form.get('client_id') !== CLIENT_ID) {
      return { status: 400, json: { error: 'invalid_request', error_description: 'Missing required parameter [client_id].' } };
    }
    const grantType = form.get('grant_type');
    const answer = (issued: { accessToken: string; refreshToken: string; scope: string }): FakeHttpReply => ({
      status: 200,
      json: { token_type: 'bearer', expires_in: ACCESS_TTL_MS / 1000, access_token: issued.accessToken, scope: issued.scope, refresh_token: issued.refreshToken },
    });
    if (grantType === 'authorization_code') {
      const verifier = form.get('code_verifier');
      const grant = codes.redeem(String(form.get('code') ?? ''), {
        clientId: CLIENT_ID,
        redirectUri: String(form.get('redirect_uri') ?? ''),
        ...(typeof verifier === 'string' ? { codeVerifier: verifier } : {}),
      });
      if (typeof grant === 'string') return { status: 400, json: { error: grant, error_description: 'Value passed for the authorization code was invalid.' } };
      return answer(tokens.issue(grant.accountId, grant.scope));
    }
    if (grantType === 'refresh_token') {
      const issued = tokens.refresh(String(form.get('refresh_token') ?? ''));
      if (!issued) return { status: 400, json: { error: 'invalid_request', error_description: 'Value passed for the token was invalid.' } };
      return answer(issued);
    }
    return { status: 400, json: { error: 'unsupported_grant_type', error_description: 'Unsupported grant type' } };
  }

  function authorize(req: FakeHttpRequest): FakeHttpReply {
    const q = req.url.searchParams;
    const redirectUri = q.get('redirect_uri');
    const challenge = q.get('code_challenge');
    // X requires PKCE on every authorization request; a request without it never gets a code.
    if (q.get('client_id') !== CLIENT_ID || q.get('response_type') !== 'code' || !redirectUri || !challenge || q.get('code_challenge_method') !== 'S256') {
      return { status: 400, text: 'Something went wrong: invalid authorization request' };
    }
    const user = newUser();
    const code = codes.issue({ clientId: CLIENT_ID, redirectUri, accountId: user.id, scope: q.get('scope') ?? '', codeChallenge: challenge, codeChallengeMethod: 'S256' });
    const target = new URL(redirectUri);
    target.searchParams.set('state', q.get('state') ?? '');
    target.searchParams.set('code', code);
    return { status: 302, headers: { location: target.toString() } };
  }

  async function createTweet(user: XUser, req: FakeHttpRequest, headers: Record<string, string>): Promise<FakeHttpReply> {
    const body = req.json() as { text?: string; reply?: { in_reply_to_tweet_id?: string }; media?: { media_ids?: string[] } } | null;
    const mediaIds = body?.media?.media_ids ?? [];
    if (!body || (typeof body.text !== 'string' && mediaIds.length === 0)) return problem(400, 'Invalid Request', 'One or more parameters to your request was invalid.', headers);
    if (mediaIds.some((id) => !media.has(id))) return problem(400, 'Invalid Request', 'Your media IDs are invalid.', headers);
    const text = body.text ?? '';
    const fault = faults.take();
    if (fault?.kind === 'server-error') return problem(503, 'Service Unavailable', 'Service Unavailable', headers);
    if (fault?.kind === 'auth-expired') return problem(401, 'Unauthorized', 'Unauthorized', headers);
    if (fault?.kind === 'rate-limit') {
      const reset = Date.now() + (fault.resetInSeconds ?? 900) * 1000;
      return problem(429, 'Too Many Requests', 'Too Many Requests', { ...headers, 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': String(Math.ceil(reset / 1000)) });
    }
    const duplicate = ledger.all().some((e) => e.accountId === user.id && !e.deleted && e.text === text);
    if (fault?.kind === 'reject' || duplicate) return problem(403, 'Forbidden', 'You are not allowed to create a Tweet with duplicate content.', headers);
    nextTweet += 1n;
    const id = String(nextTweet);
    const replyTo = body.reply?.in_reply_to_tweet_id;
    ledger.add({ remoteId: id, accountId: user.id, text, mediaCount: mediaIds.length, ...(replyTo ? { replyTo } : {}) });
    const created: FakeHttpReply = { status: 201, headers, json: { data: { id, text, edit_history_tweet_ids: [id] } } };
    if (fault?.kind === 'drop-after-commit') return { drop: true };
    if (fault?.kind === 'timeout-after-commit') return { holdMs: fault.ms ?? 30_000, reply: created };
    return created;
  }

  async function uploadMedia(req: FakeHttpRequest, headers: Record<string, string>): Promise<FakeHttpReply> {
    const form = await req.form();
    const file = form.get('media');
    if (!(file instanceof File) || file.size === 0) return problem(400, 'Invalid Request', 'media is required', headers);
    const fault = faults.take();
    if (fault?.kind === 'server-error') return problem(503, 'Service Unavailable', 'Service Unavailable', headers);
    if (fault?.kind === 'auth-expired') return problem(401, 'Unauthorized', 'Unauthorized', headers);
    if (fault?.kind === 'rate-limit') return problem(429, 'Too Many Requests', 'Too Many Requests', { ...headers, 'x-rate-limit-remaining': '0' });
    if (fault?.kind === 'reject') return problem(400, 'Invalid Request', 'media type unrecognized.', headers);
    nextMedia += 1n;
    const id = String(nextMedia);
    media.add(id);
    const reply: FakeHttpReply = { status: 200, headers, json: { data: { id, media_key: `3_${id}`, size: file.size, expires_after_secs: 86_400, image: { image_type: file.type, w: 1, h: 1 } } } };
    if (fault?.kind === 'drop-after-commit') return { drop: true };
    return reply;
  }

  function search(req: FakeHttpRequest, bearer: string): FakeHttpReply {
    searchCalls++;
    const hit = searchWindow.hit(bearer);
    const headers = rateHeaders(hit);
    if (hit.exceeded) return { status: 429, headers, json: { title: 'Too Many Requests', detail: 'Too Many Requests', type: 'about:blank', status: 429 } };
    const q = req.url.searchParams;
    const query = q.get('query') ?? '';
    const max = Number(q.get('max_results') ?? 10);
    if (!query || query.length > 512) return problem(400, 'Invalid Request', 'The `query` parameter must be 1 to 512 characters.', headers);
    if (!Number.isInteger(max) || max < 10 || max > 100) return problem(400, 'Invalid Request', `The \`max_results\` query parameter value [${q.get('max_results')}] is not between 10 and 100`, headers);
    const since = q.get('since_id');
    const token = q.get('pagination_token');
    // next_token is opaque to clients; here it names the last id of the previous page.
    const before = token ? BigInt(Buffer.from(token, 'base64url').toString('utf8')) : null;
    const found = publicPosts
      .filter((p) => (since === null || p.id > BigInt(since)) && (before === null || p.id < before) && (p.raw !== undefined || (p.post && matchesQuery(p.post.text, query))))
      .reverse();
    const page = found.slice(0, max);
    if (page.length === 0) return { status: 200, headers, json: { meta: { result_count: 0 } } };
    const fields = new Set((q.get('tweet.fields') ?? '').split(','));
    const data = page.map((p) => {
      if (p.raw) return p.raw;
      const post = p.post as XFakePublicPost;
      const tweet: Record<string, unknown> = { id: post.id, text: post.text, edit_history_tweet_ids: [post.id] };
      if (fields.has('created_at')) tweet.created_at = post.createdAt;
      if (fields.has('lang')) tweet.lang = post.lang;
      if (fields.has('author_id')) tweet.author_id = post.authorId;
      if (fields.has('entities')) {
        const hashtags = [...post.text.matchAll(/#(\w+)/g)].map((m) => ({ start: m.index, end: m.index + m[0].length, tag: m[1] }));
        if (hashtags.length) tweet.entities = { hashtags };
      }
      return tweet;
    });
    const users = q.get('expansions')?.split(',').includes('author_id')
      ? [...new Map(page.filter((p) => p.post).map((p) => [p.post?.authorId, { id: p.post?.authorId, username: p.post?.username, name: p.post?.name }])).values()]
      : [];
    const last = page.at(-1) as { id: bigint };
    const more = found.length > page.length;
    return {
      status: 200,
      headers,
      json: {
        data,
        ...(users.length ? { includes: { users } } : {}),
        meta: {
          newest_id: String(page[0]?.id),
          oldest_id: String(last.id),
          result_count: page.length,
          ...(more ? { next_token: Buffer.from(String(last.id)).toString('base64url') } : {}),
        },
      },
    };
  }

  async function api(req: FakeHttpRequest): Promise<FakeHttpReply> {
    const path = req.url.pathname;
    const bearer = req.bearer();
    // Recent search takes the app-only bearer token as well as a user token.
    if (req.method === 'GET' && path === '/2/tweets/search/recent' && bearer !== null && (bearer === X_FAKE_APP_BEARER || tokens.check(bearer).status === 'ok')) return search(req, bearer);
    const check = tokens.check(bearer);
    if (check.status !== 'ok') return problem(401, 'Unauthorized', 'Unauthorized');
    const user = users.get(check.accountId);
    if (!user) return problem(401, 'Unauthorized', 'Unauthorized');
    const isCreate = req.method === 'POST' && path === '/2/tweets';
    const hit = (isCreate ? postWindow : otherWindow).hit(`${bearer}:${req.method} ${path.replace(/\d+/g, ':id')}`);
    const headers = rateHeaders(hit);
    if (hit.exceeded) return problem(429, 'Too Many Requests', 'Too Many Requests', headers);

    if (isCreate) return createTweet(user, req, headers);
    if (req.method === 'POST' && path === '/2/media/upload') return uploadMedia(req, headers);
    if (req.method === 'GET' && path === '/2/users/me') return { status: 200, headers, json: { data: user } };
    const tweet = /^\/2\/tweets\/(\d+)$/.exec(path)?.[1];
    if (tweet && req.method === 'GET') {
      const entry = ledger.find(tweet);
      if (!entry || entry.deleted) return { status: 200, headers, json: notFound(tweet, 'tweet') };
      return { status: 200, headers, json: { data: { id: entry.remoteId, text: entry.text, created_at: entry.createdAt, author_id: entry.accountId, edit_history_tweet_ids: [entry.remoteId] } } };
    }
    if (tweet && req.method === 'DELETE') {
      const entry = ledger.find(tweet);
      if (entry && entry.accountId !== user.id) return problem(403, 'Forbidden', 'You are not authorized to delete this Tweet.', headers);
      return { status: 200, headers, json: { data: { deleted: ledger.markDeleted(tweet) } } };
    }
    const timeline = /^\/2\/users\/(\d+)\/tweets$/.exec(path)?.[1];
    if (timeline && req.method === 'GET') {
      if (!users.has(timeline)) return { status: 200, headers, json: notFound(timeline, 'user') };
      const start = req.url.searchParams.get('start_time');
      const max = Math.min(100, Math.max(5, Number(req.url.searchParams.get('max_results') ?? 10)));
      const fields = (req.url.searchParams.get('tweet.fields') ?? '').split(',');
      const found = ledger
        .all()
        .filter((e) => e.accountId === timeline && !e.deleted && (!start || e.createdAt >= new Date(start).toISOString()))
        .reverse()
        .slice(0, max)
        .map((e) => ({
          id: e.remoteId,
          text: e.text,
          created_at: e.createdAt,
          edit_history_tweet_ids: [e.remoteId],
          ...(e.replyTo && fields.includes('referenced_tweets') ? { referenced_tweets: [{ type: 'replied_to', id: e.replyTo }] } : {}),
        }));
      if (found.length === 0) return { status: 200, headers, json: { meta: { result_count: 0 } } };
      return { status: 200, headers, json: { data: found, meta: { result_count: found.length, newest_id: found[0]?.id, oldest_id: found.at(-1)?.id } } };
    }
    return problem(404, 'Not Found Error', `No route for ${req.method} ${path}`, headers);
  }

  const http = await startFakeHttpServer({
    ...(options.port === undefined ? {} : { port: options.port }),
    latencyMs: options.latencyMs ?? 0,
    handle(req) {
      if (req.method === 'GET' && req.url.pathname === '/i/oauth2/authorize') return authorize(req);
      if (req.method === 'POST' && req.url.pathname === '/2/oauth2/token') return token(req);
      return api(req);
    },
  });

  const fake: XFakePlatform = {
    platform: 'x',
    baseUrl: http.baseUrl,
    env: { X_BEARER_TOKEN: X_FAKE_APP_BEARER, X_CLIENT_ID: CLIENT_ID, X_CLIENT_SECRET: CLIENT_SECRET, X_API_BASE_URL: http.baseUrl, X_AUTHORIZE_URL: `${http.baseUrl}/i/oauth2/authorize` },
    ledger: () => ledger.all(),
    async issueCredentials() {
      const user = newUser();
      const issued = tokens.issue(user.id, 'tweet.read tweet.write users.read offline.access media.write');
      return { accessToken: issued.accessToken, refreshToken: issued.refreshToken, expiresAt: issued.expiresAt, extra: { userId: user.id, username: user.username } };
    },
    connectFormValues: () => null,
    failNext: (fault) => faults.push(fault),
    setLatency: (ms) => http.setLatency(ms),
    expireAccessTokens: () => tokens.expireAll(),
    reset() {
      ledger.clear();
      faults.clear();
      postWindow.clear();
      otherWindow.clear();
      searchWindow.clear();
      publicPosts.length = 0;
      searchCalls = 0;
    },
    close: () => http.close(),
    addPublicPost(post) {
      nextPublic += 1n;
      const n = Number(nextPublic % 1000n);
      const username = post.username ?? `warga_${n}`;
      const stored: XFakePublicPost = {
        id: String(nextPublic),
        text: post.text,
        authorId: String(1_600_000_000_000_000_000n + BigInt([...username].reduce((a, c) => a + c.charCodeAt(0), 0))),
        username,
        name: `Warga ${username}`,
        lang: post.lang ?? 'in',
        createdAt: post.createdAt ?? new Date().toISOString(),
      };
      publicPosts.push({ id: nextPublic, post: stored });
      return stored;
    },
    addRawSearchEntry(entry) {
      nextPublic += 1n;
      publicPosts.push({ id: nextPublic, raw: entry });
    },
    setSearchLimit(limit) {
      searchWindow = new RateWindow(limit, WINDOW_MS);
    },
    searchCalls: () => searchCalls,
  };
  return fake;
}) satisfies StartFake;
