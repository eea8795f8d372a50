// The behaviour every PublishChannel must show against its platform's fake: connect, publish once,
// never twice, say "unknown outcome" when it cannot know, and reconcile without posting again.
// Platform-neutral: everything platform-specific comes in through the subject's flags.
import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Credentials, MediaRef, PublishChannel, PublishRequest } from '../capabilities.ts';
import { type ConnectorError, type ConnectorErrorKind, isConnectorError } from '../connector-error.ts';
import { measureText } from '../limits/measure-text.ts';
import type { FakeFault, FakePlatform, StartFake } from './fake-platform.ts';

export interface PublishChannelContractSubject {
  startFake: StartFake;
  /** Builds the channel against a fake: receives fake.env merged over defaults. */
  create(env: Record<string, string>): PublishChannel;
  /** Platform has its own duplicate guard (Mastodon Idempotency-Key, Bluesky record key, YouTube session): publishing twice with one idempotency key yields one post. */
  duplicateGuard: boolean;
  /** Publishing needs media of this kind (YouTube: a video) — the suite supplies a small generated file via openMedia. */
  requiresMedia?: { mimeType: string };
  supportsWithdraw: boolean;
  /** Env the channel gets under the fake's own (`{ ...env, ...fake.env }`). */
  env?: Record<string, string>;
  /**
   * Whether `refreshToken` can turn expired credentials into working ones (default true). False for
   * credentials that never expire and cannot be refreshed (Telegram bot tokens): the suite then
   * checks only that an invalid token is reported as `auth-expired`.
   */
  refreshable?: boolean;
  /**
   * What a 5xx answer to a publish means on this platform: `transient` when the platform guarantees
   * nothing was applied (or its duplicate guard makes a retry safe), `unknown-outcome` when the post
   * may exist. Unset: either is accepted.
   */
  serverErrorKind?: 'transient' | 'unknown-outcome';
  /**
   * How a caller reconciles an unknown outcome. Default: `idempotency-key` with a duplicate guard
   * (`checkStatus({ idempotencyKey })`), else `recent-posts` (`findRecentPosts(since)` by text).
   * `none`: the platform offers no read-back at all (Telegram's Bot API); the suite then proves only
   * that the connector did not post twice and does not invent a match.
   */
  reconcile?: 'idempotency-key' | 'recent-posts' | 'none';
}

const REDIRECT_URI = 'http://127.0.0.1:9/connect/callback';

/** A small deterministic file for platforms that need media (not a valid video; fakes check size and hash only). */
function sampleMedia(mimeType: string): { ref: MediaRef; bytes: Uint8Array } {
  const bytes = new Uint8Array(48 * 1024);
  for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 31 + 7) % 251;
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return { bytes, ref: { storageKey: 'contract/sample-media', mimeType, byteSize: bytes.length, sha256, altText: 'Contract sample' } };
}

async function* chunksOf(bytes: Uint8Array, size = 16 * 1024): AsyncIterable<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

/** Runs `fn`, expecting a ConnectorError, and returns it. */
async function expectConnectorError(fn: () => Promise<unknown>, kind?: ConnectorErrorKind | ConnectorErrorKind[]): Promise<ConnectorError> {
  let caught: unknown;
  try {
    await fn();
  } catch (error) {
    caught = error;
  }
  expect(caught, 'expected the call to throw').toBeDefined();
  expect(isConnectorError(caught), `expected a ConnectorError, got ${String(caught)}`).toBe(true);
  const error = caught as ConnectorError;
  if (kind !== undefined) expect(Array.isArray(kind) ? kind : [kind]).toContain(error.kind);
  return error;
}

/** Every string an error could leak through: message, stack and the whole cause chain. */
function errorTexts(error: unknown, depth = 0): string[] {
  if (depth > 5 || error === undefined || error === null) return [];
  if (!(error instanceof Error)) return [String(error)];
  return [error.message, error.stack ?? '', String(error), ...errorTexts(error.cause, depth + 1)];
}

/**
 * Registers the PublishChannel contract tests (vitest `describe`/`it`) for one connector.
 *
 * @example
 * describePublishChannelContract('x', { startFake, create: (env) => createXChannel(env), duplicateGuard: false, supportsWithdraw: true });
 */
