import { unguardedOutbound } from '@diplodesk/connector-sdk';
import type { Credentials } from '@diplodesk/connector-sdk';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFake, type TelegramFakePlatform } from './fake/index.ts';
import connector from './index.ts';
import { createTelegramChannelSource } from './telegram-channel-source.ts';

describe('Telegram channel source', () => {
  let fake: TelegramFakePlatform;
  let credentials: Credentials;
  let chatId: string;
  let username: string;
  // No long-poll wait in tests: an empty queue answers at once.
  const env = () => ({ ...fake.env, TELEGRAM_POLL_TIMEOUT_S: '0' });
  beforeAll(async () => {
    fake = await startFake();
  });
  afterAll(() => fake.close());
  beforeEach(async () => {
    fake.reset();
    credentials = await fake.issueCredentials();
    chatId = credentials.extra?.chatId ?? '';
    username = credentials.extra?.chatUsername ?? '';
  });

  it('declares ingest beside publish', () => {
    expect(connector.manifest.capabilities).toEqual(['publish', 'ingest']);
    expect(connector.implementations.ingest?.(fake.env, { outbound: unguardedOutbound })).toBeDefined();
  });

  it('reads the channel’s posts from a null cursor, text or caption, with public links', async () => {
    const a = fake.postInChannel(chatId, { text: 'Siaran pers: Menlu bertemu mitra ASEAN', date: 1_777_000_000 });
    const b = fake.postInChannel(chatId, { caption: 'Foto kunjungan' });
    fake.postInChannel(chatId, { caption: undefined });
    const batch = await createTelegramChannelSource(env(), unguardedOutbound).poll(credentials, null);
    expect(batch.items.map((i) => i.text)).toEqual(['Siaran pers: Menlu bertemu mitra ASEAN', 'Foto kunjungan']);
    expect(batch.items[0]).toMatchObject({
      remoteId: `${chatId}:${a.messageId}`,
      url: `https://t.me/${username}/${a.messageId}`,
      author: { remoteAccountId: chatId, handle: username, url: `https://t.me/${username}` },
      publishedAt: new Date(1_777_000_000 * 1000).toISOString(),
    });
    expect(batch.items[1]?.remoteId).toBe(`${chatId}:${b.messageId}`);
    expect(batch.nextCursor).toMatch(/^\d+$/);
  });

  it('returns only new posts next time, and resumes from a stored cursor in a new instance', async () => {
    const source = createTelegramChannelSource(env(), unguardedOutbound);
    fake.postInChannel(chatId, { text: 'satu' });
    const first = await source.poll(credentials, null);
    const empty = await source.poll(credentials, first.nextCursor);
    expect(empty.items).toEqual([]);
    expect(empty.nextCursor).toBe(first.nextCursor);
    fake.postInChannel(chatId, { text: 'dua' });
    const second = await createTelegramChannelSource(env(), unguardedOutbound).poll(credentials, first.nextCursor);
    expect(second.items.map((i) => i.text)).toEqual(['dua']);
  });

  it('gets the same updates again when the cursor was not saved (at-least-once)', async () => {
    fake.postInChannel(chatId, { text: 'belum disimpan' });
    const source = createTelegramChannelSource(env(), unguardedOutbound);
    const first = await source.poll(credentials, null);
    const repeat = await source.poll(credentials, null);
    expect(repeat.items.map((i) => i.remoteId)).toEqual(first.items.map((i) => i.remoteId));
  });

  it('keeps only the configured channel, by id or by @username', async () => {
    const other = fake.addChannelForBot(credentials.accessToken);
    fake.postInChannel(other.chatId, { text: 'kanal lain' });
    fake.postInChannel(chatId, { text: 'kanal kita' });
    const byName = await createTelegramChannelSource(env(), unguardedOutbound).poll({ accessToken: credentials.accessToken, extra: { chatId: `@${username.toUpperCase()}` } }, null);
    expect(byName.items.map((i) => i.text)).toEqual(['kanal kita']);
    const byId = await createTelegramChannelSource(env(), unguardedOutbound).poll({ accessToken: credentials.accessToken, extra: { chatId: other.chatId } }, null);
    expect(byId.items.map((i) => i.text)).toEqual(['kanal lain']);
  });

  it('drains more than one getUpdates page in a poll', async () => {
    for (let i = 0; i < 250; i++) fake.postInChannel(chatId, { text: `pos ${i}` });
    const batch = await createTelegramChannelSource(env(), unguardedOutbound).poll(credentials, null);
    expect(batch.items).toHaveLength(250);
    expect(batch.items.at(-1)?.text).toBe('pos 249');
  });

  it('reads edits under the post’s id, marked as edited', async () => {
    const post = fake.postInChannel(chatId, { text: 'versi awal' });
    fake.editInChannel(chatId, post.messageId, 'versi ralat');
    const batch = await createTelegramChannelSource(env(), unguardedOutbound).poll(credentials, null);
    expect(batch.items.map((i) => [i.remoteId, i.text])).toEqual([
      [`${chatId}:${post.messageId}`, 'versi awal'],
      [`${chatId}:${post.messageId}`, 'versi ralat'],
    ]);
    expect(batch.items[1]?.raw).toMatchObject({ edited: true });
  });

  it('turns 429 into rate-limited with retry_after', async () => {
    fake.throttleNextGetUpdates(credentials.accessToken, 17);
    await expect(createTelegramChannelSource(env(), unguardedOutbound).poll(credentials, null)).rejects.toMatchObject({ kind: 'rate-limited', retryAfterMs: 17_000 });
  });

  it('reports a revoked bot token as auth-expired, without the token in the message', async () => {
    fake.expireAccessTokens();
    const error = await createTelegramChannelSource(env(), unguardedOutbound)
      .poll(credentials, null)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'auth-expired' });
    expect(String((error as Error).message)).not.toContain(credentials.accessToken);
  });

  it('refuses while a webhook is set, and health says why', async () => {
    fake.setWebhook(credentials.accessToken, 'https://elsewhere.example/hook');
    const source = createTelegramChannelSource(env(), unguardedOutbound);
    await expect(source.poll(credentials, null)).rejects.toMatchObject({ kind: 'rejected', platformCode: 'conflict' });
    expect(await source.health(credentials)).toMatchObject({ status: 'down' });
    fake.setWebhook(credentials.accessToken, '');
    expect(await source.health(credentials)).toMatchObject({ status: 'ok' });
  });

  it('skips malformed updates and keeps the rest', async () => {
    fake.postInChannel(chatId, { text: 'sebelum' });
    fake.addRawUpdate(credentials.accessToken, { channel_post: { chat: { id: Number(chatId), username }, text: 'no id, no date' } });
    fake.addRawUpdate(credentials.accessToken, { update_id: 'bad' });
    fake.postInChannel(chatId, { text: 'sesudah' });
    const batch = await createTelegramChannelSource(env(), unguardedOutbound).poll(credentials, null);
    expect(batch.items.map((i) => i.text)).toEqual(['sebelum', 'sesudah']);
    expect(batch.problems).toEqual({ skipped: 2 });
  });

  it('waits briefly for new posts with a long-poll timeout', async () => {
    const source = createTelegramChannelSource({ ...fake.env, TELEGRAM_POLL_TIMEOUT_S: '2' }, unguardedOutbound);
    const pending = source.poll(credentials, null);
    setTimeout(() => fake.postInChannel(chatId, { text: 'datang kemudian' }), 100);
    expect((await pending).items.map((i) => i.text)).toEqual(['datang kemudian']);
  });
});
