import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ConnectorRegistry } from '../../platform/connectors/index.ts';
import type { PlatformContext } from '../../platform/context.ts';
import type { Executor } from '../../platform/db/index.ts';
import { publishingPlugin } from './publishing/index.ts';
import type { ResponseTargetResolver } from './response-targets.ts';
import { signingKeyRoutes } from './routes/signing-keys.routes.ts';
import { clearanceRoutes } from './routes/clearance.routes.ts';
import { statementRoutes } from './routes/statements.routes.ts';
import { titleOf } from './statements.presenter.ts';
import { findStatement, listNewsroomInRange, listStatementsByIds } from './statements.repo.ts';

/** The statement's status, for the live events publishing sends. */
export async function statementStatusOf(x: Executor, statementId: string): Promise<string> {
  return (await findStatement(x, statementId))?.status ?? 'published';
}

/** Statements desk API under /api/v1: drafting, versions, comments, clearance, scheduling, templates, channels and posts. */
export const statementsPlugin: FastifyPluginAsyncZod<{ ctx: PlatformContext; connectors: ConnectorRegistry; responseTargets?: ResponseTargetResolver }> = async (app, opts) => {
  const { ctx, connectors } = opts;
  await app.register(statementRoutes, { ctx, ...(opts.responseTargets ? { responseTargets: opts.responseTargets } : {}) });
  await app.register(clearanceRoutes, { ctx });
  await app.register(signingKeyRoutes, { ctx });
  await app.register(publishingPlugin, {
    ctx,
    connectors,
    statementTitles: async (ids) => new Map((await listStatementsByIds(ctx.db, ids)).map((s) => [s.id, titleOf(s)])),
    statementStatus: statementStatusOf,
    newsroomEntries: async (range) =>
      (await listNewsroomInRange(ctx.db, range)).map((s) => ({
        statementId: s.id,
        unitId: s.unitId,
        state: s.status === 'published' ? 'published' : 'scheduled',
        scheduledAt: (s.scheduledAt ?? s.createdAt).toISOString(),
        publishedAt: s.publishedAt?.toISOString() ?? null,
        statementTitle: titleOf(s) || null,
      })),
  });
};
