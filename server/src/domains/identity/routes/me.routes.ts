import {
  apiTokenListResponse,
  changePasswordRequest,
  createApiTokenRequest,
  createApiTokenResponse,
  meResponse,
  mfaDisableRequest,
  mfaEnableRequest,
  mfaSetupResponse,
  okBody,
  sessionListResponse,
  updateMeRequest,
  uuid,
} from '@diplodesk/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requirePrincipal } from '../../../platform/authz/route-auth.ts';
import type { PlatformContext } from '../../../platform/context.ts';
import { createApiToken, revokeApiToken } from '../commands/manage-api-tokens.ts';
import { disableMfa, enableMfa, startMfaSetup } from '../commands/manage-mfa.ts';
import { endOwnSession, listOwnSessions } from '../commands/manage-sessions.ts';
import { changeOwnPassword, updateProfile } from '../commands/update-profile.ts';
import { presentToken } from '../identity.presenter.ts';
import { listTokensOf } from '../identity.repo.ts';
import type { IdentityRuntime } from '../identity-runtime.ts';
import { clientMeta } from './route-helpers.ts';

const signedIn = { auth: { access: 'signed-in' } } as const;
// Credentials and second factors are managed only from a signed-in browser, never with an API token.
const browserOnly = { auth: { access: 'signed-in', tokens: false } } as const;

export const meRoutes: FastifyPluginAsyncZod<{ ctx: PlatformContext; identity: IdentityRuntime }> = async (app, { ctx, identity }) => {
  app.get('/me', { config: signedIn, schema: { tags: ['me'], summary: 'The signed-in user', response: { 200: meResponse } } }, async (req) =>
    identity.me(requirePrincipal(req)),
  );

  app.patch('/me', { config: signedIn, schema: { tags: ['me'], summary: 'Update own profile', body: updateMeRequest, response: { 200: meResponse } } }, async (req) => {
    const p = requirePrincipal(req);
    await updateProfile(ctx, p, req.body, req.id);
    return identity.me(p);
  });

  app.post('/me/password', { config: { ...browserOnly, errors: ['auth.invalid-credentials', 'auth.password-weak', 'auth.password-guessable', 'auth.password-breached', 'auth.password-unchanged'] }, schema: { tags: ['me'], summary: 'Change own password', body: changePasswordRequest, response: { 200: okBody } } }, async (req) => {
    await changeOwnPassword(ctx, requirePrincipal(req), req.body, clientMeta(req));
    return { ok: true as const };
  });

  app.post('/me/mfa/setup', { config: browserOnly, schema: { tags: ['me'], summary: 'Start TOTP enrolment', response: { 200: mfaSetupResponse } } }, async (req) =>
    startMfaSetup(ctx, requirePrincipal(req), req.id),
  );

  app.post('/me/mfa/enable', { config: browserOnly, schema: { tags: ['me'], summary: 'Confirm TOTP enrolment with a code', body: mfaEnableRequest, response: { 200: meResponse } } }, async (req) => {
    const p = requirePrincipal(req);
    await enableMfa(ctx, p, req.body.code, req.id);
    // This request's caller was resolved before the factor existed; the policy is met from now on.
    return { ...(await identity.me(p)), mfaSetupRequired: false };
  });

  app.post('/me/mfa/disable', { config: { ...browserOnly, errors: ['auth.mfa-not-enabled', 'auth.invalid-credentials'] }, schema: { tags: ['me'], summary: 'Turn TOTP off (needs the password)', body: mfaDisableRequest, response: { 200: meResponse } } }, async (req) => {
    const p = requirePrincipal(req);
    await disableMfa(ctx, p, req.body.password, clientMeta(req));
    return identity.me(p);
  });

  app.get('/me/sessions', { config: browserOnly, schema: { tags: ['me'], summary: 'Own signed-in sessions (device, address, the current one marked)', response: { 200: sessionListResponse } } }, async (req) => ({
    items: await listOwnSessions(ctx, requirePrincipal(req)),
  }));

  // Ending another of one's sessions asks for a fresh factor: a stolen session must not be able to
  // sign the owner out everywhere and keep the account to itself (ASVS 7.5.2).
  app.delete('/me/sessions/:id', { config: { ...browserOnly, stepUp: true }, schema: { tags: ['me'], summary: 'End one of own sessions', params: z.object({ id: uuid }), response: { 200: okBody } } }, async (req) => {
    await endOwnSession(ctx, requirePrincipal(req), req.params.id, req.id);
    return { ok: true as const };
  });

  app.get('/me/tokens', { config: browserOnly, schema: { tags: ['me'], summary: 'Own API tokens', response: { 200: apiTokenListResponse } } }, async (req) => ({
    items: (await listTokensOf(ctx.db, requirePrincipal(req).userId)).map(presentToken),
  }));

  app.post('/me/tokens', { config: { ...browserOnly, stepUp: true, errors: ['token.limit-reached'] }, schema: { tags: ['me'], summary: 'Create an API token (secret shown once)', body: createApiTokenRequest, response: { 201: createApiTokenResponse } } }, async (req, reply) => {
    const { token, secret } = await createApiToken(ctx, requirePrincipal(req), req.body, req.id);
    return reply.status(201).send({ token: presentToken(token), secret });
  });

  app.delete('/me/tokens/:id', { config: browserOnly, schema: { tags: ['me'], summary: 'Revoke an API token', params: z.object({ id: uuid }), response: { 200: okBody } } }, async (req) => {
    await revokeApiToken(ctx, requirePrincipal(req), req.params.id, req.id);
    return { ok: true as const };
  });
};
