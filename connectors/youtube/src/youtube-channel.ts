import { createHash, randomBytes } from 'node:crypto';
import { ConnectorError, type Credentials, type OutboundHttp, type PublishChannel, type PublishStatus, type RecentPost } from '@diplodesk/connector-sdk';
import { createGoogleHttp, type Effect, readJson } from './youtube-http.ts';
import { createUploader, type UploadedVideo } from './youtube-upload.ts';

// youtube.upload to publish, readonly for status and the uploads playlist, force-ssl because
// videos.delete accepts no narrower scope (withdrawing a statement must work).
export const YOUTUBE_SCOPES = [
  'https://www.googleapis.com/auth/youtube.upload',
  'https://www.googleapis.com/auth/youtube.readonly',
  'https://www.googleapis.com/auth/youtube.force-ssl',
];
const TITLE_MAX = 100;
// News & Politics.
const CATEGORY_ID = '25';

interface TokenAnswer {
  access_token: string;
  expires_in?: number;
  refresh_token?: string;
}
interface ChannelResource {
  id: string;
  snippet?: { title?: string; customUrl?: string };
  contentDetails?: { relatedPlaylists?: { uploads?: string } };
}
interface PlaylistItem {
  snippet?: { title?: string; description?: string; publishedAt?: string };
  contentDetails?: { videoId?: string; videoPublishedAt?: string };
}
interface VideoResource {
  id: string;
  snippet?: { tags?: string[] };
  status?: { uploadStatus?: string };
}

/**
 * The tag that marks a video as one publication's, so a later attempt or reconciliation can find
 * it by idempotency key. Hashed: the internal key itself never becomes public metadata.
 */
export function keyTag(idempotencyKey: string): string {
  return `ddk-${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 20)}`;
}

const watchUrl = (id: string) => `https://www.youtube.com/watch?v=${id}`;

/** A title from the request, or the first line of the text, cut to YouTube's 100 characters. */
export function videoTitle(title: string | undefined, text: string): string {
  const source = (title ?? text.split('\n')[0] ?? '').trim();
  return Array.from(source).slice(0, TITLE_MAX).join('');
}

/**
 * Publishing a video to a YouTube channel (videos.insert, resumable upload), connected with
 * OAuth 2.0 + PKCE against Google.
 *
 * @example
 * const channel = createYoutubeChannel({ YOUTUBE_CLIENT_ID: '…', YOUTUBE_CLIENT_SECRET: '…' }, outbound);
 * await channel.publish(credentials, { idempotencyKey, title: 'Pernyataan Menlu', text: 'Deskripsi …', media: [video], openMedia, checkpoint });
 */
