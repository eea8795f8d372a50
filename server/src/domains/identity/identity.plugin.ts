import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { PlatformContext } from '../../platform/context.ts';
import type { IdentityRuntime } from './identity-runtime.ts';
import { auditRoutes } from './routes/audit.routes.ts';
import { authRoutes } from './routes/auth.routes.ts';
import { meRoutes } from './routes/me.routes.ts';
import { passkeyRoutes } from './routes/passkeys.routes.ts';
import { securityPolicyRoutes } from './routes/security-policy.routes.ts';
import { unitRoutes } from './routes/units.routes.ts';
import { userRoutes } from './routes/users.routes.ts';
import { ssoRoutes } from './sso/sso.routes.ts';

/** Identity: sign-in, sessions, MFA, API tokens, units, users, roles, and the audit log's reading side. */
export const identityPlugin: FastifyPluginAsyncZod<{ ctx: PlatformContext; identity: IdentityRuntime }> = async (app, opts) => {
  await app.register(authRoutes, opts);
  await app.register(meRoutes, opts);
  await app.register(passkeyRoutes, { ctx: opts.ctx });
  await app.register(unitRoutes, opts);
  await app.register(userRoutes, opts);
  await app.register(auditRoutes, opts);
  await app.register(securityPolicyRoutes, { ctx: opts.ctx });
  await app.register(ssoRoutes, { ctx: opts.ctx });
};
