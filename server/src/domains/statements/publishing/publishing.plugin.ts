import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { type PublishingPluginOptions, publishingRoutes } from './publishing.routes.ts';

/** Publishing: channel accounts, publications, the calendar and manual resolution. Mount under /api/v1. */
export const publishingPlugin: FastifyPluginAsyncZod<PublishingPluginOptions> = async (app, opts) => {
  // Only our own options: passing Fastify's (e.g. `prefix`) on would apply them twice.
  const { ctx, connectors, statementTitles, statementStatus, newsroomEntries } = opts;
  await app.register(publishingRoutes, {
    ctx,
    connectors,
    ...(statementTitles ? { statementTitles } : {}),
    ...(statementStatus ? { statementStatus } : {}),
    ...(newsroomEntries ? { newsroomEntries } : {}),
  });
};
