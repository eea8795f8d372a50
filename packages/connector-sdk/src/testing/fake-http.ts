// Building blocks for local fake platform servers: a tiny node:http server with latency and
// socket-level faults, plus the state every fake keeps (ledger, fault queue, tokens, OAuth codes
// with PKCE, per-token rate windows). Each connector's fake composes these with its own routes and
// payload shapes; nothing here knows a platform.
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { FakeFault, FakeLedgerEntry } from './fake-platform.ts';

/** One request as a fake route sees it, body already read. */
export interface FakeHttpRequest {
  method: string;
  url: URL;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** The bearer token of the Authorization header, or null. */
  bearer(): string | null;
  /** The body parsed as JSON, or null when it is not JSON. */
  json(): unknown;
  /** Form fields from an urlencoded or multipart body (files come back as `File`), merged over the query string. */
  form(): Promise<FormData>;
}

/**
 * What a route answers:
 * - `{ status, json | text, headers }` — a normal response;
 * - `{ drop: true }` — the socket is destroyed without a response (the caller cannot know the outcome);
 * - `{ holdMs, reply }` — `reply` is withheld for `holdMs` (a timeout after commit). The first
 *   version spelled it `{ holdMs, then }`; that still works, but a `then` key makes the object look
 *   like a promise to linters (and to `await`, were it ever a function), so prefer `reply`.
 */
export type FakeHttpReply =
  | { status: number; headers?: Record<string, string>; json?: unknown; text?: string }
  | { drop: true }
  | { holdMs: number; reply: FakeHttpReply }
  | { holdMs: number; then: FakeHttpReply };

export interface FakeHttpServer {
  /** http://127.0.0.1:PORT */
  readonly baseUrl: string;
  setLatency(ms: number): void;
  close(): Promise<void>;
}

/**
 * Starts a fake HTTP server on 127.0.0.1 that waits `latencyMs` before handling each request.
 *
 * @example
 * const http = await startFakeHttpServer({ latencyMs: 0, handle: (req) => ({ status: 200, json: { ok: true } }) });
 * await fetch(`${http.baseUrl}/anything`); // { ok: true }
 * await http.close();
 */
export async function startFakeHttpServer(options: { port?: number; latencyMs?: number; handle: (req: FakeHttpRequest) => FakeHttpReply | Promise<FakeHttpReply> }): Promise<FakeHttpServer> {
  let latencyMs = options.latencyMs ?? 0;
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const wait = (ms: number) =>
    new Promise<void>((resolve) => {
      if (ms <= 0) return resolve();
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });

  const server = createServer((req, res) => {
    void serve(req, res).catch((error: unknown) => {
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: 'fake server bug', detail: String(error) }));
      }
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    await wait(latencyMs);
    const request = toFakeRequest(req, body);
    let reply = await options.handle(request);
    while ('holdMs' in reply) {
      await wait(reply.holdMs);
      reply = 'reply' in reply ? reply.reply : reply.then;
    }
    if ('drop' in reply) {
      req.socket.destroy();
      return;
    }
    const headers: Record<string, string> = { ...reply.headers };
    let payload = '';
    if (reply.json !== undefined) {
      headers['content-type'] ??= 'application/json; charset=utf-8';
      payload = JSON.stringify(reply.json);
    } else if (reply.text !== undefined) {
      headers['content-type'] ??= 'text/plain; charset=utf-8';
      payload = reply.text;
    }
    res.writeHead(reply.status, headers);
    res.end(payload);
  }

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    setLatency(ms) {
      latencyMs = ms;
    },
    close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

function toFakeRequest(req: IncomingMessage, body: Buffer): FakeHttpRequest {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const contentType = String(req.headers['content-type'] ?? '');
  return {
    method: req.method ?? 'GET',
    url,
    headers: req.headers,
    body,
    bearer() {
      const match = /^Bearer (.+)$/i.exec(String(req.headers.authorization ?? ''));
      return match?.[1] ?? null;
    },
    json() {
      if (!contentType.includes('json') || body.length === 0) return null;
      try {
        return JSON.parse(body.toString('utf8')) as unknown;
      } catch {
        return null;
      }
    },
    async form() {
      const form = new FormData();
      for (const [key, value] of url.searchParams) form.append(key, value);
      if (contentType.startsWith('application/x-www-form-urlencoded')) {
        for (const [key, value] of new URLSearchParams(body.toString('utf8'))) form.set(key, value);
      } else if (contentType.startsWith('multipart/form-data')) {
        // The WHATWG Request parser handles multipart boundaries, so fakes need no parser of their own.
        const parsed = await new Request('http://fake.invalid/', { method: 'POST', headers: { 'content-type': contentType }, body: new Uint8Array(body) }).formData();
        for (const [key, value] of parsed) form.set(key, value);
      }
      return form;
    },
  };
}

/** A fresh opaque id with a readable prefix (`tok_…`, `code_…`). */
export function fakeId(prefix: string, bytes = 12): string {
  return `${prefix}${randomBytes(bytes).toString('hex')}`;
}

/** The S256 code challenge of a PKCE verifier (RFC 7636 §4.2). */
export function pkceChallenge(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}

/** The fake's ground truth of posts. */
export class FakeLedger {
  #entries: FakeLedgerEntry[] = [];

  add(entry: Omit<FakeLedgerEntry, 'createdAt' | 'deleted'> & { createdAt?: string }): FakeLedgerEntry {
    const stored: FakeLedgerEntry = { createdAt: new Date().toISOString(), deleted: false, ...entry };
    this.#entries.push(stored);
    return stored;
  }

