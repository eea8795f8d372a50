import { officialAccountDto, officialAccountListResponse, officialAccountRequest, updateOfficialAccountRequest, uuid } from '@diplodesk/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { can, type Principal } from '../../../platform/authz/principal.ts';
import { requirePrincipal } from '../../../platform/authz/route-auth.ts';
import type { PlatformContext } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { noContent } from '../../../platform/http/responses.ts';
import { readablePaths } from '../integrity.policy.ts';
import { actorOf, manageAccess as manage, readAccess as read, tags, unitIdsWithin } from '../routes/route-helpers.ts';
import { changeOfficialAccount, createOfficialAccount, findOfficialAccount, type OfficialAccount, officialAccounts, removeOfficialAccount } from './official-accounts.ts';

const idParams = z.object({ id: uuid });
const listQuery = z.object({ unitId: uuid.optional() });

const present = (a: OfficialAccount, p: Principal, unitPath: string | undefined) => {
  // Channel accounts are managed where they are connected (the statements desk), not here.
  const manageable = a.origin === 'manual' && unitPath !== undefined && can(p, 'integrity.manage', unitPath);
  return {
    id: a.id,
    unitId: a.unitId,
    platform: a.platform,
    handle: a.handle,
    displayName: a.displayName,
    remoteAccountId: a.remoteAccountId,
    origin: a.origin,
    createdAt: a.createdAt.toISOString(),
    policies: { update: manageable, delete: manageable },
  };
};

/** The registry of official accounts that the impersonation detector compares listening's accounts with. */
export const officialAccountRoutes: FastifyPluginAsyncZod<{ ctx: PlatformContext }> = async (app, { ctx }) => {
  app.get(
    '/integrity/official-accounts',
    { config: read, schema: { tags, summary: 'Official accounts of the units the caller reads: the registry and the connected publishing channels', querystring: listQuery, response: { 200: officialAccountListResponse } } },
    async (req) => {
      const { p, paths } = await readablePaths(ctx, req);
      const rows = await officialAccounts(ctx.db, unitIdsWithin(paths, req.query.unitId));
      return { items: rows.map((r) => present(r, p, paths.get(r.unitId))), policies: { create: can(p, 'integrity.manage') } };
    },
  );

  app.post(
    '/integrity/official-accounts',
    { config: { ...manage, errors: ['unit.not-found', 'integrity-official-account.exists'] }, schema: { tags, summary: 'Register an official account of a unit', body: officialAccountRequest, response: { 201: officialAccountDto } } },
    async (req, reply) => {
      const p = requirePrincipal(req);
      const row = await createOfficialAccount(ctx, p, req.body, actorOf(req));
      const { paths } = await readablePaths(ctx, req);
      return reply.status(201).send(present({ ...row, origin: 'manual' }, p, paths.get(row.unitId)));
    },
  );

  app.patch(
    '/integrity/official-accounts/:id',
    { config: { ...manage, errors: ['integrity-official-account.not-found', 'integrity-official-account.exists'] }, schema: { tags, summary: 'Change an official account (handle, display name, platform account id)', params: idParams, body: updateOfficialAccountRequest, response: { 200: officialAccountDto } } },
    async (req) => {
      const { p, paths } = await readablePaths(ctx, req);
      const existing = await findOfficialAccount(ctx.db, req.params.id);
      if (!existing || !paths.has(existing.unitId)) throw new AppError('integrity-official-account.not-found');
      const row = await changeOfficialAccount(ctx, p, req.params.id, req.body, actorOf(req));
      return present({ ...row, origin: 'manual' }, p, paths.get(row.unitId));
    },
  );

  app.delete(
    '/integrity/official-accounts/:id',
    { config: { ...manage, errors: ['integrity-official-account.not-found'] }, schema: { tags, summary: 'Remove an official account from the registry', params: idParams, response: { 204: noContent('Removed') } } },
    async (req, reply) => {
      const { p, paths } = await readablePaths(ctx, req);
      const existing = await findOfficialAccount(ctx.db, req.params.id);
      if (!existing || !paths.has(existing.unitId)) throw new AppError('integrity-official-account.not-found');
      await removeOfficialAccount(ctx, p, req.params.id, actorOf(req));
      return reply.status(204).send();
    },
  );
};
