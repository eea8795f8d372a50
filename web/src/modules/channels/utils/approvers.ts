import { type ApproverRef, approvingRoles } from '@diplodesk/contracts';

type SavedRef = ApproverRef & ({ kind: 'user' } | { kind: 'role'; role: (typeof approvingRoles)[number] });

/** Approvers as one string each, for a multi-select: `role:approver`, `user:<id>`. */
export function encodeApprover(ref: ApproverRef): string {
  return ref.kind === 'role' ? `role:${ref.role}` : `user:${ref.userId}`;
}

/** Only roles that can approve decode: a chain naming any other role is refused by the server (four eyes). */
export function decodeApprover(value: string): SavedRef | null {
  const [kind, rest] = [value.slice(0, value.indexOf(':')), value.slice(value.indexOf(':') + 1)];
  const role = approvingRoles.find((r) => r === rest);
  if (kind === 'role' && role) return { kind: 'role', role };
  if (kind === 'user' && rest) return { kind: 'user', userId: rest };
  return null;
}
