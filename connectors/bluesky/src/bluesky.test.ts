import { unguardedOutbound } from '@diplodesk/connector-sdk';
import { describePublishChannelContract, type FakePlatform } from '@diplodesk/connector-sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFake } from './fake/index.ts';
import connector, { createBlueskyChannel, isValidTid, parseAtUri, tidFromKey, tidTimestampMicros } from './index.ts';

describePublishChannelContract('bluesky', {
  startFake,
  create: (env) => createBlueskyChannel(env, unguardedOutbound),
  duplicateGuard: true,
  supportsWithdraw: true,
});

describe('tidFromKey', () => {
  it('derives a valid TID that is stable per key and differs between keys', () => {
    const keys = ['a', 'statement-1:bluesky', '7c9e6679-7425-40de-944b-e07fc1f90ae7', ''.padEnd(500, 'x')];
    for (const key of keys) {
      expect(isValidTid(tidFromKey(key)), key).toBe(true);
      expect(tidFromKey(key)).toBe(tidFromKey(key));
    }
    expect(new Set(keys.map(tidFromKey)).size).toBe(keys.length);
    expect(tidFromKey('a')).toHaveLength(13);
  });

  it('places a UUIDv7 key at the UUID time, so such keys sort like ordinary TIDs', () => {
    // UUIDv7 whose first 48 bits are 2026-01-01T00:00:00.000Z in ms.
    const ms = Date.parse('2026-01-01T00:00:00.000Z');
    const uuid = `${ms.toString(16).padStart(12, '0').replace(/^(.{8})(.{4})$/, '$1-$2')}-7abc-8def-0123456789ab`;
    const micros = tidTimestampMicros(tidFromKey(`${uuid}:bluesky`));
    expect(Number(micros / 1000n)).toBe(ms);
  });
});

describe('bluesky connector', () => {
  let fake: FakePlatform;
  beforeAll(async () => {
    fake = await startFake();
  });
  afterAll(async () => {
    await fake.close();
  });

  async function storedRecord(uri: string) {
    const { repo, collection, rkey } = parseAtUri(uri);
    const res = await fetch(`${fake.baseUrl}/xrpc/com.atproto.repo.getRecord?repo=${repo}&collection=${collection}&rkey=${rkey}`);
    return ((await res.json()) as { value: { text: string; langs?: string[]; facets?: { index: { byteStart: number; byteEnd: number }; features: { $type: string; uri?: string; did?: string }[] }[] } }).value;
  }

  it('writes the key-derived record key and links to the post on bsky.app', async () => {
    const channel = createBlueskyChannel(fake.env, unguardedOutbound);
    const credentials = await fake.issueCredentials();
    const post = await channel.publish(credentials, { idempotencyKey: 'stmt-7:bluesky', text: 'Halo', media: [], language: 'id' });
    const rkey = tidFromKey('stmt-7:bluesky');
    expect(post.remoteId).toBe(`at://${credentials.extra?.did}/app.bsky.feed.post/${rkey}`);
    expect(post.url).toBe(`https://bsky.app/profile/${credentials.extra?.handle}/post/${rkey}`);
    expect(fake.ledger().find((e) => e.remoteId === post.remoteId)?.idempotencyKey).toBe(rkey);
    expect((await storedRecord(post.remoteId)).langs).toEqual(['id']);
  });

  it('sends link and mention facets with UTF-8 byte offsets on Indonesian text with emoji', async () => {
    const channel = createBlueskyChannel(fake.env, unguardedOutbound);
    const author = await fake.issueCredentials();
    const mentioned = await fake.issueCredentials();
    const text = `Selamat Hari Kemerdekaan ke-81! 🇮🇩🎉 Baca pernyataan lengkap: https://kemlu.go.id/siaran-pers/81 — terima kasih @${mentioned.extra?.handle} 🙏`;
    const post = await channel.publish(author, { idempotencyKey: 'stmt-facets', text, media: [], language: 'id' });
    const facets = (await storedRecord(post.remoteId)).facets ?? [];
    const bytes = new TextEncoder().encode(text);
    const slice = (f: (typeof facets)[number]) => new TextDecoder().decode(bytes.slice(f.index.byteStart, f.index.byteEnd));
    expect(facets.map(slice)).toEqual(['https://kemlu.go.id/siaran-pers/81', `@${mentioned.extra?.handle}`]);
    expect(facets[0]?.features[0]).toEqual({ $type: 'app.bsky.richtext.facet#link', uri: 'https://kemlu.go.id/siaran-pers/81' });
    expect(facets[1]?.features[0]).toEqual({ $type: 'app.bsky.richtext.facet#mention', did: mentioned.extra?.did });
    // The emoji make UTF-16 and UTF-8 offsets differ, which is the point of the test.
    expect(facets[0]?.index.byteStart).not.toBe(text.indexOf('https://'));
  });

  it('uploads images as blobs and embeds them with alt text', async () => {
    const channel = createBlueskyChannel(fake.env, unguardedOutbound);
    const credentials = await fake.issueCredentials();
    const bytes = new Uint8Array(1000).fill(3);
    const post = await channel.publish(credentials, {
      idempotencyKey: 'stmt-img',
      text: 'Foto',
      media: [{ storageKey: 's/p.jpg', mimeType: 'image/jpeg', byteSize: 1000, sha256: 'x', altText: 'Gedung Pancasila' }],
      openMedia: async function* () {
        yield bytes;
      },
    });
    expect(fake.ledger().find((e) => e.remoteId === post.remoteId)?.mediaCount).toBe(1);
  });

  it('rotates the refresh token on refresh; the old one stops working', async () => {
    const channel = createBlueskyChannel(fake.env, unguardedOutbound);
    const credentials = await fake.issueCredentials();
    const fresh = await channel.refreshToken(credentials);
    expect(fresh.refreshToken).toBeTruthy();
    expect(fresh.refreshToken).not.toBe(credentials.refreshToken);
    expect(fresh.expiresAt).toBeGreaterThan(Date.now());
    await expect(channel.refreshToken(credentials)).rejects.toMatchObject({ kind: 'auth-expired' });
  });

  it('declares a publish-only connector configured without env', () => {
    expect(connector.manifest.id).toBe('bluesky');
    expect(connector.isConfigured({})).toBe(true);
  });
});
