// A finding's workflow as data: new → triaged → resolved (with an outcome), and back by reopening.
import type { FindingStatus } from '@diplodesk/contracts';

export type FindingAction = 'triage' | 'assign' | 'comment' | 'resolve' | 'reopen';

/** In which states each action may be taken. */
const allowedIn: Record<FindingAction, readonly FindingStatus[]> = {
  // Triage again changes the severity of a finding already triaged.
  triage: ['new', 'triaged'],
  assign: ['new', 'triaged'],
  comment: ['new', 'triaged', 'resolved'],
  resolve: ['new', 'triaged'],
  reopen: ['resolved'],
};

/** The status after the action (the action must be allowed). */
const nextStatus: Record<FindingAction, (from: FindingStatus) => FindingStatus> = {
  triage: () => 'triaged',
  assign: (from) => from,
  comment: (from) => from,
  resolve: () => 'resolved',
  reopen: () => 'triaged',
};

export const findingActions = Object.keys(allowedIn) as FindingAction[];

export function canTakeAction(status: FindingStatus, action: FindingAction): boolean {
  return allowedIn[action].includes(status);
}

/** The status after `action`, or null when the action is not allowed in `status`. */
export function statusAfter(status: FindingStatus, action: FindingAction): FindingStatus | null {
  return canTakeAction(status, action) ? nextStatus[action](status) : null;
}

/** New and triaged findings are open: they count in the navigation. */
export const openStatuses: readonly FindingStatus[] = ['new', 'triaged'];
