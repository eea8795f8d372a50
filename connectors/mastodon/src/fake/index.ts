// A local Mastodon instance: the subset of the REST API the connector uses, with Mastodon's
// Idempotency-Key replay (kept 1 hour), 202-then-poll media processing, `{ error }` bodies,
// and X-RateLimit-* headers (300 requests / 5 min per token, reset as an ISO time).
import { MASTODON_DEFAULT_CHARS_PER_URL, MASTODON_DEFAULT_MAX_CHARACTERS, mastodonLength } from '@diplodesk/connector-sdk';
import {
  type FakeFault,
  type FakeHttpReply as FakeReply,
  type FakeHttpRequest as FakeRequest,
  FakeLedger,
  type FakePlatform,
  FaultQueue,
  fakeId,
  RateWindow,
  type StartFake,
  startFakeHttpServer,
} from '@diplodesk/connector-sdk/testing';

const IDEMPOTENCY_TTL_MS = 60 * 60 * 1000;
const RATE_LIMIT = 300;
const RATE_WINDOW_MS = 5 * 60 * 1000;

interface Account {
  id: string;
  username: string;
}
interface StoredStatus {
  id: string;
  accountId: string;
  text: string;
  language: string | null;
  inReplyToId: string | null;
  mediaIds: string[];
  createdAt: string;
  deleted: boolean;
}
interface StoredMedia {
  id: string;
  accountId: string;
  type: string;
  description: string | null;
  polls: number;
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

// Mastodon serves `content` as sanitised HTML: paragraphs for blank lines, <br> for line breaks.
function renderContent(text: string): string {
  return text
    .split(/\n{2,}/)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br />')}</p>`)
    .join('');
}

export const startFake: StartFake = async (options = {}) => {
  const accounts = new Map<string, Account>();
  const tokens = new Map<string, { accountId: string; expired: boolean }>();
  const statuses = new Map<string, StoredStatus>();
  const ledger = new FakeLedger();
  const idempotency = new Map<string, { statusId: string; at: number }>();
  const media = new Map<string, StoredMedia>();
  const faults = new FaultQueue();
  const window = new RateWindow(RATE_LIMIT, RATE_WINDOW_MS);
  // Snowflake-like, increasing ids, so "newest first" is a plain sort.
  let nextId = 110_000_000_000_000_000n;
  const newId = () => {
    nextId += 1n;
    return nextId.toString();
  };
  let baseUrl = '';

  const accountJson = (a: Account) => ({
    id: a.id,
    username: a.username,
    acct: a.username,
    display_name: `Mission ${a.username}`,
    url: `${baseUrl}/@${a.username}`,
  });
  const mediaJson = (m: StoredMedia) => ({
    id: m.id,
    type: m.type,
    url: m.polls > 0 ? `${baseUrl}/system/media/${m.id}` : null,
    preview_url: `${baseUrl}/system/media/${m.id}/small`,
    description: m.description,
  });
  const statusJson = (s: StoredStatus, withSource = false) => {
    const account = accounts.get(s.accountId)!;
    return {
      id: s.id,
      created_at: s.createdAt,
      in_reply_to_id: s.inReplyToId,
      sensitive: false,
      spoiler_text: '',
      visibility: 'public',
      language: s.language,
      uri: `${baseUrl}/users/${account.username}/statuses/${s.id}`,
      url: `${baseUrl}/@${account.username}/${s.id}`,
      content: renderContent(s.text),
      media_attachments: s.mediaIds.map((id) => mediaJson(media.get(id)!)),
      account: accountJson(account),
      ...(withSource ? { text: s.text } : {}),
    };
  };

  const createAccount = () => {
    const account: Account = { id: newId(), username: `mission${accounts.size + 1}` };
    accounts.set(account.id, account);
    const token = fakeId('mtok_', 24);
    tokens.set(token, { accountId: account.id, expired: false });
    return { account, token };
  };

  function faultReply(fault: FakeFault, rate: Record<string, string>): FakeReply | null {
    switch (fault.kind) {
      case 'rate-limit': {
        const reset = new Date(Date.now() + (fault.resetInSeconds ?? 60) * 1000).toISOString();
        return { status: 429, json: { error: 'Too many requests' }, headers: { ...rate, 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset } };
      }
      case 'server-error':
        return { status: 503, json: { error: 'Service Unavailable' } };
      case 'auth-expired':
        return { status: 401, json: { error: 'The access token is invalid' } };
      case 'reject':
        return { status: 422, json: { error: 'Validation failed: Text character limit of 500 exceeded' } };
      default:
        return null; // commit faults are applied after the write
    }
  }

  function afterCommit(fault: FakeFault | undefined, reply: FakeReply): FakeReply {
    if (fault?.kind === 'drop-after-commit') return { drop: true };
    // biome-ignore lint/suspicious/noThenProperty: the SDK's FakeHttpReply names the withheld reply `then`; it is data, never called.
    if (fault?.kind === 'timeout-after-commit') return { holdMs: fault.ms ?? 30_000, then: reply };
    return reply;
  }

  function createStatus(req: FakeRequest, accountId: string, rate: Record<string, string>): FakeReply {
    const key = req.headers['idempotency-key'];
    const keyStr = typeof key === 'string' && key !== '' ? key : null;
    if (keyStr) {
      const seen = idempotency.get(`${accountId}:${keyStr}`);
      if (seen && Date.now() - seen.at < IDEMPOTENCY_TTL_MS) {
        return { status: 200, json: statusJson(statuses.get(seen.statusId)!), headers: rate };
      }
    }
    const fault = faults.take();
    const early = fault ? faultReply(fault, rate) : null;
    if (early) return early;
    const body = req.json() as { status?: string; media_ids?: string[]; in_reply_to_id?: string; language?: string } | null;
    if (!body) return { status: 422, json: { error: 'Validation failed: invalid JSON' }, headers: rate };
    const text = body.status ?? '';
    const mediaIds = body.media_ids ?? [];
    if (text.trim() === '' && mediaIds.length === 0) return { status: 422, json: { error: "Validation failed: Text can't be blank" }, headers: rate };
    if (mastodonLength(text, { charsPerUrl: MASTODON_DEFAULT_CHARS_PER_URL }) > MASTODON_DEFAULT_MAX_CHARACTERS) {
      return { status: 422, json: { error: `Validation failed: Text character limit of ${MASTODON_DEFAULT_MAX_CHARACTERS} exceeded` }, headers: rate };
    }
    for (const id of mediaIds) {
      const m = media.get(id);
      if (!m || m.accountId !== accountId) return { status: 422, json: { error: 'Validation failed: Media attachment not found' }, headers: rate };
    }
    if (body.in_reply_to_id && !statuses.has(body.in_reply_to_id)) return { status: 404, json: { error: 'Record not found' }, headers: rate };
    const status: StoredStatus = {
      id: newId(),
      accountId,
      text,
      language: body.language ?? null,
      inReplyToId: body.in_reply_to_id ?? null,
      mediaIds,
      createdAt: new Date().toISOString(),
      deleted: false,
    };
    statuses.set(status.id, status);
    if (keyStr) idempotency.set(`${accountId}:${keyStr}`, { statusId: status.id, at: Date.now() });
    ledger.add({
      remoteId: status.id,
      accountId,
      text,
      ...(keyStr ? { idempotencyKey: keyStr } : {}),
      ...(status.inReplyToId ? { replyTo: status.inReplyToId } : {}),
      mediaCount: mediaIds.length,
      createdAt: status.createdAt,
    });
    return afterCommit(fault, { status: 200, json: statusJson(status), headers: rate });
  }

  async function uploadMedia(req: FakeRequest, accountId: string, rate: Record<string, string>): Promise<FakeReply> {
    const fault = faults.take();
    const early = fault ? faultReply(fault, rate) : null;
    if (early) return early;
    const form = await req.form();
    const file = form.get('file');
    if (!(file instanceof File) || file.size === 0) return { status: 422, json: { error: 'Validation failed: File is missing' }, headers: rate };
    const type = file.type.startsWith('image/') ? 'image' : file.type.startsWith('video/') ? 'video' : 'unknown';
    const description = form.get('description');
    const m: StoredMedia = { id: newId(), accountId, type, description: typeof description === 'string' ? description : null, polls: 0 };
    media.set(m.id, m);
    return afterCommit(fault, { status: 202, json: mediaJson(m), headers: rate });
  }

  const route = async (req: FakeRequest): Promise<FakeReply> => {
    if (req.method === 'GET' && req.url.pathname === '/api/v2/instance') {
      return {
        status: 200,
        json: {
          domain: new URL(baseUrl).host,
          title: 'Fake Mastodon',
          configuration: {
            statuses: { max_characters: MASTODON_DEFAULT_MAX_CHARACTERS, max_media_attachments: 4, characters_reserved_per_url: MASTODON_DEFAULT_CHARS_PER_URL },
          },
        },
      };
    }
    if (!req.url.pathname.startsWith('/api/')) return { status: 404, json: { error: 'Not found' } };
    const bearer = req.bearer();
    const session = bearer ? tokens.get(bearer) : undefined;
    if (!session || session.expired) return { status: 401, json: { error: 'The access token is invalid' } };
    const hit = window.hit(bearer!);
    const rate = { 'x-ratelimit-limit': String(hit.limit), 'x-ratelimit-remaining': String(hit.remaining), 'x-ratelimit-reset': new Date(hit.resetAt).toISOString() };
    if (hit.exceeded) return { status: 429, json: { error: 'Too many requests' }, headers: rate };
    const { accountId } = session;
    const ok = (json: unknown, status = 200): FakeReply => ({ status, json, headers: rate });
    const notFound = (): FakeReply => ({ status: 404, json: { error: 'Record not found' }, headers: rate });

    if (req.method === 'GET' && req.url.pathname === '/api/v1/accounts/verify_credentials') return ok(accountJson(accounts.get(accountId)!));
    if (req.method === 'POST' && req.url.pathname === '/api/v1/statuses') return createStatus(req, accountId, rate);
    if (req.method === 'POST' && req.url.pathname === '/api/v2/media') return uploadMedia(req, accountId, rate);
    let m = /^\/api\/v1\/media\/(\d+)$/.exec(req.url.pathname);
    if (m && req.method === 'GET') {
      const item = media.get(m[1]!);
      if (!item || item.accountId !== accountId) return notFound();
      // The first poll still sees the attachment processing (206), later ones see it ready.
      const processing = item.polls === 0;
      item.polls++;
      return ok(mediaJson(item), processing ? 206 : 200);
    }
    m = /^\/api\/v1\/statuses\/(\d+)$/.exec(req.url.pathname);
    if (m) {
      const status = statuses.get(m[1]!);
      if (!status || status.deleted) return notFound();
      if (req.method === 'GET') return ok(statusJson(status));
      if (req.method === 'DELETE') {
        if (status.accountId !== accountId) return notFound();
        status.deleted = true;
        ledger.markDeleted(status.id);
        return ok(statusJson(status, true));
      }
    }
    m = /^\/api\/v1\/accounts\/(\d+)\/statuses$/.exec(req.url.pathname);
    if (m && req.method === 'GET') {
      const limit = Math.min(Number(req.url.searchParams.get('limit') ?? 20) || 20, 40);
      const maxId = req.url.searchParams.get('max_id');
      const list = [...statuses.values()]
        .filter((s) => s.accountId === m![1] && !s.deleted && (maxId === null || BigInt(s.id) < BigInt(maxId)))
        .sort((a, b) => (BigInt(b.id) > BigInt(a.id) ? 1 : -1))
        .slice(0, limit);
      return ok(list.map((s) => statusJson(s)));
    }
    return { status: 404, json: { error: 'Not found' }, headers: rate };
  };

  const http = await startFakeHttpServer({ ...options, handle: route });
  baseUrl = http.baseUrl;

  const platform: FakePlatform = {
    platform: 'mastodon',
    baseUrl,
    env: { MASTODON_INSTANCE_URL: baseUrl },
    ledger: () => ledger.all(),
    async issueCredentials() {
      const { account, token } = createAccount();
      return { accessToken: token, extra: { instanceUrl: baseUrl, accountId: account.id, username: account.username } };
    },
    connectFormValues() {
      const { token } = createAccount();
      return { instanceUrl: baseUrl, accessToken: token };
    },
    failNext: (fault) => faults.push(fault),
    setLatency(ms) {
      http.setLatency(ms);
    },
    expireAccessTokens() {
      for (const t of tokens.values()) t.expired = true;
    },
    reset() {
      ledger.clear();
      faults.clear();
      window.clear();
      idempotency.clear();
    },
    close: () => http.close(),
  };
  return platform;
};
