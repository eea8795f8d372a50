import { type Credentials, type IngestBatch, isConnectorError, unguardedOutbound } from '@diplodesk/connector-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BlueskyFake, startFake } from './fake/index.ts';
import connector, { createBlueskySource } from './index.ts';

let fake: BlueskyFake;
beforeAll(async () => {
  fake = await startFake();
});
afterAll(async () => {
  await fake.close();
});

const creds = (extra: Record<string, string>, accessToken = ''): Credentials => ({ accessToken, extra });
const DID_A = 'did:plc:aaaaaaaaaaaaaaaaaaaaaaaa';
const DID_B = 'did:plc:bbbbbbbbbbbbbbbbbbbbbbbb';

async function errorOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => null,
    (e: unknown) => e,
  );
}

async function until(check: () => boolean, what: string, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('createBlueskySource (Jetstream)', () => {
  it('declares ingest next to publish', () => {
    expect(connector.manifest.capabilities).toEqual(['publish', 'ingest']);
    expect(typeof connector.implementations.ingest?.(fake.env, { outbound: unguardedOutbound }).poll).toBe('function');
  });

  it('polls from a fresh start, then returns only new posts, and resumes from a cursor', async () => {
    const source = createBlueskySource(fake.env, unguardedOutbound, { pollWindowMs: 250 });
    const tag = `tag${Date.now()}`;
    const settings = creds({ hashtags: `#${tag}` });
    // From a null cursor the poll reads the live tail for its window.
    const firstPoll = source.poll(settings, null);
    await until(() => fake.listening.jetstream.connections() > 0, 'subscription');
    const a = fake.listening.post({ did: DID_A, text: `Hello #${tag}`, langs: ['id', 'en'], createdAt: '2026-03-01T10:00:00.000Z' });
    fake.listening.post({ did: DID_B, text: 'not matching' });
    const b = fake.listening.post({ did: DID_B, text: `Second #${tag}` });
    const first = await firstPoll;
    expect(first.items.map((i) => i.remoteId)).toEqual([a.uri, b.uri]);
    expect(first.nextCursor).toBe(String(b.timeUs));
    const rkey = a.uri.split('/').at(-1);
    expect(first.items[0]).toMatchObject({
      url: `https://bsky.app/profile/${DID_A}/post/${rkey}`,
      author: { remoteAccountId: DID_A, handle: DID_A },
      text: `Hello #${tag}`,
      language: 'id',
      publishedAt: '2026-03-01T10:00:00.000Z',
      raw: { source: 'jetstream', did: DID_A, rkey, timeUs: a.timeUs },
    });
    const query = fake.listening.jetstream.subscriptions.at(-1)!;
    expect(query.getAll('wantedCollections')).toEqual(['app.bsky.feed.post']);
    expect(query.has('cursor')).toBe(false);

    // Nothing new: the cursor stays, the replayed event at the cursor is not returned again.
    const quiet = await source.poll(settings, first.nextCursor);
    expect(quiet).toEqual({ items: [], nextCursor: first.nextCursor });
    expect(fake.listening.jetstream.subscriptions.at(-1)!.get('cursor')).toBe(first.nextCursor);

    const c = fake.listening.post({ did: DID_A, text: `Third #${tag.toUpperCase()}` });
    const second = await source.poll(settings, first.nextCursor);
    expect(second.items.map((i) => i.remoteId)).toEqual([c.uri]);

    // Resuming from an older cursor replays what came after it.
    const resumed = await source.poll(settings, String(a.timeUs));
    expect(resumed.items.map((i) => i.remoteId)).toEqual([b.uri, c.uri]);
    expect(resumed.nextCursor).toBe(String(c.timeUs));
  });

  it('filters by DID (sent to Jetstream) and by keywords, and skips malformed events', async () => {
    const source = createBlueskySource(fake.env, unguardedOutbound, { pollWindowMs: 200 });
    const start = fake.listening.post({ did: DID_B, text: 'baseline' });
    fake.listening.jetstream.emitRaw('{not json');
    fake.listening.jetstream.emitCommit(DID_A, { operation: 'create', collection: 'app.bsky.feed.post', rkey: 'x1', record: { text: 42 } });
    fake.listening.jetstream.emitCommit(DID_A, { operation: 'delete', collection: 'app.bsky.feed.post', rkey: 'x2' });
    const noDate = fake.listening.jetstream.emitPost({ did: DID_A, text: 'Climate talks in Bali', createdAt: 'soon', langs: [] });
    fake.listening.post({ did: DID_A, text: 'Nothing relevant' });
    fake.listening.post({ did: DID_B, text: 'Climate from the wrong account' });
    const batch = await source.poll(creds({ wantedDids: DID_A, keywords: 'climate, iklim' }), String(start.timeUs));
    expect(batch.items.map((i) => i.remoteId)).toEqual([noDate.uri]);
    expect(batch.items[0]?.publishedAt).toBe(new Date(Math.floor(noDate.timeUs / 1000)).toISOString());
    expect(batch.items[0]?.language).toBeUndefined();
    expect(fake.listening.jetstream.subscriptions.at(-1)!.getAll('wantedDids')).toEqual([DID_A]);
    // The cursor passes the events that did not match, so they are not read again.
    expect(Number(batch.nextCursor)).toBeGreaterThan(noDate.timeUs);
  });

  it('stops a poll at the item cap and continues from there on the next', async () => {
    const source = createBlueskySource(fake.env, unguardedOutbound, { pollWindowMs: 500, pollMaxItems: 2 });
    const start = fake.listening.post({ did: DID_A, text: 'cap start' });
    const posts = [1, 2, 3].map((n) => fake.listening.post({ did: DID_A, text: `cap ${n}` }));
    const settings = creds({ keywords: 'cap ' });
    const one = await source.poll(settings, String(start.timeUs));
    expect(one.items.map((i) => i.remoteId)).toEqual([posts[0]!.uri, posts[1]!.uri]);
    const two = await source.poll(settings, one.nextCursor);
    expect(two.items.map((i) => i.remoteId)).toEqual([posts[2]!.uri]);
  });

  it('streams, reconnects after a drop with a rewound cursor, and yields each post once', async () => {
    const source = createBlueskySource(fake.env, unguardedOutbound, { rewindMs: 3_000, backoffMs: 20, maxBackoffMs: 100 });
    const tag = `live${Date.now()}`;
    const settings = creds({ hashtags: tag });
    const before = fake.listening.post({ did: DID_A, text: `before #${tag}` });
    const controller = new AbortController();
    const batches: IngestBatch[] = [];
    const subscriptionsBefore = fake.listening.jetstream.subscriptions.length;
    const done = (async () => {
      for await (const batch of source.stream!(settings, String(before.timeUs), controller.signal)) batches.push(batch);
    })();
    const ids = () => batches.flatMap((b) => b.items.map((i) => i.remoteId));
    await until(() => fake.listening.jetstream.connections() > 0, 'subscription');
    const one = fake.listening.post({ did: DID_A, text: `one #${tag}` });
    await until(() => ids().includes(one.uri), 'live post');
    fake.listening.jetstream.dropConnections();
    // Posted while disconnected: only the cursor replay can bring it.
    const two = fake.listening.post({ did: DID_B, text: `two #${tag}` });
    await until(() => ids().includes(two.uri), 'replayed post');
    const three = fake.listening.post({ did: DID_A, text: `three #${tag}` });
    await until(() => ids().includes(three.uri), 'post after reconnect');
    controller.abort();
    await done;
    expect(ids()).toEqual([one.uri, two.uri, three.uri]);
    const reconnect = fake.listening.jetstream.subscriptions.slice(subscriptionsBefore)[1]!;
    expect(Number(reconnect.get('cursor'))).toBe(one.timeUs - 3_000_000);
    expect(batches.at(-1)?.nextCursor).toBe(String(three.timeUs));
  });

  it('sees posts published through the PDS on Jetstream', async () => {
    const source = createBlueskySource(fake.env, unguardedOutbound, { pollWindowMs: 200 });
    const start = fake.listening.post({ did: DID_A, text: 'pds start' });
    const { createBlueskyChannel } = await import('./index.ts');
    const channel = createBlueskyChannel(fake.env, unguardedOutbound);
    const credentials = await fake.issueCredentials();
    const post = await channel.publish(credentials, { idempotencyKey: 'listen-pds-1', text: 'Pernyataan pers tentang iklim', media: [] });
    const batch = await source.poll(creds({ keywords: 'iklim' }), String(start.timeUs));
    expect(batch.items.map((i) => i.remoteId)).toEqual([post.remoteId]);
  });

  it('reports an unreachable Jetstream as transient and a bad cursor as rejected', async () => {
    const source = createBlueskySource({ BLUESKY_JETSTREAM_URL: 'ws://127.0.0.1:9/subscribe' }, unguardedOutbound, { pollWindowMs: 200 });
    expect(isConnectorError(await errorOf(source.poll(creds({}), null)), 'transient')).toBe(true);
    await expect(source.health(creds({}))).resolves.toMatchObject({ status: 'down' });
    const ok = createBlueskySource(fake.env, unguardedOutbound, { pollWindowMs: 100 });
    await expect(ok.health(creds({}))).resolves.toMatchObject({ status: 'ok' });
    await expect(ok.health(creds({ mode: 'search', query: 'x' }))).resolves.toMatchObject({ status: 'ok' });
    expect(isConnectorError(await errorOf(ok.poll(creds({}), 'yesterday')), 'rejected')).toBe(true);
  });
});

describe('createBlueskySource (search fallback)', () => {
  it('searches a hashtag: latest page first, then only newer posts, skipping malformed hits', async () => {
    const source = createBlueskySource(fake.env, unguardedOutbound);
    const tag = `srch${Date.now()}`;
    const settings = creds({ mode: 'search', hashtags: tag });
    const a = fake.listening.post({ did: DID_A, handle: 'embassy.test', text: `Statement #${tag}`, langs: ['en'] });
    const b = fake.listening.post({ did: DID_B, text: `Reply #${tag}` });
    const first = await source.poll(settings, null);
    expect(first.items.map((i) => i.remoteId)).toEqual([a.uri, b.uri]);
    expect(first.items[0]).toMatchObject({
      url: `https://bsky.app/profile/embassy.test/post/${a.uri.split('/').at(-1)}`,
      author: { remoteAccountId: DID_A, handle: 'embassy.test', displayName: 'Display embassy.test' },
      language: 'en',
      raw: { source: 'search', indexedAt: a.indexedAt },
    });
    // A handle that does not resolve links by DID.
    expect(first.items[1]?.url).toContain(`/profile/${DID_B}/post/`);
    expect(first.nextCursor).toBe(b.indexedAt);

    expect(await source.poll(settings, first.nextCursor)).toEqual({ items: [], nextCursor: b.indexedAt });
    fake.listening.addMalformedSearchHit();
    const c = fake.listening.post({ did: DID_A, text: `Later #${tag}` });
    const second = await source.poll(settings, first.nextCursor);
    expect(second.items.map((i) => i.remoteId)).toEqual([c.uri]);
  });

  it('maps 429 to rate-limited with the reset wait, and a refused token to auth-expired', async () => {
    const source = createBlueskySource(fake.env, unguardedOutbound);
    fake.listening.failNextRead({ kind: 'rate-limit', resetInSeconds: 120 });
    const limited = await errorOf(source.poll(creds({ mode: 'search', query: 'x' }), null));
    expect(isConnectorError(limited, 'rate-limited')).toBe(true);
    expect((limited as { retryAfterMs: number }).retryAfterMs).toBeGreaterThan(100_000);
    expect((limited as { retryAfterMs: number }).retryAfterMs).toBeLessThanOrEqual(121_000);

    fake.listening.failNextRead({ kind: 'auth-expired' });
    expect(isConnectorError(await errorOf(source.poll(creds({ mode: 'search', query: 'x' }), null)), 'auth-expired')).toBe(true);
    expect(isConnectorError(await errorOf(source.poll(creds({ mode: 'search', query: 'x' }, 'garbage.token.here'), null)), 'auth-expired')).toBe(true);
    const valid = await fake.issueCredentials();
    await expect(source.poll(creds({ mode: 'search', query: 'nothing-matches-this' }, valid.accessToken), null)).resolves.toEqual({ items: [], nextCursor: null });
    expect(isConnectorError(await errorOf(source.poll(creds({ mode: 'search' }), null)), 'rejected')).toBe(true);
  });
});
