// A local Google: OAuth 2.0 (auto-approving authorize, token endpoint with PKCE, expiring access
// tokens, refresh tokens that do not rotate), and the YouTube Data API v3 calls the connector uses,
// with the resumable upload protocol (session URI in Location, 308 + Range while incomplete, the
// video created only when the last byte arrives), Google error bodies, and quota: videos.insert has
// its own bucket of 100 a day, other calls share 10,000 units (delete 50, reads 1). commentThreads
// lists seeded comments newest first, by channel or video, with page tokens, an API key or a token.
import { createHash } from 'node:crypto';
import {
  FakeAuthCodes,
  type FakeFault,
  type FakeHttpReply as Reply,
  type FakeHttpRequest as Req,
  FakeLedger,
  type FakePlatform,
  FaultQueue,
  fakeId,
  RateWindow,
  type StartFake,
  startFakeHttpServer,
} from '@diplodesk/connector-sdk/testing';

const CLIENT_ID = 'fake-diplodesk.apps.googleusercontent.com';
const CLIENT_SECRET = 'fake-client-secret';
const ACCESS_TTL_MS = 3599 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
/** The project API key the fake accepts (`key=` query parameter) for public reads. */
export const YOUTUBE_FAKE_API_KEY = 'AIzaFakeDiploDeskKey000000000000000000';

/** A top-level comment, as commentThreads returns it. */
export interface YoutubeFakeComment {
  id: string;
  channelId: string;
  videoId: string;
  text: string;
  authorDisplayName: string;
  authorChannelId: string;
  publishedAt: string;
}

interface Channel {
  id: string;
  title: string;
  customUrl: string;
  uploads: string;
}
interface Video {
  id: string;
  channelId: string;
  snippet: { title: string; description: string; tags?: string[]; defaultLanguage?: string; categoryId?: string };
  privacyStatus: string;
  publishedAt: string;
  deleted: boolean;
}
interface UploadSession {
  id: string;
  channelId: string;
  size: number;
  contentType: string;
  metadata: { snippet?: Video['snippet']; status?: { privacyStatus?: string } };
  received: number;
  /** Bytes the fake was sent in each PUT, for tests of resuming. */
  puts: number[];
  videoId: string | null;
  fault: FakeFault | undefined;
}

/** The YouTube fake, with hooks for tests of the resumable upload. */
export interface YoutubeFakePlatform extends FakePlatform {
  /** Every upload session: size, bytes received and the bytes carried by each PUT. */
  uploadSessions(): { id: string; size: number; received: number; puts: number[]; videoId: string | null }[];
  /** The next upload PUT keeps only its first `bytes` bytes, then the connection drops (no video). */
  cutNextUploadAfter(bytes: number): void;
  /** Adds a top-level comment on a video of `channelId` (the video need not exist in the fake). */
  addComment(comment: { channelId: string; videoId?: string; text: string; author?: string; publishedAt?: string }): YoutubeFakeComment;
  /** Adds a raw thread resource as is, listed as the channel's newest (for malformed-payload tests). */
  addRawThread(channelId: string, thread: Record<string, unknown>): void;
  /** Spends the project's whole daily quota, so the next call gets quotaExceeded. */
  exhaustQuota(): void;
}

const googleError = (code: number, reason: string, message: string, headers?: Record<string, string>): Reply => ({
  status: code,
  json: { error: { code, message, errors: [{ message, domain: 'youtube.api', reason }] } },
  ...(headers ? { headers } : {}),
});