export function describePublishChannelContract(name: string, subject: PublishChannelContractSubject): void {
  const reconcile = subject.reconcile ?? (subject.duplicateGuard ? 'idempotency-key' : 'recent-posts');
  const refreshable = subject.refreshable ?? true;

  describe(`PublishChannel contract: ${name}`, () => {
    let fake: FakePlatform;
    let channel: PublishChannel;
    let credentials: Credentials;
    let counter = 0;
    const media = subject.requiresMedia ? sampleMedia(subject.requiresMedia.mimeType) : null;

    /** A publish request with a unique text (platforms refuse exact duplicates) and fresh key. */
    function request(overrides: Partial<PublishRequest> = {}): PublishRequest {
      counter += 1;
      return {
        idempotencyKey: randomUUID(),
        text: `Contract statement ${counter} ${randomUUID().slice(0, 8)}: Selamat pagi dari Jakarta 🇮🇩`,
        media: media ? [media.ref] : [],
        ...(media ? { title: `Contract video ${counter}`, openMedia: () => chunksOf(media.bytes) } : {}),
        ...overrides,
      };
    }

    beforeAll(async () => {
      fake = await subject.startFake();
      channel = subject.create({ ...subject.env, ...fake.env });
    });

    afterAll(async () => {
      await fake?.close();
    });

    // Fresh credentials per test: the refresh test expires every token the fake has issued.
    beforeEach(async () => {
      fake.reset();
      fake.setLatency(0);
      credentials = await fake.issueCredentials();
    });

    it('connects an account through the platform flow, and those credentials publish to it', async () => {
      const start = await channel.startConnect({ redirectUri: REDIRECT_URI, unitId: 'contract-unit' });
      let connected: Awaited<ReturnType<PublishChannel['finishConnect']>>;
      if (start.kind === 'redirect') {
        const authorize = await fetch(start.authorizeUrl, { redirect: 'manual' });
        expect([302, 303]).toContain(authorize.status);
        const location = new URL(authorize.headers.get('location') ?? '');
        expect(`${location.origin}${location.pathname}`).toBe(REDIRECT_URI);
        expect(location.searchParams.get('state')).toBe(start.state);
        const code = location.searchParams.get('code');
        expect(code).toBeTruthy();
        connected = await channel.finishConnect({ kind: 'redirect', code: code ?? '', state: start.state, codeVerifier: start.codeVerifier, redirectUri: REDIRECT_URI });
      } else {
        const values = fake.connectFormValues();
        expect(values, 'a form-connected platform must provide connectFormValues()').not.toBeNull();
        for (const field of start.fields) expect(Object.keys(values ?? {})).toContain(field.name);
        connected = await channel.finishConnect({ kind: 'form', values: values ?? {} });
      }
      expect(connected.credentials.accessToken).toBeTruthy();
      expect(connected.account.remoteAccountId).toBeTruthy();
      expect(connected.account.handle).toBeTruthy();

      const post = await channel.publish(connected.credentials, request());
      const ledger = fake.ledger();
      expect(ledger).toHaveLength(1);
      expect(ledger[0]?.remoteId).toBe(post.remoteId);
      expect(ledger[0]?.accountId).toBe(connected.account.remoteAccountId);
    });

    it('rejects a connect callback whose code was not issued', async () => {
      const start = await channel.startConnect({ redirectUri: REDIRECT_URI, unitId: 'contract-unit' });
      const finish =
        start.kind === 'redirect'
          ? channel.finishConnect({ kind: 'redirect', code: 'never-issued', state: start.state, codeVerifier: start.codeVerifier, redirectUri: REDIRECT_URI })
          : channel.finishConnect({ kind: 'form', values: Object.fromEntries(start.fields.map((f) => [f.name, 'wrong-value'])) });
      await expectConnectorError(() => finish, ['auth-expired', 'rejected']);
    });

    it('publishes once: exactly one post with the text, and checkStatus finds it', async () => {
      const req = request();
      const post = await channel.publish(credentials, req);
      expect(post.remoteId).toBeTruthy();
      expect(post.url).toMatch(/^https?:\/\//);
      const ledger = fake.ledger();
      expect(ledger).toHaveLength(1);
      expect(ledger[0]).toMatchObject({ remoteId: post.remoteId, text: req.text, deleted: false });
      if (media) expect(ledger[0]?.mediaCount).toBe(1);
      await expect(channel.checkStatus(credentials, { remoteId: post.remoteId })).resolves.toBe('published');
    });

    if (subject.duplicateGuard) {
      it('publishing twice with one idempotency key yields one post and the same remote id', async () => {
        const req = request();
        const first = await channel.publish(credentials, req);
        const second = await channel.publish(credentials, { ...req });
        expect(second.remoteId).toBe(first.remoteId);
        expect(fake.ledger()).toHaveLength(1);
      });
    }

    it('reports a post whose response was lost as unknown-outcome, and reconciles without posting twice', async () => {
      const since = new Date(Date.now() - 2000);
      const req = request();
      fake.failNext({ kind: 'drop-after-commit' });
      const error = await expectConnectorError(() => channel.publish(credentials, req), 'unknown-outcome');
      expect(error.isRetryable).toBe(false);
      const ledger = fake.ledger();
      expect(ledger, 'the fake stored the post before dropping the socket').toHaveLength(1);
      const stored = ledger[0]!;

      if (reconcile === 'idempotency-key') {
        await expect(channel.checkStatus(credentials, { idempotencyKey: req.idempotencyKey })).resolves.toBe('published');
        // With a guard, the caller may also simply publish again: it must get the same post back.
        const again = await channel.publish(credentials, { ...req });
        expect(again.remoteId).toBe(stored.remoteId);
      } else if (reconcile === 'recent-posts') {
        const recent = await channel.findRecentPosts(credentials, since);
        const match = recent.filter((p) => p.text === req.text);
        expect(match).toHaveLength(1);
        expect(match[0]?.remoteId).toBe(stored.remoteId);
      } else {
        // No read-back: whatever the connector offers must not claim a post the fake does not hold.
        const recent = await channel.findRecentPosts(credentials, since);
        for (const post of recent) expect(ledger.map((e) => e.remoteId)).toContain(post.remoteId);
      }
      expect(fake.ledger(), 'reconciling never posts').toHaveLength(1);
    });

    it('reports a 429 as rate-limited with a wait and the account budget', async () => {
      fake.failNext({ kind: 'rate-limit', resetInSeconds: 30 });
      const before = Date.now();
      const error = await expectConnectorError(() => channel.publish(credentials, request()), 'rate-limited');
      expect(error.retryAfterMs ?? 0).toBeGreaterThan(0);
      const state = channel.rateLimitState(credentials);
      expect(state).not.toBeNull();
      expect(state?.remaining).toBe(0);
      expect(state?.resetAt ?? 0).toBeGreaterThan(before);
      expect(fake.ledger()).toHaveLength(0);
    });

    it(`reports a 5xx before anything was stored as ${subject.serverErrorKind ?? 'transient or unknown-outcome'}`, async () => {
      fake.failNext({ kind: 'server-error' });
      await expectConnectorError(() => channel.publish(credentials, request()), subject.serverErrorKind ?? ['transient', 'unknown-outcome']);
      expect(fake.ledger()).toHaveLength(0);
    });

    it('reports an expired token as auth-expired without posting', async () => {
      fake.failNext({ kind: 'auth-expired' });
      await expectConnectorError(() => channel.publish(credentials, request()), 'auth-expired');
      expect(fake.ledger()).toHaveLength(0);
    });

    if (refreshable) {
      it('refreshes expired credentials into ones that publish', async () => {
        const own = await fake.issueCredentials();
        fake.expireAccessTokens();
        await expectConnectorError(() => channel.publish(own, request()), 'auth-expired');
        const fresh = await channel.refreshToken(own);
        expect(fresh.accessToken).toBeTruthy();
        if (own.refreshToken) expect(fresh.refreshToken, 'a refresh must never drop the refresh token').toBeTruthy();
        await channel.publish(fresh, request());
        expect(fake.ledger()).toHaveLength(1);
      });
    }

    it('reports a validation refusal as rejected, with nothing posted', async () => {
      fake.failNext({ kind: 'reject' });
      const error = await expectConnectorError(() => channel.publish(credentials, request()), 'rejected');
      expect(error.isRetryable).toBe(false);
      expect(fake.ledger()).toHaveLength(0);
    });

    if (subject.supportsWithdraw) {
      it('withdraws a post, a second withdraw is still success, and checkStatus then says not-found', async () => {
        const post = await channel.publish(credentials, request());
        await channel.withdraw(credentials, post.remoteId);
        expect(fake.ledger()[0]).toMatchObject({ remoteId: post.remoteId, deleted: true });
        await expect(channel.withdraw(credentials, post.remoteId)).resolves.toBeUndefined();
        await expect(channel.checkStatus(credentials, { remoteId: post.remoteId })).resolves.toBe('not-found');
      });
    }

    it('never puts a token in an error', async () => {
      const own = await fake.issueCredentials();
      const secrets = [own.accessToken, own.refreshToken].filter((s): s is string => Boolean(s));
      const faults: FakeFault[] = [{ kind: 'rate-limit' }, { kind: 'server-error' }, { kind: 'auth-expired' }, { kind: 'reject' }, { kind: 'drop-after-commit' }];
      for (const fault of faults) {
        fake.failNext(fault);
        const error = await expectConnectorError(() => channel.publish(own, request()));
        for (const text of errorTexts(error)) for (const secret of secrets) expect(text).not.toContain(secret);
      }
    });

    it('gives limits that measureText accepts for its text channel', async () => {
      const options = await channel.limits(credentials);
      const measured = measureText(channel.textChannel, 'Selamat pagi 🇮🇩 https://kemlu.go.id/', options);
      expect(measured.limit).toBeGreaterThan(0);
      expect(measured.over).toBe(false);
    });

    it('honours the fake latency (100 ms: one publish takes at least that)', async () => {
      fake.setLatency(100);
      const started = performance.now();
      await channel.publish(credentials, request());
      // 1 ms of slack: Node's timers run on a millisecond clock that performance.now() can undercut.
      expect(performance.now() - started).toBeGreaterThanOrEqual(99);
      expect(fake.ledger()).toHaveLength(1);
    });
  });
}
