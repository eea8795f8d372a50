import { createSsoProviderRequest, okBody, publicSsoProviderList, ssoProviderDto, ssoProviderKey, ssoProviderListResponse, updateSsoProviderRequest, uuid } from '@diplodesk/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { redirectTo } from '../../../platform/http/responses.ts';
import { requirePrincipal } from '../../../platform/authz/route-auth.ts';
import type { PlatformContext } from '../../../platform/context.ts';
import { cookieNamesFor, cookieSecure, setSessionCookies } from '../authenticate.ts';
import { actorOf, clientMeta, endReplacedSession } from '../routes/route-helpers.ts';
import { completeSsoSignIn, SsoFailure } from './commands/complete-sso-sign-in.ts';
import { createSsoProvider, deleteSsoProvider, listSsoProviders, updateSsoProvider } from './commands/manage-sso-providers.ts';
import { startSsoSignIn } from './commands/start-sso-sign-in.ts';
import { ssoFlowSeconds } from './sso-flow.ts';
import { presentProvider, presentPublicProvider } from './sso.presenter.ts';
import { listProviders } from './sso.repo.ts';
import { staffUrlOf } from '../../../platform/config/config.ts';

const keyParams = z.object({ key: ssoProviderKey });
const idParams = z.object({ id: uuid });
// What OpenID Connect providers send back (RFC 6749 §4.1.2, RFC 9207's `iss`); a provider's own
// extras are accepted too: the code flow reads the whole callback address, not these fields.
const ssoCallbackQuery = z
  .object({
    code: z.string().max(4000).optional(),
    state: z.string().max(4000).optional(),
    iss: z.string().max(4000).optional(),
    error: z.string().max(4000).optional(),
    error_description: z.string().max(4000).optional(),
  })
  .catchall(z.string().max(4000));
const failed = (reason: string) => `/login?sso_error=${encodeURIComponent(reason)}`;

/** Single sign-on with OpenID Connect: the two browser legs of the code flow, and the admin's provider settings. */
export const ssoRoutes: FastifyPluginAsyncZod<{ ctx: PlatformContext }> = async (app, { ctx }) => {
  const limit = { max: ctx.config.loginRatePerMinute, timeWindow: '1 minute' };
  const cookies = cookieNamesFor(staffUrlOf(ctx.config));

  app.get(
    '/auth/sso/providers',
    { config: { auth: { access: 'public' } }, schema: { tags: ['auth'], summary: 'Identity providers offered on the sign-in page', response: { 200: publicSsoProviderList } } },
    async () => ({ items: (await listProviders(ctx.db)).filter((p) => p.enabled).map(presentPublicProvider) }),
  );

  app.get(
    '/auth/sso/:key/login',
    {
      config: { auth: { access: 'public' }, rateLimit: limit },
      schema: { tags: ['auth'], summary: 'Start single sign-on: redirects to the identity provider', params: keyParams, querystring: z.object({ next: z.string().max(2000).optional() }), response: { 302: redirectTo('the identity provider; back to the sign-in page with `sso_error` when the provider is unavailable') } },
    },
    async (req, reply) => {
      const started = await startSsoSignIn(ctx, req.params.key, req.query.next);
      if (!started) return reply.redirect(failed('provider-unavailable'));
      // Lax, not Strict: the provider sends the browser back with a top-level cross-site GET.
      void reply.setCookie(cookies.ssoFlow, started.sealedFlow, { path: cookies.ssoFlowPath, httpOnly: true, sameSite: 'lax', secure: cookieSecure(req, cookies), maxAge: ssoFlowSeconds });
      return reply.redirect(started.url);
    },
  );

  app.get(
    '/auth/sso/:key/callback',
    {
      config: { auth: { access: 'public' }, rateLimit: limit },
      schema: { tags: ['auth'], summary: 'The identity provider returns here; opens a session and redirects into the app', params: keyParams, querystring: ssoCallbackQuery, response: { 302: redirectTo('into the app, signed in; back to the sign-in page with `sso_error` when the sign-in failed') } },
    },
    async (req, reply) => {
      // The flow cookie serves one attempt, whatever its outcome.
      void reply.clearCookie(cookies.ssoFlow, { path: cookies.ssoFlowPath, secure: cookies.secure });
      // The address the provider was told to return to (STAFF_URL's, else PUBLIC_URL's), not the Host header.
      const url = new URL(req.url, `${staffUrlOf(ctx.config)}/`);
      const callbackUrl = new URL(`${staffUrlOf(ctx.config)}${url.pathname}${url.search}`);
      try {
        const result = await completeSsoSignIn(ctx, req.params.key, callbackUrl, req.cookies[cookies.ssoFlow], clientMeta(req));
        await endReplacedSession(ctx, req);
        setSessionCookies(reply, cookies, result.session.token, result.session.csrfToken, { secure: cookieSecure(req, cookies), maxAgeSeconds: result.session.maxAgeSeconds });
        return reply.redirect(result.next);
      } catch (err) {
        if (err instanceof SsoFailure) return reply.redirect(failed(err.reason));
        throw err;
      }
    },
  );

  const manage = { auth: { access: 'permission' as const, permission: 'system.manage' as const } };

  app.get('/sso/providers', { config: manage, schema: { tags: ['sso'], summary: 'Single sign-on providers (root administrators)', response: { 200: ssoProviderListResponse } } }, async (req) => ({
    items: (await listSsoProviders(ctx, requirePrincipal(req))).map((r) => presentProvider(r, staffUrlOf(ctx.config))),
  }));

  app.post(
    '/sso/providers',
    { config: manage, schema: { tags: ['sso'], summary: 'Add an OpenID Connect provider (its discovery document is read first)', body: createSsoProviderRequest, response: { 201: ssoProviderDto } } },
    async (req, reply) => reply.status(201).send(presentProvider(await createSsoProvider(ctx, requirePrincipal(req), req.body, actorOf(req)), staffUrlOf(ctx.config))),
  );

  app.patch(
    '/sso/providers/:id',
    { config: manage, schema: { tags: ['sso'], summary: 'Change a provider; the client secret only when one is sent', params: idParams, body: updateSsoProviderRequest, response: { 200: ssoProviderDto } } },
    async (req) => presentProvider(await updateSsoProvider(ctx, requirePrincipal(req), req.params.id, req.body, actorOf(req)), staffUrlOf(ctx.config)),
  );

  app.delete(
    '/sso/providers/:id',
    { config: manage, schema: { tags: ['sso'], summary: 'Remove a provider (its users and their roles stay)', params: idParams, response: { 200: okBody } } },
    async (req) => {
      await deleteSsoProvider(ctx, requirePrincipal(req), req.params.id, actorOf(req));
      return { ok: true as const };
    },
  );
};
