import type { ReapplyPeriod } from '@diplodesk/contracts';
import { and, gte, lt, sql } from 'drizzle-orm';
import type { Actor } from '../../../../platform/audit/audit.ts';
import type { Principal } from '../../../../platform/authz/principal.ts';
import { inTransaction, type PlatformContext } from '../../../../platform/context.ts';
import { type Executor, newIdFor } from '../../../../platform/db/index.ts';
import { AppError } from '../../../../platform/errors/app-error.ts';
import { listeningItems } from '../../listening.tables.ts';
import { enqueueReapply, latestReapplyRun, type ReapplyRun } from '../reapply-topics.job.ts';
import { lockTaxonomy } from '../taxonomy.repo.ts';
import { recordTopicChange } from '../topics.audit.ts';
import { editableOrganisation } from './manage-topics.ts';

const periodDays: Record<ReapplyPeriod, number> = { '7d': 7, '30d': 30, '90d': 90 };

async function countItems(tx: Executor, from: Date, until: Date): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(listeningItems)
    .where(and(gte(listeningItems.publishedAt, from), lt(listeningItems.publishedAt, until)));
  return Number(row?.n ?? 0);
}

/**
 * Starts re-classifying the items published in the period with the taxonomy as it is now. One run
 * at a time per organisation: a second request while one runs is refused, not queued behind it.
 */
export async function startReapply(ctx: PlatformContext, p: Principal, period: ReapplyPeriod, actor: Actor): Promise<ReapplyRun> {
  const org = await editableOrganisation(ctx.db, p);
  return inTransaction(ctx, async (tx) => {
    await lockTaxonomy(tx, org.id);
    if ((await latestReapplyRun(tx, org.id)).state === 'running') throw new AppError('listening-topic.reapply-running');
    const until = new Date();
    const from = new Date(until.getTime() - periodDays[period] * 86_400_000);
    const total = await countItems(tx, from, until);
    const runId = newIdFor();
    await enqueueReapply(tx, { runId, organisationId: org.id, period, from: from.toISOString(), until: until.toISOString(), after: null, done: 0, total });
    await recordTopicChange(tx, actor, { action: 'listening-topics.reapplied', targetId: null, organisationId: org.id, summary: { runId, period, items: total } }, null);
    return latestReapplyRun(tx, org.id);
  });
}
