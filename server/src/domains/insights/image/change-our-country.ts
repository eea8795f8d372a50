// Changing "our country" changes which items count in the image index: every item is counted
// again, so the change and a fresh rebuild of the rollups commit together.
import { sql } from 'drizzle-orm';
import { type Actor, appendAudit } from '../../../platform/audit/audit.ts';
import type { Principal } from '../../../platform/authz/principal.ts';
import { inTransaction, type PlatformContext } from '../../../platform/context.ts';
import { newIdFor } from '../../../platform/db/index.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { findRootUnit } from '../../identity/index.ts';
import { authorizeRootAdmin } from '../delivery/manage-smtp.ts';
import { enqueueRebuild, latestRebuild, type RebuildRun } from '../rollups/rebuild-rollups.job.ts';
import { type OurCountrySetting, readOurCountrySetting, writeOurCountry } from './our-country.ts';

export async function changeOurCountry(ctx: PlatformContext, p: Principal, country: string | null, actor: Actor): Promise<{ setting: OurCountrySetting; rebuild: RebuildRun }> {
  await authorizeRootAdmin(ctx.db, p);
  const root = await findRootUnit(ctx.db);
  if (!root) throw new AppError('unit.not-found');
  return inTransaction(ctx, async (tx) => {
    // The same lock as a rebuild started by hand: two changes at once queue one run each, in order.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('insights.rebuild-rollups'))`);
    const before = await readOurCountrySetting(tx);
    await writeOurCountry(tx, country);
    let rebuild = await latestRebuild(tx, root.id);
    // A run already going may have counted pages under the old country: a new run starts over
    // (its first page empties the rollups); pages of the old run still queued are harmless repeats.
    if (before.country !== country || before.updatedAt === null) {
      const runId = newIdFor();
      await enqueueRebuild(tx, { runId, organisationId: root.id });
      rebuild = await latestRebuild(tx, root.id);
    }
    await appendAudit(tx, actor, { action: 'insights-image.country-changed', targetType: 'insights-image', targetId: null, unitId: root.id, summary: { from: before.country, to: country, rebuild: rebuild.state === 'running' } });
    return { setting: await readOurCountrySetting(tx), rebuild };
  });
}
