// Publishing to an X account through API v2 with an OAuth 2.0 (PKCE) user token.
import { createHash, randomBytes } from 'node:crypto';
import { type AccountRef, ConnectorError, type Credentials, type MediaRef, type OutboundHttp, type PublishChannel, type PublishStatus, type RateLimitState, type RecentPost } from '@diplodesk/connector-sdk';
import { type Effect, rateLimitFromHeaders, sendX, xError } from './x-http.ts';

/** Scopes for posting, reading back the timeline, uploading images, and a refresh token. */
export const X_SCOPES = ['tweet.read', 'tweet.write', 'users.read', 'offline.access', 'media.write'] as const;

const DEFAULT_API = 'https://api.x.com';
const DEFAULT_AUTHORIZE = 'https://x.com/i/oauth2/authorize';
const REQUEST_TIMEOUT_MS = 30_000;
// The one-shot v2 upload takes images only; video needs the chunked initialize/append/finalize flow.
const ONE_SHOT_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/bmp', 'image/tiff', 'image/gif']);

interface TokenAnswer {
  access_token: string;
  refresh_token?: string;
  expires_in?: number;
  scope?: string;
}

/**
 * Creates the X publish channel.
 *
 * @example
 * const channel = createXChannel({ X_CLIENT_ID: 'abc', X_CLIENT_SECRET: 's3cret' }, outbound);
 * const start = await channel.startConnect({ redirectUri: 'https://desk.example/api/connect/x/callback', unitId });
 */
