import { ConnectorError, unguardedOutbound } from '@diplodesk/connector-sdk';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFake, type YoutubeFakePlatform } from './fake/index.ts';
import connector from './index.ts';
import { createYoutubeCommentsSource, decodeYoutubeCommentsCursor } from './youtube-comments-source.ts';
import { msUntilPacificMidnight } from './youtube-http.ts';

describe('YouTube comments source', () => {
  let fake: YoutubeFakePlatform;
  let channelId: string;
  let oauth: { accessToken: string; extra: Record<string, string> };
  beforeAll(async () => {
    fake = await startFake();
  });
  afterAll(() => fake.close());
  beforeEach(async () => {
    fake.reset();
    const credentials = await fake.issueCredentials();
    channelId = credentials.extra?.channelId ?? '';
    oauth = { accessToken: credentials.accessToken, extra: { channelId } };
  });

  it('declares ingest beside publish', () => {
    expect(connector.manifest.capabilities).toEqual(['publish', 'ingest']);
    expect(connector.implementations.ingest?.(fake.env, { outbound: unguardedOutbound })).toBeDefined();
  });

  it('reads the newest comments of the channel on a first poll, with author and a link to the comment', async () => {
    fake.addComment({ channelId, videoId: 'vidA', text: 'Terima kasih Kemlu', author: '@budi', publishedAt: '2026-05-01T01:00:00Z' });
    const newest = fake.addComment({ channelId, videoId: 'vidB', text: 'Great statement', author: '@jane', publishedAt: '2026-05-01T02:00:00Z' });
    fake.addComment({ channelId: 'UCsomeoneElse', text: 'not ours', publishedAt: '2026-05-01T03:00:00Z' });
    const batch = await createYoutubeCommentsSource(fake.env, unguardedOutbound).poll(oauth, null);
    expect(batch.items.map((i) => i.text)).toEqual(['Great statement', 'Terima kasih Kemlu']);
    expect(batch.items[0]).toMatchObject({
      remoteId: newest.id,
      url: `https://www.youtube.com/watch?v=vidB&lc=${newest.id}`,
      author: { remoteAccountId: newest.authorChannelId, handle: '@jane', displayName: '@jane', url: `http://www.youtube.com/channel/${newest.authorChannelId}` },
      publishedAt: '2026-05-01T02:00:00.000Z',
    });
    expect(decodeYoutubeCommentsCursor(batch.nextCursor)).toEqual({ at: '2026-05-01T02:00:00.000Z', ids: [newest.id] });
  });

  it('returns only new comments next time, comments in the same second included, and resumes in a new instance', async () => {
    const source = createYoutubeCommentsSource(fake.env, unguardedOutbound);
    const a = fake.addComment({ channelId, text: 'a', publishedAt: '2026-05-01T01:00:00Z' });
    const first = await source.poll(oauth, null);
    expect(first.items.map((i) => i.remoteId)).toEqual([a.id]);
    expect((await source.poll(oauth, first.nextCursor)).items).toEqual([]);
    // Same second as `a`: must come through once, not be mistaken for `a`'s already-seen second.
    fake.addComment({ channelId, text: 'b', publishedAt: '2026-05-01T01:00:00Z' });
    fake.addComment({ channelId, text: 'c', publishedAt: '2026-05-01T01:05:00Z' });
    const second = await createYoutubeCommentsSource(fake.env, unguardedOutbound).poll(oauth, first.nextCursor);
    expect(second.items.map((i) => i.text).sort()).toEqual(['b', 'c']);
    expect((await source.poll(oauth, second.nextCursor)).items).toEqual([]);
  });

  it('pages back until it reaches the cursor', async () => {
    const source = createYoutubeCommentsSource(fake.env, unguardedOutbound);
    fake.addComment({ channelId, text: 'old', publishedAt: '2026-04-01T00:00:00Z' });
    const cursor = (await source.poll(oauth, null)).nextCursor;
    const base = Date.parse('2026-05-01T00:00:00Z');
    for (let i = 0; i < 230; i++) fake.addComment({ channelId, text: `c${i}`, publishedAt: `${new Date(base + i * 1000).toISOString().slice(0, 19)}Z` });
    const batch = await source.poll(oauth, cursor);
    expect(batch.items).toHaveLength(230);
    expect(new Set(batch.items.map((i) => i.remoteId)).size).toBe(230);
  });

  it('reads one video when a videoId is configured, with the API key when no account is connected', async () => {
    fake.addComment({ channelId, videoId: 'vidA', text: 'on A' });
    fake.addComment({ channelId, videoId: 'vidB', text: 'on B' });
    const batch = await createYoutubeCommentsSource(fake.env, unguardedOutbound).poll({ accessToken: '', extra: { videoId: 'vidB' } }, null);
    expect(batch.items.map((i) => i.text)).toEqual(['on B']);
    await expect(createYoutubeCommentsSource({ ...fake.env, YOUTUBE_API_KEY: 'AIzaWrong' }, unguardedOutbound).poll({ accessToken: '', extra: { channelId } }, null)).rejects.toMatchObject({
      kind: 'auth-expired',
      platformCode: 'keyInvalid',
    });
  });

  it('turns quotaExceeded into rate-limited until Pacific midnight', async () => {
    fake.exhaustQuota();
    const error = await createYoutubeCommentsSource(fake.env, unguardedOutbound)
      .poll(oauth, null)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectorError);
    expect(error).toMatchObject({ kind: 'rate-limited', platformCode: 'quotaExceeded' });
    expect(Math.abs(((error as ConnectorError).retryAfterMs ?? 0) - msUntilPacificMidnight())).toBeLessThan(5000);
  });

  it('reports an expired token as auth-expired', async () => {
    fake.expireAccessTokens();
    await expect(createYoutubeCommentsSource(fake.env, unguardedOutbound).poll(oauth, null)).rejects.toMatchObject({ kind: 'auth-expired' });
  });

  it('skips malformed threads and keeps the rest', async () => {
    fake.addComment({ channelId, text: 'good', publishedAt: '2026-05-01T01:00:00Z' });
    fake.addRawThread(channelId, { id: 'broken', snippet: { topLevelComment: { id: 'x1', snippet: { textOriginal: 'no video, no date' } } } });
    fake.addRawThread(channelId, { kind: 'youtube#commentThread' });
    const batch = await createYoutubeCommentsSource(fake.env, unguardedOutbound).poll(oauth, null);
    expect(batch.items.map((i) => i.text)).toEqual(['good']);
    expect(batch.problems).toEqual({ skipped: 2 });
  });

  it('needs a channel or video, and says so in health', async () => {
    const source = createYoutubeCommentsSource(fake.env, unguardedOutbound);
    await expect(source.poll({ accessToken: oauth.accessToken }, null)).rejects.toMatchObject({ kind: 'rejected', platformCode: 'no-target' });
    expect(await source.health({ accessToken: oauth.accessToken })).toMatchObject({ status: 'down' });
    expect(await source.health(oauth)).toMatchObject({ status: 'ok' });
  });
});
