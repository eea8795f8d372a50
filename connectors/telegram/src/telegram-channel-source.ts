// Public Telegram channels as an IngestSource, read through a bot that was added to the channel:
// getUpdates with channel posts only. The cursor is the next update offset; passing it to Telegram
// confirms (and deletes) every earlier update, so a batch is confirmed only by the poll after the
// server stored it and saved the cursor: a crash in between gets the same updates again.
// Limits of the Bot API: a bot sees only chats it is a member of, only posts made after it joined,
// updates wait on Telegram's side for 24 hours at most, and getUpdates is refused while a webhook
// is set. The queue is per bot, so one bot must serve one source.
import { ConnectorError, type Credentials, type IngestBatch, type IngestItem, type IngestSource, type OutboundHttp, type SourceHealth } from '@diplodesk/connector-sdk';

const DEFAULT_API = 'https://api.telegram.org';
/** getUpdates rounds per poll (100 updates each). */
export const TELEGRAM_MAX_ROUNDS = 5;

interface BotAnswer<T> {
  ok: boolean;
  result?: T;
  error_code?: number;
  description?: string;
  parameters?: { retry_after?: number };
}
interface TgChat {
  id?: unknown;
  type?: unknown;
  title?: unknown;
  username?: unknown;
}
interface TgMessage {
  message_id?: unknown;
  chat?: TgChat;
  date?: unknown;
  edit_date?: unknown;
  text?: unknown;
  caption?: unknown;
  author_signature?: unknown;
}
interface TgUpdate {
  update_id?: unknown;
  channel_post?: TgMessage;
  edited_channel_post?: TgMessage;
}

export interface TelegramChannelBatch extends IngestBatch {
  problems?: { skipped: number };
}

export interface TelegramChannelSource extends IngestSource {
  poll(credentials: Credentials | null, cursor: string | null): Promise<TelegramChannelBatch>;
}

/** Whether a chat is the configured one: by numeric id, or by @username (case-insensitive, as Telegram treats them). */
function isWanted(chat: TgChat, wanted: { id?: string; username?: string }): boolean {
  if (wanted.id !== undefined && String(chat.id) === wanted.id) return true;
  return wanted.username !== undefined && typeof chat.username === 'string' && chat.username.toLowerCase() === wanted.username;
}

function toItem(post: TgMessage, edited: boolean): IngestItem | null {
  const chat = post.chat;
  if (!chat || (typeof chat.id !== 'number' && typeof chat.id !== 'string') || typeof post.message_id !== 'number' || typeof post.date !== 'number') return null;
  const text = typeof post.text === 'string' ? post.text : typeof post.caption === 'string' ? post.caption : '';
  const username = typeof chat.username === 'string' ? chat.username : undefined;
  const title = typeof chat.title === 'string' ? chat.title : undefined;
  return {
    remoteId: `${chat.id}:${post.message_id}`,
    ...(username ? { url: `https://t.me/${username}/${post.message_id}` } : {}),
    author: { remoteAccountId: String(chat.id), handle: username ?? title ?? String(chat.id), ...(title ? { displayName: title } : {}), ...(username ? { url: `https://t.me/${username}` } : {}) },
    text,
    publishedAt: new Date(post.date * 1000).toISOString(),
    raw: { ...post, ...(edited ? { edited: true } : {}) },
  };
}

/**
 * Creates the Telegram channel source. The bot token is `credentials.accessToken`; the channel is
 * `credentials.extra.chatId` (numeric `-100…` or `@username`) or `credentials.extra.chatUsername`.
 * `TELEGRAM_POLL_TIMEOUT_S` sets the long-poll wait of one getUpdates (default 2, at most 5).
 *
 * @example
 * const source = createTelegramChannelSource({}, outbound);
 * const batch = await source.poll({ accessToken: botToken, extra: { chatId: '@kemlu_ri' } }, null);
 */
