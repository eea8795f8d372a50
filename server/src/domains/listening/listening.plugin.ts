import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ConnectorRegistry } from '../../platform/connectors/index.ts';
import type { PlatformContext } from '../../platform/context.ts';
import { listeningRoutes } from './routes/listening.routes.ts';

/** Listening API under /api/v1: sources with health, and search over collected items. */
export const listeningPlugin: FastifyPluginAsyncZod<{ ctx: PlatformContext; connectors: ConnectorRegistry }> = async (app, opts) => {
  await app.register(listeningRoutes, opts);
};
