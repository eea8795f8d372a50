import { itemClusterQuery, itemClusterResponse, uuid } from '@diplodesk/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requirePrincipal } from '../../../platform/authz/route-auth.ts';
import type { PlatformContext } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { clusterHistogram, clusterStats } from '../listening-search.repo.ts';
import { findItem, searchItems } from '../listening.repo.ts';
import { presentItem } from '../listening.presenter.ts';
import { readableUnits } from '../live/readable-units.ts';
import { itemCursorOf, parseItemCursor } from '../live/saved-query.ts';
import { bucketMs, chooseBucket, fillTimeline } from '../live/spread.ts';

const read = { auth: { access: 'permission', permission: 'listening.read' } } as const;

/** An item's spread over time: its near-duplicate cluster, as far as the caller may read it. */
export const clusterRoutes: FastifyPluginAsyncZod<{ ctx: PlatformContext }> = async (app, { ctx }) => {
  app.get(
    '/listening/items/:id/cluster',
    { config: read, schema: { tags: ['listening'], summary: 'The item’s near-duplicate cluster: size, sources, authors, a timeline and the members (newest first)', params: z.object({ id: uuid }), querystring: itemClusterQuery, response: { 200: itemClusterResponse } } },
    async (req) => {
      const unitIds = (await readableUnits(ctx, requirePrincipal(req))).map((u) => u.id);
      const item = await findItem(ctx.db, req.params.id);
      if (!item || !unitIds.includes(item.unitId)) throw new AppError('listening-item.not-found');
      const clusterId = item.clusterId ?? item.id;
      const stats = (await clusterStats(ctx.db, clusterId, unitIds)) ?? { size: 1, sources: 1, authors: item.author ? 1 : 0, firstSeen: item.publishedAt, latestSeen: item.publishedAt };
      const bucket = chooseBucket(stats.latestSeen.getTime() - stats.firstSeen.getTime());
      const histogram = item.clusterId ? await clusterHistogram(ctx.db, clusterId, unitIds, bucketMs[bucket] / 1000) : [{ start: Math.floor(item.publishedAt.getTime() / bucketMs[bucket]) * bucketMs[bucket], count: 1 }];
      const { limit } = req.query;
      const rows = item.clusterId ? await searchItems(ctx.db, { unitIds, clusterId, limit: limit + 1, before: parseItemCursor(req.query.cursor) }) : req.query.cursor ? [] : [item];
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return {
        clusterId,
        size: stats.size,
        sources: stats.sources,
        authors: stats.authors,
        firstSeen: stats.firstSeen.toISOString(),
        latestSeen: stats.latestSeen.toISOString(),
        bucket,
        timeline: fillTimeline(histogram, bucket),
        members: page.map(presentItem),
        nextCursor: rows.length > limit && last ? itemCursorOf(last) : null,
      };
    },
  );
};
