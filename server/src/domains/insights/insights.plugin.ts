import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { PlatformContext } from '../../platform/context.ts';
import { trendRoutes } from './routes/trends.routes.ts';

/** Insights API under /api/v1: trends from the rollups. */
export const insightsPlugin: FastifyPluginAsyncZod<{ ctx: PlatformContext }> = async (app, opts) => {
  await app.register(trendRoutes, opts);
};
