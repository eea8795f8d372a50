// A local stand-in for the Telegram Bot API as a channel publisher meets it: getMe, getChat,
// getChatMember, sendMessage, sendPhoto, editMessageReplyMarkup (used as an existence probe),
// deleteMessage; `{ ok:false, error_code, description, parameters }` answers, a per-chat message
// budget with retry_after, faults and latency. Message ids come from one counter across chats (real
// Telegram numbers per chat) so ledger remote ids stay unique.
import type { FakeHttpReply, FakeHttpRequest, FakePlatform, StartFake } from '@diplodesk/connector-sdk/testing';
import { FakeLedger, FaultQueue, fakeId, RateWindow, startFakeHttpServer } from '@diplodesk/connector-sdk/testing';

/** Messages per chat per minute before 429 (Telegram's guidance for groups; channels are similar). */
export const TELEGRAM_FAKE_CHAT_LIMIT = 20;

interface Bot {
  id: number;
  username: string;
  revoked: boolean;
}

interface Chat {
  id: number;
  title: string;
  username: string;
  admins: Set<number>;
}

const fail = (error_code: number, description: string, parameters?: Record<string, number>): FakeHttpReply => ({
  status: error_code,
  json: { ok: false, error_code, description, ...(parameters ? { parameters } : {}) },
});
const ok = (result: unknown): FakeHttpReply => ({ status: 200, json: { ok: true, result } });

