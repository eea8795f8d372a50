import type { Actor } from '../../../platform/audit/audit.ts';
import { type Principal, can, requirePermission } from '../../../platform/authz/principal.ts';
import { inTransaction, type PlatformContext } from '../../../platform/context.ts';
import { appendEvents } from '../../../platform/events/outbox.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { findRootUnit } from '../../identity/index.ts';
import { isWithdrawable } from '../lifecycle.ts';
import { withdrawSignedStatement } from '../newsroom/index.ts';
import { cancelPendingPublications, withdrawPublications } from '../publishing/index.ts';
import { requireUnit } from '../statement-access.ts';
import { auditStatement, statementChangedEvent } from '../statements.audit.ts';
import { withdrawPermission } from '../statements.policy.ts';
import { statementWithdrawn, type StatementWithdrawnData } from '../statements.events.ts';
import { lockStatement, type StatementRow, updateStatementRow } from '../statements.repo.ts';

/**
 * Withdraws a statement: posts are deleted where the platform allows it, pending ones cancelled,
 * the newsroom pages stay with a "withdrawn" notice and the reason, and the record is kept.
 */
export async function withdrawStatement(ctx: PlatformContext, p: Principal, id: string, input: { reason: string }, actor: Actor): Promise<StatementRow> {
  return inTransaction(ctx, async (tx) => {
    const row = await lockStatement(tx, id);
    if (!row) throw new AppError('statement.not-found');
    const unit = await requireUnit(tx, row.unitId);
    if (!can(p, 'statement.read', unit.path)) throw new AppError('statement.not-found');
    if (!isWithdrawable(row.status)) throw new AppError('statement.invalid-state');
    requirePermission(p, withdrawPermission(row), unit.path);
    const at = new Date();
    await cancelPendingPublications(tx, { statementId: row.id, reason: `withdrawn: ${input.reason}` });
    await withdrawPublications(tx, { statementId: row.id, reason: input.reason, actorId: p.userId });
    await withdrawSignedStatement(tx, ctx, { statementId: row.id, reason: input.reason, at });
    const updated = await updateStatementRow(tx, row.id, { status: 'withdrawn', withdrawnAt: at, withdrawReason: input.reason });
    const root = await findRootUnit(tx);
    if (row.status === 'published') {
      const data: StatementWithdrawnData = { statementId: row.id, organisationId: root?.id ?? unit.id, unitId: unit.id, reason: input.reason, withdrawnAt: at.toISOString() };
      await appendEvents(tx, [{ type: statementWithdrawn, unitId: unit.id, data }]);
    }
    await auditStatement(tx, actor, { action: 'statement.withdrawn', targetType: 'statement', targetId: row.id, unitId: unit.id, summary: { reason: input.reason, statusBefore: row.status } });
    await statementChangedEvent(tx, unit.id, { statementId: row.id, status: 'withdrawn', change: 'withdrawn', actorId: p.userId });
    return updated;
  });
}
