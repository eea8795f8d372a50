import { type ApproverRef, type Role, roles } from '@diplodesk/contracts';

/** Approvers as one string each, for a multi-select: `role:editor`, `user:<id>`. */
export function encodeApprover(ref: ApproverRef): string {
  return ref.kind === 'role' ? `role:${ref.role}` : `user:${ref.userId}`;
}

export function decodeApprover(value: string): ApproverRef | null {
  const [kind, rest] = [value.slice(0, value.indexOf(':')), value.slice(value.indexOf(':') + 1)];
  if (kind === 'role' && (roles as readonly string[]).includes(rest)) return { kind: 'role', role: rest as Role };
  if (kind === 'user' && rest) return { kind: 'user', userId: rest };
  return null;
}
