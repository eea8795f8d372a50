// A local stand-in for the Telegram Bot API as a channel publisher meets it: getMe, getChat,
// getChatMember, sendMessage, sendPhoto, editMessageReplyMarkup (used as an existence probe),
// deleteMessage; `{ ok:false, error_code, description, parameters }` answers, a per-chat message
// budget with retry_after, faults and latency. Message ids come from one counter across chats (real
// Telegram numbers per chat) so ledger remote ids stay unique. For listening: a per-bot update queue
// read with getUpdates (offset confirms, limit, short long-poll, allowed_updates), channel posts
// and edits delivered to every bot in the channel, getWebhookInfo, and the 409 while a webhook is set.
import type { FakeHttpReply, FakeHttpRequest, FakePlatform, StartFake } from '@diplodesk/connector-sdk/testing';
import { FakeLedger, FaultQueue, fakeId, RateWindow, startFakeHttpServer } from '@diplodesk/connector-sdk/testing';

/** Messages per chat per minute before 429 (Telegram's guidance for groups; channels are similar). */
export const TELEGRAM_FAKE_CHAT_LIMIT = 20;

interface Bot {
  id: number;
  username: string;
  revoked: boolean;
  /** Unconfirmed updates, oldest first. */
  queue: Record<string, unknown>[];
  webhookUrl: string;
  allowedUpdates: string[];
  /** Seconds of the 429 the next getUpdates answers with, if set. */
  throttleNext: number | null;
}

