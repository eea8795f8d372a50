import type { ClearanceDecisionKind } from '@diplodesk/contracts';
import type { Actor } from '../../../platform/audit/audit.ts';
import { type Principal, can, requirePermission } from '../../../platform/authz/principal.ts';
import { inTransaction, type PlatformContext } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { checkDecision, ClearanceRuleError, type DecisionFact, evaluateClearance } from '../lifecycle.ts';
import { approverAt, requireUnit, roundAuthorsOf } from '../statement-access.ts';
import { auditStatement, statementChangedEvent } from '../statements.audit.ts';
import { type DecisionRow, insertDecision, listDecisions, lockStatement, type StatementRow, updateStatementRow } from '../statements.repo.ts';
import { signAndSchedule } from './sign-and-schedule.ts';

export function decisionFacts(rows: DecisionRow[], round: number): DecisionFact[] {
  return rows
    .filter((d) => d.round === round)
    .map((d) => ({ stepIndex: d.stepIndex, approverId: d.approverId, decision: d.decision, slot: d.slot, valid: d.invalidatedAt === null }));
}

const auditActionOf = { approve: 'statement.approved', 'request-changes': 'statement.changes-requested', reject: 'statement.rejected' } as const;

/**
 * An approver decides on the current step of the version they read. The last approval clears the
 * statement; if its time is already set it is signed and scheduled in the same transaction.
 */
export async function decideClearance(
  ctx: PlatformContext,
  p: Principal,
  id: string,
  input: { baseVersion: number; decision: ClearanceDecisionKind; reason?: string | undefined },
  actor: Actor,
): Promise<StatementRow> {
  return inTransaction(ctx, async (tx) => {
    const row = await lockStatement(tx, id);
    if (!row) throw new AppError('statement.not-found');
    const unit = await requireUnit(tx, row.unitId);
    if (!can(p, 'statement.read', unit.path)) throw new AppError('statement.not-found');
    requirePermission(p, 'statement.approve', unit.path);
    if (row.status !== 'in-clearance' || !row.clearance) throw new AppError('statement.invalid-state');
    if (input.baseVersion !== row.version) throw new AppError('statement.version-conflict', undefined, { current: row.version });
    const steps = row.clearance.steps;
    const facts = decisionFacts(await listDecisions(tx, [row.id]), row.clearanceRound);
    let checked: { stepIndex: number; slot: number | null };
    try {
      const authors = (await roundAuthorsOf(tx, [row])).get(row.id) ?? new Set<string>();
      checked = checkDecision(steps, facts, { approver: approverAt(p, unit.path), authors, decision: input.decision });
    } catch (error) {
      if (error instanceof ClearanceRuleError) throw new AppError(error.code);
      throw error;
    }
    const reason = input.reason?.trim() || null;
    await insertDecision(tx, {
      statementId: row.id,
      round: row.clearanceRound,
      stepIndex: checked.stepIndex,
      approverId: p.userId,
      approverName: p.displayName,
      decision: input.decision,
      reason,
      version: row.version,
      slot: checked.slot,
    });
    await auditStatement(tx, actor, {
      action: auditActionOf[input.decision],
      targetType: 'statement',
      targetId: row.id,
      unitId: unit.id,
      summary: { version: row.version, round: row.clearanceRound, step: checked.stepIndex, stepName: steps[checked.stepIndex]?.name ?? '', reason },
    });
    const view = evaluateClearance(steps, [...facts, { ...checked, approverId: p.userId, decision: input.decision, valid: true }]);
    let updated = row;
    if (view.outcome === 'changes-requested') {
      updated = await updateStatementRow(tx, row.id, { status: 'draft', changesRequested: { reason: reason ?? '', by: p.displayName, at: new Date().toISOString() } });
    } else if (view.outcome === 'rejected') {
      updated = await updateStatementRow(tx, row.id, { status: 'rejected' });
    } else if (view.outcome === 'cleared') {
      updated = await updateStatementRow(tx, row.id, { status: 'cleared' });
      await auditStatement(tx, actor, { action: 'statement.cleared', targetType: 'statement', targetId: row.id, unitId: unit.id, summary: { version: row.version, round: row.clearanceRound } });
      if (row.scheduledAt) updated = await signAndSchedule(tx, ctx, updated, unit, row.scheduledAt, actor);
    }
    await statementChangedEvent(tx, unit.id, { statementId: row.id, status: updated.status, change: input.decision === 'approve' ? (view.outcome === 'cleared' ? 'cleared' : 'approved') : input.decision, actorId: p.userId });
    return updated;
  });
}
