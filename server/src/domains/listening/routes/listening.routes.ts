import { createSourceRequest, itemBatchQuery, itemBatchResponse, itemDto, itemFacets, itemFacetsQuery, itemSearchQuery, itemSearchResponse, sourceDto, sourceListResponse, sourceTestResponse, topStoriesQuery, topStoriesResponse, updateSourceRequest, uuid } from '@diplodesk/contracts';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../../../platform/audit/audit.ts';
import { can, isWithin, reachPaths } from '../../../platform/authz/principal.ts';
import { requirePrincipal } from '../../../platform/authz/route-auth.ts';
import type { ConnectorRegistry } from '../../../platform/connectors/index.ts';
import type { PlatformContext } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { listUnits } from '../../identity/index.ts';
import { changeSource, createSource } from '../commands/manage-sources.ts';
import { testSource } from '../commands/test-source.ts';
import { facetSummary, findItem, findItemsIn, findSource, type ItemQuery, itemCounts, listSources, searchItems } from '../listening.repo.ts';
import { topStories } from '../item-highlights.ts';
import { presentItem, presentSource } from '../listening.presenter.ts';

const read = { auth: { access: 'permission', permission: 'listening.read' } } as const;
const manage = { auth: { access: 'permission', permission: 'listening.manage' } } as const;
const idParams = z.object({ id: uuid });

function actorOf(req: FastifyRequest): Actor {
  const p = requirePrincipal(req);
  return { userId: p.userId, label: p.email, requestId: req.id, tokenId: p.tokenId ?? null };
}

