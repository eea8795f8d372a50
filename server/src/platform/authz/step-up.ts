import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors/app-error.ts';

/** A sensitive action needs a factor proven this recently (issue 10: "within 5 minutes"). */
export const stepUpWindowMs = 5 * 60_000;

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * The route needs a fresh second factor on this session (signing-key rotation, clearance-chain
     * edits, role grants, token creation, audit export). API tokens cannot prove one, so such
     * routes are for sessions only.
     */
    stepUp?: boolean;
  }
}

/**
 * Checks `config.stepUp` routes after the route's access rule has passed. `factorsOf` tells the
 * client which factors the user can answer with (the step-up dialog shows only those).
 */
export function installStepUp(app: FastifyInstance, factorsOf: (userId: string) => Promise<string[]>): void {
  app.addHook('onRequest', async (req) => {
    if (!req.routeOptions.config.stepUp) return;
    const p = req.principal;
    if (!p) throw new AppError('auth.required');
    if (p.via !== 'session') throw new AppError('auth.session-required');
    if (p.stepUpAt && Date.now() - p.stepUpAt.getTime() < stepUpWindowMs) return;
    throw new AppError('auth.step-up-required', undefined, { factors: await factorsOf(p.userId), windowSeconds: stepUpWindowMs / 1000 });
  });
}
