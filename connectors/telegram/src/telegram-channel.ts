// Publishing to a Telegram channel through the Bot API: the bot must be an administrator of the
// channel with the right to post. Text goes out plain (no parse_mode), so what the editor
// measures is what Telegram counts.
import { ConnectorError, type Credentials, measureText, type OutboundHttp, type PublishChannel, type PublishStatus, type RateLimitState, type RecentPost } from '@diplodesk/connector-sdk';

const DEFAULT_API = 'https://api.telegram.org';
const REQUEST_TIMEOUT_MS = 30_000;
const PHOTO_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/gif']);

type Effect = 'read' | 'write';

interface BotAnswer<T> {
  ok: boolean;
  result?: T;
  error_code?: number;
  description?: string;
  parameters?: { retry_after?: number; migrate_to_chat_id?: number };
}

interface TgChat {
  id: number;
  type: string;
  title?: string;
  username?: string;
}

/** How a publication goes out: a message (4,096) or, with a photo, the photo's caption (1,024). */
export function telegramMethodFor(request: { text: string; media: { mimeType: string }[] }): { method: 'sendMessage' | 'sendPhoto'; limit: number } {
  const caption = request.media.length > 0;
  return { method: caption ? 'sendPhoto' : 'sendMessage', limit: measureText('telegram', request.text, { caption }).limit };
}

/**
 * Creates the Telegram publish channel.
 *
 * @example
 * const channel = createTelegramChannel({}, outbound);
 * const { credentials } = await channel.finishConnect({ kind: 'form', values: { botToken, chatId: '@kemlu_ri' } });
 */
