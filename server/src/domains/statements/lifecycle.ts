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

/**
 * The person deciding: their id, whether they may approve at the statement's unit at all
 * (`statement.approve`, within their token's scope), and the roles through which they hold it there.
 */
export type Approver = { userId: string; mayApprove: boolean; rolesAtUnit: ReadonlySet<Role> };

/** Why a person cannot decide the current step now (the policy sends this to the client). */
export type DecideBlock = 'changed-text' | 'not-an-approver' | 'already-decided' | 'not-current';

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
  if (!approver.mayApprove) return false;
  return ref.kind === 'user' ? ref.userId === approver.userId : approver.rolesAtUnit.has(ref.role);
}

/**
 * Who changed the text of the current round: the creator, and the authors of the version that was
 * submitted and of every version since (an edit during clearance, or after it, stays in the round).
 * Without a recorded submitted version (older rows) every author counts.
 */
export function roundAuthors(createdBy: string | null, versions: readonly { number: number; authorId: string | null }[], submittedVersion: number | null): Set<string> {
  const authors = new Set<string>(createdBy ? [createdBy] : []);
  for (const v of versions) if (v.authorId && (submittedVersion === null || v.number >= submittedVersion)) authors.add(v.authorId);
  return authors;
}

/**
 * Who could decide a step, among people holding roles that reach the statement's unit: the step's
 * approvers, less anyone who changed the text of the round (the four-eyes rule below).
 */
export function eligibleDeciders<T extends Approver>(step: ClearanceStep, people: readonly T[], authors: ReadonlySet<string>): T[] {
  return people.filter((person) => !authors.has(person.userId) && isApproverOf(step, person));
}

/**
 * Four eyes: nobody who changed the text of the round decides in it (so nobody clears words they
 * wrote — the last step included), only approvers of the current step decide, once each.
 */
export function decideBlock(steps: readonly ClearanceStep[], decisions: readonly DecisionFact[], input: { approver: Approver; authors: ReadonlySet<string> }): DecideBlock | null {
  const { approver } = input;
  const view = evaluateClearance(steps, decisions);
  if (view.currentStep === null) return 'not-current';
  const step = steps[view.currentStep] as ClearanceStep;
  if (!isApproverOf(step, approver)) return 'not-an-approver';
  if (input.authors.has(approver.userId)) return 'changed-text';
  if (decisions.some((d) => d.valid && d.stepIndex === view.currentStep && d.approverId === approver.userId)) return 'already-decided';
  return null;
}

const violationOf: Record<DecideBlock, RuleViolation> = {
  'changed-text': 'statement.self-approval',
  'not-an-approver': 'statement.not-an-approver',
  'already-decided': 'statement.already-decided',
  'not-current': 'statement.invalid-state',
};

/** Whether this person is named (directly or by a role) in the step. */
export function isApproverOf(step: ClearanceStep, approver: Approver): boolean {
  return step.approvers.some((ref) => matches(ref, approver));
}

/**
 * Checks a decision against the rules and returns the slot an approval fills.
 * - Nobody who changed the text of the round decides in it (see `decideBlock`).
 * - Only approvers of the current step decide; each person fills at most one slot per step, so an
 *   "All" step needs as many different people as it names.
 * - A person named by user id is matched to that slot before a role slot.
 */
export function checkDecision(
  steps: readonly ClearanceStep[],
  decisions: readonly DecisionFact[],
  input: { approver: Approver; authors: ReadonlySet<string>; decision: ClearanceDecisionKind },
): { stepIndex: number; slot: number | null } {
  const { approver } = input;
  // The author of the words is refused first, whatever else holds: the answer names the real reason.
  if (input.authors.has(approver.userId)) throw new ClearanceRuleError('statement.self-approval');
  const block = decideBlock(steps, decisions, input);
  if (block) throw new ClearanceRuleError(violationOf[block]);
  const stepIndex = evaluateClearance(steps, decisions).currentStep as number;
  const step = steps[stepIndex] as ClearanceStep;
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
