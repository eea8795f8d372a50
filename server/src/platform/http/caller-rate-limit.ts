import { createHash } from 'node:crypto';
import { normalizeIP, type RateLimitOptions } from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Actor } from '../audit/audit.ts';
import { AppError } from '../errors/app-error.ts';

/** Which budget a request spends: the API's (per caller) or the public pages' (per address). */
export type RateLimitScope = 'api' | 'public';
/** What the caller was recognised by, before any database read. */
export type CallerKind = 'token' | 'session' | 'address';

export type CallerRefusal = {
  limit: RateLimitScope;
  caller: CallerKind;
  /** The limiter's key: a digest of the credential, or the address; never the credential itself. */
  key: string;
  /** Who the credential belonged to when it last authenticated here; null for an unknown caller. */
  actor: Actor | null;
  retryAfterSeconds: number;
};

export type CallerRateLimitOptions = {
  apiPerMinute: number;
  publicPerMinute: number;
  /** The session cookie's name (it depends on PUBLIC_URL). */
  sessionCookie: string;
  onRefused(req: FastifyRequest, refusal: CallerRefusal): void;
};

type Caller = { scope: RateLimitScope; kind: CallerKind; key: string; digest: string | null };
type Known = { userId: string; email: string; tokenId: string | null };

const WINDOW_MS = 60_000;
// Distinct keys each limiter tracks; past it the least recently seen caller starts afresh.
const TRACKED_CALLERS = 50_000;
// Credentials seen to authenticate; a flood of unknown ones spends its address's budget instead.
const KNOWN_CREDENTIALS = 50_000;

// The newsroom's pages and feeds, its machine-readable API, verification, ActivityPub and discovery.
const publicPath = /^\/(newsroom|verify|ap|nodeinfo|\.well-known)(\/|$)|^\/api\/v1\/public\//;
const apiPath = /^\/api(\/|$)/;

/**
 * A digest that names a credential without revealing it. Domain-separated, so it is not the
 * SHA-256 the identity tables store for sessions and tokens: a log or heap dump with limiter keys
 * cannot be matched against the database.
 */
export function credentialDigest(secret: string): string {
  return createHash('sha256').update('diplodesk rate limit\0').update(secret).digest('base64url').slice(0, 22);
}

function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

// An IPv6 client usually holds a whole /64: one budget for all of it, as @fastify/rate-limit does.
const addressKey = (req: FastifyRequest) => `a:${normalizeIP(req.ip, 64)}`;

/**
 * The budget a request spends, from the route it matched (so `/%61pi/…` cannot pass for a page):
 * the web app's catch-all, health checks and /metrics spend none.
 */
export function rateLimitScopeOf(req: Pick<FastifyRequest, 'url' | 'routeOptions'>): RateLimitScope | null {
  const pattern = req.routeOptions.url;
  const path = pattern && pattern !== '/*' ? pattern : safeDecode(req.url.split('?')[0] ?? '/');
  if (publicPath.test(path)) return 'public';
  if (apiPath.test(path)) return 'api';
  return null;
}

/**
 * Limits every /api/ request per caller and every public page per address, before authentication
 * (which reads the database). An API token or session cookie is recognised by a digest of its value;
 * one this process has not yet seen authenticate is charged to its address, so inventing credentials
 * buys no fresh budget. Counts are kept in this process (@fastify/rate-limit's memory store).
 */
export function installCallerRateLimit(app: FastifyInstance, opts: CallerRateLimitOptions): void {
  const callers = new WeakMap<FastifyRequest, Caller>();
  const known = new Map<string, Known>();
  const keyOf = (req: FastifyRequest) => callers.get(req)?.key ?? addressKey(req);
  // `cache` (the store's size) is read from these options at run time, though the types omit it.
  const limiter = (max: number) => app.createRateLimit({ max, timeWindow: WINDOW_MS, keyGenerator: keyOf, cache: TRACKED_CALLERS } as RateLimitOptions);
  const limiters = { api: limiter(opts.apiPerMinute), public: limiter(opts.publicPerMinute) };

  function identify(req: FastifyRequest, scope: RateLimitScope): Caller {
    const address: Caller = { scope, kind: 'address', key: addressKey(req), digest: null };
    // Public pages are read without signing in: readers are told apart by address only.
    if (scope === 'public') return address;
    // The same order as the authenticator: a bearer token wins over a cookie.
    const bearer = req.headers.authorization;
    const credential = bearer?.startsWith('Bearer ') ? { kind: 'token' as const, secret: bearer.slice(7).trim() } : { kind: 'session' as const, secret: req.cookies[opts.sessionCookie] };
    if (!credential.secret) return address;
    const digest = credentialDigest(credential.secret);
    if (!known.has(digest)) return { ...address, digest };
    return { scope, kind: credential.kind, key: `${credential.kind[0]}:${digest}`, digest };
  }

  app.addHook('onRequest', async (req, reply) => {
    const scope = rateLimitScopeOf(req);
    if (!scope) return;
    const caller = identify(req, scope);
    callers.set(req, caller);
    const result = await limiters[scope](req);
    if (result.isAllowed || !result.isExceeded) return;
    const who = caller.digest ? known.get(caller.digest) : undefined;
    const actor: Actor | null = who ? { userId: who.userId, label: who.email, requestId: req.id, tokenId: who.tokenId } : null;
    opts.onRefused(req, { limit: scope, caller: caller.kind, key: caller.key, actor, retryAfterSeconds: result.ttlInSeconds });
    void reply.header('retry-after', String(result.ttlInSeconds));
    // statusCode too: the newsroom's error handler answers a refused form post with its own page.
    throw Object.assign(new AppError('auth.rate-limited', undefined, { retryAfterSeconds: result.ttlInSeconds }), { statusCode: 429 });
  });

  // Learnt after the response: the credential authenticated, so its own budget applies from now on.
  app.addHook('onResponse', (req, _reply, done) => {
    const caller = callers.get(req);
    const p = req.principal;
    if (caller?.digest && p && !known.has(caller.digest)) {
      if (known.size >= KNOWN_CREDENTIALS) known.delete(known.keys().next().value as string);
      known.set(caller.digest, { userId: p.userId, email: p.email, tokenId: p.tokenId ?? null });
    }
    done();
  });
}
