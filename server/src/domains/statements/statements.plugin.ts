import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { PlatformContext } from '../../platform/context.ts';
import { clearanceRoutes } from './routes/clearance.routes.ts';
import { statementRoutes } from './routes/statements.routes.ts';

/** Statements desk API under /api/v1: drafting, versions, comments, clearance, scheduling, templates. */
export const statementsPlugin: FastifyPluginAsyncZod<{ ctx: PlatformContext }> = async (app, opts) => {
  await app.register(statementRoutes, opts);
  await app.register(clearanceRoutes, opts);
};
