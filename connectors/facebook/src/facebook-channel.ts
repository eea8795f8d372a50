// Publishing to a Facebook Page through the Graph API with a Page access token.
import { randomBytes } from 'node:crypto';
import { ConnectorError, type Credentials, type OutboundHttp, type PublishChannel, type PublishStatus, type RateLimitState, type RecentPost } from '@diplodesk/connector-sdk';
import { type Effect, GRAPH_NOT_FOUND_SUBCODE, type GraphErrorBody, graphError, sendGraph, usageFromHeaders } from './graph-http.ts';

/** The Graph version DiploDesk is tested against (v26.0, released 29 July 2026). */
export const GRAPH_VERSION = 'v26.0';
/** Listing the user's Pages and posting as them. */
export const FACEBOOK_SCOPES = ['pages_show_list', 'pages_manage_posts', 'pages_read_engagement'] as const;

const REQUEST_TIMEOUT_MS = 30_000;
const PHOTO_TYPES = new Set(['image/jpeg', 'image/png', 'image/gif', 'image/bmp', 'image/tiff', 'image/heif', 'image/webp']);

interface PageEntry {
  id: string;
  name: string;
  access_token: string;
  tasks?: string[];
}

/**
 * Creates the Facebook Pages publish channel. `FACEBOOK_PAGE_ID` picks the Page when the
 * connecting user manages several; otherwise the first Page they may create content on.
 *
 * @example
 * const channel = createFacebookChannel({ FACEBOOK_APP_ID: '123', FACEBOOK_APP_SECRET: 's3cret' }, outbound);
 */
