import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { PlatformContext } from '../../platform/context.ts';
import { alertRoutes } from './routes/alerts.routes.ts';
import { briefRoutes } from './routes/brief.routes.ts';
import { cooperationRoutes } from './routes/cooperation.routes.ts';
import { deliveryRoutes } from './routes/delivery.routes.ts';
import { imageRoutes } from './routes/image.routes.ts';
import { monitorRoutes } from './routes/monitors.routes.ts';
import { trendRoutes } from './routes/trends.routes.ts';
import { unVotesImportRoutes } from './routes/unvotes-import.routes.ts';

/** Insights API under /api/v1: trends from the rollups, alert rules, the alerts inbox, alert delivery, the daily brief, the nation-image index, the cooperation finder and threat monitors. */
export const insightsPlugin: FastifyPluginAsyncZod<{ ctx: PlatformContext }> = async (app, opts) => {
  await app.register(trendRoutes, opts);
  await app.register(alertRoutes, opts);
  await app.register(deliveryRoutes, opts);
  await app.register(briefRoutes, opts);
  await app.register(imageRoutes, opts);
  await app.register(cooperationRoutes, opts);
  await app.register(unVotesImportRoutes, opts);
  await app.register(monitorRoutes, opts);
};
