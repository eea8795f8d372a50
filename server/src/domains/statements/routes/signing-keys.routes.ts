import { rotateSigningKeyResponse } from '@diplodesk/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { reachPaths } from '../../../platform/authz/principal.ts';
import { requirePrincipal } from '../../../platform/authz/route-auth.ts';
import { inTransaction, type PlatformContext } from '../../../platform/context.ts';
import { rotateSigningKey } from '../../../platform/crypto/signing/key-store.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { findRootUnit } from '../../identity/index.ts';

/**
 * The organisation's signing key, rotated from the browser as `diplodesk keys rotate` does from a
 * terminal. Only an administrator at the root, with a fresh second factor: a new key speaks for
 * the whole ministry.
 */
export const signingKeyRoutes: FastifyPluginAsyncZod<{ ctx: PlatformContext }> = async (app, { ctx }) => {
  app.post(
    '/system/signing-keys/rotate',
    {
      config: { auth: { access: 'permission', permission: 'system.manage' }, stepUp: true },
      schema: { tags: ['system'], summary: 'Rotate the signing key (the old one stays published, retired)', response: { 200: rotateSigningKeyResponse } },
    },
    async (req) => {
      const p = requirePrincipal(req);
      const root = await findRootUnit(ctx.db);
      if (!root) throw new AppError('unit.not-found');
      if (!reachPaths(p, 'system.manage').includes(root.path)) throw new AppError('authz.forbidden');
      return inTransaction(ctx, (tx) => rotateSigningKey(tx, ctx.secretBox.for('signing-keys'), root.id, { userId: p.userId, label: p.email, requestId: req.id }));
    },
  );
};
