import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { PlatformContext } from '../../platform/context.ts';
import { claimFeedRoutes } from './claim-feeds/claim-feeds.routes.ts';
import { networkRoutes } from './coordination/network.routes.ts';
import { officialAccountRoutes } from './impersonation/official-accounts.routes.ts';
import { claimRoutes } from './routes/claims.routes.ts';
import { findingRoutes } from './routes/findings.routes.ts';
import { matchingRoutes } from './routes/matching.routes.ts';
import { rebuttalRoutes } from './rebuttals/rebuttals.routes.ts';

/** Integrity API under /api/v1: the claims registry (ClaimReview) and the feeds polled into it, claim links and matching thresholds, the findings of every detector, a coordination finding's network, the registry of official accounts, and the rebuttals of findings and claims. */
export const integrityPlugin: FastifyPluginAsyncZod<{ ctx: PlatformContext }> = async (app, opts) => {
  await app.register(claimRoutes, opts);
  await app.register(claimFeedRoutes, opts);
  await app.register(matchingRoutes, opts);
  await app.register(findingRoutes, opts);
  await app.register(networkRoutes, opts);
  await app.register(officialAccountRoutes, opts);
  await app.register(rebuttalRoutes, opts);
};
