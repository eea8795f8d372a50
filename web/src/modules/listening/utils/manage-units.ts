import { type MembershipDto, type UnitDto, rolePermissions } from '@diplodesk/contracts';

/** Units where the person may add sources: a role with `listening.manage` on the unit or an ancestor. */
export function manageableUnitIds(units: readonly UnitDto[], memberships: readonly MembershipDto[]): Set<string> {
  const granting = new Set(memberships.filter((m) => rolePermissions[m.role].includes('listening.manage')).map((m) => m.unitId));
  const byId = new Map(units.map((u) => [u.id, u]));
  const result = new Set<string>();
  for (const unit of units) {
    let current: UnitDto | undefined = unit;
    while (current) {
      if (granting.has(current.id)) {
        result.add(unit.id);
        break;
      }
      current = current.parentId ? byId.get(current.parentId) : undefined;
    }
  }
  return result;
}