export function createYoutubeChannel(env: Record<string, string>, outbound: OutboundHttp): PublishChannel {
  const clientId = env.YOUTUBE_CLIENT_ID ?? '';
  const clientSecret = env.YOUTUBE_CLIENT_SECRET ?? '';
  const apiBase = env.YOUTUBE_API_BASE_URL || 'https://www.googleapis.com';
  const uploadBase = env.YOUTUBE_UPLOAD_BASE_URL || 'https://www.googleapis.com';
  const authorizeUrl = env.YOUTUBE_AUTHORIZE_URL || 'https://accounts.google.com/o/oauth2/v2/auth';
  const tokenUrl = env.YOUTUBE_TOKEN_URL || 'https://oauth2.googleapis.com/token';
  // Uploads of unaudited API projects are forced private by YouTube whatever is asked.
  const privacyStatus = env.YOUTUBE_PRIVACY_STATUS || 'public';
  const http = createGoogleHttp(outbound, Number(env.YOUTUBE_REQUEST_TIMEOUT_MS) || 30_000);
  const uploader = createUploader(http);

  const accountOf = (credentials: Credentials) => credentials.extra?.channelId ?? credentials.accessToken;

  async function api<T>(credentials: Credentials, path: string, query: Record<string, string>, method = 'GET', effect: Effect = 'read'): Promise<T | null> {
    const url = new URL(path, apiBase);
    for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
    const res = await http.fetch(url, { method, effect, headers: { authorization: `Bearer ${credentials.accessToken}`, accept: 'application/json' } });
    if (!res.ok) return http.fail(res, effect, accountOf(credentials));
    return res.status === 204 ? null : readJson<T>(res, effect);
  }

  async function token(form: Record<string, string>, failKind: 'rejected' | 'auth-expired'): Promise<TokenAnswer> {
    const res = await http.fetch(tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({ client_id: clientId, client_secret: clientSecret, ...form }),
    });
    if (res.ok) return readJson<TokenAnswer>(res, 'read');
    if (res.status >= 500) return http.fail(res, 'read', 'token-endpoint');
    const body = (await res.json().catch(() => ({}))) as { error?: string };
    throw new ConnectorError(failKind, `Google refused the authorization (${body.error ?? res.status})`, { platformCode: body.error ?? String(res.status) });
  }

  async function myChannel(credentials: Credentials): Promise<ChannelResource> {
    const list = await api<{ items?: ChannelResource[] }>(credentials, '/youtube/v3/channels', { mine: 'true', part: 'snippet,contentDetails' });
    const channel = list?.items?.[0];
    if (!channel) throw new ConnectorError('rejected', 'This Google account has no YouTube channel');
    return channel;
  }

  async function uploadsPlaylist(credentials: Credentials): Promise<string> {
    const known = credentials.extra?.uploadsPlaylistId;
    if (known) return known;
    const uploads = (await myChannel(credentials)).contentDetails?.relatedPlaylists?.uploads;
    if (!uploads) throw new ConnectorError('transient', 'YouTube did not name the channel uploads playlist');
    return uploads;
  }

  async function recentUploads(credentials: Credentials): Promise<PlaylistItem[]> {
    const list = await api<{ items?: PlaylistItem[] }>(credentials, '/youtube/v3/playlistItems', { playlistId: await uploadsPlaylist(credentials), part: 'snippet,contentDetails', maxResults: '50' });
    return list?.items ?? [];
  }

  async function videos(credentials: Credentials, ids: string[], part: string): Promise<VideoResource[]> {
    if (ids.length === 0) return [];
    const list = await api<{ items?: VideoResource[] }>(credentials, '/youtube/v3/videos', { id: ids.join(','), part });
    return list?.items ?? [];
  }

  /** The channel's recent video carrying this publication's tag (read-only, a few quota units). */
  async function findByKey(credentials: Credentials, idempotencyKey: string): Promise<VideoResource | null> {
    const ids = (await recentUploads(credentials)).map((i) => i.contentDetails?.videoId).filter((id): id is string => Boolean(id));
    const tag = keyTag(idempotencyKey);
    return (await videos(credentials, ids, 'snippet,status')).find((v) => v.snippet?.tags?.includes(tag)) ?? null;
  }

  const statusOf = (video: VideoResource | undefined | null): PublishStatus => {
    if (!video) return 'not-found';
    const upload = video.status?.uploadStatus;
    if (upload === 'processed') return 'published';
    if (upload === 'uploaded') return 'pending';
    // failed, rejected, deleted: nothing viewers can see.
    return 'not-found';
  };

  return {
    textChannel: 'youtube-description',

    async startConnect({ redirectUri, unitId: _unitId }) {
      const state = randomBytes(16).toString('base64url');
      const codeVerifier = randomBytes(48).toString('base64url');
      const url = new URL(authorizeUrl);
      url.search = new URLSearchParams({
        client_id: clientId,
        redirect_uri: redirectUri,
        response_type: 'code',
        scope: YOUTUBE_SCOPES.join(' '),
        // offline + consent: Google issues a refresh token only on a consented offline grant.
        access_type: 'offline',
        prompt: 'consent',
        include_granted_scopes: 'true',
        state,
        code_challenge: createHash('sha256').update(codeVerifier).digest('base64url'),
        code_challenge_method: 'S256',
      }).toString();
      return { kind: 'redirect', authorizeUrl: url.toString(), state, codeVerifier };
    },

    async finishConnect(input) {
      if (input.kind !== 'redirect') throw new ConnectorError('rejected', 'YouTube connects through Google sign-in');
      const answer = await token({ grant_type: 'authorization_code', code: input.code, redirect_uri: input.redirectUri, code_verifier: input.codeVerifier }, 'rejected');
      const base: Credentials = {
        accessToken: answer.access_token,
        ...(answer.refresh_token ? { refreshToken: answer.refresh_token } : {}),
        ...(answer.expires_in ? { expiresAt: Date.now() + answer.expires_in * 1000 } : {}),
      };
      const channel = await myChannel(base);
      const uploads = channel.contentDetails?.relatedPlaylists?.uploads;
      return {
        credentials: { ...base, extra: { channelId: channel.id, ...(uploads ? { uploadsPlaylistId: uploads } : {}) } },
        account: {
          remoteAccountId: channel.id,
          handle: channel.snippet?.customUrl ?? channel.snippet?.title ?? channel.id,
          ...(channel.snippet?.title ? { displayName: channel.snippet.title } : {}),
          url: `https://www.youtube.com/channel/${channel.id}`,
        },
      };
    },

    async refreshToken(credentials) {
      if (!credentials.refreshToken) throw new ConnectorError('auth-expired', 'No Google refresh token; reconnect the channel');
      const answer = await token({ grant_type: 'refresh_token', refresh_token: credentials.refreshToken }, 'auth-expired');
      return {
        ...credentials,
        accessToken: answer.access_token,
        // Google usually answers without a refresh token: keep the one we have.
        refreshToken: answer.refresh_token || credentials.refreshToken,
        ...(answer.expires_in ? { expiresAt: Date.now() + answer.expires_in * 1000 } : {}),
      };
    },

    async publish(credentials, request) {
      const videoRefs = request.media.filter((m) => m.mimeType.startsWith('video/') || m.mimeType === 'application/octet-stream');
      if (videoRefs.length !== 1 || request.media.length !== 1) throw new ConnectorError('rejected', 'A YouTube publication needs exactly one video');
      if (!request.openMedia) throw new ConnectorError('rejected', 'YouTube upload needs request.openMedia');
      const title = videoTitle(request.title, request.text);
      if (!title) throw new ConnectorError('rejected', 'A YouTube video needs a title');
      if (/[<>]/.test(title) || /[<>]/.test(request.text)) throw new ConnectorError('rejected', 'YouTube does not allow "<" or ">" in titles and descriptions');
      const media = videoRefs[0]!;
      const openMedia = request.openMedia;
      const video: UploadedVideo = await uploader.upload({
        uploadBaseUrl: uploadBase,
        accessToken: credentials.accessToken,
        account: accountOf(credentials),
        media,
        open: () => openMedia(media),
        ...(request.checkpoint ? { checkpoint: request.checkpoint } : {}),
        findExisting: () => findByKey(credentials, request.idempotencyKey),
        metadata: {
          snippet: {
            title,
            description: request.text,
            tags: [keyTag(request.idempotencyKey)],
            categoryId: CATEGORY_ID,
            ...(request.language ? { defaultLanguage: request.language, defaultAudioLanguage: request.language } : {}),
          },
          status: { privacyStatus, selfDeclaredMadeForKids: false },
        },
      });
      return { remoteId: video.id, url: watchUrl(video.id) };
    },

    async checkStatus(credentials, ref) {
      if ('idempotencyKey' in ref) return statusOf(await findByKey(credentials, ref.idempotencyKey));
      return statusOf((await videos(credentials, [ref.remoteId], 'status,processingDetails'))[0]);
    },

    async findRecentPosts(credentials, since) {
      const posts: RecentPost[] = [];
      for (const item of await recentUploads(credentials)) {
        const id = item.contentDetails?.videoId;
        const createdAt = item.contentDetails?.videoPublishedAt ?? item.snippet?.publishedAt ?? '';
        if (id && Date.parse(createdAt) >= since.getTime()) posts.push({ remoteId: id, url: watchUrl(id), text: item.snippet?.description ?? '', createdAt });
      }
      return posts;
    },

    async withdraw(credentials, remoteId) {
      try {
        await api(credentials, '/youtube/v3/videos', { id: remoteId }, 'DELETE', 'write');
      } catch (error) {
        // Already gone is success.
        if (error instanceof ConnectorError && error.platformCode === 'videoNotFound') return;
        throw error;
      }
    },

    async limits() {
      // Title 100 characters, description 5,000 bytes: fixed, and measureText knows them.
      return {};
    },

    rateLimitState(credentials) {
      return http.rateState(accountOf(credentials));
    },
  };
}