export const startFake = (async (options = {}) => {
  const channels = new Map<string, Channel>();
  const access = new Map<string, { channelId: string; expiresAt: number }>();
  const refresh = new Map<string, string>();
  const codes = new FakeAuthCodes();
  const sessions = new Map<string, UploadSession>();
  const videos = new Map<string, Video>();
  const ledger = new FakeLedger();
  const faults = new FaultQueue();
  const insertQuota = new RateWindow(100, DAY_MS);
  const unitQuota = new RateWindow(10_000, DAY_MS);
  let cutAfter: number | null = null;
  let baseUrl = '';
  /** Threads by channel, oldest first; `raw` entries are sent as given. */
  const threads: { channelId: string; videoId: string; publishedAt: string; comment?: YoutubeFakeComment; raw?: Record<string, unknown> }[] = [];
  let nextComment = 1;

  const createChannel = (): Channel => {
    const n = channels.size + 1;
    const id = `UC${createHash('sha256').update(`channel-${n}`).digest('base64url').slice(0, 22)}`;
    const channel = { id, title: `Mission ${n}`, customUrl: `@mission${n}`, uploads: `UU${id.slice(2)}` };
    channels.set(id, channel);
    return channel;
  };
  const issueTokens = (channelId: string) => {
    const accessToken = fakeId('ya29.', 24);
    const refreshToken = fakeId('1//', 24);
    access.set(accessToken, { channelId, expiresAt: Date.now() + ACCESS_TTL_MS });
    refresh.set(refreshToken, channelId);
    return { accessToken, refreshToken };
  };

  const videoJson = (v: Video) => ({
    kind: 'youtube#video',
    id: v.id,
    snippet: { ...v.snippet, channelId: v.channelId, publishedAt: v.publishedAt },
    status: { uploadStatus: 'processed', privacyStatus: v.privacyStatus },
    processingDetails: { processingStatus: 'succeeded' },
  });

  function token(req: Req): string | Reply {
    const entry = access.get(req.bearer() ?? '');
    if (!entry || entry.expiresAt <= Date.now()) return googleError(401, 'authError', 'Request had invalid authentication credentials.', { 'www-authenticate': 'Bearer realm="https://accounts.google.com/", error="invalid_token"' });
    return entry.channelId;
  }

  function spendUnits(units: number): Reply | null {
    let hit = unitQuota.hit('project');
    for (let i = 1; i < units; i++) hit = unitQuota.hit('project');
    return hit.exceeded ? googleError(403, 'quotaExceeded', 'The request cannot be completed because you have exceeded your quota.') : null;
  }

  async function oauthToken(req: Req): Promise<Reply> {
    const form = await req.form();
    const field = (k: string) => (typeof form.get(k) === 'string' ? (form.get(k) as string) : '');
    if (field('client_id') !== CLIENT_ID || field('client_secret') !== CLIENT_SECRET) return { status: 401, json: { error: 'invalid_client', error_description: 'Unauthorized' } };
    if (field('grant_type') === 'authorization_code') {
      const grant = codes.redeem(field('code'), { clientId: field('client_id'), redirectUri: field('redirect_uri'), codeVerifier: field('code_verifier') });
      if (typeof grant === 'string') return { status: 400, json: { error: grant, error_description: 'Bad Request' } };
      const t = issueTokens(grant.accountId);
      return { status: 200, json: { access_token: t.accessToken, expires_in: 3599, refresh_token: t.refreshToken, scope: grant.scope, token_type: 'Bearer' } };
    }
    if (field('grant_type') === 'refresh_token') {
      const channelId = refresh.get(field('refresh_token'));
      if (!channelId) return { status: 400, json: { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' } };
      // Google keeps the refresh token and answers with a new access token only.
      const accessToken = fakeId('ya29.', 24);
      access.set(accessToken, { channelId, expiresAt: Date.now() + ACCESS_TTL_MS });
      return { status: 200, json: { access_token: accessToken, expires_in: 3599, scope: 'https://www.googleapis.com/auth/youtube.upload', token_type: 'Bearer' } };
    }
    return { status: 400, json: { error: 'unsupported_grant_type', error_description: 'Invalid grant_type' } };
  }

  function authorize(req: Req): Reply {
    const q = req.url.searchParams;
    const redirectUri = q.get('redirect_uri') ?? '';
    if (q.get('client_id') !== CLIENT_ID || !redirectUri) return { status: 400, text: 'Error 400: invalid_request' };
    if (q.get('response_type') !== 'code' || q.get('code_challenge_method') !== 'S256' || !q.get('code_challenge')) return { status: 400, text: 'Error 400: invalid_request (PKCE S256 required)' };
    const channel = createChannel();
    const code = codes.issue({ clientId: CLIENT_ID, redirectUri, accountId: channel.id, scope: q.get('scope') ?? '', codeChallenge: q.get('code_challenge')!, codeChallengeMethod: 'S256' });
    const to = new URL(redirectUri);
    to.searchParams.set('code', code);
    to.searchParams.set('state', q.get('state') ?? '');
    return { status: 302, headers: { location: to.toString() } };
  }

  function startUpload(req: Req, channelId: string): Reply {
    const fault = faults.take();
    switch (fault?.kind) {
      case 'rate-limit':
        return googleError(429, 'rateLimitExceeded', 'The request cannot be completed because you have exceeded your quota.', { 'retry-after': String(fault.resetInSeconds ?? 60) });
      case 'server-error':
        return googleError(503, 'backendError', 'Backend Error');
      case 'auth-expired':
        return googleError(401, 'authError', 'Request had invalid authentication credentials.');
      case 'reject':
        return googleError(400, 'invalidTitle', 'The request metadata specifies an invalid video title.');
    }
    if (insertQuota.hit('project').exceeded) return googleError(403, 'quotaExceeded', 'The request cannot be completed because you have exceeded your quota.');
    const metadata = (req.json() ?? {}) as UploadSession['metadata'];
    const title = metadata.snippet?.title ?? '';
    if (!title || [...title].length > 100 || /[<>]/.test(title)) return googleError(400, 'invalidTitle', 'The request metadata specifies an invalid or empty video title.');
    if (/[<>]/.test(metadata.snippet?.description ?? '') || Buffer.byteLength(metadata.snippet?.description ?? '') > 5000) return googleError(400, 'invalidDescription', 'The request metadata specifies an invalid video description.');
    const size = Number(req.headers['x-upload-content-length']);
    const contentType = String(req.headers['x-upload-content-type'] ?? '');
    if (!Number.isInteger(size) || size <= 0) return googleError(400, 'badContent', 'X-Upload-Content-Length is required.');
    if (!contentType.startsWith('video/') && contentType !== 'application/octet-stream') return googleError(400, 'invalidVideoMetadata', 'Media type not supported.');
    const session: UploadSession = { id: fakeId('AUp', 16), channelId, size, contentType, metadata, received: 0, puts: [], videoId: null, fault };
    sessions.set(session.id, session);
    return { status: 200, headers: { location: `${baseUrl}/upload/youtube/v3/videos?uploadType=resumable&upload_id=${session.id}` } };
  }

  const incomplete = (s: UploadSession): Reply => ({ status: 308, headers: s.received > 0 ? { range: `bytes=0-${s.received - 1}` } : {} });

  function putUpload(req: Req, session: UploadSession): Reply {
    const range = String(req.headers['content-range'] ?? '');
    if (session.videoId) return { status: 200, json: videoJson(videos.get(session.videoId)!) };
    if (/^bytes \*\/\d+$/.test(range)) return incomplete(session);
    const m = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(range);
    const start = m ? Number(m[1]) : 0;
    if (start !== session.received || (m && Number(m[3]) !== session.size)) return incomplete(session);
    let body = req.body;
    if (cutAfter !== null) {
      body = body.subarray(0, cutAfter);
      cutAfter = null;
      session.received += body.length;
      session.puts.push(body.length);
      return { drop: true };
    }
    session.received += body.length;
    session.puts.push(body.length);
    if (session.received < session.size) return incomplete(session);
    if (session.received > session.size) return googleError(400, 'badContent', 'More bytes than X-Upload-Content-Length.');
    // The last byte is in: only now does the video exist.
    const video: Video = {
      id: fakeId('', 6).slice(0, 11),
      channelId: session.channelId,
      snippet: { title: '', description: '', ...session.metadata.snippet },
      privacyStatus: session.metadata.status?.privacyStatus ?? 'private',
      publishedAt: new Date().toISOString(),
      deleted: false,
    };
    videos.set(video.id, video);
    session.videoId = video.id;
    ledger.add({ remoteId: video.id, accountId: video.channelId, text: video.snippet.description, idempotencyKey: session.id, mediaCount: 1 });
    const reply: Reply = { status: 200, json: videoJson(video) };
    if (session.fault?.kind === 'drop-after-commit') return { drop: true };
    // biome-ignore lint/suspicious/noThenProperty: the SDK's FakeHttpReply names the withheld reply `then`; it is data, never called.
    if (session.fault?.kind === 'timeout-after-commit') return { holdMs: session.fault.ms ?? 30_000, then: reply };
    return reply;
  }

  function threadJson(c: YoutubeFakeComment): unknown {
    return {
      kind: 'youtube#commentThread',
      id: c.id,
      snippet: {
        channelId: c.channelId,
        videoId: c.videoId,
        topLevelComment: {
          kind: 'youtube#comment',
          id: c.id,
          snippet: {
            channelId: c.channelId,
            videoId: c.videoId,
            textDisplay: c.text,
            textOriginal: c.text,
            authorDisplayName: c.authorDisplayName,
            authorProfileImageUrl: 'https://yt3.ggpht.example/a.jpg',
            authorChannelUrl: `http://www.youtube.com/channel/${c.authorChannelId}`,
            authorChannelId: { value: c.authorChannelId },
            canRate: true,
            viewerRating: 'none',
            likeCount: 0,
            publishedAt: c.publishedAt,
            updatedAt: c.publishedAt,
          },
        },
        canReply: true,
        totalReplyCount: 0,
        isPublic: true,
      },
    };
  }

  function commentThreads(req: Req): Reply {
    const q = req.url.searchParams;
    const quota = spendUnits(1);
    if (quota) return quota;
    const channelId = q.get('allThreadsRelatedToChannelId');
    const videoId = q.get('videoId');
    if ((channelId === null) === (videoId === null)) return googleError(400, 'missingRequiredParameter', 'No filter selected. Expected one of: allThreadsRelatedToChannelId, videoId, id, channelId');
    const max = Number(q.get('maxResults') ?? 20);
    if (!Number.isInteger(max) || max < 1 || max > 100) return googleError(400, 'invalidParameter', `Invalid value '${q.get('maxResults')}'. Values must be within the range: [1, 100]`);
    const start = Number(q.get('pageToken') ?? 0);
    const list = threads.filter((t) => (channelId !== null ? t.channelId === channelId : t.videoId === videoId)).sort((a, b) => (a.publishedAt < b.publishedAt ? 1 : a.publishedAt > b.publishedAt ? -1 : 0));
    const page = list.slice(start, start + max);
    const more = start + max < list.length;
    return {
      status: 200,
      json: {
        kind: 'youtube#commentThreadListResponse',
        pageInfo: { totalResults: page.length, resultsPerPage: max },
        ...(more ? { nextPageToken: String(start + max) } : {}),
        items: page.map((t) => t.raw ?? threadJson(t.comment as YoutubeFakeComment)),
      },
    };
  }

  function api(req: Req, channelId: string): Reply {
    const q = req.url.searchParams;
    const path = req.url.pathname;
    if (req.method === 'GET' && path === '/youtube/v3/commentThreads') return commentThreads(req);
    if (req.method === 'GET' && path === '/youtube/v3/channels') {
      const quota = spendUnits(1);
      if (quota) return quota;
      const c = channels.get(channelId)!;
      const items = q.get('mine') === 'true' ? [{ kind: 'youtube#channel', id: c.id, snippet: { title: c.title, customUrl: c.customUrl }, contentDetails: { relatedPlaylists: { uploads: c.uploads } } }] : [];
      return { status: 200, json: { kind: 'youtube#channelListResponse', items } };
    }
    if (req.method === 'GET' && path === '/youtube/v3/playlistItems') {
      const quota = spendUnits(1);
      if (quota) return quota;
      const owner = [...channels.values()].find((c) => c.uploads === q.get('playlistId'));
      if (!owner) return googleError(404, 'playlistNotFound', 'The playlist identified with the request\'s playlistId parameter cannot be found.');
      const max = Math.min(Number(q.get('maxResults') ?? 5) || 5, 50);
      const list = [...videos.values()]
        .filter((v) => v.channelId === owner.id && !v.deleted)
        .reverse()
        .slice(0, max);
      return {
        status: 200,
        json: {
          items: list.map((v) => ({
            id: fakeId('', 8),
            snippet: { title: v.snippet.title, description: v.snippet.description, publishedAt: v.publishedAt, resourceId: { kind: 'youtube#video', videoId: v.id } },
            contentDetails: { videoId: v.id, videoPublishedAt: v.publishedAt },
          })),
        },
      };
    }
    if (path === '/youtube/v3/videos') {
      const ids = (q.get('id') ?? '').split(',').filter(Boolean);
      if (req.method === 'GET') {
        const quota = spendUnits(1);
        if (quota) return quota;
        const items = ids.map((id) => videos.get(id)).filter((v): v is Video => v !== undefined && !v.deleted);
        return { status: 200, json: { kind: 'youtube#videoListResponse', items: items.map(videoJson) } };
      }
      if (req.method === 'DELETE') {
        const quota = spendUnits(50);
        if (quota) return quota;
        const v = videos.get(ids[0] ?? '');
        if (!v || v.deleted) return googleError(404, 'videoNotFound', 'The video that you are trying to delete cannot be found.');
        if (v.channelId !== channelId) return googleError(403, 'forbidden', 'The video that you are trying to delete cannot be deleted.');
        v.deleted = true;
        ledger.markDeleted(v.id);
        return { status: 204 };
      }
    }
    return googleError(404, 'notFound', 'Not Found');
  }

  const handle = async (req: Req): Promise<Reply> => {
    const path = req.url.pathname;
    if (req.method === 'GET' && path === '/o/oauth2/v2/auth') return authorize(req);
    if (req.method === 'POST' && path === '/token') return oauthToken(req);
    if (path === '/upload/youtube/v3/videos') {
      const uploadId = req.url.searchParams.get('upload_id');
      if (req.method === 'PUT' && uploadId) {
        // The session URI itself is the credential for its bytes, as with Google's.
        const session = sessions.get(uploadId);
        return session ? putUpload(req, session) : googleError(404, 'notFound', 'Upload session not found or expired.');
      }
      const who = token(req);
      if (typeof who !== 'string') return who;
      if (req.method === 'POST' && req.url.searchParams.get('uploadType') === 'resumable') return startUpload(req, who);
      return googleError(400, 'badRequest', 'Only resumable uploads are supported by this fake.');
    }
    // Public reads take an API key instead of a token.
    const key = req.url.searchParams.get('key');
    if (key !== null && req.bearer() === null) {
      if (key !== YOUTUBE_FAKE_API_KEY) return googleError(400, 'keyInvalid', 'API key not valid. Please pass a valid API key.');
      if (req.method === 'GET' && path === '/youtube/v3/commentThreads') return commentThreads(req);
      return googleError(401, 'required', 'Login Required.');
    }
    const who = token(req);
    if (typeof who !== 'string') return who;
    return api(req, who);
  };

  const http = await startFakeHttpServer({ ...options, handle });
  baseUrl = http.baseUrl;

  const platform: YoutubeFakePlatform = {
    platform: 'youtube',
    baseUrl,
    env: {
      YOUTUBE_CLIENT_ID: CLIENT_ID,
      YOUTUBE_CLIENT_SECRET: CLIENT_SECRET,
      YOUTUBE_API_BASE_URL: baseUrl,
      YOUTUBE_UPLOAD_BASE_URL: baseUrl,
      YOUTUBE_AUTHORIZE_URL: `${baseUrl}/o/oauth2/v2/auth`,
      YOUTUBE_TOKEN_URL: `${baseUrl}/token`,
      YOUTUBE_API_KEY: YOUTUBE_FAKE_API_KEY,
    },
    ledger: () => ledger.all(),
    async issueCredentials() {
      const channel = createChannel();
      const t = issueTokens(channel.id);
      return { accessToken: t.accessToken, refreshToken: t.refreshToken, expiresAt: access.get(t.accessToken)!.expiresAt, extra: { channelId: channel.id, uploadsPlaylistId: channel.uploads } };
    },
    connectFormValues: () => null,
    failNext: (fault) => faults.push(fault),
    setLatency: (ms) => http.setLatency(ms),
    expireAccessTokens() {
      for (const entry of access.values()) entry.expiresAt = 0;
    },
    reset() {
      ledger.clear();
      faults.clear();
      insertQuota.clear();
      unitQuota.clear();
      cutAfter = null;
      threads.length = 0;
    },
    close: () => http.close(),
    uploadSessions: () => [...sessions.values()].map((s) => ({ id: s.id, size: s.size, received: s.received, puts: [...s.puts], videoId: s.videoId })),
    cutNextUploadAfter(bytes) {
      cutAfter = bytes;
    },
    addComment(input) {
      const n = nextComment++;
      const comment: YoutubeFakeComment = {
        id: `Ugz${createHash('sha256').update(`comment-${n}`).digest('base64url').slice(0, 20)}AaABAg`,
        channelId: input.channelId,
        videoId: input.videoId ?? `vid${String(n).padStart(8, '0')}`,
        text: input.text,
        authorDisplayName: input.author ?? `@viewer${n}`,
        authorChannelId: `UC${createHash('sha256').update(`viewer-${input.author ?? n}`).digest('base64url').slice(0, 22)}`,
        // Google sends whole seconds.
        publishedAt: input.publishedAt ?? `${new Date().toISOString().slice(0, 19)}Z`,
      };
      threads.push({ channelId: comment.channelId, videoId: comment.videoId, publishedAt: comment.publishedAt, comment });
      return comment;
    },
    addRawThread(channelId, thread) {
      threads.push({ channelId, videoId: '', publishedAt: '9999-12-31T23:59:59Z', raw: thread });
    },
    exhaustQuota() {
      while (!unitQuota.hit('project').exceeded) {
        // spend the day's units
      }
    },
  };
  return platform;
}) satisfies StartFake;
