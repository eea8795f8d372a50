import { type Credentials, type IngestBatch, isConnectorError, unguardedOutbound } from '@diplodesk/connector-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MastodonFake, startFake } from './fake/index.ts';
import connector, { createMastodonSource, statusHtmlToText } from './index.ts';

let fake: MastodonFake;
beforeAll(async () => {
  fake = await startFake();
});
afterAll(async () => {
  await fake.close();
});

const settings = (extra: Record<string, string>, accessToken = ''): Credentials => ({ accessToken, extra: { instanceUrl: fake.baseUrl, ...extra } });

async function errorOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => null,
    (e: unknown) => e,
  );
}

describe('statusHtmlToText', () => {
  it('keeps paragraphs and line breaks and decodes entities', () => {
    expect(statusHtmlToText('<p>Hello &amp; <a href="https://x.test/tags/kemlu" class="mention hashtag">#<span>kemlu</span></a></p><p>Line<br />two&#39;s &#x1F1EE;&#x1F1E9;</p>')).toBe(
      "Hello & #kemlu\n\nLine\ntwo's 🇮🇩",
    );
    expect(statusHtmlToText('<p>a &bogus; &#xD800; b</p>')).toBe('a &bogus; &#xD800; b');
  });
});

describe('createMastodonSource.poll', () => {
  it('declares ingest next to publish', () => {
    expect(connector.manifest.capabilities).toEqual(['publish', 'ingest']);
    expect(typeof connector.implementations.ingest?.(fake.env, { outbound: unguardedOutbound }).poll).toBe('function');
  });

  it('reads a hashtag oldest-first, then only what is new, and resumes from a cursor', async () => {
    const source = createMastodonSource({}, unguardedOutbound);
    const creds = settings({ hashtag: '#ASEANSummit' });
    const a = fake.listening.postStatus({ text: 'Opening day #aseansummit', author: 'alice', language: 'en' });
    fake.listening.postStatus({ text: 'Unrelated #other' });
    const b = fake.listening.postStatus({ text: 'Hari kedua <3 & lanjut\n\n#ASEANSummit', author: 'budi@kemlu.example', language: 'id' });

    const first = await source.poll(creds, null);
    expect(first.items.map((i) => i.remoteId)).toEqual([a.uri, b.uri]);
    expect(first.nextCursor).toBe(b.id);
    expect(first.items[1]).toMatchObject({
      url: `${fake.baseUrl}/@budi/${b.id}`,
      author: { handle: 'budi@kemlu.example', displayName: 'Mission budi', url: 'https://kemlu.example/@budi' },
      text: 'Hari kedua <3 & lanjut\n\n#ASEANSummit',
      language: 'id',
      raw: { statusId: b.id, reblog: false },
    });
    expect(Date.parse(first.items[0]!.publishedAt)).not.toBeNaN();

    const empty = await source.poll(creds, first.nextCursor);
    expect(empty).toEqual({ items: [], nextCursor: b.id });

    const c = fake.listening.postStatus({ text: 'Closing #aseansummit' });
    const second = await source.poll(creds, first.nextCursor);
    expect(second.items.map((i) => i.remoteId)).toEqual([c.uri]);

    // Resuming from the first cursor again yields b's successor only: the cursor is exclusive.
    const resumed = await source.poll(creds, a.id);
    expect(resumed.items.map((i) => i.remoteId)).toEqual([b.uri, c.uri]);
  });

  it('walks several pages forward after a long pause without a gap', async () => {
    const source = createMastodonSource({}, unguardedOutbound);
    const creds = settings({ hashtag: 'paging' });
    const start = fake.listening.postStatus({ text: '#paging start' });
    const posted = Array.from({ length: 95 }, (_, n) => fake.listening.postStatus({ text: `#paging ${n}` }).uri);
    const batch = await source.poll(creds, start.id);
    expect(batch.items.map((i) => i.remoteId)).toEqual(posted);
  });

  it('uses the original of a reblog and says so, and skips malformed entries without failing', async () => {
    const source = createMastodonSource({}, unguardedOutbound);
    // Reblogs show on account timelines (tag and public timelines leave them out).
    const creds = settings({ account: 'dave' });
    fake.listening.postStatus({ text: 'Own post', author: 'dave' });
    const baseline = await source.poll(creds, null);
    const original = fake.listening.postStatus({ text: 'Original #boosted', author: 'carol' });
    const boost = fake.listening.reblog(original.id, 'dave');
    const batch = await source.poll(creds, baseline.nextCursor);
    expect(batch.items).toHaveLength(1);
    expect(batch.items[0]).toMatchObject({ remoteId: original.uri, author: { handle: 'carol' }, text: 'Original #boosted', raw: { reblog: true, rebloggedBy: 'dave', timelineId: boost.id } });
    expect(batch.nextCursor).toBe(boost.id);

    const tagged = settings({ hashtag: 'broken' });
    const tagBaseline = await source.poll(tagged, null);
    const broken = fake.listening.postMalformed('broken');
    const good = fake.listening.postStatus({ text: 'Fine #broken' });
    const tagBatch = await source.poll(tagged, tagBaseline.nextCursor);
    expect(tagBatch.items.map((i) => i.remoteId)).toEqual([good.uri]);
    expect(BigInt(broken.id) < BigInt(good.id)).toBe(true);
    // The cursor moves past a trailing broken entry too, so it is not read again.
    const trailing = fake.listening.postMalformed('broken');
    expect(await source.poll(tagged, tagBatch.nextCursor)).toEqual({ items: [], nextCursor: trailing.id });
  });

  it('looks an account up once and reads its statuses; reads the local timeline', async () => {
    const source = createMastodonSource({}, unguardedOutbound);
    const own = fake.listening.postStatus({ text: 'From the embassy', author: 'embassy' });
    fake.listening.postStatus({ text: 'From elsewhere', author: 'eve@remote.example' });
    const account = await source.poll(settings({ account: '@embassy' }), null);
    expect(account.items.map((i) => i.remoteId)).toEqual([own.uri]);

    const local = await source.poll(settings({ timeline: 'local' }), null);
    expect(local.items.some((i) => i.author?.handle === 'eve@remote.example')).toBe(false);
    const all = await source.poll(settings({ timeline: 'public' }), null);
    expect(all.items.some((i) => i.author?.handle === 'eve@remote.example')).toBe(true);
    await expect(source.poll(settings({ account: 'nobody' }), null)).rejects.toMatchObject({ kind: 'rejected', platformCode: '404' });
  });

  it('reports a 429 as rate-limited with the wait until X-RateLimit-Reset', async () => {
    const source = createMastodonSource({}, unguardedOutbound);
    fake.listening.failNextRead({ kind: 'rate-limit', resetInSeconds: 90 });
    const error = await errorOf(source.poll(settings({ hashtag: 'x' }), null));
    expect(isConnectorError(error, 'rate-limited')).toBe(true);
    const wait = (error as { retryAfterMs: number }).retryAfterMs;
    expect(wait).toBeGreaterThan(80_000);
    expect(wait).toBeLessThanOrEqual(90_000);
  });

  it('reports a refused token as auth-expired, and missing settings as rejected', async () => {
    const source = createMastodonSource({}, unguardedOutbound);
    const error = await errorOf(source.poll(settings({ hashtag: 'x' }, 'not-a-token'), null));
    expect(isConnectorError(error, 'auth-expired')).toBe(true);
    expect(isConnectorError(await errorOf(source.poll({ accessToken: '', extra: { instanceUrl: fake.baseUrl } }, null)), 'rejected')).toBe(true);
    expect(isConnectorError(await errorOf(source.poll(settings({ hashtag: 'x', instanceUrl: 'gopher://mastodon.example' }), null)), 'rejected')).toBe(true);
    const valid = await fake.issueCredentials();
    await expect(source.poll(settings({ hashtag: 'x' }, valid.accessToken), null)).resolves.toMatchObject({ items: [] });
    await expect(source.health(settings({ hashtag: 'x' }, 'not-a-token'))).resolves.toMatchObject({ status: 'down' });
    await expect(source.health(settings({ hashtag: 'x' }))).resolves.toMatchObject({ status: 'ok' });
  });
});

