import { isConnectorError, unguardedOutbound } from '@diplodesk/connector-sdk';
import { describePublishChannelContract, type FakePlatform } from '@diplodesk/connector-sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFake } from './fake/index.ts';
import connector, { createMastodonChannel, normaliseInstanceUrl } from './index.ts';

describePublishChannelContract('mastodon', {
  startFake,
  create: (env) => createMastodonChannel(env, unguardedOutbound),
  duplicateGuard: true,
  supportsWithdraw: true,
  // Tokens from Settings → Development never expire and have no refresh grant.
  refreshable: false,
  // A status cannot be looked up by Idempotency-Key; reconciliation reads the account's timeline.
  reconcile: 'recent-posts',
});

describe('mastodon connector', () => {
  let fake: FakePlatform;
  beforeAll(async () => {
    fake = await startFake();
  });
  afterAll(async () => {
    await fake.close();
  });

  it('replays the first status for a repeated Idempotency-Key, even when the second request differs', async () => {
    const channel = createMastodonChannel(fake.env, unguardedOutbound);
    const credentials = await fake.issueCredentials();
    const first = await channel.publish(credentials, { idempotencyKey: 'stmt-42:mastodon', text: 'Pernyataan pers Kementerian', media: [], language: 'id-ID' });
    // A retry after a crash may carry re-rendered text; the instance still answers with the first status.
    const second = await channel.publish(credentials, { idempotencyKey: 'stmt-42:mastodon', text: 'Pernyataan pers Kementerian (ulang)', media: [] });
    expect(second).toEqual(first);
    const ledger = fake.ledger().filter((e) => e.idempotencyKey === 'stmt-42:mastodon');
    expect(ledger).toHaveLength(1);
    expect(ledger[0]?.text).toBe('Pernyataan pers Kementerian');
  });

  it('uploads media, waits out the 206 processing answer, and attaches it with its alt text', async () => {
    const channel = createMastodonChannel(fake.env, unguardedOutbound);
    const credentials = await fake.issueCredentials();
    const bytes = new Uint8Array(2048).fill(7);
    const post = await channel.publish(credentials, {
      idempotencyKey: 'stmt-media',
      text: 'Foto kunjungan',
      media: [{ storageKey: 'a/photo.png', mimeType: 'image/png', byteSize: bytes.length, sha256: 'x', altText: 'Menteri di Jenewa' }],
      openMedia: async function* () {
        yield bytes;
      },
    });
    expect(fake.ledger().find((e) => e.remoteId === post.remoteId)?.mediaCount).toBe(1);
    const status = (await (await fetch(`${fake.baseUrl}/api/v1/statuses/${post.remoteId}`, { headers: { authorization: `Bearer ${credentials.accessToken}` } })).json()) as {
      media_attachments: { description: string; url: string | null }[];
    };
    expect(status.media_attachments[0]?.description).toBe('Menteri di Jenewa');
    expect(status.media_attachments[0]?.url).not.toBeNull();
  });

  it('sends the ISO 639 language and returns plain text from findRecentPosts', async () => {
    const channel = createMastodonChannel(fake.env, unguardedOutbound);
    const credentials = await fake.issueCredentials();
    const since = new Date(Date.now() - 1000);
    const text = 'Baris satu & <dua>\nBaris tiga\n\nParagraf baru 🇮🇩';
    await channel.publish(credentials, { idempotencyKey: 'stmt-lang', text, media: [], language: 'id-ID' });
    const recent = await channel.findRecentPosts(credentials, since);
    expect(recent.map((p) => p.text)).toEqual([text]);
  });

  it('reads the instance limits for measureText', async () => {
    const channel = createMastodonChannel(fake.env, unguardedOutbound);
    await expect(channel.limits(await fake.issueCredentials())).resolves.toEqual({ instanceLimit: 500, charactersReservedPerUrl: 23 });
  });

  // Plain http with a token is refused by the server's outbound guard unless the address is
  // allow-listed (server/src/platform/outbound/outbound.test.ts); the connector only names the origin.
  it('accepts only http(s) instance origins, and cannot look a status up by key', async () => {
    expect(normaliseInstanceUrl('mastodon.social')).toBe('https://mastodon.social');
    expect(normaliseInstanceUrl('http://127.0.0.1:4000/')).toBe('http://127.0.0.1:4000');
    expect(() => normaliseInstanceUrl('ftp://mastodon.social')).toThrow(/https/);
    expect(() => normaliseInstanceUrl('https://intranet')).toThrow(/full domain name/);
    const channel = createMastodonChannel(fake.env, unguardedOutbound);
    const error = await channel.checkStatus(await fake.issueCredentials(), { idempotencyKey: 'k' }).catch((e: unknown) => e);
    expect(isConnectorError(error, 'rejected')).toBe(true);
  });

  it('counts requests per token: the 301st in five minutes gets a 429 the connector reports as rate-limited', async () => {
    const channel = createMastodonChannel(fake.env, unguardedOutbound);
    const credentials = await fake.issueCredentials();
    for (let i = 0; i < 300; i++) await fetch(`${fake.baseUrl}/api/v1/accounts/verify_credentials`, { headers: { authorization: `Bearer ${credentials.accessToken}` } });
    const error = await channel.refreshToken(credentials).catch((e: unknown) => e);
    expect(isConnectorError(error, 'rate-limited')).toBe(true);
    expect(channel.rateLimitState(credentials)).toMatchObject({ limit: 300, remaining: 0 });
  });

  it('turns a response withheld past the timeout into unknown-outcome, and the key replays the stored status', async () => {
    const channel = createMastodonChannel({ ...fake.env, MASTODON_REQUEST_TIMEOUT_MS: '150' }, unguardedOutbound);
    const credentials = await fake.issueCredentials();
    fake.failNext({ kind: 'timeout-after-commit', ms: 400 });
    const error = await channel.publish(credentials, { idempotencyKey: 'stmt-timeout', text: 'Tertunda', media: [] }).catch((e: unknown) => e);
    expect(isConnectorError(error, 'unknown-outcome')).toBe(true);
    const again = await channel.publish(credentials, { idempotencyKey: 'stmt-timeout', text: 'Tertunda', media: [] });
    expect(fake.ledger().filter((e) => e.idempotencyKey === 'stmt-timeout').map((e) => e.remoteId)).toEqual([again.remoteId]);
  });

  it('declares a publish-only connector with optional env', () => {
    expect(connector.manifest.id).toBe('mastodon');
    expect(connector.isConfigured({})).toBe(true);
  });
});
