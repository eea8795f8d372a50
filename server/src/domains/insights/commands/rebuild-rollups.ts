import { appendAudit, type Actor } from '../../../platform/audit/audit.ts';
import { can, type Principal } from '../../../platform/authz/principal.ts';
import { inTransaction, type PlatformContext } from '../../../platform/context.ts';
import { sql } from 'drizzle-orm';
import { newIdFor } from '../../../platform/db/index.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { findRootUnit } from '../../identity/index.ts';
import { enqueueRebuild, latestRebuild, type RebuildRun } from '../rollups/rebuild-rollups.job.ts';

/**
 * Starts rebuilding every rollup from the stored items, in the background. Needs `insight.manage`
 * at the organisation (the root unit): the figures of every unit are rebuilt. One run at a time.
 */
export async function startRollupRebuild(ctx: PlatformContext, p: Principal, actor: Actor): Promise<RebuildRun> {
  const root = await findRootUnit(ctx.db);
  if (!root) throw new AppError('unit.not-found');
  if (!can(p, 'insight.manage', root.path)) throw new AppError('authz.forbidden');
  return inTransaction(ctx, async (tx) => {
    // Two requests at once: the second waits here, then sees the first run.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('insights.rebuild-rollups'))`);
    if ((await latestRebuild(tx, root.id)).state === 'running') throw new AppError('insights-rollups.rebuild-running');
    const runId = newIdFor();
    await enqueueRebuild(tx, { runId, organisationId: root.id });
    const run = await latestRebuild(tx, root.id);
    await appendAudit(tx, actor, { action: 'insights-rollups.rebuilt', targetType: 'insights-rollups', targetId: null, unitId: root.id, summary: { runId, items: run.total } });
    return run;
  });
}
