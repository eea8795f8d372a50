// The findings workflow: triage, assign, comment, resolve with an outcome, reopen. Each is one
// transaction: the finding locked, the step checked against its state (lifecycle.ts), the change,
// its audit entry and the live event that updates open lists and the navigation's count.
import type { FindingOutcome, FindingSeverity } from '@diplodesk/contracts';
import { eq } from 'drizzle-orm';
import { type Actor, appendAudit } from '../../../platform/audit/audit.ts';
import type { Principal } from '../../../platform/authz/principal.ts';
import { inTransaction, type PlatformContext } from '../../../platform/context.ts';
import { newIdFor } from '../../../platform/db/index.ts';
import { appendEvents } from '../../../platform/events/outbox.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { manageablePath } from '../integrity.policy.ts';
import type { FindingRow } from '../integrity.presenter.ts';
import { integrityFindingComments, integrityFindings } from '../integrity.tables.ts';
import { type FindingAction, statusAfter } from './lifecycle.ts';
import { mayBeAssigned } from './assignees.ts';
import { findFinding } from './findings.queries.ts';
import { findingChanged } from './raise-finding.ts';

export type FindingStep =
  | { action: 'triage'; severity?: FindingSeverity | undefined }
  | { action: 'assign'; assigneeId: string | null }
  | { action: 'comment'; text: string }
  | { action: 'resolve'; outcome: FindingOutcome; note?: string | undefined }
  | { action: 'reopen' };

const auditAction = {
  triage: 'integrity-finding.triaged',
  assign: 'integrity-finding.assigned',
  comment: 'integrity-finding.commented',
  resolve: 'integrity-finding.resolved',
  reopen: 'integrity-finding.reopened',
} as const satisfies Record<FindingAction, string>;

export async function actOnFinding(ctx: PlatformContext, p: Principal, id: string, step: FindingStep, actor: Actor): Promise<FindingRow> {
  const existing = await findFinding(ctx.db, id);
  if (!existing) throw new AppError('integrity-finding.not-found');
  const unitPath = await manageablePath(ctx.db, p, existing.unitId);
  if (step.action === 'assign' && step.assigneeId !== null && !(await mayBeAssigned(ctx.db, step.assigneeId, unitPath)))
    throw new AppError('request.invalid', 'A finding can only be assigned to an active person who may read the findings of its unit.', { issues: [{ path: 'assigneeId', message: 'this person may not read the findings of this unit' }] });
  return inTransaction(ctx, async (tx) => {
    const [f] = await tx.select().from(integrityFindings).where(eq(integrityFindings.id, id)).for('update');
    if (!f) throw new AppError('integrity-finding.not-found');
    const next = statusAfter(f.status, step.action);
    if (next === null) throw new AppError('integrity-finding.invalid-transition', undefined, { status: f.status, action: step.action });
    const now = new Date();
    const patch: Partial<typeof integrityFindings.$inferInsert> = { status: next, updatedAt: now };
    let summary: Record<string, unknown> = { from: f.status, to: next };
    if (step.action === 'triage') {
      Object.assign(patch, { triagedAt: f.triagedAt ?? now, ...(step.severity ? { severity: step.severity } : {}) });
      summary = { ...summary, severity: step.severity ?? f.severity };
    } else if (step.action === 'assign') {
      patch.assigneeId = step.assigneeId;
      summary = { ...summary, assigneeId: step.assigneeId, previousAssigneeId: f.assigneeId };
    } else if (step.action === 'resolve') {
      Object.assign(patch, { outcome: step.outcome, resolvedAt: now, resolvedBy: p.userId });
      summary = { ...summary, outcome: step.outcome };
    } else if (step.action === 'reopen') {
      Object.assign(patch, { outcome: null, resolvedAt: null, resolvedBy: null });
    }
    const note = step.action === 'comment' ? step.text : step.action === 'resolve' ? step.note : undefined;
    if (note) {
      const commentId = newIdFor();
      await tx.insert(integrityFindingComments).values({ id: commentId, findingId: id, authorId: p.userId, text: note });
      summary = { ...summary, commentId, length: note.length };
    }
    const [row] = await tx.update(integrityFindings).set(patch).where(eq(integrityFindings.id, id)).returning();
    if (!row) throw new AppError('integrity-finding.not-found');
    await appendAudit(tx, actor, { action: auditAction[step.action], targetType: 'integrity-finding', targetId: id, unitId: row.unitId, summary });
    // An assignment names the person and who assigned, so that person's open tabs can tell them.
    const assignment = step.action === 'assign' ? { assigneeId: step.assigneeId, assignedBy: p.userId } : {};
    await appendEvents(tx, [{ type: findingChanged, unitId: row.unitId, data: { findingId: id, detector: row.detector, severity: row.severity, status: row.status, action: step.action, ...assignment } }]);
    return row;
  });
}
