import type { ClearanceStep, Role } from '@diplodesk/contracts';
import { describe, expect, it } from 'vitest';
import { type Approver, checkDecision, ClearanceRuleError, type DecisionFact, decideBlock, evaluateClearance, isClearanceExpired, roundAuthors, statusAfterEdit } from './lifecycle.ts';

const ANA = '00000000-0000-7000-8000-00000000000a';
const BUDI = '00000000-0000-7000-8000-00000000000b';
const CITRA = '00000000-0000-7000-8000-00000000000c';
const DEWI = '00000000-0000-7000-8000-00000000000d';
const AUTHOR = '00000000-0000-7000-8000-0000000000ff';

// Roles here are those through which the person holds `statement.approve` at the unit.
const person = (userId: string, ...roles: Role[]): Approver => ({ userId, mayApprove: true, rolesAtUnit: new Set(roles) });
const cannotApprove = (userId: string): Approver => ({ userId, mayApprove: false, rolesAtUnit: new Set() });
const authors = new Set([AUTHOR]);

// Desk head (any approver-role holder), then legal AND the director (both named).
const chain: ClearanceStep[] = [
  { name: 'Desk', mode: 'any', approvers: [{ kind: 'role', role: 'approver' }] },
  { name: 'Legal and director', mode: 'all', approvers: [{ kind: 'user', userId: BUDI }, { kind: 'user', userId: CITRA }] },
];

function approve(decisions: DecisionFact[], who: Approver): DecisionFact[] {
  const { stepIndex, slot } = checkDecision(chain, decisions, { approver: who, authors, decision: 'approve' });
  return [...decisions, { stepIndex, slot, approverId: who.userId, decision: 'approve', valid: true }];
}

function violation(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof ClearanceRuleError) return error.code;
    throw error;
  }
  return undefined;
}