export function createTelegramChannel(env: Record<string, string>, outbound: OutboundHttp): PublishChannel {
  const api = (env.TELEGRAM_API_BASE_URL || DEFAULT_API).replace(/\/$/, '');
  const rateLimits = new Map<string, RateLimitState>();

  /** Calls a Bot API method. The token is part of the URL path, so no message here ever includes the URL. */
  async function call<T>(token: string, method: string, body: Record<string, unknown> | FormData, effect: Effect): Promise<T> {
    const init: RequestInit =
      body instanceof FormData ? { method: 'POST', body } : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
    let response: Response;
    try {
      // The bot token is in the path, where the guard cannot see it: no redirects, no plain http to a public host.
      response = await outbound.fetch(`${api}/bot${token}/${method}`, { ...init, redirect: 'error', secure: true, timeoutMs: REQUEST_TIMEOUT_MS });
    } catch (error) {
      if (error instanceof ConnectorError) throw effect === 'read' && error.kind === 'unknown-outcome' ? new ConnectorError('transient', error.message, { platformCode: error.platformCode }) : error;
      const code = networkCode(error);
      if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN' || effect === 'read') {
        throw new ConnectorError('transient', `Telegram ${method} failed before an answer (${code ?? 'network error'})`, { cause: scrub(error, token) });
      }
      throw new ConnectorError('unknown-outcome', `Telegram ${method} ended before an answer (${code ?? 'network error'}); the message may exist`, { cause: scrub(error, token) });
    }
    const answer = (await response.json().catch(() => ({ ok: false, error_code: response.status, description: response.statusText }))) as BotAnswer<T>;
    if (answer.ok && answer.result !== undefined) {
      rateLimits.set(botId(token), { limit: null, remaining: null, resetAt: null });
      return answer.result;
    }
    throw botError(method, answer, effect, response.status, (state) => rateLimits.set(botId(token), state));
  }

  const chatOf = (credentials: Credentials) => {
    const chatId = credentials.extra?.chatId;
    if (!chatId) throw new ConnectorError('rejected', 'Telegram credentials lack the chat id; reconnect the channel');
    return chatId;
  };

  function postUrl(credentials: Credentials, messageId: string): string {
    const username = credentials.extra?.chatUsername;
    if (username) return `https://t.me/${username}/${messageId}`;
    // Private channels link as t.me/c/<id without the -100 prefix>/<message>.
    return `https://t.me/c/${chatOf(credentials).replace(/^-100/, '')}/${messageId}`;
  }

  return {
    textChannel: 'telegram',

    async startConnect() {
      return {
        kind: 'form',
        fields: [
          { name: 'botToken', label: 'Bot token from @BotFather', secret: true },
          { name: 'chatId', label: 'Channel: @username, or the numeric id of a private channel', secret: false },
        ],
      };
    },

    async finishConnect(input) {
      if (input.kind !== 'form') throw new ConnectorError('rejected', 'Telegram connects with a bot token form');
      const token = (input.values.botToken ?? '').trim();
      const chatId = (input.values.chatId ?? '').trim();
      if (!/^\d+:[\w-]+$/.test(token)) throw new ConnectorError('rejected', 'That is not a Telegram bot token (expected 123456:ABC…)');
      if (!chatId) throw new ConnectorError('rejected', 'Name the channel the bot posts to');
      const bot = await call<{ id: number; username?: string }>(token, 'getMe', {}, 'read');
      const chat = await call<TgChat>(token, 'getChat', { chat_id: chatId }, 'read');
      const member = await call<{ status: string; can_post_messages?: boolean }>(token, 'getChatMember', { chat_id: chat.id, user_id: bot.id }, 'read');
      // Posting in a channel needs an administrator with can_post_messages; say so now, not at publish time.
      if (member.status !== 'creator' && !(member.status === 'administrator' && member.can_post_messages !== false)) {
        throw new ConnectorError('rejected', 'The bot is not an administrator allowed to post in this channel');
      }
      const extra: Record<string, string> = { chatId: String(chat.id), botId: String(bot.id) };
      if (chat.username) extra.chatUsername = chat.username;
      return {
        credentials: { accessToken: token, extra },
        account: {
          remoteAccountId: String(chat.id),
          handle: chat.username ? `@${chat.username}` : (chat.title ?? String(chat.id)),
          ...(chat.title ? { displayName: chat.title } : {}),
          ...(chat.username ? { url: `https://t.me/${chat.username}` } : {}),
        },
      };
    },

    async refreshToken(credentials) {
      // Bot tokens do not expire; a revoked one needs a new token from @BotFather, i.e. a reconnect.
      return credentials;
    },

    async publish(credentials, request) {
      const chatId = chatOf(credentials);
      if (request.media.length > 1) throw new ConnectorError('rejected', 'The Telegram connector sends at most one photo per post');
      const { method, limit } = telegramMethodFor(request);
      // Telegram would refuse it anyway; refusing here keeps a doomed request off the wire.
      if (request.text.length > limit) throw new ConnectorError('rejected', `Telegram ${method === 'sendPhoto' ? 'captions' : 'messages'} hold ${limit} UTF-16 units; this text has ${request.text.length}`);
      const reply = request.replyTo ? { reply_parameters: { message_id: Number(request.replyTo) } } : {};
      let message: { message_id: number };
      const photo = request.media[0];
      if (photo) {
        if (!PHOTO_TYPES.has(photo.mimeType)) throw new ConnectorError('rejected', `Telegram photos must be images, not ${photo.mimeType}`);
        if (!request.openMedia) throw new ConnectorError('rejected', 'Media given without a way to read it');
        const parts: Uint8Array[] = [];
        for await (const chunk of request.openMedia(photo)) parts.push(chunk);
        const form = new FormData();
        form.set('chat_id', chatId);
        form.set('photo', new Blob(parts as BlobPart[], { type: photo.mimeType }), 'photo');
        if (request.text) form.set('caption', request.text);
        if (request.replyTo) form.set('reply_parameters', JSON.stringify(reply.reply_parameters));
        message = await call(credentials.accessToken, 'sendPhoto', form, 'write');
      } else {
        message = await call(credentials.accessToken, 'sendMessage', { chat_id: chatId, text: request.text, ...reply }, 'write');
      }
      const remoteId = String(message.message_id);
      return { remoteId, url: postUrl(credentials, remoteId) };
    },

    async checkStatus(credentials, ref): Promise<PublishStatus> {
      if (!('remoteId' in ref)) throw new ConnectorError('rejected', 'Telegram has no idempotency key and bots cannot read channel history', { platformCode: 'unsupported' });
      // The Bot API has no "get message". Asking to set the reply markup a message already has
      // (none: DiploDesk never attaches keyboards) changes nothing, and the answer tells the two
      // cases apart: "message is not modified" (it exists) or "message to edit not found".
      try {
        await call(credentials.accessToken, 'editMessageReplyMarkup', { chat_id: chatOf(credentials), message_id: Number(ref.remoteId) }, 'read');
        return 'published';
      } catch (error) {
        if (error instanceof ConnectorError && /not modified/i.test(error.message)) return 'published';
        if (error instanceof ConnectorError && /not found/i.test(error.message)) return 'not-found';
        throw error;
      }
    },

    async findRecentPosts(): Promise<RecentPost[]> {
      // Bots cannot list a channel's messages (no history method; updates are a one-time stream
      // that another consumer may own). An unconfirmed Telegram post therefore stays unconfirmed
      // until a person looks at the channel: returning nothing never triggers a second post.
      return [];
    },

    async withdraw(credentials, remoteId) {
      try {
        await call(credentials.accessToken, 'deleteMessage', { chat_id: chatOf(credentials), message_id: Number(remoteId) }, 'write');
      } catch (error) {
        if (error instanceof ConnectorError && /message to delete not found/i.test(error.message)) return;
        if (error instanceof ConnectorError && error.kind === 'unknown-outcome') throw new ConnectorError('transient', error.message, { cause: error });
        throw error;
      }
    },

    async limits() {
      // Whether the text is a caption depends on the variant's media, which the editor knows.
      return {};
    },

    rateLimitState(credentials) {
      return rateLimits.get(botId(credentials.accessToken)) ?? null;
    },
  };
}

/** The bot's numeric id (the part of the token before the colon), which is no secret. */
function botId(token: string): string {
  return token.split(':')[0] ?? '';
}

function botError(method: string, answer: BotAnswer<unknown>, effect: Effect, status: number, saveRate: (state: RateLimitState) => void): ConnectorError {
  const code = answer.error_code ?? status;
  const message = `Telegram ${method} answered ${code}: ${answer.description ?? 'no description'}`;
  if (code === 401) return new ConnectorError('auth-expired', message, { platformCode: '401' });
  if (code === 429) {
    const seconds = answer.parameters?.retry_after ?? 1;
    saveRate({ limit: null, remaining: 0, resetAt: Date.now() + seconds * 1000 });
    return new ConnectorError('rate-limited', message, { platformCode: '429', retryAfterMs: seconds * 1000 });
  }
  if (code >= 500) return new ConnectorError(effect === 'write' ? 'unknown-outcome' : 'transient', message, { platformCode: String(code) });
  return new ConnectorError('rejected', message, { platformCode: String(code) });
}

function networkCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current instanceof Error; depth++) {
    if (current.name === 'TimeoutError') return 'timeout';
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = current.cause;
  }
  return undefined;
}

/** The token sits in the request URL; keep only the error's code and a token-free message as the cause. */
function scrub(error: unknown, token: string): Error {
  const code = networkCode(error);
  const text = error instanceof Error ? error.message.split(token).join('<token>') : 'network error';
  return Object.assign(new Error(text), code ? { code } : {});
}
