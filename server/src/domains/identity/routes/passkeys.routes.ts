import {
  loginResponse,
  okBody,
  passkeyDto,
  passkeyListResponse,
  passkeySignInRequest,
  registerPasskeyRequest,
  removePasskeyRequest,
  renamePasskeyRequest,
  stepUpRequest,
  stepUpResponse,
  uuid,
  webauthnOptions,
} from '@diplodesk/contracts';
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requirePrincipal } from '../../../platform/authz/route-auth.ts';
import type { PlatformContext } from '../../../platform/context.ts';
import { type CookieNames, cookieNamesFor, cookieSecure, setSessionCookies } from '../authenticate.ts';
import { finishPasskeyRegistration, presentPasskey, removePasskey, renamePasskey, startPasskeyRegistration } from '../commands/manage-passkeys.ts';
import { completePasskeySecondFactor, passkeySecondFactorOptions, passwordlessOptions, signInWithPasskey } from '../commands/passkey-sign-in.ts';
import type { SignInResult } from '../commands/sign-in.ts';
import { stepUp, stepUpPasskeyOptions } from '../commands/step-up.ts';
import { passkeysOf } from '../webauthn.ts';
import { clientMeta, endReplacedSession } from './route-helpers.ts';
import { staffUrlOf } from '../../../platform/config/config.ts';

const browserOnly = { auth: { access: 'signed-in', tokens: false } } as const;
const idParams = z.object({ id: uuid });
// The zod contract bounds the shape; @simplewebauthn checks every field of the W3C JSON.
const asAssertion = (r: unknown) => r as AuthenticationResponseJSON;

function issue(req: FastifyRequest, reply: FastifyReply, cookies: CookieNames, result: SignInResult) {
  setSessionCookies(reply, cookies, result.session.token, result.session.csrfToken, { secure: cookieSecure(req, cookies), maxAgeSeconds: result.session.maxAgeSeconds });
  return { status: result.status };
}

/** Passkeys (WebAuthn): own passkeys, the passkey second factor, passwordless sign-in, and step-up. */
export const passkeyRoutes: FastifyPluginAsyncZod<{ ctx: PlatformContext }> = async (app, { ctx }) => {
  const cookies = cookieNamesFor(staffUrlOf(ctx.config));
  const loginLimit = { max: ctx.config.loginRatePerMinute, timeWindow: '1 minute' };
  const tags = ['auth'];

  app.get('/me/passkeys', { config: browserOnly, schema: { tags: ['me'], summary: 'Own passkeys', response: { 200: passkeyListResponse } } }, async (req) => ({
    items: (await passkeysOf(ctx.db, requirePrincipal(req).userId)).map(presentPasskey),
  }));

  // Adding a factor is itself sensitive: a session left open must not plant a lasting way in.
  app.post('/me/passkeys/options', { config: { ...browserOnly, stepUp: true }, schema: { tags: ['me'], summary: 'Start registering a passkey (creation options)', response: { 200: webauthnOptions } } }, async (req) =>
    startPasskeyRegistration(ctx, requirePrincipal(req)),
  );

  app.post('/me/passkeys', { config: { ...browserOnly, errors: ['auth.passkey-invalid', 'passkey.exists'] }, schema: { tags: ['me'], summary: 'Finish registering a passkey', body: registerPasskeyRequest, response: { 201: passkeyDto } } }, async (req, reply) => {
    const created = await finishPasskeyRegistration(ctx, requirePrincipal(req), { name: req.body.name, response: req.body.response as unknown as RegistrationResponseJSON }, req.id);
    return reply.status(201).send(created);
  });

  app.patch('/me/passkeys/:id', { config: browserOnly, schema: { tags: ['me'], summary: 'Rename a passkey', params: idParams, body: renamePasskeyRequest, response: { 200: passkeyDto } } }, async (req) =>
    renamePasskey(ctx, requirePrincipal(req), req.params.id, req.body.name, req.id),
  );

  app.delete('/me/passkeys/:id', { config: browserOnly, schema: { tags: ['me'], summary: 'Remove a passkey (needs the password)', params: idParams, body: removePasskeyRequest, response: { 200: okBody } } }, async (req) => {
    await removePasskey(ctx, requirePrincipal(req), req.params.id, req.body.password, req.id);
    return { ok: true as const };
  });

  app.post('/auth/mfa/passkey/options', { config: { auth: { access: 'mfa-pending' }, rateLimit: loginLimit }, schema: { tags, summary: 'Passkey options for the second sign-in step', response: { 200: webauthnOptions } } }, async (req) =>
    passkeySecondFactorOptions(ctx, req.pendingMfaSessionId!),
  );

  app.post('/auth/mfa/passkey', { config: { auth: { access: 'mfa-pending' }, rateLimit: loginLimit }, schema: { tags, summary: 'Complete sign-in with a passkey', body: passkeySignInRequest, response: { 200: loginResponse } } }, async (req, reply) =>
    issue(req, reply, cookies, await completePasskeySecondFactor(ctx, req.pendingMfaSessionId!, asAssertion(req.body.response), clientMeta(req))),
  );

  app.post('/auth/passkey/options', { config: { auth: { access: 'public' }, rateLimit: loginLimit }, schema: { tags, summary: 'Passkey options for passwordless sign-in', response: { 200: webauthnOptions } } }, async () =>
    passwordlessOptions(ctx),
  );

  app.post('/auth/passkey', { config: { auth: { access: 'public' }, rateLimit: loginLimit, errors: ['auth.passkey-invalid'] }, schema: { tags, summary: 'Sign in with a passkey (no password)', body: passkeySignInRequest, response: { 200: loginResponse } } }, async (req, reply) =>
    issue(req, reply, cookies, await signInWithPasskey(ctx, asAssertion(req.body.response), clientMeta(req)).then(async (result) => {
      await endReplacedSession(ctx, req);
      return result;
    })),
  );

  app.post('/auth/step-up/options', { config: { ...browserOnly, rateLimit: loginLimit }, schema: { tags, summary: 'Passkey options for a step-up', response: { 200: webauthnOptions } } }, async (req) =>
    stepUpPasskeyOptions(ctx, requirePrincipal(req)),
  );

  app.post('/auth/step-up', { config: { ...browserOnly, rateLimit: loginLimit }, schema: { tags, summary: 'Confirm a fresh factor for sensitive actions (5 minutes)', body: stepUpRequest, response: { 200: stepUpResponse } } }, async (req) =>
    stepUp(ctx, requirePrincipal(req), req.body, clientMeta(req)),
  );
};
