import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { PlatformContext } from '../../platform/context.ts';
import type { CookieNames } from '../identity/index.ts';
import { meetingRoutes } from './routes/meetings.routes.ts';

/** Negotiation API under /api/v1: meetings (issue 14). */
export const negotiationPlugin: FastifyPluginAsyncZod<{ ctx: PlatformContext; cookies: CookieNames }> = async (app, opts) => {
  await app.register(meetingRoutes, opts);
};