describe('clearance lifecycle', () => {
  it('starts at the first step and clears when every step is satisfied in order', () => {
    let d: DecisionFact[] = [];
    expect(evaluateClearance(chain, d)).toMatchObject({ currentStep: 0, outcome: 'pending' });
    d = approve(d, person(ANA, 'approver'));
    expect(evaluateClearance(chain, d)).toMatchObject({ currentStep: 1, outcome: 'pending' });
    d = approve(d, person(BUDI));
    const mid = evaluateClearance(chain, d);
    expect(mid.steps[1]).toEqual({ state: 'current', satisfied: 1, needed: 2 });
    d = approve(d, person(CITRA));
    expect(evaluateClearance(chain, d)).toMatchObject({ currentStep: null, outcome: 'cleared' });
  });

  it('"Any" needs one approver; "All" needs every named approver, each a different person', () => {
    let d = approve([], person(ANA, 'approver'));
    expect(evaluateClearance(chain, d).steps[0]).toMatchObject({ state: 'approved', satisfied: 1, needed: 1 });
    d = approve(d, person(BUDI));
    expect(violation(() => approve(d, person(BUDI)))).toBe('statement.already-decided');
    expect(evaluateClearance(chain, d).outcome).toBe('pending');
  });

  it('refuses self-approval, even by an approver of the step', () => {
    expect(violation(() => checkDecision(chain, [], { approver: person(AUTHOR, 'approver'), authors, decision: 'approve' }))).toBe('statement.self-approval');
  });

  it('refuses people who are not approvers of the current step', () => {
    // Budi is named in step 2, not step 1; Dewi may not approve at all.
    expect(violation(() => checkDecision(chain, [], { approver: person(BUDI), authors, decision: 'approve' }))).toBe('statement.not-an-approver');
    expect(violation(() => checkDecision(chain, [], { approver: cannotApprove(DEWI), authors, decision: 'approve' }))).toBe('statement.not-an-approver');
  });

  it('a role slot can be filled by any holder of the role, a user slot only by that user', () => {
    const steps: ClearanceStep[] = [{ name: 'Two', mode: 'all', approvers: [{ kind: 'user', userId: BUDI }, { kind: 'role', role: 'admin' }] }];
    // Budi also holds admin: he fills his named slot first, leaving the admin slot for someone else.
    const first = checkDecision(steps, [], { approver: person(BUDI, 'admin'), authors, decision: 'approve' });
    expect(first.slot).toBe(0);
    const d: DecisionFact[] = [{ ...first, approverId: BUDI, decision: 'approve', valid: true }];
    const second = checkDecision(steps, d, { approver: person(CITRA, 'admin'), authors, decision: 'approve' });
    expect(second.slot).toBe(1);
    expect(evaluateClearance(steps, [...d, { ...second, approverId: CITRA, decision: 'approve', valid: true }]).outcome).toBe('cleared');
  });

  it('request changes and reject stop the round at that step', () => {
    const d = approve([], person(ANA, 'approver'));
    const changes = checkDecision(chain, d, { approver: person(BUDI), authors, decision: 'request-changes' });
    const view = evaluateClearance(chain, [...d, { ...changes, approverId: BUDI, decision: 'request-changes', valid: true }]);
    expect(view).toMatchObject({ outcome: 'changes-requested', currentStep: null });
    expect(view.steps.map((s) => s.state)).toEqual(['approved', 'changes-requested']);
    const rejected = evaluateClearance(chain, [{ stepIndex: 0, slot: null, approverId: ANA, decision: 'reject', valid: true }]);
    expect(rejected.outcome).toBe('rejected');
  });

  it('approvals made stale by an edit no longer count: clearance returns to the first step', () => {
    let d = approve([], person(ANA, 'approver'));
    d = approve(d, person(BUDI));
    // An edit marks every approval given so far invalid.
    const afterEdit = d.map((x) => ({ ...x, valid: false }));
    expect(evaluateClearance(chain, afterEdit)).toMatchObject({ currentStep: 0, outcome: 'pending' });
    // Ana may approve the new text again.
    expect(checkDecision(chain, afterEdit, { approver: person(ANA, 'approver'), authors, decision: 'approve' }).stepIndex).toBe(0);
    expect(statusAfterEdit('scheduled')).toBe('in-clearance');
    expect(statusAfterEdit('draft')).toBe('draft');
    expect(violation(() => statusAfterEdit('published'))).toBe('statement.invalid-state');
  });

  it('a clearance still pending at its scheduled time expires', () => {
    const at = new Date('2026-11-25T09:00:00Z');
    expect(isClearanceExpired('in-clearance', at, new Date('2026-11-25T09:00:00Z'))).toBe(true);
    expect(isClearanceExpired('in-clearance', at, new Date('2026-11-25T08:59:59Z'))).toBe(false);
    expect(isClearanceExpired('cleared', at, new Date('2026-11-25T10:00:00Z'))).toBe(false);
    expect(isClearanceExpired('in-clearance', null, new Date())).toBe(false);
  });

  it('four eyes: nobody who changed the text of the round decides in it, at any step', () => {
    const editedBy = new Set([AUTHOR, ANA]);
    expect(violation(() => checkDecision(chain, [], { approver: person(ANA, 'approver'), authors: editedBy, decision: 'approve' }))).toBe('statement.self-approval');
    expect(decideBlock(chain, [], { approver: person(ANA, 'approver'), authors: editedBy })).toBe('changed-text');
    // Budi edited since submission: when the last step comes round he still cannot clear it.
    const d = approve([], person(DEWI, 'approver'));
    expect(violation(() => checkDecision(chain, d, { approver: person(BUDI), authors: new Set([AUTHOR, BUDI]), decision: 'approve' }))).toBe('statement.self-approval');
    expect(decideBlock(chain, d, { approver: person(CITRA), authors: new Set([AUTHOR, BUDI]) })).toBeNull();
  });

  it('a person named by id who may not approve (role or token scope) is not an approver', () => {
    const d = approve([], person(ANA, 'approver'));
    expect(violation(() => checkDecision(chain, d, { approver: cannotApprove(BUDI), authors, decision: 'approve' }))).toBe('statement.not-an-approver');
    expect(decideBlock(chain, d, { approver: cannotApprove(BUDI), authors })).toBe('not-an-approver');
  });

  it('the round\'s authors: the creator, the submitted version\'s author and everyone who edited since', () => {
    const versions = [
      { number: 1, authorId: AUTHOR },
      { number: 2, authorId: DEWI },
      { number: 3, authorId: ANA },
      { number: 4, authorId: BUDI },
    ];
    expect([...roundAuthors(AUTHOR, versions, 3)].sort()).toEqual([ANA, BUDI, AUTHOR].sort());
    expect(roundAuthors(null, versions, null).size).toBe(4);
  });
});
