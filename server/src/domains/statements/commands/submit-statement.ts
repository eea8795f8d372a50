import type { StatementKind } from '@diplodesk/contracts';
import type { Actor } from '../../../platform/audit/audit.ts';
import { type Principal, can } from '../../../platform/authz/principal.ts';
import { inTransaction, type PlatformContext } from '../../../platform/context.ts';
import type { Executor } from '../../../platform/db/index.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { enqueueJob } from '../../../platform/jobs/index.ts';
import type { UnitRow } from '../../identity/index.ts';
import { statementDueJob } from '../jobs/statement-due.job.ts';
import { requireUnit } from '../statement-access.ts';
import { auditStatement, statementChangedEvent } from '../statements.audit.ts';
import { type ChainRow, listAttachments, listChains, lockStatement, type StatementRow, updateStatementRow } from '../statements.repo.ts';
import { checkVariants } from '../variants.ts';
import { accountsFor, unitLineage } from './update-statement.ts';

/**
 * The chain that clears a statement of this kind at this unit: the unit's own chain for the kind,
 * else its chain for every kind, else the nearest ancestor's. Fast-track chains are used only when
 * asked for (rapid response) and fall back to the ordinary chain.
 */
export async function resolveChain(x: Executor, unit: Pick<UnitRow, 'path'>, kind: StatementKind, fastTrack: boolean): Promise<ChainRow | undefined> {
  const lineage = unitLineage(unit).reverse();
  const chains = await listChains(x, lineage);
  const pick = (ft: boolean) => {
    for (const unitId of lineage) {
      const own = chains.filter((c) => c.unitId === unitId && c.fastTrack === ft);
      const found = own.find((c) => c.kind === kind) ?? own.find((c) => c.kind === null);
      if (found) return found;
    }
    return undefined;
  };
  return (fastTrack ? pick(true) : undefined) ?? pick(false);
}

export async function submitStatement(
  ctx: PlatformContext,
  p: Principal,
  id: string,
  input: { baseVersion: number; fastTrack: boolean; scheduledAt: string | null },
  actor: Actor,
): Promise<StatementRow> {
  return inTransaction(ctx, async (tx) => {
    const row = await lockStatement(tx, id);
    if (!row) throw new AppError('statement.not-found');
    const unit = await requireUnit(tx, row.unitId);
    if (!can(p, 'statement.read', unit.path)) throw new AppError('statement.not-found');
    if (!can(p, 'statement.draft', unit.path)) throw new AppError('authz.forbidden');
    if (row.status !== 'draft') throw new AppError('statement.invalid-state');
    if (input.baseVersion !== row.version) throw new AppError('statement.version-conflict', undefined, { current: row.version });
    const complete = row.content.texts.some((t) => t.title.trim() !== '' && t.body.trim() !== '');
    if (!complete) throw new AppError('statement.incomplete');
    const scheduledAt = input.scheduledAt ? new Date(input.scheduledAt) : null;
    if (scheduledAt && scheduledAt.getTime() <= Date.now()) throw new AppError('statement.schedule-past');
    const attachments = (await listAttachments(tx, row.id)).filter((a) => row.content.attachmentIds.includes(a.id));
    const problems = checkVariants(row.content.variants, await accountsFor(tx, unit), { mimeTypes: attachments.map((a) => a.mimeType) });
    if (problems.length) throw new AppError('statement.variant-too-long', undefined, { problems });
    const chain = await resolveChain(tx, unit, row.kind, input.fastTrack);
    if (!chain) throw new AppError('statement.no-chain');

    const round = row.clearanceRound + 1;
    const updated = await updateStatementRow(tx, row.id, {
      status: 'in-clearance',
      clearance: { chainId: chain.id, chainName: chain.name, fastTrack: chain.fastTrack, steps: chain.steps, submittedVersion: row.version },
      clearanceRound: round,
      submittedAt: new Date(),
      changesRequested: null,
      scheduledAt,
    });
    if (scheduledAt) {
      await enqueueJob(tx, statementDueJob, { statementId: row.id, at: scheduledAt.toISOString() }, { runAt: scheduledAt, idempotencyKey: `${statementDueJob.name}:${row.id}:${scheduledAt.toISOString()}` });
    }
    await auditStatement(tx, actor, {
      action: 'statement.submitted',
      targetType: 'statement',
      targetId: row.id,
      unitId: unit.id,
      summary: { version: row.version, chain: chain.name, round, fastTrack: chain.fastTrack, scheduledAt: scheduledAt?.toISOString() ?? null },
    });
    await statementChangedEvent(tx, unit.id, { statementId: row.id, status: 'in-clearance', change: 'submitted', actorId: p.userId });
    return updated;
  });
}
