import type { Policies } from '@diplodesk/contracts';
import { type Principal, can } from '../../platform/authz/principal.ts';
import { evaluateClearance, isApproverOf, isEditable, isWithdrawable, type DecisionFact } from './lifecycle.ts';
import { rolesAt } from './statement-access.ts';
import type { StatementRow } from './statements.repo.ts';

/** What the caller may do with a statement now; the UI shows exactly these actions. */
export function statementPolicies(p: Principal, row: StatementRow, unitPath: string, facts: DecisionFact[]): Policies {
  const drafts = can(p, 'statement.draft', unitPath);
  let decide = false;
  if (row.status === 'in-clearance' && row.clearance && row.createdBy !== p.userId) {
    const view = evaluateClearance(row.clearance.steps, facts);
    const step = view.currentStep === null ? undefined : row.clearance.steps[view.currentStep];
    const decided = facts.some((f) => f.valid && f.stepIndex === view.currentStep && f.approverId === p.userId);
    decide = step !== undefined && !decided && isApproverOf(step, { userId: p.userId, rolesAtUnit: rolesAt(p, unitPath) });
  }
  return {
    edit: drafts && isEditable(row.status),
    submit: drafts && row.status === 'draft',
    decide,
    schedule: drafts && row.status === 'cleared',
    withdraw: drafts && isWithdrawable(row.status),
    comment: drafts || can(p, 'statement.approve', unitPath) || row.createdBy === p.userId,
    respond: can(p, 'statement.draft'),
  };
}
