import { unguardedOutbound } from '@diplodesk/connector-sdk';
import { createHash } from 'node:crypto';
import type { Credentials, MediaRef, PublishRequest } from '@diplodesk/connector-sdk';
import { describePublishChannelContract } from '@diplodesk/connector-sdk/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFake, type YoutubeFakePlatform } from './fake/index.ts';
import connector, { createYoutubeChannel, keyTag, msUntilPacificMidnight, videoTitle } from './index.ts';

describePublishChannelContract('youtube', {
  startFake,
  create: (env) => createYoutubeChannel(env, unguardedOutbound),
  duplicateGuard: true,
  requiresMedia: { mimeType: 'video/mp4' },
  supportsWithdraw: true,
});

function sampleVideo(size: number): { ref: MediaRef; bytes: Uint8Array } {
  const bytes = new Uint8Array(size);
  for (let i = 0; i < size; i++) bytes[i] = (i * 7 + 3) % 256;
  return { bytes, ref: { storageKey: 'v/statement.mp4', mimeType: 'video/mp4', byteSize: size, sha256: createHash('sha256').update(bytes).digest('hex') } };
}

/** A checkpoint kept in memory, as the publication row keeps it in the server. */
function memoryCheckpoint() {
  const box = { saved: null as string | null, saves: 0 };
  return {
    box,
    checkpoint: () => ({
      saved: box.saved,
      async save(value: string) {
        box.saved = value;
        box.saves++;
      },
    }),
  };
}

