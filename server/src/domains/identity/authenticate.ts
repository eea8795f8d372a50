import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Authentication, Authenticator } from '../../platform/authz/route-auth.ts';
import { sha256Hex } from '../../platform/crypto/tokens.ts';
import type { Db } from '../../platform/db/index.ts';
import { deleteSession, findActiveToken, findSessionWithUser, membershipsOf, touchSession, touchToken, type UserRow } from './identity.repo.ts';
import { createPrincipal, type Principal } from '../../platform/authz/principal.ts';
import { needsMfaSetup } from './mfa-policy.ts';

export const sessionCookie = 'dd_session';
export const csrfCookie = 'dd_csrf';
export const ssoFlowCookie = 'dd_sso_flow';
export type CookieNames = { session: string; csrf: string; ssoFlow: string; ssoFlowPath: string; secure: boolean };

/**
 * Behind an https PUBLIC_URL the cookies are always Secure and carry the `__Host-` prefix, which a
 * browser accepts only from a secure origin, for path / and without a Domain — so a sibling
 * subdomain cannot plant or overwrite them. The SSO flow cookie too: a planted flow would let a
 * sibling host sign the victim in as someone else (login CSRF). `__Host-` demands path /, so it
 * loses the narrow path it has over plain http; it lives ten minutes and serves one attempt.
 */
export function cookieNamesFor(publicUrl: string): CookieNames {
  const secure = publicUrl.startsWith('https://');
  return secure
    ? { session: `__Host-${sessionCookie}`, csrf: `__Host-${csrfCookie}`, ssoFlow: `__Host-${ssoFlowCookie}`, ssoFlowPath: '/', secure }
    : { session: sessionCookie, csrf: csrfCookie, ssoFlow: ssoFlowCookie, ssoFlowPath: '/api/v1/auth/sso/', secure };
}

const touchEveryMs = 60_000;
const anonymous: Authentication = { principal: null, pendingMfaSessionId: null };

async function principalFor(
  db: Db,
  user: UserRow,
  extra: Pick<Principal, 'via' | 'sessionId' | 'csrfToken' | 'tokenScopes' | 'tokenId' | 'stepUpAt'>,
  mfaByIdp = false,
): Promise<Principal> {
  const ms = await membershipsOf(db, [user.id]);
  const mfaSetupRequired = await needsMfaSetup(db, user, ms.map((m) => m.role), extra.via === 'session' ? { session: { mfaByIdp } } : { token: true });
  return createPrincipal({
    userId: user.id,
    email: user.email,
    displayName: user.displayName,
    memberships: ms.map((m) => ({ unitId: m.unitId, unitPath: m.unitPath, role: m.role })),
    ...extra,
    ...(user.mustChangePassword ? { mustChangePassword: true as const } : {}),
    ...(mfaSetupRequired ? { mfaSetupRequired: true as const } : {}),
  });
}

export type AuthCache = { clear(): void; size(): number };
type Cached = { auth: Authentication; until: number };

/**
 * Resolves the caller from the session cookie or an `Authorization: Bearer ddp_…` API token.
 * Resolved callers are cached briefly (a few seconds): every identity change clears the cache in
 * this process at once and in the others when its event arrives, so the TTL only bounds how stale
 * a cache can be if an event were delayed. Misses are never cached.
 */
export function createAuthenticator(
  db: Db,
  opts: { ttlMs?: number; maxEntries?: number; idleMinutes?: number; cookies?: CookieNames } = {},
): Authenticator & { cache: AuthCache } {
  const ttlMs = opts.ttlMs ?? 5_000;
  const idleMs = (opts.idleMinutes ?? 30) * 60_000;
  const cookieName = opts.cookies?.session ?? sessionCookie;
  const maxEntries = opts.maxEntries ?? 20_000;
  const cache = new Map<string, Cached>();
  const resolve = async (key: string, load: () => Promise<Authentication>): Promise<Authentication> => {
    const hit = cache.get(key);
    const now = Date.now();
    if (hit && hit.until > now) return hit.auth;
    const auth = await load();
    if (auth.principal && ttlMs > 0) {
      if (cache.size >= maxEntries) cache.clear();
      cache.set(key, { auth, until: now + ttlMs });
    } else cache.delete(key);
    return auth;
  };
  const authenticate = async (req: FastifyRequest): Promise<Authentication> => {
    const bearer = req.headers.authorization;
    if (bearer?.startsWith('Bearer ')) {
      const secret = bearer.slice(7).trim();
      return resolve(`t:${sha256Hex(secret)}`, () => fromToken(db, secret));
    }
    const token = req.cookies[cookieName];
    if (!token) return anonymous;
    return resolve(`s:${sha256Hex(token)}`, () => fromSession(db, token, idleMs));
  };
  return Object.assign(authenticate, { cache: { clear: () => cache.clear(), size: () => cache.size } });
}

async function fromSession(db: Db, token: string, idleMs: number): Promise<Authentication> {
  const found = await findSessionWithUser(db, sha256Hex(token));
  if (!found?.user.isActive) return anonymous;
  const { session, user } = found;
  if (session.mfaPending) return { principal: null, pendingMfaSessionId: session.id };
  const idle = Date.now() - session.lastSeenAt.getTime();
  if (idle > idleMs) {
    // Left unused too long: the session ends for good, as if its owner had signed out.
    await deleteSession(db, session.id);
    return anonymous;
  }
  // Writing on every request would make each read a write; a minute's precision is enough (the
  // idle limit is therefore met to within a minute, plus the few seconds a resolved caller is cached).
  if (idle > touchEveryMs) await touchSession(db, session.id, { lastSeenAt: new Date() });
  const principal = await principalFor(db, user, { via: 'session', sessionId: session.id, csrfToken: session.csrfToken, tokenScopes: null, stepUpAt: session.stepUpAt }, session.mfaByIdp);
  return { principal, pendingMfaSessionId: null };
}

async function fromToken(db: Db, secret: string): Promise<Authentication> {
  if (!secret.startsWith('ddp_')) return anonymous;
  const found = await findActiveToken(db, sha256Hex(secret));
  if (!found?.user.isActive) return anonymous;
  if (!found.token.lastUsedAt || Date.now() - found.token.lastUsedAt.getTime() > touchEveryMs) await touchToken(db, found.token.id);
  const principal = await principalFor(db, found.user, { via: 'token', sessionId: null, csrfToken: null, tokenScopes: found.token.scopes, tokenId: found.token.id, stepUpAt: null });
  return { principal, pendingMfaSessionId: null };
}

/** Secure when PUBLIC_URL is https, or when this request came over HTTPS (a proxy may say so). */
export function cookieSecure(req: FastifyRequest, names: CookieNames): boolean {
  return names.secure || req.protocol === 'https';
}

/** httpOnly session cookie plus a readable CSRF cookie the web app echoes in `x-csrf-token`. */
export function setSessionCookies(reply: FastifyReply, names: CookieNames, token: string, csrf: string, opts: { secure: boolean; maxAgeSeconds: number }): void {
  const base = { path: '/', sameSite: 'lax' as const, secure: opts.secure, maxAge: opts.maxAgeSeconds };
  void reply.setCookie(names.session, token, { ...base, httpOnly: true });
  void reply.setCookie(names.csrf, csrf, { ...base, httpOnly: false });
}

export function clearSessionCookies(reply: FastifyReply, names: CookieNames): void {
  const base = { path: '/', secure: names.secure };
  void reply.clearCookie(names.session, base);
  void reply.clearCookie(names.csrf, base);
}