export function createFacebookChannel(env: Record<string, string>, outbound: OutboundHttp): PublishChannel {
  const appId = env.FACEBOOK_APP_ID ?? '';
  const appSecret = env.FACEBOOK_APP_SECRET ?? '';
  const graph = (env.FACEBOOK_GRAPH_BASE_URL || `https://graph.facebook.com/${GRAPH_VERSION}`).replace(/\/$/, '');
  const dialog = env.FACEBOOK_DIALOG_URL || `https://www.facebook.com/${GRAPH_VERSION}/dialog/oauth`;
  const pageHint = env.FACEBOOK_PAGE_ID || undefined;
  const rateLimits = new Map<string, RateLimitState>();

  /** Calls Graph with the token in the Authorization header, so it never sits in a URL or a log line. */
  async function call<T>(token: string | null, key: string | null, path: string, init: RequestInit, effect: Effect): Promise<T> {
    const headers = new Headers(init.headers);
    if (token) headers.set('authorization', `Bearer ${token}`);
    const response = await sendGraph(outbound, `${graph}${path}`, { ...init, headers }, effect, REQUEST_TIMEOUT_MS);
    const usage = usageFromHeaders(response.headers);
    if (key && usage) rateLimits.set(key, usage);
    const body = (await response.json().catch(() => ({}))) as T & GraphErrorBody;
    if (!response.ok || body.error) {
      const error = graphError(response.status, body, effect, usage);
      if (key && error.kind === 'rate-limited' && !usage) rateLimits.set(key, { limit: 100, remaining: 0, resetAt: Date.now() + (error.retryAfterMs ?? 0) });
      throw error;
    }
    return body;
  }

  const pageOf = (credentials: Credentials) => {
    const pageId = credentials.extra?.pageId;
    if (!pageId) throw new ConnectorError('rejected', 'Facebook credentials lack the Page id; reconnect the Page');
    return pageId;
  };

  async function pagesOf(userToken: string): Promise<PageEntry[]> {
    const answer = await call<{ data?: PageEntry[] }>(userToken, null, '/me/accounts?fields=id,name,access_token,tasks&limit=100', { method: 'GET' }, 'read');
    return answer.data ?? [];
  }

  function pickPage(pages: PageEntry[], wanted?: string): PageEntry {
    const usable = pages.filter((p) => !p.tasks || p.tasks.includes('CREATE_CONTENT'));
    const page = wanted ? usable.find((p) => p.id === wanted) : usable[0];
    if (!page) throw new ConnectorError('rejected', wanted ? `The connecting user cannot post to Page ${wanted}` : 'The connecting user manages no Page they can post to');
    return page;
  }

  const isNotFound = (error: unknown) => error instanceof ConnectorError && (error.platformCode === `100/${GRAPH_NOT_FOUND_SUBCODE}` || error.platformCode === '404');

  return {
    textChannel: 'facebook',

    async startConnect({ redirectUri }) {
      // Facebook documents PKCE only for its OIDC flow, which it still marks as "in testing" and
      // which yields no Page tokens; the classic code flow is protected by `state` and the app
      // secret on the token call. The verifier is generated for the shared shape and not sent.
      const state = randomBytes(24).toString('base64url');
      const url = new URL(dialog);
      url.search = new URLSearchParams({ client_id: appId, redirect_uri: redirectUri, state, response_type: 'code', scope: FACEBOOK_SCOPES.join(',') }).toString();
      return { kind: 'redirect', authorizeUrl: url.toString(), state, codeVerifier: randomBytes(32).toString('base64url') };
    },

    async finishConnect(input) {
      if (input.kind !== 'redirect') throw new ConnectorError('rejected', 'Facebook connects through the login redirect');
      // Code → short-lived user token → long-lived user token (~60 days). Page tokens read with the
      // long-lived one carry no expiry, which is what a desk that posts for months needs.
      // Both exchanges are GETs with query parameters, as Meta documents them.
      const exchange = (params: Record<string, string>) => call<{ access_token: string }>(null, null, `/oauth/access_token?${new URLSearchParams(params)}`, { method: 'GET' }, 'read');
      const short = await exchange({ client_id: appId, client_secret: appSecret, redirect_uri: input.redirectUri, code: input.code });
      const long = await exchange({ grant_type: 'fb_exchange_token', client_id: appId, client_secret: appSecret, fb_exchange_token: short.access_token });
      const page = pickPage(await pagesOf(long.access_token), pageHint);
      return {
        credentials: { accessToken: page.access_token, refreshToken: long.access_token, extra: { pageId: page.id, pageName: page.name } },
        account: { remoteAccountId: page.id, handle: page.name, displayName: page.name, url: `https://www.facebook.com/${page.id}` },
      };
    },

    async refreshToken(credentials) {
      // A Page token from a long-lived user token does not expire; it dies only when the user's
      // token or role does (password change, removed from the Page). Re-reading the Page list with
      // the stored user token recovers the first case; otherwise a person must reconnect.
      if (!credentials.refreshToken) return credentials;
      const page = pickPage(await pagesOf(credentials.refreshToken), pageOf(credentials));
      return { ...credentials, accessToken: page.access_token };
    },

    async publish(credentials, request) {
      const pageId = pageOf(credentials);
      if (request.replyTo) throw new ConnectorError('rejected', 'Facebook Page posts cannot be replies; publish the link in the post itself');
      if (request.media.length > 1) throw new ConnectorError('rejected', 'The Facebook connector publishes at most one photo per post');
      const photo = request.media[0];
      let answer: { id?: string; post_id?: string };
      if (photo) {
        if (!PHOTO_TYPES.has(photo.mimeType)) throw new ConnectorError('rejected', `Facebook photo posts take images, not ${photo.mimeType}`);
        if (!request.openMedia) throw new ConnectorError('rejected', 'Media given without a way to read it');
        const parts: Uint8Array[] = [];
        for await (const chunk of request.openMedia(photo)) parts.push(chunk);
        const form = new FormData();
        form.set('source', new Blob(parts as BlobPart[], { type: photo.mimeType }), 'photo');
        form.set('caption', request.text);
        answer = await call(credentials.accessToken, pageId, `/${encodeURIComponent(pageId)}/photos`, { method: 'POST', body: form }, 'write');
      } else {
        answer = await call(credentials.accessToken, pageId, `/${encodeURIComponent(pageId)}/feed`, { method: 'POST', body: new URLSearchParams({ message: request.text }) }, 'write');
      }
      // /photos answers with the photo id and the feed post id; the post is what we withdraw and check.
      const remoteId = answer.post_id ?? answer.id;
      if (!remoteId) throw new ConnectorError('unknown-outcome', 'Facebook accepted the post without returning its id');
      return { remoteId, url: `https://www.facebook.com/${remoteId}` };
    },

    async checkStatus(credentials, ref): Promise<PublishStatus> {
      if (!('remoteId' in ref)) throw new ConnectorError('rejected', 'Facebook has no idempotency key to look a post up by; use findRecentPosts', { platformCode: 'unsupported' });
      try {
        await call(credentials.accessToken, pageOf(credentials), `/${encodeURIComponent(ref.remoteId)}?fields=id`, { method: 'GET' }, 'read');
        return 'published';
      } catch (error) {
        if (isNotFound(error)) return 'not-found';
        throw error;
      }
    },

    async findRecentPosts(credentials, since): Promise<RecentPost[]> {
      const pageId = pageOf(credentials);
      const query = new URLSearchParams({ since: String(Math.floor(since.getTime() / 1000)), fields: 'id,message,created_time,permalink_url', limit: '100' });
      const answer = await call<{ data?: { id: string; message?: string; created_time: string; permalink_url?: string }[] }>(
        credentials.accessToken,
        pageId,
        `/${encodeURIComponent(pageId)}/posts?${query}`,
        { method: 'GET' },
        'read',
      );
      return (answer.data ?? []).map((p) => ({ remoteId: p.id, url: p.permalink_url ?? `https://www.facebook.com/${p.id}`, text: p.message ?? '', createdAt: new Date(p.created_time.replace(/\+0000$/, 'Z')).toISOString() }));
    },

    async withdraw(credentials, remoteId) {
      try {
        await call(credentials.accessToken, pageOf(credentials), `/${encodeURIComponent(remoteId)}`, { method: 'DELETE' }, 'write');
      } catch (error) {
        if (isNotFound(error)) return;
        // Repeating a delete is harmless, so a lost answer is simply worth another try.
        if (error instanceof ConnectorError && error.kind === 'unknown-outcome') throw new ConnectorError('transient', error.message, { cause: error });
        throw error;
      }
    },

    async limits() {
      return {};
    },

    rateLimitState(credentials) {
      const pageId = credentials.extra?.pageId;
      return pageId ? (rateLimits.get(pageId) ?? null) : null;
    },
  };
}
