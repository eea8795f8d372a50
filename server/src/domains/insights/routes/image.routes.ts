import { imageItemsQuery, imageItemsResponse, imageQuery, imageResponse, ourCountryDto, ourCountryRequest } from '@diplodesk/contracts';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Actor } from '../../../platform/audit/audit.ts';
import { can, type Principal } from '../../../platform/authz/principal.ts';
import { requirePrincipal } from '../../../platform/authz/route-auth.ts';
import type { PlatformContext } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { findRootUnit } from '../../identity/index.ts';
import { changeOurCountry } from '../image/change-our-country.ts';
import { imageMean, imageOf, imagePull } from '../image/image-index.ts';
import { type OurCountrySetting, readOurCountry, readOurCountrySetting } from '../image/our-country.ts';
import { readableUnitIds } from './readable-units.ts';

const read = { auth: { access: 'permission', permission: 'insight.read' } } as const;
const admin = { auth: { access: 'permission', permission: 'system.manage' } } as const;
const tags = ['insights'];

function actorOf(req: FastifyRequest): Actor {
  const p = requirePrincipal(req);
  return { userId: p.userId, label: p.email, requestId: req.id, tokenId: p.tokenId ?? null };
}

/** The nation-image index and the workspace's "our country" it follows. */
export const imageRoutes: FastifyPluginAsyncZod<{ ctx: PlatformContext }> = async (app, { ctx }) => {
  async function present(p: Principal, s: OurCountrySetting) {
    const root = await findRootUnit(ctx.db);
    return { country: s.country, updatedAt: s.updatedAt?.toISOString() ?? null, policies: { update: Boolean(root && can(p, 'system.manage', root.path)) } };
  }

  app.get(
    '/insights/image',
    {
      config: { ...read, errors: ['request.invalid'] },
      schema: {
        tags,
        summary: 'The nation-image index: mean tone of the items that mention our country per bucket, by source country, language and topic, with 95 % intervals, and the items that pull it up and down',
        querystring: imageQuery,
        response: { 200: imageResponse },
      },
    },
    async (req) => imageOf(ctx.db, req.query, await readableUnitIds(ctx, req, req.query.unitId)),
  );

  app.get(
    '/insights/image/items',
    {
      config: { ...read, errors: ['request.invalid'] },
      schema: { tags, summary: 'The items of a period that pull the image index up and down the most (around that period’s mean tone)', querystring: imageItemsQuery, response: { 200: imageItemsResponse } },
    },
    async (req) => {
      const from = new Date(req.query.from);
      const to = new Date(req.query.to);
      if (!(from < to)) throw new AppError('request.invalid', 'The period must end after it begins.', { field: 'to' });
      const unitIds = await readableUnitIds(ctx, req, req.query.unitId);
      const around = await imageMean(ctx.db, { unitIds, from, to });
      return imagePull(ctx.db, { country: await readOurCountry(ctx.db), unitIds, from, to, around, limit: req.query.limit });
    },
  );

  app.get('/insights/settings/our-country', { config: read, schema: { tags, summary: 'Our country: whose image in the media the index follows', response: { 200: ourCountryDto } } }, async (req) =>
    present(requirePrincipal(req), await readOurCountrySetting(ctx.db)),
  );

  app.put(
    '/insights/settings/our-country',
    { config: admin, schema: { tags, summary: 'Set our country (root administrators); the trend figures are rebuilt so the image index follows it', body: ourCountryRequest, response: { 200: ourCountryDto } } },
    async (req) => {
      const p = requirePrincipal(req);
      const { setting } = await changeOurCountry(ctx, p, req.body.country, actorOf(req));
      return present(p, setting);
    },
  );
};