/** Starts the Telegram Bot API fake on 127.0.0.1. */
export const startFake: StartFake = async (options = {}) => {
  const ledger = new FakeLedger();
  const faults = new FaultQueue();
  const chatWindow = new RateWindow(TELEGRAM_FAKE_CHAT_LIMIT, 60_000);
  const bots = new Map<string, Bot>();
  const chats = new Map<number, Chat>();
  let nextBot = 7_000_000_001;
  let nextChat = 1;
  let nextMessage = 1;

  /** A bot and a channel where it is an administrator that may post. */
  function newBotAndChannel(): { token: string; bot: Bot; chat: Chat } {
    const bot = { id: nextBot++, username: `kemlu_fake_${nextBot}_bot`, revoked: false };
    const token = `${bot.id}:${fakeId('AA', 16)}`;
    bots.set(token, bot);
    const n = nextChat++;
    const chat = { id: -1_001_000_000_000 - n, title: `Kemlu RI ${n}`, username: `kemlu_fake_${n}`, admins: new Set([bot.id]) };
    chats.set(chat.id, chat);
    return { token, bot, chat };
  }

  function findChat(chatId: unknown): Chat | undefined {
    const raw = String(chatId ?? '');
    if (raw.startsWith('@')) return [...chats.values()].find((c) => `@${c.username}` === raw);
    return chats.get(Number(raw));
  }

  async function params(req: FakeHttpRequest): Promise<Record<string, unknown>> {
    const json = req.json();
    if (json && typeof json === 'object') return json as Record<string, unknown>;
    const form = await req.form();
    const out: Record<string, unknown> = {};
    for (const [key, value] of form) out[key] = value;
    return out;
  }

  function messageReply(chat: Chat, messageId: number, extra: Record<string, unknown>): unknown {
    return { message_id: messageId, sender_chat: { id: chat.id, title: chat.title, username: chat.username, type: 'channel' }, chat: { id: chat.id, title: chat.title, username: chat.username, type: 'channel' }, date: Math.floor(Date.now() / 1000), ...extra };
  }

  function send(bot: Bot, chat: Chat, method: 'sendMessage' | 'sendPhoto', p: Record<string, unknown>): FakeHttpReply {
    const photo = p.photo;
    const text = String((method === 'sendMessage' ? p.text : p.caption) ?? '');
    if (method === 'sendMessage' && !text) return fail(400, 'Bad Request: message text is empty');
    if (method === 'sendMessage' && text.length > 4096) return fail(400, 'Bad Request: message is too long');
    if (method === 'sendPhoto' && !(photo instanceof File || typeof photo === 'string')) return fail(400, 'Bad Request: there is no photo in the request');
    if (method === 'sendPhoto' && text.length > 1024) return fail(400, 'Bad Request: message caption is too long');
    const hit = chatWindow.hit(`${bot.id}:${chat.id}`);
    if (hit.exceeded) {
      const wait = Math.ceil((hit.resetAt - Date.now()) / 1000);
      return fail(429, `Too Many Requests: retry after ${wait}`, { retry_after: wait });
    }
    const fault = faults.take();
    if (fault?.kind === 'server-error') return fail(502, 'Bad Gateway');
    if (fault?.kind === 'auth-expired') return fail(401, 'Unauthorized');
    if (fault?.kind === 'rate-limit') {
      const wait = fault.resetInSeconds ?? 30;
      return fail(429, `Too Many Requests: retry after ${wait}`, { retry_after: wait });
    }
    if (fault?.kind === 'reject') return fail(400, 'Bad Request: message is too long');
    const messageId = nextMessage++;
    const replyTo = (() => {
      const raw = p.reply_parameters;
      const parsed = typeof raw === 'string' ? (JSON.parse(raw) as { message_id?: number }) : (raw as { message_id?: number } | undefined);
      return parsed?.message_id === undefined ? undefined : String(parsed.message_id);
    })();
    ledger.add({ remoteId: String(messageId), accountId: String(chat.id), text, mediaCount: method === 'sendPhoto' ? 1 : 0, ...(replyTo ? { replyTo } : {}) });
    const extra = method === 'sendMessage' ? { text } : { photo: [{ file_id: fakeId('AgAC', 12), file_unique_id: fakeId('AQAD', 6), width: 1, height: 1 }], ...(text ? { caption: text } : {}) };
    const reply = ok(messageReply(chat, messageId, extra));
    if (fault?.kind === 'drop-after-commit') return { drop: true };
    if (fault?.kind === 'timeout-after-commit') return { holdMs: fault.ms ?? 30_000, reply: reply };
    return reply;
  }

  async function handle(req: FakeHttpRequest): Promise<FakeHttpReply> {
    const match = /^\/bot([^/]+)\/(\w+)$/.exec(req.url.pathname);
    if (!match) return fail(404, 'Not Found');
    const [, token = '', method = ''] = match;
    const bot = bots.get(token);
    if (!bot || bot.revoked) return fail(401, 'Unauthorized');
    const p = await params(req);
    if (method === 'getMe') return ok({ id: bot.id, is_bot: true, first_name: 'Kemlu Desk', username: bot.username, can_join_groups: false, can_read_all_group_messages: false, supports_inline_queries: false });
    const chat = findChat(p.chat_id);
    if (!chat) return fail(400, 'Bad Request: chat not found');
    if (method === 'getChat') return ok({ id: chat.id, type: 'channel', title: chat.title, username: chat.username });
    if (method === 'getChatMember') {
      const isAdmin = chat.admins.has(Number(p.user_id));
      return ok(isAdmin ? { status: 'administrator', user: { id: bot.id, is_bot: true, first_name: 'Kemlu Desk' }, can_post_messages: true, can_edit_messages: true, can_delete_messages: true } : { status: 'left', user: { id: Number(p.user_id), is_bot: true, first_name: '?' } });
    }
    if (!chat.admins.has(bot.id)) return fail(403, 'Forbidden: bot is not a member of the channel chat');
    if (method === 'sendMessage' || method === 'sendPhoto') return send(bot, chat, method, p);
    const entry = ledger.find(String(p.message_id ?? ''));
    const live = entry && !entry.deleted && entry.accountId === String(chat.id);
    if (method === 'editMessageReplyMarkup') {
      if (!live) return fail(400, 'Bad Request: message to edit not found');
      // Our messages never carry a keyboard, so "no markup" is always the current state.
      return fail(400, 'Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message');
    }
    if (method === 'deleteMessage') {
      if (!live) return fail(400, 'Bad Request: message to delete not found');
      ledger.markDeleted(entry.remoteId);
      return ok(true);
    }
    return fail(404, 'Not Found: method not found');
  }

  const http = await startFakeHttpServer({ ...(options.port === undefined ? {} : { port: options.port }), latencyMs: options.latencyMs ?? 0, handle });

  const fake: FakePlatform = {
    platform: 'telegram',
    baseUrl: http.baseUrl,
    env: { TELEGRAM_API_BASE_URL: http.baseUrl },
    ledger: () => ledger.all(),
    async issueCredentials() {
      const { token, bot, chat } = newBotAndChannel();
      return { accessToken: token, extra: { chatId: String(chat.id), chatUsername: chat.username, botId: String(bot.id) } };
    },
    connectFormValues() {
      const { token, chat } = newBotAndChannel();
      return { botToken: token, chatId: `@${chat.username}` };
    },
    failNext: (fault) => faults.push(fault),
    setLatency: (ms) => http.setLatency(ms),
    // Bot tokens never expire; the nearest real event is the owner revoking the token in @BotFather.
    expireAccessTokens() {
      for (const bot of bots.values()) bot.revoked = true;
    },
    reset() {
      ledger.clear();
      faults.clear();
      chatWindow.clear();
    },
    close: () => http.close(),
  };
  return fake;
};
