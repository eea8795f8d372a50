import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { PlatformContext } from '../../platform/context.ts';
import { alertRoutes } from './routes/alerts.routes.ts';
import { trendRoutes } from './routes/trends.routes.ts';

/** Insights API under /api/v1: trends from the rollups, alert rules and the alerts inbox. */
export const insightsPlugin: FastifyPluginAsyncZod<{ ctx: PlatformContext }> = async (app, opts) => {
  await app.register(trendRoutes, opts);
  await app.register(alertRoutes, opts);
};
