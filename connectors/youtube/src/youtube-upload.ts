// videos.insert over Google's resumable upload protocol. The session URI is the duplicate guard:
// YouTube creates the video only when the last byte arrives, and a session can be asked how far it
// got, so an attempt after a crash resumes (or collects the finished video) instead of uploading
// a second copy.
import { ConnectorError, type MediaRef } from '@diplodesk/connector-sdk';
import { type Effect, type GoogleHttp, readJson } from './youtube-http.ts';

export interface UploadedVideo {
  id: string;
}

export interface UploadInput {
  uploadBaseUrl: string;
  accessToken: string;
  /** Key for the per-account rate state. */
  account: string;
  metadata: unknown;
  media: MediaRef;
  open: () => AsyncIterable<Uint8Array>;
  checkpoint?: { saved: string | null; save(value: string): Promise<void> };
  /** Looks for a video an earlier attempt already finished, before a new session is opened. */
  findExisting(): Promise<UploadedVideo | null>;
}

type SessionState = { done: UploadedVideo } | { offset: number } | { gone: true };

/** A stream of the file's bytes from `offset` on, so a resumed upload sends only the rest. */
function streamFrom(open: () => AsyncIterable<Uint8Array>, offset: number): ReadableStream<Uint8Array> {
  const iterator = open()[Symbol.asyncIterator]();
  let skip = offset;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      for (;;) {
        const { value, done } = await iterator.next();
        if (done) return controller.close();
        if (skip >= value.length) {
          skip -= value.length;
          continue;
        }
        controller.enqueue(skip > 0 ? value.subarray(skip) : value);
        skip = 0;
        return;
      }
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}

export function createUploader(http: GoogleHttp) {
  async function initiate(input: UploadInput): Promise<string> {
    const url = new URL('/upload/youtube/v3/videos', input.uploadBaseUrl);
    url.searchParams.set('uploadType', 'resumable');
    url.searchParams.set('part', 'snippet,status');
    // Opening a session creates nothing on the channel, so its failures are never "unknown".
    const res = await http.fetch(url, {
      method: 'POST',
      effect: 'read',
      headers: {
        authorization: `Bearer ${input.accessToken}`,
        'content-type': 'application/json; charset=UTF-8',
        'x-upload-content-length': String(input.media.byteSize),
        'x-upload-content-type': input.media.mimeType,
      },
      body: JSON.stringify(input.metadata),
    });
    if (!res.ok) return http.fail(res, 'read', input.account);
    const location = res.headers.get('location');
    if (!location) throw new ConnectorError('transient', 'YouTube opened an upload session without a session URI');
    return location;
  }

  /** Asks a session how far it got (`PUT` with `Content-Range: bytes *\/size`). */
  async function query(input: UploadInput, sessionUri: string): Promise<SessionState> {
    const res = await http.fetch(sessionUri, {
      method: 'PUT',
      effect: 'read',
      headers: { authorization: `Bearer ${input.accessToken}`, 'content-length': '0', 'content-range': `bytes */${input.media.byteSize}` },
    });
    if (res.status === 200 || res.status === 201) return { done: await readJson<UploadedVideo>(res, 'read') };
    if (res.status === 308) {
      // No Range header: the session holds no bytes yet.
      const range = /bytes=0-(\d+)/.exec(res.headers.get('range') ?? '');
      return { offset: range ? Number(range[1]) + 1 : 0 };
    }
    if (res.status === 404 || res.status === 410) return { gone: true };
    return http.fail(res, 'read', input.account);
  }

  async function send(input: UploadInput, sessionUri: string, offset: number): Promise<UploadedVideo> {
    const size = input.media.byteSize;
    // With a saved session a failed send is safely resumable; without one nobody can ask the session.
    const effect: Effect = input.checkpoint ? 'read' : 'write';
    let res: Response;
    try {
      res = await http.fetch(sessionUri, {
        method: 'PUT',
        // The last byte may have reached Google before the connection died: always unknown here.
        effect: 'write',
        // The whole body streams inside one request: allow for a slow link (128 KiB/s) on top.
        timeoutMs: http.timeoutMs + Math.ceil(((size - offset) / (128 * 1024)) * 1000),
        headers: {
          authorization: `Bearer ${input.accessToken}`,
          'content-type': input.media.mimeType,
          'content-length': String(size - offset),
          'content-range': `bytes ${offset}-${size - 1}/${size}`,
        },
        body: streamFrom(input.open, offset),
        duplex: 'half',
      } as RequestInit & { duplex: 'half' });
    } catch (error) {
      throw error instanceof ConnectorError ? error : new ConnectorError('unknown-outcome', 'YouTube upload failed in flight', { cause: error });
    }
    if (res.status === 200 || res.status === 201) return readJson<UploadedVideo>(res, effect);
    if (res.status === 308) throw new ConnectorError('transient', 'YouTube kept only part of the upload; the next attempt resumes it');
    return http.fail(res, effect, input.account);
  }

  return {
    /**
     * Uploads once: resumes the session saved by an earlier attempt, or opens a new one and saves
     * it before the first byte leaves.
     */
    async upload(input: UploadInput): Promise<UploadedVideo> {
      const saved = input.checkpoint?.saved ?? null;
      if (saved) {
        const state = await query(input, saved);
        if ('done' in state) return state.done;
        if ('offset' in state) return send(input, saved, state.offset);
        // The session expired (they last about a week); whether it finished is asked below.
      }
      const existing = await input.findExisting();
      if (existing) return existing;
      const sessionUri = await initiate(input);
      await input.checkpoint?.save(sessionUri);
      return send(input, sessionUri, 0);
    },
  };
}