export function createXChannel(env: Record<string, string>, outbound: OutboundHttp): PublishChannel {
  const clientId = env.X_CLIENT_ID ?? '';
  const clientSecret = env.X_CLIENT_SECRET || undefined;
  const api = (env.X_API_BASE_URL || DEFAULT_API).replace(/\/$/, '');
  const authorizeUrl = env.X_AUTHORIZE_URL || DEFAULT_AUTHORIZE;
  const rateLimits = new Map<string, RateLimitState>();

  const accountKey = (credentials: Credentials) => credentials.extra?.userId ?? createHash('sha256').update(credentials.accessToken).digest('hex');

  async function call(credentials: Credentials | null, path: string, init: RequestInit, effect: Effect): Promise<Response> {
    const headers = new Headers(init.headers);
    if (credentials) headers.set('authorization', `Bearer ${credentials.accessToken}`);
    const response = await sendX(outbound, `${api}${path}`, { ...init, headers }, effect, REQUEST_TIMEOUT_MS);
    const state = rateLimitFromHeaders(response.headers);
    if (credentials && state) rateLimits.set(accountKey(credentials), state);
    if (response.status === 429 && credentials && !state) rateLimits.set(accountKey(credentials), { limit: null, remaining: 0, resetAt: Date.now() + 60_000 });
    if (!response.ok) throw await xError(response, effect);
    return response;
  }

  async function tokenRequest(body: URLSearchParams): Promise<TokenAnswer> {
    const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
    // A confidential client authenticates with Basic; a public one names itself in the body.
    if (clientSecret) headers.authorization = `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`).toString('base64')}`;
    else body.set('client_id', clientId);
    const response = await call(null, '/2/oauth2/token', { method: 'POST', headers, body }, 'read');
    return (await response.json()) as TokenAnswer;
  }

  function toCredentials(answer: TokenAnswer, previous?: Credentials): Credentials {
    const refreshToken = answer.refresh_token || previous?.refreshToken;
    return {
      accessToken: answer.access_token,
      ...(refreshToken ? { refreshToken } : {}),
      ...(answer.expires_in ? { expiresAt: Date.now() + answer.expires_in * 1000 } : {}),
      ...(previous?.extra ? { extra: previous.extra } : {}),
    };
  }

  async function uploadImage(credentials: Credentials, media: MediaRef, read: (m: MediaRef) => AsyncIterable<Uint8Array>): Promise<string> {
    if (!ONE_SHOT_TYPES.has(media.mimeType)) throw new ConnectorError('rejected', `X connector uploads images only, not ${media.mimeType}`);
    const parts: Uint8Array[] = [];
    for await (const chunk of read(media)) parts.push(chunk);
    const form = new FormData();
    form.set('media', new Blob(parts as BlobPart[], { type: media.mimeType }), 'upload');
    form.set('media_category', 'tweet_image');
    form.set('media_type', media.mimeType);
    try {
      const response = await call(credentials, '/2/media/upload', { method: 'POST', body: form }, 'write');
      const answer = (await response.json()) as { data?: { id?: string } };
      if (!answer.data?.id) throw new ConnectorError('transient', 'X media upload answered without a media id');
      return answer.data.id;
    } catch (error) {
      // An upload that may have landed only leaves an unused media item: no post exists yet.
      if (error instanceof ConnectorError && error.kind === 'unknown-outcome') throw new ConnectorError('transient', error.message, { cause: error });
      throw error;
    }
  }

  return {
    textChannel: 'x',

    async startConnect({ redirectUri }) {
      const state = randomBytes(24).toString('base64url');
      const codeVerifier = randomBytes(48).toString('base64url');
      const url = new URL(authorizeUrl);
      url.search = new URLSearchParams({
        response_type: 'code',
        client_id: clientId,
        redirect_uri: redirectUri,
        scope: X_SCOPES.join(' '),
        state,
        code_challenge: createHash('sha256').update(codeVerifier).digest('base64url'),
        code_challenge_method: 'S256',
      }).toString();
      return { kind: 'redirect', authorizeUrl: url.toString(), state, codeVerifier };
    },

    async finishConnect(input) {
      if (input.kind !== 'redirect') throw new ConnectorError('rejected', 'X connects through the OAuth redirect');
      const answer = await tokenRequest(new URLSearchParams({ grant_type: 'authorization_code', code: input.code, redirect_uri: input.redirectUri, code_verifier: input.codeVerifier }));
      const credentials = toCredentials(answer);
      const me = await call(credentials, '/2/users/me', { method: 'GET' }, 'read');
      const user = ((await me.json()) as { data?: { id: string; username: string; name?: string } }).data;
      if (!user) throw new ConnectorError('transient', 'X did not name the connected user');
      credentials.extra = { userId: user.id, username: user.username };
      const account: AccountRef = { remoteAccountId: user.id, handle: user.username, url: `https://x.com/${user.username}`, ...(user.name ? { displayName: user.name } : {}) };
      return { credentials, account };
    },

    async refreshToken(credentials) {
      if (!credentials.refreshToken) throw new ConnectorError('auth-expired', 'X credentials have no refresh token (offline.access not granted); reconnect the account');
      const answer = await tokenRequest(new URLSearchParams({ grant_type: 'refresh_token', refresh_token: credentials.refreshToken }));
      return toCredentials(answer, credentials);
    },

    async publish(credentials, request) {
      const mediaIds: string[] = [];
      for (const media of request.media) {
        if (!request.openMedia) throw new ConnectorError('rejected', 'Media given without a way to read it');
        mediaIds.push(await uploadImage(credentials, media, request.openMedia));
      }
      const body = {
        text: request.text,
        ...(request.replyTo ? { reply: { in_reply_to_tweet_id: request.replyTo } } : {}),
        ...(mediaIds.length ? { media: { media_ids: mediaIds } } : {}),
      };
      const response = await call(credentials, '/2/tweets', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }, 'write');
      const answer = (await response.json().catch(() => ({}))) as { data?: { id?: string } };
      // Created but unreadable: the post exists, we just cannot name it.
      if (!answer.data?.id) throw new ConnectorError('unknown-outcome', 'X accepted the post without returning its id');
      return { remoteId: answer.data.id, url: postUrl(credentials, answer.data.id) };
    },

    async checkStatus(credentials, ref): Promise<PublishStatus> {
      if (!('remoteId' in ref)) throw new ConnectorError('rejected', 'X has no idempotency key to look a post up by; use findRecentPosts', { platformCode: 'unsupported' });
      try {
        const response = await call(credentials, `/2/tweets/${encodeURIComponent(ref.remoteId)}`, { method: 'GET' }, 'read');
        // A missing post is a 200 carrying only `errors` (resource-not-found), not a 404.
        const answer = (await response.json()) as { data?: { id: string } };
        return answer.data ? 'published' : 'not-found';
      } catch (error) {
        if (error instanceof ConnectorError && error.platformCode === '404') return 'not-found';
        throw error;
      }
    },

    async findRecentPosts(credentials, since): Promise<RecentPost[]> {
      const userId = credentials.extra?.userId;
      if (!userId) throw new ConnectorError('rejected', 'X credentials lack the user id; reconnect the account');
      const posts: RecentPost[] = [];
      let next: string | undefined;
      // X wants RFC 3339 without fractions; three pages of 100 cover any plausible burst.
      const startTime = `${since.toISOString().slice(0, 19)}Z`;
      for (let page = 0; page < 3; page++) {
        // referenced_tweets tells a link reply from its post and one statement's reply from another's:
        // X shortens every link to t.co, so their texts alone can read alike.
        const query = new URLSearchParams({ start_time: startTime, max_results: '100', 'tweet.fields': 'created_at,referenced_tweets' });
        if (next) query.set('pagination_token', next);
        const response = await call(credentials, `/2/users/${encodeURIComponent(userId)}/tweets?${query}`, { method: 'GET' }, 'read');
        const answer = (await response.json()) as { data?: { id: string; text: string; created_at?: string; referenced_tweets?: { type: string; id: string }[] }[]; meta?: { next_token?: string } };
        for (const tweet of answer.data ?? []) {
          const parent = tweet.referenced_tweets?.find((r) => r.type === 'replied_to')?.id;
          posts.push({ remoteId: tweet.id, url: postUrl(credentials, tweet.id), text: tweet.text, createdAt: tweet.created_at ?? '', ...(parent ? { inReplyTo: parent } : {}) });
        }
        next = answer.meta?.next_token;
        if (!next) break;
      }
      return posts;
    },

    async withdraw(credentials, remoteId) {
      try {
        // `deleted: false` means there was nothing (left) to delete: already withdrawn is success.
        await call(credentials, `/2/tweets/${encodeURIComponent(remoteId)}`, { method: 'DELETE' }, 'write');
      } catch (error) {
        if (error instanceof ConnectorError && error.platformCode === '404') return;
        // A lost answer to a delete is harmless to repeat: the caller retries and gets success.
        if (error instanceof ConnectorError && error.kind === 'unknown-outcome') throw new ConnectorError('transient', error.message, { cause: error });
        throw error;
      }
    },

    async limits() {
      // X's 280 weighted characters are the same for every account DiploDesk posts as.
      return {};
    },

    rateLimitState(credentials) {
      return rateLimits.get(accountKey(credentials)) ?? null;
    },
  };
}

function postUrl(credentials: Credentials, id: string): string {
  const username = credentials.extra?.username;
  return username ? `https://x.com/${username}/status/${id}` : `https://x.com/i/web/status/${id}`;
}