describe('youtube connector', () => {
  let fake: YoutubeFakePlatform;
  let credentials: Credentials;
  const video = sampleVideo(300 * 1024);
  const base = (key: string): PublishRequest => ({
    idempotencyKey: key,
    title: 'Pernyataan Menteri Luar Negeri',
    text: 'Pernyataan lengkap tentang kunjungan kenegaraan.',
    media: [video.ref],
    language: 'id',
    openMedia: async function* () {
      for (let i = 0; i < video.bytes.length; i += 64 * 1024) yield video.bytes.subarray(i, i + 64 * 1024);
    },
  });

  beforeAll(async () => {
    fake = (await startFake()) as YoutubeFakePlatform;
    credentials = await fake.issueCredentials();
  });
  afterAll(async () => {
    await fake.close();
  });
  beforeEach(() => fake.reset());

  it('resumes after an upload dropped mid-way: only the missing bytes are sent and one video exists', async () => {
    const channel = createYoutubeChannel(fake.env, unguardedOutbound);
    const store = memoryCheckpoint();
    fake.cutNextUploadAfter(100 * 1024);
    await expect(channel.publish(credentials, { ...base('resume-1'), checkpoint: store.checkpoint() })).rejects.toMatchObject({ kind: 'unknown-outcome' });
    expect(store.box.saved, 'the session URI is saved before bytes are sent').toMatch(/upload_id=/);
    expect(fake.ledger()).toHaveLength(0);

    const post = await channel.publish(credentials, { ...base('resume-1'), checkpoint: store.checkpoint() });
    const [session] = fake.uploadSessions().filter((s) => store.box.saved?.endsWith(s.id));
    expect(session?.puts).toEqual([100 * 1024, video.bytes.length - 100 * 1024]);
    expect(session?.received).toBe(video.bytes.length);
    expect(fake.ledger()).toEqual([expect.objectContaining({ remoteId: post.remoteId, idempotencyKey: session?.id, mediaCount: 1 })]);
    expect(store.box.saves).toBe(1);
  });

  it('collects the finished video from the saved session when only the answer was lost', async () => {
    const channel = createYoutubeChannel(fake.env, unguardedOutbound);
    const store = memoryCheckpoint();
    fake.failNext({ kind: 'drop-after-commit' });
    await expect(channel.publish(credentials, { ...base('resume-2'), checkpoint: store.checkpoint() })).rejects.toMatchObject({ kind: 'unknown-outcome' });
    const sessionsBefore = fake.uploadSessions().length;
    const post = await channel.publish(credentials, { ...base('resume-2'), checkpoint: store.checkpoint() });
    expect(fake.ledger()).toHaveLength(1);
    expect(fake.ledger()[0]?.remoteId).toBe(post.remoteId);
    expect(fake.uploadSessions()).toHaveLength(sessionsBefore);
  });

  it('uploads everything when the session was saved but no byte had left', async () => {
    const channel = createYoutubeChannel(fake.env, unguardedOutbound);
    const store = memoryCheckpoint();
    // Open a session the way a crashed attempt would have, then resume with it.
    const res = await fetch(`${fake.env.YOUTUBE_UPLOAD_BASE_URL}/upload/youtube/v3/videos?uploadType=resumable&part=snippet,status`, {
      method: 'POST',
      headers: { authorization: `Bearer ${credentials.accessToken}`, 'content-type': 'application/json', 'x-upload-content-length': String(video.bytes.length), 'x-upload-content-type': 'video/mp4' },
      body: JSON.stringify({ snippet: { title: 'T', description: 'D', tags: [keyTag('resume-3')] }, status: { privacyStatus: 'public' } }),
    });
    store.box.saved = res.headers.get('location');
    await channel.publish(credentials, { ...base('resume-3'), checkpoint: store.checkpoint() });
    const session = fake.uploadSessions().find((s) => store.box.saved?.endsWith(s.id));
    expect(session?.puts).toEqual([video.bytes.length]);
    expect(fake.ledger()).toHaveLength(1);
  });

  it('sends title, description, language and the key tag; checkStatus finds the video by key', async () => {
    const channel = createYoutubeChannel(fake.env, unguardedOutbound);
    const post = await channel.publish(credentials, base('meta-1'));
    const res = await fetch(`${fake.env.YOUTUBE_API_BASE_URL}/youtube/v3/videos?id=${post.remoteId}&part=snippet`, { headers: { authorization: `Bearer ${credentials.accessToken}` } });
    const { items } = (await res.json()) as { items: { snippet: { title: string; description: string; defaultLanguage: string; tags: string[] } }[] };
    expect(items[0]?.snippet).toMatchObject({ title: 'Pernyataan Menteri Luar Negeri', description: base('x').text, defaultLanguage: 'id', tags: [keyTag('meta-1')] });
    await expect(channel.checkStatus(credentials, { idempotencyKey: 'meta-1' })).resolves.toBe('published');
    await expect(channel.checkStatus(credentials, { idempotencyKey: 'never-published' })).resolves.toBe('not-found');
    expect(post.url).toBe(`https://www.youtube.com/watch?v=${post.remoteId}`);
  });

  it('refuses a publication without exactly one video, and text YouTube would refuse', async () => {
    const channel = createYoutubeChannel(fake.env, unguardedOutbound);
    await expect(channel.publish(credentials, { ...base('bad-1'), media: [] })).rejects.toMatchObject({ kind: 'rejected' });
    await expect(channel.publish(credentials, { ...base('bad-2'), title: 'a <b> c' })).rejects.toMatchObject({ kind: 'rejected' });
    expect(fake.ledger()).toHaveLength(0);
  });

  it('maps a quota refusal to rate-limited until midnight Pacific', async () => {
    const wait = msUntilPacificMidnight(new Date('2026-07-01T06:30:00Z'));
    // 06:30 UTC in July is 23:30 PDT: half an hour left.
    expect(wait).toBe(30 * 60 * 1000);
    expect(videoTitle(undefined, `${'x'.repeat(120)}\nrest`)).toHaveLength(100);
  });

  it('declares an OAuth connector that needs the client id and secret', () => {
    expect(connector.manifest.auth).toBe('oauth2-pkce');
    expect(connector.isConfigured({})).toBe(false);
    expect(connector.isConfigured({ YOUTUBE_CLIENT_ID: 'a', YOUTUBE_CLIENT_SECRET: 'b' })).toBe(true);
  });
});
