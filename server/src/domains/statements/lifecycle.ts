// The clearance rules, pure: which step is current, who may decide, what a decision does.
// Commands load the rows, ask these functions, and write what they return.
import type { ApproverRef, ClearanceDecisionKind, ClearanceStep, Role, StatementStatus } from '@diplodesk/contracts';

/** A decision as the rules see it (only the current round's decisions are passed in). */
export type DecisionFact = {
  stepIndex: number;
  approverId: string;
  decision: ClearanceDecisionKind;
  /** Which approver slot of the step an approval fills. */
  slot: number | null;
  /** False once an edit made it stale. */
  valid: boolean;
};

/** The person deciding: their id and the roles they hold at the statement's unit (inherited from ancestors). */
export type Approver = { userId: string; rolesAtUnit: ReadonlySet<Role> };

export type StepState = 'waiting' | 'current' | 'approved' | 'changes-requested' | 'rejected';

export type ClearanceView = {
  steps: { state: StepState; satisfied: number; needed: number }[];
  currentStep: number | null;
  outcome: 'pending' | 'cleared' | 'changes-requested' | 'rejected';
};

export type RuleViolation = 'statement.self-approval' | 'statement.not-an-approver' | 'statement.already-decided' | 'statement.invalid-state';

export class ClearanceRuleError extends Error {
  readonly code: RuleViolation;

  constructor(code: RuleViolation) {
    super(code);
    this.code = code;
  }
}

const needed = (step: ClearanceStep): number => (step.mode === 'any' ? 1 : step.approvers.length);

function filledSlots(decisions: readonly DecisionFact[], stepIndex: number): Set<number> {
  return new Set(decisions.filter((d) => d.valid && d.stepIndex === stepIndex && d.decision === 'approve' && d.slot !== null).map((d) => d.slot as number));
}

/** Where a clearance stands, from the chain snapshot and the round's decisions. */
export function evaluateClearance(steps: readonly ClearanceStep[], decisions: readonly DecisionFact[]): ClearanceView {
  const valid = decisions.filter((d) => d.valid);
  const stop = valid.find((d) => d.decision === 'reject' || d.decision === 'request-changes');
  let currentStep: number | null = null;
  const view = steps.map((step, index) => {
    const satisfied = Math.min(filledSlots(valid, index).size, needed(step));
    let state: StepState;
    if (stop && stop.stepIndex === index) state = stop.decision === 'reject' ? 'rejected' : 'changes-requested';
    else if (satisfied >= needed(step) && currentStep === null) state = 'approved';
    else if (currentStep === null && !stop) {
      state = 'current';
      currentStep = index;
    } else state = 'waiting';
    return { state, satisfied, needed: needed(step) };
  });
  const outcome = stop ? (stop.decision === 'reject' ? 'rejected' : 'changes-requested') : currentStep === null ? 'cleared' : 'pending';
  return { steps: view, currentStep: stop ? null : currentStep, outcome };
}

function matches(ref: ApproverRef, approver: Approver): boolean {
  return ref.kind === 'user' ? ref.userId === approver.userId : approver.rolesAtUnit.has(ref.role);
}

/** Whether this person is named (directly or by a role) in the step. */
export function isApproverOf(step: ClearanceStep, approver: Approver): boolean {
  return step.approvers.some((ref) => matches(ref, approver));
}

/**
 * Checks a decision against the rules and returns the slot an approval fills.
 * - Nobody clears their own draft.
 * - Only approvers of the current step decide; each person fills at most one slot per step, so an
 *   "All" step needs as many different people as it names.
 * - A person named by user id is matched to that slot before a role slot.
 */
export function checkDecision(
  steps: readonly ClearanceStep[],
  decisions: readonly DecisionFact[],
  input: { approver: Approver; authorId: string | null; decision: ClearanceDecisionKind },
): { stepIndex: number; slot: number | null } {
  const { approver } = input;
  if (input.authorId !== null && approver.userId === input.authorId) throw new ClearanceRuleError('statement.self-approval');
  const view = evaluateClearance(steps, decisions);
  if (view.currentStep === null) throw new ClearanceRuleError('statement.invalid-state');
  const stepIndex = view.currentStep;
  const step = steps[stepIndex] as ClearanceStep;
  if (!isApproverOf(step, approver)) throw new ClearanceRuleError('statement.not-an-approver');
  const mine = decisions.some((d) => d.valid && d.stepIndex === stepIndex && d.approverId === approver.userId);
  if (mine) throw new ClearanceRuleError('statement.already-decided');
  if (input.decision !== 'approve') return { stepIndex, slot: null };
  const filled = filledSlots(decisions, stepIndex);
  const open = step.approvers.map((ref, slot) => ({ ref, slot })).filter(({ ref, slot }) => !filled.has(slot) && matches(ref, approver));
  const pick = open.find((o) => o.ref.kind === 'user') ?? open[0];
  if (!pick) throw new ClearanceRuleError('statement.not-an-approver');
  return { stepIndex, slot: pick.slot };
}

/** Statuses in which the content may still change (an edit past clearance sends it back for clearance). */
export function isEditable(status: StatementStatus): boolean {
  return status === 'draft' || status === 'in-clearance' || status === 'cleared' || status === 'scheduled';
}

/**
 * The status after a content edit: a draft stays a draft; anything already (partly) approved goes
 * back to clearance, since every approval given so far was for other words.
 */
export function statusAfterEdit(status: StatementStatus): StatementStatus {
  if (!isEditable(status)) throw new ClearanceRuleError('statement.invalid-state');
  return status === 'draft' ? 'draft' : 'in-clearance';
}

/** A clearance still pending when its scheduled time arrives expires instead of publishing. */
export function isClearanceExpired(status: StatementStatus, scheduledAt: Date | null, now: Date): boolean {
  return status === 'in-clearance' && scheduledAt !== null && scheduledAt.getTime() <= now.getTime();
}

/** Statuses from which "withdraw" is allowed. */
export function isWithdrawable(status: StatementStatus): boolean {
  return status === 'published' || status === 'scheduled' || status === 'cleared';
}
