import { unguardedOutbound } from '@diplodesk/connector-sdk';
import { describePublishChannelContract } from '@diplodesk/connector-sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFake } from './fake/index.ts';
import connector, { createFacebookChannel, graphError, usageFromHeaders } from './index.ts';

describePublishChannelContract('facebook', {
  startFake,
  create: (env) => createFacebookChannel(env, unguardedOutbound),
  duplicateGuard: false,
  supportsWithdraw: true,
  // Graph has no idempotency key: a 5xx on a write may follow a stored post.
  serverErrorKind: 'unknown-outcome',
});

describe('Graph error mapping', () => {
  const body = (code: number, extra: Record<string, unknown> = {}) => ({ error: { message: 'm', type: 'OAuthException', code, fbtrace_id: 'AbC', ...extra } });

  it('maps 190 to auth-expired, whatever the subcode', () => {
    expect(graphError(400, body(190, { error_subcode: 463 }), 'write', null)).toMatchObject({ kind: 'auth-expired', platformCode: '190/463' });
    expect(graphError(400, body(190), 'read', null).kind).toBe('auth-expired');
  });

  it('maps the throttling codes 4, 17, 32, 613 and 80001 to rate-limited', () => {
    for (const code of [4, 17, 32, 613, 80001]) expect(graphError(400, body(code), 'write', null).kind).toBe('rate-limited');
  });

  it('takes the wait from the Business Use Case estimate', () => {
    const now = 1_000_000;
    const usage = usageFromHeaders(new Headers({ 'x-business-use-case-usage': JSON.stringify({ 123: [{ type: 'pages', call_count: 100, total_cputime: 3, total_time: 4, estimated_time_to_regain_access: 7 }] }) }), now);
    expect(usage).toEqual({ limit: 100, remaining: 0, resetAt: now + 7 * 60_000 });
    expect(graphError(400, body(32), 'write', usage, now).retryAfterMs).toBe(7 * 60_000);
  });

  it('reads X-App-Usage percentages when there is no BUC header', () => {
    expect(usageFromHeaders(new Headers({ 'x-app-usage': '{"call_count":28,"total_time":25,"total_cputime":40}' }))).toEqual({ limit: 100, remaining: 60, resetAt: null });
    expect(usageFromHeaders(new Headers())).toBeNull();
  });

  it('maps 506 to rejected as a duplicate, transient errors by effect, and the rest to rejected', () => {
    expect(graphError(400, body(506), 'write', null)).toMatchObject({ kind: 'rejected', platformCode: 'duplicate-post' });
    expect(graphError(500, body(2, { is_transient: true }), 'write', null).kind).toBe('unknown-outcome');
    expect(graphError(500, body(2, { is_transient: true }), 'read', null).kind).toBe('transient');
    expect(graphError(400, body(100, { error_subcode: 33 }), 'read', null)).toMatchObject({ kind: 'rejected', platformCode: '100/33' });
  });
});

describe('Facebook connector', () => {
  let fake: Awaited<ReturnType<typeof startFake>>;
  beforeAll(async () => {
    fake = await startFake();
  });
  afterAll(() => fake.close());

  it('is configured only with app id and secret', () => {
    expect(connector.isConfigured({ FACEBOOK_APP_ID: '1' })).toBe(false);
    expect(connector.isConfigured({ FACEBOOK_APP_ID: '1', FACEBOOK_APP_SECRET: 's' })).toBe(true);
  });

  async function connect(env: Record<string, string>) {
    const channel = createFacebookChannel(env, unguardedOutbound);
    const redirectUri = 'http://127.0.0.1:9/cb';
    const start = await channel.startConnect({ redirectUri, unitId: 'u' });
    if (start.kind !== 'redirect') throw new Error('redirect expected');
    const location = new URL((await fetch(start.authorizeUrl, { redirect: 'manual' })).headers.get('location') ?? '');
    return channel.finishConnect({ kind: 'redirect', code: location.searchParams.get('code') ?? '', state: start.state, codeVerifier: start.codeVerifier, redirectUri });
  }

  it('connects the first Page, or the one FACEBOOK_PAGE_ID names, with a non-expiring Page token', async () => {
    const first = await connect(fake.env);
    expect(first.credentials.expiresAt).toBeUndefined();
    expect(first.credentials.extra?.pageId).toBe(first.account.remoteAccountId);
    // The fake user manages two Pages with consecutive ids.
    const second = String(BigInt(first.account.remoteAccountId) + 1n);
    const hinted = await connect({ ...fake.env, FACEBOOK_PAGE_ID: second });
    expect(hinted.account.remoteAccountId).not.toBe(first.account.remoteAccountId);
    await expect(connect({ ...fake.env, FACEBOOK_PAGE_ID: '1' })).rejects.toMatchObject({ kind: 'rejected' });
  });

  it('publishes a photo with its caption through /photos and returns the feed post id', async () => {
    fake.reset();
    const channel = createFacebookChannel(fake.env, unguardedOutbound);
    const credentials = await fake.issueCredentials();
    const bytes = new Uint8Array([0xff, 0xd8, 0xff, 1, 2]);
    const post = await channel.publish(credentials, {
      idempotencyKey: 'k',
      text: 'Foto kunjungan Menteri',
      media: [{ storageKey: 'p', mimeType: 'image/jpeg', byteSize: bytes.length, sha256: 'x' }],
      openMedia: async function* () {
        yield bytes;
      },
    });
    expect(post.remoteId).toMatch(new RegExp(`^${credentials.extra?.pageId}_`));
    expect(fake.ledger()[0]).toMatchObject({ remoteId: post.remoteId, text: 'Foto kunjungan Menteri', mediaCount: 1 });
  });

  it('refreshes a dead Page token from the stored user token, and keeps that user token', async () => {
    const channel = createFacebookChannel(fake.env, unguardedOutbound);
    const credentials = await fake.issueCredentials();
    fake.expireAccessTokens();
    const fresh = await channel.refreshToken(credentials);
    expect(fresh.accessToken).not.toBe(credentials.accessToken);
    expect(fresh.refreshToken).toBe(credentials.refreshToken);
    expect(fresh.extra).toEqual(credentials.extra);
  });

  it('sends the token in the Authorization header, never in the URL', async () => {
    fake.reset();
    const seen: string[] = [];
    const original = globalThis.fetch;
    globalThis.fetch = (input, init) => {
      seen.push(String(input));
      return original(input, init);
    };
    try {
      const credentials = await fake.issueCredentials();
      await createFacebookChannel(fake.env, unguardedOutbound).publish(credentials, { idempotencyKey: 'k', text: 'Token stays out of URLs', media: [] });
      expect(seen.some((url) => url.includes(credentials.accessToken))).toBe(false);
    } finally {
      globalThis.fetch = original;
    }
  });
});