describe('createMastodonSource.stream', () => {
  /** Collects batches from the stream in the background. */
  function collect(iterable: AsyncIterable<IngestBatch>) {
    const batches: IngestBatch[] = [];
    const done = (async () => {
      for await (const batch of iterable) batches.push(batch);
    })();
    return { batches, done, remoteIds: () => batches.flatMap((b) => b.items.map((i) => i.remoteId)) };
  }

  async function until(check: () => boolean, what: string, ms = 5_000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!check()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  it('follows the hashtag stream and backfills the gap after the connection drops', async () => {
    const source = createMastodonSource({}, unguardedOutbound, { backoffMs: 20, maxBackoffMs: 100 });
    const creds = settings({ hashtag: 'live' });
    const before = fake.listening.postStatus({ text: 'before #live' });
    const baseline = await source.poll(creds, null);
    expect(baseline.nextCursor).toBe(before.id);
    const missed = fake.listening.postStatus({ text: 'while nobody listened #live' });

    const controller = new AbortController();
    const run = collect(source.stream!(creds, baseline.nextCursor, controller.signal));
    // The first backfill catches what happened since the cursor.
    await until(() => run.remoteIds().includes(missed.uri), 'initial backfill');
    await until(() => fake.listening.openStreams() === 1, 'stream open');
    const live = fake.listening.postStatus({ text: 'live one #live' });
    await until(() => run.remoteIds().includes(live.uri), 'streamed status');

    // Cut the stream and keep the host down while two statuses are posted: they can only come from a backfill.
    fake.listening.setStreamingDown(true);
    fake.listening.dropStreams();
    const gap1 = fake.listening.postStatus({ text: 'gap one #live' });
    const gap2 = fake.listening.postStatus({ text: 'gap two #live' });
    await new Promise((r) => setTimeout(r, 150));
    fake.listening.setStreamingDown(false);
    await until(() => run.remoteIds().includes(gap2.uri), 'backfill after reconnect');
    await until(() => fake.listening.openStreams() === 1, 'stream reopened');
    const after = fake.listening.postStatus({ text: 'after #live' });
    await until(() => run.remoteIds().includes(after.uri), 'stream after reconnect');

    controller.abort();
    await run.done;
    expect(run.remoteIds()).toEqual([missed.uri, live.uri, gap1.uri, gap2.uri, after.uri]);
    expect(run.batches.at(-1)?.nextCursor).toBe(after.uri.split('/').at(-1));
    await until(() => fake.listening.openStreams() === 0, 'stream closed on abort');
  });

  it('ends with auth-expired when the token is refused', async () => {
    const source = createMastodonSource({}, unguardedOutbound, { backoffMs: 10 });
    const controller = new AbortController();
    const error = await errorOf(
      (async () => {
        for await (const _ of source.stream!(settings({ hashtag: 'live' }, 'bad-token'), null, controller.signal)) {
          // no batch is expected before the failure
        }
      })(),
    );
    expect(isConnectorError(error, 'auth-expired')).toBe(true);
  });
});
