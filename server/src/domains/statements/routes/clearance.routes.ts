import { clearanceChainDto, clearanceChainListResponse, okBody, saveClearanceChainRequest, saveTemplateRequest, templateDto, templateListResponse, uuid } from '@diplodesk/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Principal } from '../../../platform/authz/principal.ts';
import { can, isWithin, reachPaths } from '../../../platform/authz/principal.ts';
import { requirePrincipal } from '../../../platform/authz/route-auth.ts';
import type { PlatformContext } from '../../../platform/context.ts';
import { displayNamesOf, listUnits } from '../../identity/index.ts';
import { removeChain, saveChain } from '../commands/save-chain.ts';
import { saveTemplate } from '../commands/save-template.ts';
import { type ChainRow, listChains, listTemplates, type TemplateRow } from '../statements.repo.ts';

const idParams = z.object({ id: uuid });
const read = { auth: { access: 'permission', permission: 'statement.read' } } as const;

async function presentChains(ctx: PlatformContext, p: Principal, rows: ChainRow[], paths: Map<string, string>) {
  const ids = rows.flatMap((c) => c.steps.flatMap((s) => s.approvers.flatMap((a) => (a.kind === 'user' ? [a.userId] : []))));
  const names = Object.fromEntries(await displayNamesOf(ctx.db, ids));
  return rows.map((c) => ({
    id: c.id,
    unitId: c.unitId,
    kind: c.kind,
    name: c.name,
    fastTrack: c.fastTrack,
    steps: c.steps,
    userNames: names,
    updatedAt: c.updatedAt.toISOString(),
    policies: { update: can(p, 'unit.update', paths.get(c.unitId)) },
  }));
}

function presentTemplate(p: Principal, t: TemplateRow, paths: Map<string, string>, rootPath: string) {
  return {
    id: t.id,
    unitId: t.unitId,
    purpose: t.purpose,
    statementKind: t.statementKind,
    name: t.name,
    texts: t.texts,
    updatedAt: t.updatedAt.toISOString(),
    policies: { update: can(p, 'statement.draft', t.unitId ? paths.get(t.unitId) : rootPath) },
  };
}

export const clearanceRoutes: FastifyPluginAsyncZod<{ ctx: PlatformContext }> = async (app, { ctx }) => {
  const actorOf = (req: Parameters<typeof requirePrincipal>[0]) => {
    const p = requirePrincipal(req);
    return { userId: p.userId, label: p.email, requestId: req.id, tokenId: p.tokenId ?? null };
  };
  const unitPaths = async () => {
    const units = await listUnits(ctx.db);
    return { units, paths: new Map(units.map((u) => [u.id, u.path])), rootPath: units.find((u) => u.parentId === null)?.path ?? '/' };
  };

  app.get(
    '/clearance-chains',
    { config: read, schema: { tags: ['statements'], summary: 'Clearance chains of the units the caller may read (with their ancestors)', querystring: z.object({ unitId: uuid.optional() }), response: { 200: clearanceChainListResponse } } },
    async (req) => {
      const p = requirePrincipal(req);
      const { units, paths } = await unitPaths();
      const reach = reachPaths(p, 'statement.read');
      const visible = units.filter((u) => reach.some((r) => isWithin(u.path, r) || isWithin(r, u.path)));
      const ids = req.query.unitId ? visible.filter((u) => u.id === req.query.unitId).map((u) => u.id) : visible.map((u) => u.id);
      const items = await presentChains(ctx, p, await listChains(ctx.db, ids), paths);
      return { items, policies: { create: can(p, 'unit.update') } };
    },
  );

  app.post('/clearance-chains', { config: { auth: { access: 'permission', permission: 'unit.update' }, stepUp: true }, schema: { tags: ['statements'], summary: 'Create a clearance chain', body: saveClearanceChainRequest, response: { 201: clearanceChainDto } } }, async (req, reply) => {
    const p = requirePrincipal(req);
    const chain = await saveChain(ctx, p, null, req.body, actorOf(req));
    const [dto] = await presentChains(ctx, p, [chain], (await unitPaths()).paths);
    return reply.status(201).send(dto as NonNullable<typeof dto>);
  });

  app.put('/clearance-chains/:id', { config: { auth: { access: 'permission', permission: 'unit.update' }, stepUp: true }, schema: { tags: ['statements'], summary: 'Replace a clearance chain', params: idParams, body: saveClearanceChainRequest, response: { 200: clearanceChainDto } } }, async (req) => {
    const p = requirePrincipal(req);
    const chain = await saveChain(ctx, p, req.params.id, req.body, actorOf(req));
    const [dto] = await presentChains(ctx, p, [chain], (await unitPaths()).paths);
    return dto as NonNullable<typeof dto>;
  });

  app.delete('/clearance-chains/:id', { config: { auth: { access: 'permission', permission: 'unit.update' }, stepUp: true }, schema: { tags: ['statements'], summary: 'Delete a clearance chain (statements in clearance keep theirs)', params: idParams, response: { 200: okBody } } }, async (req) => {
    await removeChain(ctx, requirePrincipal(req), req.params.id, actorOf(req));
    return { ok: true as const };
  });

  app.get('/statement-templates', { config: read, schema: { tags: ['statements'], summary: 'Templates for recurring statements', response: { 200: templateListResponse } } }, async (req) => {
    const p = requirePrincipal(req);
    const { paths, rootPath } = await unitPaths();
    const reach = reachPaths(p, 'statement.read');
    const rows = (await listTemplates(ctx.db)).filter((t) => !t.unitId || reach.some((r) => isWithin(paths.get(t.unitId ?? '') ?? '', r)));
    return { items: rows.map((t) => presentTemplate(p, t, paths, rootPath)), policies: { create: can(p, 'statement.draft') } };
  });

  app.post('/statement-templates', { config: { auth: { access: 'permission', permission: 'statement.draft' } }, schema: { tags: ['statements'], summary: 'Create a template', body: saveTemplateRequest, response: { 201: templateDto } } }, async (req, reply) => {
    const p = requirePrincipal(req);
    const t = await saveTemplate(ctx, p, null, req.body, actorOf(req));
    const { paths, rootPath } = await unitPaths();
    return reply.status(201).send(presentTemplate(p, t, paths, rootPath));
  });

  app.put('/statement-templates/:id', { config: { auth: { access: 'permission', permission: 'statement.draft' } }, schema: { tags: ['statements'], summary: 'Replace a template', params: idParams, body: saveTemplateRequest, response: { 200: templateDto } } }, async (req) => {
    const p = requirePrincipal(req);
    const t = await saveTemplate(ctx, p, req.params.id, req.body, actorOf(req));
    const { paths, rootPath } = await unitPaths();
    return presentTemplate(p, t, paths, rootPath);
  });
};
