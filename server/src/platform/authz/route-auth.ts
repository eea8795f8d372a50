import type { Permission } from '@diplodesk/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../errors/app-error.ts';
import { type Principal, requirePermission } from './principal.ts';
import { safeEqual } from '../crypto/tokens.ts';

/**
 * Who may call a route — every route under /api declares one (a route without it fails at
 * start-up, and the authorization-matrix test reads these declarations).
 * - public: anyone, signed in or not
 * - mfa-pending: a session that passed the password step but not yet the second factor
 * - signed-in: any signed-in user
 * - permission: a signed-in user holding the permission at some unit; the handler then checks
 *   the specific unit through the domain's policy
 */
export type RouteAccess =
  | { access: 'public' }
  | { access: 'mfa-pending' }
  | { access: 'signed-in'; tokens?: boolean }
  | { access: 'permission'; permission: Permission };

declare module 'fastify' {
  interface FastifyContextConfig {
    auth?: RouteAccess;
  }
  interface FastifyInstance {
    /** Every route with its declared access rule, for the authorization-matrix test and docs. */
    routeAuthTable: RouteAuthEntry[];
  }
  interface FastifyRequest {
    principal: Principal | null;
    /** Set when the request carries a session cookie that still awaits its second factor. */
    pendingMfaSessionId: string | null;
  }
}

export type RouteAuthEntry = { method: string; url: string; rule: RouteAccess };

export type Authentication = { principal: Principal | null; pendingMfaSessionId: string | null };
export type Authenticator = (req: FastifyRequest) => Promise<Authentication>;

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function requirePrincipal(req: FastifyRequest): Principal {
  if (!req.principal) throw new AppError('auth.required');
  return req.principal;
}

/**
 * Installs authentication and the route-level access check for every route. Runs before body
 * validation, so an unauthorised caller learns nothing about a route's input shape.
 */
export function installRouteAuth(app: FastifyInstance, authenticate: Authenticator, csrfHeader = 'x-csrf-token'): void {
  app.decorateRequest('principal', null);
  app.decorateRequest('pendingMfaSessionId', null);
  const table: RouteAuthEntry[] = [];
  app.decorate('routeAuthTable', table);
  app.addHook('onRoute', (route) => {
    const rule = route.config?.auth;
    if (rule) for (const method of [route.method].flat()) table.push({ method, url: route.url, rule });
    if (route.url.startsWith('/api/') && !route.config?.auth && !route.url.startsWith('/api/docs')) {
      throw new Error(`route ${route.method} ${route.url} declares no auth rule`);
    }
  });
  app.addHook('onRequest', async (req) => {
    const rule = req.routeOptions.config.auth;
    if (!rule) return;
    const auth = await authenticate(req);
    req.principal = auth.principal;
    req.pendingMfaSessionId = auth.pendingMfaSessionId;
    if (rule.access === 'public') return;
    if (rule.access === 'mfa-pending') {
      // The second-factor step is a JSON POST: a cross-site page cannot send it without a CORS
      // preflight, which is never granted, so it needs no CSRF token (none exists yet).
      if (!auth.pendingMfaSessionId) throw new AppError('auth.required');
      return;
    }
    const p = auth.principal;
    if (!p) throw new AppError(auth.pendingMfaSessionId ? 'auth.mfa-required' : 'auth.required');
    if (p.via === 'session' && unsafeMethods.has(req.method)) {
      const sent = req.headers[csrfHeader];
      // Compared in constant time: the token is a secret the page holds.
      if (typeof sent !== 'string' || p.csrfToken === null || !safeEqual(sent, p.csrfToken)) throw new AppError('auth.csrf');
    }
    if (rule.access === 'signed-in') {
      if (p.via === 'token' && rule.tokens === false) throw new AppError('auth.token-scope');
      return;
    }
    requirePermission(p, rule.permission);
  });
}
