import { securityPolicyDto, updateSecurityPolicyRequest } from '@diplodesk/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requirePrincipal } from '../../../platform/authz/route-auth.ts';
import type { PlatformContext } from '../../../platform/context.ts';
import { getSecurityPolicy, updateSecurityPolicy } from '../commands/update-security-policy.ts';
import { actorOf } from './route-helpers.ts';

const systemManage = { auth: { access: 'permission', permission: 'system.manage' } } as const;

/** Administration → Security: the organisation's policy (which roles need a second factor). */
export const securityPolicyRoutes: FastifyPluginAsyncZod<{ ctx: PlatformContext }> = async (app, { ctx }) => {
  app.get('/security-policy', { config: systemManage, schema: { tags: ['system'], summary: 'The organisation security policy', response: { 200: securityPolicyDto } } }, async (req) =>
    getSecurityPolicy(ctx, requirePrincipal(req)),
  );

  app.put(
    '/security-policy',
    // Loosening who needs MFA is itself a sensitive change: a fresh factor first.
    { config: { ...systemManage, stepUp: true }, schema: { tags: ['system'], summary: 'Set which roles must have a second factor', body: updateSecurityPolicyRequest, response: { 200: securityPolicyDto } } },
    async (req) => updateSecurityPolicy(ctx, requirePrincipal(req), req.body, actorOf(req)),
  );
};
