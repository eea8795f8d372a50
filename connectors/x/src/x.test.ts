import { createHash } from 'node:crypto';
import { ConnectorError, measureText, unguardedOutbound } from '@diplodesk/connector-sdk';
import { describePublishChannelContract } from '@diplodesk/connector-sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFake, X_FAKE_POST_LIMIT } from './fake/index.ts';
import connector, { createXChannel } from './index.ts';
import { xError } from './x-http.ts';

describePublishChannelContract('x', {
  startFake,
  create: (env) => createXChannel(env, unguardedOutbound),
  duplicateGuard: false,
  supportsWithdraw: true,
  // No idempotency key on X: a 5xx on create may follow a stored post.
  serverErrorKind: 'unknown-outcome',
});

describe('X connector', () => {
  let fake: Awaited<ReturnType<typeof startFake>>;
  beforeAll(async () => {
    fake = await startFake();
  });
  afterAll(() => fake.close());

  it('declares itself configured only with a client id', () => {
    expect(connector.manifest.id).toBe('x');
    expect(connector.isConfigured({})).toBe(false);
    expect(connector.isConfigured({ X_CLIENT_ID: 'abc' })).toBe(true);
  });

  it('asks for the publishing scopes with an S256 challenge of the verifier', async () => {
    const start = await createXChannel({ X_CLIENT_ID: 'abc' }, unguardedOutbound).startConnect({ redirectUri: 'https://desk.example/cb', unitId: 'u' });
    if (start.kind !== 'redirect') throw new Error('X connects by redirect');
    const url = new URL(start.authorizeUrl);
    expect(url.origin + url.pathname).toBe('https://x.com/i/oauth2/authorize');
    expect(url.searchParams.get('scope')).toBe('tweet.read tweet.write users.read offline.access media.write');
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('code_challenge')).toBe(createHash('sha256').update(start.codeVerifier).digest('base64url'));
  });

  it('posts the text unchanged, whatever its weighted length', async () => {
    fake.reset();
    const channel = createXChannel(fake.env, unguardedOutbound);
    const credentials = await fake.issueCredentials();
    // CJK and emoji weigh 2 on X: 140 of them fill the 280 exactly, and the text must reach X as is.
    const text = `${'外'.repeat(139)}🇮🇩`;
    expect(measureText('x', text)).toMatchObject({ used: 280, over: false });
    await channel.publish(credentials, { idempotencyKey: 'k', text, media: [] });
    expect(fake.ledger()[0]?.text).toBe(text);
  });

  it('uploads an image first and attaches its media id; replies carry the parent id', async () => {
    fake.reset();
    const channel = createXChannel(fake.env, unguardedOutbound);
    const credentials = await fake.issueCredentials();
    const parent = await channel.publish(credentials, { idempotencyKey: 'p', text: 'Pernyataan pers', media: [] });
    const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
    await channel.publish(credentials, {
      idempotencyKey: 'c',
      text: 'https://kemlu.go.id/siaran-pers/1',
      replyTo: parent.remoteId,
      media: [{ storageKey: 'a', mimeType: 'image/png', byteSize: bytes.length, sha256: 'x' }],
      openMedia: async function* () {
        yield bytes;
      },
    });
    expect(fake.ledger()[1]).toMatchObject({ replyTo: parent.remoteId, mediaCount: 1 });
  });

  it('lists recent posts with the post each one replies to, so two link replies are told apart', async () => {
    fake.reset();
    const channel = createXChannel(fake.env, unguardedOutbound);
    const credentials = await fake.issueCredentials();
    const since = new Date(Date.now() - 60_000);
    const first = await channel.publish(credentials, { idempotencyKey: 'p1', text: 'Statement one', media: [] });
    const second = await channel.publish(credentials, { idempotencyKey: 'p2', text: 'Statement two', media: [] });
    const reply = await channel.publish(credentials, { idempotencyKey: 'r2', text: 'https://kemlu.go.id/s/2', replyTo: second.remoteId, media: [] });
    const recent = await channel.findRecentPosts(credentials, since);
    expect(recent.find((p) => p.remoteId === reply.remoteId)?.inReplyTo).toBe(second.remoteId);
    expect(recent.find((p) => p.remoteId === first.remoteId)?.inReplyTo).toBeUndefined();
  });

  it('refuses video in the one-shot upload rather than sending it', async () => {
    const channel = createXChannel(fake.env, unguardedOutbound);
    const credentials = await fake.issueCredentials();
    const error = await channel
      .publish(credentials, { idempotencyKey: 'v', text: 'video', media: [{ storageKey: 'v', mimeType: 'video/mp4', byteSize: 1, sha256: 'x' }], openMedia: async function* () {} })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectorError);
    expect((error as ConnectorError).kind).toBe('rejected');
  });

  it('computes the wait from x-rate-limit-reset, X having no Retry-After', async () => {
    const now = Date.parse('2026-05-01T10:00:00Z');
    const response = new Response(JSON.stringify({ title: 'Too Many Requests', detail: 'Too Many Requests', status: 429 }), {
      status: 429,
      headers: { 'x-rate-limit-reset': String(now / 1000 + 42), 'x-rate-limit-remaining': '0', 'x-rate-limit-limit': '100' },
    });
    const error = await xError(response, 'write', now);
    expect(error).toMatchObject({ kind: 'rate-limited', retryAfterMs: 42_000 });
  });

  it('counts requests per token: the 101st create in a window is a 429 with the reset time', async () => {
    fake.reset();
    const channel = createXChannel(fake.env, unguardedOutbound);
    const credentials = await fake.issueCredentials();
    for (let i = 0; i < X_FAKE_POST_LIMIT; i++) await channel.publish(credentials, { idempotencyKey: `r${i}`, text: `Pernyataan ${i}`, media: [] });
    expect(channel.rateLimitState(credentials)).toMatchObject({ limit: X_FAKE_POST_LIMIT, remaining: 0 });
    const error = (await channel.publish(credentials, { idempotencyKey: 'over', text: 'one too many', media: [] }).catch((e: unknown) => e)) as ConnectorError;
    expect(error.kind).toBe('rate-limited');
    expect(error.retryAfterMs).toBeGreaterThan(14 * 60_000);
    // Another account has its own budget.
    await expect(channel.publish(await fake.issueCredentials(), { idempotencyKey: 'o', text: 'other account', media: [] })).resolves.toBeTruthy();
  });

  it('maps X duplicate-content 403 to rejected', async () => {
    fake.reset();
    const channel = createXChannel(fake.env, unguardedOutbound);
    const credentials = await fake.issueCredentials();
    await channel.publish(credentials, { idempotencyKey: 'd1', text: 'Same words', media: [] });
    const error = (await channel.publish(credentials, { idempotencyKey: 'd2', text: 'Same words', media: [] }).catch((e: unknown) => e)) as ConnectorError;
    expect(error).toMatchObject({ kind: 'rejected', platformCode: 'duplicate-content' });
    expect(fake.ledger()).toHaveLength(1);
  });

  it('refuses a code redeemed with a verifier that does not match its challenge', async () => {
    const channel = createXChannel(fake.env, unguardedOutbound);
    const start = await channel.startConnect({ redirectUri: 'http://127.0.0.1:9/cb', unitId: 'u' });
    if (start.kind !== 'redirect') throw new Error('redirect expected');
    const location = new URL((await fetch(start.authorizeUrl, { redirect: 'manual' })).headers.get('location') ?? '');
    const finish = channel.finishConnect({ kind: 'redirect', code: location.searchParams.get('code') ?? '', state: start.state, codeVerifier: 'not-the-verifier-used', redirectUri: 'http://127.0.0.1:9/cb' });
    await expect(finish).rejects.toMatchObject({ kind: 'auth-expired' });
  });
});