export const listeningRoutes: FastifyPluginAsyncZod<{ ctx: PlatformContext; connectors: ConnectorRegistry }> = async (app, { ctx, connectors }) => {
  /** Units whose listening the caller may read (optionally one unit's subtree). */
  async function readableUnits(req: FastifyRequest, unitId?: string) {
    const p = requirePrincipal(req);
    const reach = reachPaths(p, 'listening.read');
    let units = (await listUnits(ctx.db)).filter((u) => reach.some((r) => isWithin(u.path, r)));
    if (unitId) {
      const chosen = units.find((u) => u.id === unitId);
      units = chosen ? units.filter((u) => isWithin(u.path, chosen.path)) : [];
    }
    return { p, units, paths: new Map(units.map((u) => [u.id, u.path])) };
  }

  async function sourceFor(req: FastifyRequest, id: string) {
    const { p, paths } = await readableUnits(req);
    const source = await findSource(ctx.db, id);
    const path = source ? paths.get(source.unitId) : undefined;
    if (!source || path === undefined) throw new AppError('listening-source.not-found');
    return { p, source, path };
  }

  app.get(
    '/listening/top-stories',
    {
      config: { ...read, errors: ['request.invalid'] },
      schema: { tags: ['listening'], summary: 'The most covered stories of a period: near-duplicate clusters by items in the period, then by sources', querystring: topStoriesQuery, response: { 200: topStoriesResponse } },
    },
    async (req) => {
      const from = new Date(req.query.from);
      const to = new Date(req.query.to);
      if (!(from < to)) throw new AppError('request.invalid', 'The period must end after it begins.', { field: 'to' });
      const { units } = await readableUnits(req, req.query.unitId);
      const stories = await topStories(ctx.db, { unitIds: units.map((u) => u.id), from, to, limit: req.query.limit });
      return {
        items: stories.map((s) => ({ clusterId: s.clusterId, items: s.items, sources: s.sources, itemId: s.id, headline: s.headline, url: s.url, sourceName: s.sourceName, publishedAt: s.publishedAt.toISOString(), language: s.language })),
      };
    },
  );

  app.get(
    '/listening/sources',
    {
      config: read,
      schema: {
        tags: ['listening'],
        summary: 'Sources of the units the caller may read, with health. Imported files are listed under /listening/imports; `include=imports` adds their sources (to name their items).',
        querystring: z.object({ unitId: uuid.optional(), include: z.enum(['imports']).optional() }),
        response: { 200: sourceListResponse },
      },
    },
    async (req) => {
      const { p, units, paths } = await readableUnits(req, req.query.unitId);
      const rows = await listSources(
        ctx.db,
        units.map((u) => u.id),
        { fileImports: req.query.include === 'imports' },
      );
      const counts = await itemCounts(ctx.db, rows.map((r) => r.id));
      return { items: rows.map((s) => presentSource(p, s, paths.get(s.unitId) ?? '', counts.get(s.id))), policies: { create: can(p, 'listening.manage') } };
    },
  );

  app.post('/listening/sources', { config: manage, schema: { tags: ['listening'], summary: 'Add a source (first poll is queued at once)', body: createSourceRequest, response: { 201: sourceDto } } }, async (req, reply) => {
    const p = requirePrincipal(req);
    const source = await createSource(ctx, connectors, p, req.body, actorOf(req));
    const { paths } = await readableUnits(req);
    return reply.status(201).send(presentSource(p, source, paths.get(source.unitId) ?? '', undefined));
  });

  app.get('/listening/sources/:id', { config: read, schema: { tags: ['listening'], summary: 'One source', params: idParams, response: { 200: sourceDto } } }, async (req) => {
    const { p, source, path } = await sourceFor(req, req.params.id);
    return presentSource(p, source, path, (await itemCounts(ctx.db, [source.id])).get(source.id));
  });

  app.patch('/listening/sources/:id', { config: manage, schema: { tags: ['listening'], summary: 'Change, pause or resume a source', params: idParams, body: updateSourceRequest, response: { 200: sourceDto } } }, async (req) => {
    const { p, path } = await sourceFor(req, req.params.id);
    const source = await changeSource(ctx, p, req.params.id, req.body, actorOf(req));
    return presentSource(p, source, path, (await itemCounts(ctx.db, [source.id])).get(source.id));
  });

  app.post('/listening/sources/:id/test', { config: manage, schema: { tags: ['listening'], summary: 'Read the source once without storing anything: health and a preview', params: idParams, response: { 200: sourceTestResponse } } }, async (req) => {
    const { p, source, path } = await sourceFor(req, req.params.id);
    return testSource(ctx, connectors, p, source, path, actorOf(req));
  });

  /** The repository query for a search's filters, limited to the units the caller may read. */
  function toItemQuery(q: z.output<typeof itemFacetsQuery>, unitIds: string[]): ItemQuery {
    return {
      unitIds,
      q: q.q,
      match: q.match,
      from: q.from ? new Date(q.from) : undefined,
      to: q.to ? new Date(q.to) : undefined,
      sourceIds: q.sources?.filter((s) => uuid.safeParse(s).success),
      languages: q.languages,
      countries: q.countries?.map((c) => c.toUpperCase()),
      topics: q.topics,
      sentimentMin: q.sentimentMin,
      sentimentMax: q.sentimentMax,
      clusterId: q.cluster,
      limit: 0,
    };
  }

  app.get('/listening/items', { config: read, schema: { tags: ['listening'], summary: 'Search collected items (full text in Indonesian, English and other languages) with filters and, with facets=1, their facet counts', querystring: itemSearchQuery, response: { 200: itemSearchResponse } } }, async (req) => {
    const { units } = await readableUnits(req, req.query.unitId);
    const q = req.query;
    let before: ItemQuery['before'];
    if (q.cursor) {
      const [at, id] = q.cursor.split('|');
      const publishedAt = new Date(at ?? '');
      if (!id || Number.isNaN(publishedAt.getTime()) || !uuid.safeParse(id).success) throw new AppError('request.invalid', 'The cursor is not valid.');
      before = { publishedAt, id };
    }
    const query: ItemQuery = { ...toItemQuery(q, units.map((u) => u.id)), limit: q.limit + 1, before };
    const rows = await searchItems(ctx.db, query);
    const page = rows.slice(0, q.limit);
    const last = page.at(-1);
    const facets = q.facets === '1' ? await facetSummary(ctx.db, query) : null;
    return { items: page.map(presentItem), nextCursor: rows.length > q.limit && last ? `${last.publishedAt.toISOString()}|${last.id}` : null, facets };
  });

  app.get('/listening/items/facets', { config: read, schema: { tags: ['listening'], summary: 'Facet counts (language, source, country, topic) of a search, over at most its newest 20,000 matches', querystring: itemFacetsQuery, response: { 200: itemFacets } } }, async (req) => {
    const { units } = await readableUnits(req, req.query.unitId);
    return facetSummary(ctx.db, toItemQuery(req.query, units.map((u) => u.id)));
  });

  app.get('/listening/items/batch', { config: { ...read, errors: ['request.invalid'] }, schema: { tags: ['listening'], summary: 'Many items by id (at most 100, comma-separated), in the order asked; ids the caller may not read or that do not exist are left out', querystring: itemBatchQuery, response: { 200: itemBatchResponse } } }, async (req) => {
    const { units } = await readableUnits(req);
    const items = await findItemsIn(ctx.db, req.query.ids, units.map((u) => u.id));
    return { items: items.map(presentItem) };
  });

  app.get('/listening/items/:id', { config: read, schema: { tags: ['listening'], summary: 'One item with its analysis', params: idParams, response: { 200: itemDto } } }, async (req) => {
    const { paths } = await readableUnits(req);
    const item = await findItem(ctx.db, req.params.id);
    if (!item || !paths.has(item.unitId)) throw new AppError('listening-item.not-found');
    return presentItem(item);
  });
};