/** The Telegram fake, with hooks for tests of reading channels. */
export interface TelegramFakePlatform extends FakePlatform {
  /** A further channel with the bot of `botToken` as a member; returns its id and username. */
  addChannelForBot(botToken: string): { chatId: string; username: string };
  /** Someone posts in a channel (by id or @username): every bot in it gets a channel_post update. */
  postInChannel(chatId: string, post: { text?: string; caption?: string; date?: number }): { messageId: number };
  /** A post is edited: bots in the channel get an edited_channel_post update. */
  editInChannel(chatId: string, messageId: number, text: string): void;
  /** Queues a raw update for a bot as is (its update_id assigned unless given), for malformed-payload tests. */
  addRawUpdate(botToken: string, update: Record<string, unknown>): void;
  /** Sets (or with '' deletes) the bot's webhook, as setWebhook/deleteWebhook would. */
  setWebhook(botToken: string, url: string): void;
  /** The next getUpdates of that bot answers 429 with retry_after = `seconds`. */
  throttleNextGetUpdates(botToken: string, seconds: number): void;
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
export const startFake = (async (options = {}) => {
  const ledger = new FakeLedger();
  const faults = new FaultQueue();
  const chatWindow = new RateWindow(TELEGRAM_FAKE_CHAT_LIMIT, 60_000);
  const bots = new Map<string, Bot>();
  const chats = new Map<number, Chat>();
  let nextBot = 7_000_000_001;
  let nextChat = 1;
  let nextMessage = 1;
  let nextUpdate = 500_000_001;

  /** A bot and a channel where it is an administrator that may post. */
  function newBotAndChannel(): { token: string; bot: Bot; chat: Chat } {
    const bot: Bot = { id: nextBot++, username: `kemlu_fake_${nextBot}_bot`, revoked: false, queue: [], webhookUrl: '', allowedUpdates: [], throttleNext: null };
    const token = `${bot.id}:${fakeId('AA', 16)}`;
    bots.set(token, bot);
    return { token, bot, chat: newChannel(bot) };
  }

  function newChannel(bot: Bot): Chat {
    const n = nextChat++;
    const chat = { id: -1_001_000_000_000 - n, title: `Kemlu RI ${n}`, username: `kemlu_fake_${n}`, admins: new Set([bot.id]) };
    chats.set(chat.id, chat);
    return chat;
  }

  function deliver(chat: Chat, kind: 'channel_post' | 'edited_channel_post', message: Record<string, unknown>): void {
    for (const bot of bots.values()) {
      if (chat.admins.has(bot.id)) bot.queue.push({ update_id: nextUpdate++, [kind]: message });
    }
  }

  async function getUpdates(bot: Bot, p: Record<string, unknown>): Promise<FakeHttpReply> {
    if (bot.webhookUrl) return fail(409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first");
    if (bot.throttleNext !== null) {
      const wait = bot.throttleNext;
      bot.throttleNext = null;
      return fail(429, `Too Many Requests: retry after ${wait}`, { retry_after: wait });
    }
    const allowed = typeof p.allowed_updates === 'string' ? (JSON.parse(p.allowed_updates) as string[]) : (p.allowed_updates as string[] | undefined);
    if (Array.isArray(allowed)) bot.allowedUpdates = allowed;
    const offset = p.offset === undefined ? undefined : Number(p.offset);
    // An offset confirms every update below it: those are gone for good.
    if (offset !== undefined && offset > 0) bot.queue = bot.queue.filter((u) => typeof u.update_id !== 'number' || u.update_id >= offset);
    const limit = Math.min(100, Math.max(1, Number(p.limit ?? 100)));
    const deadline = Date.now() + Math.min(5, Math.max(0, Number(p.timeout ?? 0))) * 1000;
    const wanted = (u: Record<string, unknown>) => bot.allowedUpdates.length === 0 || bot.allowedUpdates.some((k) => k in u) || !Object.keys(u).some((k) => k.endsWith('_post') || k === 'message');
    for (;;) {
      // Unwanted kinds are dropped as Telegram does, not kept for a later reader.
      bot.queue = bot.queue.filter(wanted);
      if (bot.queue.length > 0 || Date.now() >= deadline) return ok(bot.queue.slice(0, limit));
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
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
    if (method === 'getUpdates') return getUpdates(bot, p);
    if (method === 'getWebhookInfo') return ok({ url: bot.webhookUrl, has_custom_certificate: false, pending_update_count: bot.queue.length });
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

  const botOf = (token: string): Bot => {
    const bot = bots.get(token);
    if (!bot) throw new Error('unknown bot token');
    return bot;
  };
  const chatOf = (chatId: string): Chat => {
    const chat = findChat(chatId);
    if (!chat) throw new Error(`unknown chat ${chatId}`);
    return chat;
  };

  const fake: TelegramFakePlatform = {
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
      for (const bot of bots.values()) {
        bot.queue = [];
        bot.webhookUrl = '';
        bot.throttleNext = null;
      }
    },
    close: () => http.close(),
    addChannelForBot(botToken) {
      const chat = newChannel(botOf(botToken));
      return { chatId: String(chat.id), username: chat.username };
    },
    postInChannel(chatId, post) {
      const chat = chatOf(chatId);
      const messageId = nextMessage++;
      const sender = { id: chat.id, title: chat.title, username: chat.username, type: 'channel' };
      deliver(chat, 'channel_post', { message_id: messageId, sender_chat: sender, chat: sender, date: post.date ?? Math.floor(Date.now() / 1000), ...(post.text === undefined ? {} : { text: post.text }), ...(post.caption === undefined ? {} : { caption: post.caption, photo: [{ file_id: fakeId('AgAC', 12), file_unique_id: fakeId('AQAD', 6), width: 1, height: 1 }] }) });
      return { messageId };
    },
    editInChannel(chatId, messageId, text) {
      const chat = chatOf(chatId);
      const sender = { id: chat.id, title: chat.title, username: chat.username, type: 'channel' };
      const now = Math.floor(Date.now() / 1000);
      deliver(chat, 'edited_channel_post', { message_id: messageId, sender_chat: sender, chat: sender, date: now - 60, edit_date: now, text });
    },
    addRawUpdate(botToken, update) {
      botOf(botToken).queue.push({ update_id: nextUpdate++, ...update });
    },
    setWebhook(botToken, url) {
      botOf(botToken).webhookUrl = url;
    },
    throttleNextGetUpdates(botToken, seconds) {
      botOf(botToken).throttleNext = seconds;
    },
  };
  return fake;
}) satisfies StartFake;
