// A local stand-in for X API v2: OAuth 2.0 authorize (auto-approving) and token endpoints with
// PKCE, users/me, tweets create/read/delete, the user timeline, one-shot media upload, problem
// bodies, x-rate-limit-* headers counted per token and endpoint, faults and latency.
import type { FakeHttpReply, FakeHttpRequest, FakePlatform, StartFake } from '@diplodesk/connector-sdk/testing';
import { FakeAuthCodes, FakeLedger, FakeTokens, FaultQueue, RateWindow, startFakeHttpServer } from '@diplodesk/connector-sdk/testing';

const CLIENT_ID = 'fake-x-client';
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

/** Starts the X fake on 127.0.0.1. */
export const startFake: StartFake = async (options = {}) => {
  const ledger = new FakeLedger();
  const faults = new FaultQueue();
  const tokens = new FakeTokens('x_', ACCESS_TTL_MS);
  const codes = new FakeAuthCodes();
  const postWindow = new RateWindow(X_FAKE_POST_LIMIT, WINDOW_MS);
  const otherWindow = new RateWindow(900, WINDOW_MS);
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

  async function api(req: FakeHttpRequest): Promise<FakeHttpReply> {
    const path = req.url.pathname;
    const bearer = req.bearer();
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
      const found = ledger
        .all()
        .filter((e) => e.accountId === timeline && !e.deleted && (!start || e.createdAt >= new Date(start).toISOString()))
        .reverse()
        .slice(0, max)
        .map((e) => ({ id: e.remoteId, text: e.text, created_at: e.createdAt, edit_history_tweet_ids: [e.remoteId] }));
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

  const fake: FakePlatform = {
    platform: 'x',
    baseUrl: http.baseUrl,
    env: { X_CLIENT_ID: CLIENT_ID, X_CLIENT_SECRET: CLIENT_SECRET, X_API_BASE_URL: http.baseUrl, X_AUTHORIZE_URL: `${http.baseUrl}/i/oauth2/authorize` },
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
    },
    close: () => http.close(),
  };
  return fake;
};
