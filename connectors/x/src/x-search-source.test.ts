import { ConnectorError, unguardedOutbound } from '@diplodesk/connector-sdk';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFake, X_FAKE_APP_BEARER, type XFakePlatform } from './fake/index.ts';
import connector from './index.ts';
import { createXSearchSource, decodeXSearchCursor } from './x-search-source.ts';

const app = (query: string) => ({ accessToken: '', extra: { query } });

describe('X recent search source', () => {
  let fake: XFakePlatform;
  beforeAll(async () => {
    fake = await startFake();
  });
  afterAll(() => fake.close());
  beforeEach(() => fake.reset());

  it('declares ingest beside publish', () => {
    expect(connector.manifest.capabilities).toEqual(['publish', 'ingest']);
    expect(connector.implementations.ingest?.(fake.env, { outbound: unguardedOutbound })).toBeDefined();
  });

  it('reads the latest page on a first poll, with authors, links, language and time', async () => {
    fake.addPublicPost({ text: 'Kemlu menanggapi isu perbatasan', username: 'warga_a', lang: 'in', createdAt: '2026-05-01T02:00:00.000Z' });
    fake.addPublicPost({ text: 'Unrelated post about football' });
    const last = fake.addPublicPost({ text: 'Statement by KEMLU on maritime #diplomasi', username: 'analyst_b', lang: 'en' });
    const batch = await createXSearchSource(fake.env, unguardedOutbound).poll(app('kemlu'), null);
    expect(batch.items.map((i) => i.text)).toEqual(['Statement by KEMLU on maritime #diplomasi', 'Kemlu menanggapi isu perbatasan']);
    expect(batch.items[0]).toMatchObject({
      remoteId: last.id,
      url: `https://x.com/analyst_b/status/${last.id}`,
      author: { remoteAccountId: last.authorId, handle: 'analyst_b', displayName: 'Warga analyst_b', url: 'https://x.com/analyst_b' },
      language: 'en',
      publishedAt: last.createdAt,
    });
    // X's legacy `in` becomes the BCP 47 `id`.
    expect(batch.items[1]).toMatchObject({ language: 'id', publishedAt: '2026-05-01T02:00:00.000Z' });
    expect(batch.nextCursor).toBe(last.id);
  });

  it('returns only newer posts on the next poll, and resumes from a stored cursor in a new instance', async () => {
    const source = createXSearchSource(fake.env, unguardedOutbound);
    fake.addPublicPost({ text: 'kemlu satu' });
    const first = await source.poll(app('kemlu'), null);
    expect(first.items).toHaveLength(1);
    const again = await source.poll(app('kemlu'), first.nextCursor);
    expect(again.items).toEqual([]);
    expect(again.nextCursor).toBe(first.nextCursor);
    fake.addPublicPost({ text: 'kemlu dua' });
    fake.addPublicPost({ text: 'kemlu tiga' });
    const resumed = await createXSearchSource(fake.env, unguardedOutbound).poll(app('kemlu'), first.nextCursor);
    expect(resumed.items.map((i) => i.text)).toEqual(['kemlu tiga', 'kemlu dua']);
  });

  it('walks next_token pages within a poll, and finishes an unfinished walk on the next poll', async () => {
    const source = createXSearchSource(fake.env, unguardedOutbound, { maxPages: 2 });
    const seed = await source.poll(app('kemlu'), null);
    expect(seed.nextCursor).toBeNull();
    const start = fake.addPublicPost({ text: 'kemlu 0' });
    const cursor = (await source.poll(app('kemlu'), null)).nextCursor;
    expect(cursor).toBe(start.id);
    for (let i = 1; i <= 250; i++) fake.addPublicPost({ text: `kemlu ${i}` });
    const first = await source.poll(app('kemlu'), cursor);
    expect(first.items).toHaveLength(200);
    // Two pages of 100 from the newest down; the cursor keeps the walk's next_token.
    expect(decodeXSearchCursor(first.nextCursor)).toMatchObject({ since: start.id, next: expect.any(String) });
    const second = await source.poll(app('kemlu'), first.nextCursor);
    expect(second.items.map((i) => i.text)).toEqual(Array.from({ length: 50 }, (_, k) => `kemlu ${50 - k}`));
    const seen = new Set([...first.items, ...second.items].map((i) => i.remoteId));
    expect(seen.size).toBe(250);
    // The walk is over: the cursor is the newest id, and nothing is new.
    expect(second.nextCursor).toBe(first.items[0]?.remoteId);
    expect((await source.poll(app('kemlu'), second.nextCursor)).items).toEqual([]);
  });

  it('uses the source token before the app bearer token', async () => {
    const credentials = await fake.issueCredentials();
    fake.addPublicPost({ text: 'kemlu pakai token pengguna' });
    const source = createXSearchSource({ ...fake.env, X_BEARER_TOKEN: '' }, unguardedOutbound);
    const batch = await source.poll({ ...credentials, extra: { query: 'kemlu' } }, null);
    expect(batch.items).toHaveLength(1);
    expect(source.rateLimitState({ ...credentials, extra: { query: 'kemlu' } })).toMatchObject({ limit: 450, remaining: 449 });
    await expect(source.poll(app('kemlu'), null)).rejects.toMatchObject({ kind: 'auth-expired', platformCode: 'no-token' });
  });

  it('paces itself: with the window spent it throws rate-limited without calling X', async () => {
    fake.setSearchLimit(1);
    fake.addPublicPost({ text: 'kemlu' });
    const source = createXSearchSource(fake.env, unguardedOutbound);
    const first = await source.poll(app('kemlu'), null);
    expect(source.rateLimitState(app('kemlu'))).toMatchObject({ remaining: 0 });
    const calls = fake.searchCalls();
    const error = await source.poll(app('kemlu'), first.nextCursor).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectorError);
    expect(error).toMatchObject({ kind: 'rate-limited', platformCode: 'budget-spent' });
    // The fake's window is 15 minutes; the wait comes from x-rate-limit-reset.
    expect((error as ConnectorError).retryAfterMs).toBeGreaterThan(14 * 60_000);
    expect((error as ConnectorError).retryAfterMs).toBeLessThanOrEqual(15 * 60_000 + 1000);
    expect(fake.searchCalls()).toBe(calls);
  });

  it('turns X’s own 429 into rate-limited with the wait from x-rate-limit-reset', async () => {
    fake.setSearchLimit(0);
    const error = await createXSearchSource(fake.env, unguardedOutbound)
      .poll(app('kemlu'), null)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'rate-limited', platformCode: '429' });
    expect((error as ConnectorError).retryAfterMs).toBeGreaterThan(14 * 60_000);
  });

  it('keeps what it read when the budget runs out mid-walk, and resumes the walk later', async () => {
    const source = createXSearchSource(fake.env, unguardedOutbound, { maxPages: 5 });
    const start = fake.addPublicPost({ text: 'kemlu 0' });
    for (let i = 1; i <= 150; i++) fake.addPublicPost({ text: `kemlu ${i}` });
    fake.setSearchLimit(1);
    const batch = await source.poll(app('kemlu'), start.id);
    expect(batch.items).toHaveLength(100);
    expect(decodeXSearchCursor(batch.nextCursor)).toMatchObject({ since: start.id, next: expect.any(String) });
    fake.setSearchLimit(10);
    const rest = await createXSearchSource(fake.env, unguardedOutbound).poll(app('kemlu'), batch.nextCursor);
    expect(rest.items).toHaveLength(50);
  });

  it('reports an invalid token as auth-expired', async () => {
    await expect(createXSearchSource(fake.env, unguardedOutbound).poll({ accessToken: 'not-a-token', extra: { query: 'kemlu' } }, null)).rejects.toMatchObject({ kind: 'auth-expired' });
  });

  it('skips malformed entries and keeps the rest', async () => {
    fake.addPublicPost({ text: 'kemlu sebelum' });
    fake.addRawSearchEntry({ id: 42, text: null });
    fake.addRawSearchEntry({ id: '1999999999999999999', text: 'no date' });
    fake.addPublicPost({ text: 'kemlu sesudah' });
    const batch = await createXSearchSource(fake.env, unguardedOutbound).poll(app('kemlu'), null);
    expect(batch.items.map((i) => i.text)).toEqual(['kemlu sesudah', 'kemlu sebelum']);
    expect(batch.problems).toEqual({ skipped: 2 });
  });

  it('refuses a source without a query, and says so in health', async () => {
    const source = createXSearchSource(fake.env, unguardedOutbound);
    await expect(source.poll({ accessToken: X_FAKE_APP_BEARER }, null)).rejects.toMatchObject({ kind: 'rejected', platformCode: 'no-query' });
    expect(await source.health({ accessToken: '' })).toMatchObject({ status: 'down' });
    expect(await source.health(app('kemlu'))).toMatchObject({ status: 'ok' });
  });
});
