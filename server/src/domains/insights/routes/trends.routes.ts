import { csvRow, rollupRebuildDto, type TrendQuery, trendQuery, trendResponse } from '@diplodesk/contracts';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../../../platform/audit/audit.ts';
import { requirePrincipal } from '../../../platform/authz/route-auth.ts';
import type { PlatformContext } from '../../../platform/context.ts';
import { fileDownload } from '../../../platform/http/responses.ts';
import { findRootUnit } from '../../identity/index.ts';
import { savedSearchesVisibleTo, savedSearchVisibleTo } from '../../listening/index.ts';
import { startRollupRebuild } from '../commands/rebuild-rollups.ts';
import { latestRebuild, type RebuildRun } from '../rollups/rebuild-rollups.job.ts';
import { trendOf } from '../trends.ts';
import { readableUnitIds } from './readable-units.ts';

const read = { auth: { access: 'permission', permission: 'insight.read' } } as const;
const manage = { auth: { access: 'permission', permission: 'insight.manage' } } as const;
const tags = ['insights'];

function actorOf(req: FastifyRequest): Actor {
  const p = requirePrincipal(req);
  return { userId: p.userId, label: p.email, requestId: req.id, tokenId: p.tokenId ?? null };
}

const presentRun = (run: RebuildRun) => ({ ...run, startedAt: run.startedAt?.toISOString() ?? null, finishedAt: run.finishedAt?.toISOString() ?? null });

export const trendRoutes: FastifyPluginAsyncZod<{ ctx: PlatformContext }> = async (app, { ctx }) => {
  const readable = (req: FastifyRequest, unitId?: string) => readableUnitIds(ctx, req, unitId);

  /** For a trend by saved search: the chosen ones (each must be visible to the caller), else all the caller sees. */
  async function savedSearchIds(req: FastifyRequest, q: TrendQuery): Promise<string[] | undefined> {
    if (q.dimension !== 'saved-search') return undefined;
    const p = requirePrincipal(req);
    if (q.keys) return Promise.all(q.keys.map(async (id) => (await savedSearchVisibleTo(ctx, p, id)).id));
    return (await savedSearchesVisibleTo(ctx, p)).map((s) => s.id);
  }

  const trendFor = async (req: FastifyRequest, q: TrendQuery) => trendOf(ctx.db, q, await readable(req, q.unitId), { savedSearchIds: await savedSearchIds(req, q) });

  app.get(
    '/insights/trends',
    {
      config: { ...read, errors: ['request.invalid', 'listening-saved-search.not-found'] },
      schema: {
        tags,
        summary: 'Items and average tone per hour, day or week (in the given zone), overall or by topic, country, language or source (from the rollups), or by saved search (counted from the items)',
        querystring: trendQuery,
        response: { 200: trendResponse },
      },
    },
    async (req) => trendFor(req, req.query),
  );

  app.get(
    '/insights/trends.csv',
    {
      config: { ...read, errors: ['request.invalid', 'listening-saved-search.not-found'] },
      schema: { tags, summary: "A trend's data as CSV: one row per bucket and series (items, items with a tone, mean tone, share of all items)", querystring: trendQuery, response: { 200: fileDownload('The trend as UTF-8 CSV', ['text/csv']) } },
    },
    async (req, reply) => {
      const trend = await trendFor(req, req.query);
      const lines = [csvRow(['bucket_start', 'dimension', 'key', 'items', 'items_with_tone', 'mean_tone', 'share_of_all'])];
      for (const series of trend.series) {
        series.points.forEach((point, i) => {
          const all = trend.totals[i]?.items ?? 0;
          lines.push(csvRow([point.at, trend.dimension, series.key, point.items, point.toneItems, point.tone, all > 0 ? Number((point.items / all).toFixed(4)) : null]));
        });
      }
      const name = `trend-${trend.dimension}-${trend.bucket}-${trend.from.slice(0, 10)}.csv`;
      return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${name}"`).send(`${lines.join('\r\n')}\r\n`);
    },
  );

  app.get('/insights/rollups/rebuild', { config: read, schema: { tags, summary: 'Progress of the latest rebuild of the trend figures from the collected items', response: { 200: rollupRebuildDto } } }, async () => {
    const root = await findRootUnit(ctx.db);
    return presentRun(root ? await latestRebuild(ctx.db, root.id) : { state: 'idle', done: 0, total: 0, startedAt: null, finishedAt: null });
  });

  app.post(
    '/insights/rollups/rebuild',
    { config: { ...manage, errors: ['insights-rollups.rebuild-running'] }, schema: { tags, summary: 'Rebuild every trend figure from the collected items, in the background (insight.manage at the organisation)', body: z.object({}).strict().optional(), response: { 202: rollupRebuildDto } } },
    async (req, reply) => reply.status(202).send(presentRun(await startRollupRebuild(ctx, requirePrincipal(req), actorOf(req)))),
  );
};

