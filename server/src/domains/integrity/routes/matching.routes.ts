import { claimLinkDto, integritySettingsDto, integritySettingsRequest, narrativeDto, narrativeListResponse, narrativeRequest, updateNarrativeRequest, uuid } from '@diplodesk/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { can } from '../../../platform/authz/principal.ts';
import { requirePrincipal } from '../../../platform/authz/route-auth.ts';
import type { PlatformContext } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { findRootUnit } from '../../identity/index.ts';
import { storedItems } from '../../listening/index.ts';
import { decideLink, findLink, linksOfItem, presentLinks } from '../claims/claim-links.ts';
import { changeNarrative, createNarrative, findNarrative, listNarratives, type NarrativeRow } from '../claims/manage-narratives.ts';
import { changeMatchingSettings, readMatchingSettings } from '../claims/matching-settings.ts';
import { claimScopePaths, readablePaths } from '../integrity.policy.ts';
import { actorOf, manageAccess as manage, readAccess as read, tags } from './route-helpers.ts';

const idParams = z.object({ id: uuid });
const itemParams = z.object({ itemId: uuid });
const linkListResponse = z.object({ items: z.array(claimLinkDto) });

/** Narratives, the workspace's matching thresholds, an item's claim links and a person's decision on a link. */
export const matchingRoutes: FastifyPluginAsyncZod<{ ctx: PlatformContext }> = async (app, { ctx }) => {
  const presentNarrative = (row: NarrativeRow & { claims?: number }, manageable: boolean) => ({
    id: row.id,
    unitId: row.unitId,
    name: row.name,
    description: row.description,
    claims: row.claims ?? 0,
    createdAt: row.createdAt.toISOString(),
    policies: { update: manageable },
  });

  app.get('/integrity/narratives', { config: read, schema: { tags, summary: 'Narratives (groups of claims) the caller sees (its units and those above them)', response: { 200: narrativeListResponse } } }, async (req) => {
    const { p, paths } = await claimScopePaths(ctx, req);
    const rows = await listNarratives(ctx.db, [...paths.keys()]);
    return { items: rows.map((r) => presentNarrative(r, can(p, 'integrity.manage', paths.get(r.unitId)))), policies: { create: can(p, 'integrity.manage') } };
  });

  app.post('/integrity/narratives', { config: { ...manage, errors: ['unit.not-found'] }, schema: { tags, summary: 'Add a narrative to a unit', body: narrativeRequest, response: { 201: narrativeDto } } }, async (req, reply) => {
    const row = await createNarrative(ctx, requirePrincipal(req), req.body, actorOf(req));
    return reply.status(201).send(presentNarrative(row, true));
  });

  app.patch(
    '/integrity/narratives/:id',
    { config: { ...manage, errors: ['integrity-narrative.not-found'] }, schema: { tags, summary: 'Rename or describe a narrative', params: idParams, body: updateNarrativeRequest, response: { 200: narrativeDto } } },
    async (req) => {
      const { paths } = await readablePaths(ctx, req);
      const existing = await findNarrative(ctx.db, req.params.id);
      if (!existing || !paths.has(existing.unitId)) throw new AppError('integrity-narrative.not-found');
      return presentNarrative(await changeNarrative(ctx, requirePrincipal(req), req.params.id, req.body, actorOf(req)), true);
    },
  );

  app.get('/integrity/settings', { config: read, schema: { tags, summary: 'The claim-matching thresholds, with the precision and recall each gives on the evaluation set', response: { 200: integritySettingsDto } } }, async (req) => {
    const p = requirePrincipal(req);
    const root = await findRootUnit(ctx.db);
    return { ...(await readMatchingSettings(ctx.db)), policies: { update: root !== undefined && root !== null && can(p, 'integrity.manage', root.path) } };
  });

  app.put('/integrity/settings', { config: { ...manage, errors: ['unit.not-found'] }, schema: { tags, summary: 'Set the auto-link and suggest thresholds (integrity.manage at the organisation)', body: integritySettingsRequest, response: { 200: integritySettingsDto } } }, async (req) => ({
    ...(await changeMatchingSettings(ctx, requirePrincipal(req), req.body, actorOf(req))),
    policies: { update: true },
  }));

  app.get(
    '/integrity/items/:itemId/claim-links',
    { config: { ...read, errors: ['listening-item.not-found'] }, schema: { tags, summary: 'The claims an item repeats (links that are not rejected first), each with its debunk', params: itemParams, response: { 200: linkListResponse } } },
    async (req) => {
      const { p, paths } = await readablePaths(ctx, req);
      const [item] = await storedItems(ctx.db, [req.params.itemId]);
      if (!item || !paths.has(item.unitId)) throw new AppError('listening-item.not-found');
      const rows = await linksOfItem(ctx.db, item.id);
      rows.sort((a, b) => Number(a.state === 'rejected') - Number(b.state === 'rejected'));
      return { items: await presentLinks(ctx.db, p, paths, rows) };
    },
  );

  for (const [verb, decision] of [
    ['confirm', 'confirmed'],
    ['reject', 'rejected'],
  ] as const) {
    app.post(
      `/integrity/claim-links/:id/${verb}`,
      {
        config: { ...manage, errors: ['integrity-claim-link.not-found', 'integrity-claim-link.already-decided'] },
        schema: { tags, summary: verb === 'confirm' ? 'Confirm a suggested link (raises or adds to the claim finding)' : 'Reject a link (the matcher will not suggest it again)', params: idParams, response: { 200: claimLinkDto } },
      },
      async (req) => {
        const { p, paths } = await readablePaths(ctx, req);
        const existing = await findLink(ctx.db, req.params.id);
        if (!existing || !paths.has(existing.unitId)) throw new AppError('integrity-claim-link.not-found');
        const row = await decideLink(ctx, p, req.params.id, decision, actorOf(req));
        const [dto] = await presentLinks(ctx.db, p, paths, [row]);
        if (!dto) throw new AppError('integrity-claim-link.not-found');
        return dto;
      },
    );
  }
};