export function createTelegramChannelSource(env: Record<string, string>, outbound: OutboundHttp, options: { maxRounds?: number } = {}): TelegramChannelSource {
  const api = (env.TELEGRAM_API_BASE_URL || DEFAULT_API).replace(/\/$/, '');
  const timeoutS = Math.min(5, Math.max(0, Math.floor(Number(env.TELEGRAM_POLL_TIMEOUT_S ?? 2) || 0)));
  const maxRounds = options.maxRounds ?? TELEGRAM_MAX_ROUNDS;

  /** Calls a Bot API method. The token is in the URL path, so neither the URL nor the fetch error is ever put in a message. */
  async function call<T>(token: string, method: string, body: Record<string, unknown>): Promise<T> {
    let response: Response;
    try {
      response = await outbound.fetch(`${api}/bot${token}/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        redirect: 'error',
        secure: true,
        timeoutMs: (timeoutS + 20) * 1000,
      });
    } catch (error) {
      if (error instanceof ConnectorError) throw new ConnectorError('transient', error.message, { platformCode: error.platformCode });
      throw new ConnectorError('transient', `Telegram ${method} failed before an answer`);
    }
    const answer = (await response.json().catch(() => ({ ok: false, error_code: response.status, description: response.statusText }))) as BotAnswer<T>;
    if (answer.ok && answer.result !== undefined) return answer.result;
    const code = answer.error_code ?? response.status;
    const message = `Telegram ${method}: ${answer.description ?? `HTTP ${code}`}`;
    if (code === 401 || code === 404) throw new ConnectorError('auth-expired', message, { platformCode: String(code) });
    if (code === 429) throw new ConnectorError('rate-limited', message, { platformCode: '429', retryAfterMs: Math.max(1, answer.parameters?.retry_after ?? 30) * 1000 });
    // 409: a webhook is set, or another getUpdates runs for the same bot. Neither heals by retrying.
    if (code === 409) throw new ConnectorError('rejected', `${message} (a bot's updates go to a webhook or to one getUpdates reader, not both)`, { platformCode: 'conflict' });
    if (code >= 500) throw new ConnectorError('transient', message, { platformCode: String(code) });
    throw new ConnectorError('rejected', message, { platformCode: String(code) });
  }

  function wantedOf(credentials: Credentials | null): { id?: string; username?: string } {
    const chatId = credentials?.extra?.chatId?.trim();
    const username = (credentials?.extra?.chatUsername ?? (chatId?.startsWith('@') ? chatId : undefined))?.replace(/^@/, '').toLowerCase();
    const id = chatId && !chatId.startsWith('@') ? chatId : undefined;
    if (!id && !username) throw new ConnectorError('rejected', 'No Telegram channel: set credentials.extra.chatId', { platformCode: 'no-chat' });
    return { ...(id ? { id } : {}), ...(username ? { username } : {}) };
  }

  function tokenOf(credentials: Credentials | null): string {
    if (!credentials?.accessToken) throw new ConnectorError('auth-expired', 'No Telegram bot token', { platformCode: 'no-token' });
    return credentials.accessToken;
  }

  return {
    async poll(credentials, cursor) {
      const token = tokenOf(credentials);
      const wanted = wantedOf(credentials);
      if (cursor !== null && !/^\d+$/.test(cursor)) throw new ConnectorError('rejected', 'Telegram cursor is unreadable', { platformCode: 'bad-cursor' });
      let offset = cursor === null ? undefined : Number(cursor);
      const items: IngestItem[] = [];
      let skipped = 0;
      for (let round = 0; round < maxRounds; round++) {
        // Wait only on the first round: later rounds drain what is already queued.
        const updates = await call<TgUpdate[]>(token, 'getUpdates', {
          ...(offset === undefined ? {} : { offset }),
          limit: 100,
          timeout: round === 0 ? timeoutS : 0,
          allowed_updates: ['channel_post', 'edited_channel_post'],
        });
        if (!Array.isArray(updates) || updates.length === 0) break;
        for (const update of updates) {
          if (!update || typeof update.update_id !== 'number') {
            skipped++;
            continue;
          }
          offset = Math.max(offset ?? 0, update.update_id + 1);
          const post = update.channel_post ?? update.edited_channel_post;
          // Other chats the bot is in, and other update kinds, are confirmed and dropped.
          if (!post?.chat || !isWanted(post.chat, wanted)) continue;
          const item = toItem(post, update.channel_post === undefined);
          if (!item) {
            skipped++;
            continue;
          }
          // A sticker or a photo without caption has no text to analyse.
          if (item.text) items.push(item);
        }
        if (updates.length < 100) break;
      }
      return { items, nextCursor: offset === undefined ? null : String(offset), ...(skipped > 0 ? { problems: { skipped } } : {}) };
    },

    async health(credentials): Promise<SourceHealth> {
      const checkedAt = new Date().toISOString();
      try {
        wantedOf(credentials);
        const info = await call<{ url?: string; pending_update_count?: number }>(tokenOf(credentials), 'getWebhookInfo', {});
        if (info.url) return { status: 'down', detail: 'the bot has a webhook set; getUpdates is refused until it is deleted', checkedAt };
        return { status: 'ok', detail: `${info.pending_update_count ?? 0} updates pending`, checkedAt };
      } catch (error) {
        return { status: error instanceof ConnectorError && error.kind === 'rate-limited' ? 'degraded' : 'down', detail: (error as Error).message, checkedAt };
      }
    },
  };
}
