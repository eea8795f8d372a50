import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ConnectorRegistry } from '../../platform/connectors/index.ts';
import type { PlatformContext } from '../../platform/context.ts';
import type { EventBus } from '../../platform/events/bus.ts';
import type { IngestStream } from './stream/ingest-stream.ts';
import { listeningRoutes } from './routes/listening.routes.ts';
import { importRoutes } from './routes/imports.routes.ts';
import { clusterRoutes } from './routes/cluster.routes.ts';
import { savedSearchRoutes } from './routes/saved-searches.routes.ts';
import { liveStreamRoutes } from './live/live.routes.ts';
import { topicRoutes } from './routes/topics.routes.ts';

export type ListeningPluginOptions = { ctx: PlatformContext; connectors: ConnectorRegistry; bus: EventBus; stream: IngestStream };

/** Listening API under /api/v1: sources with health, and search over collected items. */
export const listeningPlugin: FastifyPluginAsyncZod<ListeningPluginOptions> = async (app, opts) => {
  await app.register(listeningRoutes, opts);
  await app.register(importRoutes, opts);
  await app.register(savedSearchRoutes, opts);
  await app.register(clusterRoutes, opts);
  await app.register(liveStreamRoutes, opts);
  await app.register(topicRoutes, opts);
};