  /** Copies, so a test cannot change the fake's state by accident. */
  all(): FakeLedgerEntry[] {
    return this.#entries.map((e) => ({ ...e }));
  }

  find(remoteId: string): FakeLedgerEntry | undefined {
    return this.#entries.find((e) => e.remoteId === remoteId);
  }

  /** The live post of an account whose platform idempotency token is `key`, if any. */
  findByKey(accountId: string, key: string): FakeLedgerEntry | undefined {
    return this.#entries.find((e) => e.accountId === accountId && e.idempotencyKey === key && !e.deleted);
  }

  /** Marks a post deleted; false when it does not exist or is already gone. */
  markDeleted(remoteId: string): boolean {
    const entry = this.#entries.find((e) => e.remoteId === remoteId);
    if (!entry || entry.deleted) return false;
    entry.deleted = true;
    return true;
  }

  clear(): void {
    this.#entries = [];
  }
}

/** FIFO of faults for the next publishing requests. */
export class FaultQueue {
  #faults: FakeFault[] = [];

  push(fault: FakeFault): void {
    this.#faults.push(fault);
  }

  take(): FakeFault | undefined {
    return this.#faults.shift();
  }

  clear(): void {
    this.#faults = [];
  }
}

export interface RateWindowHit {
  limit: number;
  remaining: number;
  /** Epoch ms when the current window ends. */
  resetAt: number;
  exceeded: boolean;
}

/** Fixed-window request counter per key (token, endpoint), as platforms count per user per 15 minutes. */
export class RateWindow {
  readonly #windows = new Map<string, { count: number; resetAt: number }>();

  readonly limit: number;
  readonly windowMs: number;

  constructor(limit: number, windowMs: number) {
    this.limit = limit;
    this.windowMs = windowMs;
  }

  hit(key: string, now = Date.now()): RateWindowHit {
    let window = this.#windows.get(key);
    if (!window || window.resetAt <= now) {
      window = { count: 0, resetAt: now + this.windowMs };
      this.#windows.set(key, window);
    }
    window.count += 1;
    return { limit: this.limit, remaining: Math.max(0, this.limit - window.count), resetAt: window.resetAt, exceeded: window.count > this.limit };
  }

  clear(): void {
    this.#windows.clear();
  }
}

export type TokenCheck = { status: 'ok'; accountId: string; scope: string } | { status: 'expired' } | { status: 'invalid' };

export interface IssuedTokens {
  accessToken: string;
  refreshToken: string;
  /** Epoch ms. */
  expiresAt: number;
  accountId: string;
  scope: string;
}

/** Access and refresh tokens with expiry; refresh rotates the refresh token, as X and Google do. */
export class FakeTokens {
  readonly #access = new Map<string, { accountId: string; scope: string; expiresAt: number }>();
  readonly #refresh = new Map<string, { accountId: string; scope: string }>();

  readonly prefix: string;
  readonly ttlMs: number;

  constructor(prefix: string, ttlMs: number) {
    this.prefix = prefix;
    this.ttlMs = ttlMs;
  }

  issue(accountId: string, scope = ''): IssuedTokens {
    const accessToken = fakeId(`${this.prefix}at_`);
    const refreshToken = fakeId(`${this.prefix}rt_`);
    const expiresAt = Date.now() + this.ttlMs;
    this.#access.set(accessToken, { accountId, scope, expiresAt });
    this.#refresh.set(refreshToken, { accountId, scope });
    return { accessToken, refreshToken, expiresAt, accountId, scope };
  }

  check(accessToken: string | null): TokenCheck {
    const entry = accessToken === null ? undefined : this.#access.get(accessToken);
    if (!entry) return { status: 'invalid' };
    if (entry.expiresAt <= Date.now()) return { status: 'expired' };
    return { status: 'ok', accountId: entry.accountId, scope: entry.scope };
  }

  /** Trades a refresh token for a new pair (the old refresh token stops working), or null. */
  refresh(refreshToken: string): IssuedTokens | null {
    const entry = this.#refresh.get(refreshToken);
    if (!entry) return null;
    this.#refresh.delete(refreshToken);
    return this.issue(entry.accountId, entry.scope);
  }

  expireAll(): void {
    for (const entry of this.#access.values()) entry.expiresAt = 0;
  }
}

export interface AuthCodeGrant {
  clientId: string;
  redirectUri: string;
  accountId: string;
  scope: string;
  codeChallenge?: string;
  codeChallengeMethod?: string;
}

/** One-time authorization codes, checked against redirect URI, client and PKCE verifier on redemption. */
export class FakeAuthCodes {
  readonly #codes = new Map<string, AuthCodeGrant>();

  issue(grant: AuthCodeGrant): string {
    const code = fakeId('code_');
    this.#codes.set(code, grant);
    return code;
  }

  /** Returns the grant, or an OAuth error string (`invalid_grant`, `invalid_request`). */
  redeem(code: string, check: { clientId: string; redirectUri: string; codeVerifier?: string }): AuthCodeGrant | 'invalid_grant' | 'invalid_request' {
    const grant = this.#codes.get(code);
    this.#codes.delete(code);
    if (!grant || grant.clientId !== check.clientId || grant.redirectUri !== check.redirectUri) return 'invalid_grant';
    if (grant.codeChallenge !== undefined) {
      if (!check.codeVerifier) return 'invalid_request';
      const expected = grant.codeChallengeMethod === 'S256' ? pkceChallenge(check.codeVerifier) : check.codeVerifier;
      if (expected !== grant.codeChallenge) return 'invalid_grant';
    }
    return grant;
  }
}
