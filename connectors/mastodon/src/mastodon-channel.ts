import {
  ConnectorError,
  type Credentials,
  MASTODON_DEFAULT_CHARS_PER_URL,
  MASTODON_DEFAULT_MAX_CHARACTERS,
  type MediaRef,
  type OutboundHttp,
  type PublishChannel,
  type PublishRequest,
  type RecentPost,
} from '@diplodesk/connector-sdk';
import { createMastodonHttp, htmlToText, readJson, toConnectorError } from './mastodon-http.ts';

interface MastodonAccount {
  id: string;
  username: string;
  acct: string;
  display_name?: string;
  url?: string;
}
interface MastodonStatus {
  id: string;
  url: string | null;
  uri: string;
  content: string;
  created_at: string;
}

const MEDIA_POLL_ATTEMPTS = 30;
const RECENT_PAGES = 5;

function instanceOf(credentials: Credentials): string {
  const url = credentials.extra?.instanceUrl;
  if (!url) throw new ConnectorError('auth-expired', 'Mastodon credentials lack the instance URL; reconnect the account');
  return url;
}

/**
 * Accepts an https instance origin; plain http only on the loopback interface (local fakes).
 * Anything else is refused before we send a token to it.
 */
export function normaliseInstanceUrl(input: string): string {
  let url: URL;
  try {
    url = new URL(/^[a-z]+:\/\//i.test(input.trim()) ? input.trim() : `https://${input.trim()}`);
  } catch {
    throw new ConnectorError('rejected', 'The Mastodon instance URL is not a valid URL');
  }
  // Plain http is accepted here only so an allow-listed intranet instance (or a local fake) can be
  // named; the outbound guard refuses it for any address not on the operator's allow-list.
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new ConnectorError('rejected', 'The Mastodon instance URL must use https');
  if (!/[.:]/.test(url.hostname)) throw new ConnectorError('rejected', 'The Mastodon instance URL needs a full domain name');
  return url.origin;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Publishing to a Mastodon account on any instance.
 *
 * Connecting uses a form (instance URL + an access token the user creates in Settings →
 * Development with scopes `read write:statuses write:media`), because OAuth on Mastodon needs an
 * app registered on each instance and `startConnect` cannot carry per-instance client secrets.
 *
 * @example
 * const channel = createMastodonChannel({ MASTODON_INSTANCE_URL: 'https://mastodon.social' }, outbound);
 * await channel.publish(credentials, { idempotencyKey, text: 'Siaran pers …', media: [], language: 'id' });
 */
export function createMastodonChannel(env: Record<string, string>, outbound: OutboundHttp): PublishChannel {
  const http = createMastodonHttp(outbound, Number(env.MASTODON_REQUEST_TIMEOUT_MS) || 30_000);
  const defaultInstance = env.MASTODON_INSTANCE_URL;

  async function json<T>(credentials: Credentials, path: string, init: Parameters<typeof http.request>[3] = {}): Promise<T> {
    const res = await http.request(instanceOf(credentials), credentials.accessToken, path, init);
    if (!res.ok) throw await toConnectorError(res, init.effect ?? 'read');
    return readJson<T>(res, init.effect ?? 'read');
  }

  async function verify(instanceUrl: string, token: string): Promise<MastodonAccount> {
    const res = await http.request(instanceUrl, token, '/api/v1/accounts/verify_credentials', {});
    if (!res.ok) throw await toConnectorError(res, 'read');
    return readJson<MastodonAccount>(res, 'read');
  }

  async function uploadMedia(credentials: Credentials, request: PublishRequest, media: MediaRef): Promise<string> {
    if (!request.openMedia) throw new ConnectorError('rejected', 'Mastodon media upload needs request.openMedia');
    const chunks: Uint8Array[] = [];
    for await (const chunk of request.openMedia(media)) chunks.push(chunk);
    const form = new FormData();
    form.append('file', new Blob(chunks as BlobPart[], { type: media.mimeType }), media.storageKey.split('/').pop() || 'media');
    if (media.altText) form.append('description', media.altText);
    // An upload that may have landed only leaves an unattached attachment the instance purges,
    // so a failure here is never "unknown outcome" for the publication.
    const res = await http.request(instanceOf(credentials), credentials.accessToken, '/api/v2/media', { method: 'POST', body: form, effect: 'read' });
    if (!res.ok) throw await toConnectorError(res, 'read');
    const attachment = await readJson<{ id: string; url: string | null }>(res, 'read');
    if (res.status === 200) return attachment.id;
    // 202: processing asynchronously; GET answers 206 until the attachment is ready.
    for (let attempt = 0; attempt < MEDIA_POLL_ATTEMPTS; attempt++) {
      await sleep(Math.min(2000, 100 * 2 ** attempt));
      const poll = await http.request(instanceOf(credentials), credentials.accessToken, `/api/v1/media/${attachment.id}`, {});
      if (poll.status === 200) return attachment.id;
      if (poll.status !== 206) throw await toConnectorError(poll, 'read');
    }
    throw new ConnectorError('transient', 'Mastodon is still processing the media attachment');
  }

  async function accountId(credentials: Credentials): Promise<string> {
    return credentials.extra?.accountId ?? (await verify(instanceOf(credentials), credentials.accessToken)).id;
  }

  return {
    textChannel: 'mastodon',

    async startConnect() {
      return {
        kind: 'form',
        fields: [
          { name: 'instanceUrl', label: 'Instance URL (for example https://mastodon.social)', secret: false },
          { name: 'accessToken', label: 'Access token (Settings → Development → New application; scopes read, write:statuses, write:media)', secret: true },
        ],
      };
    },

    async finishConnect(input) {
      if (input.kind !== 'form') throw new ConnectorError('rejected', 'Mastodon connects with the instance URL and access token form');
      const rawInstance = input.values.instanceUrl?.trim() || defaultInstance;
      const token = input.values.accessToken?.trim();
      if (!rawInstance) throw new ConnectorError('rejected', 'Enter the Mastodon instance URL');
      if (!token) throw new ConnectorError('rejected', 'Enter the access token');
      const instanceUrl = normaliseInstanceUrl(rawInstance);
      const account = await verify(instanceUrl, token);
      const host = new URL(instanceUrl).host;
      return {
        credentials: { accessToken: token, extra: { instanceUrl, accountId: account.id, username: account.username } },
        account: {
          remoteAccountId: account.id,
          handle: `@${account.username}@${host}`,
          ...(account.display_name ? { displayName: account.display_name } : {}),
          ...(account.url ? { url: account.url } : {}),
        },
      };
    },

    async refreshToken(credentials) {
      // Mastodon access tokens do not expire; "refreshing" confirms the token still works, and a
      // revoked one surfaces as auth-expired so a human reconnects.
      await verify(instanceOf(credentials), credentials.accessToken);
      return credentials;
    },

    async publish(credentials, request) {
      const mediaIds: string[] = [];
      for (const media of request.media) mediaIds.push(await uploadMedia(credentials, request, media));
      const status = await json<MastodonStatus>(credentials, '/api/v1/statuses', {
        method: 'POST',
        effect: 'write',
        // The instance keeps the key for an hour and answers a repeat with the first status.
        headers: { 'content-type': 'application/json', 'idempotency-key': request.idempotencyKey },
        body: JSON.stringify({
          status: request.text,
          visibility: 'public',
          ...(mediaIds.length ? { media_ids: mediaIds } : {}),
          ...(request.replyTo ? { in_reply_to_id: request.replyTo } : {}),
          // Mastodon takes an ISO 639 code, not a full BCP 47 tag.
          ...(request.language ? { language: request.language.split('-')[0]!.toLowerCase() } : {}),
        }),
      });
      return { remoteId: status.id, url: status.url ?? status.uri };
    },

    async checkStatus(credentials, ref) {
      if ('idempotencyKey' in ref) {
        // Mastodon cannot look a status up by its key, and re-POSTing with the key is not read-only:
        // after the key's hour, or when the first request never arrived, it publishes.
        throw new ConnectorError('rejected', 'Mastodon cannot find a status by idempotency key; reconcile with findRecentPosts', { platformCode: 'lookup-by-key-unsupported' });
      }
      const res = await http.request(instanceOf(credentials), credentials.accessToken, `/api/v1/statuses/${encodeURIComponent(ref.remoteId)}`, {});
      if (res.status === 404) return 'not-found';
      if (!res.ok) throw await toConnectorError(res, 'read');
      return 'published';
    },

    async findRecentPosts(credentials, since) {
      const id = await accountId(credentials);
      const posts: RecentPost[] = [];
      let maxId: string | null = null;
      for (let page = 0; page < RECENT_PAGES; page++) {
        const query: string = `limit=40&exclude_reblogs=true${maxId ? `&max_id=${maxId}` : ''}`;
        const batch: MastodonStatus[] = await json<MastodonStatus[]>(credentials, `/api/v1/accounts/${encodeURIComponent(id)}/statuses?${query}`);
        for (const s of batch) {
          if (Date.parse(s.created_at) < since.getTime()) return posts;
          posts.push({ remoteId: s.id, url: s.url ?? s.uri, text: htmlToText(s.content), createdAt: s.created_at });
        }
        if (batch.length === 0) break;
        maxId = batch[batch.length - 1]!.id;
      }
      return posts;
    },

    async withdraw(credentials, remoteId) {
      const res = await http.request(instanceOf(credentials), credentials.accessToken, `/api/v1/statuses/${encodeURIComponent(remoteId)}`, { method: 'DELETE', effect: 'write' });
      if (res.status === 404 || res.ok) return;
      throw await toConnectorError(res, 'write');
    },

    async limits(credentials) {
      const res = await http.request(instanceOf(credentials), credentials.accessToken, '/api/v2/instance', {});
      if (!res.ok) throw await toConnectorError(res, 'read');
      const instance = await readJson<{ configuration?: { statuses?: { max_characters?: number; characters_reserved_per_url?: number } } }>(res, 'read');
      const statuses = instance.configuration?.statuses;
      return {
        instanceLimit: statuses?.max_characters ?? MASTODON_DEFAULT_MAX_CHARACTERS,
        charactersReservedPerUrl: statuses?.characters_reserved_per_url ?? MASTODON_DEFAULT_CHARS_PER_URL,
      };
    },

    rateLimitState(credentials) {
      const instanceUrl = credentials.extra?.instanceUrl;
      return instanceUrl ? http.rateState(instanceUrl, credentials.accessToken) : null;
    },
  };
}
