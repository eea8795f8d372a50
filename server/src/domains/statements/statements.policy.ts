import type { Policies } from '@diplodesk/contracts';
import { type Principal, can, scopeAllows } from '../../platform/authz/principal.ts';
import { type DecideBlock, type DecisionFact, decideBlock, isEditable, isWithdrawable } from './lifecycle.ts';
import { approverAt } from './statement-access.ts';
import type { StatementRow } from './statements.repo.ts';

/** Why the caller cannot decide on this statement now (null: they can, or it is not in clearance). */
export function decideBlockFor(p: Principal, row: StatementRow, unitPath: string, facts: DecisionFact[], authors: ReadonlySet<string>): DecideBlock | null {
  if (row.status !== 'in-clearance' || !row.clearance) return null;
  return decideBlock(row.clearance.steps, facts, { approver: approverAt(p, unitPath), authors });
}

/** The permission a withdrawal needs: taking back what the ministry published is an approver's call. */
export function withdrawPermission(row: Pick<StatementRow, 'status'>): 'statement.approve' | 'statement.draft' {
  return row.status === 'published' ? 'statement.approve' : 'statement.draft';
}

/**
 * Comments come from those who draft or clear at the unit, and from the statement's author even
 * without a role there now — but a token needs a writing scope: a read-only token writes nothing.
 */
export function mayComment(p: Principal, row: Pick<StatementRow, 'createdBy'>, unitPath: string): boolean {
  if (can(p, 'statement.draft', unitPath) || can(p, 'statement.approve', unitPath)) return true;
  return row.createdBy === p.userId && (scopeAllows(p, 'statement.draft') || scopeAllows(p, 'statement.approve'));
}

/** What the caller may do with a statement now; the UI shows exactly these actions. */
export function statementPolicies(p: Principal, row: StatementRow, unitPath: string, facts: DecisionFact[], authors: ReadonlySet<string>): Policies {
  const drafts = can(p, 'statement.draft', unitPath);
  const decide = row.status === 'in-clearance' && row.clearance !== null && decideBlockFor(p, row, unitPath, facts, authors) === null;
  return {
    edit: drafts && isEditable(row.status),
    submit: drafts && row.status === 'draft',
    decide,
    schedule: drafts && row.status === 'cleared',
    withdraw: isWithdrawable(row.status) && can(p, withdrawPermission(row), unitPath),
    comment: mayComment(p, row, unitPath),
    respond: can(p, 'statement.draft'),
  };
}
