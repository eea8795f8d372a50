import { loginRequest, loginResponse, mfaLoginRequest, okBody } from '@diplodesk/contracts';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { PlatformContext } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { clearSessionCookies, cookieSecure, setSessionCookies } from '../authenticate.ts';
import { completeMfaSignIn } from '../commands/complete-mfa-sign-in.ts';
import { auditFailure, signIn } from '../commands/sign-in.ts';
import { throttleKeys } from '../login-throttle.ts';
import { signOut } from '../commands/sign-out.ts';
import type { IdentityRuntime } from '../identity-runtime.ts';
import { clientMeta, endReplacedSession } from './route-helpers.ts';
import { safeEqual } from '../../../platform/crypto/tokens.ts';

export const authRoutes: FastifyPluginAsyncZod<{ ctx: PlatformContext; identity: IdentityRuntime }> = async (app, { ctx, identity }) => {
  const { cookies } = identity;
  // Per-address limit on top of the per-account throttle: slows password spraying across accounts.
  // Refusals are audited, coalesced per address and minute (the body, and so the e-mail, is not read yet).
  const auditRefusal = (req: FastifyRequest) => {
    const meta = clientMeta(req);
    auditFailure(ctx, throttleKeys('', meta.ip), { action: 'auth.sign-in-failed', reason: 'rate-limited', user: null, typedEmail: null }, meta).catch((err: unknown) =>
      req.log.warn({ err }, 'could not audit a rate-limited sign-in'),
    );
  };
  const loginLimit = { max: ctx.config.loginRatePerMinute, timeWindow: '1 minute', onExceeded: auditRefusal };

  app.post(
    '/auth/login',
    {
      config: { auth: { access: 'public' }, rateLimit: loginLimit, errors: ['auth.invalid-credentials', 'auth.locked', 'auth.user-inactive'] },
      schema: { tags: ['auth'], summary: 'Sign in with e-mail and password', body: loginRequest, response: { 200: loginResponse } },
    },
    async (req, reply) => {
      const result = await signIn(ctx, req.body, clientMeta(req));
      await endReplacedSession(ctx, req);
      setSessionCookies(reply, cookies, result.session.token, result.session.csrfToken, { secure: cookieSecure(req, cookies), maxAgeSeconds: result.session.maxAgeSeconds });
      return { status: result.status, ...(result.factors ? { factors: result.factors } : {}) };
    },
  );

  app.post(
    '/auth/mfa',
    {
      config: { auth: { access: 'mfa-pending' }, rateLimit: loginLimit },
      schema: { tags: ['auth'], summary: 'Complete sign-in with a TOTP code', body: mfaLoginRequest, response: { 200: loginResponse } },
    },
    async (req, reply) => {
      const result = await completeMfaSignIn(ctx, req.pendingMfaSessionId!, req.body.code, clientMeta(req));
      setSessionCookies(reply, cookies, result.session.token, result.session.csrfToken, { secure: cookieSecure(req, cookies), maxAgeSeconds: result.session.maxAgeSeconds });
      return { status: result.status };
    },
  );

  app.post(
    '/auth/logout',
    { config: { auth: { access: 'public' } }, schema: { tags: ['auth'], summary: 'Sign out (ends this session)', response: { 200: okBody } } },
    async (req, reply) => {
      // Public so a half-finished MFA sign-in can be abandoned; with a full session the CSRF token is required.
      if (req.principal?.via === 'session') {
        const sent = req.headers['x-csrf-token'];
        if (typeof sent !== 'string' || req.principal.csrfToken === null || !safeEqual(sent, req.principal.csrfToken)) throw new AppError('auth.csrf');
      }
      if (req.principal?.via !== 'token') await signOut(ctx, req.principal, req.pendingMfaSessionId, req.id);
      clearSessionCookies(reply, cookies);
      // Also drops what the browser kept of the session: cached API answers, stored query data, other cookies.
      void reply.header('clear-site-data', '"cache", "cookies", "storage"');
      return { ok: true as const };
    },
  );
};
