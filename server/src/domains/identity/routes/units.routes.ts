import { createUnitRequest, unitDto, unitListResponse, updateUnitRequest, uuid } from '@diplodesk/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { can, isWithin, reachPaths } from '../../../platform/authz/principal.ts';
import { requirePrincipal } from '../../../platform/authz/route-auth.ts';
import type { PlatformContext } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { createUnit } from '../commands/create-unit.ts';
import { updateUnit } from '../commands/update-unit.ts';
import { presentUnit } from '../identity.presenter.ts';
import { findUnit, listUnits } from '../identity.repo.ts';
import { actorOf } from './route-helpers.ts';

const idParams = z.object({ id: uuid });

export const unitRoutes: FastifyPluginAsyncZod<{ ctx: PlatformContext }> = async (app, { ctx }) => {
  app.get(
    '/units',
    { config: { auth: { access: 'permission', permission: 'unit.read' } }, schema: { tags: ['units'], summary: 'Units the caller may read (flat; build the tree from parentId)', response: { 200: unitListResponse } } },
    async (req) => {
      const p = requirePrincipal(req);
      const reach = reachPaths(p, 'unit.read');
      // Ancestors of reachable units are listed too (names only matter for the tree's context).
      const all = await listUnits(ctx.db);
      const items = all.filter((u) => reach.some((r) => isWithin(u.path, r) || isWithin(r, u.path)));
      return { items: items.map((u) => presentUnit(p, u)), policies: { create: can(p, 'unit.create') } };
    },
  );

  app.post(
    '/units',
    { config: { auth: { access: 'permission', permission: 'unit.create' } }, schema: { tags: ['units'], summary: 'Create a sub-unit', body: createUnitRequest, response: { 201: unitDto } } },
    async (req, reply) => {
      const p = requirePrincipal(req);
      const unit = await createUnit(ctx, p, req.body, actorOf(req));
      return reply.status(201).send(presentUnit(p, unit));
    },
  );

  app.get(
    '/units/:id',
    { config: { auth: { access: 'permission', permission: 'unit.read' } }, schema: { tags: ['units'], summary: 'One unit', params: idParams, response: { 200: unitDto } } },
    async (req) => {
      const p = requirePrincipal(req);
      const unit = await findUnit(ctx.db, req.params.id);
      if (!unit || !can(p, 'unit.read', unit.path)) throw new AppError('unit.not-found');
      return presentUnit(p, unit);
    },
  );

  app.patch(
    '/units/:id',
    { config: { auth: { access: 'permission', permission: 'unit.update' } }, schema: { tags: ['units'], summary: 'Edit or move a unit', params: idParams, body: updateUnitRequest, response: { 200: unitDto } } },
    async (req) => {
      const p = requirePrincipal(req);
      return presentUnit(p, await updateUnit(ctx, p, req.params.id, req.body, actorOf(req)));
    },
  );
};
