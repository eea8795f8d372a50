import type { MembershipDto, UnitDto, UserDto } from '@diplodesk/contracts';
import type { Principal } from '../../platform/authz/principal.ts';
import { unitPolicies, userPolicies } from './identity.policy.ts';
import type { ApiTokenRow, MembershipWithUnit, UnitRow, UserRow } from './identity.repo.ts';

// Presenters are the only way rows leave the domain: password hashes, TOTP seeds and token
// hashes are never copied into a DTO.
export function presentUnit(p: Principal, u: UnitRow): UnitDto {
  return {
    id: u.id,
    parentId: u.parentId,
    kind: u.kind,
    name: u.name,
    code: u.code,
    timeZone: u.timeZone,
    countryCode: u.countryCode,
    city: u.city,
    createdAt: u.createdAt.toISOString(),
    updatedAt: u.updatedAt.toISOString(),
    policies: unitPolicies(p, u),
  };
}

export function presentMembership(m: MembershipWithUnit): MembershipDto {
  return { id: m.id, userId: m.userId, unitId: m.unitId, unitName: m.unitName, role: m.role, createdAt: m.createdAt.toISOString() };
}

export function presentUser(p: Principal, u: UserRow, ms: MembershipWithUnit[], rootPath: string, hasPasskey: boolean): UserDto {
  return {
    id: u.id,
    email: u.email,
    displayName: u.displayName,
    locale: u.locale,
    timeZone: u.timeZone,
    isActive: u.isActive,
    mfaEnabled: u.totpEnabled,
    hasPasskey,
    hasPassword: u.passwordHash !== null,
    mustChangePassword: u.mustChangePassword,
    lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
    createdAt: u.createdAt.toISOString(),
    memberships: ms.map(presentMembership),
    policies: userPolicies(p, u.id, ms, rootPath),
  };
}

export function presentToken(t: ApiTokenRow) {
  return {
    id: t.id,
    name: t.name,
    scopes: t.scopes,
    prefix: t.prefix,
    createdAt: t.createdAt.toISOString(),
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
    expiresAt: t.expiresAt?.toISOString() ?? null,
  };
}
