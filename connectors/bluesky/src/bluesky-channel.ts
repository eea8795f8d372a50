import { blueskyFacets, ConnectorError, type Credentials, type OutboundHttp, type PublishChannel, type PublishRequest, type RecentPost } from '@diplodesk/connector-sdk';
import { createBlueskyHttp, didOfJwt, type Effect, expiryOfJwt, failureToError, type XrpcCall } from './bluesky-http.ts';
import { tidFromKey } from './tid.ts';

const POST = 'app.bsky.feed.post';
const MAX_IMAGES = 4;
const RECENT_PAGES = 3;

interface Session {
  did: string;
  handle: string;
  accessJwt: string;
  refreshJwt: string;
}
interface RecordView {
  uri: string;
  cid: string;
  value: { text?: string; createdAt?: string; reply?: { root?: { uri: string; cid: string } } };
}
interface BlobRef {
  $type: 'blob';
  ref: { $link: string };
  mimeType: string;
  size: number;
}

/** Accepts an https PDS origin (http only where the outbound guard's allow-list permits it). */
export function normalisePdsUrl(input: string): string {
  let url: URL;
  try {
    url = new URL(/^[a-z]+:\/\//i.test(input.trim()) ? input.trim() : `https://${input.trim()}`);
  } catch {
    throw new ConnectorError('rejected', 'The PDS URL is not a valid URL');
  }
  // Plain http is accepted here only so an allow-listed intranet instance (or a local fake) can be
  // named; the outbound guard refuses it for any address not on the operator's allow-list.
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new ConnectorError('rejected', 'The PDS URL must use https');
  if (!/[.:]/.test(url.hostname)) throw new ConnectorError('rejected', 'The PDS URL needs a full domain name');
  return url.origin;
}

/** Splits `at://did/collection/rkey`. */
export function parseAtUri(uri: string): { repo: string; collection: string; rkey: string } {
  const m = /^at:\/\/([^/]+)\/([^/]+)\/([^/]+)$/.exec(uri);
  if (!m) throw new ConnectorError('rejected', `Not an AT URI: ${uri}`);
  return { repo: m[1]!, collection: m[2]!, rkey: m[3]! };
}

function account(credentials: Credentials): { pdsUrl: string; did: string; handle: string } {
  const { pdsUrl, did, handle } = credentials.extra ?? {};
  if (!pdsUrl || !did || !handle) throw new ConnectorError('auth-expired', 'Bluesky credentials lack the PDS, DID or handle; reconnect the account');
  return { pdsUrl, did, handle };
}

const postUrl = (handle: string, rkey: string) => `https://bsky.app/profile/${handle}/post/${rkey}`;

/**
 * Publishing to a Bluesky account through its PDS, connected with an app password.
 *
 * Every attempt of a publication writes the record key `tidFromKey(idempotencyKey)`, so a retry
 * targets the same record and `checkStatus({ idempotencyKey })` is a plain `getRecord`.
 *
 * @example
 * const channel = createBlueskyChannel({ BLUESKY_PDS_URL: 'https://bsky.social' }, outbound);
 * await channel.publish(credentials, { idempotencyKey, text: 'Selamat pagi https://kemlu.go.id', media: [], language: 'id' });
 */
export function createBlueskyChannel(env: Record<string, string>, outbound: OutboundHttp): PublishChannel {
  const http = createBlueskyHttp(outbound, Number(env.BLUESKY_REQUEST_TIMEOUT_MS) || 30_000);
  const defaultPds = env.BLUESKY_PDS_URL || 'https://bsky.social';

  async function xrpc<T>(pdsUrl: string, nsid: string, init: XrpcCall): Promise<T> {
    const result = await http.call<T>(pdsUrl, nsid, init);
    if (result.ok) return result.data;
    const did = init.token ? didOfJwt(init.token) : null;
    throw failureToError(result.failure, init.effect ?? 'read', did ? http.rateState(pdsUrl, did) : null);
  }

  /** The record, or null when the PDS says it does not exist. */
  async function getRecord(credentials: Credentials, repo: string, rkey: string): Promise<RecordView | null> {
    const { pdsUrl } = account(credentials);
    const result = await http.call<RecordView>(pdsUrl, 'com.atproto.repo.getRecord', { token: credentials.accessToken, query: { repo, collection: POST, rkey } });
    if (result.ok) return result.data;
    if (result.failure.error === 'RecordNotFound') return null;
    throw failureToError(result.failure, 'read', http.rateState(pdsUrl, repo));
  }

  async function uploadImages(credentials: Credentials, request: PublishRequest) {
    if (request.media.length === 0) return undefined;
    if (request.media.length > MAX_IMAGES) throw new ConnectorError('rejected', `Bluesky posts carry at most ${MAX_IMAGES} images`);
    if (!request.openMedia) throw new ConnectorError('rejected', 'Bluesky media upload needs request.openMedia');
    const images: { alt: string; image: BlobRef }[] = [];
    for (const media of request.media) {
      // Video goes through a separate service (video.bsky.app) that this connector does not drive yet.
      if (!media.mimeType.startsWith('image/')) throw new ConnectorError('rejected', `Bluesky connector uploads images only, not ${media.mimeType}`);
      const chunks: Uint8Array[] = [];
      for await (const chunk of request.openMedia(media)) chunks.push(chunk);
      const body = Buffer.concat(chunks);
      // A blob that may have landed is harmless: the PDS drops blobs no record references.
      const { blob } = await xrpc<{ blob: BlobRef }>(account(credentials).pdsUrl, 'com.atproto.repo.uploadBlob', {
        method: 'POST',
        token: credentials.accessToken,
        body,
        contentType: media.mimeType,
        effect: 'read',
      });
      images.push({ alt: media.altText ?? '', image: blob });
    }
    return { $type: 'app.bsky.embed.images', images };
  }

  async function facetsFor(credentials: Credentials, text: string) {
    const found = blueskyFacets(text);
    const facets: unknown[] = [...found.links];
    for (const mention of found.mentions) {
      // An unresolvable handle stays plain text rather than failing the statement.
      const result = await http.call<{ did: string }>(account(credentials).pdsUrl, 'com.atproto.identity.resolveHandle', { token: credentials.accessToken, query: { handle: mention.handle } });
      if (result.ok) facets.push({ index: mention.index, features: [{ $type: 'app.bsky.richtext.facet#mention', did: result.data.did }] });
    }
    return facets.sort((a, b) => (a as { index: { byteStart: number } }).index.byteStart - (b as { index: { byteStart: number } }).index.byteStart);
  }

  async function replyRef(credentials: Credentials, replyTo: string) {
    const target = parseAtUri(replyTo);
    const parent = await getRecord(credentials, target.repo, target.rkey);
    if (!parent) throw new ConnectorError('rejected', 'The post to reply to no longer exists');
    const parentRef = { uri: parent.uri, cid: parent.cid };
    return { root: parent.value.reply?.root ?? parentRef, parent: parentRef };
  }

  async function createSession(pdsUrl: string, identifier: string, password: string): Promise<Session> {
    const result = await http.call<Session>(pdsUrl, 'com.atproto.server.createSession', { method: 'POST', json: { identifier, password } });
    if (result.ok) return result.data;
    if (result.failure.status === 401) throw new ConnectorError('rejected', 'Bluesky refused the handle or app password', { platformCode: result.failure.error });
    throw failureToError(result.failure, 'read', null);
  }

  const credentialsOf = (pdsUrl: string, session: Session): Credentials => {
    const expiresAt = expiryOfJwt(session.accessJwt);
    return {
      accessToken: session.accessJwt,
      refreshToken: session.refreshJwt,
      ...(expiresAt === undefined ? {} : { expiresAt }),
      extra: { pdsUrl, did: session.did, handle: session.handle },
    };
  };

  return {
    textChannel: 'bluesky',

    async startConnect() {
      return {
        kind: 'form',
        fields: [
          { name: 'identifier', label: 'Handle or DID (for example kemlu.go.id)', secret: false },
          { name: 'appPassword', label: 'App password (Settings → Privacy and security → App passwords)', secret: true },
          { name: 'pdsUrl', label: 'PDS URL (leave empty for bsky.social)', secret: false },
        ],
      };
    },

    async finishConnect(input) {
      if (input.kind !== 'form') throw new ConnectorError('rejected', 'Bluesky connects with a handle and an app password');
      const identifier = input.values.identifier?.trim().replace(/^@/, '');
      const password = input.values.appPassword?.trim();
      if (!identifier || !password) throw new ConnectorError('rejected', 'Enter the handle and the app password');
      const pdsUrl = normalisePdsUrl(input.values.pdsUrl?.trim() || defaultPds);
      const session = await createSession(pdsUrl, identifier, password);
      // The app password is not kept: the refresh JWT renews the session until a human reconnects.
      return {
        credentials: credentialsOf(pdsUrl, session),
        account: { remoteAccountId: session.did, handle: session.handle, url: `https://bsky.app/profile/${session.handle}` },
      };
    },

    async refreshToken(credentials) {
      const { pdsUrl } = account(credentials);
      if (!credentials.refreshToken) throw new ConnectorError('auth-expired', 'No Bluesky refresh token; reconnect the account');
      const session = await xrpc<Session>(pdsUrl, 'com.atproto.server.refreshSession', { method: 'POST', token: credentials.refreshToken });
      return credentialsOf(pdsUrl, session);
    },

    async publish(credentials, request) {
      const { pdsUrl, did, handle } = account(credentials);
      const rkey = tidFromKey(request.idempotencyKey);
      const embed = await uploadImages(credentials, request);
      const facets = await facetsFor(credentials, request.text);
      const record = {
        $type: POST,
        text: request.text,
        createdAt: new Date().toISOString(),
        ...(request.language ? { langs: [request.language] } : {}),
        ...(facets.length ? { facets } : {}),
        ...(embed ? { embed } : {}),
        ...(request.replyTo ? { reply: await replyRef(credentials, request.replyTo) } : {}),
      };
      const effect: Effect = 'write';
      const result = await http.call<{ uri: string; cid: string }>(pdsUrl, 'com.atproto.repo.createRecord', {
        method: 'POST',
        token: credentials.accessToken,
        json: { repo: did, collection: POST, rkey, record },
        effect,
      });
      if (result.ok) return { remoteId: result.data.uri, url: postUrl(handle, rkey) };
      const error = failureToError(result.failure, effect, http.rateState(pdsUrl, did));
      if (error.kind !== 'unknown-outcome' && result.failure.error !== 'RecordAlreadyExists') throw error;
      // The PDS answers a create on an existing record key with an error (a 500 today). The key is
      // ours alone, so a record there is this publication, from an earlier attempt or this one.
      const existing = await getRecord(credentials, did, rkey).catch(() => {
        throw error;
      });
      if (existing) return { remoteId: existing.uri, url: postUrl(handle, rkey) };
      // The PDS answered and holds no record: nothing was written, and a retry reuses the key.
      throw new ConnectorError('transient', error.message, { platformCode: error.platformCode });
    },

    async checkStatus(credentials, ref) {
      const { did } = account(credentials);
      const target = 'remoteId' in ref ? parseAtUri(ref.remoteId) : { repo: did, rkey: tidFromKey(ref.idempotencyKey) };
      return (await getRecord(credentials, target.repo, target.rkey)) ? 'published' : 'not-found';
    },

    async findRecentPosts(credentials, since) {
      const { pdsUrl, did, handle } = account(credentials);
      const posts: RecentPost[] = [];
      let cursor: string | undefined;
      // Listing is in record-key order, and key-derived TIDs need not follow posting time, so a few
      // pages are read and filtered by createdAt instead of stopping at the first older record.
      for (let page = 0; page < RECENT_PAGES; page++) {
        const list = await xrpc<{ records: RecordView[]; cursor?: string }>(pdsUrl, 'com.atproto.repo.listRecords', {
          token: credentials.accessToken,
          query: { repo: did, collection: POST, limit: '100', ...(cursor ? { cursor } : {}) },
        });
        for (const r of list.records) {
          const createdAt = r.value.createdAt ?? '';
          if (Date.parse(createdAt) >= since.getTime()) posts.push({ remoteId: r.uri, url: postUrl(handle, parseAtUri(r.uri).rkey), text: r.value.text ?? '', createdAt });
        }
        if (!list.cursor || list.records.length === 0) break;
        cursor = list.cursor;
      }
      return posts.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    },

    async withdraw(credentials, remoteId) {
      const { pdsUrl } = account(credentials);
      const target = parseAtUri(remoteId);
      // deleteRecord succeeds whether or not the record still exists.
      await xrpc(pdsUrl, 'com.atproto.repo.deleteRecord', { method: 'POST', token: credentials.accessToken, json: { repo: target.repo, collection: target.collection, rkey: target.rkey }, effect: 'write' });
    },

    async limits() {
      // 300 graphemes is fixed by the lexicon; measureText knows it.
      return {};
    },

    rateLimitState(credentials) {
      const { pdsUrl, did } = credentials.extra ?? {};
      return pdsUrl && did ? http.rateState(pdsUrl, did) : null;
    },
  };
}
