import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors/app-error.ts';


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
 * Checks `config.stepUp` routes (a factor proven within STEP_UP_WINDOW_SECONDS, at most 5 minutes) after the route's access rule has passed. `factorsOf` tells the
 * client which factors the user can answer with (the step-up dialog shows only those).
 */
export function installStepUp(app: FastifyInstance, windowSeconds: number, factorsOf: (userId: string) => Promise<string[]>): void {
  const windowMs = windowSeconds * 1000;
  app.addHook('onRequest', async (req) => {
    if (!req.routeOptions.config.stepUp) return;
    const p = req.principal;
    if (!p) throw new AppError('auth.required');
    if (p.via !== 'session') throw new AppError('auth.session-required');
    if (p.stepUpAt && Date.now() - p.stepUpAt.getTime() < windowMs) return;
    throw new AppError('auth.step-up-required', undefined, { factors: await factorsOf(p.userId), windowSeconds });
  });
}
