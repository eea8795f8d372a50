import { type MembershipDto, type Permission, type UnitDto, roleGrants } from '@diplodesk/contracts';

/**
 * Units where the person holds `permission` through a role on the unit or one of its ancestors
 * (roles apply to a unit and everything under it). Units come in the API's flat list.
 */
export function unitsWithPermission(units: readonly UnitDto[], memberships: readonly Pick<MembershipDto, 'unitId' | 'role'>[], permission: Permission): UnitDto[] {
  const granted = new Set(memberships.filter((m) => roleGrants(m.role, permission)).map((m) => m.unitId));
  const byId = new Map(units.map((u) => [u.id, u]));
  return units.filter((unit) => {
    let current: UnitDto | undefined = unit;
    // The visited set guards against a malformed parent loop.
    const seen = new Set<string>();
    while (current && !seen.has(current.id)) {
      if (granted.has(current.id)) return true;
      seen.add(current.id);
      current = current.parentId ? byId.get(current.parentId) : undefined;
    }
    return false;
  });
}

/** The ids of those units, for membership tests. */
export function unitIdsWithPermission(units: readonly UnitDto[], memberships: readonly Pick<MembershipDto, 'unitId' | 'role'>[], permission: Permission): Set<string> {
  return new Set(unitsWithPermission(units, memberships, permission).map((u) => u.id));
}
