import { unguardedOutbound } from '@diplodesk/connector-sdk';
import { describePublishChannelContract } from '@diplodesk/connector-sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFake, TELEGRAM_FAKE_CHAT_LIMIT } from './fake/index.ts';
import connector, { createTelegramChannel, telegramMethodFor } from './index.ts';

describePublishChannelContract('telegram', {
  startFake,
  create: (env) => createTelegramChannel(env, unguardedOutbound),
  duplicateGuard: false,
  supportsWithdraw: true,
  // Bot tokens never expire and cannot be refreshed: a revoked one means reconnecting.
  refreshable: false,
  serverErrorKind: 'unknown-outcome',
  // Bots cannot read channel history, so an unknown outcome waits for a person.
  reconcile: 'none',
});

const photo = { storageKey: 'p', mimeType: 'image/jpeg', byteSize: 3, sha256: 'x' };
const openMedia = async function* () {
  yield new Uint8Array([0xff, 0xd8, 0xff]);
};

describe('Telegram connector', () => {
  let fake: Awaited<ReturnType<typeof startFake>>;
  beforeAll(async () => {
    fake = await startFake();
  });
  afterAll(() => fake.close());

  it('is configured without any env (the token comes through the connect form)', () => {
    expect(connector.manifest.auth).toBe('bot-token');
    expect(connector.isConfigured({})).toBe(true);
  });

  it('chooses sendPhoto with a 1,024 caption when there is a photo, sendMessage with 4,096 otherwise', () => {
    expect(telegramMethodFor({ text: 'a', media: [] })).toEqual({ method: 'sendMessage', limit: 4096 });
    expect(telegramMethodFor({ text: 'a', media: [photo] })).toEqual({ method: 'sendPhoto', limit: 1024 });
  });

  it('sends a photo with the text as its caption, and a long text without a photo as a message', async () => {
    fake.reset();
    const channel = createTelegramChannel(fake.env, unguardedOutbound);
    const credentials = await fake.issueCredentials();
    const long = 'Siaran pers. '.repeat(200).slice(0, 2000);
    await channel.publish(credentials, { idempotencyKey: 'a', text: 'Foto bersama', media: [photo], openMedia });
    await channel.publish(credentials, { idempotencyKey: 'b', text: long, media: [] });
    expect(fake.ledger().map((e) => [e.text.length, e.mediaCount])).toEqual([
      ['Foto bersama'.length, 1],
      [2000, 0],
    ]);
  });

  it('refuses a caption over 1,024 UTF-16 units before sending anything', async () => {
    fake.reset();
    const channel = createTelegramChannel(fake.env, unguardedOutbound);
    const credentials = await fake.issueCredentials();
    // 513 code points fit a caption, but they are 1,026 UTF-16 units, which is what Telegram counts.
    const text = '🇮'.repeat(513);
    await expect(channel.publish(credentials, { idempotencyKey: 'c', text, media: [photo], openMedia })).rejects.toMatchObject({ kind: 'rejected' });
    expect(fake.ledger()).toHaveLength(0);
  });

  it('connects by form: names the channel and refuses a bot that is not its administrator', async () => {
    const channel = createTelegramChannel(fake.env, unguardedOutbound);
    const values = fake.connectFormValues() ?? {};
    const { account, credentials } = await channel.finishConnect({ kind: 'form', values });
    expect(account.handle).toBe(values.chatId);
    expect(account.url).toBe(`https://t.me/${values.chatId?.slice(1)}`);
    expect(credentials.extra?.chatId).toBe(account.remoteAccountId);
    const other = fake.connectFormValues() ?? {};
    await expect(channel.finishConnect({ kind: 'form', values: { botToken: other.botToken ?? '', chatId: values.chatId ?? '' } })).rejects.toMatchObject({ kind: 'rejected' });
  });

  it('turns the per-chat budget into rate-limited with retry_after, and links posts to the channel', async () => {
    fake.reset();
    const channel = createTelegramChannel(fake.env, unguardedOutbound);
    const credentials = await fake.issueCredentials();
    let last = { remoteId: '', url: '' };
    for (let i = 0; i < TELEGRAM_FAKE_CHAT_LIMIT; i++) last = await channel.publish(credentials, { idempotencyKey: `r${i}`, text: `Pesan ${i}`, media: [] });
    expect(last.url).toBe(`https://t.me/${credentials.extra?.chatUsername}/${last.remoteId}`);
    const error = await channel.publish(credentials, { idempotencyKey: 'over', text: 'over', media: [] }).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'rate-limited' });
    expect((error as { retryAfterMs: number }).retryAfterMs).toBeGreaterThan(0);
    expect(channel.rateLimitState(credentials)?.remaining).toBe(0);
  });
});
