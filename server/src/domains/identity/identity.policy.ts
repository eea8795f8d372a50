import type { Policies } from '@diplodesk/contracts';
import { type Principal, can, isWithin } from '../../platform/authz/principal.ts';
import type { MembershipWithUnit, UnitRow } from './identity.repo.ts';

/** What the caller may do with a unit; sent with the unit so the UI never re-derives it. */
export function unitPolicies(p: Principal, unit: Pick<UnitRow, 'path' | 'parentId'>): Policies {
  return {
    read: can(p, 'unit.read', unit.path),
    update: can(p, 'unit.update', unit.path),
    createChild: can(p, 'unit.create', unit.path),
    manageMembers: can(p, 'membership.manage', unit.path),
  };
}

/**
 * A user-level action (edit, set password) needs the permission over every unit the target
 * belongs to — a mission's admin cannot take over a headquarters account. A user with no
 * membership is reachable only from the root.
 */
export function canActOnUser(p: Principal, permission: 'user.update' | 'user.read', targetMemberships: Pick<MembershipWithUnit, 'unitPath'>[], rootPath: string): boolean {
  if (targetMemberships.length === 0) return can(p, permission, rootPath);
  if (permission === 'user.read') return targetMemberships.some((m) => can(p, permission, m.unitPath));
  return targetMemberships.every((m) => can(p, permission, m.unitPath));
}

export function userPolicies(p: Principal, targetId: string, targetMemberships: MembershipWithUnit[], rootPath: string): Policies {
  const isSelf = p.userId === targetId;
  const update = canActOnUser(p, 'user.update', targetMemberships, rootPath);
  return {
    read: isSelf || canActOnUser(p, 'user.read', targetMemberships, rootPath),
    update,
    setPassword: update && !isSelf,
    resetMfa: update && !isSelf,
    manageMemberships: can(p, 'membership.manage'),
  };
}

/** May the caller grant or revoke a role at this unit? */
export function canManageMembershipAt(p: Principal, unitPath: string): boolean {
  return can(p, 'membership.manage', unitPath);
}

export function isUnitInSubtree(unitPath: string, ofPath: string): boolean {
  return isWithin(unitPath, ofPath);
}
